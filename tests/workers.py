"""Start real worker processes against the test database and the real queue."""

from __future__ import annotations

import os
import subprocess
import sys
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
        huey = PriorityRedisHuey("carewatch", url=settings.REDIS_URL, results=False, utc=True)
    else:
        huey = SqliteHuey("carewatch", filename=str(settings.DATA_DIR / "tasks.sqlite3"), results=False, utc=True)
    huey._registry = settings.HUEY._registry  # the same task names the workers know
    return huey


def enqueue_pipeline(huey: Any, ids: list[int]) -> None:
    from huey.contrib.djhuey.tasks_backend import _shim

    huey.enqueue(_shim.s("carewatch.sources.tasks.process_inbound_events", [ids], {}))


@contextmanager
def workers(count: int, threads: int = 2) -> Iterator[list[subprocess.Popen[bytes]]]:
    procs = [
        subprocess.Popen([sys.executable, "-m", "carewatch.cli", "worker", "--threads", str(threads)],
                         env=subprocess_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for _ in range(count)
    ]
    try:
        yield procs
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


def wait_for(predicate: Any, timeout: float = 60.0, interval: float = 0.1) -> bool:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()
