"""Business hours from the client's calendar: ``Client.business_hours`` (``{"mon": ["09:00",
"18:00"], ...}``, days absent are closed), ``Client.holidays`` (ISO dates, closed all day) and
``Client.timezone``. Pure functions of the calendar and an aware datetime.

A client with no business hours configured is treated as always open: a ``hours: business``
step must never wait forever because the calendar is empty.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
SEARCH_DAYS = 400  # a year of holidays cannot hide every opening


@dataclass(frozen=True)
class Calendar:
    timezone: str
    hours: dict[str, tuple[time, time | None]]  # None: open until midnight ("24:00")
    holidays: frozenset[date]

    @property
    def always_open(self) -> bool:
        return not self.hours


def _time(value: str) -> time | None:
    if value == "24:00":
        return None
    return time.fromisoformat(value)


def calendar_of(client: Any) -> Calendar:
    hours: dict[str, tuple[time, time | None]] = {}
    for day, span in (client.business_hours or {}).items():
        try:
            start, end = span
            opening = _time(str(start))
            hours[str(day)] = (opening or time(0), _time(str(end)))
        except (TypeError, ValueError):
            continue
    holidays = set()
    for value in client.holidays or []:
        try:
            holidays.add(date.fromisoformat(str(value)))
        except ValueError:
            continue
    return Calendar(str(client.timezone or "UTC"), hours, frozenset(holidays))


def _local(day: date, at: time, tz: zoneinfo.ZoneInfo) -> datetime:
    return datetime.combine(day, at, tzinfo=tz).astimezone(UTC)


def _span(calendar: Calendar, day: date, tz: zoneinfo.ZoneInfo) -> tuple[datetime, datetime] | None:
    if day in calendar.holidays:
        return None
    span = calendar.hours.get(DAYS[day.weekday()])
    if span is None:
        return None
    start, end = span
    closing = _local(day + timedelta(days=1), time(0), tz) if end is None else _local(day, end, tz)
    return _local(day, start, tz), closing


def next_open(calendar: Calendar, at: datetime) -> datetime:
    """``at`` if the client is open then, else the next opening (UTC)."""
    if calendar.always_open:
        return at
    tz = zoneinfo.ZoneInfo(calendar.timezone)
    at_utc = at.astimezone(UTC)
    day = at_utc.astimezone(tz).date()
    for offset in range(SEARCH_DAYS):
        span = _span(calendar, day + timedelta(days=offset), tz)
        if span is None:
            continue
        opening, closing = span
        if at_utc < closing:
            return max(at_utc, opening)
    return at_utc


def is_open(calendar: Calendar, at: datetime) -> bool:
    return next_open(calendar, at) == at.astimezone(UTC)
