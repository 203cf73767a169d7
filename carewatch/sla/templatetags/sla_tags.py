"""``{% load sla_tags %}{% sla_panel case %}``: the case's SLA clocks, three-touch state and the
routing rules that fired, for the case page."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import template
from django.utils import timezone

from carewatch.inbox.models import Case
from carewatch.sla.models import CLOCK_LABELS, CLOCKS, CaseClock, Touch, TouchSequence
from carewatch.tenancy.access import role_for
from carewatch.tenancy.models import CASE_WRITE_ROLES

register = template.Library()


def clock_rows(clock: CaseClock, now: datetime) -> list[dict[str, Any]]:
    rows = []
    for kind in CLOCKS:
        due = getattr(clock, f"{kind}_due")
        met = getattr(clock, f"{kind}_met_at", None)
        if due is None and met is None:
            continue
        rows.append({
            "kind": kind, "label": CLOCK_LABELS[kind].capitalize(), "due": due, "met": met,
            "running": clock.running(kind), "paused": clock.paused_at is not None and clock.running(kind),
            "warned": getattr(clock, f"{kind}_warned_at"), "breached": getattr(clock, f"{kind}_breached_at"),
            "overdue": clock.running(kind) and due is not None and due < now and clock.paused_at is None,
        })
    return rows


@register.inclusion_tag("sla/panel.html", takes_context=True)
def sla_panel(context: template.Context, case: Case) -> dict[str, Any]:
    from carewatch.routing.models import CaseRouting, RuleFiring

    now = timezone.now()
    clock = CaseClock.objects.filter(pk=case.pk).first()
    sequence = TouchSequence.objects.filter(pk=case.pk).first()
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "case": case, "clock": clock, "rows": clock_rows(clock, now) if clock else [],
        "sequence": sequence,
        "touches": list(Touch.objects.filter(case=case).select_related("agent")),
        "firings": list(RuleFiring.objects.filter(case=case).order_by("position")),
        "routing": CaseRouting.objects.filter(pk=case.pk).first(),
        "can_touch": user is not None and role_for(user, case.client_id) in CASE_WRITE_ROLES,
        "csrf_token": context.get("csrf_token"),
        "request": request,
    }
