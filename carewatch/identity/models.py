"""Second factors, tracked sessions, the agency's security policy and electronic signatures."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models


class SecurityPolicy(models.Model):
    """The agency-wide policy from the config file's ``security:`` block (one row)."""

    mfa_required_roles = models.JSONField(default=list)  # e.g. ["admin", "supervisor", "safety", "reviewer"]
    idle_timeout_minutes = models.JSONField(default=dict)  # {role: minutes}; "default" for the rest
    # OpenID Connect providers: [{name, issuer, client_id, client_secret (env:/enc: only), domains, create_users}]
    sso = models.JSONField(default=list)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return "security policy"


class TotpDevice(models.Model):
    """A time-based one-time-password authenticator (RFC 6238). Confirmed once a code was entered."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="totp_device")
    secret = models.CharField(max_length=200)  # encrypted at rest (carewatch.lib.secrets)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_step = models.BigIntegerField(default=0)  # the last accepted 30 s step: a code is never used twice
    failures = models.PositiveSmallIntegerField(default=0)  # wrong codes in a row
    locked_until = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"authenticator of {self.user_id}"


class RecoveryCode(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recovery_codes")
    code_hash = models.CharField(max_length=64)
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"recovery code of {self.user_id}"


class TrackedSession(models.Model):
    """A signed-in browser session: listed to its user, revocable, ended when idle too long."""

    session_key = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tracked_sessions")
    created_at = models.DateTimeField(auto_now_add=True)
    last_seen_at = models.DateTimeField()
    ip_address = models.CharField(max_length=64, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_reason = models.CharField(max_length=40, blank=True)

    def __str__(self) -> str:
        return f"session of {self.user_id}"


class Meaning(models.TextChoices):
    AUTHORED = "authored", "Authored"
    REVIEWED = "reviewed", "Reviewed"
    APPROVED = "approved", "Approved"
    FORWARDED = "forwarded", "Forwarded to pharmacovigilance"
    DISMISSED = "dismissed", "Dismissed (not a reportable case)"
    CLOSED = "closed", "Closed"


class Signature(models.Model):
    """An electronic signature (21 CFR Part 11 §11.50/11.70): who, when, what it means, and the
    SHA-256 of exactly what was signed. Never changed; a later change of the signed record shows
    as a hash that no longer matches."""

    signer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="signatures")
    signer_name = models.CharField(max_length=200)  # printed name at the time of signing
    signer_email = models.CharField(max_length=254)
    client = models.ForeignKey("tenancy.Client", on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField()
    meaning = models.CharField(max_length=20, choices=Meaning.choices)
    object_type = models.CharField(max_length=60)  # e.g. "replies.templateversion"
    object_id = models.CharField(max_length=64)
    content_hash = models.CharField(max_length=64)
    method = models.CharField(max_length=20)  # "password", "totp", "recovery" or "webauthn"

    class Meta:
        indexes: ClassVar[list[Any]] = [models.Index(fields=["object_type", "object_id"], name="signature_object")]

    def __str__(self) -> str:
        return f"{self.meaning} by {self.signer_email} on {self.object_type}:{self.object_id}"


class WebAuthnCredential(models.Model):
    """A security key or passkey (WebAuthn), registered by its user and named by them. Only the
    public key is stored; the sign counter, when the authenticator keeps one, must grow at every
    use (a counter that goes back is a cloned authenticator, refused)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webauthn_credentials")
    name = models.CharField(max_length=60)
    credential_id = models.CharField(max_length=400, unique=True)  # base64url
    public_key = models.BinaryField()  # COSE public key
    sign_count = models.BigIntegerField(default=0)
    transports = models.JSONField(default=list)
    aaguid = models.CharField(max_length=36, blank=True)
    backed_up = models.BooleanField(default=False)  # a synced passkey (e.g. in a platform's keychain)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"security key {self.name} of {self.user_id}"


class WebAuthnChallenge(models.Model):
    """A challenge for re-authentication at signing: kept in the database (not the session) because
    the signing request checks it where only the signer is known (``signatures.reauthenticate``).
    Single use (deleted when checked), expires after a few minutes. Log-in and registration keep
    their challenges in the session."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    challenge = models.CharField(max_length=100, unique=True)  # base64url
    expires_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"signing challenge of {self.user_id}"
