"""On-call rotations, from the client's ``oncall`` settings block (config-as-code):

```yaml
oncall:
  pv:
    timezone: Europe/Berlin      # default: the client's time zone
    handoff: "mon 09:00"         # weekly, at this local wall-clock time; "09:00" or "daily 09:00": daily
    start: 2026-01-05            # the first shift (people[0]) begins at the first handoff on/after it
    people: [ana@agency.test, ben@agency.test, cy@agency.test]
    overrides:                   # someone covers a span (local times, or ISO with an offset)
      - {from: "2026-12-24 09:00", to: "2026-12-27 09:00", person: cy@agency.test}
    holidays: [2026-12-25, 2027-01-01]   # on these local days holiday_cover is on call
    holiday_cover: duty@agency.test
    away:                        # a person on leave is skipped: the next in line covers
      - {person: ben@agency.test, from: 2026-08-01, to: 2026-08-14}
```

``on_call(rotation, at)`` is a pure function. Precedence: an override covering ``at``, then the
holiday cover on a holiday, then the scheduled person, skipping people away that day (if every
one is away, the scheduled person is still named: better someone than no one). Handoffs are
local wall-clock times, so a rotation keeps its 09:00 handoff across daylight-saving changes;
comparisons are made in UTC (aware datetimes in one zone compare by wall clock otherwise).
"""

from __future__ import annotations

import re
import zoneinfo
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from carewatch.tenancy.calendar import DAYS

DEFAULT_START = date(2024, 1, 1)
_HANDOFF = re.compile(r"^(?:(?P<day>mon|tue|wed|thu|fri|sat|sun|daily)\s+)?(?P<time>([01]\d|2[0-3]):[0-5]\d)$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class Override:
    start: datetime
    end: datetime
    person: str


@dataclass(frozen=True)
class Away:
    person: str
    first: date
    last: date


@dataclass(frozen=True)
class Rotation:
    name: str
    timezone: str
    weekday: int | None  # None: daily handoffs
    handoff: time
    people: tuple[str, ...]
    start: date = DEFAULT_START
    overrides: tuple[Override, ...] = ()
    holidays: frozenset[date] = frozenset()
    holiday_cover: str = ""
    away: tuple[Away, ...] = ()


def _date(value: Any, where: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"{where}: {value!r} is not a YYYY-MM-DD date") from None


def _moment(value: Any, tz: zoneinfo.ZoneInfo, where: str) -> datetime:
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value, time(0))
    else:
        try:
            moment = datetime.fromisoformat(str(value).strip())
        except ValueError:
            raise ValueError(f"{where}: {value!r} is not a date and time like 2026-12-24 09:00") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=tz)
    return moment.astimezone(UTC)


def _person(value: Any, where: str) -> str:
    if not isinstance(value, str) or not _EMAIL.match(value.strip()):
        raise ValueError(f"{where}: {value!r} is not an e-mail address")
    return value.strip().lower()


