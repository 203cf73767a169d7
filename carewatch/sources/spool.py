"""Webhook events spooled outside the main database (SQLite only), then moved in by the worker.

On SQLite the main database has one writer at a time, and the worker's pipeline transactions
hold it most of the time under load: a webhook storing its event there waited for them (its p99
acknowledgement was 100-600 ms, bench/README.md). So on SQLite a verified event is first written
to ``<database>.spool.sqlite3`` (``lib/sqlite/spool.py``: its own file, its own writer lock, which
only webhooks and this mover take) and the 200 is sent once that INSERT commits. The worker then
moves spooled rows into ``InboundEvent`` and runs the pipeline over them.

Exactly once: each spooled row carries a random ``key``, stored as ``InboundEvent.spool_key``
(unique). A move inserts the rows into the main database in one transaction, ignoring those whose
key (or delivery ``dedup_key``) is already there, commits, and only then deletes them from the
spool. A crash between the two leaves rows in the spool whose events are already in the main
database: the next move inserts nothing for them and deletes them. A crash before the commit
leaves them in the spool, untouched. Nothing is lost, nothing doubled.

Recovery: the webhook enqueues a move once its answer is sent; if that enqueue is lost, the
sweeper (``sweep_spool``, every minute) moves whatever is waiting. On PostgreSQL (row locks,
no single writer) there is no spool: the event goes straight to ``InboundEvent``.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
import uuid
from datetime import UTC, datetime
from typing import Any, NamedTuple

from django.conf import settings
from django.db import connection, transaction
from django.tasks import task
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from carewatch.lib.sqlite.spool import Spool, spool_path
from carewatch.sources.models import EventState, InboundEvent
from carewatch.sources.tasks import process_inbound_events
from carewatch.taskqueue import SWEEP_PRIORITY

log = logging.getLogger(__name__)

MOVE_BATCH = 200  # rows per move transaction in the main database
MAX_MOVES = 50  # a move task takes at most this many batches, then leaves the rest to the next
#: A move requested this long ago and not yet begun is requested again (its task may be lost).
REQUEST_AGAIN_S = 5.0

SCHEMA = """
CREATE TABLE IF NOT EXISTS spooled_event (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    channel_id INTEGER,
    client_id INTEGER,
    raw_body BLOB NOT NULL,
    headers TEXT NOT NULL,
    dedup_key TEXT,
    received_at TEXT NOT NULL,
    state TEXT NOT NULL,
    reason TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS spooled_event_dedup ON spooled_event (source, dedup_key)
    WHERE dedup_key IS NOT NULL;
CREATE TABLE IF NOT EXISTS move_request (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    requested_at REAL
);
INSERT OR IGNORE INTO move_request (id, requested_at) VALUES (1, NULL);
"""

_spools: dict[str, Spool] = {}
_spools_lock = threading.Lock()


def enabled() -> bool:
    """Whether webhooks spool here: on SQLite with a database file, unless switched off
    (``CAREWATCH_WEBHOOK_SPOOL=0``)."""
    if not getattr(settings, "WEBHOOK_SPOOL", True) or connection.vendor != "sqlite":
        return False
    return not connection.is_in_memory_db()  # type: ignore[attr-defined]


def spool() -> Spool:
    """The spool beside the main database in use (the test database, in tests)."""
    path = spool_path(str(connection.settings_dict["NAME"]), "spool")
    with _spools_lock:
        found = _spools.get(path)
        if found is None:
            found = _spools[path] = Spool(path, SCHEMA)
        return found


class Spooled(NamedTuple):
    key: str
    request_move: bool  # no move is pending: enqueue one (once the answer is sent)


def put(source: str, raw: bytes, headers: dict[str, str], channel_id: int | None, client_id: int | None,
        dedup_key: str | None, received_at: datetime, state: str = EventState.RECEIVED, reason: str = "",
        ) -> Spooled | None:
    """Spool one verified event durably (one short transaction); None if the same delivery is
    already spooled.

    At most one move is pending at a time: the transaction also marks a move as requested, and
    says to enqueue one only if none was (or the last request is older than ``REQUEST_AGAIN_S``).
    A move clears the mark before it reads the spool, so an event spooled after that read finds
    the mark cleared and requests the next move. Without this, every webhook queued a move task:
    at 200/s a worker short of CPU fell behind on no-op moves and the triage tasks queued behind
    them waited minutes.
    """
    key = uuid.uuid4().hex
    row = (key, source, channel_id, client_id, raw, json.dumps(headers), dedup_key,
           received_at.astimezone(UTC).isoformat(), str(state), reason)

    def insert(db: sqlite3.Connection) -> bool:
        db.execute("INSERT INTO spooled_event (key, source, channel_id, client_id, raw_body, headers, dedup_key,"
                   " received_at, state, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row)
        now = time.time()
        marked = db.execute("UPDATE move_request SET requested_at = ? WHERE id = 1"
                            " AND (requested_at IS NULL OR requested_at < ?)", (now, now - REQUEST_AGAIN_S))
        return marked.rowcount == 1

    try:
        return Spooled(key, spool().write(insert))
    except sqlite3.IntegrityError:
        return None


def _begin_move() -> None:
    spool().write(lambda db: db.execute("UPDATE move_request SET requested_at = NULL WHERE id = 1"))


def waiting() -> int:
    """Rows in the spool (not yet moved)."""
    if not enabled():
        return 0
    return int(spool().read(lambda db: db.execute("SELECT COUNT(*) FROM spooled_event").fetchone()[0]))


def _event(row: tuple[Any, ...]) -> InboundEvent:
    _, key, source, channel_id, client_id, raw, headers, dedup_key, received_at, state, reason = row
    return InboundEvent(source=source, channel_id=channel_id, client_id=client_id, raw_body=bytes(raw),
                        headers=json.loads(headers), signature_ok=True, dedup_key=dedup_key,
                        received_at=datetime.fromisoformat(received_at), state=state, reason=reason,
                        spool_key=key)


def _remove(ids: list[int]) -> None:
    """The second half of a move: forget spooled rows whose events the main database holds."""
    marks = ",".join("?" * len(ids))
    spool().write(lambda db: db.execute(f"DELETE FROM spooled_event WHERE id IN ({marks})", ids))  # noqa: S608


def move_batch(limit: int = MOVE_BATCH) -> tuple[int, list[int]]:
    """Move the oldest ``limit`` spooled rows into ``InboundEvent`` (see the module's docstring).
    Returns how many rows left the spool and the ids of their events still ``received``."""
    _begin_move()
    rows = spool().read(lambda db: db.execute(
        "SELECT id, key, source, channel_id, client_id, raw_body, headers, dedup_key, received_at, state, reason"
        " FROM spooled_event ORDER BY id LIMIT ?", (limit,)).fetchall())
    if not rows:
        return 0, []
    with transaction.atomic():
        # Already there (a move that crashed before it could delete, a second mover, or the
        # same delivery moved earlier): ignored, so each event is inserted once.
        InboundEvent.objects.bulk_create([_event(row) for row in rows], ignore_conflicts=True)
    keys = [row[1] for row in rows]
    ids = list(InboundEvent.objects.filter(spool_key__in=keys, state=EventState.RECEIVED)
               .order_by("id").values_list("id", flat=True))
    _remove([row[0] for row in rows])
    return len(rows), ids


def move(max_batches: int = MAX_MOVES, run_pipeline: bool = True, recovered: bool = False) -> int:
    """Move what is spooled and (unless told not to) run the pipeline over it; returns rows moved.
    ``recovered``: the sweeper's move (its triage goes ahead of the backlog, as for swept events)."""
    if not enabled():
        return 0
    moved = 0
    for _ in range(max_batches):
        count, ids = move_batch()
        moved += count
        if ids and run_pipeline:
            process_inbound_events.call(ids, recovered=recovered)
        if count < MOVE_BATCH:
            return moved
    move_spooled_events.enqueue()  # more waiting: the next move, after what was queued meanwhile
    return moved


@task()
def move_spooled_events() -> int:
    """The worker's half of a webhook: move the spooled events into the main database and run
    the pipeline over them (enqueued once the webhook's answer is sent; several webhooks share one)."""
    return move()


@db_periodic_task(crontab(minute="*"), priority=SWEEP_PRIORITY)
def sweep_spool() -> None:
    """Moves what a lost move task left in the spool (events are never only there for long)."""
    count = move(recovered=True)
    if count:
        log.info("sweeper moved %s spooled webhook events", count)
