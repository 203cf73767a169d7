"""Sending deliveries: claim the row (``pending → sending``, a conditional UPDATE, so one worker
sends it), sign and POST it, record the outcome in the row's log.

- 2xx: delivered; the endpoint's failure count goes back to 0.
- Anything else (or no answer within the timeout): back to pending, due again after a growing
  backoff (``BACKOFF``: 10 s, 1 min, 5 min, 30 min, 2 h, 6 h); after ``MAX_ATTEMPTS`` the delivery
  is ``failed``. Every failed attempt counts towards the endpoint's ``consecutive_failures``;
  at ``DISABLE_AFTER`` the endpoint is disabled (audited, a notice on its page and an e-mail to
  the client's supervisors) and its pending deliveries are skipped.
- ``sweep_deliveries`` (every minute) re-enqueues what a lost task left and what is due again.
A receiver's URL path may hold a token: logs and pages show scheme and host only.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta
from typing import Any

import httpx
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.tasks import task
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from carewatch.audit.chain import append
from carewatch.hooks_out.models import Delivery, DeliveryState, Endpoint
from carewatch.hooks_out.signing import headers
from carewatch.lib.secrets import SecretError, reveal
from carewatch.taskqueue import SWEEP_PRIORITY

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 7
BACKOFF = (timedelta(seconds=10), timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30),
           timedelta(hours=2), timedelta(hours=6))
DISABLE_AFTER = 20  # consecutive failed attempts
STUCK_AFTER = timedelta(minutes=5)
TIMEOUT = httpx.Timeout(10.0, connect=5.0)
LOG_KEEP = 20
CLOCK_SLACK = timedelta(seconds=5)


def claim(delivery_id: int, now: datetime) -> bool:
    return bool(Delivery.objects.filter(pk=delivery_id, state=DeliveryState.PENDING, due_at__lte=now + CLOCK_SLACK)
                .update(state=DeliveryState.SENDING, claimed_at=now, attempts=F("attempts") + 1))


def post(url: str, secret: str, message_id: str, body: str) -> tuple[int | None, str]:
    """POST the signed body; (status, error). Sent through the transport, not ``httpx.Client``,
    which logs every request's full URL."""
    request = httpx.Request("POST", url, content=body.encode(),
                            headers=headers(secret, message_id, int(time.time()), body),
                            extensions={"timeout": TIMEOUT.as_dict()})
    with httpx.HTTPTransport(retries=1) as transport:
        try:
            response = transport.handle_request(request)
            try:
                response.read()
            finally:
                response.close()
        except httpx.HTTPError as exc:
            return None, type(exc).__name__
    if 200 <= response.status_code < 300:
        return response.status_code, ""
    return response.status_code, f"HTTP {response.status_code}"


def _notify_disabled(endpoint: Endpoint) -> None:
    """The notice: an e-mail to the client's supervisors (best effort; the page shows it too)."""
    from django.core.mail import EmailMessage

    from carewatch.tenancy.models import Membership, Role

    to = list(Membership.objects.filter(client_id=endpoint.client_id, role=Role.SUPERVISOR, user__is_active=True)
              .values_list("user__email", flat=True))
    if not to:
        return
    message = EmailMessage(
        subject=f"[Carewatch] Webhook endpoint {endpoint.shown_url} disabled after repeated failures",
        body=(f"The webhook endpoint {endpoint.shown_url} ({endpoint.description or 'no description'}) failed "
              f"{endpoint.consecutive_failures} times in a row and was disabled. Nothing more is sent to it until "
              "a supervisor enables it again; failed deliveries can be replayed from its delivery log.\n"),
        from_email=settings.DEFAULT_FROM_EMAIL, to=to, headers={"Auto-Submitted": "auto-generated"})
    try:
        message.send(using="default") if hasattr(settings, "MAILERS") else message.send()
    except Exception as exc:  # the audit event and the page carry the notice anyway
        log.warning("the notice of disabled endpoint %s could not be mailed: %s", endpoint.pk, type(exc).__name__)


