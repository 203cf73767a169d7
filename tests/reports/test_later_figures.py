"""Speed after the first reply (next response, resolution, reopened), SLA outcomes and three-touch
outcomes, from the recorded history, with hand-computed expectations. Northwind is in
America/New_York, open Mon-Fri 09:00-18:00."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import time_machine

from carewatch.inbox import actions as inbox_actions
from carewatch.inbox.models import Case, Mention
from carewatch.reports.figures import Period, client_summary
from carewatch.reports.models import CaseFact
from carewatch.reports.rollups import rebuild, refresh
from carewatch.sla.models import CaseClock, Touch, TouchSequence, TouchState
from carewatch.tenancy.models import Client, User
from tests.conftest import MentionFactory
from tests.reports.test_figures import utc

TUESDAY = Period(date(2026, 11, 17), date(2026, 11, 17))


def _say(make_mention: MentionFactory, first: Mention, text: str, at: str, *, brand: bool = False) -> None:
    make_mention(first.client, text, author="NorthwindRx" if brand else "pat", direction="out" if brand else "in",
                 parent=first.external_id, thread=first.thread_key, created=utc(at))


def test_next_responses_are_timed_from_the_first_customer_message_after_a_reply(
        northwind: Client, make_mention: MentionFactory) -> None:
    first = make_mention(northwind, "Is Glucavio covered?", created=utc("2026-11-17T15:00:00"))
    _say(make_mention, first, "Let us check.", "2026-11-17T15:30:00", brand=True)  # first response: 30
    _say(make_mention, first, "Any news?", "2026-11-17T16:00:00")
    _say(make_mention, first, "Hello??", "2026-11-17T16:05:00")  # still the same wait
    _say(make_mention, first, "Yes, it is covered.", "2026-11-17T17:00:00", brand=True)  # next: 60
    _say(make_mention, first, "Which plans?", "2026-11-17T18:00:00")
    _say(make_mention, first, "All of them.", "2026-11-17T18:45:00", brand=True)  # next: 45
    _say(make_mention, first, "Thanks!", "2026-11-17T19:00:00")  # not answered: no next response
    refresh()
    assert CaseFact.objects.get(case_id=first.case_id).next_minutes == [60.0, 45.0]
    figures = client_summary(northwind, TUESDAY)
    # nearest rank over [45, 60]: p50 is the 1st, p90 the 2nd
    assert figures["next_response_minutes"] == {"count": 2, "p50": 45, "p90": 60, "mean": 52.5}
    assert figures["first_response_minutes"]["calendar"]["p50"] == 30


def test_resolution_runs_to_the_last_close_and_a_reopened_case_is_counted(
        northwind: Client, make_mention: MentionFactory, sam: User) -> None:
    first = make_mention(northwind, "Is Glucavio covered?", created=utc("2026-11-17T15:00:00"))
    _say(make_mention, first, "Yes.", "2026-11-17T15:10:00", brand=True)
    case = Case.objects.get(pk=first.case_id)
    with time_machine.travel(utc("2026-11-17T21:00:00"), tick=False):
        inbox_actions.do_set_status(sam, case, "closed", "resolved")  # after 360 minutes
    with time_machine.travel(utc("2026-11-17T22:00:00"), tick=False):
        inbox_actions.do_set_status(sam, Case.objects.get(pk=case.pk), "open")
    with time_machine.travel(utc("2026-11-17T23:00:00"), tick=False):
        inbox_actions.do_set_status(sam, Case.objects.get(pk=case.pk), "closed", "resolved")  # 480 minutes
    refresh()
    figures = client_summary(northwind, TUESDAY)
    assert figures["resolution_minutes"] == {"count": 1, "p50": 480, "p90": 480, "mean": 480.0}
    assert figures["reopened"] == 1
    rebuilt = rebuild()
    assert rebuilt.cases >= 1
    assert client_summary(northwind, TUESDAY)["reopened"] == 1


def _clock(case_id: int | None, **times: datetime | int | None) -> None:
    fields: dict[str, datetime | int | None] = {
        "first_due": None, "first_met_at": None, "first_warned_at": None, "first_breached_at": None,
        "resolution_due": None, "resolution_met_at": None, "resolution_warned_at": None,
        "resolution_breached_at": None, "next_breaches": 0, **times}
    case = Case.objects.get(pk=case_id)
    CaseClock.objects.update_or_create(case=case, defaults={
        "client_id": case.client_id, "started_at": utc("2026-11-17T15:00:00"), **fields})


def test_sla_outcomes_count_each_clock_met_warned_and_breached(
        northwind: Client, make_mention: MentionFactory) -> None:
    a = make_mention(northwind, "First", author="ann", created=utc("2026-11-17T15:00:00"))
    b = make_mention(northwind, "Second", author="bea", created=utc("2026-11-17T15:10:00"))
    c = make_mention(northwind, "Third", author="cy", created=utc("2026-11-17T15:20:00"))
    due = utc("2026-11-17T16:00:00")
    _clock(a.case_id, first_due=due, first_warned_at=utc("2026-11-17T15:45:00"),
           first_met_at=utc("2026-11-17T15:50:00"))  # met after a warning
    _clock(b.case_id, first_due=due, first_warned_at=utc("2026-11-17T15:45:00"), first_breached_at=due,
           first_met_at=utc("2026-11-17T16:30:00"), resolution_due=utc("2026-11-18T15:00:00"),
           resolution_breached_at=utc("2026-11-18T15:00:00"), next_breaches=2)  # met late: breached
    _clock(c.case_id, first_due=due, resolution_due=utc("2026-11-18T15:00:00"),
           resolution_met_at=utc("2026-11-17T20:00:00"))  # first still running
    rebuild()
    sla = client_summary(northwind, TUESDAY)["sla"]
    assert sla["first"] == {"ran": 3, "met": 1, "warned": 2, "breached": 1, "met_pct": 33.3}
    assert sla["resolution"] == {"ran": 2, "met": 1, "warned": 0, "breached": 1, "met_pct": 50.0}
    assert sla["next"] == {"cases_breached": 1, "breaches": 2}


def _touches(case_id: int | None, cycle: int, state: str, made: dict[int, int]) -> None:
    case = Case.objects.get(pk=case_id)
    TouchSequence.objects.update_or_create(case=case, defaults={
        "client_id": case.client_id, "state": state, "cycle": cycle, "touches": made.get(cycle, 0),
        "cycle_started_at": utc("2026-11-17T15:00:00")})
    Touch.objects.filter(case=case).delete()
    for number_of_cycle, count in made.items():
        for number in range(1, count + 1):
            Touch.objects.create(case=case, client_id=case.client_id, cycle=number_of_cycle, number=number,
                                 at=utc(f"2026-11-{17 + number_of_cycle}T15:0{number}:00"), channel="public",
                                 source=Touch.Source.REPLY)


def test_three_touch_cycles_are_counted_by_how_they_ended(northwind: Client, make_mention: MentionFactory) -> None:
    a = make_mention(northwind, "First", author="ann", created=utc("2026-11-17T15:00:00"))
    b = make_mention(northwind, "Second", author="bea", created=utc("2026-11-17T15:10:00"))
    # a: answered after touch 2 (cycle 1), after touch 1 (cycle 2), then closed after touch 3 (cycle 3)
    _touches(a.case_id, 3, TouchState.CLOSED, {1: 2, 2: 1, 3: 3})
    # b: touch 1 made, still following up
    _touches(b.case_id, 1, TouchState.ACTIVE, {1: 1})
    rebuild()
    touches = client_summary(northwind, TUESDAY)["three_touch"]
    assert touches == {"answered_1": 1, "answered_2": 1, "answered_3": 0, "closed_no_response": 1,
                       "following_up": 1, "stopped": 0, "cycles": 4,
                       "answered_pct": round(100 * 2 / 3, 1)}


def test_weekend_and_holiday_safety_items_are_counted_with_their_forwarding_on_time(
        northwind: Client, make_mention: MentionFactory, alice: User) -> None:
    from carewatch.safety import actions as safety_actions
    from carewatch.safety.models import SafetyCase
    from tests.reports.test_figures import AE_TEXT

    northwind.settings = {"safety": {"pv_forward_to": ["pv@northwind.test"]}}
    northwind.holidays = ["2026-11-26"]  # Thanksgiving, a Thursday
    northwind.save()
    items = []
    # Saturday 21 Nov 10:00 EST, Wednesday 25 Nov 10:00 EST, Thursday 26 Nov 10:00 EST (the holiday)
    for author, at in (("sat", "2026-11-21T15:00:00"), ("wed", "2026-11-25T15:00:00"),
                       ("thu", "2026-11-26T15:00:00")):
        with time_machine.travel(utc(at), tick=False):
            mention = make_mention(northwind, f"{AE_TEXT} ({author})", author=author, created=utc(at))
        items.append(SafetyCase.objects.get(links__mention=mention))
    saturday, wednesday, holiday = items
    for item, late in ((saturday, True), (wednesday, True), (holiday, False)):
        with time_machine.travel(item.forward_due + (1 if late else -1) * timedelta(minutes=30), tick=False):
            safety_actions.do_forward(alice, item, ["pv@northwind.test"])
    refresh()
    with time_machine.travel(utc("2026-12-01T12:00:00"), tick=False):
        figures = client_summary(northwind, Period(date(2026, 11, 21), date(2026, 11, 26)))
    assert figures["safety"]["flagged"] == 3
    assert figures["safety"]["weekend_holiday"] == {
        "flagged": 2, "weekend": 1, "holiday": 1, "forwarded": 2, "forwarded_on_time": 1, "pending": 0, "late": 1,
        "forwarded_on_time_pct": 50.0}


def test_escalations_acknowledged_and_the_time_to_acknowledge(northwind: Client) -> None:
    from carewatch.escalation.models import Escalation

    opened = utc("2026-11-17T15:00:00")
    for acked in ("2026-11-17T15:10:00", "2026-11-17T15:25:00", None):
        Escalation.objects.create(client=northwind, category="urgent", severity="critical", opened_at=opened,
                                  state="acknowledged" if acked else "open",
                                  acknowledged_at=utc(acked) if acked else None)
    Escalation.objects.create(client=northwind, category="urgent", severity="critical",
                              opened_at=utc("2026-11-18T15:00:00"))  # the next day: not in the period
    figures = client_summary(northwind, TUESDAY)
    assert figures["escalations"] == {"opened": 3, "acknowledged": 2, "acknowledged_pct": 66.7,
                                      "unacknowledged": 1,
                                      "minutes_to_acknowledge": {"p50": 10, "p90": 25, "mean": 17.5}}
