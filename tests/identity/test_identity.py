"""Second factors, the security policy, sessions and electronic signatures (21 CFR Part 11)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pyotp
import pytest
import time_machine
from click.testing import CliRunner
from django.core.exceptions import ValidationError
from django.test import Client as HttpClient

from carewatch.audit.models import AuditEvent
from carewatch.cli import main
from carewatch.configuration.as_code import apply_config, export_config
from carewatch.identity import actions
from carewatch.identity.models import RecoveryCode, SecurityPolicy, Signature, TotpDevice, TrackedSession
from carewatch.identity.signatures import check, signatures_for
from carewatch.replies.models import TemplateVersion
from carewatch.safety.models import SafetyCase, SafetyStatus
from carewatch.tenancy.config import ConfigError
from carewatch.tenancy.models import Client, User
from tests.conftest import PASSWORD

AE_TEXT = "I started Glucavio last week and now I have terrible nausea and vomiting every morning"
T0 = datetime(2026, 12, 7, 15, 0, tzinfo=UTC)


def sign_in(user: User) -> HttpClient:
    client = HttpClient()
    response = client.post("/login/", {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.status_code
    return client


def enrol(user: User) -> str:
    """Set an authenticator up for the user directly; returns its secret."""
    secret = pyotp.random_base32()
    actions.do_enrol_totp(user, secret, pyotp.TOTP(secret).now())
    return secret


def require_mfa_for(*roles: str) -> None:
    actions.do_apply_security_policy({"mfa_required_roles": list(roles)})


@pytest.fixture
def flagged(northwind: Client, make_mention: Any) -> SafetyCase:
    northwind.settings = {"pv_forward_to": ["pv@northwind.test"]}
    northwind.save()
    mention = make_mention(northwind, AE_TEXT, author="nwpatient")
    return SafetyCase.objects.get(links__mention=mention, kind="adverse_event")


# ------------------------------------------------------------------ second factor
def test_a_user_whose_role_requires_mfa_reaches_nothing_but_the_enrolment_page(sam: User) -> None:
    require_mfa_for("supervisor")
    client = sign_in(sam)
    for url in ("/inbox/", "/safety/", "/audit/", "/replies/templates/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/account/2fa/setup/"), url
    assert client.get("/api/v1/cases").status_code == 401
    page = client.get("/account/2fa/setup/")
    assert page.status_code == 200 and "otpauth://totp/" in page.content.decode()
    assert not TotpDevice.objects.exists(), "nothing is stored before the first code confirms the secret"


def test_enrolment_with_the_first_code_shows_ten_recovery_codes_once_and_opens_the_desk(sam: User) -> None:
    require_mfa_for("supervisor")
    client = sign_in(sam)
    client.get("/account/2fa/setup/")
    secret = client.session["carewatch.mfa_pending"]
    wrong = client.post("/account/2fa/setup/", {"code": "000000"}, follow=True)
    assert "not right" in wrong.content.decode() and not TotpDevice.objects.exists()
    page = client.post("/account/2fa/setup/", {"code": pyotp.TOTP(secret).now()})
    assert page.status_code == 200 and page.content.decode().count("<li><code>") == 10
    assert RecoveryCode.objects.filter(user=sam).count() == 10
    assert "recovery" not in str(list(RecoveryCode.objects.values_list("code_hash", flat=True)))
    assert client.get("/inbox/").status_code == 200
    assert AuditEvent.objects.filter(action="mfa.enrol", actor=sam).exists()


def test_a_user_with_a_factor_enters_a_code_after_the_password_and_a_code_is_never_accepted_twice(
        alice: User) -> None:
    secret = enrol(alice)
    with time_machine.travel(datetime.now(UTC) + timedelta(minutes=2), tick=False):
        client = sign_in(alice)
        response = client.get("/inbox/")
        assert response.status_code == 302 and response["Location"].startswith("/account/2fa/verify/")
        code = pyotp.TOTP(secret).now()
        assert client.post("/account/2fa/verify/", {"code": code, "next": "/inbox/"})["Location"] == "/inbox/"
        assert client.get("/inbox/").status_code == 200
        again = sign_in(alice)
        again.post("/account/2fa/verify/", {"code": code})
        assert again.get("/inbox/").status_code == 302, "the same code a second time is refused (replay)"


def test_five_wrong_codes_lock_the_factor_and_a_recovery_code_works_only_once(alice: User) -> None:
    enrol(alice)
    client = sign_in(alice)
    for _ in range(5):
        client.post("/account/2fa/verify/", {"code": "123456"})
    device = TotpDevice.objects.get(user=alice)
    assert device.locked_until is not None
    assert AuditEvent.objects.filter(action="mfa.locked").exists()
    with pytest.raises(ValidationError, match="Too many wrong codes"):
        actions.do_check_second_factor(alice, "123456")
    device.locked_until = None
    device.save()
    RecoveryCode.objects.filter(user=alice).delete()
    from carewatch.identity.factors import hash_code

    RecoveryCode.objects.create(user=alice, code_hash=hash_code("abcde-12345"))
    assert actions.do_check_second_factor(alice, "ABCDE-12345") == "recovery"
    with pytest.raises(ValidationError):
        actions.do_check_second_factor(alice, "abcde-12345")


def test_resetting_a_factor_ends_the_user_s_sessions_is_audited_and_needs_an_admin(
        alice: User, sam: User, admin: User) -> None:
    from django.core.exceptions import PermissionDenied

    enrol(alice)
    alice_client = sign_in(alice)
    assert TrackedSession.objects.filter(user=alice, ended_at__isnull=True).count() == 1
    with pytest.raises(PermissionDenied):
        actions.do_reset_factors(sam, alice)
    assert TotpDevice.objects.filter(user=alice).exists()
    result = CliRunner().invoke(main, ["user", "reset-2fa", "--email", "ALICE@agency.test"])
    assert result.exit_code == 0, result.output
    assert not TotpDevice.objects.filter(user=alice).exists() and not RecoveryCode.objects.filter(user=alice).exists()
    assert alice_client.get("/inbox/").status_code == 302, "her session was ended"
    event = AuditEvent.objects.get(action="mfa.reset")
    assert event.actor_label == "cli" and event.data["sessions_ended"] == 1
    actions.do_reset_factors(admin, alice)
    assert AuditEvent.objects.filter(action="mfa.reset", actor=admin).exists()


# ------------------------------------------------------------------ policy as config
def test_the_security_block_of_the_config_file_applies_exports_and_refuses_unknown_roles(db: Any) -> None:
    changes = apply_config("security:\n  mfa_required_roles: [admin, safety]\n  idle_timeout_minutes: {agent: 30}\n")
    assert changes and SecurityPolicy.objects.get().mfa_required_roles == ["admin", "safety"]
    assert apply_config("security:\n  mfa_required_roles: [admin, safety]\n  idle_timeout_minutes: {agent: 30}\n") == []
    assert "mfa_required_roles:\n  - admin\n  - safety" in export_config()
    with pytest.raises(ConfigError, match="unknown role"):
        apply_config("security:\n  mfa_required_roles: [janitor]\n")


def test_a_session_idle_longer_than_the_role_s_time_out_ends(alice: User) -> None:
    actions.do_apply_security_policy({"idle_timeout_minutes": {"agent": 15}})
    with time_machine.travel(T0, tick=False) as clock:
        client = sign_in(alice)
        assert client.get("/inbox/").status_code == 200
        clock.move_to(T0 + timedelta(minutes=10))
        assert client.get("/inbox/").status_code == 200
        clock.move_to(T0 + timedelta(minutes=26))
        response = client.get("/inbox/")
        assert response.status_code == 302 and response["Location"].startswith("/login/")
        assert TrackedSession.objects.get(user=alice).ended_reason == "idle"


def test_a_user_sees_their_sessions_and_ends_the_others(alice: User) -> None:
    first, second = sign_in(alice), sign_in(alice)
    page = first.get("/account/sessions/").content.decode()
    assert page.count("<tr>") == 3  # the header and two sessions
    first.post("/account/sessions/end-others/")
    assert second.get("/inbox/").status_code == 302
    assert first.get("/inbox/").status_code == 200
    assert AuditEvent.objects.filter(action="session.revoke_others", actor=alice).exists()


# ------------------------------------------------------------------ passwords
@pytest.mark.parametrize("password", ["short pass", "carewatch2026!", "aaaaaaaaaaaaaaaa", "abcabcabcabcabc",
                                      "password123", "x" * 129])
def test_weak_passwords_are_refused(password: str, alice: User) -> None:
    from django.contrib.auth.password_validation import validate_password

    with pytest.raises(ValidationError):
        validate_password(password, alice)


def test_a_long_passphrase_without_symbols_is_accepted(alice: User) -> None:
    from django.contrib.auth.password_validation import validate_password

    validate_password("otters hold hands while sleeping", alice)


# ------------------------------------------------------------------ electronic signatures
def test_forwarding_without_re_authentication_changes_nothing(flagged: SafetyCase, alice: User) -> None:
    client = HttpClient()
    client.force_login(alice)
    for signature in ("", "not my password"):
        page = client.post(f"/safety/{flagged.pk}/act/", {"op": "forward", "signature": signature}, follow=True)
        assert "nothing was signed" in page.content.decode() or "Sign with your password" in page.content.decode()
    flagged.refresh_from_db()
    assert flagged.status != SafetyStatus.FORWARDED and not Signature.objects.exists()
    assert AuditEvent.objects.filter(action="signature.refused", actor=alice).count() == 1


def test_a_forward_signature_names_who_when_and_what_and_an_edit_afterwards_invalidates_it(
        flagged: SafetyCase, alice: User) -> None:
    client = HttpClient()
    client.force_login(alice)
    client.post(f"/safety/{flagged.pk}/act/", {"op": "forward", "signature": PASSWORD})
    flagged.refresh_from_db()
    assert flagged.status == SafetyStatus.FORWARDED
    signature = Signature.objects.get()
    assert (signature.signer, signature.meaning, signature.method) == (alice, "forwarded", "password")
    assert signature.object_id == str(flagged.pk) and len(signature.content_hash) == 64
    page = client.get(f"/safety/{flagged.pk}/").content.decode()
    assert "Forwarded to pharmacovigilance</strong> by Alice" in page and "matches the record" in page
    assert CliRunner().invoke(main, ["audit", "verify"]).exit_code == 0
    SafetyCase.objects.filter(pk=flagged.pk).update(narrative="rewritten after the forward")
    [result] = signatures_for(flagged)
    assert not result.valid and result.problem == "the record changed after it was signed"
    assert "NOT VALID: the record changed after it was signed" in client.get(f"/safety/{flagged.pk}/").content.decode()
    verify = CliRunner().invoke(main, ["audit", "verify"])
    assert verify.exit_code == 1 and "SIGNATURE NOT VALID: forwarded by alice@agency.test" in verify.output


def test_a_code_from_the_authenticator_signs_too(flagged: SafetyCase, quinn: User) -> None:
    secret = enrol(quinn)
    client = HttpClient()
    client.force_login(quinn)
    session = client.session
    session["carewatch.mfa"] = "ok"
    session.save()
    with time_machine.travel(datetime.now(UTC) + timedelta(minutes=1), tick=False):
        client.post(f"/safety/{flagged.pk}/act/", {"op": "dismiss", "reason": "Not an AE: a question about storage",
                                                   "signature": pyotp.TOTP(secret).now()})
    flagged.refresh_from_db()
    assert flagged.status == SafetyStatus.DISMISSED
    assert Signature.objects.get().method == "totp" and check(Signature.objects.get()).valid


def test_the_api_transition_needs_the_signature_for_forward(flagged: SafetyCase, alice: User) -> None:
    client = HttpClient()
    client.force_login(alice)
    url = f"/api/v1/safety-cases/{flagged.pk}/transition"
    refused = client.post(url, {"op": "forward"}, content_type="application/json")
    assert refused.status_code == 422
    assert client.post(url, {"op": "forward", "signature": PASSWORD}, content_type="application/json").status_code == 200
    assert Signature.objects.get().meaning == "forwarded"


def test_approving_a_template_version_is_signed_and_shown_on_the_version(
        northwind: Client, alice: User, sam: User) -> None:
    from carewatch.replies import actions as replies

    template = replies.do_create_template(alice, northwind, "storage", "en", "general_question", "Storage")
    version = replies.do_new_version(alice, template, "Hi {handle}, keep the pen in the fridge.", submit=True)
    client = HttpClient()
    client.force_login(sam)
    client.post(f"/replies/versions/{version.pk}/act/", {"op": "approve", "signature": "wrong"})
    assert TemplateVersion.objects.get(pk=version.pk).status == "in_review"
    client.post(f"/replies/versions/{version.pk}/act/", {"op": "approve", "signature": PASSWORD})
    assert TemplateVersion.objects.get(pk=version.pk).status == "approved"
    page = client.get(f"/replies/templates/{template.pk}/").content.decode()
    assert "Approved</strong> by Sam" in page and "matches the record" in page
