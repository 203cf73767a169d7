"""How long `carewatch demo` takes on the embedded default (SQLite), from a fresh data directory.

Runs `carewatch migrate` (not timed) then `carewatch demo` in a child process with its own data
directory, and times the load. ``--profile`` runs the load under cProfile and prints the 25
costliest functions (cumulative), to see where the time goes.

    .venv/bin/python bench/demo.py [--mentions 2000] [--profile]

Prints readable lines and, last, one JSON line. Target (issue 13): under 20 s on this machine class.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, env_for

PROFILE = """
import cProfile, pstats, sys
sys.path.insert(0, {root!r})
import django; django.setup()
from carewatch.demo.load import load_demo
profile = cProfile.Profile()
profile.enable()
load_demo(mentions={mentions})
profile.disable()
pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mentions", type=int, default=2000)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cw-bench-demo-") as tmp:
        env = env_for(Path(tmp))
        subprocess.run([sys.executable, "-m", "carewatch.cli", "migrate"], env=env, check=True, cwd=ROOT,
                       stdout=subprocess.DEVNULL)
        started = time.perf_counter()
        if args.profile:
            code = PROFILE.format(root=str(ROOT), mentions=args.mentions)
            subprocess.run([sys.executable, "-c", code], env=env, check=True, cwd=ROOT)
        else:
            subprocess.run([sys.executable, "-m", "carewatch.cli", "demo", "--mentions", str(args.mentions)],
                           env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        seconds = time.perf_counter() - started
    print(f"carewatch demo ({args.mentions} mentions, SQLite): {seconds:.1f} s (target < 20 s)")
    print(json.dumps({"bench": "demo", "mentions": args.mentions, "seconds": round(seconds, 2),
                      "profiled": args.profile}))


if __name__ == "__main__":
    main()
