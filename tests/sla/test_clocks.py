"""SLA clocks on real cases: business calendars, overrides, safety on 24x7, pauses while waiting on
the customer, next-response clocks, and warnings and breaches recorded exactly once."""

from __future__ import annotations

import threading
from datetime import UTC, timedelta

import pytest
import time_machine
from django.db import connection

from carewatch.inbox import actions
from carewatch.inbox.models import Case, CaseStatus
from carewatch.sla import actions as sla
from carewatch.sla.models import CaseClock
from carewatch.sla.policy import parse_sla, validate_settings
from carewatch.tenancy.calendar import add_business_minutes, client_calendar
from carewatch.tenancy.models import Client, User
from tests.sla.conftest import Desk, events, ny

AE_TEXT = "Since starting Glucavio I have terrible nausea and headaches"


def test_a_new_case_gets_business_hour_deadlines_through_an_audited_action(desk: Desk) -> None:
    desk.client.settings = {"sla": {"first_response_minutes": 120, "resolution_minutes": 1440}}
    desk.client.save()
    # Friday 6 March 2026, 17:00 in New York; the clocks change on Sunday.
    case = desk.case(desk.customer(ny(2026, 3, 6, 17, 0)))
    assert case.first_response_due == ny(2026, 3, 9, 10, 0)  # one hour Friday, one Monday (EDT by then)
    assert case.resolution_due == add_business_minutes(ny(2026, 3, 6, 17, 0), 1440, client_calendar(desk.client))
    assert case.resolution_due == ny(2026, 3, 11, 14, 0)  # 1 h Friday, 9 h Monday and Tuesday, 5 h Wednesday
    [deadlines] = events(case, "sla.deadlines")
    assert (deadlines.data["reason"], deadlines.data["calendar"]) == ("started", "business")
    assert deadlines.data["first_response_due"]["to"] == ny(2026, 3, 9, 10, 0).astimezone(UTC).isoformat()
    assert deadlines.actor_label == "sla" and deadlines.object_type == "sla.caseclock"
    clock = CaseClock.objects.get(pk=case.pk)
    assert (clock.due_at, clock.due_kind) == (case.first_response_due, "first response")


def test_a_holiday_pushes_the_deadline_to_the_next_working_day(desk: Desk) -> None:
    desk.client.holidays = ["2026-12-25"]
    desk.client.save()
    case = desk.case(desk.customer(ny(2026, 12, 24, 17, 30)))
    assert case.first_response_due == ny(2026, 12, 28, 10, 30)


def test_platform_and_priority_overrides_choose_the_clock() -> None:
    policy = parse_sla({"sla": {
        "first_response_minutes": 240, "calendar": "business",
        "platforms": {"x": {"first_response_minutes": 60}},
        "priorities": {"urgent": {"first_response_minutes": 30, "calendar": "24x7"}},
        "overrides": [{"platform": "x", "priority": "urgent", "first_response_minutes": 15}],
    }})
    assert policy.terms("facebook", 2).first_response_minutes == 240
    assert policy.terms("x", 2).first_response_minutes == 60
    assert (policy.terms("facebook", 4).first_response_minutes, policy.terms("facebook", 4).calendar) == (30, "24x7")
    assert policy.terms("x", 4).first_response_minutes == 15
    assert policy.terms("facebook", 2, safety=True).calendar == "24x7"


