"""Periodic polling of pull platforms (YouTube, Reddit, LinkedIn fallback, web feeds).

Every minute the sweeper looks for channels whose poll is due, claims each with a conditional
UPDATE (so one worker polls a channel however many run), calls the source, stores every raw
response as an InboundEvent (deduplicated by content, so an overlapping page adds nothing) and
keeps the cursor the source returned only after the events are stored: nothing is skipped, and
a re-fetch changes nothing. Failures back off exponentially; a platform's own "slow down"
(Retry-After, rate-limit headers) is obeyed.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from carewatch.lib.secrets import SecretError
from carewatch.sources.base import PollError, PollResult, PullSource
from carewatch.sources.models import ChannelState, InboundEvent
from carewatch.sources.tasks import enqueue_events
from carewatch.taskqueue import SWEEP_PRIORITY
from carewatch.tenancy.models import Channel

log = logging.getLogger(__name__)

MAX_BACKOFF = timedelta(hours=1)


def _source_for(channel: Channel) -> PullSource | None:
    from carewatch.sources.registry import pull_sources

    for source in pull_sources():
        if channel.platform in source.platforms and source.wants(channel):
            return source
    return None


def _claim(channel: Channel, source: PullSource) -> ChannelState | None:
    """Take this channel's poll if it is due; None if another worker has it or it is not due."""
    now = timezone.now()
    state, _ = ChannelState.objects.get_or_create(channel=channel)
    due = now - timedelta(seconds=source.poll_interval_seconds)
    taken = ChannelState.objects.filter(pk=state.pk).filter(
        Q(last_poll_at__isnull=True) | Q(last_poll_at__lte=due),
        Q(backoff_until__isnull=True) | Q(backoff_until__lte=now),
    ).update(last_poll_at=now)
    if not taken:
        return None
    state.refresh_from_db()
    return state


def store_bodies(source: PullSource, channel: Channel, bodies: list[bytes]) -> int:
    """Store raw API responses as events and enqueue the pipeline; returns how many were new."""
    now = timezone.now()
    new_ids = []
    for raw in bodies:
        key = f"{channel.pk}:{hashlib.sha256(raw).hexdigest()}"
        if InboundEvent.objects.filter(source=source.name, dedup_key=key).exists():
            continue
        event = InboundEvent.objects.create(
            source=source.name, channel=channel, client_id=channel.client_id, raw_body=raw,
            signature_ok=None, dedup_key=key, received_at=now,
        )
        new_ids.append(event.pk)
    if new_ids:
        enqueue_events(new_ids)
    return len(new_ids)


def _record(state: ChannelState, result: PollResult, stored: int) -> None:
    now = timezone.now()
    state.poll_cursor = result.cursor or state.poll_cursor
    state.last_poll_ok_at = now
    state.consecutive_failures = 0
    if stored:
        state.last_event_at = now
    if result.quota_units:
        day = now.date().isoformat()
        used = dict(state.quota_used or {})
        used = {day: int(used.get(day, 0)) + result.quota_units}  # keep today only
        state.quota_used = used
    state.backoff_until = (
        now + timedelta(seconds=result.retry_after_seconds) if result.retry_after_seconds else None
    )
    state.save()


def _fail(state: ChannelState, message: str, retry_after: float | None = None) -> None:
    now = timezone.now()
    state.consecutive_failures += 1
    state.last_error = message[:300]
    state.last_error_at = now
    delay = min(MAX_BACKOFF, timedelta(seconds=60 * (2 ** min(state.consecutive_failures - 1, 10))))
    if retry_after:
        delay = max(delay, timedelta(seconds=retry_after))  # the platform's word wins when longer
    state.backoff_until = now + delay
    state.save()


def poll_channel(channel: Channel, source: PullSource | None = None) -> int | None:
    """Poll one channel now if it is due; returns the number of new events, None if skipped."""
    source = source or _source_for(channel)
    if source is None:
        return None
    state = _claim(channel, source)
    if state is None:
        return None
    try:
        result = source.poll(channel, state)
    except PollError as exc:
        log.warning("poll of channel %s failed: %s", channel.pk, exc)
        _fail(state, str(exc), exc.retry_after_seconds)
        return 0
    except SecretError as exc:  # missing or refused credentials: the words say what to fix
        log.warning("poll of channel %s failed: %s", channel.pk, exc)
        _fail(state, str(exc))
        return 0
    except Exception as exc:
        log.exception("poll of channel %s crashed", channel.pk)
        _fail(state, f"unexpected error ({exc.__class__.__name__})")
        return 0
    with transaction.atomic():
        stored = store_bodies(source, channel, result.bodies)
        _record(state, result, stored)
    return stored


def poll_due_channels() -> dict[str, Any]:
    platforms = sorted({p for s in _all_pull() for p in s.platforms})
    polled = 0
    new = 0
    for channel in Channel.objects.filter(platform__in=platforms, is_active=True).select_related("client"):
        got = poll_channel(channel)
        if got is not None:
            polled += 1
            new += got
    return {"polled": polled, "new_events": new}


def _all_pull() -> list[PullSource]:
    from carewatch.sources.registry import pull_sources

    return pull_sources()


@db_periodic_task(crontab(minute="*"), priority=SWEEP_PRIORITY)
def poll_pull_channels() -> None:
    summary = poll_due_channels()
    if summary["polled"]:
        log.info("polled %(polled)s channels, %(new_events)s new events", summary)
