"""Template context: what the signed-in user may see in the navigation."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from carewatch.tenancy.access import can_view_audit
from carewatch.tenancy.models import User


def permissions(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if not isinstance(user, User) or not user.is_authenticated:
        return {"can_view_audit": False}
    return {"can_view_audit": SimpleLazyObject(lambda: can_view_audit(user))}
