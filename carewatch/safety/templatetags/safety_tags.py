"""Deadlines as people read them: "due in 3 h 10 min", "overdue by 2 h 5 min", "overdue by less than a minute"."""

from __future__ import annotations

from datetime import UTC, datetime

from django import template
from django.utils import timezone

register = template.Library()


def _span(seconds: float) -> str:
    minutes = int(abs(seconds) // 60)
    if minutes == 0:
        return "less than a minute"
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = ([f"{days} d"] if days else []) + ([f"{hours} h"] if hours else []) + ([f"{mins} min"] if not days else [])
    return " ".join(parts)


@register.filter
def countdown(due: datetime | None, now: datetime | None = None) -> str:
    if due is None:
        return "—"
    left = (due - (now or timezone.now())).total_seconds()
    return f"due in {_span(left)}" if left >= 0 else f"overdue by {_span(left)}"


@register.filter
def is_past(due: datetime | None, now: datetime | None = None) -> bool:
    return due is not None and due < (now or timezone.now())


@register.filter
def iso_utc(value: str) -> str:
    """An ISO timestamp from a frozen snapshot, shown like the rest of the page: "2026-12-05 17:54 UTC"."""
    try:
        parsed = datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC)
    return parsed.strftime("%Y-%m-%d %H:%M UTC")


@register.simple_tag
def get_count(counts: dict[str, int], key: str) -> int:
    """``counts[key]`` (a template cannot index a dict by a variable)."""
    return int(counts.get(key, 0))
