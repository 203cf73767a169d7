"""Meta's webhook handshake and payload signature (X-Hub-Signature-256 over the raw body)."""

from __future__ import annotations

import hashlib
import hmac

SIGNED_WITH = "app_secret"  # the channel secret Meta signs with (the app's secret)
SIGNATURE_HEADER = "X-Hub-Signature-256"


def signature_valid(raw: bytes, header: str | None, app_secret: str) -> bool:
    if not header or not header.startswith("sha256="):
        return False
    return hmac.compare_digest(header[7:].strip().lower(), sign(raw, app_secret)[7:])


def sign(raw: bytes, app_secret: str) -> str:
    """The header value Meta would send (used by the simulator and tests)."""
    return "sha256=" + hmac.new(app_secret.encode(), raw, hashlib.sha256).hexdigest()


def signed_headers(raw: bytes, app_secret: str) -> dict[str, str]:
    """The signature header of a delivery of ``raw``, as Meta sends it."""
    return {SIGNATURE_HEADER: sign(raw, app_secret)}


def challenge_response(params: dict[str, str], verify_tokens: list[str]) -> str | None:
    """The body to answer Meta's GET with, or None (answer 403)."""
    if params.get("hub.mode") != "subscribe":
        return None
    token = params.get("hub.verify_token", "")
    if any(token and hmac.compare_digest(token, t) for t in verify_tokens):
        return params.get("hub.challenge", "")
    return None
