from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import Any

import psutil

from tests.pipeline.workers import wait_for


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get(url: str) -> tuple[int, dict[str, Any]]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_serve_migrates_runs_web_and_worker_and_ctrl_c_stops_the_whole_tree(tmp_path: Path) -> None:
    """What `make run` does after the demo: one command, one process tree, Ctrl-C stops all."""
    port = free_port()
    env = {**os.environ, "CAREWATCH_DATA_DIR": str(tmp_path), "CAREWATCH_TASKS_IMMEDIATE": "0",
           "DJANGO_SETTINGS_MODULE": "carewatch.settings"}
    env.pop("DATABASE_URL", None)  # the embedded default: SQLite and the SQLite queue
    env.pop("REDIS_URL", None)
    proc = subprocess.Popen([sys.executable, "-m", "carewatch.cli", "serve", "--port", str(port), "--web-workers", "1"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        healthy = wait_for(lambda: _status(port) == 200, timeout=60, interval=0.3)
        assert healthy, proc.stdout.read1().decode() if proc.stdout else ""
        _, body = get(f"http://127.0.0.1:{port}/healthz")
        assert body["worker"]["alive"] == 1 and body["database"]["engine"] == "sqlite"
        assert (tmp_path / "carewatch.sqlite3").exists() and (tmp_path / "tasks.sqlite3").exists()
        tree = [proc.pid] + [c.pid for c in psutil.Process(proc.pid).children(recursive=True)]
        assert len(tree) >= 3, "serve, the web server and the worker"
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
        proc.wait(timeout=30)
        assert wait_for(lambda: not any(psutil.pid_exists(p) and psutil.Process(p).status() != psutil.STATUS_ZOMBIE
                                        for p in tree), timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)


def _status(port: int) -> int:
    try:
        return get(f"http://127.0.0.1:{port}/healthz")[0]
    except OSError:
        return 0
