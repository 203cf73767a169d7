"""Navigation counts: unread notifications, approvals waiting, and which settings pages to show."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from carewatch.tenancy.models import Membership, Role, User

TEMPLATE_ROLES = frozenset({Role.ADMIN, Role.SUPERVISOR, Role.AGENT, Role.REVIEWER})
ROUTING_ROLES = frozenset({Role.ADMIN, Role.SUPERVISOR})


def _roles(user: User) -> set[str]:
    roles = set(Membership.objects.filter(user=user).values_list("role", flat=True))
    if user.is_agency_admin:
        roles.add(Role.ADMIN)
    return roles


def desk(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if not isinstance(user, User) or not user.is_authenticated:
        return {}
    from carewatch.notifications.approvals import may_approve_anything, waiting_count
    from carewatch.notifications.models import DeskNotification

    cache: dict[str, set[str]] = {}

    def roles() -> set[str]:
        if "roles" not in cache:
            cache["roles"] = _roles(user)
        return cache["roles"]

    from django.conf import settings

    return {
        "demo_mailbox": bool(getattr(settings, "CAREWATCH_DEMO_MAILBOX", False)),
        "unread_notifications": SimpleLazyObject(
            lambda: DeskNotification.objects.filter(user=user, read_at__isnull=True).count()),
        "can_approve": SimpleLazyObject(lambda: may_approve_anything(user)),
        "approvals_waiting": SimpleLazyObject(lambda: waiting_count(user)),
        "shows_templates": SimpleLazyObject(lambda: bool(roles() & TEMPLATE_ROLES)),
        "shows_routing": SimpleLazyObject(lambda: bool(roles() & ROUTING_ROLES)),
    }
