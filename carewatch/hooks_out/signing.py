"""Standard Webhooks signing (https://www.standardwebhooks.com/): the headers ``webhook-id``,
``webhook-timestamp`` (Unix seconds) and ``webhook-signature: v1,<base64 HMAC-SHA256>`` over
``<id>.<timestamp>.<body>``, keyed by the base64 part of a ``whsec_`` secret. Receivers verify it
with the Standard Webhooks libraries (Python: ``standardwebhooks``)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

PREFIX = "whsec_"


def new_secret() -> str:
    return PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def _key(secret: str) -> bytes:
    if not secret.startswith(PREFIX):
        raise ValueError("a Standard Webhooks secret starts with whsec_")
    return base64.b64decode(secret[len(PREFIX):])


def sign(secret: str, message_id: str, timestamp: int, body: str) -> str:
    digest = hmac.new(_key(secret), f"{message_id}.{timestamp}.{body}".encode(), hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def headers(secret: str, message_id: str, timestamp: int, body: str) -> dict[str, str]:
    return {
        "content-type": "application/json",
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(secret, message_id, timestamp, body),
        "user-agent": "Carewatch-Webhooks/1",
    }


def new_message_id() -> str:
    return "msg_" + secrets.token_urlsafe(18)
