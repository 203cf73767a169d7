"""Fixtures for every test in the repository (tests/ and the connectors' own tests)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _own_rate_limit_namespace(settings: Any) -> None:
    """Redis is not rolled back between tests like the database: give each test its own
    rate-limit counters so one test's sends never count against another's."""
    settings.RATELIMIT_NAMESPACE = f"test-{uuid.uuid4().hex}:"
