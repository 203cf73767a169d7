"""Reading notifications: each person's own, each change with its audit event."""

from __future__ import annotations

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from carewatch.audit.chain import append
from carewatch.notifications.models import DeskNotification
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
