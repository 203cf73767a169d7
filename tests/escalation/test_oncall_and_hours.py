"""On-call rotations (handoffs, overrides, holidays, people away, daylight-saving changes) and
business hours from the client's calendar: pure functions, checked at the edges."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from carewatch.escalation.oncall import on_call, parse_rotation
from carewatch.tenancy.calendar import client_calendar as calendar_of
from carewatch.tenancy.calendar import is_open, next_open

NY = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")


def rotation(**spec: object) -> object:
    base = {"handoff": "mon 09:00", "start": "2026-01-05", "people": ["ana@a.test", "ben@a.test", "cy@a.test"]}
    return parse_rotation("pv", {**base, **spec}, "America/New_York", "client northwind")


def test_a_weekly_rotation_hands_over_on_monday_at_nine_local_time() -> None:
    r = rotation()
    assert on_call(r, datetime(2026, 1, 5, 9, 0, tzinfo=NY)) == "ana@a.test"  # the first shift
    assert on_call(r, datetime(2026, 1, 12, 8, 59, tzinfo=NY)) == "ana@a.test"  # a minute before the handoff
    assert on_call(r, datetime(2026, 1, 12, 9, 0, tzinfo=NY)) == "ben@a.test"
    assert on_call(r, datetime(2026, 1, 21, 3, 0, tzinfo=NY)) == "cy@a.test"
    assert on_call(r, datetime(2026, 1, 26, 9, 0, tzinfo=NY)) == "ana@a.test"  # round again
    assert on_call(r, datetime(2026, 1, 4, 12, 0, tzinfo=NY)) == "cy@a.test"  # before the start: counted backwards


def test_the_handoff_stays_at_nine_local_across_both_daylight_saving_changes() -> None:
    r = rotation()
    # US clocks spring forward on Sunday 8 March 2026; the Monday handoff is 09:00 EDT = 13:00 UTC.
    before = on_call(r, datetime(2026, 3, 9, 12, 59, tzinfo=UTC))
    after = on_call(r, datetime(2026, 3, 9, 13, 0, tzinfo=UTC))
    assert before != after
    assert after == on_call(r, datetime(2026, 3, 9, 9, 0, tzinfo=NY))
    # ...and fall back on Sunday 1 November 2026: the handoff is 09:00 EST = 14:00 UTC.
    assert on_call(r, datetime(2026, 11, 2, 13, 59, tzinfo=UTC)) == on_call(r, datetime(2026, 11, 1, 1, 30, tzinfo=NY))
    assert on_call(r, datetime(2026, 11, 2, 14, 0, tzinfo=UTC)) != on_call(r, datetime(2026, 11, 2, 13, 59, tzinfo=UTC))


def test_a_daily_rotation_in_berlin_hands_over_at_its_local_time_across_the_spring_change() -> None:
    r = parse_rotation("night", {"handoff": "20:00", "start": "2026-03-27", "people": ["a@a.test", "b@a.test"]},
                       "UTC", "client contoso")
    r = parse_rotation("night", {"handoff": "20:00", "start": "2026-03-27", "timezone": "Europe/Berlin",
                                 "people": ["a@a.test", "b@a.test"]}, "UTC", "client contoso")
    assert on_call(r, datetime(2026, 3, 27, 20, 0, tzinfo=BERLIN)) == "a@a.test"
    assert on_call(r, datetime(2026, 3, 28, 20, 0, tzinfo=BERLIN)) == "b@a.test"
    # Berlin moves to summer time on 29 March: 20:00 CEST is 18:00 UTC, not 19:00.
    assert on_call(r, datetime(2026, 3, 29, 17, 59, tzinfo=UTC)) == "b@a.test"
    assert on_call(r, datetime(2026, 3, 29, 18, 0, tzinfo=UTC)) == "a@a.test"


def test_an_override_wins_for_exactly_its_span() -> None:
    r = rotation(overrides=[{"from": "2026-01-14 18:00", "to": "2026-01-15 08:00", "person": "dee@a.test"}])
    assert on_call(r, datetime(2026, 1, 14, 17, 59, tzinfo=NY)) == "ben@a.test"
    assert on_call(r, datetime(2026, 1, 14, 18, 0, tzinfo=NY)) == "dee@a.test"
    assert on_call(r, datetime(2026, 1, 15, 7, 59, tzinfo=NY)) == "dee@a.test"
    assert on_call(r, datetime(2026, 1, 15, 8, 0, tzinfo=NY)) == "ben@a.test"


def test_on_a_holiday_the_holiday_cover_is_on_call_for_the_whole_local_day() -> None:
    r = rotation(holidays=["2026-12-25"], holiday_cover="duty@a.test")
    assert on_call(r, datetime(2026, 12, 25, 0, 0, tzinfo=NY)) == "duty@a.test"
    assert on_call(r, datetime(2026, 12, 25, 23, 59, tzinfo=NY)) == "duty@a.test"
    assert on_call(r, datetime(2026, 12, 26, 0, 0, tzinfo=NY)) != "duty@a.test"
    # 25 December 02:00 UTC is still the 24th in New York.
    assert on_call(r, datetime(2026, 12, 25, 2, 0, tzinfo=UTC)) != "duty@a.test"


def test_a_person_away_is_skipped_and_the_next_in_line_covers() -> None:
    r = rotation(away=[{"person": "ben@a.test", "from": "2026-01-13", "to": "2026-01-14"}])
    assert on_call(r, datetime(2026, 1, 12, 12, 0, tzinfo=NY)) == "ben@a.test"
    assert on_call(r, datetime(2026, 1, 13, 12, 0, tzinfo=NY)) == "cy@a.test"
    assert on_call(r, datetime(2026, 1, 15, 12, 0, tzinfo=NY)) == "ben@a.test"


def test_if_everyone_is_away_the_scheduled_person_is_still_named() -> None:
    r = rotation(people=["ana@a.test"], away=[{"person": "ana@a.test", "from": "2026-01-01", "to": "2026-12-31"}])
    assert on_call(r, datetime(2026, 6, 1, tzinfo=UTC)) == "ana@a.test"


def client_calendar(**extra: object) -> object:
    fields = {"timezone": "America/New_York", "holidays": ["2026-12-25"],
              "business_hours": {d: ["09:00", "18:00"] for d in ("mon", "tue", "wed", "thu", "fri")}}
    return calendar_of(SimpleNamespace(**{**fields, **extra}))


def test_business_hours_wait_for_monday_morning_over_a_weekend() -> None:
    cal = client_calendar()
    friday_evening = datetime(2026, 12, 4, 18, 30, tzinfo=NY)
    assert next_open(cal, friday_evening) == datetime(2026, 12, 7, 9, 0, tzinfo=NY)
    assert not is_open(cal, datetime(2026, 12, 5, 12, 0, tzinfo=NY))
    assert is_open(cal, datetime(2026, 12, 7, 9, 0, tzinfo=NY))
    assert next_open(cal, datetime(2026, 12, 7, 17, 59, tzinfo=NY)) == datetime(2026, 12, 7, 17, 59, tzinfo=NY)
    assert next_open(cal, datetime(2026, 12, 8, 6, 0, tzinfo=NY)) == datetime(2026, 12, 8, 9, 0, tzinfo=NY)


def test_business_hours_skip_the_clients_holidays() -> None:
    cal = client_calendar()
    christmas_eve_evening = datetime(2026, 12, 24, 19, 0, tzinfo=NY)
    assert next_open(cal, christmas_eve_evening) == datetime(2026, 12, 28, 9, 0, tzinfo=NY)  # Fri 25th is a holiday


def test_an_empty_calendar_means_always_open_never_waiting_forever() -> None:
    cal = client_calendar(business_hours={})
    moment = datetime(2026, 12, 5, 3, 0, tzinfo=UTC)
    assert next_open(cal, moment) == moment


def test_a_day_open_until_midnight_closes_at_midnight() -> None:
    cal = client_calendar(business_hours={"sat": ["10:00", "24:00"]})
    assert is_open(cal, datetime(2026, 12, 5, 23, 59, tzinfo=NY))
    assert next_open(cal, datetime(2026, 12, 6, 0, 0, tzinfo=NY)) == datetime(2026, 12, 12, 10, 0, tzinfo=NY)
