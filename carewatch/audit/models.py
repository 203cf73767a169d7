"""The hash-chained audit log.

Each row's hash is SHA-256 over the previous row's hash and the row's canonical content,
including its sequence number, so editing a row, deleting one, or reordering them breaks the
chain at that point. The chain head (one row) is locked while a row is appended, which
serialises appends across processes on every engine.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

GENESIS_HASH = "0" * 64


class ChainHead(models.Model):
    """The last sequence number and hash; one row, locked to append."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=GENESIS_HASH)

    def __str__(self) -> str:
        return f"chain head #{self.seq}"


class AuditEvent(models.Model):
    seq = models.BigIntegerField(unique=True)
    at = models.DateTimeField(db_index=True)
    # No database constraint and no cascade: the ids stay as written (the hash covers them)
    # even if the user or client is later deleted.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.DO_NOTHING, related_name="+",
        db_constraint=False,
    )
    actor_label = models.CharField(max_length=200)  # kept even if the user is deleted
    client = models.ForeignKey(
        "tenancy.Client", null=True, blank=True, on_delete=models.DO_NOTHING, related_name="+",
        db_constraint=False,
    )
    action = models.CharField(max_length=64, db_index=True)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    data = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering: ClassVar[list[str]] = ["-seq"]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["client", "-seq"]),
            models.Index(fields=["object_type", "object_id"]),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} by {self.actor_label}"
