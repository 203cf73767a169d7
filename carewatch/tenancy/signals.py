"""Log-ins, log-outs and failed log-ins go into the audit trail."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import transaction
from django.dispatch import receiver

from carewatch.audit.chain import append


def _ip(request: Any) -> str:
    return str(request.META.get("REMOTE_ADDR", "")) if request is not None else ""


@receiver(user_logged_in)
def audit_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    with transaction.atomic():
        append("auth.login", actor=user, obj=user, data={"ip": _ip(request)})


@receiver(user_logged_out)
def audit_logout(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        with transaction.atomic():
            append("auth.logout", actor=user, obj=user, data={"ip": _ip(request)})


@receiver(user_login_failed)
def audit_login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    # The username tried is kept (it is what an investigator needs); the password never is.
    with transaction.atomic():
        append("auth.login_failed", actor_label="anonymous", object_type="user",
               data={"username": str(credentials.get("username", ""))[:200], "ip": _ip(request)})
