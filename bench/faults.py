"""The fault suite at full size: ``kill -9`` of a worker in the middle of a backlog, per engine.

The demo agency's clients and channels get a backlog of stored inbound events (a third of them
adverse events or complaints, so safety cases, escalations, audit events and SLA clocks are all
written at once). Real ``carewatch worker`` processes drain it; once a quarter is processed one
worker is killed with SIGKILL. On SQLite (one worker) a new worker is started at once; on
PostgreSQL + Redis (two workers) the survivor carries on. The numbers: what the killed worker had
taken (events, mentions), the seconds from the kill until that work was done (target <= 120), the
total time, ``deadlock detected`` lines and failed tasks in the workers' logs (target 0), and
whether every event was processed exactly once.

    .venv/bin/python bench/faults.py [--engine sqlite|postgres|both] [--events 5000]
        [--database-url postgres://postgres@127.0.0.1:5432/cw_faults] [--redis-url redis://127.0.0.1:6379/15]

The PostgreSQL database named is EMPTIED (it must be one for this benchmark); the Redis db's
queue is flushed. The same scenario runs in CI, bounded, as tests/faults/test_kill_a_worker.py.
Prints readable lines and, last, one JSON line with every number.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from _common import ROOT, env_for

TARGET_RECOVERY_SECONDS = 120.0


def child(args: argparse.Namespace) -> None:
    from _common import django_setup

    django_setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    from tests.faults.backlog import exactly_once_problems, run_kill_scenario

    log_dir = Path(tempfile.mkdtemp(prefix="carewatch-faults-"))
    result = run_kill_scenario(args.events, workers=args.workers, log_dir=log_dir, restart=args.workers == 1,
                               timeout=args.timeout)
    result["exactly_once_problems"] = exactly_once_problems(args.events)
    result["worker_logs"] = str(log_dir)
    print(json.dumps(result), flush=True)


def run_engine(engine: str, args: argparse.Namespace) -> dict[str, Any]:
    data_dir = Path(tempfile.mkdtemp(prefix=f"carewatch-faults-{engine}-"))
    if engine == "postgres":
        env = env_for(data_dir, args.database_url, REDIS_URL=args.redis_url)
        workers = 2
    else:
        env = env_for(data_dir)
        workers = 1
    cmd = [sys.executable, str(Path(__file__)), "--child", "--events", str(args.events), "--workers", str(workers),
           "--timeout", str(args.timeout)]
    proc = subprocess.run(cmd, env=env, cwd=str(ROOT), capture_output=True, text=True,
                          timeout=args.timeout * 3 + 300, check=False)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        return {"engine": engine, "error": (proc.stderr or proc.stdout)[-2000:]}
    result: dict[str, Any] = json.loads(lines[-1])
    result["engine"] = engine
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engine", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--timeout", type=float, default=900.0, help="bound on each wait (a hang, not the target)")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/cw_faults")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/15")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    engines = ["sqlite", "postgres"] if args.engine == "both" else [args.engine]
    results = []
    for engine in engines:
        result = run_engine(engine, args)
        results.append(result)
        if "error" in result:
            print(f"{engine}: FAILED TO RUN\n{result['error']}")
            continue
        print(f"{engine}: {result['events']} events, {result['workers']} worker(s), kill -9 after "
              f"{result['processed_at_kill']} processed; the killed worker held {result['lost_events']} events and "
              f"{result['lost_mentions']} mentions, recovered in {result['recovery_seconds']} s "
              f"(target <= 120); all done in {result['total_seconds']} s "
              f"({result['events'] / max(result['total_seconds'], 0.1):.1f} events/s); deadlocks "
              f"{result['deadlocks']}, failed tasks {result['failed_tasks']}; exactly once: "
              f"{'yes' if not result['exactly_once_problems'] else result['exactly_once_problems']}")
    print(json.dumps({"faults": results}))
    if any("error" in r or r["deadlocks"] or r["failed_tasks"] or r["exactly_once_problems"] or not r["recovered"]
           or r["recovery_seconds"] > TARGET_RECOVERY_SECONDS for r in results):
        sys.exit(1)


if __name__ == "__main__":
    main()
