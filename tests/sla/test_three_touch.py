"""The three-touch process: touch 1 is the reply, touches 2 and 3 follow when due, an answer resets
it, touch 3 unanswered closes the case as "closed — no response"; never for a safety case."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import time_machine
from django.db.models import Count
from django.template import Context, Template
from django.test import Client as HttpClient
from django.test import RequestFactory

from carewatch.inbox import actions
from carewatch.inbox.models import CaseStatus, Mention
from carewatch.inbox.queries import QueueFilters, queue
from carewatch.replies.models import OutboundAction, OutboundStatus, Verb
from carewatch.sla.actions import CLOSE_REASON, do_record_touch
from carewatch.sla.models import CaseClock, Touch, TouchSequence, TouchState
from carewatch.sla.policy import parse_three_touch
from carewatch.tenancy.models import Channel, User
from tests.sla.conftest import Desk, events, ny

T0 = ny(2026, 6, 1, 10, 0)  # a Monday


def complaint(desk: Desk, alice: User, at: datetime = T0, text: str = "My order never arrived") -> Mention:
    first = desk.customer(at, text)
    with time_machine.travel(at + timedelta(minutes=1), tick=False):
        actions.do_tag(alice, desk.case(first), "complaint")
    return first


def sequence_of(mention: Mention) -> TouchSequence:
    return TouchSequence.objects.get(pk=mention.case_id)


def test_three_touches_without_an_answer_close_the_case_as_no_response(desk: Desk, alice: User) -> None:
    first = complaint(desk, alice)
    desk.brand(T0 + timedelta(minutes=30), first)  # touch 1: the reply
    seq = sequence_of(first)
    assert (seq.state, seq.touches, seq.next_touch_due) == (TouchState.ACTIVE, 1, T0 + timedelta(hours=24, minutes=30))
    clock = CaseClock.objects.get(pk=first.case_id)
    assert (clock.due_at, clock.due_kind) == (seq.next_touch_due, "touch 2")
    # The due touch is a task in the queue: "due soon" finds it once it is within the hour.
    with time_machine.travel(T0 + timedelta(hours=23), tick=False):
        assert queue(alice, QueueFilters(due="soon")).cases == []
    with time_machine.travel(T0 + timedelta(hours=24), tick=False):
        page = queue(alice, QueueFilters(due="soon", sort="due"))
    assert [(c.pk, c.due_kind) for c in page.cases] == [(first.case_id, "touch 2")]  # type: ignore[attr-defined]
    # A brand message before the touch is due is part of the conversation, not touch 2.
    desk.brand(T0 + timedelta(hours=2), first, "One more detail: check your spam folder.")
    assert sequence_of(first).touches == 1
    desk.brand(T0 + timedelta(hours=25), first, "Just checking in: did your order arrive?", kind="dm")
    seq = sequence_of(first)
    assert (seq.touches, seq.next_touch_due) == (2, T0 + timedelta(hours=73))
    desk.brand(T0 + timedelta(hours=74), first, "Last follow-up from us.", kind="dm")
    seq = sequence_of(first)
    assert (seq.touches, seq.next_touch_due, seq.close_due) == (3, None, T0 + timedelta(hours=122))
    assert desk.sweep(T0 + timedelta(hours=121))["closed"] == 0
    assert desk.sweep(T0 + timedelta(hours=122, minutes=1))["closed"] == 1
    assert desk.sweep(T0 + timedelta(hours=122, minutes=2))["closed"] == 0
    case = desk.case(first)
    assert (case.status, case.close_reason) == (CaseStatus.CLOSED, CLOSE_REASON)
    assert sequence_of(first).state == TouchState.CLOSED
    [closed] = [e for e in events(case, "case.status") if e.data["to"] == "closed"]
    assert (closed.actor_id, closed.actor_label, closed.data["reason"]) == (None, "system", CLOSE_REASON)
    assert len(events(case, "three_touch.close")) == 1
    assert [(t.number, t.channel) for t in Touch.objects.filter(case=case)] == [
        (1, "public"), (2, "private"), (3, "private")]


def test_a_customer_answer_resets_the_sequence(desk: Desk, alice: User) -> None:
    first = complaint(desk, alice)
    desk.brand(T0 + timedelta(minutes=30), first)
    desk.brand(T0 + timedelta(hours=25), first, "Any news?")
    assert sequence_of(first).touches == 2
    # (an answer that is no safety item: "it arrived but it is broken" is a product complaint, and a safety case stops
    # the follow-ups instead, as test_a_safety_case_opened_midway_stops_the_sequence checks)
    desk.customer(T0 + timedelta(hours=30), "Yes it arrived, two days late though", thread=first.thread_key)
    seq = sequence_of(first)
    assert (seq.cycle, seq.touches, seq.resets, seq.next_touch_due) == (2, 0, 1, None)
    assert len(events(desk.case(first), "three_touch.reset")) == 1
    desk.brand(T0 + timedelta(hours=31), first, "Sorry! We will send a new one.")  # touch 1 again
    seq = sequence_of(first)
    assert (seq.cycle, seq.touches, seq.next_touch_due) == (2, 1, T0 + timedelta(hours=55))
    # Long after, never closed while a new cycle still has its touches to make.
    assert desk.sweep(T0 + timedelta(days=10))["closed"] == 0
    assert desk.case(first).status != CaseStatus.CLOSED
    assert list(Touch.objects.filter(case_id=first.case_id).values_list("cycle", "number")) == [(1, 1), (1, 2), (2, 1)]


def test_an_answer_after_touch_3_keeps_the_case_open(desk: Desk, alice: User) -> None:
    first = complaint(desk, alice)
    desk.brand(T0 + timedelta(minutes=30), first)
    desk.brand(T0 + timedelta(hours=25), first)
    desk.brand(T0 + timedelta(hours=74), first)
    # The customer answers; the triage hook never ran for it (a lost task): the sweeper finds it.
    with time_machine.travel(T0 + timedelta(hours=100), tick=False), \
            pytest.MonkeyPatch.context() as patch:
        patch.setattr("carewatch.sla.hook.on_new_mentions", lambda ids: None)
        desk.make_mention(desk.client, "Sorry, I was away. It came.", author="pat", thread=first.thread_key,
                          created=T0 + timedelta(hours=100))
    assert desk.sweep(T0 + timedelta(hours=130))["closed"] == 0
    assert desk.case(first).status != CaseStatus.CLOSED
    assert sequence_of(first).resets == 1


def test_never_applied_to_safety_cases(desk: Desk, alice: User) -> None:
    first = complaint(desk, alice, text="Since starting Glucavio I have terrible nausea and headaches")
    assert desk.case(first).safety_cases.exists()
    desk.brand(T0 + timedelta(minutes=30), first)
    desk.brand(T0 + timedelta(hours=25), first)
    desk.brand(T0 + timedelta(hours=74), first)
    desk.sweep(T0 + timedelta(days=30))
    case = desk.case(first)
    assert case.status != CaseStatus.CLOSED
    assert not TouchSequence.objects.filter(pk=case.pk).exists()
    assert not Touch.objects.filter(case=case).exists()


def test_a_safety_case_opened_midway_stops_the_sequence(desk: Desk, alice: User) -> None:
    first = complaint(desk, alice)
    desk.brand(T0 + timedelta(minutes=30), first)
    desk.brand(T0 + timedelta(hours=25), first)
    desk.brand(T0 + timedelta(hours=74), first)
    assert sequence_of(first).close_due is not None
    from carewatch.safety.actions import do_open_by_hand

    with time_machine.travel(T0 + timedelta(hours=80), tick=False):
        do_open_by_hand(alice, first, "adverse_event", "she mentioned a reaction by phone")
    desk.sweep(T0 + timedelta(days=30))
    assert desk.case(first).status != CaseStatus.CLOSED
    assert sequence_of(first).state == TouchState.STOPPED


def test_touches_are_counted_per_case_and_per_agent(desk: Desk, alice: User, sam: User) -> None:
    first = complaint(desk, alice)
    channel = Channel.objects.get(client=desk.client, platform="facebook")
    for agent, hours in ((alice, 0.5), (sam, 25), (alice, 74)):
        at = T0 + timedelta(hours=hours)
        OutboundAction.objects.create(
            client=desk.client, channel=channel, case_id=first.case_id, verb=Verb.REPLY, target_external_id=first.external_id,
            body="…", idempotency_key=f"k{hours}", status=OutboundStatus.SENT, sent_at=at, created_by=agent)
        desk.sweep(at + timedelta(minutes=1))
    per_agent = dict(Touch.objects.filter(client=desk.client).values_list("agent__email").annotate(n=Count("id")))
    assert per_agent == {"alice@agency.test": 2, "sam@agency.test": 1}
    assert Touch.objects.filter(case_id=first.case_id).count() == 3


def test_an_agent_records_a_touch_made_outside_the_desk(desk: Desk, alice: User, victor: User) -> None:
    first = complaint(desk, alice)
    desk.brand(T0 + timedelta(minutes=30), first)
    with time_machine.travel(T0 + timedelta(hours=24, minutes=40), tick=False):
        do_record_touch(alice, desk.case(first))
    touch = Touch.objects.get(case_id=first.case_id, number=2)
    assert (touch.agent, touch.source, touch.channel) == (alice, Touch.Source.MANUAL, "private")
    assert events(desk.case(first), "three_touch.touch")[-1].actor_id == alice.pk


def test_the_policy_block_is_checked() -> None:
    policy = parse_three_touch({"three_touch": {"categories": ["Complaint"], "labels": ["issue"],
                                                "intervals_hours": [12, 24, 6]}})
    assert policy.labels == {"complaint", "issue"} and policy.intervals_hours == (12, 24, 6)
    for bad in ({"intervals_hours": [24]}, {"channel": "sms"}, {"labels": "complaint"}, {"templates": {"9": "x"}},
                {"touches": 3}):
        with pytest.raises(ValueError, match="three_touch"):
            parse_three_touch({"three_touch": bad})


# ------------------------------------------------------------------ the record-touch view
def test_the_record_touch_view_is_for_the_clients_writers(desk: Desk, alice: User, bob: User, victor: User) -> None:
    first = complaint(desk, alice)
    desk.brand(T0 + timedelta(minutes=30), first)
    url = f"/sla/case/{first.case_id}/touch/"
    anonymous = HttpClient().post(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/login/")
    for user, status in ((bob, 404), (victor, 403)):
        client = HttpClient()
        client.force_login(user)
        assert client.post(url).status_code == status
    assert Touch.objects.filter(case_id=first.case_id).count() == 1
    client = HttpClient()
    client.force_login(alice)
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == f"/inbox/case/{first.case_id}/"
    assert Touch.objects.filter(case_id=first.case_id).count() == 2


def test_the_case_panel_shows_clocks_touches_and_rules(desk: Desk, alice: User, victor: User) -> None:
    first = complaint(desk, alice)
    desk.brand(T0 + timedelta(minutes=30), first)
    case = desk.case(first)
    request = RequestFactory().get("/")
    request.user = alice
    with time_machine.travel(T0 + timedelta(hours=1), tick=False):
        html = Template("{% load sla_tags %}{% sla_panel case %}").render(Context({"case": case, "request": request}))
    assert 'id="sla-panel"' in html
    assert "First response" in html and "met 2026-06-01 14:30 UTC" in html
    assert "touch 1 of 3 done" in html and "follow-up-1" in html and "due in 23 h 30 min" in html
    assert 'id="record-touch"' in html
    assert "No routing rule fired." in html
    request.user = victor
    html = Template("{% load sla_tags %}{% sla_panel case %}").render(Context({"case": case, "request": request}))
    assert 'id="record-touch"' not in html


def test_the_echo_of_our_own_send_is_the_same_touch(desk: Desk, alice: User) -> None:
    first = complaint(desk, alice)
    channel = Channel.objects.get(client=desk.client, platform="facebook")
    at = T0 + timedelta(minutes=30)
    echo = desk.brand(at + timedelta(seconds=20), first, "Sorry to hear that.")
    OutboundAction.objects.create(
        client=desk.client, channel=channel, case_id=first.case_id, verb=Verb.REPLY, target_external_id=first.external_id,
        body="Sorry to hear that.", idempotency_key="echo", status=OutboundStatus.SENT, sent_at=at, created_by=alice,
        external_id=echo.external_id)
    desk.sweep(at + timedelta(minutes=1))
    [touch] = Touch.objects.filter(case_id=first.case_id)
    assert (touch.number, touch.agent, touch.at) in {(1, alice, at), (1, None, at + timedelta(seconds=20))}
    desk.sweep(at + timedelta(minutes=2))
    assert Touch.objects.filter(case_id=first.case_id).count() == 1


def test_a_failing_clock_never_stops_the_pipeline(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("boom")

    # The clock work every path shares (a batch of cases, then each case alone after a failure).
    monkeypatch.setattr("carewatch.sla.actions._reconcile_locked", broken)
    mention = desk.customer(T0)
    assert mention.labels is not None and mention.triaged_at is not None
    assert not CaseClock.objects.filter(pk=mention.case_id).exists()
    monkeypatch.undo()
    desk.sweep(T0 + timedelta(minutes=1))
    assert CaseClock.objects.filter(pk=mention.case_id).exists()


def test_touch_and_sla_figures_for_reports(desk: Desk, alice: User) -> None:
    from carewatch.sla.reports import sla_outcomes, touches_per_agent, touches_per_case

    first = complaint(desk, alice)
    desk.brand(T0 + timedelta(hours=3), first)  # late: due 12:00
    with time_machine.travel(T0 + timedelta(hours=25), tick=False):
        do_record_touch(alice, desk.case(first))
    since, until = T0 - timedelta(days=1), T0 + timedelta(days=7)
    assert touches_per_agent(desk.client.pk, since, until) == {None: 1, alice.pk: 1}
    assert touches_per_case(desk.client.pk, since, until) == {first.case_id: 2}
    assert sla_outcomes(desk.client.pk, since, until)["first"] == {"ran": 1, "warned": 0, "breached": 1}
