"""Single sign-on with OpenID Connect, against a real provider started here: oidc-provider-mock
(authlib's authorization-code and OpenID grants on flask, RS256-signed ID tokens, its own JWKS),
on 127.0.0.1 with a random port, with client registration and the nonce required."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import oidc_provider_mock
import pytest
from django.test import Client as HttpClient

from carewatch.audit.models import AuditEvent
from carewatch.configuration.as_code import apply_config, export_config
from carewatch.identity import actions
from carewatch.identity.models import SecurityPolicy
from carewatch.tenancy.config import ConfigError
from carewatch.tenancy.models import Client, Membership, User
from tests.conftest import PASSWORD, make_user

CALLBACK = "http://testserver/login/sso/acme/callback/"
PEOPLE = {
    "ann": {"email": "ann@acme.test", "email_verified": True, "name": "Ann Example"},
    "newcomer": {"email": "newcomer@acme.test", "email_verified": True, "name": "New Comer"},
    "outsider": {"email": "out@elsewhere.test", "email_verified": True},
    "unverified": {"email": "unverified@acme.test", "email_verified": False},
}


@pytest.fixture(scope="module")
def provider_url() -> Iterator[str]:
    users = [oidc_provider_mock.User(sub=sub, claims=claims) for sub, claims in PEOPLE.items()]
    with oidc_provider_mock.run_server_in_thread(require_client_registration=True, require_nonce=True,
                                                 user_claims=users) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
def acme(db: Any, provider_url: str) -> dict[str, Any]:
    """Carewatch registered at the provider (its own client id and secret), and configured."""
    registered = httpx.post(f"{provider_url}/oauth2/clients", json={"redirect_uris": [CALLBACK]}).json()
    spec = {"name": "acme", "issuer": provider_url, "client_id": registered["client_id"],
            "client_secret": registered["client_secret"], "domains": ["acme.test"], "create_users": True}
    actions.do_apply_security_policy({"sso": [spec]})
    return spec


def sso_sign_in(sub: str, client: HttpClient | None = None) -> tuple[HttpClient, Any]:
    """Click "Sign in with acme", pick the person at the provider, follow it back to Carewatch."""
    client = client or HttpClient()
    start = client.get("/login/sso/acme/")
    assert start.status_code == 302, start.status_code
    authorize = start["Location"]
    query = parse_qs(urlsplit(authorize).query)
    assert query["code_challenge_method"] == ["S256"] and query["nonce"] and query["state"]
    answer = httpx.post(authorize, data={"sub": sub})
    assert answer.status_code == 302, answer.text
    back = urlsplit(answer.headers["location"])
    assert f"{back.scheme}://{back.netloc}{back.path}" == CALLBACK
    return client, client.get(f"{back.path}?{back.query}")


def refusal(response: Any, client: HttpClient) -> str:
    assert response.status_code == 302 and response["Location"] == "/login/"
    return client.get("/login/").content.decode()


def test_an_existing_user_signs_in_through_the_provider_and_it_is_audited(acme: dict[str, Any]) -> None:
    ann = make_user("Ann@acme.test")
    client, response = sso_sign_in("ann")
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/inbox/").status_code == 200
    assert int(client.session["_auth_user_id"]) == ann.pk
    event = AuditEvent.objects.get(action="login.sso")
    assert event.data["provider"] == "acme" and event.data["sub"] == "ann"


def test_the_second_factor_is_still_asked_after_single_sign_on(acme: dict[str, Any]) -> None:
    make_user("ann@acme.test", "supervisor", Client.objects.create(slug="acmeco", name="Acme"))
    actions.do_apply_security_policy({"mfa_required_roles": ["supervisor"], "sso": [acme]})
    client, response = sso_sign_in("ann")
    assert response.status_code == 302
    assert client.get("/inbox/")["Location"].startswith("/account/2fa/setup/")


def test_an_unknown_user_of_a_configured_domain_is_created_with_no_roles(acme: dict[str, Any]) -> None:
    _, response = sso_sign_in("newcomer")
    assert response.status_code == 302 and response["Location"] == "/"
    user = User.objects.get(email="newcomer@acme.test")
    assert user.name == "New Comer" and not user.has_usable_password()
    assert not user.is_agency_admin and not Membership.objects.filter(user=user).exists()
    created = AuditEvent.objects.get(action="user.jit_create")
    assert created.data["roles"] == [] and created.data["provider"] == "acme"
    assert AuditEvent.objects.filter(action="login.sso", actor=user).exists()


def test_no_user_is_created_when_the_provider_does_not_create_users(acme: dict[str, Any]) -> None:
    actions.do_apply_security_policy({"sso": [{**acme, "create_users": False}]})
    client, response = sso_sign_in("newcomer")
    assert "no Carewatch account" in refusal(response, client)
    assert not User.objects.filter(email="newcomer@acme.test").exists()
    assert "_auth_user_id" not in client.session


def test_an_email_outside_the_providers_domains_is_refused(acme: dict[str, Any]) -> None:
    make_user("out@elsewhere.test")
    client, response = sso_sign_in("outsider")
    assert "elsewhere.test is not a domain that signs in through acme" in refusal(response, client)
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.get(action="login.sso_refused").data["domain"] == "elsewhere.test"


def test_an_unverified_email_is_refused(acme: dict[str, Any]) -> None:
    make_user("unverified@acme.test")
    client, response = sso_sign_in("unverified")
    assert "not verified" in refusal(response, client)
    assert "_auth_user_id" not in client.session
    assert not AuditEvent.objects.filter(action="login.sso").exists()


def test_a_callback_with_another_state_is_refused_and_the_code_is_never_used(acme: dict[str, Any]) -> None:
    make_user("ann@acme.test")
    client = HttpClient()
    start = client.get("/login/sso/acme/")
    answer = httpx.post(start["Location"], data={"sub": "ann"})
    back = parse_qs(urlsplit(answer.headers["location"]).query)
    forged = client.get("/login/sso/acme/callback/", {"code": back["code"][0], "state": "not-the-state"})
    assert "state mismatch" in refusal(forged, client)
    assert "_auth_user_id" not in client.session
    # the pending sign-in is gone: the right state afterwards is refused too
    again = client.get("/login/sso/acme/callback/", {"code": back["code"][0], "state": back["state"][0]})
    assert again["Location"] == "/login/" and "_auth_user_id" not in client.session


def test_a_callback_from_a_browser_that_never_started_is_refused(acme: dict[str, Any]) -> None:
    make_user("ann@acme.test")
    started = HttpClient().get("/login/sso/acme/")  # another browser starts the sign-in
    answer = httpx.post(started["Location"], data={"sub": "ann"})
    back = urlsplit(answer.headers["location"])
    stranger = HttpClient()
    response = stranger.get(f"{back.path}?{back.query}")
    assert "state mismatch" in refusal(response, stranger)
    assert "_auth_user_id" not in stranger.session


def test_an_id_token_for_another_nonce_is_refused(acme: dict[str, Any]) -> None:
    make_user("ann@acme.test")
    client = HttpClient()
    start = client.get("/login/sso/acme/")
    session = client.session
    session["carewatch.sso"] = {**session["carewatch.sso"], "nonce": "a-nonce-from-another-sign-in"}
    session.save()
    answer = httpx.post(start["Location"], data={"sub": "ann"})
    back = urlsplit(answer.headers["location"])
    response = client.get(f"{back.path}?{back.query}")
    assert "could not be verified" in refusal(response, client)
    assert "_auth_user_id" not in client.session


def test_a_wrong_client_secret_signs_nobody_in(acme: dict[str, Any]) -> None:
    make_user("ann@acme.test")
    actions.do_apply_security_policy({"sso": [{**acme, "client_secret": "not the secret"}]})
    client, response = sso_sign_in("ann")
    assert "could not be verified" in refusal(response, client)
    assert "_auth_user_id" not in client.session


def test_an_unknown_provider_is_a_404(acme: dict[str, Any]) -> None:
    assert HttpClient().get("/login/sso/nobody/").status_code == 404
    assert HttpClient().get("/login/sso/nobody/callback/?code=x&state=y").status_code == 404


def test_a_password_is_refused_for_an_sso_domain_with_a_clear_message(acme: dict[str, Any]) -> None:
    make_user("ann@acme.test")
    client = HttpClient()
    response = client.post("/login/", {"username": "ANN@acme.test", "password": PASSWORD})
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert "Sign in with acme" in response.content.decode()
    assert "Passwords are not accepted for this e-mail domain" in response.content.decode()


def test_the_login_page_offers_the_providers_and_passwords_still_work_elsewhere(acme: dict[str, Any],
                                                                               alice: User) -> None:
    client = HttpClient()
    assert 'href="/login/sso/acme/"' in client.get("/login/").content.decode()
    assert client.post("/login/", {"username": alice.email, "password": PASSWORD}).status_code == 302


def test_the_client_secret_is_never_stored_or_exported_in_clear(acme: dict[str, Any]) -> None:
    stored = SecurityPolicy.objects.get().sso[0]["client_secret"]
    assert stored.startswith("enc:") and acme["client_secret"] not in stored
    exported = export_config()
    assert acme["client_secret"] not in exported and stored in exported
    assert acme["client_secret"] not in str(list(AuditEvent.objects.values_list("data", flat=True)))
    # re-applying the same plain secret, or the exported cipher text, changes nothing
    assert actions.do_apply_security_policy({"sso": [acme]}) == []
    assert apply_config(exported) == []


@pytest.mark.parametrize("bad", [
    {"issuer": "http://idp.acme.test"},  # plain http only for a local test provider
    {"domains": []},
    {"domains": ["not a domain"]},
    {"create_users": "yes"},
    {"name": "Acme Corp"},
    {"client_secret": ""},
    {"roles": ["admin"]},  # roles never come from the provider
])
def test_a_wrong_sso_block_is_refused(db: Any, bad: dict[str, Any]) -> None:
    spec = {"name": "acme", "issuer": "https://idp.acme.test", "client_id": "cw",
            "client_secret": "env:ACME_SECRET", "domains": ["acme.test"], **bad}
    with pytest.raises(ConfigError):
        apply_config(f"security:\n  sso: [{spec!r}]\n".replace("'", '"').replace("True", "true")
                     .replace("False", "false"))
