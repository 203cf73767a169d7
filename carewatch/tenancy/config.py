"""Configuration as code: the checks of tenancy's own fields (a client's hours, holidays and
languages; a product's ages) and the error config apply raises. Applying and exporting the whole
file is ``carewatch.configuration.as_code`` (it reads every app's section, so it sits at the top).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
_HOURS = re.compile(r"^([01]\d|2[0-3]):[0-5]\d-(?:([01]\d|2[0-3]):[0-5]\d|24:00)$")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")


class ConfigError(ValueError):
    pass


def normalise_business_hours(value: Any, where: str) -> dict[str, list[str]]:
    """``{"mon-fri": "09:00-18:00", "sat": "10:00-14:00"}`` → one entry per open day."""
    if value in (None, {}):
        return {}
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: business_hours must be a mapping of days to HH:MM-HH:MM")
    result: dict[str, list[str]] = {}
    for days, hours in value.items():
        days = str(days).lower().strip()
        if "-" in days:
            first, last = days.split("-", 1)
            if first not in DAYS or last not in DAYS:
                raise ConfigError(f"{where}: unknown day range {days!r}")
            if DAYS.index(first) > DAYS.index(last):
                raise ConfigError(f"{where}: day range {days!r} runs backwards; write it as two entries")
            span = DAYS[DAYS.index(first): DAYS.index(last) + 1]
        elif days in DAYS:
            span = [days]
        else:
            raise ConfigError(f"{where}: unknown day {days!r}")
        if not isinstance(hours, str) or not _HOURS.match(hours.strip()):
            raise ConfigError(f"{where}: hours for {days} must look like 09:00-18:00")
        start, end = hours.strip().split("-")
        if start >= end:
            raise ConfigError(f"{where}: hours for {days} end before they start")
        for day in span:
            result[day] = [start, end]
    return {day: result[day] for day in DAYS if day in result}


def check_age(value: Any, where: str) -> int | None:
    """An age in years (0-130), or None when the key is absent or empty."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 130:
        raise ConfigError(f"{where}: an age in whole years (0-130), got {value!r}")
    return value


def string_list(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        raise ConfigError(f"{where}: must be a list of strings")
    return [str(v) for v in value]


def check_holidays(value: Any, where: str) -> list[str]:
    if isinstance(value, list):  # unquoted YAML dates arrive as date objects
        value = [v.isoformat() if isinstance(v, date) else v for v in value]
    days = string_list(value, where)
    for day in days:
        try:
            date.fromisoformat(day)
        except ValueError:
            raise ConfigError(f"{where}: {day!r} is not a YYYY-MM-DD date") from None
    return sorted(days)


def compact_hours(hours: dict[str, list[str]]) -> dict[str, str]:
    """The inverse of normalise_business_hours: runs of days with the same hours."""
    out: dict[str, str] = {}
    run: list[str] = []
    for day in [*DAYS, None]:
        value = hours.get(day) if day else None
        if run and (value is None or value != hours.get(run[0])):
            key = run[0] if len(run) == 1 else f"{run[0]}-{run[-1]}"
            out[key] = "-".join(hours[run[0]])
            run = []
        if day and value is not None:
            run.append(day)
    return out
