"""The outbox: every outbound call (reply, hide, private reply, DM) is a row before it is made."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models


class Verb(models.TextChoices):
    REPLY = "reply", "Public reply"
    HIDE = "hide", "Hide"
    UNHIDE = "unhide", "Unhide"
    PRIVATE_REPLY = "private_reply", "Private reply to a comment"
    DM = "dm", "Direct message"


class OutboundStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    SENDING = "sending", "Being sent"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    UNKNOWN = "unknown", "Outcome unknown (being reconciled)"


class OutboundAction(models.Model):
    client = models.ForeignKey("tenancy.Client", on_delete=models.CASCADE, related_name="+")
    channel = models.ForeignKey("tenancy.Channel", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("inbox.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="outbound")
    mention = models.ForeignKey("inbox.Mention", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    verb = models.CharField(max_length=16, choices=Verb.choices)
    target_external_id = models.CharField(max_length=255)  # the comment/post/conversation answered
    body = models.TextField(blank=True)
    idempotency_key = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=10, choices=OutboundStatus.choices, default=OutboundStatus.PENDING)
    external_id = models.CharField(max_length=255, blank=True)  # the platform's id for what we sent
    error = models.CharField(max_length=300, blank=True)  # in plain words
    error_code = models.CharField(max_length=40, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    not_before = models.DateTimeField(null=True, blank=True)  # rate limited until
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    options = models.JSONField(default=dict, blank=True)  # e.g. {"human_agent": true}

    class Meta:
        indexes: ClassVar[list[Any]] = [models.Index(fields=["status", "updated_at"], name="outbound_status")]

    def __str__(self) -> str:
        return f"{self.verb} {self.target_external_id} ({self.status})"
