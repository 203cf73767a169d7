"""A worker process: Huey's consumer plus a heartbeat the health check reads."""

from __future__ import annotations

import logging
import os
import socket
import threading
from datetime import timedelta

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


def run_worker(threads: int = 2, periodic: bool = True) -> None:
    import gc

    from huey.contrib.djhuey import HUEY

    from carewatch.lib.sqlite.writers import become_background_writer
    from carewatch.triage.engine import screen

    # On SQLite, let a waiting web writer (a webhook's INSERT) take the write lock before this
    # worker's next transaction, for a bounded time each (lib/sqlite/writers.py).
    become_background_writer()
    # Load triage's dictionaries and model before taking work, not during the first batch; then
    # keep those long-lived objects out of the garbage collector's full passes.
    screen("warm-up before the first batch")
    gc.collect()
    gc.freeze()

    load_task_modules()

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
        WorkerHeartbeat.objects.filter(name=name).delete()
        connection.close()
