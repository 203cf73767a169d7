"""The django.tasks backend: Huey's own backend, without per-task result records.

Our tasks carry only ids and write their outcome to the database (the source of truth), so the
result record Huey's backend keeps for every enqueue would only grow the queue's storage.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.tasks import Task, TaskResult, TaskResultStatus
from django.utils.crypto import get_random_string
from django.utils.json import normalize_json
from huey.contrib.djhuey import HUEY
from huey.contrib.djhuey.tasks_backend import HueyBackend, _shim


class CarewatchHueyBackend(HueyBackend):
    supports_get_result = False

    def enqueue(self, task: Task[Any, Any], args: Any, kwargs: Any) -> TaskResult[Any, Any]:
        self.validate_task(task)
        self._check_resolvable(task)
        args = normalize_json(list(args))
        kwargs = normalize_json(kwargs)
        huey_task = _shim.s(
            task.module_path, args, kwargs, priority=task.priority or None, eta=task.run_after
        )

        def _enqueue() -> None:
            HUEY.enqueue(huey_task)

        if self.enqueue_on_commit:
            transaction.on_commit(_enqueue)
        else:
            _enqueue()
        return TaskResult(
            task=task,
            id=huey_task.id or get_random_string(32),
            status=TaskResultStatus.READY,
            enqueued_at=None,
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )

    def get_result(self, result_id: str) -> TaskResult[Any, Any]:
        raise NotImplementedError("Carewatch keeps task outcomes in the database, not the queue.")


def queue_depth() -> int:
    """Tasks waiting in the queue (any engine)."""
    return int(HUEY.pending_count())


# Periodic sweeps run ahead of bulk work (a backlog of thousands of pipeline tasks must not hold
# back the sweeper that recovers what a killed worker lost), and so does the work that sweeper
# recovers. Huey takes higher numbers first (SqliteHuey and PriorityRedisHuey alike):
RECOVERY_SWEEP_PRIORITY = 100  # sources.tasks.sweep_inbound: finds the events and mentions a lost task left
RECOVERY_PRIORITY = 90  # the work it re-queues (and the triage of the events it recovered)
SWEEP_PRIORITY = 80  # every other periodic task: SLA, escalation, safety, routing, outbox, polls
# Bulk pipeline tasks (webhooks, imports) keep the default, 0.


def queued_ids(module_path: str) -> set[int]:
    """The ids every task of ``module_path`` still waiting in the queue (or scheduled for a retry)
    carries as its first argument: what a sweeper must not enqueue again.

    Reads the queue without taking anything from it; a task a worker has already taken is not
    here (if that worker was killed, its ids are exactly what the sweeper should recover).
    """
    found: set[int] = set()
    storage = HUEY.storage
    for data in [*storage.enqueued_items(), *storage.scheduled_items()]:
        try:
            message = HUEY.serializer.deserialize(data)
            name, args = message.args[0], message.args[1]
        except Exception:  # noqa: S112 - another kind of task, or one we cannot read: not ours
            continue
        if name == module_path and args and isinstance(args[0], list):
            found.update(i for i in args[0] if isinstance(i, int))
    return found
