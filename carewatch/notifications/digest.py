"""The e-mail digest of a person's unread notifications (off, daily or hourly; each person's
choice on the notifications page), sent by a periodic task through the desk's SMTP path.

A digest says only categories, counts and links: never a notification's text, never a post's
words (no PHI in e-mail). Each person's digest is claimed with a conditional UPDATE of its due
time (one sender however many workers), each notification is claimed by one digest only (so
none is told twice), and each sending, or failure, is an audit event. A digest that could not be
delivered releases its notifications for the next one, tried again in a quarter of an hour.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from carewatch.escalation.delivery import DeliveryError, Message, send_email
from carewatch.escalation.links import base_url
from carewatch.notifications import actions
from carewatch.notifications.models import DeskNotification, DigestEvery, DigestPreference, DigestSending, Kind
from carewatch.tenancy.models import User

log = logging.getLogger(__name__)
INTERVAL = {DigestEvery.HOURLY: timedelta(hours=1), DigestEvery.DAILY: timedelta(days=1)}
RETRY = timedelta(minutes=15)
LINKS = 20  # at most this many links in one digest (then: the notifications page)
LIMIT = 200  # people per sweep


def due_user_ids(now: datetime) -> list[int]:
    return list(DigestPreference.objects.exclude(every=DigestEvery.OFF)
                .filter(Q(next_due_at__isnull=True) | Q(next_due_at__lte=now))
                .order_by("next_due_at").values_list("user_id", flat=True)[:LIMIT])


def compose(sending: DigestSending) -> Message:
    """Categories, counts and links only."""
    total = sum(sending.counts.values())
    base = base_url()
    lines = [f"You have {total} unread notification{'s' if total != 1 else ''} in Carewatch.", ""]
    for kind, label in Kind.choices:
        if sending.counts.get(kind):
            lines.append(f"{label}: {sending.counts[kind]}")
    paths = [url for url in DeskNotification.objects.filter(digest=sending).order_by("created_at", "id")
             .values_list("url", flat=True) if url.startswith("/") and not url.startswith("//")]
    unique = list(dict.fromkeys(paths))
    lines += ["", f"All your notifications: {base}{reverse('notifications:list')}"]
    if unique:
        lines += ["", "Where they point:", *(f"  {base}{path}" for path in unique[:LINKS])]
        if len(unique) > LINKS:
            lines.append(f"  … and {len(unique) - LINKS} more on the notifications page")
    lines += ["", f"You get this digest {sending.get_every_display().lower()}; change or stop it on the "
              "notifications page."]
    subject = f"Carewatch: {total} unread notification{'s' if total != 1 else ''}"
    return Message(subject=subject, body="\n".join(lines) + "\n")


def send_digest(user_id: int, now: datetime | None = None) -> str:
    """One person's digest, if it is due: "sent", "nothing" (no unread news), "failed" or "skipped"
    (not due, or another worker has it)."""
    now = now or timezone.now()
    preference = DigestPreference.objects.filter(pk=user_id).exclude(every=DigestEvery.OFF).first()
    if preference is None:
        return "skipped"
    every = preference.every
    claimed = (DigestPreference.objects.filter(pk=user_id, every=every)
               .filter(Q(next_due_at__isnull=True) | Q(next_due_at__lte=now))
               .update(next_due_at=now + INTERVAL[DigestEvery(every)]))
    if not claimed:
        return "skipped"
    user = User.objects.get(pk=user_id)
    if not user.is_active or not user.email:
        return "skipped"
    sending = actions.claim_for_digest(user, every, now)
    if sending is None:
        return "nothing"
    try:
        send_email(user.email, compose(sending), f"DIGEST-{sending.pk}")
    except DeliveryError as exc:
        actions.record_digest_failed(sending, str(exc), now + RETRY)
        log.info("notification digest %s to user %s failed: %s", sending.pk, user_id, exc)
        return "failed"
    actions.record_digest_sent(sending)
    return "sent"


def send_due_digests(now: datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    outcomes: dict[str, int] = {}
    for user_id in due_user_ids(now):
        outcome = send_digest(user_id, now)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return outcomes
