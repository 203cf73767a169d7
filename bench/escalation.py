"""Escalation latency: from a signed webhook carrying an adverse event to the first notification
e-mail accepted by a real SMTP server.

`carewatch serve` (SQLite default, with its worker) runs against a fresh data dir whose client has
an ``adverse_event`` protocol with an e-mail first step; an aiosmtpd server runs in this process
and is the desk's ``CAREWATCH_EMAIL_URL``. A child process sends signed Meta page-feed webhooks
(``carewatch.sources.meta.verify.signed_headers``) carrying AE texts at a steady rate, recording when each
was sent; this process records when each e-mail arrives. The e-mail subject carries the
escalation's reference; afterwards a child process maps each reference to the comment that
opened it. The path measured: webhook → pipeline task → triage task (opens the safety case,
starts the escalation) → send task → SMTP ``250``.

    .venv/bin/python bench/escalation.py [--count 100] [--rate 2] [--warmup 3]

The first ``--warmup`` webhooks (cold imports and caches in the fresh processes) are sent and
waited for before measuring, and are not counted. Target: p99 < 5 s. Prints readable lines and,
last, one JSON line with every number (also written to bench/out/escalation.json).
"""

from __future__ import annotations

import argparse
import json
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from email import message_from_bytes
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import OUT, ROOT, BackgroundLoad, env_for, percentile, stop_process

SECRET = "bench-secret"  # noqa: S105 - a throwaway secret for a throwaway database
PAGE = "4242424242"
PV = "pv@bench.test"
REFERENCE = re.compile(r"\((ESC-\d{6})\)")

CONFIG = f"""
clients:
  - slug: bench
    name: Bench Pharma
    timezone: UTC
    products: [{{name: Glucavio, generic: semaglutide}}]
    channels:
      - {{platform: facebook, handle: BenchRx, external_id: "{PAGE}", secrets: {{app_secret: "env:BENCH_SECRET"}}}}
    pv_forward_hours: 24
    pv_forward_to: ["{PV}"]
    escalation:
      - category: adverse_event
        steps:
          - {{notify: ["{PV}"], wait_ack_minutes: 60}}
          - {{notify: ["pv-backup@bench.test"], wait_ack_minutes: 30}}
      - category: serious_adverse_event
        steps:
          - {{notify: ["{PV}"], wait_ack_minutes: 15}}
"""

# Until settings.py reads CAREWATCH_EMAIL_URL and the root URLconf includes the escalation URLs,
# the bench's processes get both from these two small modules (no-ops once the project has them).
SETTINGS_SHIM = '''
import os
from carewatch.settings import *  # noqa: F403
if "MAILERS" not in globals():
    from carewatch.escalation.email_settings import escalation_settings
    globals().update(escalation_settings(os.environ))
ROOT_URLCONF = "bench_escalation_urls"
'''
URLS_SHIM = '''
from django.urls import include, path
from carewatch.urls import urlpatterns as root
included = any(getattr(p, "namespace", None) == "escalation" for p in root)
urlpatterns = list(root) if included else [*root, path("", include("carewatch.escalation.urls"))]
'''

STARTS = ["Started Glucavio {when} and ended up in hospital with {what}.",
          "Been on Glucavio since {when}; now I have {what} and my doctor is worried.",
          "My mum (72) takes Glucavio, {when} she got {what}. Who do we tell?",
          "Third Glucavio shot {when}, and right after it came {what}.",
          "After my dose of Glucavio {when} I had {what}, never had that before."]
WHEN = ["last week", "on Monday", "two days ago", "in March", "this morning", "yesterday evening", "at Easter"]
WHAT = ["pancreatitis", "terrible nausea and vomiting", "a rash all over my arms", "severe stomach pain",
        "dizziness and blurred vision", "a racing heart", "headaches that will not stop", "swelling of my face"]
TAILS = ["", " Is this a known side effect?", " Not happy.", " Anyone else?", " Please call me back.",
         " The pharmacist had no idea.", " I stopped taking it."]


