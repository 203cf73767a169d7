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
    # The e-mail digest that told of it (set once: a notification is in at most one digest).
    digest = models.ForeignKey("DigestSending", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="notifications")

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


class DigestEvery(models.TextChoices):
    OFF = "off", "Off"
    DAILY = "daily", "Daily"
    HOURLY = "hourly", "Hourly"


class DigestPreference(models.Model):
    """Whether, and how often, a person gets an e-mail digest of their unread notifications."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True,
                                related_name="digest_preference")
    every = models.CharField(max_length=8, choices=DigestEvery.choices, default=DigestEvery.OFF)
    next_due_at = models.DateTimeField(null=True, blank=True)  # claimed with a conditional UPDATE
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes: ClassVar[list[Any]] = [models.Index(fields=["every", "next_due_at"], name="digest_due")]

    def __str__(self) -> str:
        return f"digest of {self.user_id}: {self.every}"


class DigestState(models.TextChoices):
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed (its notifications go in the next digest)"


class DigestSending(models.Model):
    """One e-mail digest: the notifications it claimed point at it, so none is told twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    every = models.CharField(max_length=8, choices=DigestEvery.choices)
    state = models.CharField(max_length=8, choices=DigestState.choices, default=DigestState.SENDING)
    counts = models.JSONField(default=dict)  # kind -> how many
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"digest {self.pk} to {self.user_id} ({self.state})"
