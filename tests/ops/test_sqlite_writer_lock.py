from __future__ import annotations

import fcntl
import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, transaction

from carewatch.audit.chain import append
from carewatch.lib.sqlite import writers
from carewatch.lib.sqlite.writers import (
    WriterQueue,
    become_background_writer,
    become_interactive_writer,
    is_background_writer,
)


def _lock_is_free(path: str) -> bool:
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        fcntl.flock(fd, fcntl.LOCK_UN)
        return True
    except BlockingIOError:
        return False
    finally:
        os.close(fd)


def test_a_write_transaction_holds_the_writer_lock_until_it_commits_or_rolls_back(transactional_db: Any) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("the writer queue is for SQLite only; PostgreSQL has row locks")
    path = str(connection.settings_dict["NAME"]) + ".writer-lock"
    with transaction.atomic():
        append("test.lock", actor_label="t")
        assert not _lock_is_free(path), "another writer waits while this transaction is open"
    assert _lock_is_free(path), "released at commit"
    with pytest.raises(RuntimeError), transaction.atomic():
        append("test.lock", actor_label="t")
        raise RuntimeError("roll back")
    assert _lock_is_free(path), "released at rollback"


# --- who goes next: a waiting web writer before the worker, for a bounded time -----------------


def _hold(path: str, kind: int) -> int:
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, kind)
    return fd


def _wait_until(predicate: Any, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.01)
    return bool(predicate())


def test_a_web_writer_waiting_for_the_lock_goes_before_the_worker_that_asks_after_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stepped_back = threading.Event()

    class _Time:  # the module's clock, noting when the worker steps back to let the web writer go first
        monotonic = staticmethod(time.monotonic)

        @staticmethod
        def sleep(seconds: float) -> None:
            stepped_back.set()
            time.sleep(seconds)

    monkeypatch.setattr(writers, "time", _Time)
    lock = str(tmp_path / "db.sqlite3.writer-lock")
    holder = _hold(lock, fcntl.LOCK_EX)  # a transaction in progress
    order: list[str] = []

    def write(name: str, queue: WriterQueue, **kwargs: Any) -> None:
        queue.acquire(**kwargs)
        order.append(name)
        time.sleep(0.05)  # its transaction
        queue.release()

    web, worker = WriterQueue(lock), WriterQueue(lock)
    web_thread = threading.Thread(target=write, args=("web", web))
    web_thread.start()
    assert _wait_until(lambda: not _lock_is_free(web.gate_path)), "the waiting web writer holds the gate"
    worker_thread = threading.Thread(target=write, args=("worker", worker), kwargs={"background": True,
                                                                                  "max_yield": 60.0})
    worker_thread.start()
    assert stepped_back.wait(60), "the worker found the gate held (a web writer waiting) and stepped back"
    fcntl.flock(holder, fcntl.LOCK_UN)  # the transaction commits: who is next?
    web_thread.join(60)
    worker_thread.join(60)
    os.close(holder)
    assert order == ["web", "worker"]
    assert worker.last.yielded and not worker.last.gave_up_waiting
    web.close()
    worker.close()


def test_the_worker_still_gets_the_lock_when_web_writers_wait_without_pause(tmp_path: Path) -> None:
    lock = str(tmp_path / "db.sqlite3.writer-lock")
    stop = threading.Event()

    def web_writer() -> None:
        queue = WriterQueue(lock)
        while not stop.is_set():
            queue.acquire()
            time.sleep(0.002)
            queue.release()
        queue.close()

    # Four overlapping web writers keep the gate held (one is almost always waiting), and one
    # more that never gets the lock holds it the whole time, as endless traffic would.
    endless = _hold(str(tmp_path / "db.sqlite3.writer-gate"), fcntl.LOCK_SH)
    writers = [threading.Thread(target=web_writer) for _ in range(4)]
    for thread in writers:
        thread.start()
    worker = WriterQueue(lock)
    got: list[bool] = []
    try:
        for _ in range(3):
            thread = threading.Thread(target=lambda: (worker.acquire(background=True, max_yield=0.2), got.append(True)))
            thread.start()
            thread.join(60)  # generous: the bound is 0.2 s of yielding, then an ordinary place in the queue
            assert got and not thread.is_alive(), "the worker got the lock although the web never paused"
            assert worker.last.yielded and worker.last.gave_up_waiting
            worker.release()
            got.clear()
    finally:
        stop.set()
        for thread in writers:
            thread.join(60)
        os.close(endless)
        worker.close()


def test_a_worker_process_beats_and_writes_while_web_writers_wait_without_pause(transactional_db: Any) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("the writer queue is for SQLite only")
    from carewatch.ops.models import WorkerHeartbeat
    from tests.pipeline.workers import wait_for, workers

    gate = str(connection.settings_dict["NAME"]) + ".writer-gate"
    endless = _hold(gate, fcntl.LOCK_SH)  # a web writer is waiting, for as long as this test runs
    try:
        with workers(1, threads=1):
            assert wait_for(lambda: WorkerHeartbeat.objects.exists(), timeout=300), \
                "the worker wrote its heartbeat although the gate never opened"
    finally:
        os.close(endless)


def test_a_background_process_yields_in_its_transactions_and_an_interactive_one_does_not(
        transactional_db: Any) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("the writer queue is for SQLite only")
    gate = str(connection.settings_dict["NAME"]) + ".writer-gate"
    endless = _hold(gate, fcntl.LOCK_SH)
    try:
        with transaction.atomic():
            append("test.lock", actor_label="web")
        become_background_writer(max_yield=0.05)
        assert is_background_writer()
        with transaction.atomic():
            append("test.lock", actor_label="worker")
        queue = connection._writers  # type: ignore[attr-defined]
        assert queue is not None and queue.last.yielded and queue.last.gave_up_waiting
    finally:
        become_interactive_writer()
        os.close(endless)
    assert not is_background_writer()
