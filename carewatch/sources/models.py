"""Raw inbound events, stored durably before anything else happens to them."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models


class EventState(models.TextChoices):
    RECEIVED = "received", "Received"  # stored, waiting for the pipeline
    PROCESSED = "processed", "Processed"  # turned into mention changes
    IGNORED = "ignored", "Ignored"  # valid, nothing for the inbox (reason kept)
    REJECTED = "rejected", "Rejected"  # could not be parsed (kept for inspection)
    FAILED = "failed", "Failed"  # the pipeline raised; the sweeper retries


class InboundEvent(models.Model):
    source = models.CharField(max_length=32)  # "import", "meta", "x", ...
    channel = models.ForeignKey(
        "tenancy.Channel", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    client = models.ForeignKey(
        "tenancy.Client", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    raw_body = models.BinaryField()
    headers = models.JSONField(default=dict, blank=True)
    signature_ok = models.BooleanField(null=True)  # None: the source has no signature
    dedup_key = models.CharField(max_length=255, null=True, blank=True)
    received_at = models.DateTimeField(db_index=True)
    state = models.CharField(max_length=16, choices=EventState.choices, default=EventState.RECEIVED)
    reason = models.CharField(max_length=300, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(
                fields=["source", "dedup_key"], name="uniq_inbound_dedup",
                condition=models.Q(dedup_key__isnull=False),
            ),
        ]
        indexes: ClassVar[list[Any]] = [models.Index(fields=["state", "received_at"])]

    def __str__(self) -> str:
        return f"{self.source} event {self.pk} ({self.state})"
