from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import time_machine
from django.db import transaction
from django.test import Client as HttpClient

from carewatch.inbox.models import Mention
from carewatch.lib.canonical import canonical_json
from carewatch.ops.models import WorkerHeartbeat
from carewatch.sources.models import EventState, InboundEvent
from carewatch.sources.tasks import sweep_stale_events
from carewatch.tenancy.models import Channel, Client
from tests.pipeline.workers import enqueue_pipeline, real_huey, wait_for, workers


def store_events(channel: Channel, count: int, received_at: datetime | None = None) -> list[int]:
    rows = []
    for i in range(count):
        stored = {
            "channel_id": channel.id, "platform": channel.platform, "external_id": f"bk-{i}", "kind": "comment",
            "text": f"backlog message {i}", "author": {"id": f"a{i % 50}", "handle": f"h{i % 50}", "name": ""},
            "created_at": (datetime(2026, 11, 1, tzinfo=UTC) + timedelta(seconds=i)).isoformat(),
            "parent_id": "", "thread_id": f"t{i % 40}", "url": "", "lang": "en",
        }
        rows.append(InboundEvent(source="import", client_id=channel.client_id, channel=channel,
                                 raw_body=canonical_json(stored).encode(), dedup_key=f"{channel.id}:bk-{i}",
                                 received_at=received_at or datetime.now(UTC)))
    with transaction.atomic():
        return [e.pk for e in InboundEvent.objects.bulk_create(rows, batch_size=500)]


def test_two_worker_processes_drain_one_backlog_with_nothing_lost_and_nothing_done_twice(transactional_db: Any, northwind: Client) -> None:
    channel = northwind.channels.get(platform="facebook")
    ids = store_events(channel, 3000)
    huey = real_huey()
    huey.flush()
    # Every batch is enqueued twice, as a redelivery or an over-eager sweeper would.
    for start in range(0, len(ids), 100):
        enqueue_pipeline(huey, ids[start:start + 100])
    for start in range(0, len(ids), 100):
        enqueue_pipeline(huey, ids[start:start + 100])
    with workers(2) as procs:
        # Generous bounds on conditions, never sleeps: fast when the machine is idle, still right
        # when it is loaded (the 60 s bound this test had ran out on a busy machine).
        assert wait_for(lambda: WorkerHeartbeat.objects.count() == 2), "both workers beat"
        drained = wait_for(lambda: not InboundEvent.objects.filter(state=EventState.RECEIVED).exists()
                           or any(p.poll() is not None for p in procs))
        assert drained and all(p.poll() is None for p in procs), "backlog not drained, or a worker died"
        assert wait_for(lambda: huey.pending_count() == 0)
    assert InboundEvent.objects.filter(state=EventState.PROCESSED).count() == 3000
    assert set(InboundEvent.objects.values_list("attempts", flat=True)) == {1}, "no event was processed twice"
    assert Mention.objects.count() == 3000
    assert Mention.objects.values("external_id").distinct().count() == 3000
    assert WorkerHeartbeat.objects.count() == 0, "a stopped worker removes its heartbeat"


def test_healthz_is_200_with_a_live_worker_and_503_when_the_worker_is_gone(transactional_db: Any) -> None:
    http = HttpClient()
    huey = real_huey()
    huey.flush()
    with workers(1):
        assert wait_for(lambda: WorkerHeartbeat.objects.exists())
        response = http.get("/healthz")
        body = json.loads(response.content)
        assert response.status_code == 200, body
        assert body["database"]["ok"] and body["worker"]["alive"] == 1 and body["queue"]["depth"] == 0
    response = http.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["worker"]["ok"] is False


def test_a_worker_that_stopped_beating_counts_as_gone(transactional_db: Any) -> None:
    now = datetime.now(UTC)
    WorkerHeartbeat.objects.create(name="ghost:1", started_at=now, last_seen_at=now - timedelta(minutes=5))
    assert HttpClient().get("/healthz").status_code == 503
    WorkerHeartbeat.objects.create(name="live:2", started_at=now, last_seen_at=now)
    assert HttpClient().get("/healthz").status_code == 200


def test_the_sweeper_finds_events_a_lost_task_left_behind(transactional_db: Any, northwind: Client) -> None:
    channel = northwind.channels.get(platform="facebook")
    with time_machine.travel(datetime(2026, 11, 20, 12, 0, tzinfo=UTC), tick=False):
        store_events(channel, 10)  # stored, but their task never ran
        assert sweep_stale_events() == 0, "fresh events are left to their own task"
    with time_machine.travel(datetime(2026, 11, 20, 12, 2, tzinfo=UTC), tick=False):
        assert sweep_stale_events() == 10
    assert Mention.objects.count() == 10
    assert not InboundEvent.objects.filter(state=EventState.RECEIVED).exists()


def test_a_poisoned_event_does_not_hold_back_the_rest_of_its_batch(transactional_db: Any, northwind: Client) -> None:
    from carewatch.sources.tasks import process_inbound_events

    channel = northwind.channels.get(platform="facebook")
    ids = store_events(channel, 5)
    InboundEvent.objects.filter(pk=ids[2]).update(raw_body=b"{broken")
    process_inbound_events.call(ids)
    states = dict(InboundEvent.objects.values_list("pk", "state"))
    assert states[ids[2]] == EventState.REJECTED
    assert [states[i] for i in ids if i != ids[2]] == [EventState.PROCESSED] * 4
    assert "unreadable" in InboundEvent.objects.get(pk=ids[2]).reason
