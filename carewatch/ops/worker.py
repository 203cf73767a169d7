"""A worker process: Huey's consumer plus a heartbeat the health check reads."""

from __future__ import annotations

import logging
import os
import socket
import threading
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone

from carewatch.ops.models import WorkerHeartbeat

log = logging.getLogger(__name__)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


PRUNE_AFTER = timedelta(days=1)


def beat(name: str) -> None:
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        name=name, defaults={"last_seen_at": now}, create_defaults={"started_at": now, "last_seen_at": now}
    )
    # Workers that were killed never removed their row; forget them after a day.
    WorkerHeartbeat.objects.filter(last_seen_at__lt=now - PRUNE_AFTER).delete()


def _heartbeat_loop(name: str, stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            beat(name)
        except Exception:
            log.exception("worker heartbeat failed")
        finally:
            close_old_connections()
            connection.close()
        stop.wait(settings.WORKER_HEARTBEAT_SECONDS)


def load_task_modules() -> list[str]:
    """Import the ``tasks`` module of every installed app that has one, so the consumer knows
    all tasks and periodic sweeps (a new app's tasks need no line here). Returns their names."""
    from django.apps import apps
    from django.utils.module_loading import autodiscover_modules, module_has_submodule

    autodiscover_modules("tasks")
    return sorted(f"{config.name}.tasks" for config in apps.get_app_configs()
                  if module_has_submodule(config.module, "tasks"))


def claimed_this_minute(tasks: list[Any], at: datetime) -> list[Any]:
    """The periodic tasks due at ``at`` that this worker's scheduler claims (enqueues).

    Every worker schedules every sweep (one killed worker stops none), so each minute every
    worker's scheduler would enqueue its own copy of each: the sweeps are safe to run twice, but a
    second copy doubles their cost while a backlog waits (and runs ahead of it, at the sweeps'
    priority). The first scheduler to claim a task's minute in the queue's storage (an atomic
    insert on SQLite and Redis alike) enqueues it; the others leave it. A claim that fails to be
    made is taken as won: a sweep is enqueued twice rather than not at all.
    """
    from huey.contrib.djhuey import HUEY

    minute = at.replace(second=0, microsecond=0)
    mine = []
    for task in tasks:
        key = f"carewatch-periodic:{task.name}:"
        try:
            claimed = HUEY.storage.put_if_empty(f"{key}{minute:%Y%m%d%H%M}", b"1")
            HUEY.storage.pop_data(f"{key}{minute - timedelta(minutes=1):%Y%m%d%H%M}")  # the last minute's claim
        except Exception:
            log.exception("periodic task %s: the once-a-minute claim failed; enqueueing it", task.name)
            claimed = True
        if claimed:
            mine.append(task)
    return mine


def _claim_periodic_tasks() -> None:
    """Make this process's scheduler enqueue only the periodic tasks it claims (see above)."""
    from huey.contrib.djhuey import HUEY

    due = HUEY.read_periodic

    def read_periodic(timestamp: datetime | None = None) -> list[Any]:
        at = timestamp if timestamp is not None else HUEY._get_timestamp()  # what Huey itself reads
        return claimed_this_minute(due(at), at)

    HUEY.read_periodic = read_periodic


def _trim_heap_after_tasks() -> None:
    """Return glibc's free heap to the system after each sweep and every few seconds of tasks
    (``carewatch/ops/heap.py``); ``CAREWATCH_WORKER_MALLOC_TRIM=0`` turns it off."""
    from huey.api import PeriodicTask
    from huey.contrib.djhuey import HUEY

    from carewatch.ops.heap import Trimmer

    if os.environ.get("CAREWATCH_WORKER_MALLOC_TRIM", "1").strip() in {"0", "false", "no", "off"}:
        return
    trimmer = Trimmer()

    def trim(task: Any, value: Any, exception: BaseException | None) -> None:
        trimmer.after_task(periodic=isinstance(task, PeriodicTask))

    HUEY.post_execute(name="carewatch_trim_heap")(trim)


def run_worker(threads: int = 2, periodic: bool = True) -> None:
    import gc

    from huey.contrib.djhuey import HUEY

    from carewatch.lib.sqlite.writers import become_background_writer
    from carewatch.triage import screening_process
    from carewatch.triage.engine import screen

    # On SQLite, let a waiting web writer (a webhook's INSERT) take the write lock before this
    # worker's next transaction, for a bounded time each (lib/sqlite/writers.py).
    become_background_writer()
    # Triage screens in a process of its own (the other core) unless CAREWATCH_SCREENING_PROCESSES=0;
    # that process loads the engine. Else load triage's dictionaries and model here before taking
    # work, not during the first batch. Then keep the long-lived objects out of the collector's passes.
    processes = screening_process.start(settings.CAREWATCH_SCREENING_PROCESSES)
    if processes is None:
        screen("warm-up before the first batch")
    else:
        processes.wait_ready()
        log.info("screening processes %s", processes.pids)
    gc.collect()
    gc.freeze()

    load_task_modules()
    _claim_periodic_tasks()
    _trim_heap_after_tasks()
    from carewatch.ops.memtrace import start_from_environment

    start_from_environment()  # diagnosis only: CAREWATCH_MEMTRACE=<dir>

    name = worker_name()
    stop = threading.Event()
    beat(name)
    connection.close()
    heart = threading.Thread(target=_heartbeat_loop, args=(name, stop), daemon=True, name="heartbeat")
    heart.start()
    # Poll the queue at least every half second when idle (Huey backs off to 10 s by default),
    # so the first event after a quiet spell is not left waiting.
    consumer = HUEY.create_consumer(
        workers=threads, worker_type="thread", periodic=periodic, check_worker_health=True,
        initial_delay=0.05, backoff=1.15, max_delay=0.5,
    )
    log.info("worker %s started with %s threads", name, threads)
    try:
        consumer.run()
    finally:
        stop.set()
        screening_process.stop()
        WorkerHeartbeat.objects.filter(name=name).delete()
        connection.close()