def _record(d: Delivery, status: int | None, error: str, ms: int, now: datetime) -> str:
    entry = {"at": now.isoformat(timespec="seconds"), "attempt": d.attempts, "status": status,
             "error": error[:200], "ms": ms}
    log_rows = [*(d.log or []), entry][-LOG_KEEP:]
    disabled = False
    with transaction.atomic():
        if not error:
            Delivery.objects.filter(pk=d.pk, state=DeliveryState.SENDING).update(
                state=DeliveryState.DELIVERED, delivered_at=now, last_status=status, last_error="", log=log_rows)
            Endpoint.objects.filter(pk=d.endpoint_id).update(consecutive_failures=0)
            return "delivered"
        gave_up = d.attempts >= MAX_ATTEMPTS
        fields: dict[str, Any] = {"last_status": status, "last_error": error[:300], "log": log_rows,
                                  "state": DeliveryState.FAILED if gave_up else DeliveryState.PENDING}
        if not gave_up:
            fields["due_at"] = now + BACKOFF[min(d.attempts, len(BACKOFF)) - 1]
        Delivery.objects.filter(pk=d.pk, state=DeliveryState.SENDING).update(**fields)
        Endpoint.objects.filter(pk=d.endpoint_id).update(consecutive_failures=F("consecutive_failures") + 1)
        endpoint = Endpoint.objects.get(pk=d.endpoint_id)
        if endpoint.is_active and endpoint.consecutive_failures >= DISABLE_AFTER:
            reason = f"{endpoint.consecutive_failures} failed attempts in a row (last: {error[:120]})"
            if Endpoint.objects.filter(pk=endpoint.pk, is_active=True).update(
                    is_active=False, disabled_at=now, disabled_reason=reason):
                skipped = Delivery.objects.filter(endpoint=endpoint, state=DeliveryState.PENDING).update(
                    state=DeliveryState.SKIPPED, last_error="endpoint disabled")
                append("hooks_out.endpoint_disabled", actor_label="webhooks", client_id=endpoint.client_id,
                       obj=endpoint, data={"url": endpoint.shown_url, "reason": reason, "skipped": skipped})
                disabled = True
        if gave_up:
            append("hooks_out.delivery_failed", actor_label="webhooks", client_id=d.client_id, obj=d,
                   data={"endpoint": d.endpoint_id, "event": d.event_type, "message_id": d.message_id,
                         "attempts": d.attempts, "error": error[:200]})
        elif not disabled:
            send_deliveries.using(run_after=fields["due_at"]).enqueue([d.pk])
    if disabled:
        _notify_disabled(endpoint)
    return "failed" if gave_up else "retry"


def deliver(delivery_id: int) -> str:
    now = timezone.now()
    if not claim(delivery_id, now):
        return "skipped"
    d = Delivery.objects.select_related("endpoint").get(pk=delivery_id)
    if not d.endpoint.is_active:
        Delivery.objects.filter(pk=d.pk).update(state=DeliveryState.SKIPPED, last_error="endpoint disabled")
        return "skipped"
    started = time.perf_counter()
    try:
        secret = reveal(d.endpoint.secret)
    except SecretError as exc:
        status, error = None, str(exc)[:200]
    else:
        status, error = post(d.endpoint.url, secret, d.message_id, d.body)
    ms = int((time.perf_counter() - started) * 1000)
    if error:
        log.info("webhook %s to %s: attempt %s failed: %s", d.message_id, d.endpoint.shown_url, d.attempts, error)
    return _record(d, status, error, ms, timezone.now())


@task(priority=5)
def send_deliveries(delivery_ids: list[int]) -> dict[str, int]:
    outcome: dict[str, int] = {}
    for delivery_id in delivery_ids:
        try:
            result = deliver(delivery_id)
        except Exception:
            log.exception("webhook delivery %s could not be sent", delivery_id)
            result = "error"
        outcome[result] = outcome.get(result, 0) + 1
    return outcome


def sweep(now: datetime | None = None) -> int:
    now = now or timezone.now()
    Delivery.objects.filter(state=DeliveryState.SENDING, claimed_at__lt=now - STUCK_AFTER).update(
        state=DeliveryState.PENDING)
    due = list(Delivery.objects.filter(state=DeliveryState.PENDING, due_at__lte=now, endpoint__is_active=True)
               .order_by("due_at").values_list("pk", flat=True)[:2000])
    for start in range(0, len(due), 50):
        send_deliveries.enqueue(due[start:start + 50])
    return len(due)


@db_periodic_task(crontab(minute="*"), priority=SWEEP_PRIORITY)
def sweep_deliveries() -> None:
    count = sweep()
    if count:
        log.info("webhook sweep: %s deliveries re-enqueued", count)