def parse_rotation(name: str, spec: Any, default_tz: str, where: str) -> Rotation:
    """The rotation in ``spec``; ValueError naming the key for anything malformed."""
    where = f"{where} oncall.{name}"
    if not isinstance(spec, dict):
        raise ValueError(f"{where}: must be a mapping with handoff and people")
    unknown = set(spec) - {"timezone", "handoff", "start", "people", "overrides", "holidays", "holiday_cover", "away"}
    if unknown:
        raise ValueError(f"{where}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
    tz_name = str(spec.get("timezone") or default_tz)
    try:
        tz = zoneinfo.ZoneInfo(tz_name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"{where}.timezone: unknown time zone {tz_name!r}") from None
    match = _HANDOFF.match(str(spec.get("handoff", "mon 09:00")).strip().lower())
    if not match:
        raise ValueError(f"{where}.handoff: write it as \"mon 09:00\" (weekly) or \"09:00\" (daily)")
    day = match.group("day")
    weekday = None if day in (None, "daily") else DAYS.index(day)
    people_in = spec.get("people")
    if not isinstance(people_in, list) or not people_in:
        raise ValueError(f"{where}.people: list at least one person's e-mail address")
    people = tuple(_person(p, f"{where}.people") for p in people_in)
    overrides = []
    for i, item in enumerate(spec.get("overrides") or []):
        key = f"{where}.overrides[{i}]"
        if not isinstance(item, dict) or not {"from", "to", "person"} <= set(item):
            raise ValueError(f"{key}: needs from, to and person")
        start, end = _moment(item["from"], tz, f"{key}.from"), _moment(item["to"], tz, f"{key}.to")
        if end <= start:
            raise ValueError(f"{key}: ends before it starts")
        overrides.append(Override(start, end, _person(item["person"], f"{key}.person")))
    holidays_in = spec.get("holidays") or []
    if not isinstance(holidays_in, list):
        raise ValueError(f"{where}.holidays: must be a list of dates")
    holidays = frozenset(_date(v, f"{where}.holidays") for v in holidays_in)
    cover = spec.get("holiday_cover")
    if holidays and not cover:
        raise ValueError(f"{where}.holiday_cover: name who is on call on the rotation's holidays")
    away = []
    for i, item in enumerate(spec.get("away") or []):
        key = f"{where}.away[{i}]"
        if not isinstance(item, dict) or not {"from", "to", "person"} <= set(item):
            raise ValueError(f"{key}: needs person, from and to")
        first, last = _date(item["from"], f"{key}.from"), _date(item["to"], f"{key}.to")
        if last < first:
            raise ValueError(f"{key}: ends before it starts")
        away.append(Away(_person(item["person"], f"{key}.person"), first, last))
    return Rotation(
        name=name, timezone=tz_name, weekday=weekday, handoff=time.fromisoformat(match.group("time")),
        people=people, start=_date(spec.get("start", DEFAULT_START), f"{where}.start"),
        overrides=tuple(overrides), holidays=holidays,
        holiday_cover=_person(cover, f"{where}.holiday_cover") if cover else "", away=tuple(away),
    )


def _handoff_at(rotation: Rotation, day: date) -> datetime:
    return datetime.combine(day, rotation.handoff, tzinfo=zoneinfo.ZoneInfo(rotation.timezone)).astimezone(UTC)


def shift_start(rotation: Rotation, at: datetime) -> date:
    """The local date of the handoff that began the shift running at ``at``."""
    at = at.astimezone(UTC)
    day = at.astimezone(zoneinfo.ZoneInfo(rotation.timezone)).date()
    period = 1 if rotation.weekday is None else 7
    if rotation.weekday is not None:
        day -= timedelta(days=(day.weekday() - rotation.weekday) % 7)
    if _handoff_at(rotation, day) > at:
        day -= timedelta(days=period)
    return day


def _first_shift(rotation: Rotation) -> date:
    if rotation.weekday is None:
        return rotation.start
    return rotation.start + timedelta(days=(rotation.weekday - rotation.start.weekday()) % 7)


def scheduled(rotation: Rotation, at: datetime) -> str:
    """Who the plain rotation puts on call at ``at`` (no overrides, holidays or leave)."""
    period = 1 if rotation.weekday is None else 7
    index = (shift_start(rotation, at) - _first_shift(rotation)).days // period
    return rotation.people[index % len(rotation.people)]


def _is_away(rotation: Rotation, person: str, day: date) -> bool:
    return any(a.person == person and a.first <= day <= a.last for a in rotation.away)


def on_call(rotation: Rotation, at: datetime) -> str:
    """The person on call for ``rotation`` at the aware datetime ``at``."""
    at = at.astimezone(UTC)
    for override in rotation.overrides:
        if override.start <= at < override.end:
            return override.person
    local_day = at.astimezone(zoneinfo.ZoneInfo(rotation.timezone)).date()
    if rotation.holiday_cover and local_day in rotation.holidays:
        return rotation.holiday_cover
    person = scheduled(rotation, at)
    if not _is_away(rotation, person, local_day):
        return person
    start = rotation.people.index(person)
    for step in range(1, len(rotation.people)):
        candidate = rotation.people[(start + step) % len(rotation.people)]
        if not _is_away(rotation, candidate, local_day):
            return candidate
    return person
