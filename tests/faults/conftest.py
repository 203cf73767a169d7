"""The fault suite: real worker processes, killed and restarted, on each engine."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.db import connection

from tests.conftest import REQUIRE_SERVICES, need


def redis_reachable(url: str) -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(url, socket_connect_timeout=2).ping())
    except Exception:
        return False


@pytest.fixture
def scale_out(transactional_db: Any) -> None:
    """PostgreSQL + Redis, the engines this test is about. On the SQLite run the test skips with
    its reason (that run has no PostgreSQL database to test); on the PostgreSQL run a missing
    Redis skips, or fails with CAREWATCH_REQUIRE_SERVICES=1."""
    if connection.vendor != "postgresql":
        if REQUIRE_SERVICES and settings.REDIS_URL:
            pytest.fail("CAREWATCH_REQUIRE_SERVICES=1 with REDIS_URL set, but the database is not PostgreSQL")
        pytest.skip("runs on PostgreSQL + Redis: set DATABASE_URL=postgres://… and REDIS_URL=redis://…")
    need(bool(settings.REDIS_URL), "REDIS_URL is not set: two workers on PostgreSQL share a Redis queue")
    need(redis_reachable(settings.REDIS_URL), f"no Redis server at {settings.REDIS_URL}")


@pytest.fixture
def embedded(transactional_db: Any) -> None:
    """SQLite + SqliteHuey, the embedded default."""
    if connection.vendor != "sqlite" or settings.REDIS_URL:
        pytest.skip("runs on the embedded default (SQLite + SqliteHuey): unset DATABASE_URL and REDIS_URL")
