"""Crisis latency: from the moment a burst of negative posts crosses the alert threshold to the
crisis e-mail accepted by a real SMTP server.

`carewatch serve` (SQLite default, with its worker) runs against a fresh data dir with ``--runs``
clients, each new (no history: the absolute floor applies, 30 negative mentions in 15 minutes) and
each with a ``crisis`` escalation protocol whose first step e-mails ``crisis-<n>@bench.test``. An
aiosmtpd server runs in this process and is the desk's ``CAREWATCH_EMAIL_URL``. For each client
in turn, a child process sends signed Meta page-feed webhooks (``--posts``, default 40) carrying
angry comments at ``--rate`` per second and records when the threshold-crossing one (the 30th)
was sent; this process records when the client's crisis e-mail arrives. The path measured:
webhook → pipeline task → triage → crisis step → detection task (throttled to one per client
every 3 s, plus one right after) → alert → escalation → send task → SMTP ``250``.

    .venv/bin/python bench/crisis.py [--runs 3] [--posts 40] [--rate 4]

Target: every run under 60 s. Prints readable lines and, last, one JSON line (also written to
bench/out/crisis.json).
"""

from __future__ import annotations

import argparse
import json
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import OUT, ROOT, env_for, percentile, stop_process

SECRET = "bench-secret"  # noqa: S105 - a throwaway secret for a throwaway database
FLOOR = 30
ANGRY = ["Terrible experience at your ER, rude staff, awful, never again",
         "This is the worst service ever, you people are useless and I am furious",
         "Disgusting how my mother was treated, shameful and horrible",
         "Awful, the nurses ignored us for hours, terrible and cruel"]


def config(runs: int) -> str:
    clients = []
    for n in range(runs):
        clients.append(f"""
  - slug: bench{n}
    name: Bench Health {n}
    timezone: UTC
    channels:
      - platform: facebook
        handle: BenchCare{n}
        external_id: "90000{n}"
        secrets: {{app_secret: "env:BENCH_SECRET"}}
    crisis: {{floor: {{negative: {FLOOR}, minutes: 15}}}}
    escalation:
      - category: crisis
        steps:
          - {{notify: ["crisis-{n}@bench.test"], wait_ack_minutes: 15}}
""")
    return "clients:" + "".join(clients)


class Inbox:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.arrived: dict[str, float] = {}

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        now = time.time()
        with self.lock:
            for rcpt in envelope.rcpt_tos:
                self.arrived.setdefault(rcpt, now)
        return "250 Message accepted for delivery"


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_healthy(port: int, timeout: float = 120) -> None:
    import urllib.request

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


def _send_child(port: int, run: int, posts: int, rate: float, out: Path) -> None:
    import httpx

    from carewatch.sources.meta.verify import signed_headers

    page = f"90000{run}"
    stamp = str(int(time.time()))
    crossed = 0.0
    errors = 0
    start = time.perf_counter()
    with httpx.Client(timeout=10) as http:
        for i in range(posts):
            delay = start + i / rate - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            now = int(time.time())
            value = {"item": "comment", "verb": "add", "comment_id": f"{page}_1_{stamp}{i:04d}",
                     "post_id": f"{page}_{i}", "parent_id": f"{page}_{i}",  # comments on many posts
                     "from": {"id": f"8{run}{stamp}{i:04d}", "name": f"Person {i}"}, "created_time": now,
                     "message": f"{ANGRY[i % len(ANGRY)]} #{i}"}
            raw = json.dumps({"object": "page", "entry": [{"id": page, "time": now, "changes": [
                {"field": "feed", "value": value}]}]}, separators=(",", ":")).encode()
            sent_at = time.time()
            response = http.post(f"http://127.0.0.1:{port}/hooks/meta/", content=raw,
                                 headers={"Content-Type": "application/json", **signed_headers(raw, SECRET)})
            if response.status_code != 200:
                errors += 1
            if i + 1 == FLOOR:
                crossed = sent_at
    out.write_text(json.dumps({"crossed": crossed, "errors": errors}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--posts", type=int, default=40)
    parser.add_argument("--rate", type=float, default=4.0, help="webhooks per second")
    parser.add_argument("--timeout", type=float, default=90)
    args = parser.parse_args()
    inbox = Inbox()
    smtp_port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    latencies: list[float] = []
    errors = 0
    try:
        with tempfile.TemporaryDirectory(prefix="carewatch-bench-") as tmp:
            data = Path(tmp)
            env = env_for(data, CAREWATCH_EMAIL_URL=f"smtp://127.0.0.1:{smtp_port}?from=desk@bench.test",
                          CAREWATCH_BASE_URL="http://127.0.0.1", BENCH_SECRET=SECRET)
            (data / "bench.yaml").write_text(config(args.runs))
            subprocess.run([sys.executable, "-m", "carewatch.cli", "config", "apply", str(data / "bench.yaml")],
                           env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
            port = free_port()
            server = subprocess.Popen([sys.executable, "-m", "carewatch.cli", "serve", "--port", str(port)],
                                      env=env, cwd=ROOT, start_new_session=True,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                wait_healthy(port)
                print(f"server up on :{port}, SMTP on :{smtp_port}")
                for run in range(args.runs):
                    out = data / f"run{run}.json"
                    subprocess.run([sys.executable, __file__, "_send", str(port), str(run), str(args.posts),
                                    str(args.rate), str(out)], env=env, check=True, cwd=ROOT)
                    sent = json.loads(out.read_text())
                    errors += sent["errors"]
                    rcpt = f"crisis-{run}@bench.test"
                    deadline = time.time() + args.timeout
                    while rcpt not in inbox.arrived and time.time() < deadline:
                        time.sleep(0.05)
                    if rcpt in inbox.arrived:
                        latencies.append(inbox.arrived[rcpt] - sent["crossed"])
                        print(f"  run {run}: threshold crossed → e-mail in {latencies[-1]:.2f} s")
                    else:
                        print(f"  run {run}: no e-mail within {args.timeout:g} s")
            finally:
                stop_process(server, signal.SIGINT)
    finally:
        controller.stop()
    results: dict[str, Any] = {
        "benchmark": "crisis", "engine": "sqlite", "runs": args.runs, "posts": args.posts, "rate": args.rate,
        "measured": len(latencies), "webhook_errors": errors,
        "threshold_to_email_s": [round(x, 3) for x in latencies],
        "threshold_to_email_s_p50": round(percentile(latencies, 50), 3) if latencies else None,
        "threshold_to_email_s_max": round(max(latencies), 3) if latencies else None,
    }
    results["targets"] = {"under_60s": len(latencies) == args.runs and max(latencies) < 60}
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "crisis.json").write_text(json.dumps(results, indent=2))
    print(json.dumps(results))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_send":
        import django

        django.setup()
        _send_child(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), Path(sys.argv[6]))
    else:
        main()
