"""Signed, expiring one-click acknowledgement links: ``/ack/<token>/``.

The token is ``<notification id>-<random id>`` signed with Django's ``TimestampSigner`` (salted
for this purpose only, so no other signed value of the project is accepted here). The random id
is stored on the notification: a token is only good for the row it was made for, and a new
notice gets a new id. Expiry is ``escalation_ack_link_hours`` of the client (default 72 h),
counted from when the link was made.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone

SALT = "carewatch.escalation.ack-link"
SEP = "."  # keeps the token URL-safe: [A-Za-z0-9_-] and dots


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT, sep=SEP)


def new_token_id() -> str:
    return secrets.token_hex(16)


def make_token(notification_id: int, token_id: str) -> str:
    return _signer().sign(f"{notification_id}-{token_id}")


class LinkInvalid(Exception):
    """Tampered, truncated or not ours."""


@dataclass(frozen=True)
class LinkClaim:
    notification_id: int
    token_id: str
    signed_at: datetime

    def expired(self, max_age: timedelta, now: datetime | None = None) -> bool:
        return (now or timezone.now()) - self.signed_at > max_age


def read_token(token: str) -> LinkClaim:
    """What a genuine token says (its age is checked by the caller, against the client's own
    expiry); LinkInvalid for anything tampered with or made by another signer."""
    signer = _signer()
    try:
        # Signer.unsign checks the signature over "value.timestamp" without judging the age.
        signed = signing.Signer.unsign(signer, token)
        value, stamp = signed.rsplit(SEP, 1)
        signed_at = datetime.fromtimestamp(signing.b62_decode(stamp), tz=UTC)
    except (signing.BadSignature, ValueError):
        raise LinkInvalid from None
    pk, _, token_id = value.partition("-")
    if not pk.isdigit() or len(token_id) != 32:
        raise LinkInvalid
    return LinkClaim(int(pk), token_id, signed_at)


def base_url() -> str:
    return str(getattr(settings, "CAREWATCH_BASE_URL", "http://127.0.0.1:8000")).rstrip("/")


def ack_url(notification_id: int, token_id: str) -> str:
    return base_url() + reverse("escalation:ack_link", args=[make_token(notification_id, token_id)])
