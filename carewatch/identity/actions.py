"""Every change to second factors, sessions and the security policy: permission, rows and audit
event in one transaction."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from carewatch.audit.chain import append
from carewatch.identity import factors, passkeys
from carewatch.identity.models import (
    RecoveryCode,
    SecurityPolicy,
    TotpDevice,
    TrackedSession,
    WebAuthnCredential,
)
from carewatch.identity.policy import mfa_required, validate
from carewatch.lib import secrets
from carewatch.tenancy.models import User

log = logging.getLogger(__name__)

MAX_FAILURES = 5
LOCK_MINUTES = 15


# ------------------------------------------------------------------ policy (config as code)
def do_apply_security_policy(spec: Any, actor: User | None = None) -> list[str]:
    """Apply the config file's ``security:`` block; returns the changes as lines."""
    wanted = validate(spec)
    with transaction.atomic():
        policy = SecurityPolicy.objects.select_for_update().order_by("pk").first() or SecurityPolicy()
        stored_sso: list[dict[str, Any]] = list(policy.sso or [])
        before = {"mfa_required_roles": policy.mfa_required_roles or [],
                  "idle_timeout_minutes": policy.idle_timeout_minutes or {}, "sso": stored_sso}
        wanted["sso"] = _sealed_providers(wanted["sso"], stored_sso)
        if policy.pk is not None and before == wanted:
            return []
        policy.mfa_required_roles = wanted["mfa_required_roles"]
        policy.idle_timeout_minutes = wanted["idle_timeout_minutes"]
        policy.sso = wanted["sso"]
        policy.save()
        shown = {**wanted, "sso": _redacted(wanted["sso"])}
        append("security.policy", actor=actor, actor_label=None if actor else "config", obj=policy,
               data={"before": {**before, "sso": _redacted(stored_sso)}, "after": shown})
    return [f"security policy: {shown}"]


