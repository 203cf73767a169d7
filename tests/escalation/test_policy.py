"""The escalation and oncall blocks of a client's configuration: what is accepted, and a clear
error naming the key for what is not."""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml

from carewatch.escalation.policy import parse_policy, validate_settings

ISSUE_YAML = """
pv_forward_hours: 24
escalation:
  - category: adverse_event
    steps:
      - {notify: ["pv@northwind.test"], wait_ack_minutes: 60}
      - {notify: ["pv-backup@northwind.test", "https://hooks.example/slack"], wait_ack_minutes: 30}
"""

FULL_YAML = """
escalation:
  - category: serious_adverse_event
    severity: critical
    include: [case_reference]
    steps:
      - {notify: "oncall:pv", wait_ack_minutes: 15}
      - {notify: ["role:supervisor"], wait_ack_minutes: 15}
  - category: legal_media
    steps:
      - {notify: ["legal@northwind.test"]}
oncall:
  pv:
    timezone: Europe/Berlin
    handoff: "mon 09:00"
    start: 2026-01-05
    people: [ana@agency.test, ben@agency.test]
    overrides: [{from: "2026-12-24 09:00", to: 2026-12-27, person: ben@agency.test}]
    holidays: [2026-12-25]
    holiday_cover: duty@agency.test
    away: [{person: ana@agency.test, from: 2026-08-01, to: 2026-08-14}]
escalation_breach_notify: ["role:supervisor", "https://hooks.example/teams"]
escalation_breach_warning_minutes: 90
escalation_ack_link_hours: 48
"""


def test_the_issues_example_is_accepted_as_written() -> None:
    settings = yaml.safe_load(ISSUE_YAML)
    assert validate_settings(settings, "client northwind") == settings
    policy = parse_policy(settings)
    steps = policy.protocols["adverse_event"].steps
    assert [s.notify for s in steps] == [("pv@northwind.test",), ("pv-backup@northwind.test", "https://hooks.example/slack")]
    assert [s.wait_ack_minutes for s in steps] == [60, 30]
    assert all(s.hours == "24x7" for s in steps)  # safety categories default to 24x7
    assert policy.protocols["adverse_event"].severity == "high"


def test_every_key_of_the_blocks_is_read_and_yaml_dates_come_back_as_json_text() -> None:
    settings = yaml.safe_load(FULL_YAML)
    clean = validate_settings(settings, "client northwind")
    json.dumps(clean)  # the settings column is JSON
    assert clean["oncall"]["pv"]["start"] == "2026-01-05"
    assert clean["oncall"]["pv"]["holidays"] == ["2026-12-25"]
    policy = parse_policy(clean, "client northwind", "America/New_York")
    assert policy.protocols["legal_media"].steps[0].hours == "business"  # the one category that waits
    assert policy.protocols["legal_media"].steps[0].wait_ack_minutes == 60
    assert policy.protocols["serious_adverse_event"].include == frozenset({"case_reference"})
    assert policy.rotations["pv"].timezone == "Europe/Berlin"
    assert policy.breach_notify == ("role:supervisor", "https://hooks.example/teams")
    assert policy.breach_warning_minutes == 90 and policy.ack_link_hours == 48


@pytest.mark.parametrize(("block", "names"), [
    ({"escalation": {"category": "adverse_event"}}, "escalation must be a list"),
    ({"escalation": [{"category": "rumour", "steps": [{"notify": ["a@b.test"]}]}]}, "escalation[0].category"),
    ({"escalation": [{"category": "urgent"}]}, "escalation[0] (urgent).steps"),
    ({"escalation": [{"category": "urgent", "steps": [{"notify": []}]}]}, "steps[0].notify"),
    ({"escalation": [{"category": "urgent", "steps": [{"notify": ["not an address"]}]}]}, "steps[0].notify"),
    ({"escalation": [{"category": "urgent", "steps": [{"notify": ["http://hooks.example/x"]}]}]}, "must use https"),
    ({"escalation": [{"category": "urgent", "steps": [{"notify": ["oncall:nobody"]}]}]}, "oncall:nobody names no rotation"),
    ({"escalation": [{"category": "urgent", "steps": [{"notify": ["role:viewer"]}]}]}, "role:viewer"),
    ({"escalation": [{"category": "urgent", "steps": [{"notify": ["a@b.test"], "wait_ack_minutes": 0}]}]},
     "steps[0].wait_ack_minutes"),
    ({"escalation": [{"category": "urgent", "steps": [{"notify": ["a@b.test"], "wait": 5}]}]}, "unknown key(s) wait"),
    ({"escalation": [{"category": "urgent", "steps": [{"notify": ["a@b.test"], "hours": "nights"}]}]},
     "steps[0].hours"),
    ({"escalation": [{"category": "urgent", "include": ["diagnosis"], "steps": [{"notify": ["a@b.test"]}]}]},
     "(urgent).include"),
    ({"escalation": [{"category": "urgent", "steps": [{"notify": ["a@b.test"]}]},
                     {"category": "urgent", "steps": [{"notify": ["a@b.test"]}]}]}, "urgent is listed twice"),
    ({"oncall": {"pv": {"people": []}}}, "oncall.pv.people"),
    ({"oncall": {"pv": {"people": ["a@b.test"], "handoff": "monday at nine"}}}, "oncall.pv.handoff"),
    ({"oncall": {"pv": {"people": ["a@b.test"], "timezone": "Mars/Olympus"}}}, "oncall.pv.timezone"),
    ({"oncall": {"pv": {"people": ["a@b.test"], "overrides": [{"from": "2026-12-24 09:00", "person": "a@b.test"}]}}},
     "oncall.pv.overrides[0]"),
    ({"oncall": {"pv": {"people": ["a@b.test"], "overrides": [
        {"from": "2026-12-24 09:00", "to": "2026-12-23 09:00", "person": "a@b.test"}]}}}, "ends before it starts"),
    ({"oncall": {"pv": {"people": ["a@b.test"], "holidays": ["2026-12-25"]}}}, "oncall.pv.holiday_cover"),
    ({"oncall": {"pv": {"people": ["a@b.test"], "holidays": ["Christmas"]}}}, "oncall.pv.holidays"),
    ({"escalation_breach_notify": []}, "escalation_breach_notify"),
    ({"escalation_ack_link_hours": 0}, "escalation_ack_link_hours"),
    ({"escalation_breach_warning_minutes": "soon"}, "escalation_breach_warning_minutes"),
])
def test_a_malformed_block_is_refused_with_the_key_named(block: dict[str, Any], names: str) -> None:
    with pytest.raises(ValueError, match="client northwind") as raised:
        validate_settings(block, "client northwind")
    assert names in str(raised.value)


def test_settings_without_escalation_blocks_pass_untouched() -> None:
    settings = {"pv_forward_hours": 24, "sla": {"first_response_minutes": 60}}
    assert validate_settings(settings, "client northwind") == settings
    assert parse_policy(settings).protocols == {}


def test_a_plain_http_webhook_is_allowed_only_to_a_loopback_relay() -> None:
    settings = {"escalation": [{"category": "urgent", "steps": [{"notify": ["http://127.0.0.1:9000/hook"]}]}]}
    validate_settings(settings, "client northwind")
