"""Personal API tokens from the command line: shown once, stored as a SHA-256, revocable, audited."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest
from click.testing import CliRunner
from django.apps import apps
from django.test import Client as HttpClient

from carewatch.audit.models import AuditEvent
from carewatch.cli import main
from carewatch.inbox.models import Case
from carewatch.tenancy.models import ApiToken, Client, User

pytestmark = pytest.mark.django_db(transaction=True)  # the CLI commits its own transactions


def cli(*args: str) -> Any:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result


def create_token(email: str, *options: str) -> str:
    result = cli("token", "create", "--user", email, *options)
    assert result.exit_code == 0, result.output
    assert "carewatch token revoke cw_" in result.stderr, "the prefix to revoke it is said on stderr"
    return result.stdout.strip()  # stdout is the token alone, for scripts


def bearer(token: str) -> HttpClient:
    return HttpClient(headers={"Authorization": f"Bearer {token}"})


def everything_stored() -> str:
    """Every row of every table the project's models know, as text."""
    rows = []
    for model in apps.get_models():
        rows.extend(str(row) for row in model.objects.values_list())
    return "\n".join(rows)


def test_token_create_prints_a_cw_token_once_and_stores_only_its_sha256(alice: User) -> None:
    token = create_token("alice@agency.test")
    assert token.startswith("cw_")
    assert len(token) > 40 and "\n" not in token
    stored = ApiToken.objects.get()
    assert stored.user == alice
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert stored.prefix == token[:11]
    assert token not in everything_stored()
    assert token[11:] not in everything_stored()  # not even the part after the public prefix


def test_two_tokens_for_the_same_user_differ(alice: User) -> None:
    assert create_token("alice@agency.test") != create_token("alice@agency.test")
    assert ApiToken.objects.filter(user=alice).count() == 2


def test_token_create_for_an_unknown_user_fails_and_creates_nothing(db: Any) -> None:
    result = CliRunner().invoke(main, ["token", "create", "--user", "nobody@agency.test"])
    assert result.exit_code != 0
    assert "no user nobody@agency.test" in result.output
    assert not ApiToken.objects.exists()


