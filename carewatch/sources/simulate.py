"""`carewatch simulate`: platform-native, correctly signed webhooks for a client's channels.

Plays the platforms' side: each push platform's ``sandbox.delivery`` builds a payload in the
platform's real shape (Meta page feed, Messenger and Instagram; X Account Activity; TikTok
Business; LinkedIn organisation notifications) and signs the exact bytes with the channel's
secret the way the platform does (its ``verify.signed_headers``); this posts them at a steady
rate. It drives the demo's live feel and the webhook benchmark.
"""

from __future__ import annotations

import itertools
import random
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import httpx

from carewatch.lib.secrets import SecretError, reveal
from carewatch.sources.linkedin import sandbox as linkedin
from carewatch.sources.linkedin import verify as linkedin_verify
from carewatch.sources.meta import sandbox as meta
from carewatch.sources.meta import verify as meta_verify
from carewatch.sources.sandboxing import Delivery, Simulation
from carewatch.sources.tiktok import sandbox as tiktok
from carewatch.sources.tiktok import verify as tiktok_verify
from carewatch.sources.x import sandbox as x
from carewatch.sources.x import verify as x_verify
from carewatch.tenancy.models import Channel

TEXTS = [
    "Is {product} covered by Medicare Part D? My pharmacy says prior auth is needed.",
    "Started {product} last week and I've had bad nausea every morning, is that normal?",
    "My mom (72) was switched to {product} and ended up in the ER with dizziness. Who do we report this to?",
    "The pen clicked but no medicine came out. Lot number on the box is LOT 4F82K.",
    "Thank you to the nurse team at the infusion center, you made a scary day easier.",
    "Can I take {product} while breastfeeding? My doctor is on vacation.",
    "Where can I find the copay card? The link on your site is broken.",
    "Three weeks waiting for a refill because of the shortage. This is unacceptable.",
    "¿{product} está disponible en farmacias de Puerto Rico? No lo encuentro.",
    "J'ai des vertiges depuis que je prends {product}, est-ce un effet secondaire ?",
    "Been on {product} 6 months, A1C down from 9.1 to 6.8. Feeling great!",
    "Is it safe to drink alcohol on {product}?",
    "The seal on my box was already broken when it arrived. Should I use it?",
    "Got a call from someone selling cheap {product} without a prescription, is that you??",
    "My husband took two doses by mistake this morning, what should he do?",
    "Love the new patient app, refills are so much easier now.",
]
NAMES = ["Jordan Ellis", "Sam Okafor", "Rita Moreno-Diaz", "Lee Park", "Ana Lucía Vega", "Chris Novak",
         "Dana Whitfield", "Priya Raman", "Marc Dubois", "Tess Halloran", "Omar Haddad", "June Kowalski"]


class Generator:
    """Builds deliveries; ids are unique per run so every delivery is a new message."""

    def __init__(self, channels: list[Channel], products: list[str], seed: int = 7) -> None:
        self.random = random.Random(seed)
        self.counter = itertools.count(1)
        self.run = f"{int(time.time())}{self.random.randrange(1000, 9999)}"
        self.products = products or ["our product"]
        self.builders: list[tuple[Channel, str, Callable[[Simulation, Channel, str], Delivery]]] = []
        for channel in channels:
            entry = BUILDERS.get(channel.platform)
            if entry is None or not channel.external_id:
                continue
            signed_with, builder = entry
            try:
                secret = reveal(channel.secrets.get(signed_with, ""))
            except SecretError:
                continue
            self.builders.append((channel, secret, builder))

    def text(self) -> str:
        return self.random.choice(TEXTS).format(product=self.random.choice(self.products))

    def person(self) -> tuple[str, str]:
        name = self.random.choice(NAMES)
        return f"{self.random.randrange(10**9, 10**10)}", name

    def next(self) -> Delivery:
        channel, secret, builder = self.random.choice(self.builders)
        delivery = builder(self, channel, secret)
        delivery.headers["Content-Type"] = "application/json"
        return delivery

    def uid(self) -> str:
        return f"{self.run}{next(self.counter):07d}"


