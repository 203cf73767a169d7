"""Reading notifications: each person's own, each change with its audit event."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import Http404
from django.utils import timezone

from carewatch.audit.chain import append
from carewatch.notifications.models import (
    DeskNotification,
    DigestEvery,
    DigestPreference,
    DigestSending,
    DigestState,
)
from carewatch.tenancy.models import User


def do_mark_read(actor: User, notification: DeskNotification) -> DeskNotification:
    """Mark one of the actor's notifications read (someone else's is a 404)."""
    if notification.user_id != actor.pk:
        raise Http404("No such notification")
    with transaction.atomic():
        if DeskNotification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=timezone.now()):
            append("notification.read", actor=actor, client_id=notification.client_id, obj=notification,
                   data={"kind": notification.kind})
        notification.refresh_from_db()
    return notification


def do_mark_all_read(actor: User) -> int:
    with transaction.atomic():
        count = DeskNotification.objects.filter(user=actor, read_at__isnull=True).update(read_at=timezone.now())
        if count:
            append("notification.read_all", actor=actor, object_type="notifications.desknotification",
                   data={"count": count})
    return count


# ------------------------------------------------------------------ the e-mail digest
def do_set_digest(actor: User, every: str) -> DigestPreference:
    """Choose the e-mail digest of one's own unread notifications: off, daily or hourly. The first
    digest goes with the next sweep, then one each hour or day."""
    if every not in DigestEvery.values:
        raise ValidationError(f"the digest is one of {', '.join(DigestEvery.values)}")
    with transaction.atomic():
        preference, _ = DigestPreference.objects.select_for_update().get_or_create(user=actor)
        if preference.every == every:
            return preference
        before = preference.every
        preference.every = every
        preference.next_due_at = None if every == DigestEvery.OFF else timezone.now()
        preference.save()
        append("notification.digest.set", actor=actor, object_type="notifications.digestpreference",
               object_id=actor.pk, data={"from": before, "to": every})
    return preference


def claim_for_digest(user: User, every: str, now: datetime, limit: int = 500) -> DigestSending | None:
    """Claim the user's unread notifications no digest has told of yet (a conditional UPDATE: each
    is claimed by one digest only). None when there is nothing to tell."""
    with transaction.atomic():
        ids = list(DeskNotification.objects.filter(user=user, read_at__isnull=True, digest__isnull=True,
                                                   created_at__lte=now)
                   .order_by("created_at", "id").values_list("id", flat=True)[:limit])
        if not ids:
            return None
        sending = DigestSending.objects.create(user=user, every=every)
        if not DeskNotification.objects.filter(id__in=ids, digest__isnull=True).update(digest=sending):
            sending.delete()
            return None
        rows = DeskNotification.objects.filter(digest=sending).values_list("kind").annotate(n=Count("id"))
        sending.counts = {kind: n for kind, n in rows}
        sending.save(update_fields=["counts"])
    return sending


def record_digest_sent(sending: DigestSending) -> None:
    with transaction.atomic():
        DigestSending.objects.filter(pk=sending.pk).update(state=DigestState.SENT, sent_at=timezone.now(),
                                                           last_error="")
        append("notification.digest.sent", actor_label="notification digest", obj=sending,
               data={"user": sending.user_id, "every": sending.every, "counts": sending.counts,
                     "notifications": sorted(sending.notifications.values_list("id", flat=True))})


def record_digest_failed(sending: DigestSending, error: str, retry_at: datetime) -> None:
    """Not delivered: its notifications are released for the next digest (due at ``retry_at``)."""
    with transaction.atomic():
        released = DeskNotification.objects.filter(digest=sending).update(digest=None)
        DigestSending.objects.filter(pk=sending.pk).update(state=DigestState.FAILED, last_error=error[:300])
        DigestPreference.objects.filter(pk=sending.user_id).update(next_due_at=retry_at)
        append("notification.digest.failed", actor_label="notification digest", obj=sending,
               data={"user": sending.user_id, "error": error[:300], "released": released,
                     "retry_at": retry_at.isoformat()})
