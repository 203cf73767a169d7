"""LinkedIn's webhook validation (GET ``challengeCode``) and payload signature (``X-LI-Signature``).

* challenge: ``challengeResponse = hex(HMAC-SHA256(key=clientSecret, msg=challengeCode))``;
* POST: ``X-LI-Signature = hex(HMAC-SHA256(key=clientSecret, msg=b"hmacsha256=" + raw body))``.
  Implementations disagree on whether the header itself carries a ``hmacsha256=`` prefix, so
  an optional prefix is stripped and the hex compared lowercase.
"""

from __future__ import annotations

import hashlib
import hmac

SIGNED_WITH = "client_secret"  # the channel secret LinkedIn signs with (the app's client secret)
SIGNATURE_HEADER = "X-LI-Signature"
PREFIX = "hmacsha256="


def challenge_response(code: str, client_secret: str) -> dict[str, str]:
    digest = hmac.new(client_secret.encode(), code.encode(), hashlib.sha256).hexdigest()
    return {"challengeCode": code, "challengeResponse": digest}


def expected(raw: bytes, client_secret: str) -> str:
    return hmac.new(client_secret.encode(), PREFIX.encode() + raw, hashlib.sha256).hexdigest()


def signature_valid(raw: bytes, header: str | None, client_secret: str) -> bool:
    if not header:
        return False
    got = header.strip().lower().removeprefix(PREFIX)
    return hmac.compare_digest(got, expected(raw, client_secret))


def sign(raw: bytes, client_secret: str) -> str:
    """The header value LinkedIn would send (for tests and the simulator)."""
    return expected(raw, client_secret)


def signed_headers(raw: bytes, client_secret: str) -> dict[str, str]:
    """The signature header of a delivery of ``raw``, as LinkedIn sends it."""
    return {SIGNATURE_HEADER: sign(raw, client_secret)}
