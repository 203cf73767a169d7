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
