"""Append to and verify the hash chain."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from carewatch.audit.models import GENESIS_HASH, AuditEvent, ChainHead
from carewatch.lib.canonical import canonical_json


def _content(
    *, seq: int, at: datetime, actor_id: int | None, actor_label: str, client_id: int | None,
    action: str, object_type: str, object_id: str, data: Any, prev_hash: str,
) -> str:
    return canonical_json(
        {
            "seq": seq,
            "at": at.astimezone(UTC).isoformat(timespec="microseconds"),
            "actor_id": actor_id,
            "actor_label": actor_label,
            "client_id": client_id,
            "action": action,
            "object_type": object_type,
            "object_id": object_id,
            "data": data,
            "prev_hash": prev_hash,
        }
    )


def row_hash(event: AuditEvent) -> str:
    content = _content(
        seq=event.seq, at=event.at, actor_id=event.actor_id, actor_label=event.actor_label,
        client_id=event.client_id, action=event.action, object_type=event.object_type,
        object_id=event.object_id, data=event.data, prev_hash=event.prev_hash,
    )
    return hashlib.sha256(content.encode()).hexdigest()


def _locked_head() -> ChainHead:
    head, _ = ChainHead.objects.get_or_create(id=1)
    if connection.vendor != "sqlite":  # SQLite's IMMEDIATE transaction already holds the lock
        head = ChainHead.objects.select_for_update().get(id=1)
    return head


def append(
    action: str,
    *,
    actor: Any = None,
    actor_label: str | None = None,
    client_id: int | None = None,
    obj: Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Write one audit event. Must run inside the transaction that makes the change."""
    if not connection.in_atomic_block:
        raise RuntimeError("audit events are written in the transaction of the change they record")
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    actor_id = actor.pk if actor is not None and getattr(actor, "pk", None) else None
    label = actor_label or (getattr(actor, "email", None) if actor_id else None) or "system"
    # JSON round-trip now so the hashed content equals what the database gives back.
    clean_data = json.loads(canonical_json(data or {}))
    head = _locked_head()
    event = AuditEvent(
        seq=head.seq + 1,
        at=timezone.now(),
        actor_id=actor_id,
        actor_label=label,
        client_id=client_id,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        data=clean_data,
        prev_hash=head.hash,
    )
    event.hash = row_hash(event)
    event.save(force_insert=True)
    ChainHead.objects.filter(id=1).update(seq=event.seq, hash=event.hash)
    return event


@dataclass
class VerifyResult:
    ok: bool
    checked: int
    head_hash: str
    problem: str = ""
    seq: int | None = None


def _events() -> Iterator[AuditEvent]:
    return AuditEvent.objects.order_by("seq").iterator(chunk_size=5000)


def verify() -> VerifyResult:
    """Walk the chain from the start; report the first broken link."""
    prev = GENESIS_HASH
    expected_seq = 1
    checked = 0
    with transaction.atomic():
        for event in _events():
            if event.seq != expected_seq:
                return VerifyResult(
                    False, checked, prev,
                    f"event #{expected_seq} is missing (next present is #{event.seq})", expected_seq,
                )
            if event.prev_hash != prev:
                return VerifyResult(
                    False, checked, prev,
                    f"event #{event.seq} does not link to the previous event", event.seq,
                )
            if row_hash(event) != event.hash:
                return VerifyResult(
                    False, checked, prev,
                    f"event #{event.seq} was changed after it was written", event.seq,
                )
            prev = event.hash
            expected_seq += 1
            checked += 1
        head = ChainHead.objects.filter(id=1).first()
    if head is not None and (head.seq != checked or head.hash != prev):
        return VerifyResult(
            False, checked, prev,
            f"the chain ends at #{checked} but its head says #{head.seq}: events were removed "
            "from the end",
            checked + 1,
        )
    return VerifyResult(True, checked, prev)
