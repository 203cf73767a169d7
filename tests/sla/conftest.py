"""Helpers for the SLA and three-touch tests: a customer's message, the brand's reply, a sweep,
all at a given moment (time-machine)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from carewatch.audit.models import AuditEvent
from carewatch.inbox.models import Case, Mention
from carewatch.sla import actions as sla
from carewatch.tenancy.models import Client
from tests.conftest import MentionFactory

NY = ZoneInfo("America/New_York")


def ny(*args: int) -> datetime:
    return datetime(*args, tzinfo=NY)  # type: ignore[misc]


def events(case: Case, action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(object_type__in=["inbox.case", "sla.caseclock", "sla.touchsequence"],
                                          object_id=str(case.pk), action=action).order_by("seq"))


@dataclass
class Desk:
    client: Client
    make_mention: MentionFactory

    def customer(self, at: datetime, text: str = "My Glucavio order never arrived, this is useless",
                 thread: str = "", author: str = "pat") -> Mention:
        with time_machine.travel(at, tick=False):
            return self.make_mention(self.client, text, author=author, thread=thread, created=at)

    def brand(self, at: datetime, answering: Mention, text: str = "Sorry to hear that, we are on it.",
              kind: str = "reply") -> Mention:
        with time_machine.travel(at, tick=False):
            return self.make_mention(self.client, text, author="NorthwindRx", direction="out",
                                     parent=answering.external_id, thread=answering.thread_key, created=at, kind=kind)

    def sweep(self, at: datetime) -> dict[str, int]:
        with time_machine.travel(at, tick=False):
            return sla.sweep()

    def case(self, mention: Mention) -> Case:
        return Case.objects.get(pk=mention.case_id)


SLA_SETTINGS: dict[str, Any] = {
    "sla": {"first_response_minutes": 120, "next_response_minutes": 60, "warn_at": 0.75},
    "three_touch": {"labels": ["complaint"], "intervals_hours": [24, 48], "channel": "private",
                    "templates": {"2": "follow-up-1", "3": "follow-up-2"}},
}


@pytest.fixture
def desk(northwind: Client, make_mention: MentionFactory) -> Desk:
    northwind.settings = dict(SLA_SETTINGS)
    northwind.save()
    return Desk(northwind, make_mention)


Travel = Callable[[datetime], Any]
