"""Where the pipeline's CPU time and SQL queries go, per mention: ``bench/import.py``'s data run
through ``import_file`` with the pipeline in-process (tasks immediate, no worker, no periodic
tasks), SQLite, under cProfile timed by CPU time, and every SQL statement counted by the
innermost ``carewatch`` function that sent it.

    .venv/bin/python bench/profile_pipeline.py [--mentions 2000] [--no-profile] [--top 40]
                                               [--tracemalloc]

The triage engine is warmed first (the model load is not counted). Prints the profile's top
functions (cumulative CPU time), the queries per mention and the callers that sent the most, and
last one JSON line with the totals. ``--no-profile`` measures CPU time without the profiler's
overhead; ``--tracemalloc`` prints where the memory still held after the run was allocated.
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import io
import json
import os
import pstats
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

from _common import ROOT, django_setup, env_for

sys.path.insert(0, str(Path(__file__).resolve().parent))


def _caller() -> str:
    frame = sys._getframe(2)
    while frame is not None:
        name = frame.f_code.co_filename
        if "/carewatch/" in name and "/carewatch/lib/" not in name and "site-packages" not in name:
            rel = name.split("/carewatch/", 1)[1]
            return f"{rel}:{frame.f_code.co_name}"
        frame = frame.f_back  # type: ignore[assignment]
    return "?"


# The steps timed (module, attribute, label), each replaced by a wrapper that adds its CPU time,
# less that of the timed steps it calls, to its label. Patched where the pipeline looks them up.
STEPS = [
    ("carewatch.sources.tasks", "_parse", "parse (sources)"),
    ("carewatch.sources.tasks", "_write", "ingest (write chunks)"),
    ("carewatch.sources.tasks", "_with_unscreened", "triage task: pick mentions"),
    ("carewatch.pipeline.order", "observe_mentions", "1 spam index"),
    ("carewatch.pipeline.order", "screen_mentions", "2 triage screening"),
    ("carewatch.pipeline.order", "prepare_label_tags", "3 labels (tags)"),
    ("carewatch.pipeline.order", "record_results", "3 labels (results)"),
    ("carewatch.pipeline.order", "open_from_triage", "4 safety"),
    ("carewatch.escalation.hooks", "mentions_screened", "5 escalation"),
    ("carewatch.pipeline.order", "route_new_cases", "6 routing"),
    ("carewatch.pipeline.order", "update_clocks", "7 SLA"),
    ("carewatch.audit.chain", "_flush", "audit chain (flush)"),
]


class StepTimer:
    """Exclusive CPU time per step (a step's time less that of the timed steps inside it)."""

    def __init__(self) -> None:
        self.own: collections.Counter[str] = collections.Counter()
        self.calls: collections.Counter[str] = collections.Counter()
        self.stack: list[float] = []  # CPU time of timed children, per open frame

    def wrap(self, label: str, func: Any) -> Any:
        def timed(*a: Any, **kw: Any) -> Any:
            start = time.process_time()
            self.stack.append(0.0)
            try:
                return func(*a, **kw)
            finally:
                spent = time.process_time() - start
                children = self.stack.pop()
                self.own[label] += spent - children
                self.calls[label] += 1
                if self.stack:
                    self.stack[-1] += spent
        return timed

    def install(self) -> None:
        import importlib

        for module, name, label in STEPS:
            mod = importlib.import_module(module)
            setattr(mod, name, self.wrap(label, getattr(mod, name)))


def _child(path: Path, args: argparse.Namespace) -> None:
    root = os.environ.get("PYTHONPATH", "")
    if root and Path(root).resolve() != ROOT:  # --root: that checkout's carewatch, not this one's
        sys.path.insert(0, root)
        sys.path.append(str(ROOT))  # (django_setup puts ROOT first only if it is not on the path)
    django_setup()
    from django.core.management import call_command
    from django.db import connection

    from carewatch.sources.importer.run import import_file
    from carewatch.tenancy.models import Channel, Client
    from carewatch.triage.engine import context_for_client, screen

    import_mod = __import__("import")
    import carewatch

    print(f"carewatch from {Path(carewatch.__file__).parent}")
    call_command("migrate", interactive=False, verbosity=0)
    client = Client.objects.create(slug=import_mod.SLUG, name="Bench Import Pharma", timezone="UTC",
                                   languages=["en", "es"])
    for n, (platform, handle) in enumerate(import_mod.CHANNELS):
        Channel.objects.create(client=client, platform=platform, handle=handle, external_id=f"80000{n}")
    screen("warming the engine: my pen made me dizzy and sick", context_for_client(client.pk))

    counts: collections.Counter[str] = collections.Counter()
    kinds: collections.Counter[str] = collections.Counter()

    def wrapper(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        counts[_caller()] += 1
        kinds[sql.split(None, 1)[0].upper()] += 1
        return execute(sql, params, many, context)

    timer = StepTimer()
    if args.no_profile:
        timer.install()
    if args.tracemalloc:
        tracemalloc.start(12)
    profiler = cProfile.Profile(time.process_time) if not args.no_profile else None
    cpu0, wall0 = time.process_time(), time.perf_counter()
    with connection.execute_wrapper(wrapper):
        if profiler is not None:
            profiler.enable()
        report = import_file(path, client)
        if profiler is not None:
            profiler.disable()
    if profiler is not None and args.save:
        profiler.dump_stats(args.save)
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    total = report.imported
    if profiler is not None:
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats("cumulative").print_stats(args.top)
        print(out.getvalue())
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(args.top)
        print(out.getvalue())
    queries = sum(counts.values())
    print(f"{total} mentions: {cpu:.2f} CPU-s ({cpu / total * 1000:.2f} ms per mention), wall {wall:.1f} s; "
          f"{queries} queries ({queries / total:.2f} per mention): {dict(kinds.most_common())}")
    for caller, n in counts.most_common(args.top):
        print(f"  {n:7d} ({n / total:5.2f}/mention)  {caller}")
    steps: dict[str, float] = {}
    if timer.own:
        timed = sum(timer.own.values())
        steps = {label: round(seconds, 3) for label, seconds in timer.own.most_common()}
        steps["rest (import_file, task plumbing, optional steps)"] = round(cpu - timed, 3)
        print("CPU time by step (exclusive; the step's own work and the queries it sent):")
        for label, seconds in steps.items():
            print(f"  {seconds:7.2f} s  {seconds / cpu * 100:5.1f} %  {seconds / total * 1000:6.3f} ms/mention  "
                  f"{label} ({timer.calls.get(label, 0)} calls)")
    if args.tracemalloc:
        snapshot = tracemalloc.take_snapshot()
        print("memory still held, by where it was allocated:")
        for stat in snapshot.statistics("lineno")[:25]:
            print(f"  {stat.size / 2**20:7.1f} MiB  {stat.count:8d}  {stat.traceback[0]}")
    print(json.dumps({"mentions": total, "cpu_s": round(cpu, 2), "cpu_ms_per_mention": round(cpu / total * 1000, 3),
                      "queries": queries, "queries_per_mention": round(queries / total, 2), "profiled": bool(profiler),
                      "by_kind": dict(kinds), "steps_cpu_s": steps}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mentions", type=int, default=2000)
    parser.add_argument("--authors", type=int, default=0, help="default: as bench/import.py scales them")
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--tracemalloc", action="store_true")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--save", default="", help="write the cProfile stats to this file")
    parser.add_argument("--root", default="", help="the checkout whose carewatch to run (default: this one)")
    args = parser.parse_args()
    import_mod = __import__("import")
    with tempfile.TemporaryDirectory(prefix="carewatch-bench-profile-") as tmp:
        data_file = Path(tmp) / "mentions.jsonl"
        authors = args.authors or max(50, args.mentions // 5)
        import_mod.generate(data_file, args.mentions, authors)
        env = env_for(Path(tmp), immediate=True)
        if args.root:
            env["PYTHONPATH"] = str(Path(args.root).resolve())
        cmd = [sys.executable, __file__, "_child", str(data_file), "--top", str(args.top)]
        cmd += ["--no-profile"] if args.no_profile else []
        cmd += ["--tracemalloc"] if args.tracemalloc else []
        cmd += ["--save", str(Path(args.save).resolve())] if args.save else []
        subprocess.run(cmd, env=env, cwd=args.root or ROOT, check=True)


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "_child":
        parser = argparse.ArgumentParser()
        parser.add_argument("cmd")
        parser.add_argument("path", type=Path)
        parser.add_argument("--no-profile", action="store_true")
        parser.add_argument("--tracemalloc", action="store_true")
        parser.add_argument("--top", type=int, default=40)
        parser.add_argument("--save", default="")
        _child(Path(sys.argv[2]), parser.parse_args())
    else:
        main()
