"""Issue 17, finding 4: the sweepers run ahead of a backlog and never queue again what is still
queued, so work a killed worker lost is found within a sweep, whatever the backlog."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.conf import settings
from django.db import transaction

from carewatch.inbox.models import Direction, Mention
from carewatch.sources.tasks import (
    process_inbound_events,
    sweep_inbound,
    sweep_stale_events,
    sweep_unscreened,
    triage_mentions,
)
from carewatch.taskqueue import RECOVERY_PRIORITY, RECOVERY_SWEEP_PRIORITY, SWEEP_PRIORITY
from carewatch.tenancy.models import Client
from tests.pipeline.test_workers import store_events


@pytest.fixture
def held_queue(transactional_db: Any) -> Iterator[Any]:
    """The real queue (SqliteHuey, or PriorityRedisHuey with REDIS_URL), holding what is enqueued
    instead of running it in the test's process."""
    huey = settings.HUEY
    huey.immediate = False
    huey.flush()
    try:
        yield huey
    finally:
        huey.flush()
        huey.immediate = True


def _queued(huey: Any) -> list[tuple[str, list[int], int]]:
    """(task, ids, priority) of every waiting task, in the order a worker would take them."""
    out = []
    for data in huey.storage.enqueued_items():
        message = huey.serializer.deserialize(data)
        out.append((message.args[0].rsplit(".", 1)[-1], list(message.args[1][0]) if message.args[1] else [],
                    int(message.priority or 0)))
    return out


def test_the_event_sweeper_leaves_queued_events_to_their_task_and_recovers_the_rest_first(
        held_queue: Any, northwind: Client) -> None:
    channel = northwind.channels.get(platform="facebook")
    ids = store_events(channel, 10, received_at=datetime.now(UTC) - timedelta(minutes=5))
    with transaction.atomic():
        process_inbound_events.enqueue(ids[:6])  # still waiting behind a long backlog
    assert sweep_stale_events() == 4, "only the events no queued task carries"
    queued = _queued(held_queue)
    assert queued[0] == ("process_inbound_events", ids[6:], RECOVERY_PRIORITY), "recovered work goes first"
    assert queued[1] == ("process_inbound_events", ids[:6], 0)
    assert sweep_stale_events() == 0, "a second sweep finds them all queued"


def test_the_triage_sweeper_leaves_queued_mentions_to_their_task(held_queue: Any, northwind: Client) -> None:
    channel = northwind.channels.get(platform="facebook")
    ids = store_events(channel, 6, received_at=datetime.now(UTC) - timedelta(minutes=5))
    process_inbound_events.call(ids)  # mentions exist; their triage tasks are in the queue
    held_queue.flush()  # ... and then lost, all but one
    mentions = list(Mention.objects.filter(direction=Direction.INBOUND).order_by("pk").values_list("pk", flat=True))
    Mention.objects.update(received_at=datetime.now(UTC) - timedelta(minutes=5))
    with transaction.atomic():
        triage_mentions.enqueue(mentions[:2])
    assert sweep_unscreened() == 4
    assert sweep_unscreened() == 0
    assert ("triage_mentions", mentions[2:], RECOVERY_PRIORITY) in _queued(held_queue)


def test_a_periodic_sweep_is_taken_before_a_backlog_of_bulk_tasks(held_queue: Any, northwind: Client) -> None:
    with transaction.atomic():
        for i in range(50):
            process_inbound_events.enqueue([i + 1])
    held_queue.enqueue(sweep_inbound.s())  # what the consumer's scheduler does every minute
    first = held_queue.dequeue()
    assert first.name.endswith("sweep_inbound"), first.name
    assert first.priority == RECOVERY_SWEEP_PRIORITY


def test_every_periodic_task_runs_ahead_of_bulk_work_and_the_recovery_sweep_first(db: Any) -> None:
    import carewatch.escalation.tasks
    import carewatch.ops.worker
    import carewatch.replies.outbox
    import carewatch.replies.tasks
    import carewatch.routing.tasks
    import carewatch.safety.tasks
    import carewatch.sla.tasks
    import carewatch.sources.polling  # noqa: F401

    periodic = list(settings.HUEY._registry.periodic_tasks)
    assert len(periodic) >= 9
    priorities = {t.name: t.priority for t in periodic}
    assert priorities.pop("sweep_inbound") == RECOVERY_SWEEP_PRIORITY, "the recovery sweep goes first"
    assert priorities == dict.fromkeys(priorities, SWEEP_PRIORITY)
    assert RECOVERY_SWEEP_PRIORITY > RECOVERY_PRIORITY > SWEEP_PRIORITY > 0, "recovered work before other sweeps"
