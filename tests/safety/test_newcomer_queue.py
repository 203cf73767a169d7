"""Issue 13: the safety queue opens on what needs action, by deadline, with counts, paging,
assignee, "mine" and deadline colours graded by time left."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from django.test import Client as HttpClient

from carewatch.inbox.actions import do_assign
from carewatch.safety import actions
from carewatch.safety.models import SafetyCase
from carewatch.safety.views import deadline_grade
from carewatch.tenancy.models import Client, User

AE_TEXT = "Since starting Glucavio I have terrible nausea and headaches"


def logged_in(user: User) -> HttpClient:
    client = HttpClient()
    client.force_login(user)
    return client


def ae(make_mention: Any, client: Client, author: str, hours_ago: float) -> SafetyCase:
    mention = make_mention(client, AE_TEXT, author=author, created=datetime.now(UTC) - timedelta(hours=hours_ago))
    return SafetyCase.objects.get(links__mention=mention, kind="adverse_event")


def test_the_queue_opens_on_what_needs_action_not_on_what_was_forwarded(
        northwind: Client, make_mention: Any, alice: User) -> None:
    northwind.settings = {"pv_forward_to": ["pv@northwind.test"]}
    northwind.save()
    forwarded = ae(make_mention, northwind, "f1", 23.5)  # the soonest deadline, but already out
    actions.do_forward(alice, forwarded)
    waiting = ae(make_mention, northwind, "w1", 2)
    page = logged_in(alice).get("/safety/").content.decode()
    assert waiting.reference in page and forwarded.reference not in page
    assert 'aria-current="page" id="state-action"' in page
    # Counts per state on the tabs.
    assert "Needs action (to review, to forward) <span class=\"count\">1</span>" in page
    assert "Not ended <span class=\"count\">2</span>" in page


def test_the_queue_pages_and_every_case_to_forward_can_be_reached(
        northwind: Client, make_mention: Any, alice: User, settings: Any) -> None:
    from carewatch.safety import views

    original = views.PAGE
    views.PAGE = 2
    try:
        cases = [ae(make_mention, northwind, f"p{i}", 20 - i) for i in range(5)]
        client = logged_in(alice)
        first = client.get("/safety/").content.decode()
        assert "Page 1 of 3" in first and cases[0].reference in first
        third = client.get("/safety/?state=action&page=3").content.decode()
        assert cases[4].reference in third and cases[0].reference not in third
    finally:
        views.PAGE = original


def test_mine_shows_the_cases_assigned_to_me_with_their_assignee(
        northwind: Client, make_mention: Any, alice: User, sam: User) -> None:
    mine = ae(make_mention, northwind, "m1", 1)
    other = ae(make_mention, northwind, "m2", 1)
    assert mine.case is not None and other.case is not None
    do_assign(sam, mine.case, alice)
    do_assign(sam, other.case, sam)
    page = logged_in(alice).get("/safety/?mine=1").content.decode()
    assert mine.reference in page and other.reference not in page
    assert alice.display_name in page


def test_deadline_colours_are_graded_by_time_left() -> None:
    now = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
    assert deadline_grade(now - timedelta(minutes=1), now) == "due-overdue"
    assert deadline_grade(now + timedelta(minutes=10), now) == "due-1h"
    assert deadline_grade(now + timedelta(hours=3), now) == "due-4h"
    assert deadline_grade(now + timedelta(hours=8), now) == "due-12h"
    assert deadline_grade(now + timedelta(hours=20), now) == "due-later"
