"""Second factors: TOTP (RFC 6238, through pyotp), WebAuthn security keys and passkeys
(``passkeys``), and single-use recovery codes."""

from __future__ import annotations

import hashlib
import secrets
import time

import pyotp

from carewatch.identity.models import RecoveryCode, TotpDevice, WebAuthnCredential
from carewatch.lib.secrets import reveal, seal

ISSUER = "Carewatch"
RECOVERY_CODES = 10
STEP = 30


def new_secret() -> str:
    return pyotp.random_base32()


def sealed(secret: str) -> str:
    return seal(secret)


def secret_of(device: TotpDevice) -> str:
    return reveal(device.secret)


def provisioning_uri(secret: str, email: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=ISSUER)


def matching_step(device: TotpDevice, code: str, at: float | None = None) -> int | None:
    """The 30-second step this code belongs to (the current one or one either side, for clock
    drift), if it is valid and newer than the last code accepted; None otherwise."""
    code = "".join(ch for ch in code if ch.isdigit())
    if len(code) != 6:
        return None
    now = time.time() if at is None else at
    totp = pyotp.TOTP(secret_of(device))
    current = int(now // STEP)
    for step in (current - 1, current, current + 1):
        if step > device.last_step and secrets.compare_digest(totp.at(step * STEP), code):
            return step
    return None


def hash_code(code: str) -> str:
    return hashlib.sha256(code.replace("-", "").strip().lower().encode()).hexdigest()


def new_recovery_codes() -> list[str]:
    codes = []
    for _ in range(RECOVERY_CODES):
        raw = secrets.token_hex(5)
        codes.append(f"{raw[:5]}-{raw[5:]}")
    return codes


def unused_recovery_code(user_id: int, code: str) -> RecoveryCode | None:
    return RecoveryCode.objects.filter(user_id=user_id, code_hash=hash_code(code), used_at__isnull=True).first()


def has_totp(user_id: int) -> bool:
    return TotpDevice.objects.filter(user_id=user_id, confirmed_at__isnull=False).exists()


def has_webauthn(user_id: int) -> bool:
    return WebAuthnCredential.objects.filter(user_id=user_id).exists()


def has_factor(user_id: int) -> bool:
    """Either factor satisfies ``mfa_required_roles``."""
    return has_totp(user_id) or has_webauthn(user_id)
