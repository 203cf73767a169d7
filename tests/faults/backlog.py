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
    from carewatch.tenancy.config import apply_config

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
    from tests.workers import subprocess_env

    return subprocess_env(CAREWATCH_LOG_LEVEL="WARNING", **extra)
