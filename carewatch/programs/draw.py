"""The giveaway draw: reproducible by anyone from what is recorded.

The eligible entries are frozen as a list (entry id, handle, author id, mention id, time) in entry
order; its SHA-256 over canonical JSON is recorded. The seed is 32 bytes from ``secrets``. Winners
are picked by a partial Fisher-Yates shuffle whose random indices come from SHA-256(seed ‖ counter),
by rejection sampling (no modulo bias). The same seed and list give the same winners on any machine
and any Python version: no library random generator is involved.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from carewatch.lib.canonical import canonical_json

ALGORITHM = "fisher-yates/sha256-counter/v1"


def freeze_entries(entries: Iterable[Any]) -> tuple[list[dict[str, Any]], str]:
    frozen = [{"entry": e.pk, "handle": e.author_handle, "author": e.author_external_id, "mention": e.mention_id,
               "at": e.entered_at.isoformat()} for e in entries]
    return frozen, entries_hash(frozen)


def entries_hash(frozen: list[dict[str, Any]]) -> str:
    return hashlib.sha256(canonical_json(frozen).encode()).hexdigest()


def _uniform(seed: bytes, counter: int, bound: int) -> tuple[int, int]:
    """A uniform integer in [0, bound) and the next counter."""
    limit = (1 << 256) - ((1 << 256) % bound)
    while True:
        value = int.from_bytes(hashlib.sha256(seed + counter.to_bytes(8, "big")).digest(), "big")
        counter += 1
        if value < limit:
            return value % bound, counter


def draw(frozen: list[dict[str, Any]], seed_hex: str, count: int) -> list[dict[str, Any]]:
    """The first ``count`` entries of the seeded shuffle (winners, then alternates)."""
    seed = bytes.fromhex(seed_hex)
    pool = list(frozen)
    counter = 0
    picked: list[dict[str, Any]] = []
    for i in range(min(count, len(pool))):
        j, counter = _uniform(seed, counter, len(pool) - i)
        pool[i], pool[i + j] = pool[i + j], pool[i]
        picked.append(pool[i])
    return picked


@dataclass(frozen=True)
class Verification:
    ok: bool
    problem: str
    algorithm: str
    seed: str
    entry_count: int
    entries_hash: str
    winners: list[str]
    alternates: list[str]


def verify_draw(giveaway: Any) -> Verification:
    """Re-run the recorded draw: the frozen list must still hash to what was recorded, and the same
    seed must give the same winners and alternates."""
    frozen = list(giveaway.frozen_entries or [])
    digest = entries_hash(frozen)
    base = {"algorithm": giveaway.algorithm, "seed": giveaway.seed, "entry_count": len(frozen),
            "entries_hash": digest}
    if not giveaway.seed:
        return Verification(False, "no draw recorded", winners=[], alternates=[], **base)
    if giveaway.algorithm != ALGORITHM:
        return Verification(False, f"unknown algorithm {giveaway.algorithm!r}", winners=[], alternates=[], **base)
    picked = draw(frozen, giveaway.seed, len(giveaway.winners) + len(giveaway.alternates))
    winners = [p["handle"] for p in picked[:len(giveaway.winners)]]
    alternates = [p["handle"] for p in picked[len(giveaway.winners):]]
    problem = ""
    if digest != giveaway.entries_sha256:
        problem = f"the frozen entry list hashes to {digest}, not the recorded {giveaway.entries_sha256}"
    elif picked[:len(giveaway.winners)] != list(giveaway.winners) or \
            picked[len(giveaway.winners):] != list(giveaway.alternates):
        problem = "the re-run picks different winners from those recorded"
    return Verification(not problem, problem, winners=winners, alternates=alternates, **base)
