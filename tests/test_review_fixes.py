"""Behaviour fixed after the first review: each test names what used to go wrong."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from click.testing import CliRunner
from django.db import transaction
from django.test import Client as HttpClient

from carewatch.audit.chain import append, verify
from carewatch.cli import main
from carewatch.configuration.as_code import apply_config
from carewatch.replies.models import OutboundAction, OutboundStatus
from carewatch.replies.outbox import sweep_outbox
from carewatch.tenancy.config import ConfigError
from carewatch.tenancy.models import Channel, Client, User
from tests.conftest import PASSWORD


def test_deleting_a_user_or_client_keeps_the_audit_chain_valid(northwind: Client, alice: User) -> None:
    with transaction.atomic():
        append("case.assign", actor=alice, client_id=northwind.id, object_type="case", object_id=1)
    alice.delete()
    northwind.delete()
    assert verify().ok


def test_logging_in_ignores_the_case_of_the_email(alice: User) -> None:
    http = HttpClient()
    response = http.post("/login/", {"username": "Alice@Agency.TEST", "password": PASSWORD})
    assert response.status_code == 302 and response.url.startswith("/inbox")


def test_a_pending_send_whose_task_was_lost_is_sent_again_and_a_stuck_send_is_reconciled(northwind: Client) -> None:
    channel = Channel.objects.get(client=northwind, platform="facebook")
    old = datetime.now(UTC) - timedelta(minutes=10)
    lost = OutboundAction.objects.create(client=northwind, channel=channel, verb="hide", target_external_id="1",
                                         idempotency_key="k-lost")
    stuck = OutboundAction.objects.create(client=northwind, channel=channel, verb="reply", target_external_id="2",
                                          body="hi", idempotency_key="k-stuck", status=OutboundStatus.SENDING)
    fresh = OutboundAction.objects.create(client=northwind, channel=channel, verb="hide", target_external_id="3",
                                          idempotency_key="k-fresh")
    OutboundAction.objects.filter(pk__in=[lost.pk, stuck.pk]).update(updated_at=old)
    with transaction.atomic():
        summary = sweep_outbox()
    assert summary == {"requeued": 1, "stuck": 1}
    stuck.refresh_from_db()
    assert stuck.status == OutboundStatus.UNKNOWN and "interrupted" in stuck.error
    fresh.refresh_from_db()
    assert fresh.status == OutboundStatus.PENDING, "a fresh pending action still has its own task"


BASE = """
clients:
  - slug: acme
    name: Acme
    timezone: UTC
    business_hours: {HOURS}
    holidays: [2026-12-25]
users:
  - {email: kim@agency.test, name: Kim Lee, role: agent, clients: [acme], password: "env:KIM_PW"}
"""


def test_config_refuses_backwards_day_ranges_and_impossible_hours(db: Any) -> None:
    with pytest.raises(ConfigError, match="backwards"):
        apply_config(BASE.replace("{HOURS}", '{fri-mon: "09:00-17:00"}'))
    with pytest.raises(ConfigError, match="09:00-18:00"):
        apply_config(BASE.replace("{HOURS}", '{mon: "09:00-24:30"}'))
    apply_config(BASE.replace("{HOURS}", '{mon: "00:00-24:00"}'))
    assert Client.objects.get().holidays == ["2026-12-25"], "an unquoted YAML date is a date"


def test_config_warnings_are_not_changes_and_an_omitted_name_is_kept(db: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    text = BASE.replace("{HOURS}", '{mon: "09:00-17:00"}')
    warnings: list[str] = []
    apply_config(text, warnings=warnings)
    assert any("KIM_PW" in w for w in warnings)
    warnings.clear()
    assert apply_config(text, warnings=warnings) == [] and warnings, "a repeated warning is not a change"
    assert apply_config(text.replace("name: Kim Lee, ", "")) == []
    assert User.objects.get(email="kim@agency.test").name == "Kim Lee"


def test_user_create_enforces_the_password_rules_and_refuses_a_duplicate(transactional_db: Any) -> None:
    runner = CliRunner()
    weak = runner.invoke(main, ["user", "create", "--email", "new@agency.test"], input="abc\nabc\n")
    assert weak.exit_code != 0 and "too short" in weak.output
    ok = runner.invoke(main, ["user", "create", "--email", "new@agency.test"],
                       input="a much longer passphrase\na much longer passphrase\n")
    assert ok.exit_code == 0, ok.output
    again = runner.invoke(main, ["user", "create", "--email", "NEW@agency.test"],
                          input="a much longer passphrase\na much longer passphrase\n")
    assert again.exit_code != 0 and "already exists" in again.output
