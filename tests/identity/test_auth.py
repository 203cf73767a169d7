"""Logging in: e-mail and password, Argon2 hashes, lockout, the audit trail, the session cookie
and the security headers every page carries."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.conf import settings
from django.test import Client as HttpClient

import carewatch.settings as production_settings
from carewatch.audit.models import AuditEvent
from carewatch.tenancy.models import User
from tests.conftest import PASSWORD

LOGIN = "/login/"
WRONG_PASSWORD = "wrong-horse-7c1e"


def log_in(client: HttpClient, email: str, password: str, **kwargs: Any) -> Any:
    return client.post(LOGIN, {"username": email, "password": password}, **kwargs)


def audit_text() -> str:
    """Everything the audit trail holds, as one string."""
    return json.dumps([
        [e.actor_label, e.action, e.object_type, e.object_id, e.data] for e in AuditEvent.objects.all()
    ])


def test_logging_in_with_e_mail_and_password_opens_the_inbox(alice: User) -> None:
    client = HttpClient()
    response = log_in(client, "alice@agency.test", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/inbox/"
    assert client.get("/inbox/").status_code == 200
    assert client.session["_auth_user_id"] == str(alice.pk)


def test_a_wrong_password_shows_the_form_again_and_logs_nobody_in(alice: User) -> None:
    client = HttpClient()
    response = log_in(client, "alice@agency.test", WRONG_PASSWORD)
    assert response.status_code == 200
    assert "did not match" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get("/inbox/").status_code == 302


def test_an_inactive_user_cannot_log_in(alice: User) -> None:
    alice.is_active = False
    alice.save()
    client = HttpClient()
    assert log_in(client, "alice@agency.test", PASSWORD).status_code == 200
    assert "_auth_user_id" not in client.session


def test_the_login_page_never_redirects_off_the_site(alice: User) -> None:
    response = log_in(HttpClient(), "alice@agency.test", PASSWORD, QUERY_STRING="next=https://evil.example/")
    assert response.status_code == 302
    assert response["Location"] == "/inbox/"
    response = log_in(HttpClient(), "alice@agency.test", PASSWORD, QUERY_STRING="next=/inbox/?mine=1")
    assert response["Location"] == "/inbox/?mine=1"


def test_passwords_are_stored_hashed_with_argon2(alice: User) -> None:
    alice.refresh_from_db()
    assert alice.password.startswith("argon2$argon2id$")
    assert PASSWORD not in alice.password
    assert alice.check_password(PASSWORD)
    # production hashes new passwords with Argon2 too (the tests only use cheaper parameters)
    assert production_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_an_account_is_locked_after_the_failure_limit_even_for_the_right_password(alice: User) -> None:
    client = HttpClient()
    limit = settings.AXES_FAILURE_LIMIT
    assert limit == 5
    for _ in range(limit - 1):
        assert log_in(client, "alice@agency.test", WRONG_PASSWORD).status_code == 200
    locked = log_in(client, "alice@agency.test", WRONG_PASSWORD)
    assert locked.status_code == 429
    response = log_in(client, "alice@agency.test", PASSWORD)
    assert response.status_code == 429
    assert "Too many failed log-ins" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get("/inbox/").status_code == 302


def test_the_lockout_is_per_account_so_colleagues_can_still_log_in(alice: User, victor: User) -> None:
    client = HttpClient()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "alice@agency.test", WRONG_PASSWORD)
    assert log_in(HttpClient(), "victor@agency.test", PASSWORD).status_code == 302


def test_a_success_before_the_limit_resets_the_failure_count(alice: User) -> None:
    client = HttpClient()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "alice@agency.test", WRONG_PASSWORD)
    assert log_in(client, "alice@agency.test", PASSWORD).status_code == 302
    client = HttpClient()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "alice@agency.test", WRONG_PASSWORD)
    assert log_in(client, "alice@agency.test", PASSWORD).status_code == 302


def test_logins_and_failed_logins_are_audit_events_without_the_password(alice: User) -> None:
    client = HttpClient()
    log_in(client, "alice@agency.test", WRONG_PASSWORD)
    log_in(client, "alice@agency.test", PASSWORD)
    failed = AuditEvent.objects.get(action="auth.login_failed")
    assert failed.data["username"] == "alice@agency.test"
    assert failed.actor_id is None
    login = AuditEvent.objects.get(action="auth.login")
    assert login.actor_id == alice.pk
    assert login.data["ip"] == "127.0.0.1"
    text = audit_text()
    assert WRONG_PASSWORD not in text and PASSWORD not in text


def test_failed_logins_while_locked_are_audited_and_never_hold_the_password(alice: User) -> None:
    client = HttpClient()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "alice@agency.test", WRONG_PASSWORD)
    log_in(client, "alice@agency.test", PASSWORD)
    assert AuditEvent.objects.filter(action="auth.login_failed").count() == settings.AXES_FAILURE_LIMIT + 1
    assert not AuditEvent.objects.filter(action="auth.login").exists()
    text = audit_text()
    assert WRONG_PASSWORD not in text and PASSWORD not in text


def test_logging_out_takes_a_post_and_is_an_audit_event(alice: User) -> None:
    client = HttpClient()
    log_in(client, "alice@agency.test", PASSWORD)
    assert client.get("/logout/").status_code == 405
    response = client.post("/logout/")
    assert response.status_code == 302 and response["Location"] == "/login/"
    assert AuditEvent.objects.filter(action="auth.logout", actor=alice).count() == 1
    assert client.get("/inbox/").status_code == 302


def test_the_session_cookie_is_httponly_samesite_and_ends_with_the_browser(alice: User) -> None:
    response = log_in(HttpClient(), "alice@agency.test", PASSWORD)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie.value
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["expires"] == "" and cookie["max-age"] == ""  # a browser-session cookie


def test_logging_in_starts_a_new_session_so_a_planted_one_is_useless(alice: User) -> None:
    client = HttpClient()
    session = client.session  # an anonymous session, as an attacker could plant it
    session["planted"] = True
    session.save()
    planted = session.session_key
    assert client.cookies[settings.SESSION_COOKIE_NAME].value == planted
    log_in(client, "alice@agency.test", PASSWORD)
    assert client.cookies[settings.SESSION_COOKIE_NAME].value != planted
    attacker = HttpClient()
    attacker.cookies[settings.SESSION_COOKIE_NAME] = planted
    assert attacker.get("/inbox/").status_code == 302


def _nonce(policy: str) -> str:
    match = re.search(r"script-src 'self' 'nonce-([^']+)'", policy)
    assert match, policy
    return match.group(1)


@pytest.mark.parametrize("user_fixture", [None, "alice"])
def test_html_pages_carry_a_csp_with_self_and_a_nonce_the_scripts_use(user_fixture: str | None, db: None,
                                                                      request: pytest.FixtureRequest) -> None:
    # db: the log-in page lists the single-sign-on providers of the security policy
    client = HttpClient()
    path = LOGIN
    if user_fixture:
        client.force_login(request.getfixturevalue(user_fixture))
        path = "/inbox/"
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    policy = response["Content-Security-Policy"]
    nonce = _nonce(policy)
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    scripts = re.findall(r"<script\b[^>]*>", response.content.decode())
    assert scripts, "the page loads no script: the nonce check would prove nothing"
    for tag in scripts:
        assert f'nonce="{nonce}"' in tag, tag
    assert _nonce(client.get(path)["Content-Security-Policy"]) != nonce  # a fresh nonce per response


def test_the_locked_out_page_carries_the_csp_too(alice: User) -> None:
    client = HttpClient()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = log_in(client, "alice@agency.test", WRONG_PASSWORD)
    assert response.status_code == 429
    _nonce(response["Content-Security-Policy"])


@pytest.mark.parametrize("path", [LOGIN, "/inbox/", "/api/v1/cases", "/healthz"])
def test_every_response_forbids_framing_and_sniffing(alice: User, path: str) -> None:
    client = HttpClient()
    client.force_login(alice)
    response = client.get(path)
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
