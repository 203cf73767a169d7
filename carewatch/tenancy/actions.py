"""Staff accounts, API tokens and configuration as code: each change with its audit event."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from carewatch.audit.chain import append
from carewatch.tenancy.models import TOKEN_SCOPES, ApiToken, Channel, Client, Membership, Product, User

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


# ------------------------------------------------------------------ configuration as code
# ``carewatch config apply`` (configuration.as_code) checks the file and writes through these: an agency
# admin's work (the CLI runs as the system actor), one ``config.*`` audit event per change,
# labelled "config". Each returns the lines config apply prints, one per change.
CONFIG_LABEL = "config"


def _require_agency_admin(actor: User) -> None:
    if not (actor.is_active and actor.is_agency_admin):
        raise PermissionDenied("Only an agency admin applies configuration")


def _config_event(actor: User, action: str, client_id: int | None, obj: Any, data: dict[str, Any]) -> None:
    append(action, actor=actor, actor_label=CONFIG_LABEL, client_id=client_id, obj=obj, data=data)


def _apply_fields[M: Model](actor: User, model: type[M], lookup: dict[str, Any], wanted: dict[str, Any],
                                       kind: str, name: str) -> tuple[M, list[str]]:
    """Create the row ``lookup`` finds with ``wanted``, or set the fields that differ."""
    row = model._default_manager.filter(**lookup).first()
    if row is None:
        row = model._default_manager.create(**lookup, **wanted)
        _config_event(actor, f"config.{kind}.create", _client_id(row), row, wanted)
        return row, [f"create {kind} {name}"]
    diff = {k: v for k, v in wanted.items() if getattr(row, k) != v}
    if not diff:
        return row, []
    for key, value in diff.items():
        setattr(row, key, value)
    row.save()
    _config_event(actor, f"config.{kind}.update", _client_id(row), row, diff)
    return row, [f"update {kind} {name}: {', '.join(sorted(diff))}"]


def _client_id(row: Model) -> int:
    return int(row.pk if isinstance(row, Client) else row.client_id)  # type: ignore[attr-defined]


def do_config_client(actor: User, slug: str, wanted: dict[str, Any]) -> tuple[Client, list[str]]:
    """The client ``slug`` with the fields ``wanted`` (name, timezone, hours, settings...)."""
    _require_agency_admin(actor)
    with transaction.atomic():
        return _apply_fields(actor, Client, {"slug": slug}, wanted, "client", slug)


def do_config_product(actor: User, client: Client, name: str, wanted: dict[str, Any]) -> list[str]:
    _require_agency_admin(actor)
    with transaction.atomic():
        return _apply_fields(actor, Product, {"client": client, "name": name}, wanted, "product",
                             f"{client.slug}/{name}")[1]


def do_config_channel(actor: User, client: Client, platform: str, handle: str, wanted: dict[str, Any],
                      secrets: dict[str, str], secrets_changed: list[str]) -> list[str]:
    """The channel with the fields ``wanted`` and its (sealed or ``env:``) ``secrets``, of which
    ``secrets_changed`` name the new ones; the audit event names secrets, never their values."""
    _require_agency_admin(actor)
    name = f"{client.slug}/{platform}/@{handle}"
    with transaction.atomic():
        channel = Channel.objects.filter(client=client, platform=platform, handle=handle).first()
        if channel is None:
            channel = Channel.objects.create(client=client, platform=platform, handle=handle, secrets=secrets,
                                             **wanted)
            _config_event(actor, "config.channel.create", client.pk, channel, {**wanted, "secrets": sorted(secrets)})
            return [f"create channel {name}"]
        diff = {k: v for k, v in wanted.items() if getattr(channel, k) != v}
        if not diff and not secrets_changed:
            return []
        for key, value in diff.items():
            setattr(channel, key, value)
        channel.secrets = secrets
        channel.save()
        _config_event(actor, "config.channel.update", client.pk, channel, {**diff, "secrets_changed": secrets_changed})
    what = sorted(diff) + [f"secret {s}" for s in secrets_changed]
    return [f"update channel {name}: {', '.join(what)}"]


def do_config_user(actor: User, email: str, *, name: str | None, is_admin: bool, password: str | None,
                   roles: dict[Client, str], role_label: str) -> list[str]:
    """The person ``email``: created, or their name (None: left as is), agency-admin flag and
    password (None: left as is) set; their memberships made exactly ``roles`` (an admin has none)."""
    _require_agency_admin(actor)
    lines: list[str] = []
    with transaction.atomic():
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email, password, name=name or "", is_agency_admin=is_admin)
            _config_event(actor, "config.user.create", None, user,
                          {"email": email, "role": role_label, "password_set": password is not None})
            lines.append(f"create user {email} ({role_label})")
        else:
            diff: dict[str, Any] = {}
            if name is not None and user.name != name:
                diff["name"] = name
            if user.is_agency_admin != is_admin:
                diff["is_agency_admin"] = is_admin
            for key, value in diff.items():
                setattr(user, key, value)
            if password is not None and not user.check_password(password):
                user.set_password(password)
                diff["password"] = "changed"  # noqa: S105 - a marker, never the password
            if diff:
                user.save()
                _config_event(actor, "config.user.update", None, user, diff)
                lines.append(f"update user {email}: {', '.join(sorted(diff))}")
        lines += _config_memberships(actor, user, {} if is_admin else roles)
    return lines


def _config_memberships(actor: User, user: User, roles: dict[Client, str]) -> list[str]:
    lines: list[str] = []
    current = {m.client_id: m for m in Membership.objects.filter(user=user).select_related("client")}
    for client, role in roles.items():
        membership = current.get(client.pk)
        if membership is None:
            membership = Membership.objects.create(user=user, client=client, role=role)
            _config_event(actor, "config.membership.create", client.pk, membership, {"user": user.email, "role": role})
            lines.append(f"grant {user.email} {role} on {client.slug}")
        elif membership.role != role:
            before, membership.role = membership.role, role
            membership.save()
            _config_event(actor, "config.membership.update", client.pk, membership,
                          {"user": user.email, "from": before, "to": role})
            lines.append(f"change {user.email} on {client.slug}: {before} -> {role}")
    kept = {client.pk for client in roles}
    for client_id, membership in current.items():
        if client_id not in kept:
            membership.delete()
            _config_event(actor, "config.membership.delete", client_id, None,
                          {"user": user.email, "role": membership.role})
            lines.append(f"revoke {user.email} on {membership.client.slug}")
    return lines
