"""X's webhook handshake (CRC) and payload signature: base64 HMAC-SHA256 with the app's secret.

The CRC answer is ``sha256=<base64 HMAC-SHA256(secret, crc_token)>``; every POST carries
``x-twitter-webhooks-signature: sha256=<base64 HMAC-SHA256(consumer secret, raw body)>`` (and,
for apps with an OAuth 2.0 client secret, ``x-twitter-webhooks-signature-oauth2`` made the same
way with that secret). Both are computed over the exact bytes X sent: never re-serialise.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

SIGNED_WITH = "consumer_secret"  # the channel secret X signs ``SIGNATURE_HEADER`` with
OAUTH2_SIGNED_WITH = "client_secret"  # and, for apps that have one, ``OAUTH2_SIGNATURE_HEADER``
SIGNATURE_HEADER = "x-twitter-webhooks-signature"
OAUTH2_SIGNATURE_HEADER = "x-twitter-webhooks-signature-oauth2"


def _digest(secret: str, message: bytes) -> str:
    return "sha256=" + base64.b64encode(hmac.new(secret.encode(), message, hashlib.sha256).digest()).decode()


def crc_response_token(crc_token: str, secret: str) -> str:
    """The ``response_token`` for X's GET ``?crc_token=...`` challenge."""
    return _digest(secret, crc_token.encode())


def sign(raw: bytes, secret: str) -> str:
    """The header value X would send for this body (used by tests and the simulator)."""
    return _digest(secret, raw)


def signed_headers(raw: bytes, secret: str) -> dict[str, str]:
    """The signature header of a delivery of ``raw``, as X sends it (consumer secret)."""
    return {SIGNATURE_HEADER: sign(raw, secret)}


def signature_valid(raw: bytes, header: str | None, secret: str) -> bool:
    if not header or not secret:
        return False
    return hmac.compare_digest(header.strip().encode(), sign(raw, secret).encode())
