"""Helpers shared by the benchmarks: child-process environments, peak-RSS sampling, percentiles.

Nothing here imports Django: the orchestrating process of each benchmark stays light, and every
process that touches the database is a child started with its own environment (settings read
the environment once, at import).
"""

from __future__ import annotations

import contextlib
import math
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"

# Variables of the caller's shell that would point the child at another database or queue.
_SCRUB = ("DATABASE_URL", "REDIS_URL", "CAREWATCH_TASKS_IMMEDIATE", "CAREWATCH_DATA_DIR", "DJANGO_SETTINGS_MODULE")


def env_for(data_dir: Path, database_url: str = "", immediate: bool = False, **extra: str) -> dict[str, str]:
    """The environment of a child process: its own data dir, SQLite unless ``database_url``."""
    env = {k: v for k, v in os.environ.items() if k not in _SCRUB}
    env.update(CAREWATCH_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="carewatch.settings",
               CAREWATCH_LOG_LEVEL="WARNING", PYTHONPATH=str(ROOT))
    if database_url:
        env["DATABASE_URL"] = database_url
    if immediate:
        env["CAREWATCH_TASKS_IMMEDIATE"] = "1"
    env.update(extra)
    return env


def django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "carewatch.settings")
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def percentile(values: Iterable[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of a non-empty sample."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def mib(n_bytes: float) -> float:
    return round(n_bytes / 2**20, 1)


def _rss_anon(pid: int) -> int:
    """Resident anonymous memory of a process (bytes; 0 where /proc does not say)."""
    with contextlib.suppress(OSError), open(f"/proc/{pid}/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("RssAnon:"):
                return int(line.split()[1]) * 1024
    return 0


class RssSampler:
    """Samples the memory of named processes (and their children) in a thread.

    ``peak`` maps each name to the highest resident set size seen (bytes) for that process tree;
    children are summed with their parent, so a worker that forks counts whole. RSS counts the
    pages of the SQLite file mapped into the process (mmap_size, per connection) too, and so does
    the unique set size (USS, ``peak_private``) for the file's pages no other process maps: the
    memory the process itself allocated is ``peak_anon`` (``RssAnon``: anonymous pages, its heap
    and Python's arenas, not the page cache). Both are sampled less often than RSS.
    """

    def __init__(self, interval: float = 0.1, private_every: int = 10) -> None:
        self.interval = interval
        self.private_every = private_every
        self.watched: dict[str, int] = {}
        self.peak: dict[str, int] = {}
        self.peak_private: dict[str, int] = {}
        self.peak_anon: dict[str, int] = {}
        self.apart: dict[str, str] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name="rss-sampler")

    def watch(self, name: str, pid: int, children_apart: str = "") -> None:
        """``children_apart``: the process's children are summed under ``name + children_apart``
        instead of with it (a worker's screening processes, reported on their own)."""
        self.watched[name] = pid
        for key in (name, name + children_apart) if children_apart else (name,):
            self.peak.setdefault(key, 0)
            self.peak_private.setdefault(key, 0)
            self.peak_anon.setdefault(key, 0)
        if children_apart:
            self.apart[name] = children_apart

    def start(self) -> RssSampler:
        self._thread.start()
        return self

    def stop(self) -> dict[str, int]:
        self._stop.set()
        self._thread.join(timeout=5)
        return dict(self.peak)

    def sample(self, private: bool = False) -> None:
        for name, pid in list(self.watched.items()):
            try:
                procs = [psutil.Process(pid)]
                procs += procs[0].children(recursive=True)
            except psutil.Error:
                continue
            if name in self.apart:
                self._sample(name, procs[:1], private)
                self._sample(name + self.apart[name], procs[1:], private)
            else:
                self._sample(name, procs, private)

    def _sample(self, name: str, procs: list[psutil.Process], private: bool) -> None:
        total = unique = anon = 0
        for proc in procs:
            with contextlib.suppress(psutil.Error):
                if private:
                    info = proc.memory_full_info()
                    total += info.rss
                    unique += info.uss
                    anon += _rss_anon(proc.pid)
                else:
                    total += proc.memory_info().rss
        self.peak[name] = max(self.peak.get(name, 0), total)
        if private:
            self.peak_private[name] = max(self.peak_private.get(name, 0), unique)
            self.peak_anon[name] = max(self.peak_anon.get(name, 0), anon)

    def _run(self) -> None:
        n = 0
        while not self._stop.is_set():
            self.sample(private=n % self.private_every == 0)
            n += 1
            self._stop.wait(self.interval)


def stop_process(proc: subprocess.Popen[Any], sig: int, timeout: float = 30) -> None:
    """Signal a child started with ``start_new_session=True`` (its whole group); kill on timeout."""
    import signal

    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, sig)
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    except ProcessLookupError:
        pass


class Deadline:
    def __init__(self, seconds: float) -> None:
        self.at = time.monotonic() + seconds

    def left(self) -> float:
        return self.at - time.monotonic()

    def passed(self) -> bool:
        return self.left() <= 0


class BackgroundLoad:
    """CPU used meanwhile by processes that are not ours (nor the database server's), in cores.

    The machines these benchmarks run on are often shared; a number measured while something
    else kept a core busy is not comparable with one measured on a quiet machine.
    """

    def __init__(self, ignore_names: tuple[str, ...] = ("postgres",)) -> None:
        self.ignore_names = ignore_names
        self.cores = 0.0
        self.top: list[tuple[str, float]] = []

    def _snapshot(self) -> dict[int, tuple[str, float]]:
        mine = {os.getpid(), *(p.pid for p in psutil.Process().children(recursive=True))}
        snap: dict[int, tuple[str, float]] = {}
        for proc in psutil.process_iter(["pid", "name", "cmdline", "cpu_times"]):
            info = proc.info
            if info["pid"] in mine or not info["cpu_times"] or (info["name"] or "") in self.ignore_names:
                continue
            label = " ".join((info["cmdline"] or [info["name"] or "?"])[:3])[:80]
            snap[info["pid"]] = (label, info["cpu_times"].user + info["cpu_times"].system)
        return snap

    def __enter__(self) -> BackgroundLoad:
        self._start = time.monotonic()
        self._before = self._snapshot()
        return self

    def __exit__(self, *exc: object) -> None:
        wall = max(time.monotonic() - self._start, 1e-6)
        after = self._snapshot()
        used = {pid: (label, cpu - self._before.get(pid, (label, 0.0))[1]) for pid, (label, cpu) in after.items()}
        self.cores = round(sum(c for _, c in used.values()) / wall, 2)
        busiest = sorted(used.values(), key=lambda x: -x[1])[:3]
        self.top = [(label, round(c / wall, 2)) for label, c in busiest if c > 0.5]
