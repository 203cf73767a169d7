"""Change marks: the minute sweep reads the cases whose clocks' inputs changed, not every open case;
the backstop compares every open clock (carewatch/sla/marks.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.db import connection

from carewatch.inbox import actions
from carewatch.inbox.models import Case, CaseStatus, Mention
from carewatch.replies.models import OutboundAction, OutboundStatus, Verb
from carewatch.safety.actions import do_open_by_hand
from carewatch.sla import actions as sla
from carewatch.sla import hook, marks
from carewatch.sla.facts import keys_for
from carewatch.sla.models import CaseClock, FactsChanged
from carewatch.sla.tasks import every
from carewatch.tenancy.models import Channel, User
from tests.sla.conftest import Desk, ny

T0 = ny(2026, 6, 1, 10, 0)  # a Monday


def marked(case: Case) -> int:
    return FactsChanged.objects.filter(case_id=case.pk).count()


def in_step(case: Case) -> bool:
    """Whether the case's clock was computed from its rows as they are now."""
    return CaseClock.objects.get(pk=case.pk).facts_key == keys_for([case.pk])[case.pk]


def status(desk: Desk, alice: User, mention: Mention) -> None:
    actions.do_set_status(alice, desk.case(mention), CaseStatus.WAITING)


def priority(desk: Desk, alice: User, mention: Mention) -> None:
    actions.do_set_priority(alice, desk.case(mention), 4)


def assignment(desk: Desk, alice: User, mention: Mention) -> None:
    actions.do_assign(alice, desk.case(mention), alice)


def closing(desk: Desk, alice: User, mention: Mention) -> None:
    actions.do_set_status(alice, desk.case(mention), CaseStatus.CLOSED, "resolved")


def brand_reply(desk: Desk, alice: User, mention: Mention) -> None:
    desk.brand(T0 + FIVE, mention)


def customer_again(desk: Desk, alice: User, mention: Mention) -> None:
    desk.customer(T0 + FIVE, "Hello? Still nothing.", thread=mention.thread_key)


def sent_reply(desk: Desk, alice: User, mention: Mention) -> None:
    channel = Channel.objects.get(client=desk.client, platform="facebook")
    action = OutboundAction.objects.create(
        client=desk.client, channel=channel, case_id=mention.case_id, verb=Verb.REPLY,
        target_external_id=mention.external_id, body="On it.", idempotency_key="k1", created_by=alice)
    action.status, action.sent_at = OutboundStatus.SENT, T0 + FIVE
    action.save()


def safety_case(desk: Desk, alice: User, mention: Mention) -> None:
    do_open_by_hand(alice, mention, "adverse_event", "she mentioned a reaction by phone")


FIVE = ny(2026, 6, 1, 10, 5) - T0
CHANGES: dict[str, Callable[[Desk, User, Mention], None]] = {
    "status": status, "priority": priority, "assignment": assignment, "closing": closing,
    "brand reply": brand_reply, "customer again": customer_again, "sent reply": sent_reply,
    "safety case": safety_case,
}


@pytest.mark.parametrize("change", CHANGES)
def test_each_kind_of_change_marks_the_case_and_the_next_sweep_reconciles_it(
        desk: Desk, alice: User, change: str, monkeypatch: pytest.MonkeyPatch) -> None:
    first = desk.customer(T0)
    case = desk.case(first)
    desk.sweep(T0 + FIVE / 5)
    assert marked(case) == 0 and in_step(case)
    monkeypatch.setattr(hook, "on_new_mentions", lambda case_ids: None)  # the pipeline's SLA step is lost
    with time_machine.travel(T0 + FIVE, tick=False):
        CHANGES[change](desk, alice, first)
    assert marked(case) >= 1
    assert not in_step(case)
    assert desk.sweep(T0 + FIVE * 2)["reconciled"] >= 1
    assert in_step(case) and marked(case) == 0


