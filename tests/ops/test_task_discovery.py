"""The worker finds every app's tasks by itself (issue 14: periodic tasks discovered, not listed)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import carewatch

PACKAGE = Path(carewatch.__file__).parent
TASK_DECORATORS = ("@db_periodic_task", "@periodic_task", "@db_task", "@task(")


def _modules_defining_tasks() -> set[str]:
    found = set()
    for path in PACKAGE.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        text = path.read_text()
        if any(line.lstrip().startswith(TASK_DECORATORS) for line in text.splitlines()):
            found.add(".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts))
    return found


def test_the_worker_loads_every_module_that_defines_a_task_without_a_list_to_keep() -> None:
    # A fresh interpreter: this test process has imported most of the desk already.
    script = ("import json, sys, django; django.setup();"
              "from carewatch.ops.worker import load_task_modules; load_task_modules();"
              "print(json.dumps(sorted(m for m in sys.modules if m.startswith('carewatch.'))))")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                         env={**os.environ, "DJANGO_SETTINGS_MODULE": "carewatch.settings_test"})
    loaded = set(json.loads(out.stdout.strip().splitlines()[-1]))
    expected = _modules_defining_tasks()
    assert "carewatch.content.tasks" in expected  # the scheduled-post publisher, once missing from the list
    assert expected - loaded == set()


def test_the_worker_module_names_no_app() -> None:
    source = (PACKAGE / "ops" / "worker.py").read_text()
    assert "import carewatch." not in source
