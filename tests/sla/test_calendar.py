"""Business-calendar arithmetic: opening hours, weekends, holidays and both of New York's
daylight-saving changes (2026-03-08 and 2026-11-01, both Sundays)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from carewatch.tenancy.calendar import (
    TWENTY_FOUR_SEVEN,
    add_business_minutes,
    business_minutes_between,
    calendar_from,
    is_open,
)

NY = ZoneInfo("America/New_York")
WEEKDAYS = {d: ["09:00", "18:00"] for d in ("mon", "tue", "wed", "thu", "fri")}
NEW_YORK = calendar_from("America/New_York", WEEKDAYS, ["2026-12-25", "2026-11-26"])


def ny(*args: int) -> datetime:
    return datetime(*args, tzinfo=NY)  # type: ignore[misc]


def test_minutes_inside_one_business_day_add_up_plainly() -> None:
    assert add_business_minutes(ny(2026, 6, 3, 10, 0), 90, NEW_YORK) == ny(2026, 6, 3, 11, 30)


def test_minutes_roll_over_the_evening_and_the_weekend() -> None:
    # Friday 17:00 + 2 h: one hour on Friday, the next on Monday from 09:00.
    assert add_business_minutes(ny(2026, 6, 5, 17, 0), 120, NEW_YORK) == ny(2026, 6, 8, 10, 0)


def test_a_start_outside_hours_counts_from_the_next_opening() -> None:
    assert add_business_minutes(ny(2026, 6, 6, 13, 0), 30, NEW_YORK) == ny(2026, 6, 8, 9, 30)  # Saturday
    assert add_business_minutes(ny(2026, 6, 3, 20, 0), 0, NEW_YORK) == ny(2026, 6, 4, 9, 0)


def test_holidays_are_closed_all_day() -> None:
    # Christmas 2026 is a Friday: Thursday 17:30 + 60 min ends on Monday 28th at 09:30.
    assert add_business_minutes(ny(2026, 12, 24, 17, 30), 60, NEW_YORK) == ny(2026, 12, 28, 9, 30)
    # Thanksgiving (Thursday 26 November) too.
    assert business_minutes_between(ny(2026, 11, 26, 0, 0), ny(2026, 11, 27, 0, 0), NEW_YORK) == 0


def test_spring_forward_keeps_the_local_opening_hours() -> None:
    # Friday 6 March 17:00 EST (22:00 UTC) + 120 min: Monday 9 March 10:00 EDT, which is 14:00 UTC.
    due = add_business_minutes(ny(2026, 3, 6, 17, 0), 120, NEW_YORK)
    assert due == ny(2026, 3, 9, 10, 0)
    assert due.astimezone(UTC) == datetime(2026, 3, 9, 14, 0, tzinfo=UTC)


def test_fall_back_keeps_the_local_opening_hours() -> None:
    # Friday 30 October 17:00 EDT (21:00 UTC) + 120 min: Monday 2 November 10:00 EST = 15:00 UTC.
    due = add_business_minutes(ny(2026, 10, 30, 17, 0), 120, NEW_YORK)
    assert due.astimezone(UTC) == datetime(2026, 11, 2, 15, 0, tzinfo=UTC)


def test_a_whole_day_on_the_changes_is_as_long_as_it_really_is() -> None:
    sundays = calendar_from("America/New_York", {"sun": ["00:00", "24:00"]}, [])
    assert business_minutes_between(ny(2026, 3, 8, 0, 0), ny(2026, 3, 9, 0, 0), sundays) == 23 * 60
    assert business_minutes_between(ny(2026, 11, 1, 0, 0), ny(2026, 11, 2, 0, 0), sundays) == 25 * 60
    # Eight open hours after midnight on the spring Sunday is 09:00 local (02:00-03:00 never happens).
    assert add_business_minutes(ny(2026, 3, 8, 0, 0), 8 * 60, sundays) == ny(2026, 3, 8, 9, 0)


def test_a_24x7_clock_is_wall_clock_time_across_the_change() -> None:
    start = ny(2026, 3, 7, 12, 0)
    assert add_business_minutes(start, 24 * 60, TWENTY_FOUR_SEVEN) == start.astimezone(UTC) + timedelta(days=1)
    assert add_business_minutes(start, 24 * 60, TWENTY_FOUR_SEVEN) == ny(2026, 3, 8, 13, 0)


def test_a_calendar_without_hours_is_always_open() -> None:
    empty = calendar_from("Europe/Berlin", {}, ["2026-12-25"])
    start = datetime(2026, 12, 25, 10, 0, tzinfo=UTC)
    assert empty.always_open
    assert add_business_minutes(start, 60, empty) == start + timedelta(hours=1)


@pytest.mark.parametrize("start", [ny(2026, 3, 5, 16, 0), ny(2026, 10, 29, 8, 0), ny(2026, 12, 24, 12, 0),
                                   ny(2026, 7, 4, 23, 59)])
@pytest.mark.parametrize("minutes", [1, 59, 540, 541, 2000, 10_000])
def test_counting_the_minutes_back_gives_what_was_added(start: datetime, minutes: int) -> None:
    due = add_business_minutes(start, minutes, NEW_YORK)
    assert business_minutes_between(start, due, NEW_YORK) == pytest.approx(minutes)
    assert business_minutes_between(due, start, NEW_YORK) == pytest.approx(-minutes)


def test_open_and_closed_moments() -> None:
    assert is_open(NEW_YORK, ny(2026, 6, 3, 9, 0))
    assert not is_open(NEW_YORK, ny(2026, 6, 3, 18, 0))
    assert not is_open(NEW_YORK, ny(2026, 12, 25, 12, 0))


def test_hours_that_do_not_parse_are_left_out() -> None:
    calendar = calendar_from("Not/AZone", {"mon": ["09:00", "18:00"], "tue": "nonsense", "xyz": ["1", "2"]},
                             ["2026-02-30", "2026-01-01"])
    assert calendar.timezone == "UTC"
    assert [day for day, _, _ in calendar.hours] == [0]
    assert len(calendar.holidays) == 1
