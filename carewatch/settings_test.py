"""Settings for the test suite: its own data dir, tasks run in-process unless a test starts
real workers. Environment variables still win (CI sets DATABASE_URL and REDIS_URL)."""

import atexit
import os
import shutil
import tempfile

if "CAREWATCH_DATA_DIR" not in os.environ:
    _data_dir = tempfile.mkdtemp(prefix="carewatch-test-")
    os.environ["CAREWATCH_DATA_DIR"] = _data_dir
    atexit.register(shutil.rmtree, _data_dir, True)
os.environ.setdefault("CAREWATCH_TASKS_IMMEDIATE", "1")
# Each pytest-xdist worker (and the real workers its tests start, which inherit the environment)
# has its own task queue, so two test processes sharing one Redis never take each other's tasks.
os.environ.setdefault("CAREWATCH_QUEUE_NAME", f"carewatch-test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}")

from carewatch.settings import *  # noqa: F403

# Argon2 still, with cheap parameters so fixtures are fast (production uses Django's defaults).
PASSWORD_HASHERS = ["carewatch.lib.testing.CheapArgon2PasswordHasher"]
