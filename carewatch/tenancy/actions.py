"""Staff accounts and API tokens: each change with its audit event."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from carewatch.audit.chain import append
from carewatch.tenancy.models import ApiToken, User

TOKEN_PREFIX = "cw_"  # noqa: S105 - a public prefix, not a secret


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def do_create_token(user: User, name: str, actor: User | None) -> str:
    """Create a personal API token; returns the token, which is never stored or shown again."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name[:100], prefix=raw[: len(TOKEN_PREFIX) + 8], token_hash=hash_token(raw)
        )
        # From the CLI nobody is logged in: the event is the CLI's, not the token owner's.
        append(
            "token.create", actor=actor, actor_label=None if actor else "cli",
            obj=token, data={"user": user.email, "name": token.name, "prefix": token.prefix},
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


def user_for_token(raw: str) -> User | None:
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=hash_token(raw), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def do_create_user(
    *, email: str, name: str, password: str | None, is_agency_admin: bool, actor: User | None
) -> User:
    with transaction.atomic():
        user = User.objects.create_user(email, password, name=name, is_agency_admin=is_agency_admin)
        append("user.create", actor=actor, actor_label=None if actor else "cli", obj=user,
               data={"email": user.email, "agency_admin": is_agency_admin})
    return user
