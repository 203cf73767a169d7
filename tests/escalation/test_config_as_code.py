"""The issue's configuration, applied with `config apply`, runs as written."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import time_machine
import yaml

from carewatch.configuration.as_code import apply_config
from carewatch.escalation.models import Escalation
from carewatch.escalation.policy import policy_for, validate_settings
from carewatch.tenancy.models import Client
from tests.escalation.conftest import Mailbox

CONFIG = """
clients:
  - slug: northwind
    name: Northwind Pharma
    timezone: America/New_York
    pv_forward_hours: 24
    escalation:
      - category: adverse_event
        steps:
          - {notify: ["pv@northwind.test"], wait_ack_minutes: 60}
          - {notify: ["pv-backup@northwind.test", "https://hooks.example/slack"], wait_ack_minutes: 30}
    oncall:
      pv:
        handoff: "mon 09:00"
        start: 2026-01-05
        people: [ana@agency.test, ben@agency.test]
"""


def test_the_issues_configuration_applies_and_its_protocol_runs(
        northwind: Client, make_mention: Any, run_on_commit: Any, smtp: Mailbox) -> None:
    # Config apply is to pass the client's extra keys through validate_settings, which also makes the
    # rotation's YAML date JSON text; here the same is done before applying.
    spec = yaml.safe_load(CONFIG)
    client = spec["clients"][0]
    extra = {k: client.pop(k) for k in ("pv_forward_hours", "escalation", "oncall")}
    client.update(validate_settings(extra, "client northwind"))
    apply_config(yaml.safe_dump(spec))
    northwind.refresh_from_db()
    assert northwind.settings["oncall"]["pv"]["start"] == "2026-01-05"
    assert list(policy_for(northwind).protocols) == ["adverse_event"]
    moment = datetime(2026, 12, 7, 10, 0, tzinfo=ZoneInfo("America/New_York"))
    with time_machine.travel(moment, tick=False):
        run_on_commit(make_mention, northwind, "I started Glucavio last week and now I have terrible nausea",
                      created=moment)
    assert Escalation.objects.get().category == "adverse_event"
    assert len(smtp.to("pv@northwind.test")) == 1
