"""A realistic backlog for the fault suite and bench/faults.py: the demo agency's clients and
channels, and stored inbound events of which a third report adverse events or complaints (so
safety cases, escalations, audit events and SLA clocks are all written while workers race).

Workers are real ``carewatch worker`` processes whose output goes to a file each (a pipe nobody
reads fills up and stops a chatty worker), so a test can scan what they logged.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from django.db import transaction

from carewatch.lib.canonical import canonical_json
from carewatch.sources.models import InboundEvent
from carewatch.tenancy.models import Channel, Client

ROOT = Path(__file__).resolve().parents[2]
AGENCY = ROOT / "carewatch" / "demo" / "agency.yaml"

# {p} is one of the client's products. Every third-ish message is a safety report.
TEXTS = [
    "I started {p} last week and now I have terrible nausea and vomiting",
    "Does {p} need to stay in the fridge when I travel?",
    "My mom was hospitalized after her second {p} injection, severe pancreatitis",
    "The {p} pen was leaking and the box was damaged, lot 4411",
    "Thanks for the quick answer about my copay card",
    "Took {p} and got a rash all over my arms",
    "Where is my refund? I have been waiting for two weeks",
    "Is {p} covered by my insurance plan?",
    "love the new website, much easier to find the savings program",
]
THREAD_SIZE = 3  # a conversation's follow-ups attach to its open safety case

FAILURE_MARKS = ("deadlock detected", "Traceback", "failed in the pipeline", "Unhandled exception")


def load_agency() -> list[Client]:
    """The demo agency's clients, products and channels (as ``make run`` has them)."""
    from carewatch.configuration.as_code import apply_config

    apply_config(AGENCY.read_text(encoding="utf-8"), warnings=[])
    return list(Client.objects.order_by("pk"))


def store_backlog(count: int, prefix: str = "bk", received_at: datetime | None = None) -> list[int]:
    """Store ``count`` inbound events (import source) spread over every channel of every client."""
    channels = [c for c in Channel.objects.select_related("client").order_by("pk")
                if c.client.products.exists()]
    products = {c.client_id: list(c.client.products.values_list("name", flat=True)) for c in channels}
    at = received_at or datetime.now(UTC)
    rows = []
    for i in range(count):
        channel = channels[i % len(channels)]
        names = products[channel.client_id]
        thread = i // (len(channels) * THREAD_SIZE)
        stored = {
            "channel_id": channel.id, "platform": channel.platform, "external_id": f"{prefix}-{i}",
            "kind": "comment", "text": TEXTS[i % len(TEXTS)].format(p=names[i % len(names)]),
            "author": {"id": f"a{thread % 200}", "handle": f"h{thread % 200}", "name": ""},
            "created_at": (datetime(2026, 11, 1, tzinfo=UTC) + timedelta(seconds=i)).isoformat(),
            "parent_id": "", "thread_id": f"{prefix}-t{thread}", "url": "", "lang": "en",
        }
        rows.append(InboundEvent(source="import", client_id=channel.client_id, channel=channel,
                                 raw_body=canonical_json(stored).encode(), dedup_key=f"{channel.id}:{prefix}-{i}",
                                 received_at=at))
    with transaction.atomic():
        return [e.pk for e in InboundEvent.objects.bulk_create(rows, batch_size=500)]


