"""Settings for the test suite: its own data dir, tasks run in-process unless a test starts
real workers. Environment variables still win (CI sets DATABASE_URL and REDIS_URL)."""

import os
import tempfile

os.environ.setdefault("CAREWATCH_DATA_DIR", tempfile.mkdtemp(prefix="carewatch-test-"))
os.environ.setdefault("CAREWATCH_TASKS_IMMEDIATE", "1")

from carewatch.settings import *  # noqa: F403

# Argon2 still, with cheap parameters so fixtures are fast (production uses Django's defaults).
PASSWORD_HASHERS = ["carewatch.lib.testing.CheapArgon2PasswordHasher"]
