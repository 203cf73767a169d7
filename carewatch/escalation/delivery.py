"""Sending one notification: claim the row, compose the message, send it by e-mail or webhook,
record the outcome (and its audit event).

- Claim: ``pending → sending`` with a conditional UPDATE (``WHERE state='pending' AND due_at <=
  now``), outside any long transaction; only the worker whose UPDATE changed the row sends it, so
  two workers (or the on-commit task and the sweeper) never both send a notification.
- Nothing is held open while talking to the SMTP server or the webhook.
- A failure puts the row back to ``pending`` with ``due_at`` moved by a growing backoff
  (30 s, 2 min, 8 min, 30 min, 1 h) and re-enqueues it for then; after ``MAX_ATTEMPTS`` it is
  ``failed`` (audited). A worker that dies mid-send leaves ``sending``: the sweeper puts it back
  to pending after ``STUCK_AFTER`` (an alert sent twice beats a safety alert never sent).
- Just before sending, the row is checked again: a step of an escalation acknowledged or stopped
  meanwhile, or a deadline warning for a case forwarded meanwhile, is cancelled instead.

Content: category, client, severity, due time, the escalation's reference and the links; more
only as the protocol's ``include`` says (see ``policy``). Webhook bodies are ``{"text": ...}``,
which Slack and Microsoft Teams incoming webhooks both accept. A webhook URL's path is a secret:
logs, audit events and pages show ``https://host/…`` only.
"""

from __future__ import annotations

import logging
import zoneinfo
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import httpx
from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import F
from django.tasks import task
from django.urls import reverse
from django.utils import timezone

from carewatch.audit.chain import append
from carewatch.escalation.links import ack_url, base_url
from carewatch.escalation.models import (
    LIVE_STATES,
    Category,
    Escalation,
    Notification,
    NotificationState,
    Purpose,
    Route,
)
from carewatch.escalation.policy import Protocol, policy_for

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
BACKOFF = (timedelta(seconds=30), timedelta(minutes=2), timedelta(minutes=8), timedelta(minutes=30),
           timedelta(hours=1))
STUCK_AFTER = timedelta(minutes=5)
# Rows are stamped by one process and claimed by another, maybe on another host: a worker whose
# clock is a little behind must still send a row due "now" at once, not a minute later.
CLOCK_SLACK = timedelta(seconds=5)
WEBHOOK_TIMEOUT = httpx.Timeout(10.0, connect=5.0)


class DeliveryError(Exception):
    """A send that did not go through; the message is safe to store and log (no URL path)."""


class UnconfiguredEmailBackend(BaseEmailBackend):
    """The e-mail backend when CAREWATCH_EMAIL_URL is not set: refuses loudly, sends nothing."""

    def send_messages(self, email_messages: Any) -> int:
        raise DeliveryError("e-mail is not configured: set CAREWATCH_EMAIL_URL (e.g. smtp://127.0.0.1:2525)")


def redact_url(url: str) -> str:
    """``https://hooks.example/services/T000/B000/XXXX`` → ``https://hooks.example/…``."""
    parts = urlsplit(url)
    host = parts.hostname or "?"
    if parts.port:
        host = f"{host}:{parts.port}"
    return f"{parts.scheme}://{host}/…"


def shown(route: str, recipient: str) -> str:
    """A recipient as pages, logs and audit events may show it."""
    return redact_url(recipient) if route == Route.WEBHOOK else recipient


def display_recipient(notification: Notification) -> str:
    return shown(notification.route, notification.recipient)


def ack_label(notification: Notification) -> str:
    """Who an acknowledgement by this notification's link is recorded as."""
    if notification.route == Route.WEBHOOK:
        return f"webhook {urlsplit(notification.recipient).hostname or '?'}"
    return notification.recipient


# --------------------------------------------------------------------------------------------------
# Content.


@dataclass(frozen=True)
class Message:
    subject: str
    body: str


