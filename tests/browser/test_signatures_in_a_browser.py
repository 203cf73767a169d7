"""Single sign-on, a second factor and an electronic signature, in a real browser (issue 18): a
client reviewer signs in through the company's identity provider (a real OpenID Connect provider
started here: oidc-provider-mock, as in tests/identity/test_sso.py); their role requires a second
factor, so the desk sends them to enrolment and nowhere else; they set an authenticator up (the
code computed with pyotp from the key the page shows), approve a template version by signing with
a code from it (an SSO account has no password to sign with), see the signature on the version
and download the version's PDF record, whose signature manifest names them. Fails on any console
error, HTTP error or CSP violation; screenshots in test-artifacts/."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import httpx
import pyotp
import pytest

from carewatch.identity import actions as identity
from carewatch.identity.models import Signature, TotpDevice
from carewatch.replies import actions as replies
from carewatch.replies.models import TemplateVersion
from carewatch.tenancy.models import Client, Role, User
from tests.browser.test_inbox_in_a_browser import Problems, screenshot
from tests.browser.test_newcomer_first_hour import AXE, accessible
from tests.conftest import make_user
from tests.identity.test_sso import provider_url  # noqa: F401 (the provider, started once per module)
from tests.safety.test_reconciliation import pdf_text

try:
    from playwright.sync_api import expect
except ImportError:  # the dev extra is not installed
    expect = None  # type: ignore[assignment]

pytestmark = pytest.mark.browser

BODY = "Hi {handle}, please keep the pen in the fridge between doses."


def next_code(secret: str, user: User) -> str:
    """A code the desk accepts now: never one already used (the same 30-second step), so the step
    after the last accepted one if that is still the current one."""
    device = TotpDevice.objects.get(user=user)
    step = max(int(time.time()) // 30, device.last_step + 1)
    return pyotp.TOTP(secret).at(step * 30)


def test_a_reviewer_signs_in_through_sso_enrols_a_factor_and_signs_a_template_approval(
        page: Any, live_server: Any, provider_url: str, northwind: Client, alice: User,  # noqa: F811
        problems: Problems, tmp_path: Path) -> None:
    # The provider's pages load their stylesheet from a CDN: answered empty here (the tests are offline).
    page.context.add_init_script(path=str(AXE))  # axe-core, for the accessibility check of the signed version
    page.context.route(re.compile(r"^https://cdn\.jsdelivr\.net/"),
                       lambda route: route.fulfill(status=200, content_type="text/css", body=""))
    callback = f"{live_server.url}/login/sso/acme/callback/"
    registered = httpx.post(f"{provider_url}/oauth2/clients", json={"redirect_uris": [callback]}).json()
    identity.do_apply_security_policy({
        "mfa_required_roles": ["reviewer"],
        "sso": [{"name": "acme", "issuer": provider_url, "client_id": registered["client_id"],
                 "client_secret": registered["client_secret"], "domains": ["acme.test"], "create_users": False}],
    })
    ann = make_user("ann@acme.test", Role.REVIEWER, northwind)  # her role comes from Carewatch, not the provider
    ann.set_unusable_password()
    ann.save()
    template = replies.do_create_template(alice, northwind, "storage", "en", "general_question", "Storage")
    version = replies.do_new_version(alice, template, BODY, submit=True)

    # Single sign-on: the log-in page, the provider's page, back to the desk.
    page.goto("/login/")
    with page.expect_navigation():
        page.get_by_role("link", name="Sign in with acme").click()
    assert page.url.startswith(provider_url)
    screenshot(page, "sso-provider.png")
    with page.expect_navigation(url=re.compile(re.escape(live_server.url))):
        page.get_by_role("button", name="Authorize as ann").click()

    # Her role requires a second factor: enrolment, and nothing else, until she has one.
    page.wait_for_url(re.compile(r"/account/2fa/setup/"))
    expect(page.get_by_text("Your role requires a second factor")).to_be_visible()
    page.goto(f"/replies/templates/{template.pk}/")
    page.wait_for_url(re.compile(r"/account/2fa/setup/"))
    screenshot(page, "sso-mfa-enrolment.png")
    secret = page.locator('code[aria-label="Set-up key"]').inner_text().replace(" ", "")
    page.get_by_label("Code").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    assert page.locator("ul.recovery-codes li").count() == 10
    assert TotpDevice.objects.get(user=ann).confirmed_at is not None

    # The version in review: she approves it, signing with a code from her authenticator.
    page.goto(f"/replies/templates/{template.pk}/")
    item = page.locator(f'li[data-version="{version.number}"]')
    expect(item.locator(".state")).to_have_text("in_review")
    item.get_by_label("Sign with your password or authenticator code").fill("000000")  # a wrong code signs nothing
    with page.expect_navigation():
        item.get_by_role("button", name=f"Approve v{version.number}").click()
    expect(page.get_by_text("The password or code is not right: nothing was signed.")).to_be_visible()
    assert TemplateVersion.objects.get(pk=version.pk).status == "in_review" and not Signature.objects.exists()
    item = page.locator(f'li[data-version="{version.number}"]')
    item.get_by_label("Sign with your password or authenticator code").fill(next_code(secret, ann))
    with page.expect_navigation():
        item.get_by_role("button", name=f"Approve v{version.number}").click()

    # The signature on the version: who, when, its meaning, how she re-authenticated, the hash.
    item = page.locator(f'li[data-version="{version.number}"]')
    expect(item.locator(".state")).to_have_text("active")
    signature = Signature.objects.get()
    assert (signature.signer, signature.meaning, signature.method) == (ann, "approved", "totp")
    shown = item.locator("section.signatures li.signature-valid")
    expect(shown).to_contain_text("Approved by Ann (ann@acme.test)")
    expect(shown).to_contain_text("re-authenticated by totp")
    expect(shown).to_contain_text("matches the record")
    accessible(page, "the template page with a signed version")
    screenshot(page, "signature-on-version.png")

    # The version's PDF record carries the signature manifest.
    with page.expect_download() as download:
        item.get_by_role("link", name=f"Download the record of v{version.number}").click()
    path = tmp_path / "version.pdf"
    download.value.save_as(path)
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    text = pdf_text(data)
    for expected in ("Reply template version record - Northwind Pharma", r"Electronic signatures \(1\)",
                     "Approved", "Ann <ann@acme.test>", "totp", signature.content_hash[:16], "valid",
                     "generated by ann@acme.test"):
        assert expected in text, expected
    assert "NOT VALID" not in text
