"""Test-wide settings that must be in place before Django reads its settings."""

import os
import tempfile

# Every test run gets its own data dir (SQLite files, keys), never the developer's ./var.
os.environ.setdefault("CAREWATCH_DATA_DIR", tempfile.mkdtemp(prefix="carewatch-test-"))
# Tasks run in-process at enqueue time unless a test starts real workers.
os.environ.setdefault("CAREWATCH_TASKS_IMMEDIATE", "1")
