"""Sessions are tracked from sign-in to sign-out, so their user can see and end them."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone

from carewatch.identity.models import TrackedSession


def _ip(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", ""))[:64]


@receiver(user_logged_in, dispatch_uid="identity-track-session")
def track_session(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is None or not hasattr(request, "session"):
        return
    if request.session.session_key is None:
        request.session.save()
    key = request.session.session_key
    if key:
        now = timezone.now()
        TrackedSession.objects.update_or_create(
            session_key=key,
            defaults={"user": user, "last_seen_at": now, "ip_address": _ip(request),
                      "user_agent": str(request.META.get("HTTP_USER_AGENT", ""))[:300],
                      "ended_at": None, "ended_reason": ""})


@receiver(user_logged_out, dispatch_uid="identity-end-session")
def end_session(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is None or not hasattr(request, "session") or not request.session.session_key:
        return
    TrackedSession.objects.filter(session_key=request.session.session_key, ended_at__isnull=True).update(
        ended_at=timezone.now(), ended_reason="signed out")
