"""The agency's security policy: which roles must use a second factor, idle time-outs per role."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from carewatch.identity.models import SecurityPolicy
from carewatch.tenancy.models import Membership, Role, User

ROLES = {r.value for r in Role}
DEFAULT_IDLE_MINUTES = 480  # the session's own limit (SESSION_COOKIE_AGE) when nothing shorter is set


def current() -> SecurityPolicy:
    policy = SecurityPolicy.objects.order_by("pk").first()
    return policy if policy is not None else SecurityPolicy()


def roles_of(user: User) -> set[str]:
    roles = set(Membership.objects.filter(user=user).values_list("role", flat=True))
    if user.is_agency_admin:
        roles.add(Role.ADMIN)
    return roles


def mfa_required(user: User, policy: SecurityPolicy | None = None) -> bool:
    policy = policy or current()
    return bool(roles_of(user) & set(policy.mfa_required_roles))


def idle_minutes(user: User, policy: SecurityPolicy | None = None) -> int:
    """The shortest idle time-out of the user's roles (``default`` for roles without one)."""
    policy = policy or current()
    table: dict[str, Any] = policy.idle_timeout_minutes or {}
    fallback = int(table.get("default", DEFAULT_IDLE_MINUTES))
    minutes = [int(table.get(role, fallback)) for role in roles_of(user)]
    return min(minutes) if minutes else fallback


def validate(spec: Any) -> dict[str, Any]:
    """The ``security:`` block of the config file, checked: a ``ValueError`` says what is wrong."""
    if spec is None:
        spec = {}
    if not isinstance(spec, dict):
        raise ValueError("security: must be a mapping")
    unknown = set(spec) - {"mfa_required_roles", "idle_timeout_minutes", "sso"}
    if unknown:
        raise ValueError(f"security: unknown key(s) {', '.join(sorted(unknown))}")
    roles = spec.get("mfa_required_roles") or []
    if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
        raise ValueError("security.mfa_required_roles: a list of roles")
    bad = set(roles) - ROLES
    if bad:
        raise ValueError(f"security.mfa_required_roles: unknown role(s) {', '.join(sorted(bad))}")
    idle = spec.get("idle_timeout_minutes") or {}
    if not isinstance(idle, dict):
        raise ValueError("security.idle_timeout_minutes: a mapping of role to minutes")
    for role, minutes in idle.items():
        if role != "default" and role not in ROLES:
            raise ValueError(f"security.idle_timeout_minutes: unknown role {role}")
        if not isinstance(minutes, int) or not 1 <= minutes <= 24 * 60:
            raise ValueError(f"security.idle_timeout_minutes.{role}: whole minutes from 1 to 1440")
    return {"mfa_required_roles": sorted(set(roles)), "idle_timeout_minutes": dict(idle),
            "sso": validate_sso(spec.get("sso"))}


_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
_DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
_LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


def validate_sso(spec: Any) -> list[dict[str, Any]]:
    """``security.sso``: OpenID Connect providers, each ``{name, issuer, client_id, client_secret,
    domains, create_users}``. The secret is ``env:NAME``, ``enc:…`` or plain (then encrypted when
    stored)."""
    if spec is None:
        return []
    if not isinstance(spec, list):
        raise ValueError("security.sso: a list of identity providers")
    out: list[dict[str, Any]] = []
    names: set[str] = set()
    owner: dict[str, str] = {}
    for entry in spec:
        if not isinstance(entry, dict):
            raise ValueError("security.sso: each provider is a mapping")
        unknown = set(entry) - {"name", "issuer", "client_id", "client_secret", "domains", "create_users"}
        if unknown:
            raise ValueError(f"security.sso: unknown key(s) {', '.join(sorted(unknown))}")
        name = entry.get("name")
        if not isinstance(name, str) or not _NAME.match(name):
            raise ValueError("security.sso.name: lower-case letters, digits and dashes (e.g. acme)")
        if name in names:
            raise ValueError(f"security.sso: the name {name} is used twice")
        names.add(name)
        issuer = entry.get("issuer")
        url = urlsplit(issuer) if isinstance(issuer, str) else None
        if url is None or not url.hostname or url.query or url.fragment or not (
                url.scheme == "https" or (url.scheme == "http" and url.hostname in _LOCAL_HOSTS)):
            raise ValueError(f"security.sso.{name}.issuer: the provider's https:// issuer URL")
        for key in ("client_id", "client_secret"):
            if not isinstance(entry.get(key), str) or not entry[key]:
                raise ValueError(f"security.sso.{name}.{key}: required")
        domains = entry.get("domains")
        if not isinstance(domains, list) or not domains or not all(isinstance(d, str) for d in domains):
            raise ValueError(f"security.sso.{name}.domains: a list of e-mail domains")
        clean = sorted({d.strip().lower() for d in domains})
        for domain in clean:
            if not _DOMAIN.match(domain):
                raise ValueError(f"security.sso.{name}.domains: {domain} is not a domain")
            if domain in owner:
                raise ValueError(f"security.sso: the domain {domain} belongs to {owner[domain]} and {name}")
            owner[domain] = name
        create = entry.get("create_users", False)
        if not isinstance(create, bool):
            raise ValueError(f"security.sso.{name}.create_users: true or false")
        out.append({"name": name, "issuer": str(issuer).rstrip("/"), "client_id": entry["client_id"],
                    "client_secret": entry["client_secret"], "domains": clean, "create_users": create})
    return out


def sso_providers(policy: SecurityPolicy | None = None) -> list[dict[str, Any]]:
    policy = policy or current()
    return list(policy.sso or [])


def sso_provider(name: str) -> dict[str, Any] | None:
    return next((p for p in sso_providers() if p["name"] == name), None)


def sso_domain_provider(email: str) -> dict[str, Any] | None:
    """The provider through which users of this e-mail's domain must sign in, if any."""
    domain = email.rpartition("@")[2].strip().lower()
    return next((p for p in sso_providers() if domain in p["domains"]), None)