#: per push platform: the channel secret it signs with (its ``verify.py``) and the signed
#: delivery its ``sandbox.py`` builds
BUILDERS: dict[str, tuple[str, Callable[[Simulation, Channel, str], Delivery]]] = {
    "facebook": (meta_verify.SIGNED_WITH, meta.delivery),
    "instagram": (meta_verify.SIGNED_WITH, meta.delivery),
    "x": (x_verify.SIGNED_WITH, x.delivery),
    "tiktok": (tiktok_verify.SIGNED_WITH, tiktok.delivery),
    "linkedin": (linkedin_verify.SIGNED_WITH, linkedin.delivery),
}


@dataclass
class RunStats:
    sent: int = 0
    ok: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    latencies_ms: list[float] = field(default_factory=list)
    mention_ids: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def percentile(self, p: float) -> float:
        if not self.latencies_ms:
            return 0.0
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


#: How long an idle connection is kept for reuse: below the server's keep-alive (``carewatch serve``:
#: 5 s). The server starts counting when it has written a response, the client when it has read it
#: (later); a connection reused in that gap is closed by the server with the request unread: a
#: ``ReadError`` here, nothing stored there. Retiring idle connections first avoids that race.
KEEPALIVE_EXPIRY_S = 4.0


def run(url: str, generator: Generator, rate: float, duration: float, *, workers: int = 32,
        on_progress: Callable[[RunStats], None] | None = None) -> RunStats:
    """Send ``rate`` deliveries per second for ``duration`` seconds; bounded in count and time."""
    if not generator.builders:
        raise ValueError("no channel of this client can be simulated (push platforms with an external id and secret)")
    stats = RunStats()
    total = int(rate * duration)
    base = url.rstrip("/")
    client = httpx.Client(timeout=httpx.Timeout(10.0),
                          limits=httpx.Limits(max_connections=workers, keepalive_expiry=KEEPALIVE_EXPIRY_S))

    def send(delivery: Delivery) -> None:
        started = time.perf_counter()
        try:
            response = client.post(base + delivery.path, content=delivery.body, headers=delivery.headers)
            elapsed = (time.perf_counter() - started) * 1000
            key = "ok" if response.status_code == 200 else f"http {response.status_code}"
        except httpx.HTTPError as exc:
            elapsed = (time.perf_counter() - started) * 1000
            key = exc.__class__.__name__
        with stats.lock:
            stats.latencies_ms.append(elapsed)
            if key == "ok":
                stats.ok += 1
                stats.mention_ids.extend(delivery.mention_ids)
            else:
                stats.errors[key] = stats.errors.get(key, 0) + 1

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for i in range(total):
            due = start + i / rate
            delay = due - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            pool.submit(send, generator.next())
            stats.sent += 1
            if on_progress is not None and i and i % max(1, int(rate)) == 0:
                on_progress(stats)
    client.close()
    return stats


def simulate_for_client(slug: str) -> Generator:
    from carewatch.tenancy.models import Client, Product

    client = Client.objects.get(slug=slug)
    channels = list(Channel.objects.filter(client=client, is_active=True))
    products = list(Product.objects.filter(client=client).values_list("name", flat=True))
    return Generator(channels, products)


def summary(stats: RunStats, elapsed: float) -> dict[str, Any]:
    return {
        "sent": stats.sent, "ok": stats.ok, "errors": stats.errors,
        "rate_achieved": round(stats.sent / elapsed, 1) if elapsed else 0.0,
        "ack_ms_p50": round(stats.percentile(50), 2), "ack_ms_p99": round(stats.percentile(99), 2),
        "ack_ms_max": round(max(stats.latencies_ms or [0.0]), 2),
    }
