"""Webhook ingestion under load: `carewatch serve` (SQLite default, with its worker) receives
signed Meta (and X, when that source is installed) webhooks from a separate process on loopback.

Phase 1: the target rate (default 200/s for 60 s): errors, acknowledgement p50/p99, then after
the worker drains: every accepted message is a mention exactly once (0 lost, 0 duplicated).
Phase 2: rising rates for shorter runs, to report the highest rate sustained with 0 errors and
p99 < 50 ms.

    .venv/bin/python bench/webhooks.py [--rate 200] [--duration 60] [--no-ramp]

Prints readable lines and, last, one JSON line with every number. The machine may be shared:
each load step also reports the CPU that processes other than the benchmark's own used
meanwhile (``background_cores``), since a number measured beside a busy core is not comparable.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from _common import BackgroundLoad

ROOT = Path(__file__).resolve().parents[1]
SCREEN_TIMEOUT_S = 90  # after the events are drained, how long to wait for triage to screen them all
SECRET = "bench-secret"  # noqa: S105 - a throwaway secret for a throwaway database


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def env_for(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "CAREWATCH_TASKS_IMMEDIATE")}
    env.update(CAREWATCH_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="carewatch.settings",
               BENCH_SECRET=SECRET, CAREWATCH_LOG_LEVEL="WARNING")
    return env


CONFIG = """
clients:
  - slug: bench
    name: Bench Pharma
    timezone: UTC
    products: [{name: Glucavio, generic: semaglutide}]
    channels:
      - {platform: facebook, handle: BenchRx, external_id: "4242424242", secrets: {app_secret: "env:BENCH_SECRET"}}
      - {platform: instagram, handle: bench.ig, external_id: "1784100042", secrets: {app_secret: "env:BENCH_SECRET"}}
      - {platform: x, handle: bench_rx, external_id: "99000099", secrets: {consumer_secret: "env:BENCH_SECRET"}}
