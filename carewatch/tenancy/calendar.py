"""Business-calendar arithmetic: pure functions of a calendar and aware datetimes.

A calendar is a time zone, opening hours per weekday (``Client.business_hours``: ``{"mon":
["09:00", "18:00"], ...}``, days absent are closed, ``"24:00"`` closes at midnight) and holidays
(ISO dates, closed all day). Opening hours are local wall-clock times: each day's span is turned
into UTC on its own date, so a span on the day a daylight-saving change happens is as long as
it really is (an "00:00-24:00" day is 23 or 25 hours long), and minutes are counted as elapsed
time in UTC.

The one business calendar of the desk: SLA clocks, routing rules, escalation steps (``hours:
business``), on-call rotations and the reports all count open time with these functions.

A calendar with no opening hours at all is always open (24x7): an SLA must never wait forever
because nobody filled in the calendar. ``TWENTY_FOUR_SEVEN`` is that calendar.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
SEARCH_DAYS = 800  # two years of holidays cannot hide every opening


@dataclass(frozen=True)
class BusinessCalendar:
    timezone: str = "UTC"
    hours: tuple[tuple[int, time, time | None], ...] = ()  # (weekday 0-6, opens, closes; None: midnight)
    holidays: frozenset[date] = field(default_factory=frozenset)

    @property
    def always_open(self) -> bool:
        return not self.hours

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    def span_of(self, weekday: int) -> tuple[time, time | None] | None:
        for day, opens, closes in self.hours:
            if day == weekday:
                return opens, closes
        return None


TWENTY_FOUR_SEVEN = BusinessCalendar()


def _time(value: str) -> time | None:
    return None if value == "24:00" else time.fromisoformat(value)


def calendar_from(timezone: str, business_hours: Any, holidays: Any) -> BusinessCalendar:
    """A calendar from the client's fields; entries that do not parse are left out."""
    hours: list[tuple[int, time, time | None]] = []
    for day, span in (business_hours or {}).items():
        if str(day) not in DAYS:
            continue
        try:
            start, end = span
            opens = _time(str(start)) or time(0)
            closes = _time(str(end))
        except (TypeError, ValueError):
            continue
        if closes is not None and closes <= opens:
            continue
        hours.append((DAYS.index(str(day)), opens, closes))
    days: set[date] = set()
    for value in holidays or []:
        try:
            days.add(date.fromisoformat(str(value)))
        except ValueError:
            continue
    try:
        zoneinfo.ZoneInfo(str(timezone or "UTC"))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        timezone = "UTC"
    return BusinessCalendar(str(timezone or "UTC"), tuple(sorted(hours)), frozenset(days))


def client_calendar(client: Any) -> BusinessCalendar:
    return calendar_from(client.timezone, client.business_hours, client.holidays)


def _utc(day: date, at: time, tz: zoneinfo.ZoneInfo) -> datetime:
    return datetime.combine(day, at, tzinfo=tz).astimezone(UTC)


def open_spans(calendar: BusinessCalendar, start: datetime) -> Iterator[tuple[datetime, datetime]]:
    """The calendar's open spans (UTC) that end after ``start``, in order, for SEARCH_DAYS days."""
    start = start.astimezone(UTC)
    if calendar.always_open:
        yield start, datetime.max.replace(tzinfo=UTC)
        return
    tz = calendar.tz
    first = start.astimezone(tz).date() - timedelta(days=1)  # a span may start the local day before
    for offset in range(SEARCH_DAYS):
        day = first + timedelta(days=offset)
        if day in calendar.holidays:
            continue
        span = calendar.span_of(day.weekday())
        if span is None:
            continue
        opens, closes = span
        begin = _utc(day, opens, tz)
        end = _utc(day + timedelta(days=1), time(0), tz) if closes is None else _utc(day, closes, tz)
        if end > start and end > begin:
            yield begin, end


def add_business_minutes(start: datetime, minutes: float, calendar: BusinessCalendar) -> datetime:
    """The moment ``minutes`` of open time after ``start`` (UTC). Zero minutes from a closed
    moment is the next opening. A calendar that never opens in SEARCH_DAYS counts wall-clock."""
    if minutes < 0:
        raise ValueError("minutes must not be negative")
    left = timedelta(minutes=minutes)
    start = start.astimezone(UTC)
    for begin, end in open_spans(calendar, start):
        begin = max(begin, start)
        if begin + left <= end:
            return begin + left
        left -= end - begin
    return start + timedelta(minutes=minutes)


def business_minutes_between(a: datetime, b: datetime, calendar: BusinessCalendar) -> float:
    """Open minutes from ``a`` to ``b`` (negative if ``b`` is before ``a``)."""
    if b < a:
        return -business_minutes_between(b, a, calendar)
    a, b = a.astimezone(UTC), b.astimezone(UTC)
    total = timedelta(0)
    for begin, end in open_spans(calendar, a):
        if begin >= b:
            break
        total += min(end, b) - max(begin, a)
    return total.total_seconds() / 60


def next_open(calendar: BusinessCalendar, at: datetime) -> datetime:
    """``at`` (UTC) if the calendar is open then, else its next opening; ``at`` if it never
    opens within SEARCH_DAYS."""
    at_utc = at.astimezone(UTC)
    for begin, _end in open_spans(calendar, at_utc):
        return max(begin, at_utc)
    return at_utc


def is_open(calendar: BusinessCalendar, at: datetime) -> bool:
    for begin, _end in open_spans(calendar, at):
        return begin <= at.astimezone(UTC)
    return False
