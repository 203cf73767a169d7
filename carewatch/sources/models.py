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
    # SQLite: the key of the row this event was moved from in the webhook spool (sources/spool.py);
    # unique, so a move repeated after a crash inserts nothing twice.
    spool_key = models.CharField(max_length=32, null=True, blank=True, editable=False)

    class Meta:
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(
                fields=["source", "dedup_key"], name="uniq_inbound_dedup",
                condition=models.Q(dedup_key__isnull=False),
            ),
            # Partial: an index on the spooled events only (added without rewriting the table).
            models.UniqueConstraint(
                fields=["spool_key"], name="uniq_inbound_spool_key", condition=models.Q(spool_key__isnull=False),
            ),
        ]
        indexes: ClassVar[list[Any]] = [models.Index(fields=["state", "received_at"])]

    def __str__(self) -> str:
        return f"{self.source} event {self.pk} ({self.state})"


class ChannelState(models.Model):
    """What the desk knows about a channel's connection: for health, polling and alerts."""

    channel = models.OneToOneField("tenancy.Channel", on_delete=models.CASCADE, related_name="state")
    last_event_at = models.DateTimeField(null=True, blank=True)
    last_poll_at = models.DateTimeField(null=True, blank=True)
    last_poll_ok_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)
    token_expires_at = models.DateTimeField(null=True, blank=True)
    events_received = models.BigIntegerField(default=0)
    events_rejected = models.BigIntegerField(default=0)  # bad signature, malformed body
    reactions_counted = models.BigIntegerField(default=0)  # likes/reactions: counted, not inboxed
    poll_cursor = models.JSONField(default=dict, blank=True)  # per-source paging state
    backoff_until = models.DateTimeField(null=True, blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    quota_used = models.JSONField(default=dict, blank=True)  # e.g. {"2026-11-22": 1234}

    def __str__(self) -> str:
        return f"state of channel {self.channel_id}"


class RateWindow(models.Model):
    """Fixed-window counters for per-platform, per-token limits when Redis is not in use
    (``carewatch.sources.ratelimit``; moved from the replies app, table renamed)."""

    key = models.CharField(max_length=200)
    window_start = models.BigIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["key", "window_start"], name="uniq_rate_window")
        ]

    def __str__(self) -> str:
        return f"{self.key}@{self.window_start}: {self.count}"
