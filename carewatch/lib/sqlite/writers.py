"""The queue of SQLite's writers: who goes next when the write lock is released.

Every write transaction takes an exclusive ``flock`` on ``<database>.writer-lock`` first (see
``base.py``). ``flock`` hands a released lock to whichever process asks first, and a background
worker writing transaction after transaction asks again within a fraction of a millisecond,
before the web process the kernel has just woken gets to run: a webhook could wait behind many
of the worker's transactions in a row, not one.

So there are two kinds of writer. *Interactive* writers (the web, commands: the default) that
find the lock taken wait holding a shared lock on ``<database>.writer-gate``. A *background*
writer (the worker, after :func:`become_background_writer`) first tries to take that gate
exclusively, and while an interactive writer holds it (one is waiting), it steps back and tries
again shortly: the waiting web writer goes first. Its patience is bounded: after ``max_yield``
seconds it queues for the lock anyway, so a worker (and its heartbeat) is never kept out by
traffic that never pauses. Once it holds the gate it queues for the lock as before; interactive
writers arriving meanwhile wait behind it for that one transaction.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from time import perf_counter as _perf_counter
from time import time as _wall_clock
from typing import Any

#: How long a background writer lets waiting interactive writers go first, at most, per transaction.
DEFAULT_MAX_YIELD_S = 0.1
#: How often a yielding background writer looks at the gate again.
POLL_S = 0.0005


@dataclass(frozen=True)
class _Role:
    background: bool = False
    max_yield: float = DEFAULT_MAX_YIELD_S


_role = _Role()


def become_background_writer(max_yield: float = DEFAULT_MAX_YIELD_S) -> None:
    """Make every write transaction of this process yield to waiting interactive writers,
    for at most ``max_yield`` seconds each. Called by the worker before it takes work."""
    global _role
    if max_yield < 0:
        raise ValueError("max_yield must not be negative")
    _role = _Role(background=True, max_yield=max_yield)


def become_interactive_writer() -> None:
    """Undo :func:`become_background_writer` (the default of every process)."""
    global _role
    _role = _Role()


def is_background_writer() -> bool:
    return _role.background


class _Trace:
    """Optional record of every acquisition (``CAREWATCH_WRITER_TRACE=<dir>``, for benchmarks):
    one line per write transaction in ``<dir>/writers.<pid>``: when it asked (epoch s), how long
    it waited for the lock, how long it held it, its role, and the lock file's name."""

    def __init__(self, directory: str) -> None:
        self.directory = directory
        self._file: Any = None
        self._pid = 0
        self._lock = threading.Lock()

    def record(self, asked: float, waited: float, held: float, background: bool, path: str) -> None:
        role = "bg" if background else "web"
        line = f"{asked:.6f} {waited * 1000:.3f} {held * 1000:.3f} {role} {Path(path).name}\n"
        with self._lock:
            if self._file is None or self._pid != os.getpid():
                self._pid = os.getpid()
                self._file = (Path(self.directory) / f"writers.{self._pid}").open("a", buffering=1)
            self._file.write(line)


_trace = _Trace(os.environ["CAREWATCH_WRITER_TRACE"]) if os.environ.get("CAREWATCH_WRITER_TRACE") else None


@dataclass
class YieldStats:
    """What the last background acquisition did (for tests and profiling; per queue)."""

    yielded: bool = False
    gave_up_waiting: bool = False


class WriterQueue:
    """One connection's place in the writers' queue: its own open files (``flock`` locks belong
    to an open file, so each connection, in any thread or process, queues on its own)."""

    def __init__(self, lock_path: str) -> None:
        self.lock_path = lock_path
        self.gate_path = lock_path.removesuffix(".writer-lock") + ".writer-gate"
        self._lock_fd: int | None = None
        self._gate_fd: int | None = None
        self.held = False
        self.last = YieldStats()
        self._background = False
        self._asked = self._got = self._waited = 0.0

    def _fd(self, path: str, current: int | None) -> int:
        return current if current is not None else os.open(path, os.O_RDWR | os.O_CREAT, 0o600)

    def acquire(self, *, background: bool | None = None, max_yield: float | None = None) -> None:
        """Block until this connection holds the write lock (a no-op if it already does)."""
        if self.held:
            return
        self._lock_fd = self._fd(self.lock_path, self._lock_fd)
        self._background = background if background is not None else _role.background
        if _trace is not None:
            self._asked, started = _wall_clock(), _perf_counter()
        if self._background:
            self._acquire_background(_role.max_yield if max_yield is None else max_yield)
        else:
            self._acquire_interactive()
        if _trace is not None:
            self._got = _perf_counter()
            self._waited = self._got - started
        self.held = True

    def _try_lock(self, fd: int, kind: int) -> bool:
        try:
            fcntl.flock(fd, kind | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _acquire_interactive(self) -> None:
        assert self._lock_fd is not None
        if self._try_lock(self._lock_fd, fcntl.LOCK_EX):
            return  # free: no one to signal to
        self._gate_fd = self._fd(self.gate_path, self._gate_fd)
        # Say "a writer is waiting" while it waits; a background writer already past the gate
        # (queued for the lock) makes this wait for its one transaction first.
        fcntl.flock(self._gate_fd, fcntl.LOCK_SH)
        try:
            fcntl.flock(self._lock_fd, fcntl.LOCK_EX)
        finally:
            fcntl.flock(self._gate_fd, fcntl.LOCK_UN)

    def _acquire_background(self, max_yield: float) -> None:
        assert self._lock_fd is not None
        self._gate_fd = self._fd(self.gate_path, self._gate_fd)
        stats = YieldStats()
        deadline = time.monotonic() + max_yield
        through_gate = self._try_lock(self._gate_fd, fcntl.LOCK_EX)
        while not through_gate:
            stats.yielded = True
            if time.monotonic() >= deadline:
                stats.gave_up_waiting = True  # queue beside the interactive writers instead
                break
            time.sleep(POLL_S)
            through_gate = self._try_lock(self._gate_fd, fcntl.LOCK_EX)
        try:
            fcntl.flock(self._lock_fd, fcntl.LOCK_EX)
        finally:
            if through_gate:
                fcntl.flock(self._gate_fd, fcntl.LOCK_UN)
        self.last = stats

    def release(self) -> None:
        if self.held and self._lock_fd is not None:
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            if _trace is not None:
                _trace.record(self._asked, self._waited, _perf_counter() - self._got, self._background,
                              self.lock_path)
        self.held = False

    def close(self) -> None:
        self.release()
        for fd in (self._lock_fd, self._gate_fd):
            if fd is not None:
                os.close(fd)
        self._lock_fd = self._gate_fd = None
