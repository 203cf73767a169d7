"""Give the worker's freed C heap back to the system (glibc's ``malloc_trim``).

glibc keeps memory that was freed at the top of and inside its arenas (one per thread that
allocated, up to 8 per core) for the next allocations. The worker's minute sweeps make large
transient allocations (SQLite's sorts and temporary b-trees, result rows), and their free memory
stayed resident: ≈ 110 MiB of the worker's resident memory at 100k imported mentions
(bench/README.md, issue 14). ``malloc_trim(0)`` returns the free pages of every arena.

Elsewhere than glibc (musl, macOS) there is no such function and nothing is done.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import threading
import time
from collections.abc import Callable

#: A worker trims at most this often (seconds) after ordinary tasks; always after a periodic one.
TRIM_EVERY_S = 10.0


def _load_malloc_trim() -> Callable[[int], int] | None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


_malloc_trim = _load_malloc_trim()


#: Trims done by this process and the seconds they took, in all (read by ``ops/memtrace.py``).
trims: dict[str, float] = {"count": 0, "seconds": 0.0}


def release_free_heap() -> bool:
    """Return the C heap's free pages to the system; False where the C library cannot."""
    if _malloc_trim is None:
        return False
    started = time.perf_counter()
    _malloc_trim(0)
    trims["count"] += 1
    trims["seconds"] += time.perf_counter() - started
    return True


class Trimmer:
    """Calls :func:`release_free_heap` after a task: always after a periodic task (the sweeps),
    otherwise at most once every ``every`` seconds (whichever thread finishes a task)."""

    def __init__(self, every: float = TRIM_EVERY_S, clock: Callable[[], float] = time.monotonic,
                 release: Callable[[], bool] = release_free_heap) -> None:
        self.every = every
        self._clock = clock
        self._release = release
        self._lock = threading.Lock()
        self._last = clock()

    def after_task(self, periodic: bool) -> bool:
        """Trim if due; True if this call trimmed."""
        with self._lock:
            now = self._clock()
            if not periodic and now - self._last < self.every:
                return False
            self._last = now
        return self._release()