def wait_for(predicate: Callable[[], bool], timeout: float = 300.0, interval: float = 0.25) -> bool:
    """Poll a condition until it holds; ``timeout`` only bounds a hang (the normal case is fast)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


@dataclass
class WorkerPool:
    """Real worker processes, each logging to its own file; kill -9 and restart at will."""

    env: dict[str, str]
    log_dir: Path
    threads: int = 2
    procs: list[subprocess.Popen[bytes]] = field(default_factory=list)
    logs: list[Path] = field(default_factory=list)

    def start(self) -> subprocess.Popen[bytes]:
        path = self.log_dir / f"worker-{len(self.procs) + 1}.log"
        with path.open("wb") as out:
            proc = subprocess.Popen([sys.executable, "-m", "carewatch.cli", "worker", "--threads", str(self.threads)],
                                    env=self.env, stdout=out, stderr=subprocess.STDOUT, cwd=str(ROOT))
        self.procs.append(proc)
        self.logs.append(path)
        return proc

    def kill9(self, proc: subprocess.Popen[bytes]) -> None:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)

    def stop(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=30)

    def output(self) -> str:
        return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in self.logs if p.exists())

    def failures(self) -> list[str]:
        """Log lines that show a deadlock, a failed task or an uncaught error."""
        return [line for line in self.output().splitlines() if any(mark in line for mark in FAILURE_MARKS)]


@contextmanager
def worker_pool(env: dict[str, str], log_dir: Path, count: int, threads: int = 2) -> Iterator[WorkerPool]:
    pool = WorkerPool(env=env, log_dir=log_dir, threads=threads)
    for _ in range(count):
        pool.start()
    try:
        yield pool
    finally:
        pool.stop()


def worker_env(**extra: str) -> dict[str, Any]:
    from tests.pipeline.workers import subprocess_env

    return subprocess_env(CAREWATCH_LOG_LEVEL="WARNING", **extra)


def _unscreened() -> Any:
    from carewatch.inbox.models import Direction, Mention

    return Mention.objects.filter(direction=Direction.INBOUND, triaged_at__isnull=True).exclude(text="")


def _drained(huey: Any) -> bool:
    from carewatch.sources.models import EventState

    return (not InboundEvent.objects.filter(state=EventState.RECEIVED).exists() and not _unscreened().exists()
            and huey.pending_count() == 0)


def run_kill_scenario(backlog: int, workers: int, log_dir: Path, *, restart: bool,
                      kill_after: float = 0.25, timeout: float = 600.0) -> dict[str, Any]:
    """Store a backlog, start ``workers`` real workers, ``kill -9`` one of them once a share
    ``kill_after`` of the backlog is processed (then start a new one if ``restart``), and wait
    until everything is done. Returns the numbers (nothing is asserted here)."""
    from carewatch.sources.models import EventState
    from carewatch.sources.tasks import process_inbound_events, triage_mentions
    from tests.pipeline.workers import enqueue_pipeline, real_huey

    load_agency()
    ids = store_backlog(backlog, received_at=datetime.now(UTC) - timedelta(minutes=5))
    huey = real_huey()
    huey.flush()
    for start in range(0, len(ids), 50):
        enqueue_pipeline(huey, ids[start:start + 50])

    def processed() -> int:
        return InboundEvent.objects.exclude(state=EventState.RECEIVED).count()

    started = time.monotonic()
    from django.db import connection

    result: dict[str, Any] = {"engine": connection.vendor, "events": backlog, "workers": workers, "restarted": restart}
    with worker_pool(worker_env(), log_dir, count=workers) as pool:
        victim = pool.procs[0]
        reached = wait_for(lambda: processed() >= backlog * kill_after or victim.poll() is not None, timeout)
        pool.kill9(victim)
        killed_at = time.monotonic()
        result["processed_at_kill"] = processed()
        if restart:
            pool.start()
        # What the killed worker had taken from the queue and not finished: neither done nor queued.
        waiting_events = {pk for pk in _queued_ids(huey, process_inbound_events.module_path)}
        waiting_mentions = {pk for pk in _queued_ids(huey, triage_mentions.module_path)}
        lost_events = set(InboundEvent.objects.filter(state=EventState.RECEIVED).values_list("pk", flat=True)) \
            - waiting_events
        lost_mentions = set(_unscreened().values_list("pk", flat=True)) - waiting_mentions
        result["lost_events"], result["lost_mentions"] = len(lost_events), len(lost_mentions)

        def recovered() -> bool:  # the lost events processed, their mentions and the lost ones screened
            return (not InboundEvent.objects.filter(pk__in=lost_events, state=EventState.RECEIVED).exists()
                    and not _unscreened().filter(pk__in=lost_mentions).exists()
                    and not _unscreened().filter(inbound_event_id__in=lost_events).exists())

        result["recovered"] = wait_for(recovered, timeout)
        result["recovery_seconds"] = round(time.monotonic() - killed_at, 1)
        result["drained"] = reached and wait_for(
            lambda: _drained(huey) or any(p.poll() is not None for p in pool.procs[1:]), timeout) and _drained(huey)
        result["total_seconds"] = round(time.monotonic() - started, 1)
        survivors_alive = all(p.poll() is None for p in pool.procs[1:])
    text = pool.output()
    result["survivors_alive"] = survivors_alive
    result["deadlocks"] = text.count("deadlock detected")
    result["failed_tasks"] = text.count("Unhandled exception in task") + text.count("failed in the pipeline")
    result["failure_lines"] = pool.failures()[:20]
    return result


def _queued_ids(huey: Any, module_path: str) -> set[int]:
    found: set[int] = set()
    for data in [*huey.storage.enqueued_items(), *huey.storage.scheduled_items()]:
        try:
            message = huey.serializer.deserialize(data)
            name, args = message.args[0], message.args[1]
        except Exception:  # noqa: S112 - a periodic task: no ids
            continue
        if name == module_path and args:
            found.update(args[0])
    return found


def exactly_once_problems(backlog: int) -> list[str]:
    """What is wrong with the outcome of a run over ``store_backlog(backlog)``: an event lost or
    processed twice, a mention missing, unscreened or screened twice, a safety case missing or
    doubled, a broken audit chain. Empty when every event was processed exactly once."""
    from collections import Counter

    from carewatch.audit.chain import verify
    from carewatch.audit.models import AuditEvent
    from carewatch.inbox.models import Direction, Mention
    from carewatch.safety.actions import kinds_for
    from carewatch.safety.models import SafetyCase, SafetyCaseMention
    from carewatch.sources.models import EventState

    problems = []
    states = Counter(InboundEvent.objects.values_list("state", flat=True))
    if states.get(EventState.PROCESSED, 0) != backlog:
        problems.append(f"events by state: {dict(states)} (want {backlog} processed)")
    attempts = Counter(InboundEvent.objects.values_list("attempts", flat=True))
    if set(attempts) != {1}:
        problems.append(f"events by attempts: {dict(attempts)} (each processed once)")
    inbound = Mention.objects.filter(direction=Direction.INBOUND)
    if inbound.count() != backlog or inbound.values("channel_id", "external_id").distinct().count() != backlog:
        problems.append(f"{inbound.count()} mentions for {backlog} events")
    if _unscreened().exists():
        problems.append(f"{_unscreened().count()} mentions never screened")
    flagged = sorted((pk, kind) for pk, labels in inbound.values_list("pk", "labels") for kind in kinds_for(labels or []))
    links = Counter(SafetyCaseMention.objects.values_list("mention_id", "safety_case__kind"))
    if sorted(links) != flagged or set(links.values()) - {1}:
        problems.append(f"{len(flagged)} flagged mention/kind pairs, {sum(links.values())} safety links")
    opened = AuditEvent.objects.filter(action="safety.open").count()
    attached = AuditEvent.objects.filter(action="safety.attach").count()
    if opened != SafetyCase.objects.count() or opened + attached != len(flagged):
        problems.append(f"audit: {opened} opened + {attached} attached for {len(flagged)} flagged (screened twice?)")
    chain = verify()
    if not chain.ok:
        problems.append(f"audit chain: {chain.problem}")
    return problems