"""


def wait_healthy(port: int, timeout: float = 90) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit("the server did not become healthy")


def load(port: int, rate: float, duration: float, env: dict[str, str], out: Path) -> dict[str, Any]:
    """Run the load generator in its own process; it writes its stats and accepted ids to ``out``."""
    with BackgroundLoad() as background:
        subprocess.run([sys.executable, __file__, "_load", str(port), str(rate), str(duration), str(out)],
                       env=env, check=True, cwd=ROOT)
    return {**json.loads(out.read_text()), "background_cores": background.cores, "background_top": background.top}


def _load_child(port: int, rate: float, duration: float, out: Path) -> None:
    import django

    django.setup()
    from carewatch.sources.registry import push_source
    from carewatch.sources.simulate import run, simulate_for_client, summary

    generator = simulate_for_client("bench")
    meta = {"facebook": "meta", "instagram": "meta"}
    generator.builders = [b for b in generator.builders if push_source(meta.get(b[0].platform, b[0].platform))]
    # The client's own full garbage collections (tens of ms over Django's heap) would count as
    # server latency for every request in flight: keep what is loaded out of them.
    gc.collect()
    gc.freeze()
    started = time.perf_counter()
    stats = run(f"http://127.0.0.1:{port}", generator, rate, duration, workers=64)
    result = summary(stats, time.perf_counter() - started)
    result["ids"] = stats.mention_ids
    result["platforms"] = sorted({b[0].platform for b in generator.builders})
    out.write_text(json.dumps(result))


def drained(env: dict[str, str], ids: list[str], data: Path, timeout: float = 300) -> dict[str, Any]:
    """Wait for the worker to process everything; then count lost and duplicated messages."""
    (data / "ids.json").write_text(json.dumps(ids))
    result = subprocess.run([sys.executable, __file__, "_drain", str(data / "ids.json"), str(timeout)],
                            env=env, capture_output=True, text=True, check=True, cwd=ROOT)
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def _drain_child(ids_file: Path, timeout: float) -> None:
    import django

    django.setup()
    from django.db.models import Count

    from carewatch.inbox.models import Mention
    from carewatch.sources.models import InboundEvent

    try:
        from carewatch.sources.spool import waiting as spooled
    except ImportError:  # code from before the webhook spool (this script run over an older checkout)
        def spooled() -> int:
            return 0

    def unscreened() -> int:
        return Mention.objects.filter(triaged_at__isnull=True, direction="in").exclude(text="").count()

    ids = set(json.loads(ids_file.read_text()))
    started = time.time()
    # On SQLite accepted events wait in the webhook spool until the worker moves them in.
    while ((spooled() or InboundEvent.objects.filter(state="received").exists())
           and time.time() < started + timeout):
        time.sleep(0.5)
    drained_at = time.time()
    unscreened_at_drain = unscreened()
    # Then triage (its own tasks, after the pipeline's writes): screened too? (bounded apart)
    while unscreened() and time.time() < drained_at + SCREEN_TIMEOUT_S:
        time.sleep(0.5)
    found: set[str] = set()
    duplicated = 0
    ordered = sorted(ids)
    for i in range(0, len(ordered), 500):
        rows = Mention.objects.filter(external_id__in=ordered[i:i + 500]).values("external_id").annotate(n=Count("id"))
        for row in rows:
            found.add(row["external_id"])
            duplicated += row["n"] - 1
    print(json.dumps({
        "left_unprocessed": InboundEvent.objects.filter(state="received").count(),
        "failed_events": InboundEvent.objects.filter(state="failed").count(),
        "lost": len(ids - found), "duplicated": duplicated, "drain_wait_s": round(drained_at - started, 1),
        "unscreened_at_drain": unscreened_at_drain, "screened_wait_s": round(time.time() - started, 1),
        "left_unscreened": unscreened(),
        # One event per delivery: how many requests reached the view and were stored, whatever
        # the client saw (an error with its event stored failed after the server answered).
        "events_stored": InboundEvent.objects.count() + spooled(),
        "left_in_spool": spooled(),
    }))


SERVER_TROUBLE = ("Traceback", "ERROR", "WORKER TIMEOUT", "Error handling request", "Exception")


def server_cpu(pid: int) -> dict[str, float]:
    """CPU seconds (user + system) used so far by the server's web processes and by its worker."""
    import psutil

    totals = {"web": 0.0, "worker": 0.0}
    try:
        root = psutil.Process(pid)
        for proc in [root, *root.children(recursive=True)]:
            with contextlib.suppress(psutil.Error):
                times = proc.cpu_times()
                kind = "worker" if "worker" in " ".join(proc.cmdline()) else "web"
                totals[kind] += times.user + times.system
    except psutil.Error:
        pass
    return totals


