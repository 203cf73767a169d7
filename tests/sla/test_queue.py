"""The queue's countdowns, "due soon" filter and "due soonest" sort over SLA clocks and touches."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from django.test import Client as HttpClient

from carewatch.inbox import actions
from carewatch.inbox.models import CaseStatus
from carewatch.inbox.queries import QueueFilters, queue
from carewatch.sla.models import CaseClock
from carewatch.tenancy.models import User
from tests.sla.conftest import Desk, ny

T0 = ny(2026, 6, 1, 10, 0)


def test_due_soon_and_due_sort_follow_the_nearest_running_deadline(desk: Desk, alice: User) -> None:
    late = desk.customer(T0, author="a1")  # first response due 12:00
    early = desk.customer(T0 - timedelta(minutes=50), author="a2")  # due 11:10
    answered = desk.customer(T0 - timedelta(minutes=30), author="a3")
    desk.brand(T0 - timedelta(minutes=20), answered)
    desk.customer(T0 + timedelta(minutes=5), "and another thing", thread=answered.thread_key, author="a3")  # next: 11:05
    waiting = desk.customer(T0 - timedelta(minutes=55), author="a4")  # due 11:05, but paused
    with time_machine.travel(T0 + timedelta(minutes=6), tick=False):
        actions.do_set_status(alice, desk.case(waiting), CaseStatus.WAITING)
    desk.sweep(T0 + timedelta(minutes=7))
    with time_machine.travel(T0 + timedelta(minutes=10), tick=False):
        soon = queue(alice, QueueFilters(due="soon", sort="due"))
        ordered = queue(alice, QueueFilters(sort="due"))
        paged = queue(alice, QueueFilters(sort="due"), page_size=1)
        second = queue(alice, QueueFilters(sort="due", after=paged.next_cursor), page_size=1)
    assert [(c.pk, c.due_kind) for c in soon.cases] == [  # type: ignore[attr-defined]
        (answered.case_id, "next response"), (early.case_id, "first response")]
    assert [c.pk for c in ordered.cases] == [answered.case_id, early.case_id, late.case_id]
    assert [c.pk for c in paged.cases + second.cases] == [answered.case_id, early.case_id]
    assert CaseClock.objects.get(pk=waiting.case_id).due_at is None


def test_the_queue_rows_show_what_is_due_and_paused_cases(desk: Desk, alice: User) -> None:
    desk.customer(T0, author="b1")
    waiting = desk.customer(T0, author="b2")
    with time_machine.travel(T0 + timedelta(minutes=1), tick=False):
        actions.do_set_status(alice, desk.case(waiting), CaseStatus.WAITING)
    desk.sweep(T0 + timedelta(minutes=2))
    client = HttpClient()
    client.force_login(alice)
    with time_machine.travel(T0 + timedelta(minutes=3), tick=False):
        html = client.get("/inbox/?sort=due").content.decode()
        all_rows = client.get("/inbox/").content.decode()
    assert '<span class="due-kind">first response</span>' in html
    assert "paused" in all_rows
    assert "SLA due soon" in html and "Due first" in html


def test_due_sort_interleaves_cases_with_and_without_a_clock_page_by_page(desk: Desk, alice: User) -> None:
    first = desk.customer(T0 - timedelta(minutes=50), author="c1")  # first response due 11:10
    second = desk.customer(T0 - timedelta(minutes=40), author="c2")  # due 11:20, its clock not started
    third = desk.customer(T0 - timedelta(minutes=30), author="c3")  # due 11:30
    answered = desk.customer(T0 - timedelta(minutes=45), author="c4")
    desk.brand(T0 - timedelta(minutes=44), answered)  # answered, no clock: nothing due
    desk.sweep(T0)
    CaseClock.objects.filter(pk__in=[second.case_id, answered.case_id]).delete()  # as before the SLA step ran
    expected = [first.case_id, second.case_id, third.case_id]
    with time_machine.travel(T0 + timedelta(minutes=15), tick=False):
        whole = queue(alice, QueueFilters(sort="due"))
        pages: list[int] = []
        cursor = ""
        for _ in range(4):
            page = queue(alice, QueueFilters(sort="due", after=cursor), page_size=1)
            pages += [c.pk for c in page.cases]
            cursor = page.next_cursor
            if not cursor:
                break
        soon = queue(alice, QueueFilters(sort="due", due="soon"))
    assert [c.pk for c in whole.cases] == expected
    assert pages == expected
    assert [c.pk for c in soon.cases] == [first.case_id]  # due within the hour of 10:15