def ae_text(i: int) -> str:
    start = STARTS[i % len(STARTS)].format(when=WHEN[(i // 5) % len(WHEN)], what=WHAT[(i // 3) % len(WHAT)])
    return f"{start}{TAILS[(i // 7) % len(TAILS)]} (#{i})"


class Inbox:
    """The SMTP server's side: when each message arrived, by escalation reference."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.arrived: dict[str, float] = {}
        self.count = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        now = time.time()
        subject = str(message_from_bytes(envelope.content)["Subject"] or "")
        match = REFERENCE.search(subject)
        with self.lock:
            self.count += 1
            if match and PV in envelope.rcpt_tos:
                self.arrived.setdefault(match.group(1), now)
        return "250 Message accepted for delivery"

    def size(self) -> int:
        with self.lock:
            return len(self.arrived)


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_healthy(port: int, timeout: float = 120) -> None:
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


# ------------------------------------------------------------------ children (Django processes)
def _send_child(port: int, first: int, count: int, rate: float, out: Path) -> None:
    import django

    django.setup()
    import httpx

    from carewatch.sources.meta.verify import signed_headers
    from carewatch.tenancy.models import Channel

    channel = Channel.objects.get(client__slug="bench", platform="facebook")
    run = str(int(time.time()))
    sent: dict[str, float] = {}
    acks: list[float] = []
    errors = 0
    start = time.perf_counter()
    with httpx.Client(timeout=10) as http:
        for n in range(count):
            i = first + n
            delay = start + n / rate - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            comment = f"120_{run}{i:06d}"
            now = int(time.time())
            value = {"item": "comment", "verb": "add", "comment_id": comment, "post_id": f"{PAGE}_120",
                     "parent_id": f"{PAGE}_120", "from": {"id": f"77{run}{i:06d}", "name": f"Bench Person {i}"},
                     "created_time": now, "message": ae_text(i)}
            raw = json.dumps({"object": "page", "entry": [{"id": channel.external_id, "time": now, "changes": [
                {"field": "feed", "value": value}]}]}, separators=(",", ":")).encode()
            headers = {"Content-Type": "application/json", **signed_headers(raw, SECRET)}
            sent_at = time.time()
            response = http.post(f"http://127.0.0.1:{port}/hooks/meta/", content=raw, headers=headers)
            acks.append((time.time() - sent_at) * 1000)
            if response.status_code == 200:
                sent[comment] = sent_at
            else:
                errors += 1
    out.write_text(json.dumps({"sent": sent, "ack_ms": acks, "errors": errors}))


def _map_child(out: Path) -> None:
    """Each escalation's reference → the external id of the comment that opened it."""
    import django

    django.setup()
    from carewatch.escalation.models import Escalation
    from carewatch.inbox.models import Mention

    mapping: dict[str, str] = {}
    for escalation in Escalation.objects.all():
        mention_id = (escalation.trigger or {}).get("mention_id")
        mention = Mention.objects.filter(pk=mention_id).first() if mention_id else None
        if mention is not None:
            mapping[escalation.reference] = mention.external_id
    out.write_text(json.dumps({"map": mapping, "escalations": Escalation.objects.count(),
                               "mentions": Mention.objects.count()}))


def send(env: dict[str, str], port: int, first: int, count: int, rate: float, out: Path) -> dict[str, Any]:
    subprocess.run([sys.executable, __file__, "_send", str(port), str(first), str(count), str(rate), str(out)],
                   env=env, check=True, cwd=ROOT)
    return dict(json.loads(out.read_text()))


def wait_for(inbox: Inbox, want: int, timeout: float) -> None:
    deadline = time.time() + timeout
    while inbox.size() < want and time.time() < deadline:
        time.sleep(0.05)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--rate", type=float, default=2.0, help="webhooks per second")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=60, help="seconds to wait for the last e-mails")
    args = parser.parse_args()

    inbox = Inbox()
    smtp_port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    results: dict[str, Any] = {"benchmark": "escalation", "engine": "sqlite", "count": args.count,
                               "rate": args.rate, "warmup": args.warmup}
    try:
        with tempfile.TemporaryDirectory(prefix="carewatch-bench-") as tmp:
            data = Path(tmp)
            (data / "bench_escalation_settings.py").write_text(SETTINGS_SHIM)
            (data / "bench_escalation_urls.py").write_text(URLS_SHIM)
            env = env_for(data, CAREWATCH_EMAIL_URL=f"smtp://127.0.0.1:{smtp_port}?from=desk@bench.test",
                          CAREWATCH_BASE_URL="http://127.0.0.1", BENCH_SECRET=SECRET,
                          DJANGO_SETTINGS_MODULE="bench_escalation_settings", PYTHONPATH=f"{ROOT}:{data}")
            (data / "bench.yaml").write_text(CONFIG)
            subprocess.run([sys.executable, "-m", "carewatch.cli", "config", "apply", str(data / "bench.yaml")],
                           env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
            port = free_port()
            server = subprocess.Popen([sys.executable, "-m", "carewatch.cli", "serve", "--port", str(port)],
                                      env=env, cwd=ROOT, start_new_session=True,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                wait_healthy(port)
                print(f"server up on :{port}, SMTP on :{smtp_port}; warming up with {args.warmup} webhook(s)")
                if args.warmup:
                    send(env, port, 0, args.warmup, 1.0, data / "warmup.json")
                    wait_for(inbox, args.warmup, 120)
                warm = set(inbox.arrived)
                print(f"measuring {args.count} webhooks at {args.rate:g}/s")
                with BackgroundLoad() as background:
                    load = send(env, port, args.warmup, args.count, args.rate, data / "load.json")
                    wait_for(inbox, args.warmup + len(load["sent"]), args.timeout)
                subprocess.run([sys.executable, __file__, "_map", str(data / "map.json")], env=env, check=True,
                               cwd=ROOT)
                mapped = json.loads((data / "map.json").read_text())
            finally:
                stop_process(server, signal.SIGINT)
    finally:
        controller.stop()
    latencies: list[float] = []
    by_comment = {comment: ref for ref, comment in mapped["map"].items()}
    for comment, sent_at in load["sent"].items():
        ref = by_comment.get(comment)
        if ref is not None and ref in inbox.arrived and ref not in warm:
            latencies.append(inbox.arrived[ref] - sent_at)
    missing = len(load["sent"]) - len(latencies)
    results.update({
        "sent": len(load["sent"]), "webhook_errors": load["errors"], "emails_measured": len(latencies),
        "missing": missing, "escalations": mapped["escalations"], "mentions": mapped["mentions"],
        "smtp_messages": inbox.count,
        "webhook_ack_ms_p50": round(percentile(load["ack_ms"], 50), 1),
        "webhook_ack_ms_p99": round(percentile(load["ack_ms"], 99), 1),
        "first_email_s_p50": round(percentile(latencies, 50), 3) if latencies else None,
        "first_email_s_p99": round(percentile(latencies, 99), 3) if latencies else None,
        "first_email_s_max": round(max(latencies), 3) if latencies else None,
        "background_cores": background.cores, "background_top": background.top,
    })
    results["targets"] = {"p99_under_5s": bool(latencies) and results["first_email_s_p99"] < 5 and missing == 0}
    print(f"  {results['emails_measured']} of {results['sent']} webhooks reached the SMTP server as a first "
          f"notification ({missing} missing); p50 {results['first_email_s_p50']} s, "
          f"p99 {results['first_email_s_p99']} s, max {results['first_email_s_max']} s "
          f"(webhook ack p99 {results['webhook_ack_ms_p99']} ms; other load on the machine "
          f"{results['background_cores']} cores)")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "escalation.json").write_text(json.dumps(results, indent=2))
    print(json.dumps(results))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_send":
        _send_child(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), Path(sys.argv[6]))
    elif len(sys.argv) > 1 and sys.argv[1] == "_map":
        _map_child(Path(sys.argv[2]))
    else:
        main()
