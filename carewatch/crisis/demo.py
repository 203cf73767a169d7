"""Demo crisis data, for the demo loader (``carewatch.demo.load``) to call after the traffic:

    from carewatch.crisis.demo import load_crisis_demo
    load_crisis_demo(now)

For the first client with a supervisor: one past incident (a recall, stood down with its summary)
and one live spike alert (negative share on X, ongoing, open, through the client's ``crisis``
escalation protocol if it has one). Idempotent: a second call adds nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from carewatch.crisis import actions
from carewatch.crisis.detection import Signal
from carewatch.crisis.models import Alert, Incident
from carewatch.tenancy.models import Client, Membership, Role


def load_crisis_demo(now: datetime | None = None) -> str:
    now = now or timezone.now()
    member = (Membership.objects.filter(role=Role.SUPERVISOR, client__is_active=True, user__is_active=True)
              .select_related("client", "user").order_by("client__name").first())
    if member is None:
        return "crisis demo: no client with a supervisor"
    client: Client = member.client
    if Incident.objects.filter(client=client).exists() or Alert.objects.filter(client=client).exists():
        return "crisis demo: already loaded"
    with transaction.atomic():
        past = actions.do_declare_incident(member.user, client, "recall", "Pen lot GX4821 recall",
                                           match={"terms": ["gx4821", "recall"]}, since=now - timedelta(days=3))
        Incident.objects.filter(pk=past.pk).update(declared_at=now - timedelta(days=9))
        past.refresh_from_db()
        for item in ("a0", "a1", "a2", "s0"):
            actions.do_check_item(member.user, past, item, True)
            past.refresh_from_db()
        actions.do_stand_down(member.user, past, "Quality confirmed the recall notice; complaints back to baseline.")
        Incident.objects.filter(pk=past.pk).update(stood_down_at=now - timedelta(days=7))
        series = [3, 2, 4, 3, 2, 3, 4, 5, 19]
        signal = Signal("negative", "platform", "x", 19, 0.21, 6.4, {
            "method": "negative share vs the pooled share of the same window of previous weeks",
            "window_minutes": 15, "baseline_weeks": 8, "share": 0.79, "total": 24,
            "baseline": [2, 3, 2, 1, 3, 2, 2, 3], "baseline_totals": [11, 12, 10, 9, 13, 12, 10, 11],
            "series": series, "posts": []})
        opened = actions.record_signals(client, [signal], now - timedelta(minutes=4))
    alert = opened[0].reference if opened else "no"
    return f"crisis demo: {past.reference} (stood down) and {alert} live alert for {client.name}"
