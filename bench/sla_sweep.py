"""One SLA sweep's reconcile step (``sla.actions.reconcile_changed``) at tens of thousands of open clocks.

A fresh database (SQLite in a temporary directory, or ``--database-url``: an empty PostgreSQL
database of your own) gets ``--cases`` open cases of one client, one or two customer messages
each (bulk inserts, no pipeline), and their clocks started (``reconcile_cases``, 500 at a time).
Then, timed (wall and CPU of the one process): the sweep's reconcile step with nothing changed,
three times; after ``--changed`` cases' priority changed (a bulk ``update()``); and, where the
checkout has it, the backstop (``reconcile_all``) with nothing changed.

    .venv/bin/python bench/sla_sweep.py [--cases 40000] [--changed 100] [--root ../other-checkout]

``--root``: run that checkout's carewatch (e.g. ``main``) on the same data, for a before/after.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from _common import ROOT, django_setup, env_for


def _timed(fn: Any) -> tuple[Any, float, float]:
    cpu0, wall0 = time.process_time(), time.perf_counter()
    result = fn()
    return result, round(time.perf_counter() - wall0, 3), round(time.process_time() - cpu0, 3)


def _child(args: argparse.Namespace) -> None:
    root = os.environ.get("PYTHONPATH", "")
    if root and Path(root).resolve() != ROOT:  # --root: that checkout's carewatch, not this one's
        sys.path.insert(0, root)
        sys.path.append(str(ROOT))  # (django_setup puts ROOT first only if it is not on the path)
    django_setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    import carewatch
    from carewatch.inbox.models import Author, Case, CaseStatus, Direction, Mention, MentionKind
    from carewatch.sla import actions as sla
    from carewatch.sla.models import CaseClock
    from carewatch.tenancy.models import Channel, Client

    print(f"carewatch from {Path(carewatch.__file__).parent}, {connection.vendor}")
    call_command("migrate", interactive=False, verbosity=0)
    client = Client.objects.create(slug="bench-sla", name="Bench SLA Pharma", timezone="UTC", languages=["en"])
    channel = Channel.objects.create(client=client, platform="facebook", handle="bench", external_id="900001")
    authors = Author.objects.bulk_create([Author(client=client, platform="facebook", external_id=f"a{i}",
                                                 handle=f"a{i}") for i in range(1000)])
    start = datetime.now(UTC) - timedelta(days=60)  # every message in the past (60,000 cases: 42 days)
    n = args.cases
    t0 = time.perf_counter()
    for lo in range(0, n, 2000):
        with transaction.atomic():
            cases = Case.objects.bulk_create([
                Case(client=client, channel=channel, platform="facebook", author=authors[i % 1000],
                     thread_key=f"t{i}", subject="order never arrived",
                     status=CaseStatus.OPEN if i % 3 else CaseStatus.NEW,
                     mention_count=1 + i % 2, created_at=start + timedelta(seconds=i * 60),
                     last_activity_at=start + timedelta(seconds=i * 60))
                for i in range(lo, min(n, lo + 2000))])
            Mention.objects.bulk_create([
                Mention(client=client, channel=channel, platform="facebook", kind=MentionKind.COMMENT,
                        direction=Direction.INBOUND, external_id=f"m{case.pk}-{k}", thread_key=case.thread_key,
                        author_id=case.author_id, text="My order never arrived", case=case,
                        created_at=case.created_at + timedelta(minutes=k * 30),
                        received_at=case.created_at + timedelta(minutes=k * 30),
                        triaged_at=case.created_at + timedelta(minutes=k * 30, seconds=5))  # screened
                for case in cases for k in range(case.mention_count)])
    ids = list(Case.objects.order_by("pk").values_list("pk", flat=True))
    built = time.perf_counter() - t0
    _, clocks_wall, _ = _timed(lambda: [sla.reconcile_cases(ids[i:i + 500]) for i in range(0, len(ids), 500)])
    first, first_wall, _ = _timed(sla.reconcile_changed)  # whatever the set-up left to look at
    open_clocks = CaseClock.objects.filter(active=True).count()
    print(f"{n} cases and their messages written in {built:.1f} s; clocks started in {clocks_wall:.1f} s; "
          f"{open_clocks} open clocks; first sweep: {first} reconciled in {first_wall} s")
    quiet = [_timed(sla.reconcile_changed) for _ in range(3)]
    for reconciled, wall, cpu in quiet:
        print(f"  sweep, nothing changed: {reconciled} reconciled, {wall} s wall, {cpu} s CPU")
    Case.objects.filter(pk__in=ids[:: max(1, n // args.changed)][: args.changed]).update(priority=3)
    changed = _timed(sla.reconcile_changed)
    print(f"  sweep after {args.changed} priority changes: {changed[0]} reconciled, {changed[1]} s wall, "
          f"{changed[2]} s CPU")
    backstop = _timed(sla.reconcile_all) if hasattr(sla, "reconcile_all") else None
    if backstop:
        print(f"  backstop (reconcile_all), nothing changed: {backstop[0]} reconciled, {backstop[1]} s wall, "
              f"{backstop[2]} s CPU")
    print(json.dumps({"benchmark": "sla_sweep", "engine": connection.vendor,
                      "root": str(Path(carewatch.__file__).parent), "cases": n, "open_clocks": open_clocks,
                      "sweep_quiet": [{"reconciled": r, "wall_s": w, "cpu_s": c} for r, w, c in quiet],
                      "sweep_after_changes": {"changed": args.changed, "reconciled": changed[0], "wall_s": changed[1],
                                              "cpu_s": changed[2]},
                      "backstop": None if not backstop else {"reconciled": backstop[0], "wall_s": backstop[1],
                                                             "cpu_s": backstop[2]}}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=40000)
    parser.add_argument("--changed", type=int, default=100)
    parser.add_argument("--root", default="", help="the checkout whose carewatch to run (default: this one)")
    parser.add_argument("--database-url", default="", help="PostgreSQL: an empty database of your own")
    parser.add_argument("_child", nargs="?", default="")
    args = parser.parse_args()
    if args._child == "_child":
        _child(args)
        return
    with tempfile.TemporaryDirectory(prefix="carewatch-bench-sla-") as tmp:
        env = env_for(Path(tmp), database_url=args.database_url, CAREWATCH_SQLITE_WORKER_MMAP_SIZE="0")
        if args.root:
            env["PYTHONPATH"] = str(Path(args.root).resolve())
        cmd = [sys.executable, __file__, "_child", "--cases", str(args.cases), "--changed", str(args.changed)]
        subprocess.run(cmd, env=env, cwd=args.root or ROOT, check=True)


if __name__ == "__main__":
    main()
