"""The account's security pages: set up and enter a second factor, see and end one's sessions.
(An admin resets someone's factor with ``carewatch user reset-2fa``.)"""

from __future__ import annotations

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST

from carewatch.identity import actions, factors
from carewatch.identity.middleware import VERIFIED
from carewatch.identity.models import TrackedSession
from carewatch.identity.policy import mfa_required
from carewatch.tenancy.models import User


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return reverse("home")


PENDING = "carewatch.mfa_pending"  # session key: the secret shown, until its first code confirms it


@login_required
@require_http_methods(["GET", "POST"])
def setup_view(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator: the secret (QR code, key and otpauth URI), then its first code.
    The secret waits in the session until confirmed: nothing is stored before that."""
    user = _user(request)
    if factors.has_factor(user.pk):
        return HttpResponseRedirect(reverse("identity:verify") if request.session.get(VERIFIED) != "ok"
                                    else reverse("identity:sessions"))
    secret = request.session.get(PENDING) or factors.new_secret()
    request.session[PENDING] = secret
    if request.method == "POST":
        try:
            codes = actions.do_enrol_totp(user, secret, request.POST.get("code", ""))
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
        else:
            request.session.pop(PENDING, None)
            request.session[VERIFIED] = "ok"
            return render(request, "identity/recovery_codes.html", {"codes": codes, "next": _next(request)})
    uri = factors.provisioning_uri(secret, user.email)
    return render(request, "identity/setup.html", {
        "secret": " ".join(secret[i:i + 4] for i in range(0, len(secret), 4)), "uri": uri,
        "qr": mark_safe(segno.make(uri, error="m").svg_inline(scale=4, title="Scan with your authenticator")),
        "required": mfa_required(user), "next": request.GET.get("next", "")})


@login_required
@require_http_methods(["GET", "POST"])
def verify_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not factors.has_factor(user.pk):
        return render(request, "identity/verify.html", {"no_factor": True})
    if request.method == "POST":
        try:
            method = actions.do_check_second_factor(user, request.POST.get("code", ""))
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
        else:
            request.session.cycle_key()
            request.session[VERIFIED] = "ok"
            if method == "recovery":
                messages.warning(request, "You signed in with a recovery code; it cannot be used again.")
            return HttpResponseRedirect(_next(request))
    return render(request, "identity/verify.html", {"next": request.GET.get("next", "")})


@login_required
@require_http_methods(["GET"])
def sessions_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    sessions = TrackedSession.objects.filter(user=user, ended_at__isnull=True).order_by("-last_seen_at")
    return render(request, "identity/sessions.html", {
        "sessions": sessions, "current": request.session.session_key, "has_factor": factors.has_factor(user.pk)})


@login_required
@require_POST
def end_session_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    tracked = TrackedSession.objects.filter(pk=pk, user=user, ended_at__isnull=True).first()
    if tracked is None:
        raise Http404("No such session")
    actions.do_end_session(user, tracked)
    messages.success(request, "The session was ended.")
    return HttpResponseRedirect(reverse("identity:sessions"))


@login_required
@require_POST
def end_other_sessions_view(request: HttpRequest) -> HttpResponse:
    ended = actions.do_end_other_sessions(_user(request), request.session.session_key or "")
    messages.success(request, f"{ended} other session(s) ended.")
    return HttpResponseRedirect(reverse("identity:sessions"))