def server_log_summary(log: Path) -> dict[str, Any]:
    """What the server (gunicorn, Django at WARNING, the worker) said went wrong."""
    lines = log.read_text(errors="replace").splitlines() if log.exists() else []
    trouble = [line for line in lines if any(word in line for word in SERVER_TROUBLE)]
    return {"lines": len(lines), "trouble_lines": len(trouble), "first_trouble": trouble[:5]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--no-ramp", action="store_true", help="skip the search for the maximum rate")
    parser.add_argument("--ramp", default="300,400,500,650,800,1000", help="rates to try for the maximum")
    parser.add_argument("--ramp-duration", type=float, default=15)
    parser.add_argument("--server-log", type=Path, help="keep the server's and worker's output in this file")
    args = parser.parse_args()

    results: dict[str, Any] = {"benchmark": "webhooks", "engine": "sqlite", "target_rate": args.rate,
                               "duration_s": args.duration}
    with tempfile.TemporaryDirectory(prefix="carewatch-bench-") as tmp:
        data = Path(tmp)
        env = env_for(data)
        config = data / "bench.yaml"
        config.write_text(CONFIG)
        subprocess.run([sys.executable, "-m", "carewatch.cli", "config", "apply", str(config)], env=env, check=True,
                       cwd=ROOT, stdout=subprocess.DEVNULL)
        port = free_port()
        server_log = data / "server.log"
        server = subprocess.Popen([sys.executable, "-m", "carewatch.cli", "serve", "--port", str(port)],
                                  env=env, cwd=ROOT, start_new_session=True,
                                  stdout=server_log.open("ab"), stderr=subprocess.STDOUT)
        try:
            wait_healthy(port)
            print(f"server up on :{port}; phase 1: {args.rate:g}/s for {args.duration:g}s")
            cpu_before = server_cpu(server.pid)
            load_avg = [os.getloadavg()[0]]
            first = load(port, args.rate, args.duration, env, data / "load.json")
            cpu_load = server_cpu(server.pid)
            load_avg.append(os.getloadavg()[0])
            ids = first.pop("ids")
            print(f"  platforms {first['platforms']}: sent {first['sent']}, ok {first['ok']}, "
                  f"errors {first['errors']}, achieved {first['rate_achieved']}/s, "
                  f"ack p50 {first['ack_ms_p50']} ms, p99 {first['ack_ms_p99']} ms; "
                  f"other processes used {first['background_cores']} cores meanwhile")
            check = drained(env, ids, data)
            cpu_after = server_cpu(server.pid)
            sent = max(1, first["sent"])
            check.update(
                loadavg_1m_start_end=load_avg,
                web_cpu_s=round(cpu_load["web"] - cpu_before["web"], 1),
                web_cpu_ms_per_webhook=round((cpu_load["web"] - cpu_before["web"]) * 1000 / sent, 2),
                worker_cpu_s=round(cpu_after["worker"] - cpu_before["worker"], 1),
                worker_cpu_ms_per_webhook=round((cpu_after["worker"] - cpu_before["worker"]) * 1000 / sent, 2),
            )
            print(f"  load average {load_avg[0]:.2f} -> {load_avg[1]:.2f}; web {check['web_cpu_s']} CPU-s "
                  f"during the load, worker {check['worker_cpu_s']} CPU-s until drained")
            print(f"  all screened by triage {check['screened_wait_s']} s after the load "
                  f"({check['unscreened_at_drain']} unscreened when the events were drained)")
            print(f"  after the worker drained ({check['drain_wait_s']} s): lost {check['lost']}, "
                  f"duplicated {check['duplicated']}, left unprocessed {check['left_unprocessed']}; "
                  f"the server stored {check['events_stored']} events of {first['sent']} sent")
            results["phase1"] = {**first, **check}
            best = None
            if not args.no_ramp:
                print(f"phase 2: rising rates, {args.ramp_duration:g}s each")
                for rate in [float(r) for r in args.ramp.split(",")]:
                    step = load(port, rate, args.ramp_duration, env, data / f"ramp{rate:g}.json")
                    step.pop("ids")
                    good = not step["errors"] and step["ack_ms_p99"] < 50 and step["rate_achieved"] >= rate * 0.95
                    print(f"  {rate:g}/s: achieved {step['rate_achieved']}/s, errors {step['errors']}, "
                          f"p99 {step['ack_ms_p99']} ms (background {step['background_cores']} cores) "
                          f"-> {'ok' if good else 'over the limit'}")
                    results.setdefault("ramp", []).append({"rate": rate, **step, "within_target": good})
                    if not good:
                        break
                    best = rate
                results["max_rate_ok"] = best
        finally:
            os.killpg(server.pid, signal.SIGINT)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
            said = results["server_log"] = server_log_summary(server_log)
            print(f"  server log: {said['lines']} lines, {said['trouble_lines']} reporting trouble",
                  said["first_trouble"])
            if args.server_log is not None and server_log.exists():
                args.server_log.write_bytes(server_log.read_bytes())
    p1 = results["phase1"]
    results["targets"] = {
        "zero_errors": not p1["errors"] and p1["ok"] == p1["sent"],
        "zero_lost_or_duplicated": p1["lost"] == 0 and p1["duplicated"] == 0,
        "ack_p99_under_50ms": p1["ack_ms_p99"] < 50,
    }
    print(json.dumps(results))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_load":
        _load_child(int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), Path(sys.argv[5]))
    elif len(sys.argv) > 1 and sys.argv[1] == "_drain":
        _drain_child(Path(sys.argv[2]), float(sys.argv[3]))
    else:
        main()
