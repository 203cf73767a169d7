"""Planned times: given as a wall-clock time in the client's time zone, stored in UTC.

A wall-clock time that does not exist (the hour skipped when clocks go forward) is refused; one
that happens twice (the hour repeated when clocks go back) is the first of the two unless
``second`` is asked for. Both follow PEP 495 (``fold``) with ``zoneinfo``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError


def to_utc(local: datetime, tz_name: str, *, second: bool = False) -> datetime:
    """The UTC instant of the naive wall-clock ``local`` in ``tz_name``."""
    if local.tzinfo is not None:
        return local.astimezone(UTC)
    tz = ZoneInfo(tz_name)
    first = local.replace(tzinfo=tz, fold=0)
    later = local.replace(tzinfo=tz, fold=1)
    if first.utcoffset() != later.utcoffset():
        # Either skipped (the round trip moves the wall clock) or repeated.
        back = first.astimezone(UTC).astimezone(tz)
        if back.replace(tzinfo=None) != local:
            raise ValidationError(f"{local:%Y-%m-%d %H:%M} does not exist in {tz_name} (the clocks go forward "
                                  "then): choose another time")
        return (later if second else first).astimezone(UTC)
    return first.astimezone(UTC)


def to_local(instant: datetime, tz_name: str) -> datetime:
    return instant.astimezone(ZoneInfo(tz_name))


def parse_local(value: str) -> datetime:
    """``2026-03-08T02:30`` or ``2026-03-08 02:30`` (a form's datetime-local) as a naive datetime."""
    try:
        parsed = datetime.fromisoformat(value.strip().replace(" ", "T"))
    except ValueError:
        raise ValidationError(f"{value!r} is not a date and time (YYYY-MM-DD HH:MM)") from None
    return parsed.replace(tzinfo=None) if parsed.tzinfo is None else parsed
