"""Append to and verify the hash chain."""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import connection, transaction
from django.db.models import Model
from django.dispatch import Signal
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


# Lock order (PostgreSQL; SQLite has one writer and cannot deadlock). Every transaction takes the
# locks it needs in this order, each kind in ascending id: mentions (claimed with SKIP LOCKED, so
# never waited for), cases, the clients' safety-case numbering (``safety.actions.lock_numbering``),
# safety cases, escalations and clocks, and the audit chain head LAST. Appends inside
# ``audit_last()`` are kept until the end of the block and written together then, so the head (the
# one row every audited transaction needs) is held for the few inserts at the end, never while
# the transaction waits for another row. Row locks that change no key are FOR NO KEY UPDATE, so
# inserts referring to the row (their foreign-key check takes KEY SHARE) do not queue behind them.


@dataclass
class _Pending:
    fields: dict[str, Any]
    alive: Any  # a no-op on_commit callback: Django drops it if its savepoint is rolled back
    signal: bool = False  # post_save sent for the row once written (``append(signal=True)``)


_local = threading.local()

# Sent with the events of an ``audit_last()`` block appended with ``signal=True``, once written
# (together, in the block's transaction): what ``post_save`` is for an event written alone.
events_written = Signal()


def _pending() -> list[_Pending] | None:
    stack: list[list[_Pending]] = getattr(_local, "stack", [])
    return stack[0] if stack else None


@contextmanager
def audit_last() -> Iterator[None]:
    """A transaction whose audit events are appended at its end, after every other lock.

    Re-entrant: an inner block adds to the outer one's events. Events appended inside a savepoint
    that is rolled back are dropped with it, as if they had been written there.
    """
    stack: list[list[_Pending]] = _local.__dict__.setdefault("stack", [])
    outer = not stack
    with transaction.atomic():
        stack.append(stack[0] if stack else [])
        try:
            yield
            if outer:
                _flush(stack[0])
        finally:
            stack.pop()


def _flush(pending: list[_Pending]) -> None:
    # Entries are (savepoint ids, callback, robust); Django drops those of a rolled-back savepoint.
    live = {id(entry[1]) for entry in connection.run_on_commit}
    kept = [p for p in pending if id(p.alive) in live]
    events = [p.fields for p in kept]
    pending.clear()
    if not events:
        return
    head = _locked_head()
    seq, prev = head.seq, head.hash
    now = timezone.now()
    rows = []
    for fields in events:
        seq += 1
        event = AuditEvent(seq=seq, at=now, prev_hash=prev, **fields)
        event.hash = row_hash(event)
        prev = event.hash
        rows.append(event)
    AuditEvent.objects.bulk_create(rows)
    ChainHead.objects.filter(id=1).update(seq=seq, hash=prev)
    flagged = [row for row, item in zip(rows, kept, strict=True) if item.signal]
    if flagged:  # bulk_create sends no post_save: the rows that asked for it, in one signal
        events_written.send(sender=AuditEvent, events=flagged)


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
    signal: bool = False,
) -> AuditEvent | None:
    """Write one audit event. Must run inside the transaction that makes the change.

    Inside ``audit_last()`` the event is written at the end of that block (returns None);
    otherwise now, under the chain head's lock held until commit. Written now, the row's
    ``post_save`` is sent (what the notifications app derives its notifications from); written at
    the block's end, with the others in one INSERT, ``events_written`` is sent with those that ask
    for it (``signal``: the events someone is notified of, e.g. an assignment).
    """
    if not connection.in_atomic_block:
        raise RuntimeError("audit events are written in the transaction of the change they record")
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    actor_id = actor.pk if actor is not None and getattr(actor, "pk", None) else None
    label = actor_label or (getattr(actor, "email", None) if actor_id else None) or "system"
    # JSON round-trip now so the hashed content equals what the database gives back.
    clean_data = json.loads(canonical_json(data or {}))
    fields = {"actor_id": actor_id, "actor_label": label, "client_id": client_id, "action": action,
              "object_type": object_type, "object_id": str(object_id), "data": clean_data}
    pending = _pending()
    if pending is not None:

        def alive() -> None:
            return None

        transaction.on_commit(alive)
        pending.append(_Pending(fields, alive, signal))
        return None
    head = _locked_head()
    event = AuditEvent(seq=head.seq + 1, at=timezone.now(), prev_hash=head.hash, **fields)
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