def test_a_lost_reconcile_is_made_good_by_the_next_sweep(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    first = desk.customer(T0)
    desk.brand(T0 + FIVE, first)
    desk.sweep(T0 + FIVE * 2)
    monkeypatch.setattr(hook, "on_new_mentions", lambda case_ids: None)
    desk.customer(T0 + FIVE * 3, "Hello??", thread=first.thread_key)  # the step that starts the next clock is lost
    clock = CaseClock.objects.get(pk=first.case_id)
    assert clock.next_started_at is None
    assert desk.sweep(T0 + FIVE * 4)["reconciled"] == 1
    clock.refresh_from_db()
    assert clock.next_started_at == T0 + FIVE * 3


def test_an_unchanged_case_is_not_read_by_the_sweep(desk: Desk, alice: User, monkeypatch: pytest.MonkeyPatch) -> None:
    cases = [desk.case(desk.customer(T0, author=f"p{i}")) for i in range(4)]
    desk.sweep(T0 + FIVE)
    read: list[int] = []
    original = sla.with_fact_columns

    def spy(qs: Any) -> list[tuple[Any, ...]]:
        rows = list(original(qs))
        read.extend(row[0] for row in rows)
        return rows

    monkeypatch.setattr(sla, "with_fact_columns", spy)
    assert desk.sweep(T0 + FIVE * 2)["reconciled"] == 0
    assert read == []  # nothing changed: no case read
    with time_machine.travel(T0 + FIVE * 2, tick=False):
        actions.do_set_priority(alice, cases[2], 4)
    assert desk.sweep(T0 + FIVE * 3)["reconciled"] == 1
    assert read == [cases[2].pk]
    assert CaseClock.objects.get(pk=cases[2].pk).priority == 4


def test_a_raw_write_is_marked_by_the_database_itself(desk: Desk) -> None:
    case = desk.case(desk.customer(T0))
    desk.sweep(T0 + FIVE)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE inbox_case SET priority = 3 WHERE id = %s", [case.pk])
    assert marked(case) == 1
    assert desk.sweep(T0 + FIVE * 2)["reconciled"] == 1
    assert CaseClock.objects.get(pk=case.pk).priority == 3


def test_the_backstop_finds_a_change_whose_mark_was_lost(desk: Desk) -> None:
    cases = [desk.case(desk.customer(T0, author=f"p{i}")) for i in range(3)]
    desk.sweep(T0 + FIVE)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE inbox_case SET priority = 3 WHERE id = %s", [cases[1].pk])
    FactsChanged.objects.all().delete()  # as if the trigger had been missing
    assert desk.sweep(T0 + FIVE * 2)["reconciled"] == 0
    assert CaseClock.objects.get(pk=cases[1].pk).priority == 2
    with time_machine.travel(T0 + FIVE * 3, tick=False):
        assert sla.reconcile_all() == 1
    assert [CaseClock.objects.get(pk=c.pk).priority for c in cases] == [2, 3, 2]
    with time_machine.travel(T0 + FIVE * 4, tick=False):
        assert sla.reconcile_all() == 0


def test_the_backstop_starts_the_clock_of_an_open_case_that_has_none(desk: Desk) -> None:
    case = desk.case(desk.customer(T0))
    CaseClock.objects.filter(pk=case.pk).delete()
    FactsChanged.objects.all().delete()
    with time_machine.travel(T0 + FIVE, tick=False):
        assert sla.reconcile_all() == 1
    assert CaseClock.objects.filter(pk=case.pk).exists()


def test_a_sweep_reads_the_marks_a_page_at_a_time_and_deletes_those_it_read(
        desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    from django.test.utils import CaptureQueriesContext

    cases = [desk.case(desk.customer(T0, author=f"p{i}")) for i in range(5)]
    desk.sweep(T0 + FIVE)
    monkeypatch.setattr(sla, "BATCH", 2)
    Case.objects.filter(pk__in=[c.pk for c in cases]).update(priority=3)
    assert FactsChanged.objects.count() == 5
    with CaptureQueriesContext(connection) as queries:
        assert desk.sweep(T0 + FIVE * 2)["reconciled"] == 5
    reads = [q["sql"] for q in queries.captured_queries if q["sql"].startswith('SELECT "sla_facts_changed"')]
    assert len(reads) == 4 and all("LIMIT 2" in sql for sql in reads)  # 2 + 2 + 1, then none left
    assert FactsChanged.objects.count() == 0
    assert all(CaseClock.objects.get(pk=c.pk).priority == 3 for c in cases)


def test_every_trigger_exists_after_migrate(db: None) -> None:
    assert marks.triggers_present() == len(marks.trigger_names()) == 11
    assert marks.ensure_triggers() is False  # nothing missing: nothing made


def test_the_backstop_runs_every_hour_by_default_or_every_few_minutes() -> None:
    from datetime import datetime

    hourly, five = every(60), every(5)
    assert [hourly(datetime(2026, 6, 1, 10, m)) for m in (0, 36, 37)] == [False, False, True]
    assert [five(datetime(2026, 6, 1, 10, m)) for m in (0, 3, 5)] == [True, False, True]


def test_a_case_whose_new_message_awaits_triage_is_left_to_the_pipeline_for_a_while(
        desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    first = desk.customer(T0)
    desk.sweep(T0 + FIVE)
    monkeypatch.setattr(hook, "on_new_mentions", lambda case_ids: None)
    again = desk.customer(T0 + FIVE * 2, "Hello??", thread=first.thread_key)
    Mention.objects.filter(pk=again.pk).update(triaged_at=None)  # as if its triage task had not run yet
    assert desk.sweep(T0 + FIVE * 3)["reconciled"] == 0
    case = desk.case(first)
    assert marked(case) >= 1 and not in_step(case)  # the marks wait for the pipeline
    assert desk.sweep(T0 + FIVE * 2 + sla.TRIAGE_GRACE + FIVE)["reconciled"] == 1  # unscreened too long: done here
    assert in_step(case) and marked(case) == 0
