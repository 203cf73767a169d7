"""Outbound webhook endpoints of a client and the deliveries to them (an outbox).

Only ``hooks_out/actions.py`` (and the delivery worker, ``hooks_out/delivery.py``, for the
delivery states) change these rows. A ``Delivery`` is written in the transaction of the change it
reports (``emit``) and sent after commit by the worker; the pipeline never waits for a receiver.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models

EVENT_TYPES = (
    "case.created", "case.updated", "case.closed",
    "safety_case.opened", "safety_case.forwarded", "safety_case.acknowledged",
    "reply.sent",
    "alert.raised",
    "incident.declared", "incident.stood_down",
)


class Endpoint(models.Model):
    client = models.ForeignKey("tenancy.Client", on_delete=models.CASCADE, related_name="+")
    url = models.URLField(max_length=500)
    description = models.CharField(max_length=200, blank=True)
    events = models.JSONField(default=list, blank=True)  # [] = every event type
    allow_phi = models.BooleanField(default=False)  # payloads may carry post text and handles
    secret = models.CharField(max_length=500)  # "enc:<fernet token>" of "whsec_<base64>"
    is_active = models.BooleanField(default=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    disabled_at = models.DateTimeField(null=True, blank=True)
    disabled_reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["client_id", "id"]

    def __str__(self) -> str:
        return f"endpoint {self.pk} ({self.shown_url})"

    @property
    def shown_url(self) -> str:
        """Scheme, host and port only: a receiver's path may hold a token."""
        from urllib.parse import urlsplit

        parts = urlsplit(self.url)
        host = parts.hostname or "?"
        if parts.port:
            host = f"{host}:{parts.port}"
        return f"{parts.scheme}://{host}/…"

    def wants(self, event_type: str) -> bool:
        return not self.events or event_type in self.events


class DeliveryState(models.TextChoices):
    PENDING = "pending", "Pending"
    SENDING = "sending", "Sending"
    DELIVERED = "delivered", "Delivered"
    FAILED = "failed", "Failed (gave up)"
    SKIPPED = "skipped", "Skipped (endpoint disabled)"


class Delivery(models.Model):
    endpoint = models.ForeignKey(Endpoint, on_delete=models.CASCADE, related_name="deliveries")
    client = models.ForeignKey("tenancy.Client", on_delete=models.CASCADE, related_name="+")
    message_id = models.CharField(max_length=40)  # webhook-id: the same for a retry and a replay
    event_type = models.CharField(max_length=40)
    body = models.TextField()  # the exact JSON sent (signed as is)
    state = models.CharField(max_length=10, choices=DeliveryState.choices, default=DeliveryState.PENDING)
    due_at = models.DateTimeField()
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_status = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    log = models.JSONField(default=list, blank=True)  # [{"at", "status", "error", "ms"}]
    delivered_at = models.DateTimeField(null=True, blank=True)
    replay_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes: ClassVar[list[Any]] = [
            models.Index(fields=["state", "due_at"], name="hookdelivery_due"),
            models.Index(fields=["endpoint", "-created_at"], name="hookdelivery_endpoint"),
        ]
        ordering: ClassVar[list[str]] = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.event_type} {self.message_id} → {self.endpoint_id}"