def _sealed_providers(wanted: list[dict[str, Any]], stored: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Client secrets are kept as ``env:NAME`` or encrypted (``enc:``), never plain. A plain secret
    equal to the one already stored keeps the stored cipher text (so re-applying changes nothing)."""
    old = {p["name"]: p.get("client_secret", "") for p in stored}
    out = []
    for provider in wanted:
        secret = provider["client_secret"]
        if not secret.startswith((secrets.ENV_PREFIX, secrets.ENC_PREFIX)):
            kept = old.get(provider["name"], "")
            try:
                same = kept.startswith(secrets.ENC_PREFIX) and secrets.reveal(kept) == secret
            except secrets.SecretError:
                same = False
            secret = kept if same else secrets.seal(secret)
        out.append({**provider, "client_secret": secret})
    return out


def _redacted(providers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**p, "client_secret": p["client_secret"] if p["client_secret"].startswith(secrets.ENV_PREFIX)
             else "enc:…"} for p in providers]


# ------------------------------------------------------------------ single sign-on
class SsoRefused(Exception):
    """The identity provider's answer does not let this person in; the message says why."""


def do_sso_sign_in(provider: dict[str, Any], claims: dict[str, Any], ip: str = "") -> User:
    """The user an identity provider vouched for (its ID token's claims, already checked), or
    ``SsoRefused``. The e-mail must be verified and in one of the provider's domains. An unknown
    user is created (no usable password, no roles: roles come only from Carewatch's config) only
    when the provider has ``create_users``. Every outcome is audited."""
    name = provider["name"]
    email = str(claims.get("email") or "").strip().lower()
    domain = email.rpartition("@")[2]
    with transaction.atomic():
        reason = ""
        if not email or "@" not in email:
            reason = "the identity provider sent no e-mail address"
        elif claims.get("email_verified") is not True:
            reason = "the identity provider has not verified this e-mail address"
        elif domain not in provider["domains"]:
            reason = f"{domain} is not a domain that signs in through {name}"
        user = User.objects.filter(email__iexact=email).first() if not reason else None
        if not reason and user is not None and not user.is_active:
            reason = "this account is disabled in Carewatch"
        if not reason and user is None and not provider.get("create_users"):
            reason = "there is no Carewatch account for this e-mail address; ask your administrator"
        if reason:  # recorded, then refused (outside the transaction, so the record stays)
            append("login.sso_refused", actor_label=f"sso:{name}", object_type="identity.sso", object_id=name,
                   data={"provider": name, "domain": domain, "reason": reason, "ip": ip})
            user = None
        elif user is None:
            user = User(email=email, name=str(claims.get("name") or "")[:200])
            user.set_unusable_password()
            user.save()
            append("user.jit_create", actor_label=f"sso:{name}", obj=user,
                   data={"provider": name, "email": email, "sub": str(claims.get("sub", "")), "roles": []})
        if user is not None:
            append("login.sso", actor=user, obj=user, data={"provider": name, "sub": str(claims.get("sub", "")),
                                                            "ip": ip})
    if user is None:
        raise SsoRefused(reason)
    return user


# ------------------------------------------------------------------ TOTP enrolment
def do_enrol_totp(user: User, secret: str, code: str) -> list[str]:
    """Set up an authenticator from the secret shown to the user and its first code; returns the
    recovery codes (shown once, stored hashed)."""
    with transaction.atomic():
        if TotpDevice.objects.select_for_update().filter(user=user, confirmed_at__isnull=False).exists():
            raise ValidationError("An authenticator is already set up; ask an admin to reset it first.")
        device = TotpDevice.objects.filter(user=user).first() or TotpDevice(user=user)
        device.secret = factors.sealed(secret)
        device.last_step, device.failures, device.locked_until = 0, 0, None
        step = factors.matching_step(device, code)
        if step is None:
            raise ValidationError("That code is not right: check the authenticator's clock and try the next code.")
        device.last_step = step
        device.confirmed_at = timezone.now()
        device.save()
        codes = factors.new_recovery_codes()
        RecoveryCode.objects.filter(user=user).delete()
        RecoveryCode.objects.bulk_create([RecoveryCode(user=user, code_hash=factors.hash_code(c)) for c in codes])
        append("mfa.enrol", actor=user, obj=device, data={"factor": "totp", "recovery_codes": len(codes)})
    return codes


def do_check_second_factor(user: User, code: str) -> str:
    """Check a code from the authenticator or a recovery code; returns ``totp`` or ``recovery``.
    Five wrong codes in a row lock the factor for 15 minutes (audited)."""
    now = timezone.now()
    with transaction.atomic():
        device = TotpDevice.objects.select_for_update().filter(user=user, confirmed_at__isnull=False).first()
        if device is None:
            return _check_recovery_code_only(user, code)
        if device.locked_until and device.locked_until > now:
            raise ValidationError("Too many wrong codes: try again in a few minutes.")
        step = factors.matching_step(device, code)
        if step is not None:
            device.last_step, device.failures, device.locked_until = step, 0, None
            device.save(update_fields=["last_step", "failures", "locked_until"])
            return "totp"
        recovery = factors.unused_recovery_code(user.pk, code)
        if recovery is not None:
            recovery.used_at = now
            recovery.save(update_fields=["used_at"])
            device.failures, device.locked_until = 0, None
            device.save(update_fields=["failures", "locked_until"])
            left = RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()
            append("mfa.recovery_code_used", actor=user, obj=device, data={"left": left})
            return "recovery"
        device.failures += 1
        if device.failures >= MAX_FAILURES:
            device.locked_until = now + timedelta(minutes=LOCK_MINUTES)
            append("mfa.locked", actor=user, obj=device, data={"failures": device.failures})
        device.save(update_fields=["failures", "locked_until"])
    raise ValidationError("That code is not right.")


def _check_recovery_code_only(user: User, code: str) -> str:
    """A user whose only factor is a security key may still use a recovery code (lost key)."""
    if not WebAuthnCredential.objects.filter(user=user).exists():
        raise ValidationError("No second factor is set up.")
    recovery = factors.unused_recovery_code(user.pk, code)
    if recovery is None:
        raise ValidationError("That code is not right.")
    recovery.used_at = timezone.now()
    recovery.save(update_fields=["used_at"])
    left = RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()
    append("mfa.recovery_code_used", actor=user, obj=user, data={"left": left})
    return "recovery"


# ------------------------------------------------------------------ WebAuthn: security keys and passkeys
def do_enrol_webauthn(user: User, name: str, key: passkeys.NewKey) -> list[str]:
    """Store a security key or passkey the user just registered (its answer already checked
    against our challenge, origin and RP ID) under the name they gave it. Returns new recovery
    codes when the user had none left (shown once, stored hashed), else an empty list."""
    name = " ".join((name or "").split())[:60] or "Security key"
    with transaction.atomic():
        if WebAuthnCredential.objects.filter(credential_id=key.credential_id).exists():
            raise ValidationError("This security key is already registered.")
        cred = WebAuthnCredential.objects.create(
            user=user, name=name, credential_id=key.credential_id, public_key=key.public_key,
            sign_count=key.sign_count, transports=key.transports, aaguid=key.aaguid, backed_up=key.backed_up)
        codes: list[str] = []
        if not RecoveryCode.objects.filter(user=user, used_at__isnull=True).exists():
            codes = factors.new_recovery_codes()
            RecoveryCode.objects.filter(user=user).delete()
            RecoveryCode.objects.bulk_create([RecoveryCode(user=user, code_hash=factors.hash_code(c)) for c in codes])
        append("mfa.enrol", actor=user, obj=cred, data={"factor": "webauthn", "name": name, "aaguid": key.aaguid,
                                                        "passkey_synced": key.backed_up, "recovery_codes": len(codes)})
    return codes


def do_check_webauthn(user: User, credential_json: str, challenge: bytes, *, purpose: str,
                      user_verification: bool = False) -> WebAuthnCredential:
    """Check a security key's answer (``navigator.credentials.get``) to ``challenge``: as the second
    factor at log-in (``purpose`` "login") or to re-authenticate at signing ("signature", where the
    user must also be verified by the key: PIN or biometrics). The key's sign counter is moved on;
    a counter that did not grow (a cloned key, a replayed answer) is refused. Every refusal is
    audited."""
    reason = ""
    with transaction.atomic():
        try:
            assertion = passkeys.verify_assertion(user, credential_json, challenge,
                                                  user_verification=user_verification)
        except passkeys.PasskeyError as exc:
            reason = str(exc)
        else:
            cred = WebAuthnCredential.objects.select_for_update().get(pk=assertion.credential.pk)
            if assertion.new_sign_count and assertion.new_sign_count <= cred.sign_count:
                reason = "the sign counter went back (a cloned key or a replayed answer)"
            else:
                cred.sign_count = assertion.new_sign_count
                cred.last_used_at = timezone.now()
                cred.save(update_fields=["sign_count", "last_used_at"])
                return cred
    with transaction.atomic():  # the audit chain is written in a transaction, even outside a request's
        append("mfa.webauthn_refused", actor=user, obj=user, data={"purpose": purpose, "reason": reason[:300]})
    raise ValidationError(f"The security key was not accepted: {reason}.")


def do_remove_webauthn(actor: User, cred: WebAuthnCredential) -> None:
    """Remove a security key: its owner (or an agency admin). The owner's last second factor is
    not removed while their role requires one (set up another first, or ask an admin to reset)."""
    owner = cred.user
    if cred.user_id != actor.pk and not actor.is_agency_admin:
        raise PermissionDenied("Not your security key")
    with transaction.atomic():
        others = (WebAuthnCredential.objects.filter(user=owner).exclude(pk=cred.pk).exists()
                  or TotpDevice.objects.filter(user=owner, confirmed_at__isnull=False).exists())
        if not others and mfa_required(owner) and actor.pk == owner.pk:
            raise ValidationError("Your role requires a second factor: set up another one before removing this key.")
        append("mfa.remove", actor=actor, obj=owner, data={"factor": "webauthn", "name": cred.name,
                                                          "user": owner.email, "credential": cred.pk})
        cred.delete()
        if actor.pk != owner.pk:
            name = cred.name
            transaction.on_commit(lambda: _tell(owner, "A security key was removed from your Carewatch account",
                                                f"An administrator ({actor.email}) removed your security key "
                                                f"“{name}”. If you did not ask for this, tell your security team."))


def do_reset_factors(actor: User | None, target: User) -> None:
    """An agency admin (or the operator, from the CLI: ``actor`` None) removes a user's second
    factors (lost phone): the user must enrol again at the next sign-in, every session of theirs
    ends, and they are told by e-mail."""
    if actor is not None and not actor.is_agency_admin:
        raise PermissionDenied("Only an agency admin can reset a second factor")
    with transaction.atomic():
        removed = TotpDevice.objects.filter(user=target).delete()[0]
        keys = WebAuthnCredential.objects.filter(user=target).delete()[0]
        RecoveryCode.objects.filter(user=target).delete()
        ended = _end_sessions(target, "factor reset")
        append("mfa.reset", actor=actor, actor_label=None if actor else "cli", obj=target,
               data={"user": target.email, "removed": removed, "webauthn_removed": keys, "sessions_ended": ended})
        who = actor.email if actor else "the operator"
        transaction.on_commit(lambda: _tell(target, "Your Carewatch second factor was reset",
                                            f"An administrator ({who}) reset your second factor. "
                                            "Your authenticator and security keys were removed: you will be "
                                            "asked to set up a second factor at your next sign-in. "
                                            "If you did not ask for this, tell your security team at once."))


def _tell(user: User, subject: str, body: str) -> None:
    if not getattr(settings, "CAREWATCH_EMAIL_CONFIGURED", False):
        log.info("e-mail is not configured: user %s was not e-mailed about a security change", user.pk)
        return
    try:
        email = EmailMessage(subject, body, to=[user.email])
        email.send(using="default") if hasattr(settings, "MAILERS") else email.send()
    except Exception:
        log.exception("could not e-mail user %s about a security change", user.pk)


# ------------------------------------------------------------------ sessions
def _end_sessions(user: User, reason: str, keep: str | None = None) -> int:
    now = timezone.now()
    tracked = TrackedSession.objects.filter(user=user, ended_at__isnull=True)
    if keep:
        tracked = tracked.exclude(session_key=keep)
    keys = list(tracked.values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=keys).delete()
    tracked.update(ended_at=now, ended_reason=reason)
    return len(keys)


def do_end_session(actor: User, tracked: TrackedSession) -> None:
    """End one of the actor's own sessions (or anyone's, for an agency admin)."""
    if tracked.user_id != actor.pk and not actor.is_agency_admin:
        raise PermissionDenied("Not your session")
    with transaction.atomic():
        Session.objects.filter(session_key=tracked.session_key).delete()
        tracked.ended_at = timezone.now()
        tracked.ended_reason = "revoked"
        tracked.save(update_fields=["ended_at", "ended_reason"])
        append("session.revoke", actor=actor, obj=tracked, data={"user_id": tracked.user_id})


def do_end_other_sessions(actor: User, current_key: str) -> int:
    with transaction.atomic():
        ended = _end_sessions(actor, "revoked", keep=current_key)
        if ended:
            append("session.revoke_others", actor=actor, obj=actor, data={"ended": ended})
    return ended
