"""The account's security pages: set up and enter a second factor, see and end one's sessions.
(An admin resets someone's factor with ``carewatch user reset-2fa``.)"""

from __future__ import annotations

import hmac
import logging
from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST

from carewatch.identity import actions, factors, policy, sso
from carewatch.identity.middleware import VERIFIED
from carewatch.identity.models import TrackedSession, WebAuthnCredential
from carewatch.identity.policy import mfa_required
from carewatch.tenancy.models import User

log = logging.getLogger(__name__)


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
    if factors.has_factor(user.pk) and request.session.get(VERIFIED) != "ok":
        return HttpResponseRedirect(reverse("identity:verify"))
    if factors.has_totp(user.pk):
        return HttpResponseRedirect(reverse("identity:sessions"))
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
        "required": mfa_required(user), "next": request.GET.get("next", ""),
        "has_webauthn": factors.has_webauthn(user.pk)})


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
    return render(request, "identity/verify.html", {"next": request.GET.get("next", ""),
                                                    "has_totp": factors.has_totp(user.pk),
                                                    "has_webauthn": factors.has_webauthn(user.pk)})


@login_required
@require_http_methods(["GET"])
def sessions_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    sessions = TrackedSession.objects.filter(user=user, ended_at__isnull=True).order_by("-last_seen_at")
    return render(request, "identity/sessions.html", {
        "sessions": sessions, "current": request.session.session_key, "has_factor": factors.has_factor(user.pk),
        "has_totp": factors.has_totp(user.pk),
        "passkeys": WebAuthnCredential.objects.filter(user=user).order_by("created_at", "pk")})


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


# ------------------------------------------------------------------ single sign-on and the log-in page
SSO_PENDING = "carewatch.sso"  # session key: provider, state, nonce, PKCE verifier and next, until the callback


class SsoAwareAuthenticationForm(AuthenticationForm):
    """The password log-in, refused for e-mail domains that must sign in through their identity
    provider (before the password is even checked)."""

    def clean(self) -> dict[str, Any]:
        provider = policy.sso_domain_provider(str(self.cleaned_data.get("username") or ""))
        if provider is not None:
            raise ValidationError(
                f"Your organisation signs in through its identity provider: use “Sign in with {provider['name']}”. "
                "Passwords are not accepted for this e-mail domain.", code="sso_required")
        return super().clean()


class CarewatchLoginView(LoginView):
    form_class = SsoAwareAuthenticationForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["sso_providers"] = [p["name"] for p in policy.sso_providers()]
        context["sso_error"] = self.request.session.pop("carewatch.sso_error", "")
        return context


login_view = CarewatchLoginView.as_view()


def _refuse_sso(request: HttpRequest, reason: str) -> HttpResponse:
    request.session["carewatch.sso_error"] = f"Single sign-on failed: {reason}."
    return HttpResponseRedirect(reverse("login"))


def _callback_uri(request: HttpRequest, name: str) -> str:
    return request.build_absolute_uri(reverse("sso:callback", args=[name]))


@require_http_methods(["GET"])
def sso_start_view(request: HttpRequest, name: str) -> HttpResponse:
    """Send the browser to the identity provider (authorization code with PKCE, state and nonce)."""
    provider = policy.sso_provider(name)
    if provider is None:
        raise Http404("No such identity provider")
    try:
        url, pending = sso.start(provider, _callback_uri(request, name))
    except sso.SsoError as exc:
        log.warning("single sign-on with %s could not start: %s", name, exc)
        return _refuse_sso(request, "the identity provider cannot be reached; try again later")
    request.session[SSO_PENDING] = {**pending, "next": _next(request)}
    return HttpResponseRedirect(url)


@require_http_methods(["GET"])
def sso_callback_view(request: HttpRequest, name: str) -> HttpResponse:
    """The provider's answer: the state must be the one this browser was sent with; the code is
    exchanged and the ID token checked; then Carewatch decides (``actions.do_sso_sign_in``)."""
    provider = policy.sso_provider(name)
    if provider is None:
        raise Http404("No such identity provider")
    pending = request.session.pop(SSO_PENDING, None)
    state = request.GET.get("state", "")
    if (not isinstance(pending, dict) or pending.get("provider") != name or not state
            or not hmac.compare_digest(str(pending.get("state", "")), state)):
        return _refuse_sso(request, "the sign-in was not started from this browser (state mismatch); start again")
    if request.GET.get("error") or not request.GET.get("code"):
        return _refuse_sso(request, "the identity provider did not sign you in")
    try:
        claims = sso.finish(provider, _callback_uri(request, name), pending, request.GET["code"])
        user = actions.do_sso_sign_in(provider, claims, ip=str(request.META.get("REMOTE_ADDR", ""))[:64])
    except sso.SsoError as exc:
        log.warning("single sign-on with %s failed: %s", name, exc)
        return _refuse_sso(request, "the identity provider's answer could not be verified")
    except actions.SsoRefused as exc:
        return _refuse_sso(request, str(exc))
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    # The identity provider's own MFA does not count: Carewatch's second factor is asked next
    # (identity.middleware) exactly as after a password.
    return HttpResponseRedirect(str(pending.get("next") or reverse("home")))
