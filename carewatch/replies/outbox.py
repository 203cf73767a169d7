"""Queue, send and reconcile outbound actions.

``do_queue_outbound`` writes the row (and its audit event) and enqueues the send after commit.
``send_outbound`` claims a pending row (pending → sending, a conditional UPDATE, so one worker
sends it), asks the platform's client, and records ``sent``, ``failed`` or ``unknown``.
``reconcile_unknown`` looks for what an ``unknown`` send delivered (the platform's echo arrives
as an outbound mention; else the client re-lists) and never sends blindly again.
"""

from __future__ import annotations

import logging
import secrets
from datetime import timedelta
from html import unescape
from typing import Any

import httpx
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.tasks import task
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from carewatch.audit.chain import append
from carewatch.hooks_out import emitters
from carewatch.inbox.models import Case, Direction, Mention
from carewatch.replies.models import OutboundAction, OutboundStatus, Verb
from carewatch.sources.http import http_for, is_sandbox
from carewatch.sources.outbound import TIMEOUT, OutboundClient, SendOutcome, transport_outcome
from carewatch.sources.ratelimit import acquire
from carewatch.taskqueue import SWEEP_PRIORITY
from carewatch.tenancy.access import require_role
from carewatch.tenancy.models import CASE_WRITE_ROLES, Channel, User

log = logging.getLogger(__name__)

UNKNOWN_GIVE_UP = timedelta(hours=2)
PENDING_GRACE = timedelta(minutes=1)  # a pending action older than this lost its task
STUCK_SENDING = timedelta(minutes=5)  # a worker that died mid-send leaves the row "sending"


def client_for(channel: Channel) -> OutboundClient | None:
    from carewatch.sources.registry import outbound_client

    return outbound_client(channel.platform)


def do_queue_outbound(
    actor: User | None, channel: Channel, verb: str, target_external_id: str, body: str = "", *,
    case: Case | None = None, mention: Mention | None = None, options: dict[str, Any] | None = None,
) -> OutboundAction:
    if actor is not None:
        require_role(actor, channel.client_id, CASE_WRITE_ROLES)
    if verb not in Verb.values:
        raise ValidationError(f"unknown outbound verb {verb!r}")
    client = client_for(channel)
    if client is None or verb not in client.verbs:
        raise ValidationError(f"{channel.get_platform_display()} does not allow {Verb(verb).label.lower()}")
    if verb in (Verb.REPLY, Verb.PRIVATE_REPLY, Verb.DM) and not body.strip():
        raise ValidationError("a message cannot be empty")
    with transaction.atomic():
        action = OutboundAction.objects.create(
            client_id=channel.client_id, channel=channel, case=case, mention=mention, verb=verb,
            target_external_id=target_external_id, body=body, idempotency_key=secrets.token_hex(16),
            created_by=actor, options=options or {},
        )
        # The audit keeps what was done and to what, not the text (it may quote the customer).
        append("outbound.queue", actor=actor, client_id=channel.client_id, obj=action,
               data={"verb": verb, "target": target_external_id, "length": len(body)})
        send_outbound.enqueue(action.pk)
    return action


def _claim(action_id: int) -> OutboundAction | None:
    now = timezone.now()
    taken = OutboundAction.objects.filter(pk=action_id, status=OutboundStatus.PENDING).exclude(
        not_before__gt=now
    ).update(status=OutboundStatus.SENDING, attempts=F("attempts") + 1)
    if not taken:
        return None
    return OutboundAction.objects.select_related("channel", "client").get(pk=action_id)


def _finish(action: OutboundAction, outcome: SendOutcome) -> None:
    now = timezone.now()
    with transaction.atomic():
        action.status = outcome.status
        action.external_id = outcome.external_id or action.external_id
        action.error = outcome.error
        action.error_code = outcome.error_code
        if outcome.status == OutboundStatus.SENT:
            action.sent_at = now
        if outcome.status == OutboundStatus.FAILED and outcome.retry_after_seconds:
            # The platform said when to try again: a resend waits until then.
            action.not_before = now + timedelta(seconds=outcome.retry_after_seconds)
        action.save()
        append(f"outbound.{outcome.status}", actor_label="outbox", client_id=action.client_id, obj=action,
               data={"verb": action.verb, "external_id": action.external_id, "error": action.error,
                     "code": action.error_code})
        if outcome.status == OutboundStatus.SENT and action.case_id and action.verb in (
                Verb.REPLY, Verb.PRIVATE_REPLY, Verb.DM):
            Case.objects.filter(pk=action.case_id, first_responded_at__isnull=True).update(first_responded_at=now)
            emitters.reply_sent(action)


