"""Second factor and idle time-out, for every signed-in browser request.

- A user with a second factor must enter a code after the password before reaching anything
  else; a user whose role requires one and has none is sent to set one up and reaches nothing
  else.
- A session idle longer than the shortest time-out of the user's roles ends (it is recorded).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from carewatch.identity import factors, policy
from carewatch.identity.models import TrackedSession

VERIFIED = "carewatch.mfa"  # session key: "ok" once the second factor was entered
SEEN = "carewatch.seen"  # session key: last request time (ISO), written at most once a minute
RULES = "carewatch.rules"  # session key: [checked_at, mfa_required, idle_minutes], refreshed every 5 minutes
EXEMPT = ("/account/2fa/", "/logout/", "/login/", "/static/", "/healthz", "/hooks/", "/l/", "/favicon")


def _rules(request: HttpRequest, now: datetime) -> tuple[bool, int]:
    cached = request.session.get(RULES)
    if cached and now.timestamp() - cached[0] < 300:
        return bool(cached[1]), int(cached[2])
    current = policy.current()
    user = request.user
    required, idle = policy.mfa_required(user, current), policy.idle_minutes(user, current)  # type: ignore[arg-type]
    request.session[RULES] = [now.timestamp(), required, idle]
    return required, idle


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path.startswith(EXEMPT):
            return self.get_response(request)
        now = timezone.now()
        required, idle = _rules(request, now)
        if self._idle_too_long(request, now, idle):
            key = request.session.session_key
            if key:
                TrackedSession.objects.filter(session_key=key, ended_at__isnull=True).update(
                    ended_at=now, ended_reason="idle")
            logout(request)
            return self._refuse(request, "login", {"next": request.get_full_path(), "idle": "1"})
        if request.session.get(VERIFIED) != "ok":
            if factors.has_factor(user.pk):
                return self._refuse(request, "identity:verify", {"next": request.get_full_path()})
            if required:
                return self._refuse(request, "identity:setup", {"next": request.get_full_path()})
        return self.get_response(request)

    def _idle_too_long(self, request: HttpRequest, now: datetime, idle: int) -> bool:
        seen = request.session.get(SEEN)
        if seen:
            last = datetime.fromisoformat(seen)
            if now - last > timedelta(minutes=idle):
                return True
            if now - last < timedelta(minutes=1):
                return False
        request.session[SEEN] = now.isoformat()
        key = request.session.session_key
        if key:
            TrackedSession.objects.filter(session_key=key).update(last_seen_at=now)
        return False

    @staticmethod
    def _refuse(request: HttpRequest, name: str, query: dict[str, str]) -> HttpResponse:
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": "Sign in again with your second factor"}, status=401)
        return HttpResponseRedirect(f"{reverse(name)}?{urlencode(query)}")
