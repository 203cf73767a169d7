"""TikTok's webhook signature: ``Tiktok-Signature: t=<unix>,s=<hex HMAC-SHA256(client_secret, "<t>." + raw)>``.

The timestamp is part of what is signed, so a captured delivery cannot be replayed later: a
signature older (or newer) than ``TOLERANCE`` seconds is refused. TikTok's docs only say "reject
if too old"; Chatwoot allows 5 s, which a slow proxy or a clock a little off would fail, so we
allow five minutes (Stripe's figure for the same scheme).
"""

from __future__ import annotations

import hashlib
import hmac
import time

SIGNED_WITH = "client_secret"  # the channel secret TikTok signs with (the app's client secret)
SIGNATURE_HEADER = "Tiktok-Signature"
TOLERANCE = 300  # seconds either side of our clock


def parse_header(header: str | None) -> tuple[int, list[str]] | None:
    """(timestamp, signatures) from the header, or None if it is not in TikTok's form."""
    stamp: int | None = None
    signatures: list[str] = []
    for part in (header or "").split(","):
        key, sep, value = part.strip().partition("=")
        if not sep:
            return None
        if key == "t":
            if not value.strip().isdigit():
                return None
            stamp = int(value.strip())
        elif key == "s":
            signatures.append(value.strip().lower())
    if stamp is None or not signatures:
        return None
    return stamp, signatures


def expected(raw: bytes, secret: str, stamp: int) -> str:
    return hmac.new(secret.encode(), str(stamp).encode() + b"." + raw, hashlib.sha256).hexdigest()


def signature_valid(raw: bytes, header: str | None, secret: str, now: float, tolerance: int = TOLERANCE) -> bool:
    parsed = parse_header(header)
    if parsed is None:
        return False
    stamp, signatures = parsed
    if abs(now - stamp) > tolerance:
        return False
    want = expected(raw, secret, stamp)
    return any(hmac.compare_digest(s, want) for s in signatures)


def sign(raw: bytes, secret: str, stamp: int) -> str:
    """The header value TikTok would send at ``stamp`` (for tests and the simulator)."""
    return f"t={stamp},s={expected(raw, secret, stamp)}"


def signed_headers(raw: bytes, secret: str, stamp: int | None = None) -> dict[str, str]:
    """The signature header of a delivery of ``raw`` sent at ``stamp`` (now by default)."""
    return {SIGNATURE_HEADER: sign(raw, secret, int(time.time()) if stamp is None else stamp)}
