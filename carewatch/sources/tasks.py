"""The pipeline task: stored inbound events become mentions and cases.

Tasks carry only ids. Events are parsed first, outside any transaction (parsers only read);
then a few at a time are claimed and written in one short transaction (rows still ``received``;
``SKIP LOCKED`` on PostgreSQL, the IMMEDIATE write lock on SQLite), so two workers handed the
same ids never both process an event, and SQLite's single write lock is never held for long
(webhooks wait for it to store their event). A sweeper re-enqueues anything a lost task left
behind.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.db import connection, transaction
from django.db.models import F
from django.tasks import task
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from carewatch.inbox.ingest import apply_changes, channels_for, run_triage, update_rows
from carewatch.inbox.models import Direction, Mention
from carewatch.inbox.normalised import MentionChange, ParseError, ParseResult
from carewatch.lib.storable import storable, storable_text
from carewatch.sources.lookup import StoredMessage
from carewatch.sources.models import ChannelState, EventState, InboundEvent
from carewatch.sources.registry import parser_for
from carewatch.taskqueue import RECOVERY_PRIORITY, RECOVERY_SWEEP_PRIORITY, queued_ids

if TYPE_CHECKING:
    from carewatch.tenancy.models import Channel

log = logging.getLogger(__name__)

BATCH = 500
SPARE = 50  # a small batch takes up to this many waiting events along
WRITE_CHUNK = 4  # events in a batch's first write transaction (SQLite has one writer: keep its lock short)
MAX_WRITE_CHUNK = 64  # events per write transaction at most
# The work (this thread's CPU seconds) one write transaction may do: its events grow or shrink to
# fit. CPU time, not the wall clock: the worker's other thread (screening) and other processes
# stretch the wall clock, and would keep the chunks at their smallest. On SQLite a transaction
# holds the one writer lock a webhook's INSERT waits for: there only a batch of imported events
# (``carewatch import``) grows its chunks; live deliveries keep ``WRITE_CHUNK`` (larger chunks
# measured a webhook acknowledgement p50 5-10x slower). PostgreSQL has no such lock (row locks only).
WRITE_BUDGET_S = 0.1
SQLITE_IMPORT_BUDGET_S = 0.015
IMPORT_SOURCE = "import"
TRIAGE_BATCH = 250  # mentions one triage task screens: its own, then the next ones waiting
MAX_ATTEMPTS = 5
SWEEP_LIMIT = 20_000  # ids a sweep looks at (the oldest first)


def enqueue_events(ids: list[int]) -> None:
    """Enqueue the pipeline for these events once the current transaction commits."""
    for start in range(0, len(ids), BATCH):
        process_inbound_events.enqueue(ids[start:start + BATCH])


def _waiting(ids: list[int]) -> list[int]:
    """The ids of these events still ``received``, in ascending id: read by primary key, the state
    tested here. (With ``state`` in the WHERE, SQLite's planner walks the ``(state, received_at)``
    index over every waiting event instead: each look-up of a few events read the whole backlog,
    an import of 100,000 events spent most of its write transactions there.)"""
    rows = InboundEvent.objects.filter(id__in=ids).order_by("id").values_list("id", "state")
    return [pk for pk, state in rows if state == EventState.RECEIVED]


def _claim(ids: list[int]) -> set[int]:
    """The ids of these events still waiting, claimed for this transaction (SKIP LOCKED on
    PostgreSQL; on SQLite the transaction's write lock is the claim)."""
    if connection.vendor == "postgresql":
        qs = InboundEvent.objects.filter(id__in=ids, state=EventState.RECEIVED).select_for_update(skip_locked=True)
        return set(qs.values_list("id", flat=True))
    return set(_waiting(ids))


@dataclass
class _Parsed:
    event: InboundEvent
    result: ParseResult | None  # None: the event could not be understood (``error`` says why)
    error: str = ""
    attempts: int = 0  # as read, so a chunk retried event by event counts one attempt


def _only_signed(event: InboundEvent, result: ParseResult) -> ParseResult:
    """Keep only the changes for channels whose secret signed the event's body.

    The webhook refuses a body carrying entries for an account whose secret did not sign it;
    this is the same rule once more where the changes are written, so nothing stored (before
    that check existed, or by any other path) can write into another client's inbox. A change
    the parser routed to one of several channels of the same account goes to the one that signed.
    """
    from carewatch.lib.secrets import SecretError
    from carewatch.sources.registry import push_source
    from carewatch.tenancy.models import Channel

    source = push_source(event.source)
    others = {c.channel_id for c in result.changes} - {event.channel_id}
    if source is None or not event.signature_ok or not others:
        return result
    raw, headers = bytes(event.raw_body), dict(event.headers or {})

    def signed(channel: Channel) -> bool:
        try:
            return source.verify(raw, headers, channel)
        except SecretError:
            return False

    route: dict[int, int] = {}
    for channel in Channel.objects.filter(pk__in=others):
        if signed(channel):
            route[channel.pk] = channel.pk
            continue
        twin = next((c for c in Channel.objects.filter(
            platform=channel.platform, external_id=channel.external_id, is_active=True,
        ).exclude(pk=channel.pk).order_by("id") if c.pk == event.channel_id or signed(c)), None)
        if twin is not None:
            route[channel.pk] = twin.pk
    kept: list[MentionChange] = []
    dropped = 0
    for change in result.changes:
        target = change.channel_id if change.channel_id == event.channel_id else route.get(change.channel_id)
        if target is None:
            dropped += 1
            continue
        change.channel_id = target
        kept.append(change)
    if dropped:
        log.warning("inbound event %s: %s change(s) for an account whose secret did not sign the body dropped",
                    event.pk, dropped)
        note = f"{dropped} change(s) for an account whose secret did not sign the body: not applied"
        result.ignored_reason = "; ".join(r for r in (result.ignored_reason, note) if r)
        result.changes = kept
    return result


def stored_message(channel_id: int, external_id: str) -> StoredMessage | None:
    """The parsers' lookup (``carewatch.sources.lookup``): a message the inbox already holds."""
    row = (Mention.objects.filter(channel_id=channel_id, external_id=external_id)
           .values_list("thread_key", "platform_meta").first())
    return StoredMessage(row[0], row[1] or {}) if row is not None else None


def _parse(event: InboundEvent) -> _Parsed | None:
    """Parse outside any transaction (pure CPU and reads); None if the parser itself broke."""
    try:
        # NUL and lone surrogates become U+FFFD in everything derived for the inbox: stored on
        # every engine, screened, never failed for its bytes (the raw body keeps them as sent).
        result = storable(_only_signed(event, parser_for(event.source)(event, stored_message)))
        return _Parsed(event, result, attempts=event.attempts)
    except (ParseError, LookupError) as exc:
        return _Parsed(event, None, storable_text(str(exc))[:300], attempts=event.attempts)
    except RecursionError:  # JSON nested inside the payload (TikTok's content string) too deeply
        return _Parsed(event, None, "payload nested too deeply to parse", attempts=event.attempts)
    except Exception:
        log.exception("inbound event %s: the parser failed", event.pk)
        return None


def _write(parsed: list[_Parsed], channels: dict[int, Channel] | None = None) -> tuple[int, list[int]]:
    """One short write transaction's work: claim, apply the parsed changes, mark the events.
    Returns the number of new mentions and the ids of those to screen. ``channels``: the
    batch's channels, read once for all its chunks."""
    claimed = _claim([p.event.pk for p in parsed])
    parsed = [p for p in parsed if p.event.pk in claimed]
    if not parsed:
        return 0, []
    changes: list[MentionChange] = []
    origin: dict[int, int] = {}
    now = timezone.now()
    for item in parsed:
        event, result = item.event, item.result
        event.processed_at = now
        event.attempts = item.attempts + 1
        if result is None:
            event.state = EventState.REJECTED
            event.reason = item.error
            log.warning("inbound event %s rejected: %s", event.pk, event.reason)
            continue
        if event.channel_id:
            if result.counters:
                _count(event.channel_id, result.counters)
            _note_health(event.channel_id, result, event.received_at)
        if not result.changes:
            event.state = EventState.IGNORED
            event.reason = (result.ignored_reason or "no mention change")[:300]
            continue
        for change in result.changes:
            origin[id(change)] = event.pk
            changes.append(change)
        event.state = EventState.PROCESSED
        event.reason = result.ignored_reason[:300]  # parts of the delivery that were ignored
    filled: list[Mention] = []  # thin mentions whose text arrived now: never screened yet
    created = apply_changes(changes, origin, filled=filled, channels=channels)
    to_screen = [m.pk for m in created + filled if m.direction == Direction.INBOUND and m.text]
    events = [p.event for p in parsed]
    update_rows(events, ["state", "reason", "processed_at", "attempts"])
    _note_arrivals(events)
    return len(created), to_screen


def _with_unscreened(mention_ids: list[int]) -> list[int]:
    """The ids of these mentions still unscreened and, up to ``TRIAGE_BATCH``, the next ones
    waiting after them (ascending id from the smallest of them).

    A backlog enqueues one small task per pipeline batch; the first task to run screens the
    mentions the next tasks carry too, so the steps run on batches of hundreds, and the tasks that
    follow find theirs screened and cost a single read. Older unscreened mentions (a lost task's)
    are the sweeper's. Two tasks may take the same mentions: screening writes nothing, and
    ``record_results`` claims each mention for one transaction only.
    """
    own = sorted(Mention.objects.filter(id__in=mention_ids, triaged_at__isnull=True).values_list("id", flat=True))
    if own and len(own) < TRIAGE_BATCH:
        own += list(
            Mention.objects.filter(id__gt=own[0], triaged_at__isnull=True, direction=Direction.INBOUND)
            .exclude(text="").exclude(id__in=own).order_by("id").values_list("id", flat=True)[:TRIAGE_BATCH - len(own)]
        )
    return own


# Mentions a thread of this process is screening: another thread's task leaves them to it rather
# than screen them a second time (only one of the two results would be written anyway).
_in_hand: set[int] = set()
_in_hand_lock = threading.Lock()


@task()
def triage_mentions(mention_ids: list[int]) -> int:
    """The pipeline's triage step for new mentions (skips any already screened), with the next
    mentions waiting to be screened (see ``_with_unscreened``). Were the thread screening some of
    them to fail, ``sweep_unscreened`` finds them, as for a lost task."""
    ids = _with_unscreened(mention_ids)
    with _in_hand_lock:
        ids = [pk for pk in ids if pk not in _in_hand]
        _in_hand.update(ids)
    try:
        if not ids:
            return 0
        # The author too: the steps read it for every mention (rights replies, safety's evidence).
        mentions = list(Mention.objects.filter(id__in=ids, triaged_at__isnull=True)
                        .select_related("channel", "author").order_by("id"))
        run_triage(mentions)  # screened as one batch; written in short transactions (pipeline.order)
        return len(mentions)
    finally:
        with _in_hand_lock:
            _in_hand.difference_update(ids)


def sweep_unscreened(older_than: timedelta = timedelta(minutes=1)) -> int:
    """Re-enqueue triage for new inbound mentions a lost task left unscreened (none still queued).

    The recovered work goes ahead of the backlog (``RECOVERY_PRIORITY``); mentions a queued task
    will screen are left to it, so a long backlog is not queued again every minute.
    """
    cutoff = timezone.now() - older_than
    waiting = queued_ids(f"{__name__}.triage_mentions")
    ids = [
        pk for pk in Mention.objects.filter(triaged_at__isnull=True, direction=Direction.INBOUND,
                                            received_at__lt=cutoff, received_at__gte=cutoff - timedelta(days=2))
        .exclude(text="").order_by("id").values_list("id", flat=True)[:SWEEP_LIMIT]
        if pk not in waiting
    ]
    for start in range(0, len(ids), BATCH):
        triage_mentions.using(priority=RECOVERY_PRIORITY).enqueue(ids[start:start + BATCH])
    return len(ids)


def _note_arrivals(events: list[InboundEvent]) -> None:
    """Channel health counters, kept here rather than on the webhook's hot path."""
    per_channel: dict[int, list[InboundEvent]] = {}
    for event in events:
        if event.channel_id and event.source != "import":
            per_channel.setdefault(event.channel_id, []).append(event)
    for channel_id, items in sorted(per_channel.items()):  # ascending id: one lock order
        ChannelState.objects.get_or_create(channel_id=channel_id)
        ChannelState.objects.filter(channel_id=channel_id).update(
            events_received=F("events_received") + len(items),
            last_event_at=max(e.received_at for e in items),
        )


def _note_health(channel_id: int, result: ParseResult, received_at: datetime) -> None:
    """A channel problem a parser reported (shown in channel health), or its resolution."""
    when = result.reported_at or received_at
    if result.channel_problem:
        ChannelState.objects.get_or_create(channel_id=channel_id)
        ChannelState.objects.filter(channel_id=channel_id).update(
            last_error=result.channel_problem[:300], last_error_at=when
        )
    for prefix in result.problems_resolved:
        ChannelState.objects.filter(
            channel_id=channel_id, last_error__startswith=prefix, last_error_at__lt=when
        ).update(last_error="", last_error_at=None)


def _count(channel_id: int, counters: dict[str, int]) -> None:
    reactions = counters.get("reactions", 0)
    if reactions:
        ChannelState.objects.get_or_create(channel_id=channel_id)
        ChannelState.objects.filter(channel_id=channel_id).update(
            reactions_counted=F("reactions_counted") + reactions
        )


def _with_waiting(event_ids: list[int]) -> list[int]:
    """The ids still waiting, plus other waiting events when the batch is small.

    Each webhook enqueues a task for its one event; the first task to run takes the events that
    arrived meanwhile too, so a burst is processed in a few transactions, not one per request,
    and the tasks that follow find nothing left and cost a single read (no write lock).
    """
    pending = _waiting(event_ids)
    if pending and len(pending) < SPARE:
        pending += list(
            InboundEvent.objects.filter(state=EventState.RECEIVED).exclude(id__in=pending)
            .order_by("id").values_list("id", flat=True)[: SPARE - len(pending)]
        )
    return pending


def _write_budget(parsed: list[_Parsed]) -> float:
    """The CPU seconds one write transaction of this batch may take (see ``WRITE_BUDGET_S``);
    0: ``WRITE_CHUNK`` events per transaction throughout."""
    if connection.vendor != "sqlite":
        return WRITE_BUDGET_S
    if parsed and all(item.event.source == IMPORT_SOURCE for item in parsed):
        return SQLITE_IMPORT_BUDGET_S
    return 0.0


def next_chunk(size: int, seconds: float, budget: float) -> int:
    """The events the next write transaction takes, after one of ``size`` events took ``seconds``:
    as many as fit the budget at that pace (a transaction's fixed cost spread over more events
    makes the pace faster as chunks grow), between ``WRITE_CHUNK`` and ``MAX_WRITE_CHUNK``, and
    at most double the last (one slow transaction must not be followed by a huge one)."""
    if budget <= 0:
        return WRITE_CHUNK
    if seconds <= 0:
        return min(MAX_WRITE_CHUNK, size * 2)
    fits = int(budget / (seconds / size))
    return max(WRITE_CHUNK, min(MAX_WRITE_CHUNK, size * 2, fits))


@task()
def process_inbound_events(event_ids: list[int], recovered: bool = False) -> int:
    """Run the pipeline over these events; returns the number of new mentions.

    Parsing (CPU) runs before any write transaction; the writes then go in transactions of
    ``WRITE_CHUNK`` events at first, then as many as fit the budget at the pace measured
    (``_write_budget``, ``next_chunk``), so a backlog is written in fewer, larger transactions (each
    has a fixed cost: the claim and one read per kind of row). On SQLite live deliveries keep
    ``WRITE_CHUNK`` events per transaction, holding the single write lock for a few milliseconds,
    so a webhook's INSERT never queues behind a long pipeline transaction; imported events grow.
    """
    event_ids = _with_waiting(event_ids)
    if not event_ids:
        return 0
    events = list(InboundEvent.objects.filter(id__in=_waiting(event_ids)).select_related("channel").order_by("id"))
    parsed: list[_Parsed] = []
    for event in events:
        item = _parse(event)
        if item is None:
            _mark_failed([event.pk])
        else:
            parsed.append(item)
    total = 0
    to_screen: list[int] = []
    channels = channels_for(change for item in parsed if item.result is not None for change in item.result.changes)
    budget = _write_budget(parsed)
    size, start = WRITE_CHUNK, 0
    while start < len(parsed):
        chunk = parsed[start:start + size]
        start += len(chunk)
        try:
            began = time.thread_time()
            with transaction.atomic():
                created, screen = _write(chunk, channels)
            size = next_chunk(len(chunk), time.thread_time() - began, budget)
            total += created
            to_screen += screen
            continue
        except Exception:
            if len(chunk) == 1:
                log.exception("inbound event %s failed in the pipeline", chunk[0].event.pk)
                _mark_failed([chunk[0].event.pk])
                continue
        # One bad event must not hold the others back: write them one at a time.
        size = WRITE_CHUNK
        for item in chunk:
            try:
                with transaction.atomic():
                    created, screen = _write([item])
                total += created
                to_screen += screen
            except Exception:
                log.exception("inbound event %s failed in the pipeline", item.event.pk)
                _mark_failed([item.event.pk])
    # Screened in its own task, once this batch's writes are committed: the CPU-heavy part of
    # triage never holds the write lock, and a backlog is screened in batches of hundreds, not
    # a few mentions per write chunk. Recovered events (a sweeper re-queued them) go ahead of
    # the backlog. Were this enqueue lost, ``sweep_unscreened`` finds the mentions.
    triage = triage_mentions.using(priority=RECOVERY_PRIORITY) if recovered else triage_mentions
    for start in range(0, len(to_screen), BATCH):
        triage.enqueue(to_screen[start:start + BATCH])
    return total


def _mark_failed(ids: list[int]) -> None:
    with transaction.atomic():
        for event in InboundEvent.objects.filter(id__in=_waiting(ids)):
            event.attempts += 1
            if event.attempts >= MAX_ATTEMPTS:
                event.state = EventState.FAILED
                event.reason = "pipeline failed repeatedly; see the worker log"
            event.save(update_fields=["attempts", "state", "reason"])


def sweep_stale_events(older_than: timedelta = timedelta(minutes=1)) -> int:
    """Re-enqueue events a lost task left ``received`` (none still queued); returns how many."""
    cutoff = timezone.now() - older_than
    waiting = queued_ids(f"{__name__}.process_inbound_events")
    ids = [
        pk for pk in InboundEvent.objects.filter(state=EventState.RECEIVED, received_at__lt=cutoff)
        .order_by("id").values_list("id", flat=True)[:SWEEP_LIMIT]
        if pk not in waiting
    ]
    if ids:
        with transaction.atomic():
            for start in range(0, len(ids), BATCH):
                process_inbound_events.using(priority=RECOVERY_PRIORITY).enqueue(ids[start:start + BATCH],
                                                                                 recovered=True)
    return len(ids)


@db_periodic_task(crontab(minute="*"), priority=RECOVERY_SWEEP_PRIORITY)
def sweep_inbound() -> None:
    count = sweep_stale_events()
    if count:
        log.info("sweeper re-enqueued %s inbound events", count)
    unscreened = sweep_unscreened()
    if unscreened:
        log.info("sweeper re-enqueued triage for %s mentions", unscreened)


# The poller's periodic task is this app's too, and so are the webhook spool's mover and sweeper
# (SQLite): imported last (they use the tasks above) so that the worker, which imports every
# installed app's ``tasks`` module, finds them.
from carewatch.sources import polling, spool  # noqa: E402, F401
