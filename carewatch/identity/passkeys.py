"""WebAuthn (security keys and passkeys) through py_webauthn: the options a browser is given for
``navigator.credentials.create``/``get``, the challenges behind them, and the checks of what the
browser sends back. State changes (storing a key, counting its use) are in ``actions``.

The relying party is the desk's public address: ``WEBAUTHN_RP_ID`` and ``WEBAUTHN_ORIGIN``
(``CAREWATCH_WEBAUTHN_RP_ID``/``_ORIGIN`` in the environment), by default the host and origin of
``CAREWATCH_BASE_URL``. A browser only gives out a credential for its own origin, and the server
checks the origin and RP ID the authenticator signed.

Challenges are 32 random bytes, single use, valid ``CHALLENGE_SECONDS``: log-in and registration
keep theirs in the session; signing keeps its in the database (``WebAuthnChallenge``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.utils import timezone
from webauthn import (
    base64url_to_bytes,
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import bytes_to_base64url
from webauthn.helpers.exceptions import InvalidAuthenticationResponse, InvalidRegistrationResponse
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    AuthenticatorTransport,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from carewatch.identity.models import WebAuthnChallenge, WebAuthnCredential
from carewatch.tenancy.models import User

RP_NAME = "Carewatch"
CHALLENGE_SECONDS = 300
TIMEOUT_MS = 120_000
SESSION_KEY = "carewatch.webauthn"  # {purpose: [challenge (base64url), expires (timestamp)]}
REGISTER, LOGIN = "register", "login"
MAX_SIGNING_CHALLENGES = 10  # unexpired signing challenges kept per user


class PasskeyError(Exception):
    """What the browser sent is not a valid answer to our challenge; the message says why."""


@dataclass(frozen=True)
class RelyingParty:
    rp_id: str
    origin: str


def relying_party() -> RelyingParty:
    base = str(getattr(settings, "CAREWATCH_BASE_URL", "") or "http://localhost:8000").rstrip("/")
    parts = urlsplit(base)
    rp_id = str(getattr(settings, "WEBAUTHN_RP_ID", "") or parts.hostname or "localhost")
    origin = str(getattr(settings, "WEBAUTHN_ORIGIN", "") or f"{parts.scheme}://{parts.netloc}").rstrip("/")
    return RelyingParty(rp_id, origin)


def _descriptors(user: User) -> list[PublicKeyCredentialDescriptor]:
    out = []
    for cred in WebAuthnCredential.objects.filter(user=user).order_by("pk"):
        transports = [AuthenticatorTransport(t) for t in cred.transports
                      if t in {m.value for m in AuthenticatorTransport}]
        out.append(PublicKeyCredentialDescriptor(id=_bytes(cred.credential_id), transports=transports or None))
    return out


def _bytes(b64: str) -> bytes:
    return base64url_to_bytes(b64)


def user_handle(user: User) -> bytes:
    """The user's WebAuthn handle: opaque (no e-mail address), stable for the user."""
    return f"carewatch-user-{user.pk}".encode()


# ------------------------------------------------------------------ challenges in the session
def remember(session: SessionBase, purpose: str, challenge: bytes) -> None:
    pending = dict(session.get(SESSION_KEY) or {})
    pending[purpose] = [bytes_to_base64url(challenge), timezone.now().timestamp() + CHALLENGE_SECONDS]
    session[SESSION_KEY] = pending


def take(session: SessionBase, purpose: str) -> bytes:
    """The challenge given for ``purpose``, forgotten as it is taken (single use), if not expired."""
    pending = dict(session.get(SESSION_KEY) or {})
    entry = pending.pop(purpose, None)
    session[SESSION_KEY] = pending
    if not entry or float(entry[1]) < timezone.now().timestamp():
        raise PasskeyError("the challenge expired or was already used: start again")
    return _bytes(str(entry[0]))


# ------------------------------------------------------------------ registration
def registration_options(user: User) -> tuple[str, bytes]:
    """Options for ``navigator.credentials.create`` (JSON) and their challenge. Keys the user has
    already registered are excluded; a passkey (discoverable credential) is preferred."""
    rp = relying_party()
    options = generate_registration_options(
        rp_id=rp.rp_id, rp_name=RP_NAME, user_id=user_handle(user), user_name=user.email,
        user_display_name=user.name or user.email, timeout=TIMEOUT_MS,
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.PREFERRED, user_verification=UserVerificationRequirement.PREFERRED),
        exclude_credentials=_descriptors(user))
    return options_to_json(options), options.challenge


@dataclass(frozen=True)
class NewKey:
    credential_id: str
    public_key: bytes
    sign_count: int
    aaguid: str
    backed_up: bool
    transports: list[str]


