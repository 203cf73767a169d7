"""How long `carewatch demo` takes on the embedded default (SQLite), from a fresh data directory.

Runs `carewatch migrate` (not timed) then `carewatch demo` in a child process with its own data
directory, and times the load: wall time, the child's CPU seconds (user + system of the load and of
its triage helper on the other core, ``carewatch.demo.prescreen``: what the load costs whatever else
the machine runs), the loading process's own CPU seconds (the load's critical path when the other
core is free) and the load average before and after. ``--profile`` runs the load under cProfile
(timed in CPU seconds of the loading process, so that a busy machine's waiting does not count; the
helper's screening is not in it), prints the 30 costliest functions (cumulative, then own time) and keeps
the stats in ``--profile-out`` (default bench/out/demo.prof) for ``python -m pstats``.

    .venv/bin/python bench/demo.py [--mentions 2000] [--profile] [--profile-out FILE]

Prints readable lines and, last, one JSON line. Target (issue 13): under 20 s on this machine class.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import OUT, ROOT, env_for

PROFILE = """
import cProfile, pstats, sys, time
sys.path.insert(0, {root!r})
import django; django.setup()
from carewatch.demo.load import load_demo
profile = cProfile.Profile(time.process_time)  # CPU time: on a shared machine, waiting is not cost
profile.enable()
load_demo(mentions={mentions})
profile.disable()
profile.dump_stats({out!r})
pstats.Stats(profile).sort_stats("cumulative").print_stats(30)
pstats.Stats(profile).sort_stats("tottime").print_stats(30)
"""
# `carewatch demo` as the CLI runs it, then the loading process's own CPU seconds (the critical path:
# its triage helper runs on the other core) on stderr's last line.
CLI = """
import json, resource, sys
sys.path.insert(0, {root!r})
from carewatch.cli import main
try:
    main(["demo", "--mentions", "{mentions}"])
finally:
    own = resource.getrusage(resource.RUSAGE_SELF)
    print("LOADER_CPU " + json.dumps(own.ru_utime + own.ru_stime), file=sys.stderr)
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mentions", type=int, default=2000)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--profile-out", default=str(OUT / "demo.prof"))
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="cw-bench-demo-") as tmp:
        env = env_for(Path(tmp))
        subprocess.run([sys.executable, "-m", "carewatch.cli", "migrate"], env=env, check=True, cwd=ROOT,
                       stdout=subprocess.DEVNULL)
        started = time.perf_counter()
        cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        if args.profile:
            Path(args.profile_out).parent.mkdir(parents=True, exist_ok=True)
            code = PROFILE.format(root=str(ROOT), mentions=args.mentions, out=args.profile_out)
            subprocess.run([sys.executable, "-c", code], env=env, check=True, cwd=ROOT)
            loader_cpu = None
        else:
            done = subprocess.run([sys.executable, "-c", CLI.format(root=str(ROOT), mentions=args.mentions)],
                                  env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                  text=True)
            loader_cpu = float(done.stderr.rsplit("LOADER_CPU ", 1)[1].split()[0])
        seconds = time.perf_counter() - started
        cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    load_after = os.getloadavg()[0]
    loader = f" (the loading process {loader_cpu:.1f})" if loader_cpu is not None else ""
    print(f"carewatch demo ({args.mentions} mentions, SQLite): {seconds:.1f} s wall, {cpu:.1f} s CPU{loader} "
          f"(target < 20 s); load average {load_before:.2f} -> {load_after:.2f}")
    print(json.dumps({"bench": "demo", "mentions": args.mentions, "seconds": round(seconds, 2),
                      "cpu_seconds": round(cpu, 2),
                      "loader_cpu_seconds": round(loader_cpu, 2) if loader_cpu is not None else None,
                      "load_before": round(load_before, 2),
                      "load_after": round(load_after, 2), "profiled": args.profile}))


if __name__ == "__main__":
    main()
