"""SQLite's writer queue alone (carewatch/lib/sqlite/writers.py): how long a web writer waits
for the write lock while a worker writes transaction after transaction, with the worker
yielding to waiting web writers (today's code) and without (``--no-yield``: every writer
queues alike, as before).

No Django and no database: one worker process holds the lock for ``--hold-ms`` at a time
(sleeping: the lock's order is measured, not CPU) and asks again at once, as the pipeline does;
web writers arrive at ``--rate`` per second from a pool of threads and hold it 1 ms each.
Prints the web writers' wait p50/p99/max, the worker's transactions per second and how often it
gave up yielding; last, one JSON line. Mostly sleeping, so it can run on a busy machine.

    .venv/bin/python bench/writer_queue.py [--rate 200] [--duration 20] [--hold-ms 12]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from carewatch.lib.sqlite.writers import DEFAULT_MAX_YIELD_S, WriterQueue


def _worker(lock: str, hold: float, background: bool, stop_at: float, out: Any) -> None:
    queue = WriterQueue(lock)
    done = gave_up = yielded = 0
    while time.monotonic() < stop_at:
        queue.acquire(background=background, max_yield=DEFAULT_MAX_YIELD_S)
        time.sleep(hold)
        queue.release()
        done += 1
        yielded += queue.last.yielded
        gave_up += queue.last.gave_up_waiting
    queue.close()
    out.put({"transactions": done, "yielded": yielded, "gave_up_yielding": gave_up})


def run(lock: str, rate: float, duration: float, hold: float, background: bool) -> dict[str, Any]:
    results: Any = multiprocessing.Queue()
    stop_at = time.monotonic() + duration + 1
    worker = multiprocessing.Process(target=_worker, args=(lock, hold, background, stop_at, results))
    worker.start()
    time.sleep(0.5)
    waits: list[float] = []
    guard = threading.Lock()
    local = threading.local()

    def web() -> None:
        if not hasattr(local, "queue"):
            local.queue = WriterQueue(lock)
        asked = time.perf_counter()
        local.queue.acquire(background=False)
        waited = (time.perf_counter() - asked) * 1000
        time.sleep(0.001)
        local.queue.release()
        with guard:
            waits.append(waited)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=32) as pool:
        for i in range(int(rate * duration)):
            delay = started + i / rate - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            pool.submit(web)
    stats = results.get(timeout=120)
    worker.join(60)
    waits.sort()

    def pct(p: float) -> float:
        return round(waits[min(len(waits) - 1, round(p / 100 * (len(waits) - 1)))], 2)

    return {"worker_yields": background, "web_writes": len(waits), "wait_ms_p50": pct(50), "wait_ms_p99": pct(99),
            "wait_ms_max": round(waits[-1], 2), "worker_transactions_per_s": round(stats["transactions"] / duration, 1),
            "worker_gave_up_yielding": stats["gave_up_yielding"], "worker_yielded": stats["yielded"],
            "load_average": [round(x, 2) for x in os.getloadavg()]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument("--duration", type=float, default=20)
    parser.add_argument("--hold-ms", type=float, default=12, help="the worker's transaction (p50 measured: 12.5 ms)")
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds of each")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="carewatch-writers-") as tmp:
        lock = str(Path(tmp) / "db.sqlite3.writer-lock")
        for _ in range(args.rounds):
            for background in (False, True):
                row = run(lock, args.rate, args.duration, args.hold_ms / 1000, background)
                rows.append(row)
                print(f"worker {'yields' if background else 'queues alike'}: web wait p50 {row['wait_ms_p50']} ms, "
                      f"p99 {row['wait_ms_p99']} ms, max {row['wait_ms_max']} ms; worker "
                      f"{row['worker_transactions_per_s']} transactions/s, gave up yielding "
                      f"{row['worker_gave_up_yielding']} times; load {row['load_average']}", flush=True)
    print(json.dumps({"benchmark": "writer_queue", "rate": args.rate, "duration_s": args.duration,
                      "hold_ms": args.hold_ms, "rounds": rows}))


if __name__ == "__main__":
    main()
