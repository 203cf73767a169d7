"""Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
in a thread with a running loop unless told it is safe (it is: the loop belongs to Playwright,
not to Django)."""

from __future__ import annotations

import os

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# The browser, page and problem-collecting fixtures, for every browser test module.
from tests.browser.test_inbox_in_a_browser import browser, page, problems  # noqa: F401
