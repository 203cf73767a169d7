from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from carewatch.audit.chain import verify
from carewatch.audit.models import AuditEvent
from carewatch.cli import main
from carewatch.configuration.as_code import apply_config, export_config
from carewatch.lib.secrets import reveal
from carewatch.tenancy.config import ConfigError
from carewatch.tenancy.models import Channel, Client, Membership, Product, User

SAMPLE = """
clients:
  - slug: northwind
    name: Northwind Pharma
    timezone: America/New_York
    business_hours: {mon-fri: "09:00-18:00"}
    holidays: ["2026-12-25"]
    languages: [en, es]
    products:
      - {name: Glucavio, generic: semaglutide, aliases: [glucavio pen], indications: [type 2 diabetes]}
    channels:
      - {platform: facebook, handle: NorthwindRx, external_id: "1234567890", sponsorship: owned,
         secrets: {app_secret: "env:NW_FB_SECRET", verify_token: "env:NW_FB_VERIFY"}}
users:
  - {email: ana@agency.test, name: Ana Ruiz, role: agent, clients: [northwind], password: "env:ANA_PW"}
"""


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANA_PW", "a long enough password 1")
    monkeypatch.setenv("NW_FB_SECRET", "s3cret")
    monkeypatch.setenv("NW_FB_VERIFY", "verify-me")


def test_the_sample_configuration_creates_client_product_channel_and_user(db: Any) -> None:
    changes = apply_config(SAMPLE)
    assert "create client northwind" in changes
    client = Client.objects.get(slug="northwind")
    assert client.business_hours == {d: ["09:00", "18:00"] for d in ("mon", "tue", "wed", "thu", "fri")}
    assert client.holidays == ["2026-12-25"] and client.languages == ["en", "es"]
    assert Product.objects.get(client=client).aliases == ["glucavio pen"]
    channel = Channel.objects.get(client=client)
    assert channel.secrets == {"app_secret": "env:NW_FB_SECRET", "verify_token": "env:NW_FB_VERIFY"}
    assert reveal(channel.secrets["app_secret"]) == "s3cret"
    ana = User.objects.get(email="ana@agency.test")
    assert ana.check_password("a long enough password 1")
    assert Membership.objects.get(user=ana).role == "agent"


def test_applying_the_same_file_again_changes_nothing(db: Any) -> None:
    apply_config(SAMPLE)
    events = AuditEvent.objects.count()
    assert apply_config(SAMPLE) == []
    assert AuditEvent.objects.count() == events


def test_a_dry_run_prints_the_changes_and_writes_nothing(db: Any) -> None:
    changes = apply_config(SAMPLE, dry_run=True)
    assert len(changes) >= 4
    assert not Client.objects.exists() and not User.objects.exists() and not AuditEvent.objects.exists()


def test_each_change_is_an_audit_event_and_the_chain_holds(db: Any) -> None:
    changes = apply_config(SAMPLE)
    assert AuditEvent.objects.filter(action__startswith="config.").count() == len(changes)
    assert verify().ok


def test_a_change_is_reported_and_applied_alone(db: Any) -> None:
    apply_config(SAMPLE)
    changed = SAMPLE.replace('holidays: ["2026-12-25"]', 'holidays: ["2026-12-25", "2027-01-01"]')
    assert apply_config(changed) == ["update client northwind: holidays"]


def test_a_plain_text_secret_is_encrypted_at_rest_and_never_exported(db: Any) -> None:
    apply_config(SAMPLE.replace('"env:NW_FB_SECRET"', '"plain-app-secret"'))
    stored = Channel.objects.get().secrets["app_secret"]
    assert stored.startswith("enc:") and "plain-app-secret" not in stored
    assert reveal(stored) == "plain-app-secret"
    exported = export_config()
    assert "plain-app-secret" not in exported
    # and applying the same plain value again is not a change
    assert apply_config(SAMPLE.replace('"env:NW_FB_SECRET"', '"plain-app-secret"')) == []


def test_a_plain_text_password_is_refused(db: Any) -> None:
    with pytest.raises(ConfigError, match="env:NAME"):
        apply_config(SAMPLE.replace('"env:ANA_PW"', '"hunter2hunter2"'))
    assert not Client.objects.exists(), "a refused file writes nothing at all"


