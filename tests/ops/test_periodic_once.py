"""Each periodic sweep is enqueued once a minute however many workers schedule it (issue 14)."""

from __future__ import annotations

from datetime import datetime

from huey.contrib.djhuey import HUEY

from carewatch.ops.worker import claimed_this_minute, load_task_modules


def _due(at: datetime) -> list[object]:
    load_task_modules()
    return list(HUEY.read_periodic(at))


def test_two_workers_schedulers_in_the_same_minute_enqueue_each_sweep_once() -> None:
    at = datetime(2031, 3, 4, 10, 0, 7)
    due = _due(at)
    names = {task.name for task in due}  # type: ignore[attr-defined]
    assert "sweep_sla" in {n.rsplit(".", 1)[-1] for n in names}
    first = claimed_this_minute(due, at)
    second = claimed_this_minute(_due(at.replace(second=41)), at.replace(second=41))
    assert {task.name for task in first} == names  # type: ignore[attr-defined]
    assert second == []


def test_the_next_minute_is_claimed_again() -> None:
    at = datetime(2031, 3, 4, 11, 0, 3)
    assert claimed_this_minute(_due(at), at)
    later = at.replace(minute=1)
    assert {t.name for t in claimed_this_minute(_due(later), later)} == {t.name for t in _due(later)}  # type: ignore[attr-defined]
