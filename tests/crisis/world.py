"""Crisis and outbound-webhook objects for the security enumeration's world (one of each kind a
route names, so every route can be called for real)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from carewatch.crisis.actions import do_declare_incident, do_stand_down
from carewatch.crisis.models import Alert, Incident
from carewatch.hooks_out.actions import do_create_endpoint
from carewatch.hooks_out.models import Delivery, DeliveryState, Endpoint
from carewatch.tenancy.models import Client, User


@dataclass
class CrisisWorld:
    alerts: list[Alert]  # one to acknowledge, one to dismiss, one to promote
    incident: Incident  # active
    past_incident: Incident  # stood down, with its summary
    endpoint: Endpoint
    endpoint_to_disable: Endpoint
    delivery: Delivery  # failed: can be replayed


def crisis_world(client: Client, supervisor: User) -> CrisisWorld:
    now = timezone.now()
    alerts = [Alert.objects.create(client=client, kind="volume", dimension="platform", value=f"p{i}",
                                   key=f"volume:platform:p{i}", opened_at=now, crossed_at=now, last_seen_at=now,
                                   count=40, peak=40, expected=5.0, score=9.0, evidence={"posts": [], "series": [1, 40]})
              for i in range(3)]
    with transaction.atomic():
        past = do_declare_incident(supervisor, client, "recall", "Lot GX4821 recall")
        do_stand_down(supervisor, past, "Quality confirmed the recall notice")
        incident = do_declare_incident(supervisor, client, "viral_complaint", "ER wait video")
        endpoint, _ = do_create_endpoint(None, client, "https://crm.example/hooks/carewatch")
        other, _ = do_create_endpoint(None, client, "https://cc.example/hooks/carewatch")
    delivery = Delivery.objects.create(endpoint=endpoint, client=client, message_id="msg_world", event_type="case.closed",
                                       body="{}", due_at=now, state=DeliveryState.FAILED, attempts=7)
    return CrisisWorld(alerts, incident, Incident.objects.get(pk=past.pk), endpoint, other, delivery)
