"""Crisis tests reuse the escalation tests' real SMTP server (aiosmtpd) and on-commit runner."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache

from tests.escalation.conftest import run_on_commit, smtp

__all__ = ["run_on_commit", "smtp"]


@pytest.fixture(autouse=True)
def _fresh_throttle() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


def crisis_protocol(client: Any, *to: str, **crisis: Any) -> Any:
    client.settings = {**(client.settings or {}), "escalation": [
        {"category": "crisis", "steps": [{"notify": list(to) or ["crisis@northwind.test"], "wait_ack_minutes": 15},
                                         {"notify": ["role:supervisor"], "wait_ack_minutes": 15}]}],
        **({"crisis": crisis} if crisis else {})}
    client.save()
    return client