def _when(moment: datetime | None, tz_name: str) -> str:
    if moment is None:
        return "no deadline"
    try:
        tz = zoneinfo.ZoneInfo(tz_name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        tz = zoneinfo.ZoneInfo("UTC")
    local = moment.astimezone(tz)
    utc = moment.astimezone(zoneinfo.ZoneInfo("UTC"))
    if tz.key == "UTC":
        return f"{utc:%Y-%m-%d %H:%M} UTC"
    return f"{local:%Y-%m-%d %H:%M} {local.tzname()} ({utc:%Y-%m-%d %H:%M} UTC)"


def _in_app(name: str, *args: Any) -> str:
    return base_url() + reverse(name, args=list(args))


def _extras(escalation: Escalation, protocol: Protocol | None) -> list[str]:
    """The protocol's opt-in content (``include``), none of it by default."""
    include = protocol.include if protocol else frozenset()
    if not include:
        return []
    from carewatch.inbox.models import Mention

    lines: list[str] = []
    safety_case = escalation.safety_case
    mention_id = (escalation.trigger or {}).get("mention_id")
    mention = Mention.objects.select_related("author", "channel").filter(pk=mention_id).first() if mention_id else None
    if "case_reference" in include:
        if safety_case is not None:
            lines.append(f"Safety case: {safety_case.reference}")
        if escalation.case_id:
            lines.append(f"Inbox case: {escalation.case_id}")
    if "labels" in include:
        found = (escalation.trigger or {}).get("labels") or (escalation.trigger or {}).get("terms") or []
        if found:
            lines.append(f"Found: {', '.join(map(str, found))}")
    if mention is not None:
        if "platform" in include:
            lines.append(f"Platform: {mention.get_platform_display()} @{mention.channel.handle}")
        if "author" in include:
            lines.append(f"Author: @{mention.author.handle}")
        if "post_text" in include:
            lines.append(f"Post: {mention.text[:1000]}")
    return lines


def _step_message(n: Notification, escalation: Escalation) -> Message:
    client = n.client
    protocol = policy_for(client).protocols.get(escalation.category)
    category = Category(escalation.category).label
    due = _when(escalation.due_at, client.timezone)
    subject = f"[Carewatch] {category} for {client.name}: {escalation.severity}, due {due} ({escalation.reference})"
    lines = [
        f"{category}: escalation {escalation.reference}, step {n.step + 1} of {max(escalation.step_count, n.step + 1)}",
        "",
        f"Client:   {client.name}",
        f"Category: {category}",
        f"Severity: {escalation.severity}",
        f"Due:      {due}",
        *_extras(escalation, protocol),
        "",
        f"Acknowledge (no login needed; the link works for {policy_for(client).ack_link_hours:g} hours):",
        ack_url(n.pk, n.ack_token_id),
        "",
        "Open it in Carewatch (login):",
        _in_app("escalation:detail", escalation.pk),
    ]
    if (escalation.trigger or {}).get("link"):  # e.g. a crisis alert's page
        lines += ["", "The signal in Carewatch (login):", base_url() + str(escalation.trigger["link"])]
    if escalation.safety_case_id is None and escalation.case_id:
        lines += ["", "The conversation in the inbox:", _in_app("inbox:case", escalation.case_id)]
    return Message(subject, "\n".join(lines) + "\n")


def _forward_message(n: Notification) -> Message:
    safety_case = n.safety_case
    assert safety_case is not None
    client = n.client
    kind = safety_case.get_kind_display()
    due = _when(safety_case.forward_due, client.timezone)
    follow_up = n.target == "follow_up"
    what = "Follow-up information on" if follow_up else kind
    subject = f"[Carewatch] {what} {safety_case.reference} from {client.name}: please acknowledge receipt"
    lines = [
        f"{client.name}'s social-media desk has sent you follow-up information on a {kind.lower()}."
        if follow_up else f"{client.name}'s social-media desk has forwarded a {kind.lower()} to you.",
        "",
        f"Reference:        {safety_case.reference}",
        f"Serious:          {'yes' if safety_case.serious else 'no'}",
        f"Day 0:            {_when(safety_case.day0, client.timezone)}",
        f"Forward due:      {due}",
        f"Regulatory due:   {_when(safety_case.regulatory_due, client.timezone)}",
        f"Follow-up needed: {'yes' if safety_case.follow_up_needed else 'no'} "
        f"({safety_case.present_count} of 4 minimum elements present)",
        "",
        "The case's details are in Carewatch (login), or in the package your safety data exchange "
        "agreement provides for.",
        "",
        f"Acknowledge receipt (no login needed; the link works for {policy_for(client).ack_link_hours:g} hours):",
        ack_url(n.pk, n.ack_token_id),
    ]
    return Message(subject, "\n".join(lines) + "\n")


def _breach_message(n: Notification) -> Message:
    safety_case = n.safety_case
    assert safety_case is not None
    client = n.client
    due = _when(safety_case.forward_due, client.timezone)
    now = timezone.now()
    if n.purpose == Purpose.BREACH:
        late = int((now - safety_case.forward_due) / timedelta(minutes=1))
        subject = f"[Carewatch] Forward deadline missed: {safety_case.reference} ({client.name})"
        first = f"{safety_case.reference} was due to be forwarded by {due} and is not: {late} minutes late."
    else:
        left = max(0, int((safety_case.forward_due - now) / timedelta(minutes=1)))
        subject = f"[Carewatch] Forward deadline in {left} min: {safety_case.reference} ({client.name})"
        first = f"{safety_case.reference} must be forwarded by {due} ({left} minutes from now) and is not yet."
    lines = [first, "", f"Client:   {client.name}", f"Kind:     {safety_case.get_kind_display()}",
             f"Serious:  {'yes' if safety_case.serious else 'no'}", f"Status:   {safety_case.get_status_display()}"]
    if safety_case.case_id:
        lines += ["", "The conversation in the inbox (login):", _in_app("inbox:case", safety_case.case_id)]
    return Message(subject, "\n".join(lines) + "\n")


def compose(n: Notification) -> Message:
    if n.purpose == Purpose.STEP:
        assert n.escalation is not None
        return _step_message(n, n.escalation)
    if n.purpose == Purpose.FORWARD:
        return _forward_message(n)
    return _breach_message(n)


# --------------------------------------------------------------------------------------------------
# Routes.


def _safe_error(exc: BaseException, url: str = "") -> str:
    text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    if url:
        text = text.replace(url, redact_url(url))
    return text[:300]


def send_email(recipient: str, message: Message, reference: str) -> None:
    email = EmailMessage(
        subject=message.subject, body=message.body, from_email=settings.DEFAULT_FROM_EMAIL, to=[recipient],
        headers={"Auto-Submitted": "auto-generated", "X-Carewatch-Reference": reference},
    )
    try:
        # Django 6.1 mailers when settings define MAILERS (escalation_settings does); the
        # deprecated EMAIL_* path otherwise (e.g. the test runner's locmem backend).
        sent = email.send(using="default") if hasattr(settings, "MAILERS") else email.send()
    except DeliveryError:
        raise
    except Exception as exc:  # smtplib and socket errors of every kind
        raise DeliveryError(_safe_error(exc)) from None
    if sent != 1:
        raise DeliveryError("the SMTP server did not accept the message")


def post_webhook(url: str, message: Message) -> None:
    """POST ``{"text": ...}``. Sent through the transport, not ``httpx.Client``: the client logs
    every request's full URL at INFO, and a Slack or Teams webhook URL's path is its secret."""
    text = f"*{message.subject}*\n{message.body}"
    request = httpx.Request("POST", url, json={"text": text},
                            extensions={"timeout": WEBHOOK_TIMEOUT.as_dict()})
    with httpx.HTTPTransport(retries=2) as transport:
        try:
            response = transport.handle_request(request)
            try:
                response.read()
            finally:
                response.close()
        except httpx.HTTPError as exc:
            raise DeliveryError(_safe_error(exc, url)) from None
    if not 200 <= response.status_code < 300:
        raise DeliveryError(f"the webhook answered HTTP {response.status_code}")


# --------------------------------------------------------------------------------------------------
# One notification, start to finish.


def claim(notification_id: int, now: datetime | None = None) -> bool:
    """Take the row for sending. True for exactly one caller, whatever the number of workers."""
    now = now or timezone.now()
    return bool(Notification.objects.filter(pk=notification_id, state=NotificationState.PENDING,
                                            due_at__lte=now + CLOCK_SLACK)
                .update(state=NotificationState.SENDING, claimed_at=now, attempts=F("attempts") + 1))


def _still_wanted(n: Notification) -> str:
    """Empty if the notification should go; else why not."""
    if n.purpose == Purpose.STEP and (n.escalation is None or n.escalation.state not in LIVE_STATES):
        return "the escalation was acknowledged or stopped first"
    if n.purpose in (Purpose.BREACH_WARNING, Purpose.BREACH):
        from carewatch.safety.models import NOT_FORWARDED

        if n.safety_case is None or n.safety_case.status not in NOT_FORWARDED:
            return "the safety case was forwarded or settled first"
    return ""


def _reference(n: Notification) -> str:
    if n.escalation is not None:
        return n.escalation.reference
    return n.safety_case.reference if n.safety_case is not None else f"N-{n.pk}"


def _audit(n: Notification, action: str, data: dict[str, Any]) -> None:
    obj: Any = n.escalation or n.safety_case or n
    append(action, actor_label="escalation", client_id=n.client_id, obj=obj,
           data={"reference": _reference(n), "notification": n.pk, "purpose": n.purpose, "step": n.step + 1,
                 "route": n.route, "to": display_recipient(n), **data})


def _record(n: Notification, state: str, error: str = "", retry_at: datetime | None = None) -> None:
    now = timezone.now()
    with transaction.atomic():
        fields: dict[str, Any] = {"state": state, "last_error": error[:300]}
        if state == NotificationState.SENT:
            fields["sent_at"] = now
        if retry_at is not None:
            fields["due_at"] = retry_at
        Notification.objects.filter(pk=n.pk, state=NotificationState.SENDING).update(**fields)
        if state == NotificationState.SENT:
            _audit(n, "escalation.notify", {"attempt": n.attempts})
        elif state == NotificationState.FAILED:
            _audit(n, "escalation.notify_failed", {"attempts": n.attempts, "error": error[:300]})
        elif state == NotificationState.CANCELLED:
            _audit(n, "escalation.notify_cancelled", {"why": error[:300]})
        if retry_at is not None:
            send_notifications.using(run_after=retry_at).enqueue([n.pk])


def deliver(notification_id: int) -> str:
    """Send one notification if it is due and nobody else has; returns what happened."""
    if not claim(notification_id):
        return "skipped"
    n = Notification.objects.select_related("client", "escalation", "safety_case__client").get(pk=notification_id)
    why_not = _still_wanted(n)
    if why_not:
        _record(n, NotificationState.CANCELLED, why_not)
        return "cancelled"
    try:
        message = compose(n)
        if n.route == Route.EMAIL:
            send_email(n.recipient, message, _reference(n))
        else:
            post_webhook(n.recipient, message)
    except DeliveryError as exc:
        error = str(exc)
        if n.attempts >= MAX_ATTEMPTS:
            log.warning("notification %s to %s failed for good: %s", n.pk, display_recipient(n), error)
            _record(n, NotificationState.FAILED, error)
            return "failed"
        retry_at = timezone.now() + BACKOFF[min(n.attempts, len(BACKOFF)) - 1]
        log.info("notification %s to %s failed (attempt %s), retrying at %s: %s", n.pk, display_recipient(n),
                 n.attempts, retry_at.isoformat(timespec="seconds"), error)
        _record(n, NotificationState.PENDING, error, retry_at=retry_at)
        return "retry"
    _record(n, NotificationState.SENT)
    return "sent"


@task(priority=10)
def send_notifications(notification_ids: list[int]) -> dict[str, int]:
    """Send these notifications (each only if still pending and due)."""
    outcome: dict[str, int] = {}
    for notification_id in notification_ids:
        try:
            result = deliver(notification_id)
        except Exception:
            log.exception("notification %s could not be delivered", notification_id)
            result = "error"
        outcome[result] = outcome.get(result, 0) + 1
    return outcome
