"""Figures for reports: touches per case and per agent, SLA outcomes per clock. Reads only."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Count, Q

from carewatch.sla.models import CLOCKS, CaseClock, Touch


def touches_per_agent(client_id: int, since: datetime, until: datetime) -> dict[int | None, int]:
    """Touches made in [since, until) by agent id (None: sent natively on the platform)."""
    rows = (Touch.objects.filter(client_id=client_id, at__gte=since, at__lt=until)
            .values_list("agent_id").annotate(n=Count("id")).values_list("agent_id", "n"))
    return dict(rows)


def touches_per_case(client_id: int, since: datetime, until: datetime) -> dict[int, int]:
    rows = (Touch.objects.filter(client_id=client_id, at__gte=since, at__lt=until)
            .values_list("case_id").annotate(n=Count("id")).values_list("case_id", "n"))
    return dict(rows)


def sla_outcomes(client_id: int, since: datetime, until: datetime) -> dict[str, dict[str, Any]]:
    """Per clock (first, next, resolution), for cases started in [since, until): how many ran,
    were warned and breached (next: breaches counted per cycle)."""
    clocks = CaseClock.objects.filter(client_id=client_id, started_at__gte=since, started_at__lt=until)
    out: dict[str, dict[str, Any]] = {}
    for kind in CLOCKS:
        if kind == "next":
            figures = clocks.aggregate(
                ran=Count("pk", filter=Q(next_breaches__gt=0) | Q(next_started_at__isnull=False)),
                warned=Count("pk", filter=Q(next_warned_at__isnull=False)),
                breached=Count("pk", filter=Q(next_breaches__gt=0)))
        else:
            figures = clocks.aggregate(
                ran=Count("pk", filter=Q(**{f"{kind}_due__isnull": False})),
                warned=Count("pk", filter=Q(**{f"{kind}_warned_at__isnull": False})),
                breached=Count("pk", filter=Q(**{f"{kind}_breached_at__isnull": False})))
        out[kind] = figures
    return out
