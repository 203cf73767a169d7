"""The agency's security policy: which roles must use a second factor, idle time-outs per role."""

from __future__ import annotations

from typing import Any

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
    unknown = set(spec) - {"mfa_required_roles", "idle_timeout_minutes"}
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
    return {"mfa_required_roles": sorted(set(roles)), "idle_timeout_minutes": dict(idle)}