@pytest.mark.parametrize("block, message", [
    ({"first_response_minutes": -5}, "first_response_minutes"),
    ({"warn_at": 1.5}, "warn_at"),
    ({"calendar": "weekdays"}, "calendar"),
    ({"platforms": {"myspace": {}}}, "platform"),
    ({"priorities": {"critical": {}}}, "priority"),
    ({"overrides": [{"platform": "x", "first_response_minutes": 5}]}, "overrides[0]"),
    ({"first_response": 5}, "unknown key"),
])
def test_a_malformed_sla_block_is_refused_naming_the_key(block: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        validate_settings({"sla": block}, "client northwind")


def test_a_priority_change_recalculates_the_deadlines(desk: Desk, alice: User) -> None:
    desk.client.settings = {"sla": {"first_response_minutes": 240, "priorities": {"urgent": {"first_response_minutes": 30}}}}
    desk.client.save()
    case = desk.case(desk.customer(ny(2026, 6, 3, 10, 0)))
    assert case.first_response_due == ny(2026, 6, 3, 14, 0)
    with time_machine.travel(ny(2026, 6, 3, 10, 5), tick=False):
        actions.do_set_priority(alice, case, 4)
        sla.sweep()
    case.refresh_from_db()
    assert case.first_response_due == ny(2026, 6, 3, 10, 30)
    assert len(events(case, "sla.recalculate")) == 1


def test_a_safety_case_runs_on_a_24x7_clock(desk: Desk) -> None:
    case = desk.case(desk.customer(ny(2026, 3, 6, 17, 0), AE_TEXT))
    assert case.safety_cases.exists()
    clock = CaseClock.objects.get(pk=case.pk)
    assert (clock.calendar, clock.safety) == ("24x7", True)
    assert case.first_response_due == ny(2026, 3, 6, 19, 0)  # Friday evening: two wall-clock hours


def test_waiting_on_the_customer_pauses_the_clocks_and_the_answer_resumes_them(desk: Desk, alice: User) -> None:
    first = desk.customer(ny(2026, 6, 1, 10, 0))  # Monday 10:00, due 12:00
    case = desk.case(first)
    with time_machine.travel(ny(2026, 6, 1, 10, 30), tick=False):
        actions.do_set_status(alice, case, CaseStatus.WAITING)
    desk.sweep(ny(2026, 6, 1, 10, 31))
    clock = CaseClock.objects.get(pk=case.pk)
    assert clock.paused_at == ny(2026, 6, 1, 10, 30)
    assert clock.due_at is None
    # Long past the original deadline, nothing is warned or breached while paused.
    assert desk.sweep(ny(2026, 6, 1, 17, 0))["breaches"] == 0
    # Tuesday 10:30 the customer answers: 540 business minutes of pause; 90 minutes were left.
    desk.customer(ny(2026, 6, 2, 10, 30), "Still waiting for my order", thread=first.thread_key)
    case.refresh_from_db()
    clock.refresh_from_db()
    assert case.status == CaseStatus.OPEN
    assert clock.paused_at is None
    assert clock.paused_minutes == pytest.approx(540)
    assert case.first_response_due == ny(2026, 6, 2, 12, 0)
    assert [e.data["business_minutes"] for e in events(case, "sla.resume")] == [540]
    assert len(events(case, "sla.pause")) == 1


def test_warnings_and_breaches_are_recorded_once_however_often_sweepers_run(desk: Desk) -> None:
    case = desk.case(desk.customer(ny(2026, 6, 1, 10, 0)))  # warn at 11:30, due 12:00
    assert desk.sweep(ny(2026, 6, 1, 11, 29)) == {"reconciled": 0, "warnings": 0, "breaches": 0, "closed": 0}
    assert desk.sweep(ny(2026, 6, 1, 11, 31))["warnings"] == 1
    assert desk.sweep(ny(2026, 6, 1, 11, 32))["warnings"] == 0
    assert desk.sweep(ny(2026, 6, 1, 12, 1))["breaches"] == 1
    assert desk.sweep(ny(2026, 6, 1, 12, 2))["breaches"] == 0
    [warning] = events(case, "sla.warning")
    [breach] = events(case, "sla.breach")
    assert (warning.data["clock"], breach.data["clock"]) == ("first", "first")
    assert warning.actor_label == "sla"


@pytest.mark.django_db(transaction=True)
def test_two_sweepers_at_once_record_each_breach_once(northwind: Client, make_mention: object) -> None:
    desk = Desk(northwind, make_mention)  # type: ignore[arg-type]
    cases = [desk.case(desk.customer(ny(2026, 6, 1, 10, 0), author=f"p{i}")) for i in range(6)]
    barrier = threading.Barrier(2)
    results: list[dict[str, int]] = []

    def sweeper() -> None:
        try:
            with time_machine.travel(ny(2026, 6, 1, 14, 0), tick=False):
                barrier.wait()
                results.append(sla.record_due())
        finally:
            connection.close()

    threads = [threading.Thread(target=sweeper) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(r["breaches"] for r in results) == 6
    for case in cases:
        assert len(events(case, "sla.breach")) == 1
        assert len(events(case, "sla.warning")) == 0  # past the deadline: the breach says it all


def test_a_warning_recorded_by_the_sweeper_notifies_the_assignee(desk: Desk, alice: User) -> None:
    from carewatch.notifications.models import DeskNotification, Kind

    case = desk.case(desk.customer(ny(2026, 6, 1, 10, 0)))  # warn at 11:30, due 12:00
    with time_machine.travel(ny(2026, 6, 1, 10, 5), tick=False):
        actions.do_assign(alice, case, alice)
    assert desk.sweep(ny(2026, 6, 1, 11, 31))["warnings"] == 1
    [note] = DeskNotification.objects.filter(user=alice, kind=Kind.SLA)
    assert f"Case {case.pk}" in note.text and "about to breach" in note.text


def test_a_sweep_with_more_due_clocks_than_one_chunk_records_each_once(
        desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sla, "RECORD_CHUNK", 4)
    cases = [desk.case(desk.customer(ny(2026, 6, 1, 10, 0), author=f"p{i}")) for i in range(10)]
    closed = cases[3]
    with time_machine.travel(ny(2026, 6, 1, 10, 30), tick=False):
        Case.objects.filter(pk=closed.pk).update(status=CaseStatus.CLOSED)  # moved on: no breach
    assert desk.sweep(ny(2026, 6, 1, 12, 1))["breaches"] == 9
    assert desk.sweep(ny(2026, 6, 1, 12, 2))["breaches"] == 0
    for case in cases:
        assert len(events(case, "sla.breach")) == (0 if case is closed else 1)


def test_a_late_first_response_is_recorded_as_a_breach_once(desk: Desk) -> None:
    first = desk.customer(ny(2026, 6, 1, 10, 0))
    desk.brand(ny(2026, 6, 1, 12, 30), first)  # due 12:00; no sweeper ran in between
    case = desk.case(first)
    [breach] = events(case, "sla.breach")
    assert breach.data["answered_late_at"] == ny(2026, 6, 1, 12, 30).astimezone(UTC).isoformat()
    desk.sweep(ny(2026, 6, 1, 12, 31))
    assert len(events(case, "sla.breach")) == 1
    assert CaseClock.objects.get(pk=case.pk).first_met_at == ny(2026, 6, 1, 12, 30)


def test_a_customer_writing_again_starts_a_next_response_clock(desk: Desk) -> None:
    first = desk.customer(ny(2026, 6, 1, 10, 0))
    desk.brand(ny(2026, 6, 1, 10, 30), first)
    desk.customer(ny(2026, 6, 1, 11, 0), "That does not help", thread=first.thread_key)
    case = desk.case(first)
    clock = CaseClock.objects.get(pk=case.pk)
    assert (clock.next_started_at, clock.next_due) == (ny(2026, 6, 1, 11, 0), ny(2026, 6, 1, 12, 0))
    assert (clock.due_at, clock.due_kind) == (ny(2026, 6, 1, 12, 0), "next response")
    desk.brand(ny(2026, 6, 1, 11, 30), first)  # in time
    desk.sweep(ny(2026, 6, 1, 11, 31))
    clock.refresh_from_db()
    assert clock.next_due is None and clock.next_started_at is None
    desk.customer(ny(2026, 6, 1, 13, 0), "Hello??", thread=first.thread_key)
    assert desk.sweep(ny(2026, 6, 1, 14, 5))["breaches"] == 1
    clock.refresh_from_db()
    assert clock.next_breaches == 1
    assert [e.data["clock"] for e in events(case, "sla.breach")] == ["next"]


def test_a_lost_hook_is_made_good_by_the_sweeper(desk: Desk) -> None:
    case = desk.case(desk.customer(ny(2026, 6, 1, 10, 0)))
    CaseClock.objects.filter(pk=case.pk).delete()
    assert desk.sweep(ny(2026, 6, 1, 10, 1))["reconciled"] == 1
    assert CaseClock.objects.filter(pk=case.pk).exists()
    assert desk.sweep(ny(2026, 6, 1, 10, 2))["reconciled"] == 0  # nothing changed since


def test_closing_the_case_stops_the_clocks(desk: Desk, alice: User) -> None:
    case = desk.case(desk.customer(ny(2026, 6, 1, 10, 0)))
    with time_machine.travel(ny(2026, 6, 1, 10, 10), tick=False):
        actions.do_set_status(alice, case, CaseStatus.CLOSED, "resolved")
    assert desk.sweep(ny(2026, 6, 1, 13, 0))["breaches"] == 0
    clock = CaseClock.objects.get(pk=case.pk)
    assert clock.due_at is None
    assert Case.objects.get(pk=case.pk).status == CaseStatus.CLOSED


def test_a_case_without_a_clock_still_sorts_by_its_first_response_due(desk: Desk) -> None:
    case = desk.case(desk.customer(ny(2026, 6, 1, 10, 0)))
    CaseClock.objects.filter(pk=case.pk).delete()
    from carewatch.inbox.queries import QueueFilters, queue

    admin = User.objects.create_user("root2@agency.test", "x" * 12, is_agency_admin=True)
    with time_machine.travel(ny(2026, 6, 1, 11, 30), tick=False):
        page = queue(admin, QueueFilters(sort="due", due="soon"))
    assert [c.pk for c in page.cases] == [case.pk]
    assert page.cases[0].due_kind == "first response"  # type: ignore[attr-defined]
    assert timedelta(0) < page.cases[0].due_at - ny(2026, 6, 1, 11, 30)  # type: ignore[attr-defined]


def test_an_answer_while_paused_is_not_late_whatever_the_old_deadline(desk: Desk, alice: User) -> None:
    first = desk.customer(ny(2026, 6, 1, 10, 0))  # due 12:00
    case = desk.case(first)
    with time_machine.travel(ny(2026, 6, 1, 10, 30), tick=False):
        actions.do_set_status(alice, case, CaseStatus.WAITING)
    desk.sweep(ny(2026, 6, 1, 10, 31))
    desk.brand(ny(2026, 6, 1, 15, 0), first)  # while waiting, after the deadline it had before the pause
    desk.sweep(ny(2026, 6, 1, 15, 1))
    assert events(case, "sla.breach") == []
    assert CaseClock.objects.get(pk=case.pk).first_met_at == ny(2026, 6, 1, 15, 0)


def test_an_answer_after_the_pause_counts_against_the_shifted_deadline(desk: Desk, alice: User) -> None:
    first = desk.customer(ny(2026, 6, 1, 10, 0))  # due 12:00; 90 minutes left at 10:30
    case = desk.case(first)
    with time_machine.travel(ny(2026, 6, 1, 10, 30), tick=False):
        actions.do_set_status(alice, case, CaseStatus.WAITING)
    desk.sweep(ny(2026, 6, 1, 10, 31))
    with time_machine.travel(ny(2026, 6, 1, 13, 0), tick=False):
        actions.do_set_status(alice, case, CaseStatus.OPEN)  # resumed at 13:00: due 14:30
    desk.brand(ny(2026, 6, 1, 14, 0), first)  # no sweep ran in between: one reconcile sees both
    assert events(case, "sla.breach") == []
    clock = CaseClock.objects.get(pk=case.pk)
    assert clock.paused_minutes == pytest.approx(150)


def test_a_reconcile_writes_only_the_clock_columns_that_changed(desk: Desk) -> None:
    from django.db import connection as conn
    from django.test.utils import CaptureQueriesContext

    case = desk.case(desk.customer(ny(2026, 6, 1, 10, 0)))
    with time_machine.travel(ny(2026, 6, 1, 10, 5), tick=False), CaptureQueriesContext(conn) as queries:
        sla.reconcile(case.pk)  # nothing happened since the clock started: only its reconcile time moves
    [update] = [q["sql"] for q in queries.captured_queries if 'UPDATE "sla_caseclock"' in q["sql"]]
    assert 'SET "reconciled_at" = %s WHERE' in update
    clock = CaseClock.objects.get(pk=case.pk)
    assert clock.reconciled_at == ny(2026, 6, 1, 10, 5) and clock.first_due == ny(2026, 6, 1, 12, 0)


def test_the_backstop_reads_open_clocks_a_page_at_a_time_and_reconciles_every_changed_case(
        desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    from django.test.utils import CaptureQueriesContext

    from carewatch.sla.models import FactsChanged

    monkeypatch.setattr(sla, "BATCH", 2)
    cases = [desk.case(desk.customer(ny(2026, 6, 1, 10, 0), author=f"p{i}")) for i in range(7)]
    assert desk.sweep(ny(2026, 6, 1, 10, 1))["reconciled"] == 0
    changed = [cases[0], cases[3], cases[4], cases[6]]  # on the first, second, third and last pages
    Case.objects.filter(pk__in=[c.pk for c in changed]).update(priority=3)  # behind the hooks' back
    FactsChanged.objects.all().delete()  # and unmarked: only the backstop can see it
    with time_machine.travel(ny(2026, 6, 1, 10, 2), tick=False), CaptureQueriesContext(connection) as queries:
        assert sla.reconcile_all() == 4
    for case in cases:
        assert CaseClock.objects.get(pk=case.pk).priority == (3 if case in changed else 2)
    # Every read of the clocks' keys is bounded by the page size: the backstop never holds them all.
    keys = 'SELECT "sla_caseclock"."case_id" AS "pk", "sla_caseclock"."facts_key" AS "facts_key" FROM'
    reads = [q["sql"] for q in queries.captured_queries if q["sql"].startswith(keys)]
    assert len(reads) >= 4 and all("LIMIT 2" in sql for sql in reads)
    with time_machine.travel(ny(2026, 6, 1, 10, 3), tick=False):
        assert sla.reconcile_all() == 0
