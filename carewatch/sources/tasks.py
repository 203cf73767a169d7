"""The pipeline task: stored inbound events become mentions and cases.

Tasks carry only ids. Each batch is claimed inside one transaction (rows still ``received``;
``SKIP LOCKED`` on PostgreSQL, the IMMEDIATE write lock on SQLite), so two workers handed the
same ids never both process an event. A sweeper re-enqueues anything a lost task left behind.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import connection, transaction
from django.db.models import F
from django.tasks import task
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from carewatch.inbox.ingest import apply_changes, run_triage
from carewatch.inbox.models import Direction, Mention
from carewatch.sources.models import ChannelState, EventState, InboundEvent
from carewatch.sources.normalised import MentionChange, ParseError
from carewatch.sources.registry import parser_for

log = logging.getLogger(__name__)

BATCH = 500
SPARE = 50  # a small batch takes up to this many waiting events along (short write locks)
MAX_ATTEMPTS = 5


def enqueue_events(ids: list[int]) -> None:
    """Enqueue the pipeline for these events once the current transaction commits."""
    for start in range(0, len(ids), BATCH):
        process_inbound_events.enqueue(ids[start:start + BATCH])


def _claim(ids: list[int]) -> list[InboundEvent]:
    qs = InboundEvent.objects.filter(id__in=ids, state=EventState.RECEIVED).order_by("id")
    if connection.vendor == "postgresql":
        qs = qs.select_for_update(skip_locked=True)
    return list(qs)


def _process(events: list[InboundEvent]) -> int:
    changes: list[MentionChange] = []
    origin: dict[int, int] = {}
    now = timezone.now()
    for event in events:
        try:
            result = parser_for(event.source)(event)
        except (ParseError, LookupError) as exc:
            event.state = EventState.REJECTED
            event.reason = str(exc)[:300]
            log.warning("inbound event %s rejected: %s", event.pk, event.reason)
            continue
        if result.counters and event.channel_id:
            _count(event.channel_id, result.counters)
        if not result.changes:
            event.state = EventState.IGNORED
            event.reason = (result.ignored_reason or "no mention change")[:300]
            continue
        for change in result.changes:
            origin[id(change)] = event.pk
            changes.append(change)
        event.state = EventState.PROCESSED
        event.reason = result.ignored_reason[:300]  # parts of the delivery that were ignored
    created = apply_changes(changes, origin)
    to_screen = [m.pk for m in created if m.direction == Direction.INBOUND and m.text]
    if to_screen:
        # Screened after this transaction commits, in its own task: the CPU-heavy part of triage
        # then never holds the database's write lock.
        triage_mentions.enqueue(to_screen)
    for event in events:
        event.processed_at = now
        event.attempts += 1
    InboundEvent.objects.bulk_update(events, ["state", "reason", "processed_at", "attempts"])
    _note_arrivals(events)
    return len(created)


@task()
def triage_mentions(mention_ids: list[int]) -> int:
    """The pipeline's triage step for new mentions (skips any already screened)."""
    mentions = list(
        Mention.objects.filter(id__in=mention_ids, triaged_at__isnull=True).select_related("channel")
    )
    if mentions:
        run_triage(mentions)
    return len(mentions)


def sweep_unscreened(older_than: timedelta = timedelta(minutes=1)) -> int:
    """Re-enqueue triage for new inbound mentions a lost task left unscreened."""
    cutoff = timezone.now() - older_than
    ids = list(
        Mention.objects.filter(triaged_at__isnull=True, direction=Direction.INBOUND, received_at__lt=cutoff,
                               received_at__gte=cutoff - timedelta(days=2))
        .exclude(text="").order_by("id").values_list("id", flat=True)[:5000]
    )
    for start in range(0, len(ids), BATCH):
        triage_mentions.enqueue(ids[start:start + BATCH])
    return len(ids)


def _note_arrivals(events: list[InboundEvent]) -> None:
    """Channel health counters, kept here rather than on the webhook's hot path."""
    per_channel: dict[int, list[InboundEvent]] = {}
    for event in events:
        if event.channel_id and event.source != "import":
            per_channel.setdefault(event.channel_id, []).append(event)
    for channel_id, items in per_channel.items():
        ChannelState.objects.get_or_create(channel_id=channel_id)
        ChannelState.objects.filter(channel_id=channel_id).update(
            events_received=F("events_received") + len(items),
            last_event_at=max(e.received_at for e in items),
        )


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
    pending = list(
        InboundEvent.objects.filter(id__in=event_ids, state=EventState.RECEIVED).values_list("id", flat=True)
    )
    if pending and len(pending) < SPARE:
        pending += list(
            InboundEvent.objects.filter(state=EventState.RECEIVED).exclude(id__in=pending)
            .order_by("id").values_list("id", flat=True)[: SPARE - len(pending)]
        )
    return pending


@task()
def process_inbound_events(event_ids: list[int]) -> int:
    """Run the pipeline over these events; returns the number of new mentions."""
    event_ids = _with_waiting(event_ids)
    if not event_ids:
        return 0
    try:
        with transaction.atomic():
            return _process(_claim(event_ids))
    except Exception:
        if len(event_ids) == 1:
            _mark_failed(event_ids)
            raise
    # One bad event must not hold the others back: process them one at a time.
    total = 0
    for event_id in event_ids:
        try:
            with transaction.atomic():
                total += _process(_claim([event_id]))
        except Exception:
            log.exception("inbound event %s failed in the pipeline", event_id)
            _mark_failed([event_id])
    return total


def _mark_failed(ids: list[int]) -> None:
    with transaction.atomic():
        for event in InboundEvent.objects.filter(id__in=ids, state=EventState.RECEIVED):
            event.attempts += 1
            if event.attempts >= MAX_ATTEMPTS:
                event.state = EventState.FAILED
                event.reason = "pipeline failed repeatedly; see the worker log"
            event.save(update_fields=["attempts", "state", "reason"])


def sweep_stale_events(older_than: timedelta = timedelta(minutes=1)) -> int:
    """Re-enqueue events a lost task left ``received``; returns how many."""
    cutoff = timezone.now() - older_than
    ids = list(
        InboundEvent.objects.filter(state=EventState.RECEIVED, received_at__lt=cutoff)
        .order_by("id")
        .values_list("id", flat=True)[:20_000]
    )
    if ids:
        with transaction.atomic():
            enqueue_events(ids)
    return len(ids)


@db_periodic_task(crontab(minute="*"))
def sweep_inbound() -> None:
    count = sweep_stale_events()
    if count:
        log.info("sweeper re-enqueued %s inbound events", count)
    unscreened = sweep_unscreened()
    if unscreened:
        log.info("sweeper re-enqueued triage for %s mentions", unscreened)
