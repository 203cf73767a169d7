"""In-app notifications: what waits for one person. Derived from audit events (``derive.py``);
the text names cases, templates and escalations by number, never by the post's words (no PHI)."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models


class Kind(models.TextChoices):
    ASSIGNED = "assigned", "Assigned to you"
    MENTIONED = "mentioned", "Mentioned in a note"
    APPROVAL_REQUESTED = "approval_requested", "Approval requested"
    APPROVAL_DECIDED = "approval_decided", "Approval decided"
    ESCALATION = "escalation", "Escalation to you"
    SLA = "sla", "Your SLA is about to breach"


class DeskNotification(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="desk_notifications")
    client = models.ForeignKey("tenancy.Client", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=24, choices=Kind.choices)
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300, blank=True)  # a path on this site
    audit_seq = models.BigIntegerField(null=True, blank=True)  # the event it was derived from
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["user", "audit_seq", "kind"], name="uniq_notification_per_event"),
        ]
        indexes: ClassVar[list[Any]] = [
            models.Index(fields=["user", "read_at"], name="notification_unread"),
            models.Index(fields=["user", "-created_at"], name="notification_recent"),
        ]
        ordering: ClassVar[list[str]] = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text}"

    @property
    def unread(self) -> bool:
        return self.read_at is None
