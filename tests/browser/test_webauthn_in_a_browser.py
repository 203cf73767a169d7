"""A passkey in a real browser: Chromium's virtual authenticator (DevTools protocol, WebAuthn
domain) stands in for the security key; identity/webauthn.js does the rest as it would for a
person. Enrol a passkey, log in with it as the second factor, sign a safety forward with it."""

from __future__ import annotations

import re
from typing import Any

import pytest

from carewatch.identity.models import Signature, WebAuthnCredential
from carewatch.safety.models import SafetyCase, SafetyStatus
from carewatch.tenancy.models import Client, User
from tests.browser.test_inbox_in_a_browser import log_in, screenshot
from tests.conftest import PASSWORD, MentionFactory

pytestmark = pytest.mark.browser

AE_TEXT = "I started Glucavio last week and now I have terrible nausea and vomiting every morning"


@pytest.fixture
def relying_party(settings: Any, live_server: Any) -> None:
    settings.WEBAUTHN_RP_ID = "localhost"
    settings.WEBAUTHN_ORIGIN = live_server.url


def virtual_authenticator(page: Any) -> Any:
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable", {"enableUI": False})
    cdp.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "internal", "hasResidentKey": True, "hasUserVerification": True,
        "isUserVerified": True, "automaticPresenceSimulation": True}})
    return cdp


def test_a_passkey_is_enrolled_then_opens_the_desk_after_the_password_and_signs_a_forward(
        page: Any, relying_party: None, live_server: Any, alice: User, northwind: Client,
        make_mention: MentionFactory) -> None:
    assert live_server.url.startswith("http://localhost:")
    northwind.settings = {"pv_forward_to": ["pv@northwind.test"]}
    northwind.save()
    mention = make_mention(northwind, AE_TEXT, author="nwpatient")
    case = SafetyCase.objects.get(links__mention=mention, kind="adverse_event")
    virtual_authenticator(page)

    log_in(page)
    page.goto("/account/sessions/")
    page.get_by_label("Name of the key").fill("Laptop passkey")
    page.get_by_role("button", name="Add a security key or passkey").click()
    page.wait_for_url(re.compile(r"/account/2fa/recovery-codes/"))
    assert page.locator("ul.recovery-codes code").count() == 10
    screenshot(page, "webauthn-recovery-codes.png")
    key = WebAuthnCredential.objects.get(user=alice)
    assert key.name == "Laptop passkey"

    page.get_by_role("button", name="Log out").click()
    page.goto("/login/")
    page.get_by_label("E-mail").fill("alice@agency.test")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/account/2fa/verify/"))
    screenshot(page, "webauthn-verify.png")
    page.get_by_role("button", name="Use your security key or passkey").click()
    page.wait_for_url(re.compile(r"/inbox/$"))
    key.refresh_from_db()
    assert key.last_used_at is not None

    page.goto(f"/safety/{case.pk}/")
    page.locator("#forward-form").get_by_role("button", name="Sign with your security key").click()
    page.wait_for_url(re.compile(rf"/safety/{case.pk}/"))
    page.wait_for_function("() => !document.querySelector('#forward-form')")
    case.refresh_from_db()
    assert case.status == SafetyStatus.FORWARDED
    signature = Signature.objects.get()
    assert (signature.signer, signature.method) == (alice, "webauthn")
    assert "re-authenticated by webauthn" in page.content()
    screenshot(page, "webauthn-signed-forward.png")
