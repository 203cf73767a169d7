"""The only way to learn what a user may see and do for a client.

Another client's object is a 404 (its existence is not revealed); a role that may read but
not change gets 403 on writes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from carewatch.tenancy.models import AUDIT_ROLES, Client, Membership, Role, User


def _roles_cache(user: User) -> dict[int, str]:
    cache: dict[int, str] | None = getattr(user, "_cw_roles", None)
    if cache is None:
        cache = dict(Membership.objects.filter(user=user).values_list("client_id", "role"))
        user._cw_roles = cache  # type: ignore[attr-defined]
    return cache


def role_for(user: User, client_id: int) -> str | None:
    """The user's role for this client, or None if the client is not theirs."""
    if not user.is_authenticated or not user.is_active:
        return None
    if user.is_agency_admin:
        return Role.ADMIN
    return _roles_cache(user).get(client_id)


def visible_client_ids(user: User) -> list[int]:
    if not user.is_authenticated or not user.is_active:
        return []
    if user.is_agency_admin:
        return list(Client.objects.filter(is_active=True).values_list("id", flat=True))
    return list(_roles_cache(user).keys())


def visible_clients(user: User) -> QuerySet[Client]:
    return Client.objects.filter(id__in=visible_client_ids(user), is_active=True)


def access_client(user: User, slug_or_id: str | int, roles: Iterable[str] | None = None) -> Client:
    """Load a client for this user: 404 if not theirs, 403 if their role is not in ``roles``."""
    try:
        if isinstance(slug_or_id, int) or str(slug_or_id).isdigit():
            client = Client.objects.get(id=int(slug_or_id))
        else:
            client = Client.objects.get(slug=slug_or_id)
    except Client.DoesNotExist:
        raise Http404("No such client") from None
    require_role(user, client.id, roles)
    return client


def require_role(user: User, client_id: int, roles: Iterable[str] | None = None) -> str:
    role = role_for(user, client_id)
    if role is None:
        raise Http404("Not found")
    if roles is not None and role not in set(roles):
        raise PermissionDenied("Your role does not allow this")
    return role


def access_object[T: Any](
    user: User, queryset: QuerySet[T], pk: Any, roles: Iterable[str] | None = None
) -> T:
    """Load ``queryset.get(pk=pk)`` whose ``client_id`` the user may see (and act on, with roles)."""
    try:
        obj = queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404("Not found") from None
    require_role(user, obj.client_id, roles)
    return obj


def can_view_audit(user: User) -> bool:
    if user.is_agency_admin:
        return True
    return any(role in AUDIT_ROLES for role in _roles_cache(user).values())


def audit_client_ids(user: User) -> list[int]:
    if user.is_agency_admin:
        return visible_client_ids(user)
    return [cid for cid, role in _roles_cache(user).items() if role in AUDIT_ROLES]
