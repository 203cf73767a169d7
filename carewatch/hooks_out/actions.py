"""Every change to endpoints and (by people) to deliveries: check, change, audit, one transaction.

Supervisors and agency admins manage a client's endpoints: add one (its ``whsec_`` secret is shown
once, stored encrypted), enable or disable it, and replay a delivery (a new delivery of the same
message, same ``webhook-id``, so a receiver that already has it can tell)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from carewatch.audit.chain import append
from carewatch.hooks_out.models import EVENT_TYPES, Delivery, DeliveryState, Endpoint
from carewatch.hooks_out.signing import new_secret
from carewatch.lib.secrets import seal
from carewatch.tenancy.access import require_role
from carewatch.tenancy.models import AUDIT_ROLES, Client, User

MANAGE_ROLES = AUDIT_ROLES  # admin, supervisor
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


def check_url(url: str) -> str:
    url = url.strip()
    parts = urlsplit(url)
    if not parts.hostname or parts.scheme not in ("https", "http"):
        raise ValidationError("an endpoint is an https:// URL")
    if parts.scheme != "https" and parts.hostname not in LOOPBACK:
        raise ValidationError("endpoint URLs must use https:// (http:// only to a loopback host)")
    return url


def do_create_endpoint(actor: User | None, client: Client, url: str, *, description: str = "",
                       events: list[str] | None = None, allow_phi: bool = False,
                       secret: str | None = None) -> tuple[Endpoint, str]:
    """The endpoint and its secret (shown once). ``actor`` None: config-as-code or the demo."""
    if actor is not None:
        require_role(actor, client.pk, MANAGE_ROLES)
    events = [e for e in (events or []) if e]
    unknown = set(events) - set(EVENT_TYPES)
    if unknown:
        raise ValidationError(f"unknown event type(s): {', '.join(sorted(unknown))}")
    secret = secret or new_secret()
    with transaction.atomic():
        endpoint = Endpoint.objects.create(client=client, url=check_url(url), description=description[:200],
                                           events=events, allow_phi=allow_phi, secret=seal(secret))
        append("hooks_out.endpoint_create", actor=actor, actor_label=None if actor else "config",
               client_id=client.pk, obj=endpoint,
               data={"url": endpoint.shown_url, "events": events or "all", "allow_phi": allow_phi})
    return endpoint, secret


def do_set_active(actor: User, endpoint: Endpoint, active: bool) -> Endpoint:
    require_role(actor, endpoint.client_id, MANAGE_ROLES)
    with transaction.atomic():
        fields: dict[str, Any] = {"is_active": active}
        if active:
            fields.update({"consecutive_failures": 0, "disabled_at": None, "disabled_reason": ""})
        else:
            fields.update({"disabled_at": timezone.now(), "disabled_reason": f"disabled by {actor.email}"})
        Endpoint.objects.filter(pk=endpoint.pk).update(**fields)
        append("hooks_out.endpoint_enable" if active else "hooks_out.endpoint_disable", actor=actor,
               client_id=endpoint.client_id, obj=endpoint, data={"url": endpoint.shown_url})
    return Endpoint.objects.get(pk=endpoint.pk)


def do_replay(actor: User, delivery: Delivery) -> Delivery:
    require_role(actor, delivery.client_id, MANAGE_ROLES)
    endpoint = delivery.endpoint
    if not endpoint.is_active:
        raise ValidationError("enable the endpoint before replaying to it")
    if delivery.state in (DeliveryState.PENDING, DeliveryState.SENDING):
        raise ValidationError("this delivery is still being tried")
    from carewatch.hooks_out.delivery import send_deliveries

    with transaction.atomic():
        copy = Delivery.objects.create(endpoint=endpoint, client_id=delivery.client_id,
                                       message_id=delivery.message_id, event_type=delivery.event_type,
                                       body=delivery.body, due_at=timezone.now(), replay_of=delivery)
        append("hooks_out.replay", actor=actor, client_id=delivery.client_id, obj=copy,
               data={"of": delivery.pk, "message_id": delivery.message_id, "event": delivery.event_type})
        send_deliveries.enqueue([copy.pk])
    return copy
