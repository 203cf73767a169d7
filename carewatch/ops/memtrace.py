"""Diagnosis only: what a worker's memory is made of, over time (``CAREWATCH_MEMTRACE=<dir>``).

Every ``CAREWATCH_MEMTRACE_SECONDS`` (default 30) a thread appends to ``<dir>/memtrace-<pid>.txt``:
RSS and private memory (``/proc/self/smaps_rollup``), the memory SQLite's library holds
(``sqlite3_memory_used``: page caches, prepared statements), glibc's heap (``mallinfo2``: in use,
free), the Python objects the collector tracks, counted by type, with the types whose count
grew most since the first sample; with ``CAREWATCH_MEMTRACE_FRAMES=<n>`` (n > 0) also what
tracemalloc traces and the source lines whose traced memory grew most (tracemalloc slows the
worker several times over). Not for production; no number measured with it is a speed.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import os
import sys
import threading
import time
import tracemalloc
from collections import Counter
from pathlib import Path


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks",
        "keepcost")]


def _sqlite_library() -> ctypes.CDLL | None:
    """The libsqlite3 that Python's sqlite3 module loaded (read from this process's maps)."""
    import sqlite3  # noqa: F401  (loads the library)

    with open("/proc/self/maps", encoding="utf-8") as fh:
        for line in fh:
            path = line.split()[-1]
            if "libsqlite3" in path:
                return ctypes.CDLL(path)
    found = ctypes.util.find_library("sqlite3")
    return ctypes.CDLL(found) if found else None


def _memory() -> dict[str, int]:
    out: dict[str, int] = {}
    with open("/proc/self/smaps_rollup", encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if parts[0] in ("Rss:", "Private_Clean:", "Private_Dirty:", "Shared_Clean:", "Anonymous:"):
                out[parts[0].rstrip(":").lower()] = int(parts[1]) * 1024
    return out


def _mappings(top: int = 4) -> str:
    """The resident size of the largest file mappings (the SQLite file under ``mmap_size``)."""
    sizes: Counter[str] = Counter()
    name = ""
    with open("/proc/self/smaps", encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if "-" in parts[0] and len(parts) >= 5 and not parts[0].endswith(":"):
                name = parts[5] if len(parts) > 5 else "[anon]"
            elif parts[0] == "Rss:":
                sizes[Path(name).name or name] += int(parts[1]) * 1024
    return ", ".join(f"{n} {v / 2**20:.1f} MiB" for n, v in sizes.most_common(top))


def _types() -> tuple[Counter[str], Counter[str]]:
    """Objects the collector tracks (not the frozen warm-up ones), by type: count and shallow bytes."""
    counts: Counter[str] = Counter()
    sizes: Counter[str] = Counter()
    for obj in gc.get_objects():
        name = type(obj).__qualname__
        counts[name] += 1
        sizes[name] += sys.getsizeof(obj)
    return counts, sizes


def _line(label: str, value: int) -> str:
    return f"{label} {value / 2**20:.1f} MiB"


def _loop(directory: Path, seconds: float, stop: threading.Event) -> None:
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    libc.mallinfo2.restype = _MallInfo2
    lib = _sqlite_library()
    if lib is not None:
        lib.sqlite3_memory_used.restype = ctypes.c_int64
        lib.sqlite3_memory_highwater.restype = ctypes.c_int64
        lib.sqlite3_memory_highwater.argtypes = [ctypes.c_int]
    path = directory / f"memtrace-{os.getpid()}.txt"
    started = time.monotonic()
    tracing = tracemalloc.is_tracing()
    ignore = [tracemalloc.Filter(False, tracemalloc.__file__), tracemalloc.Filter(False, __file__)]
    first = tracemalloc.take_snapshot().filter_traces(ignore) if tracing else None
    first_counts, first_sizes = _types()
    while not stop.wait(seconds):
        mem = _memory()
        info = libc.mallinfo2()
        traced, peak = tracemalloc.get_traced_memory()
        head = [f"t={time.monotonic() - started:.0f}s", _line("rss", mem.get("rss", 0)),
                _line("private", mem.get("private_clean", 0) + mem.get("private_dirty", 0)),
                _line("anon", mem.get("anonymous", 0)), _line("shared_clean", mem.get("shared_clean", 0)),
                _line("malloc_arena", info.arena + info.hblkhd), _line("malloc_used", info.uordblks + info.hblkhd),
                _line("malloc_free", info.fordblks), _line("traced", traced), _line("traced_peak", peak)]
        if lib is not None:
            head += [_line("sqlite_used", lib.sqlite3_memory_used()),
                     _line("sqlite_highwater", lib.sqlite3_memory_highwater(0))]
        from carewatch.ops.heap import trims

        head.append(f"malloc_trims {trims['count']:.0f} in {trims['seconds']:.2f} s")
        counts, sizes = _types()
        head.append(f"gc_objects {sum(counts.values())}; mapped: {_mappings()}")
        lines = ["== " + ", ".join(head)]
        grown = sorted(counts, key=lambda n: sizes[n] - first_sizes.get(n, 0), reverse=True)[:15]
        lines.extend(f"  type {name}: {counts[name] - first_counts.get(name, 0):+d} objects, "
                     f"{(sizes[name] - first_sizes.get(name, 0)) / 2**20:+.2f} MiB shallow" for name in grown)
        if first is None:
            with path.open("a", encoding="utf-8") as fh:
                fh.write("\n".join(lines) + "\n")
            continue
        snap = tracemalloc.take_snapshot().filter_traces(ignore)
        for stat in snap.compare_to(first, "lineno")[:25]:
            lines.append(f"  {stat.size_diff / 2**20:+8.2f} MiB {stat.count_diff:+8d} blocks  {stat.traceback[0]}")
        for stat in snap.compare_to(first, "traceback")[:6]:
            lines.append(f"  -- {stat.size_diff / 2**20:+.2f} MiB {stat.count_diff:+d} blocks:")
            lines.extend(f"       {frame}" for frame in stat.traceback)
        with path.open("a", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")


def start_from_environment() -> threading.Event | None:
    """Start tracing if ``CAREWATCH_MEMTRACE`` names a directory; returns the stop event."""
    directory = os.environ.get("CAREWATCH_MEMTRACE", "")
    if not directory:
        return None
    Path(directory).mkdir(parents=True, exist_ok=True)
    frames = int(os.environ.get("CAREWATCH_MEMTRACE_FRAMES", "0"))
    if frames > 0:
        tracemalloc.start(frames)
    stop = threading.Event()
    seconds = float(os.environ.get("CAREWATCH_MEMTRACE_SECONDS", "30"))
    threading.Thread(target=_loop, args=(Path(directory), seconds, stop), daemon=True, name="memtrace").start()
    return stop