def verify_registration(credential_json: str, challenge: bytes) -> NewKey:
    rp = relying_party()
    try:
        parsed = json.loads(credential_json)
        verified = verify_registration_response(credential=parsed, expected_challenge=challenge,
                                                expected_rp_id=rp.rp_id, expected_origin=rp.origin)
    except (ValueError, TypeError, KeyError, InvalidRegistrationResponse) as exc:
        raise PasskeyError(f"the security key's answer was not accepted ({exc})") from exc
    transports = parsed.get("response", {}).get("transports") if isinstance(parsed, dict) else None
    return NewKey(credential_id=bytes_to_base64url(verified.credential_id),
                  public_key=verified.credential_public_key, sign_count=verified.sign_count,
                  aaguid=str(verified.aaguid), backed_up=bool(verified.credential_backed_up),
                  transports=[str(t) for t in transports][:10] if isinstance(transports, list) else [])


# ------------------------------------------------------------------ authentication (log-in, signing)
def authentication_options(user: User, *, user_verification: bool) -> tuple[str, bytes]:
    """Options for ``navigator.credentials.get`` limited to the user's own keys, and their challenge."""
    options = generate_authentication_options(
        rp_id=relying_party().rp_id, timeout=TIMEOUT_MS, allow_credentials=_descriptors(user),
        user_verification=(UserVerificationRequirement.REQUIRED if user_verification
                           else UserVerificationRequirement.PREFERRED))
    return options_to_json(options), options.challenge


@dataclass(frozen=True)
class Assertion:
    credential: WebAuthnCredential
    new_sign_count: int
    user_verified: bool


def parse(credential_json: str) -> dict[str, Any]:
    try:
        parsed = json.loads(credential_json)
    except ValueError as exc:
        raise PasskeyError("the security key's answer is not JSON") from exc
    if not isinstance(parsed, dict) or not isinstance(parsed.get("id"), str):
        raise PasskeyError("the security key's answer names no credential")
    return parsed


def verify_assertion(user: User, credential_json: str, challenge: bytes, *, user_verification: bool) -> Assertion:
    """Check a ``navigator.credentials.get`` answer: one of this user's keys, our challenge, our
    origin and RP ID, a valid signature, a sign counter that went up (when the key keeps one), and
    the user verified (PIN, biometrics) when asked."""
    parsed = parse(credential_json)
    cred = WebAuthnCredential.objects.filter(user=user, credential_id=parsed["id"]).first()
    if cred is None:
        raise PasskeyError("this security key is not registered to your account")
    rp = relying_party()
    try:
        verified = verify_authentication_response(
            credential=parsed, expected_challenge=challenge, expected_rp_id=rp.rp_id, expected_origin=rp.origin,
            credential_public_key=bytes(cred.public_key), credential_current_sign_count=cred.sign_count,
            require_user_verification=user_verification)
    except (ValueError, TypeError, KeyError, InvalidAuthenticationResponse) as exc:
        raise PasskeyError(str(exc)) from exc
    return Assertion(cred, verified.new_sign_count, bool(verified.user_verified))


# ------------------------------------------------------------------ signing challenges (database)
def signing_options(user: User) -> str:
    """Options for re-authentication at signing (user verification required: for a user without a
    password, the passkey and its PIN or biometrics are the whole re-authentication)."""
    now = timezone.now()
    WebAuthnChallenge.objects.filter(expires_at__lt=now).delete()
    # A few signing forms open at once are fine; a flood of requests keeps only the newest few.
    stale = WebAuthnChallenge.objects.filter(user=user).order_by("-pk").values_list("pk", flat=True)[
        MAX_SIGNING_CHALLENGES - 1:]
    WebAuthnChallenge.objects.filter(pk__in=list(stale)).delete()
    options_json, challenge = authentication_options(user, user_verification=True)
    WebAuthnChallenge.objects.create(user=user, challenge=bytes_to_base64url(challenge),
                                     expires_at=now + timedelta(seconds=CHALLENGE_SECONDS))
    return options_json


def take_signing_challenge(user: User, credential_json: str) -> bytes:
    """The signing challenge this answer was made for, deleted as it is taken (single use)."""
    parsed = parse(credential_json)
    try:
        client_data = json.loads(_bytes(str(parsed["response"]["clientDataJSON"])))
        challenge = str(client_data["challenge"])
    except (ValueError, TypeError, KeyError) as exc:
        raise PasskeyError("the security key's answer carries no challenge") from exc
    taken = WebAuthnChallenge.objects.filter(user=user, challenge=challenge, expires_at__gte=timezone.now()).delete()[0]
    if not taken:
        raise PasskeyError("the challenge expired or was already used: start again")
    return _bytes(challenge)