def test_export_then_apply_is_a_no_op(db: Any) -> None:
    apply_config(SAMPLE + "  - {email: rev@client.test, role: reviewer, clients: [northwind]}\n"
                 "  - {email: boss@agency.test, role: admin}\n")
    exported = export_config()
    assert yaml.safe_load(exported)["clients"][0]["business_hours"] == {"mon-fri": "09:00-18:00"}
    assert apply_config(exported) == []


def test_a_user_with_different_roles_on_two_clients_round_trips(db: Any) -> None:
    text = SAMPLE.replace("users:", """  - slug: contoso
    name: Contoso
users:
  - {email: ana@agency.test, role: viewer, clients: [contoso]}""")
    apply_config(text)
    roles = dict(Membership.objects.filter(user__email="ana@agency.test").values_list("client__slug", "role"))
    assert roles == {"northwind": "agent", "contoso": "viewer"}
    assert apply_config(export_config()) == []


def test_removing_a_client_from_a_users_list_revokes_that_membership(db: Any) -> None:
    apply_config(SAMPLE)
    apply_config(SAMPLE.replace("clients: [northwind], password", "clients: [northwind], name2: x, password")
                 .replace("  - {email: ana", "  - {email: zed@agency.test, role: viewer, clients: [northwind]}\n  - {email: ana"))
    assert Membership.objects.filter(user__email="zed@agency.test").count() == 1
    assert apply_config(SAMPLE.replace("role: agent, clients: [northwind]", "role: admin")) == [
        "update user ana@agency.test: is_agency_admin", "revoke ana@agency.test on northwind"]


@pytest.mark.parametrize("bad,message", [
    ("timezone: America/New_York", "timezone: Mars/Olympus"),
    ('{mon-fri: "09:00-18:00"}', '{mon-fri: "18:00-09:00"}'),
    ("platform: facebook", "platform: myspace"),
    ("role: agent", "role: boss"),
    ("clients: [northwind], password", "clients: [nowhere], password"),
    ('holidays: ["2026-12-25"]', 'holidays: ["Christmas"]'),
])
def test_a_bad_value_is_refused_with_a_clear_message_and_nothing_is_written(db: Any, bad: str, message: str) -> None:
    with pytest.raises(ConfigError) as info:
        apply_config(SAMPLE.replace(bad, message))
    assert str(info.value)
    assert not Client.objects.exists()


def test_the_config_commands_apply_dry_run_and_export(transactional_db: Any, tmp_path: Path) -> None:
    path = tmp_path / "agency.yaml"
    path.write_text(SAMPLE, encoding="utf-8")
    runner = CliRunner()
    dry = runner.invoke(main, ["config", "apply", str(path), "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "would create client northwind" in dry.output and not Client.objects.exists()
    real = runner.invoke(main, ["config", "apply", str(path)])
    assert real.exit_code == 0 and "create client northwind" in real.output
    again = runner.invoke(main, ["config", "apply", str(path)])
    assert "0 change(s)" in again.output
    out = tmp_path / "export.yaml"
    exported = runner.invoke(main, ["config", "export", "-o", str(out)])
    assert exported.exit_code == 0 and "northwind" in out.read_text()
    bad = tmp_path / "bad.yaml"
    bad.write_text("clients: [", encoding="utf-8")
    failed = runner.invoke(main, ["config", "apply", str(bad)])
    assert failed.exit_code == 1 and "not valid YAML" in failed.output


def test_config_changes_are_written_as_the_system_actor_labelled_config(db: Any) -> None:
    apply_config(SAMPLE)
    events = AuditEvent.objects.filter(action__startswith="config.")
    assert {(e.actor_id, e.actor_label) for e in events} == {(None, "config")}
    assert {e.action for e in events} >= {"config.client.create", "config.product.create", "config.channel.create",
                                          "config.user.create", "config.membership.create"}


def test_only_an_agency_admin_applies_configuration_and_a_refusal_writes_nothing(db: Any) -> None:
    from django.core.exceptions import PermissionDenied

    from carewatch.tenancy.actions import do_config_client

    apply_config(SAMPLE)
    northwind = Client.objects.get(slug="northwind")
    supervisor = User.objects.create_user("sue@agency.test", "a long enough password 2", name="Sue")
    Membership.objects.create(user=supervisor, client=northwind, role="supervisor")
    with pytest.raises(PermissionDenied):
        do_config_client(supervisor, "northwind", {"name": "Renamed by a supervisor"})
    assert Client.objects.get(slug="northwind").name == "Northwind Pharma"
