"""Security keys and passkeys (WebAuthn) in the browser: the JSON the page's script
(``identity/webauthn.js``) asks for and sends back, and removing a key. Every POST carries the
CSRF token as a form field; answers are JSON ``{"ok": true, ...}`` or ``{"ok": false, "error": ...}``
(a refused key is an answer, like a wrong code on the code page).

Under ``/account/2fa/``, which the second-factor middleware lets through before the second factor:
so a user who has a factor must have entered it in this session before adding another.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_POST

from carewatch.identity import actions, factors, passkeys
from carewatch.identity.middleware import VERIFIED
from carewatch.identity.models import WebAuthnCredential
from carewatch.identity.views import _next, _user

NEW_CODES = "carewatch.new_recovery_codes"  # session key: recovery codes to show once, after a key is added


def _answer(**data: Any) -> JsonResponse:
    return JsonResponse({"ok": True, **data})


def _refuse(error: str) -> JsonResponse:
    return JsonResponse({"ok": False, "error": error})


def _options(options_json: str) -> JsonResponse:
    return _answer(options=json.loads(options_json))


def _verified(request: HttpRequest) -> bool:
    return request.session.get(VERIFIED) == "ok"


# ------------------------------------------------------------------ registration
@login_required
@require_POST
def register_options_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if factors.has_factor(user.pk) and not _verified(request):
        return _refuse("Enter your current second factor first.")
    options_json, challenge = passkeys.registration_options(user)
    passkeys.remember(request.session, passkeys.REGISTER, challenge)
    return _options(options_json)


@login_required
@require_POST
def register_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if factors.has_factor(user.pk) and not _verified(request):
        return _refuse("Enter your current second factor first.")
    try:
        challenge = passkeys.take(request.session, passkeys.REGISTER)
        key = passkeys.verify_registration(request.POST.get("credential", ""), challenge)
        codes = actions.do_enrol_webauthn(user, request.POST.get("name", ""), key)
    except passkeys.PasskeyError as exc:
        return _refuse(f"The security key was not registered: {exc}.")
    except ValidationError as exc:
        return _refuse("; ".join(exc.messages))
    request.session[VERIFIED] = "ok"
    if codes:
        request.session[NEW_CODES] = codes
        return _answer(redirect=f"{reverse('identity:recovery_codes')}?{urlencode({'next': _next(request)})}")
    messages.success(request, "The security key was added.")
    return _answer(redirect=reverse("identity:sessions"))


@login_required
@require_GET
def recovery_codes_view(request: HttpRequest) -> HttpResponse:
    """The recovery codes made when a first security key was added: shown once."""
    codes = request.session.pop(NEW_CODES, None) or []
    return render(request, "identity/recovery_codes.html", {"codes": codes, "next": _next(request)})


# ------------------------------------------------------------------ second factor at log-in
@login_required
@require_POST
def login_options_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not factors.has_webauthn(user.pk):
        return _refuse("No security key is registered to your account.")
    options_json, challenge = passkeys.authentication_options(user, user_verification=False)
    passkeys.remember(request.session, passkeys.LOGIN, challenge)
    return _options(options_json)


@login_required
@require_POST
def login_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    try:
        challenge = passkeys.take(request.session, passkeys.LOGIN)
        actions.do_check_webauthn(user, request.POST.get("credential", ""), challenge, purpose="login")
    except passkeys.PasskeyError as exc:
        return _refuse(f"The security key was not accepted: {exc}.")
    except ValidationError as exc:
        return _refuse("; ".join(exc.messages))
    request.session.cycle_key()
    request.session[VERIFIED] = "ok"
    return _answer(redirect=_next(request))


# ------------------------------------------------------------------ re-authentication at signing
@login_required
@require_POST
def sign_options_view(request: HttpRequest) -> HttpResponse:
    """A signing challenge; the signing form then posts the key's answer as its ``signature``
    (``webauthn:`` + JSON), checked by ``signatures.reauthenticate`` in the signing request."""
    user = _user(request)
    if not factors.has_webauthn(user.pk):
        return _refuse("No security key is registered to your account.")
    if not _verified(request):
        return _refuse("Enter your second factor first.")
    return _options(passkeys.signing_options(user))


# ------------------------------------------------------------------ removing a key
@login_required
@require_POST
def remove_view(request: HttpRequest) -> HttpResponse:
    """Remove one of one's own keys (``key``: its id). Another user's key and a key that does not
    exist get the same answer, and nothing changes."""
    user = _user(request)
    if factors.has_factor(user.pk) and not _verified(request):
        raise PermissionDenied("Enter your second factor first")
    key_id = request.POST.get("key", "")
    cred = (WebAuthnCredential.objects.filter(pk=int(key_id), user=user).select_related("user").first()
            if key_id.isdigit() else None)
    if cred is None:
        messages.error(request, "No such security key.")
        return HttpResponseRedirect(reverse("identity:sessions"))
    try:
        actions.do_remove_webauthn(user, cred)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        messages.success(request, f"The security key “{cred.name}” was removed.")
    return HttpResponseRedirect(reverse("identity:sessions"))
