"""Staff accounts and API tokens: each change with its audit event."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from carewatch.audit.chain import append
from carewatch.tenancy.models import TOKEN_SCOPES, ApiToken, User

TOKEN_PREFIX = "cw_"  # noqa: S105 - a public prefix, not a secret


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def do_create_token(user: User, name: str, actor: User | None, *, scopes: Iterable[str] = TOKEN_SCOPES,
                    expires_at: datetime | None = None) -> str:
    """Create a personal API token; returns the token, which is never stored or shown again.
    ``scopes``: read (GET), write (other methods), safety (safety-case workflow steps)."""
    wanted = sorted(set(scopes))
    unknown = set(wanted) - set(TOKEN_SCOPES)
    if unknown or not wanted:
        raise ValueError(f"scopes must be some of {', '.join(TOKEN_SCOPES)}")
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name[:100], prefix=raw[: len(TOKEN_PREFIX) + 8], token_hash=hash_token(raw),
            scopes=wanted, expires_at=expires_at,
        )
        # From the CLI nobody is logged in: the event is the CLI's, not the token owner's.
        append(
            "token.create", actor=actor, actor_label=None if actor else "cli",
            obj=token, data={"user": user.email, "name": token.name, "prefix": token.prefix, "scopes": wanted,
                             "expires_at": expires_at.isoformat() if expires_at else None},
        )
    return raw


def do_revoke_tokens(prefix: str, actor: User | None) -> int:
    with transaction.atomic():
        tokens = list(ApiToken.objects.filter(prefix=prefix, revoked_at__isnull=True))
        for token in tokens:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            append("token.revoke", actor=actor, actor_label=None if actor else "cli", obj=token,
                   data={"prefix": token.prefix})
    return len(tokens)


def token_for(raw: str) -> ApiToken | None:
    """The live token (not revoked, not expired, its user active) this raw value is, if any."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=hash_token(raw), revoked_at__isnull=True)
        .first()
    )
    now = timezone.now()
    if token is None or not token.user.is_active or (token.expires_at is not None and token.expires_at <= now):
        return None
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def user_for_token(raw: str) -> User | None:
    token = token_for(raw)
    return token.user if token is not None else None


def do_create_user(
    *, email: str, name: str, password: str | None, is_agency_admin: bool, actor: User | None
) -> User:
    with transaction.atomic():
        user = User.objects.create_user(email, password, name=name, is_agency_admin=is_agency_admin)
        append("user.create", actor=actor, actor_label=None if actor else "cli", obj=user,
               data={"email": user.email, "agency_admin": is_agency_admin})
    return user