@dataclass(frozen=True)
class Anchor:
    """A recorded chain head (``carewatch audit anchor``), kept outside the database."""

    seq: int
    hash: str

    def as_json(self) -> str:
        return json.dumps({"seq": self.seq, "hash": self.hash}, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Anchor:
        try:
            raw = json.loads(text)
            seq, digest = raw["seq"], raw["hash"]
        except (ValueError, TypeError, KeyError) as exc:
            raise ValueError("not an audit anchor (a JSON object with seq and hash)") from exc
        if not isinstance(seq, int) or isinstance(seq, bool) or seq < 0 or not isinstance(digest, str) \
                or len(digest) != 64:
            raise ValueError("not an audit anchor (seq must be a whole number, hash 64 hex digits)")
        return cls(seq, digest)


def _events() -> Iterator[AuditEvent]:
    return AuditEvent.objects.order_by("seq").iterator(chunk_size=5000)


@contextmanager
def _snapshot() -> Iterator[None]:
    """One consistent view of the chain and its head while writers keep appending.

    On PostgreSQL a REPEATABLE READ, READ ONLY transaction: every query in it sees the database as
    it was at its first query, so rows appended meanwhile are neither in the walk nor in the head
    (under the default READ COMMITTED each query saw a newer state: the head read after a long
    walk ran ahead of it, a false "removed from the end"). SQLite's transaction is one snapshot.
    """
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
        return
    with transaction.atomic():  # inside a caller's transaction (tests): its own snapshot rules
        yield


def verify(anchor: Anchor | None = None) -> VerifyResult:
    """Walk the chain from the start; report the first broken link.

    The walk and the head are read in one snapshot. With ``anchor`` (a head recorded earlier,
    outside the database), also check that the chain still reaches it with the same hash: a tail
    cut off together with the head row, or a last event rewritten with the head to match, passes
    the chain's own checks but not this one.
    """
    prev = GENESIS_HASH
    expected_seq = 1
    checked = 0
    anchored_hash: str | None = None
    with _snapshot():
        head = ChainHead.objects.filter(id=1).first()
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
            if anchor is not None and event.seq == anchor.seq:
                anchored_hash = event.hash
    if head is None:
        if checked:
            return VerifyResult(False, checked, prev, f"the chain head row is missing ({checked} events present)",
                                checked + 1)
    elif head.seq != checked or head.hash != prev:
        if head.seq > checked:
            problem = (f"the chain ends at #{checked} but its head says #{head.seq}: events were removed "
                       "from the end")
        else:
            problem = f"the chain ends at #{checked} but its head says #{head.seq}: the head was changed"
        return VerifyResult(False, checked, prev, problem, checked + 1)
    if anchor is not None and anchor.seq > 0:
        if checked < anchor.seq:
            return VerifyResult(
                False, checked, prev,
                f"the chain ends at #{checked} but the anchor recorded #{anchor.seq}: events were cut "
                "from the end", checked + 1,
            )
        if anchored_hash != anchor.hash:
            return VerifyResult(
                False, checked, prev,
                f"event #{anchor.seq} is not the one the anchor recorded: the chain was rewritten", anchor.seq,
            )
    return VerifyResult(True, checked, prev)


def anchor() -> Anchor:
    """The verified chain's head, to keep outside the database (refused if the chain is broken)."""
    result = verify()
    if not result.ok:
        raise ValueError(f"the chain is broken at event #{result.seq}: {result.problem}")
    return Anchor(result.checked, result.head_hash)