def test_the_token_authenticates_as_its_user(alice: User, case_of: Any, northwind: Client) -> None:
    case = case_of(northwind)
    client = bearer(create_token("ALICE@agency.test", "--scopes", "read,write"))
    assert client.get(f"/api/v1/cases/{case.pk}").status_code == 200
    response = client.patch(f"/api/v1/cases/{case.pk}", {"assignee": "me"}, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["assignee"] == "alice@agency.test"
    assert Case.objects.get(pk=case.pk).assignee == alice
    assert AuditEvent.objects.get(action="case.assign").actor == alice
    assert ApiToken.objects.get().last_used_at is not None


def test_the_token_is_only_as_strong_as_its_user_s_access(bob: User, case_of: Any, northwind: Client) -> None:
    case = case_of(northwind)
    assert bearer(create_token("bob@agency.test")).get(f"/api/v1/cases/{case.pk}").status_code == 404


def test_a_revoked_token_is_refused(alice: User) -> None:
    token = create_token("alice@agency.test")
    client = bearer(token)
    assert client.get("/api/v1/cases").status_code == 200
    result = cli("token", "revoke", token[:11])
    assert result.exit_code == 0
    assert "1 token(s) revoked" in result.output
    assert ApiToken.objects.get().revoked_at is not None
    response = client.get("/api/v1/cases")
    assert response.status_code == 401
    assert response.json() == {"detail": "Unauthorized"}


def test_revoking_one_token_leaves_the_others_working(alice: User) -> None:
    kept, revoked = create_token("alice@agency.test"), create_token("alice@agency.test")
    cli("token", "revoke", revoked[:11])
    assert bearer(kept).get("/api/v1/cases").status_code == 200
    assert bearer(revoked).get("/api/v1/cases").status_code == 401


def test_revoking_an_unknown_prefix_revokes_nothing(alice: User) -> None:
    token = create_token("alice@agency.test")
    result = cli("token", "revoke", "cw_nothing")
    assert "0 token(s) revoked" in result.output
    assert bearer(token).get("/api/v1/cases").status_code == 200
    assert not AuditEvent.objects.filter(action="token.revoke").exists()


@pytest.mark.parametrize("mangle", [
    lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"),  # one character off
    lambda t: t[:11],  # the public prefix alone
    lambda t: t[3:],  # without the cw_ prefix
    lambda t: hashlib.sha256(t.encode()).hexdigest(),  # the stored hash, as if it leaked
    lambda t: "",
])
def test_a_wrong_token_is_refused(alice: User, mangle: Any) -> None:
    token = create_token("alice@agency.test")
    response = bearer(mangle(token)).get("/api/v1/cases")
    assert response.status_code == 401


def test_a_token_of_a_deactivated_user_is_refused(alice: User) -> None:
    token = create_token("alice@agency.test")
    alice.is_active = False
    alice.save()
    assert bearer(token).get("/api/v1/cases").status_code == 401


def test_creating_and_revoking_tokens_are_audit_events_without_the_token(alice: User) -> None:
    token = create_token("alice@agency.test")
    cli("token", "revoke", token[:11])
    created = AuditEvent.objects.get(action="token.create")
    assert created.actor_label == "cli" and created.actor_id is None  # not alice: she did not do it
    assert created.data["scopes"] == ["read"] and created.data["expires_at"]
    assert {k: created.data[k] for k in ("user", "name", "prefix")} == {"user": "alice@agency.test", "name": "cli",
                                                                        "prefix": token[:11]}
    assert created.object_type == "tenancy.apitoken"
    revoked = AuditEvent.objects.get(action="token.revoke")
    assert revoked.actor_label == "cli" and revoked.data == {"prefix": token[:11]}
    assert revoked.object_id == created.object_id
    trail = json.dumps([[e.actor_label, e.object_id, e.data] for e in AuditEvent.objects.all()])
    assert token not in trail and token[11:] not in trail
    assert hashlib.sha256(token.encode()).hexdigest() not in trail


def test_a_token_created_without_scopes_reads_but_cannot_write(alice: User, case_of: Any, northwind: Client) -> None:
    case = case_of(northwind)
    client = bearer(create_token("alice@agency.test"))
    assert client.get(f"/api/v1/cases/{case.pk}").status_code == 200
    response = client.patch(f"/api/v1/cases/{case.pk}", {"assignee": "me"}, content_type="application/json")
    assert response.status_code == 403
    assert "write" in response.json()["detail"]
    assert Case.objects.get(pk=case.pk).assignee is None


def test_a_write_token_cannot_take_safety_case_steps(alice: User, northwind: Client) -> None:
    client = bearer(create_token("alice@agency.test", "--scopes", "read,write"))
    response = client.post("/api/v1/safety-cases/1/transition", {"op": "review"}, content_type="application/json")
    assert response.status_code == 403 and "safety" in response.json()["detail"]


def test_an_expired_token_is_refused(alice: User, case_of: Any, northwind: Client) -> None:
    import time_machine
    from django.utils import timezone

    case = case_of(northwind)
    token = create_token("alice@agency.test", "--expires-days", "1")
    assert bearer(token).get(f"/api/v1/cases/{case.pk}").status_code == 200
    with time_machine.travel(timezone.now() + __import__("datetime").timedelta(days=1, minutes=1)):
        assert bearer(token).get(f"/api/v1/cases/{case.pk}").status_code == 401


def test_an_unknown_scope_is_refused_and_creates_nothing(alice: User) -> None:
    result = CliRunner().invoke(main, ["token", "create", "--user", "alice@agency.test", "--scopes", "admin"])
    assert result.exit_code != 0 and "scopes must be some of" in result.output
    assert not ApiToken.objects.exists()