def send_now(action_id: int, http: httpx.Client | None = None) -> OutboundAction | None:
    action = _claim(action_id)
    if action is None:
        return None
    client = client_for(action.channel)
    now = timezone.now()
    if client is None:
        _finish(action, SendOutcome("failed", error="this platform has no outbound client"))
        return action
    reason = client.refuse(action, action.channel, now)
    if reason:
        _finish(action, SendOutcome("failed", error=reason, error_code="policy"))
        return action
    limit = client.limit_for(action)
    if limit is not None:
        wait = acquire(*limit)
        if wait:
            # Over our own limit for this token: back to pending, sent when the window reopens.
            not_before = now + timedelta(seconds=wait)
            OutboundAction.objects.filter(pk=action.pk).update(
                status=OutboundStatus.PENDING, not_before=not_before, attempts=F("attempts") - 1
            )
            send_outbound.using(run_after=not_before).enqueue(action.pk)
            return action
    own_http = http is None
    http = http or http_for(action.channel, timeout=TIMEOUT)
    try:
        outcome = client.send(action, action.channel, http)
    except (httpx.TimeoutException, httpx.TransportError) as exc:
        outcome = transport_outcome(exc)
    finally:
        if own_http:
            http.close()
    _finish(action, outcome)
    if outcome.status == OutboundStatus.SENT and is_sandbox(action.channel):
        from carewatch.sources.sandbox import echo

        echo(action, outcome.external_id)  # the sandbox platform delivers the reply back
    return action


@task()
def send_outbound(action_id: int) -> str:
    action = send_now(action_id)
    return action.status if action else "skipped"


def _same_text(a: str, b: str) -> bool:
    """As platforms echo text: HTML entities unescaped, whitespace collapsed."""
    return " ".join(unescape(a).split()) == " ".join(unescape(b).split())


def _echo(action: OutboundAction) -> Mention | None:
    """An outbound mention the platform sent back that matches this action: carrying our
    idempotency key, or with our text under the comment we answered or, for a direct message,
    in the conversation with the person (``dm:<their id>``, as every parser keys DMs). An echo
    already settled as another action's send (the same words sent twice) is not ours."""
    candidates = list(Mention.objects.filter(
        channel_id=action.channel_id, direction=Direction.OUTBOUND, created_at__gte=action.created_at - timedelta(
            minutes=5)
    ).order_by("created_at")[:200])
    claimed = set(
        OutboundAction.objects.filter(channel_id=action.channel_id, external_id__in=[m.external_id for m in candidates])
        .exclude(pk=action.pk).values_list("external_id", flat=True)
    )
    conversation = f"dm:{action.target_external_id}" if action.verb == Verb.DM else None
    for mention in candidates:
        if mention.platform_meta.get("metadata") == action.idempotency_key:
            return mention
        if mention.external_id in claimed or not _same_text(mention.text, action.body):
            continue
        if mention.parent_external_id == action.target_external_id or mention.thread_key == conversation:
            return mention
    return None


def reconcile(action: OutboundAction, http: httpx.Client | None = None) -> str:
    """Settle an unknown send: sent if the platform has it, failed (safe to resend) if not."""
    echo = _echo(action)
    external_id = echo.external_id if echo else None
    if external_id is None:
        client = client_for(action.channel)
        if client is not None:
            own_http = http is None
            http = http or http_for(action.channel, timeout=TIMEOUT)
            try:
                external_id = client.find_sent(action, action.channel, http)
            except (httpx.HTTPError, ValueError):
                external_id = None
            finally:
                if own_http:
                    http.close()
    if external_id:
        _finish(action, SendOutcome("sent", external_id=external_id))
        return "sent"
    if timezone.now() - action.updated_at > UNKNOWN_GIVE_UP:
        _finish(action, SendOutcome(
            "failed", error="not delivered: the platform shows no such message; safe to send again",
            error_code="not_delivered"))
        return "failed"
    return "unknown"


@db_periodic_task(crontab(minute="*/2"), priority=SWEEP_PRIORITY)
def reconcile_unknown() -> None:
    for action in OutboundAction.objects.filter(status=OutboundStatus.UNKNOWN).select_related("channel")[:200]:
        try:
            reconcile(action)
        except Exception:
            log.exception("reconciling outbound action %s failed", action.pk)


def sweep_outbox() -> dict[str, int]:
    """Find what lost tasks left behind: re-enqueue pending sends; a send stuck in ``sending``
    (its worker died mid-call) may have been delivered, so it becomes ``unknown`` and is
    reconciled, never sent again blindly."""
    now = timezone.now()
    pending = list(
        OutboundAction.objects.filter(status=OutboundStatus.PENDING, updated_at__lt=now - PENDING_GRACE)
        .exclude(not_before__gt=now).values_list("pk", flat=True)[:500]
    )
    for action_id in pending:
        send_outbound.enqueue(action_id)
    stuck = 0
    for action in OutboundAction.objects.filter(status=OutboundStatus.SENDING, updated_at__lt=now - STUCK_SENDING):
        _finish(action, SendOutcome("unknown", error="the send was interrupted; checking whether it went out"))
        stuck += 1
    return {"requeued": len(pending), "stuck": stuck}


@db_periodic_task(crontab(minute="*"), priority=SWEEP_PRIORITY)
def sweep_outbox_task() -> None:
    summary = sweep_outbox()
    if summary["requeued"] or summary["stuck"]:
        log.info("outbox sweep: %(requeued)s re-enqueued, %(stuck)s interrupted sends to reconcile", summary)
