"""Start real worker processes against the test database and the real queue."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import connection


def subprocess_env(**extra: str) -> dict[str, str]:
    """The environment a child process needs to use this test's database and queue."""
    db = settings.DATABASES["default"]
    if connection.vendor == "sqlite":
        url = f"sqlite:///{db['NAME']}"
    else:
        url = f"postgres://{db.get('USER') or 'postgres'}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"
    env = {**os.environ, "DATABASE_URL": url, "CAREWATCH_TASKS_IMMEDIATE": "0",
           "DJANGO_SETTINGS_MODULE": "carewatch.settings"}
    env.update(extra)
    return env


def real_huey() -> Any:
    """A queue client on the same storage the workers consume (the test's own one is in-memory)."""
    from huey import PriorityRedisHuey, SqliteHuey

    if settings.REDIS_URL:
        huey = PriorityRedisHuey(settings.QUEUE_NAME, url=settings.REDIS_URL, results=False, utc=True)
    else:
        huey = SqliteHuey(settings.QUEUE_NAME, filename=str(settings.DATA_DIR / "tasks.sqlite3"), results=False, utc=True)
    huey._registry = settings.HUEY._registry  # the same task names the workers know
    return huey


def enqueue_pipeline(huey: Any, ids: list[int]) -> None:
    from huey.contrib.djhuey.tasks_backend import _shim

    huey.enqueue(_shim.s("carewatch.sources.tasks.process_inbound_events", [ids], {}))


@contextmanager
def workers(count: int, threads: int = 2) -> Iterator[list[subprocess.Popen[bytes]]]:
    # Each worker's output goes to a file: a pipe nobody reads fills up and stops a chatty worker.
    logs = [tempfile.TemporaryFile() for _ in range(count)]  # noqa: SIM115 - closed below
    procs = [
        subprocess.Popen([sys.executable, "-m", "carewatch.cli", "worker", "--threads", str(threads)],
                         env=subprocess_env(), stdout=log, stderr=subprocess.STDOUT)
        for log in logs
    ]
    try:
        yield procs
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=30)
        for log in logs:
            log.close()


def wait_for(predicate: Any, timeout: float = 300.0, interval: float = 0.1) -> bool:
    """Poll a condition; ``timeout`` only bounds a hang (a loaded machine is slow, never wrong)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()
