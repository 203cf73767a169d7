"""Security keys and passkeys (WebAuthn) with a software authenticator: registration, the second
factor at log-in, re-authentication at signing, and what is refused (another origin, a challenge
used twice or expired, a sign counter that goes back, another user's key, no user verification
at signing), plus who may add and remove keys."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from click.testing import CliRunner
from django.test import Client as HttpClient

from carewatch.audit.models import AuditEvent
from carewatch.cli import main
from carewatch.identity import actions
from carewatch.identity.models import RecoveryCode, Signature, TrackedSession, WebAuthnChallenge, WebAuthnCredential
from carewatch.identity.signatures import check
from carewatch.safety.models import SafetyCase, SafetyStatus
from carewatch.tenancy.models import Client, User
from tests.conftest import PASSWORD
from tests.identity.soft_authenticator import SoftAuthenticator, as_json

ORIGIN = "http://testserver"
AE_TEXT = "I started Glucavio last week and now I have terrible nausea and vomiting every morning"


@pytest.fixture(autouse=True)
def relying_party(settings: Any) -> None:
    settings.WEBAUTHN_RP_ID = "testserver"
    settings.WEBAUTHN_ORIGIN = ORIGIN


@pytest.fixture
def flagged(northwind: Client, make_mention: Any) -> SafetyCase:
    northwind.settings = {"pv_forward_to": ["pv@northwind.test"]}
    northwind.save()
    mention = make_mention(northwind, AE_TEXT, author="nwpatient")
    return SafetyCase.objects.get(links__mention=mention, kind="adverse_event")


def sign_in(user: User) -> HttpClient:
    client = HttpClient()
    response = client.post("/login/", {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.status_code
    return client


def verified(user: User) -> HttpClient:
    """A browser session past its second factor."""
    client = HttpClient()
    client.force_login(user)
    session = client.session
    session["carewatch.mfa"] = "ok"
    session.save()
    return client


def options(client: HttpClient, url: str) -> dict[str, Any]:
    answer = client.post(url).json()
    assert answer["ok"], answer
    return dict(answer["options"])


def register(client: HttpClient, key: SoftAuthenticator, name: str = "YubiKey 5", origin: str = ORIGIN,
             next_url: str = "") -> dict[str, Any]:
    offered = options(client, "/account/2fa/webauthn/register/options/")
    answer = key.create(offered, origin)
    return dict(client.post("/account/2fa/webauthn/register/",
                            {"credential": as_json(answer), "name": name, "next": next_url}).json())


def log_in_with(client: HttpClient, key: SoftAuthenticator, origin: str = ORIGIN, **get: Any) -> dict[str, Any]:
    offered = options(client, "/account/2fa/webauthn/login/options/")
    answer = key.get(offered, origin, **get)
    return dict(client.post("/account/2fa/webauthn/login/", {"credential": as_json(answer), "next": "/inbox/"}).json())


def enrolled(user: User, key: SoftAuthenticator | None = None) -> SoftAuthenticator:
    key = key or SoftAuthenticator()
    assert register(verified(user), key)["ok"]
    return key


# ------------------------------------------------------------------ registration
def test_a_user_registers_a_named_security_key_and_sees_recovery_codes_once(alice: User) -> None:
    client = sign_in(alice)
    done = register(client, SoftAuthenticator(), name="  Blue   YubiKey ", next_url="/inbox/")
    assert done["ok"] and done["redirect"].startswith("/account/2fa/recovery-codes/")
    page = client.get(done["redirect"]).content.decode()
    assert page.count("<code>") == 10 and RecoveryCode.objects.filter(user=alice).count() == 10
    assert "<code>" not in client.get(done["redirect"]).content.decode(), "the codes are shown once"
    key = WebAuthnCredential.objects.get(user=alice)
    assert key.name == "Blue YubiKey" and key.sign_count == 0 and key.transports == ["usb"]
    event = AuditEvent.objects.get(action="mfa.enrol")
    assert event.data["factor"] == "webauthn" and event.data["name"] == "Blue YubiKey"
    account = client.get("/account/sessions/").content.decode()
    assert "Blue YubiKey" in account and "1 security key" in account


def test_a_second_key_keeps_the_recovery_codes_and_the_same_key_cannot_be_registered_twice(alice: User) -> None:
    key = enrolled(alice)
    client = verified(alice)
    assert register(client, SoftAuthenticator(), name="Laptop passkey")["redirect"] == "/account/sessions/"
    assert WebAuthnCredential.objects.filter(user=alice).count() == 2
    assert RecoveryCode.objects.filter(user=alice).count() == 10
    offered = options(client, "/account/2fa/webauthn/register/options/")
    assert len(offered["excludeCredentials"]) == 2, "the browser is told which keys are already registered"
    with pytest.raises(ValueError, match="InvalidStateError"):
        key.create(offered, ORIGIN)


def test_a_registration_for_another_origin_or_without_our_challenge_is_refused(alice: User) -> None:
    client = sign_in(alice)
    wrong = register(client, SoftAuthenticator(), origin="https://carewatch.evil.example")
    assert not wrong["ok"] and "origin" in wrong["error"]
    offered = options(client, "/account/2fa/webauthn/register/options/")
    answer = SoftAuthenticator().create(offered, ORIGIN)
    assert client.post("/account/2fa/webauthn/register/", {"credential": as_json(answer)}).json()["ok"]
    again = client.post("/account/2fa/webauthn/register/", {"credential": as_json(answer)}).json()
    assert not again["ok"] and "already used" in again["error"]
    assert WebAuthnCredential.objects.filter(user=alice).count() == 1


def test_a_user_whose_role_requires_mfa_may_enrol_a_passkey_instead_of_an_authenticator_app(sam: User) -> None:
    actions.do_apply_security_policy({"mfa_required_roles": ["supervisor"]})
    client = sign_in(sam)
    setup = client.get("/inbox/", follow=True)
    assert setup.request["PATH_INFO"] == "/account/2fa/setup/"
    assert "Add a security key or passkey" in setup.content.decode()
    done = register(client, SoftAuthenticator(), next_url="/inbox/")
    assert done["ok"]
    assert client.get(done["redirect"]).status_code == 200
    assert client.get("/inbox/").status_code == 200


# ------------------------------------------------------------------ the second factor at log-in
def test_after_the_password_a_security_key_is_the_second_factor(alice: User) -> None:
    key = enrolled(alice)
    client = sign_in(alice)
    assert client.get("/inbox/")["Location"].startswith("/account/2fa/verify/")
    assert "Use your security key or passkey" in client.get("/account/2fa/verify/").content.decode()
    done = log_in_with(client, key)
    assert done == {"ok": True, "redirect": "/inbox/"}
    assert client.get("/inbox/").status_code == 200
    stored = WebAuthnCredential.objects.get(user=alice)
    assert stored.sign_count == 1 and stored.last_used_at is not None


def test_a_login_answer_for_another_origin_is_refused_and_audited(alice: User) -> None:
    key = enrolled(alice)
    client = sign_in(alice)
    done = log_in_with(client, key, origin="https://carewatch.evil.example")
    assert not done["ok"] and "origin" in done["error"]
    assert client.get("/inbox/").status_code == 302
    assert AuditEvent.objects.get(action="mfa.webauthn_refused").data["purpose"] == "login"


def test_a_login_challenge_is_single_use_and_expires(alice: User) -> None:
    key = enrolled(alice)
    client = sign_in(alice)
    offered = options(client, "/account/2fa/webauthn/login/options/")
    answer = as_json(key.get(offered, ORIGIN))
    assert client.post("/account/2fa/webauthn/login/", {"credential": answer}).json()["ok"]
    other = sign_in(alice)
    options(other, "/account/2fa/webauthn/login/options/")  # a fresh challenge in that session
    replayed = other.post("/account/2fa/webauthn/login/", {"credential": answer}).json()
    assert not replayed["ok"] and "challenge" in replayed["error"]
    assert other.get("/inbox/").status_code == 302, "a captured answer does not open another session"
    late = sign_in(alice)
    offered = options(late, "/account/2fa/webauthn/login/options/")
    with time_machine.travel(datetime.now(UTC) + timedelta(minutes=6)):
        expired = late.post("/account/2fa/webauthn/login/", {"credential": as_json(key.get(offered, ORIGIN))}).json()
    assert not expired["ok"] and "expired" in expired["error"]


def test_a_sign_counter_that_goes_back_is_refused_as_a_cloned_key(alice: User) -> None:
    key = enrolled(alice)
    assert log_in_with(sign_in(alice), key)["ok"]
    assert log_in_with(sign_in(alice), key)["ok"]
    assert WebAuthnCredential.objects.get(user=alice).sign_count == 2
    client = sign_in(alice)
    cloned = log_in_with(client, key, counter=1)
    assert not cloned["ok"] and "sign count" in cloned["error"]
    assert client.get("/inbox/").status_code == 302
    assert WebAuthnCredential.objects.get(user=alice).sign_count == 2


def test_another_user_s_key_is_not_a_second_factor(alice: User, bob: User) -> None:
    enrolled(alice)
    bobs_key = enrolled(bob)
    client = sign_in(alice)
    offered = options(client, "/account/2fa/webauthn/login/options/")
    offered["allowCredentials"] = [{"id": c.credential_id, "type": "public-key"}
                                   for c in WebAuthnCredential.objects.filter(user=bob)]
    answer = bobs_key.get(offered, ORIGIN)
    done = client.post("/account/2fa/webauthn/login/", {"credential": as_json(answer)}).json()
    assert not done["ok"] and "not registered to your account" in done["error"]
    assert client.get("/inbox/").status_code == 302


def test_a_user_whose_only_factor_is_a_key_can_use_a_recovery_code(alice: User) -> None:
    enrolled(alice)
    from carewatch.identity.factors import hash_code

    RecoveryCode.objects.filter(user=alice).delete()
    RecoveryCode.objects.create(user=alice, code_hash=hash_code("abcde-12345"))
    client = sign_in(alice)
    assert "Lost your key?" in client.get("/account/2fa/verify/").content.decode()
    assert client.post("/account/2fa/verify/", {"code": "000000"}).status_code == 200
    assert client.get("/inbox/").status_code == 302
    assert client.post("/account/2fa/verify/", {"code": "abcde-12345", "next": "/inbox/"})["Location"] == "/inbox/"
    assert client.get("/inbox/").status_code == 200


def test_with_a_key_and_only_the_password_no_other_factor_can_be_added_or_removed(alice: User) -> None:
    enrolled(alice)
    client = sign_in(alice)
    refused = client.post("/account/2fa/webauthn/register/options/").json()
    assert not refused["ok"] and "current second factor" in refused["error"]
    assert client.get("/account/2fa/setup/")["Location"] == "/account/2fa/verify/"
    key = WebAuthnCredential.objects.get(user=alice)
    assert client.post("/account/2fa/webauthn/remove/", {"key": key.pk}).status_code == 403
    assert not client.post("/account/2fa/webauthn/sign/options/").json()["ok"]
    assert WebAuthnCredential.objects.filter(user=alice).count() == 1


def test_a_user_with_a_key_may_add_an_authenticator_app_once_past_the_second_factor(alice: User) -> None:
    enrolled(alice)
    page = verified(alice).get("/account/2fa/setup/")
    assert page.status_code == 200 and "Scan this code" in page.content.decode()


# ------------------------------------------------------------------ removing keys and the admin reset
def test_a_user_removes_her_own_key_and_nobody_else_s(alice: User, bob: User, victor: User) -> None:
    enrolled(alice)
    key = WebAuthnCredential.objects.get(user=alice)
    for other in (bob, victor):  # another client's agent, a read-only viewer of her client
        page = verified(other).post("/account/2fa/webauthn/remove/", {"key": key.pk}, follow=True).content.decode()
        assert "No such security key" in page, "the same answer as for a key that does not exist"
    assert WebAuthnCredential.objects.filter(pk=key.pk).exists() and not AuditEvent.objects.filter(
        action="mfa.remove").exists()
    response = verified(alice).post("/account/2fa/webauthn/remove/", {"key": key.pk})
    assert response.status_code == 302 and not WebAuthnCredential.objects.filter(pk=key.pk).exists()
    event = AuditEvent.objects.get(action="mfa.remove")
    assert event.actor == alice and event.data["name"] == "YubiKey 5"


def test_a_read_only_viewer_sets_up_his_own_key(victor: User) -> None:
    assert register(sign_in(victor), SoftAuthenticator())["ok"]
    assert WebAuthnCredential.objects.filter(user=victor).count() == 1


def test_the_last_key_of_a_user_whose_role_requires_mfa_is_not_removed(sam: User) -> None:
    actions.do_apply_security_policy({"mfa_required_roles": ["supervisor"]})
    enrolled(sam)
    key = WebAuthnCredential.objects.get(user=sam)
    page = verified(sam).post("/account/2fa/webauthn/remove/", {"key": key.pk}, follow=True).content.decode()
    assert "set up another one before removing" in page
    assert WebAuthnCredential.objects.filter(pk=key.pk).exists()


def test_the_admin_reset_removes_security_keys_too_and_is_audited(alice: User) -> None:
    enrolled(alice)
    client = sign_in(alice)
    result = CliRunner().invoke(main, ["user", "reset-2fa", "--email", "alice@agency.test"])
    assert result.exit_code == 0, result.output
    assert not WebAuthnCredential.objects.filter(user=alice).exists()
    assert not RecoveryCode.objects.filter(user=alice).exists()
    event = AuditEvent.objects.get(action="mfa.reset")
    assert event.data["webauthn_removed"] == 1 and event.data["sessions_ended"] == 2  # enrolment + sign-in
    assert client.get("/inbox/").status_code == 302
    assert not TrackedSession.objects.filter(user=alice, ended_at__isnull=True).exists()


# ------------------------------------------------------------------ re-authentication at signing
def sign_answer(client: HttpClient, key: SoftAuthenticator, origin: str = ORIGIN) -> str:
    offered = options(client, "/account/2fa/webauthn/sign/options/")
    assert offered["userVerification"] == "required"
    return "webauthn:" + as_json(key.get(offered, origin))


def test_a_single_sign_on_user_without_a_password_signs_a_forward_with_a_passkey(
        flagged: SafetyCase, alice: User) -> None:
    alice.set_unusable_password()
    alice.save()
    key = enrolled(alice)
    client = verified(alice)
    assert 'name="carewatch-passkey-sign"' in client.get(f"/safety/{flagged.pk}/").content.decode()
    signature = sign_answer(client, key)
    client.post(f"/safety/{flagged.pk}/act/", {"op": "forward", "signature": signature})
    flagged.refresh_from_db()
    assert flagged.status == SafetyStatus.FORWARDED
    signed = Signature.objects.get()
    assert (signed.signer, signed.meaning, signed.method) == (alice, "forwarded", "webauthn") and check(signed).valid
    assert not WebAuthnChallenge.objects.exists(), "the signing challenge was used up"
    page = client.get(f"/safety/{flagged.pk}/").content.decode()
    assert "re-authenticated by webauthn" in page


def test_a_signing_answer_is_single_use(flagged: SafetyCase, alice: User, sam: User, northwind: Client) -> None:
    from carewatch.replies import actions as replies
    from carewatch.replies.models import TemplateVersion

    key = enrolled(sam)
    client = verified(sam)
    signature = sign_answer(client, key)
    client.post(f"/safety/{flagged.pk}/act/", {"op": "forward", "signature": signature})
    assert Signature.objects.get().method == "webauthn"
    template = replies.do_create_template(alice, northwind, "storage", "en", "general_question", "Storage")
    version = replies.do_new_version(alice, template, "Hi {handle}, keep the pen in the fridge.", submit=True)
    client.post(f"/replies/versions/{version.pk}/act/", {"op": "approve", "signature": signature})
    assert TemplateVersion.objects.get(pk=version.pk).status == "in_review", "a replayed answer signs nothing"
    assert Signature.objects.count() == 1
    assert "already used" in AuditEvent.objects.get(action="signature.refused", actor=sam).data["reason"]
    client.post(f"/replies/versions/{version.pk}/act/", {"op": "approve", "signature": sign_answer(client, key)})
    assert TemplateVersion.objects.get(pk=version.pk).status == "approved"
    assert Signature.objects.count() == 2


@pytest.mark.parametrize("problem", ["no user verification", "another origin", "counter back"])
def test_a_signing_answer_is_refused_without_user_verification_for_another_origin_or_with_a_lagging_counter(
        problem: str, flagged: SafetyCase, alice: User) -> None:
    alice.set_unusable_password()
    alice.save()
    key = enrolled(alice, SoftAuthenticator(user_verifying=problem != "no user verification"))
    client = verified(alice)
    if problem == "counter back":  # (no password: her log-ins are single sign-on, then the key)
        assert log_in_with(verified(alice), key)["ok"]
        assert log_in_with(verified(alice), key)["ok"]
        offered = options(client, "/account/2fa/webauthn/sign/options/")
        signature = "webauthn:" + as_json(key.get(offered, ORIGIN, counter=1))
    else:
        signature = sign_answer(client, key, origin="https://carewatch.evil.example" if problem == "another origin"
                                else ORIGIN)
    page = client.post(f"/safety/{flagged.pk}/act/", {"op": "forward", "signature": signature}, follow=True)
    assert "nothing was signed" in page.content.decode()
    flagged.refresh_from_db()
    assert flagged.status != SafetyStatus.FORWARDED and not Signature.objects.exists()
    refused = AuditEvent.objects.get(action="signature.refused")
    assert refused.data["reason"].startswith("security key:")


def test_signing_forms_offer_the_security_key_only_to_users_who_have_one(flagged: SafetyCase, alice: User,
                                                                         sam: User) -> None:
    enrolled(alice)
    assert 'name="carewatch-passkey-sign"' not in verified(sam).get(f"/safety/{flagged.pk}/").content.decode()
    assert not verified(sam).post("/account/2fa/webauthn/sign/options/").json()["ok"]
    assert '/static/identity/webauthn.js' in verified(sam).get(f"/safety/{flagged.pk}/").content.decode()


def test_the_options_name_the_relying_party_and_only_the_user_s_own_keys(alice: User, bob: User) -> None:
    enrolled(alice)
    enrolled(bob)
    offered = options(sign_in(alice), "/account/2fa/webauthn/login/options/")
    assert offered["rpId"] == "testserver"
    assert [c["id"] for c in offered["allowCredentials"]] == [WebAuthnCredential.objects.get(user=alice).credential_id]
    created = options(verified(alice), "/account/2fa/webauthn/register/options/")
    assert created["rp"] == {"id": "testserver", "name": "Carewatch"}
    assert "alice" not in json.dumps(created["user"]["id"]), "the user handle is opaque"


def test_a_flood_of_signing_challenges_keeps_only_the_newest_ten(alice: User) -> None:
    key = enrolled(alice)
    client = verified(alice)
    first = options(client, "/account/2fa/webauthn/sign/options/")
    for _ in range(12):
        options(client, "/account/2fa/webauthn/sign/options/")
    assert WebAuthnChallenge.objects.filter(user=alice).count() == 10
    stale = "webauthn:" + as_json(key.get(first, ORIGIN))
    from carewatch.identity.signatures import SignatureRefused, reauthenticate

    with pytest.raises(SignatureRefused, match="already used"):
        reauthenticate(alice, stale)
