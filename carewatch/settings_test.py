"""Settings for the test suite: its own data dir, tasks run in-process unless a test starts
real workers. Environment variables still win (CI sets DATABASE_URL and REDIS_URL)."""

import atexit
import os
import shutil
import tempfile

# Each test process has its own data dir (SQLite task queue, webhook spool) and its own task
# queue, so two pytest-xdist workers sharing one Redis never take or flush each other's tasks. The
# real workers a test starts inherit them through the environment. The xdist controller loads these
# settings too, before it starts the workers, so an inherited value is used only by a process of
# the same test worker (marked by CAREWATCH_TEST_PROCESS), never by the next worker.
_test_process = os.environ.get("PYTEST_XDIST_WORKER", "main")
if os.environ.get("CAREWATCH_TEST_PROCESS") != _test_process:
    os.environ["CAREWATCH_TEST_PROCESS"] = _test_process
    _data_dir = tempfile.mkdtemp(prefix=f"carewatch-test-{_test_process}-")
    os.environ["CAREWATCH_DATA_DIR"] = _data_dir
    atexit.register(shutil.rmtree, _data_dir, True)
    os.environ["CAREWATCH_QUEUE_NAME"] = f"carewatch-test-{_test_process}"
os.environ.setdefault("CAREWATCH_TASKS_IMMEDIATE", "1")

from carewatch.settings import *  # noqa: E402, F403

# Argon2 still, with cheap parameters so fixtures are fast (production uses Django's defaults).
PASSWORD_HASHERS = ["carewatch.lib.testing.CheapArgon2PasswordHasher"]

# Real workers a test starts screen in their own process, unless the test is about screening processes.
CAREWATCH_SCREENING_PROCESSES = int(os.environ.get("CAREWATCH_SCREENING_PROCESSES", "0"))
