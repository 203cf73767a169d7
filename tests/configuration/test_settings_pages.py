"""Settings people can see (issue 13): SLA policy, escalation protocols, on-call rotations and
channels in the desk, each edit audited and written out by ``config export``; the round trip
holds for each (export, apply on an empty database, export gives the same file)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import yaml
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client as HttpClient

from carewatch.audit.models import AuditEvent
from carewatch.configuration import actions
from carewatch.configuration.as_code import apply_config, export_config
from carewatch.tenancy.models import Channel, Client, Membership, Product, User

CONFIG = """
clients:
  - slug: northwind
    name: Northwind Pharma
    timezone: America/New_York
    languages: [en]
    sla: {first_response_minutes: 120}
    oncall:
      pv: {handoff: "mon 09:00", start: 2026-01-05, people: [pv1@northwind.test, pv2@northwind.test]}
    escalation:
      - category: adverse_event
        steps: [{notify: ["oncall:pv"], wait_ack_minutes: 60}]
    products:
      - {name: Glucavio, generic: semaglutide}
    channels:
      - {platform: facebook, handle: NorthwindRx, external_id: "1234567890",
         secrets: {app_secret: "s3cr3t-app-value"}}
  - slug: contoso
    name: Contoso Health
users:
  - {email: sam@agency.test, name: Sam Super, role: supervisor, clients: [northwind]}
  - {email: alice@agency.test, name: Alice Agent, role: agent, clients: [northwind]}
  - {email: vic@agency.test, name: Vic Viewer, role: viewer, clients: [northwind]}
  - {email: bob@agency.test, name: Bob Boss, role: supervisor, clients: [contoso]}
"""


def _empty_the_database() -> None:
    from carewatch.replies.models import Template
    from carewatch.routing.models import RoutingRule

    for model in (Template, RoutingRule, Membership, Channel, Product):
        model.objects.all().delete()
    User.objects.all().delete()
    Client.objects.all().delete()


def _browser(email: str) -> HttpClient:
    client = HttpClient()
    client.force_login(User.objects.get(email=email))
    return client


def _northwind() -> Client:
    return Client.objects.get(slug="northwind")


def _sam() -> User:
    return User.objects.get(email="sam@agency.test")


def _edit_sla() -> None:
    assert actions.do_save_sla(_sam(), _northwind(), {"first_response_minutes": 60, "warn_at": 0.5,
                                                      "priorities": {"urgent": {"first_response_minutes": 15}}},
                               {"labels": ["complaint"], "intervals_hours": [24, 48]})


def _edit_protocol() -> None:
    assert actions.do_save_protocol(_sam(), _northwind(), "product_complaint", {
        "severity": "medium", "steps": [{"notify": ["qa@northwind.test"], "wait_ack_minutes": 120},
                                        {"notify": ["role:supervisor"], "hours": "business"}]})


def _edit_rotation() -> None:
    assert actions.do_save_rotation(_sam(), _northwind(), "medical", {
        "handoff": "09:00", "start": "2026-02-02", "people": ["mi1@northwind.test", "mi2@northwind.test"],
        "holidays": ["2026-12-25"], "holiday_cover": "duty@northwind.test"})


def _edit_channel() -> None:
    channel = Channel.objects.get(handle="NorthwindRx")
    assert actions.do_save_channel(_sam(), channel, {"external_id": "1234567890", "sponsorship": "paid",
                                                     "settings": {"sandbox": True, "graph_version": "v21.0"}})


EDITS: dict[str, Callable[[], None]] = {
    "sla": _edit_sla, "protocol": _edit_protocol, "rotation": _edit_rotation, "channel": _edit_channel,
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_each_settings_edit_is_audited_exported_and_round_trips_through_an_empty_database(db: Any, edit: str) -> None:
    apply_config(CONFIG)
    before = AuditEvent.objects.count()
    EDITS[edit]()
    event = AuditEvent.objects.order_by("-id").first()
    assert AuditEvent.objects.count() == before + 1 and event is not None
    assert event.action.startswith("settings.") and event.actor_id == _sam().pk

    first = export_config()
    northwind = yaml.safe_load(first)["clients"][1]
    assert northwind["slug"] == "northwind"
    if edit == "sla":
        assert northwind["sla"]["first_response_minutes"] == 60 and northwind["three_touch"]["labels"] == ["complaint"]
    elif edit == "protocol":
        assert [p["category"] for p in northwind["escalation"]] == ["adverse_event", "product_complaint"]
    elif edit == "rotation":
        assert sorted(northwind["oncall"]) == ["medical", "pv"]
    else:
        facebook = northwind["channels"][0]
        assert facebook["sponsorship"] == "paid" and facebook["sandbox"] is True
    assert "s3cr3t-app-value" not in first  # the secret stays sealed

    _empty_the_database()
    apply_config(first)
    assert export_config() == first


def test_only_an_admin_points_a_channel_at_another_platform_account(db: Any) -> None:
    apply_config(CONFIG)
    channel = Channel.objects.get(handle="NorthwindRx")
    with pytest.raises(PermissionDenied, match="Only an admin"):
        actions.do_save_channel(_sam(), channel, {"external_id": "999", "sponsorship": "owned"})
    assert Channel.objects.get(pk=channel.pk).external_id == "1234567890"
    admin = User.objects.create_user("ada@agency.test", "a long enough password 42", is_agency_admin=True)
    assert actions.do_save_channel(admin, channel, {"external_id": "999", "sponsorship": "owned"})
    assert Channel.objects.get(pk=channel.pk).external_id == "999"


def test_saving_what_is_already_there_changes_nothing_and_writes_no_audit_event(db: Any) -> None:
    apply_config(CONFIG)
    before = AuditEvent.objects.count()
    assert not actions.do_save_sla(_sam(), _northwind(), {"first_response_minutes": 120}, None)
    assert AuditEvent.objects.count() == before


def test_an_edit_config_apply_would_refuse_is_refused_with_its_reason_and_nothing_changes(db: Any) -> None:
    apply_config(CONFIG)
    settings_before = dict(_northwind().settings)
    with pytest.raises(ValidationError, match="names no rotation"):
        actions.do_save_protocol(_sam(), _northwind(), "urgent", {"steps": [{"notify": ["oncall:nobody"]}]})
    with pytest.raises(ValidationError, match="names no rotation"):  # a protocol still names it
        actions.do_save_rotation(_sam(), _northwind(), "pv", None)
    with pytest.raises(ValidationError, match="first_response_minutes"):
        actions.do_save_sla(_sam(), _northwind(), {"first_response_minutes": -5}, None)
    with pytest.raises(ValidationError, match="secrets"):
        actions.do_save_channel(_sam(), Channel.objects.get(handle="NorthwindRx"), {"settings": {"access_token": "x"}})
    assert _northwind().settings == settings_before


def test_an_agent_and_a_viewer_cannot_change_settings(db: Any) -> None:
    from django.core.exceptions import PermissionDenied

    apply_config(CONFIG)
    for email in ("alice@agency.test", "vic@agency.test"):
        with pytest.raises(PermissionDenied):
            actions.do_save_sla(User.objects.get(email=email), _northwind(), {"first_response_minutes": 5}, None)
    assert _northwind().settings["sla"] == {"first_response_minutes": 120}


def test_a_supervisor_edits_the_sla_policy_on_its_page_and_sees_the_new_clock(db: Any) -> None:
    apply_config(CONFIG)
    browser = _browser("sam@agency.test")
    page = browser.get("/settings/northwind/sla/").content.decode()
    assert "120 min" in page
    response = browser.post("/settings/northwind/sla/", {"sla": "first_response_minutes: 45\ncalendar: 24x7",
                                                         "three_touch": ""})
    assert response.status_code == 302
    page = browser.get("/settings/northwind/sla/").content.decode()
    assert "45 min" in page and "24x7" in page
    bad = browser.post("/settings/northwind/sla/", {"sla": "first_response_minutes: [", "three_touch": ""})
    assert bad.status_code == 400 and "not valid YAML" in bad.content.decode()


def test_protocol_and_rotation_pages_list_show_and_save(db: Any) -> None:
    apply_config(CONFIG)
    browser = _browser("sam@agency.test")
    listing = browser.get("/settings/northwind/escalation/").content.decode()
    assert "Adverse event" in listing and "oncall:pv" in listing and "No protocol" in listing
    response = browser.post("/settings/northwind/escalation/legal_media/",
                            {"protocol": "steps:\n  - {notify: [legal@northwind.test], wait_ack_minutes: 240}"})
    assert response.status_code == 302
    assert "legal@northwind.test" in browser.get("/settings/northwind/escalation/legal_media/").content.decode()
    assert browser.get("/settings/northwind/escalation/not_a_category/").status_code == 404

    rotations = browser.get("/settings/northwind/oncall/").content.decode()
    assert "pv1@northwind.test" in rotations
    assert browser.get("/settings/northwind/oncall/?new=weekend").url == "/settings/northwind/oncall/weekend/"
    new = browser.get("/settings/northwind/oncall/weekend/")
    assert new.status_code == 200 and "A new rotation" in new.content.decode()
    response = browser.post("/settings/northwind/oncall/weekend/",
                            {"rotation": "handoff: sat 08:00\npeople: [we@northwind.test]"})
    assert response.status_code == 302
    assert "we@northwind.test" in browser.get("/settings/northwind/oncall/").content.decode()


def test_a_channel_page_never_shows_its_secrets(db: Any) -> None:
    apply_config(CONFIG)
    channel = Channel.objects.get(handle="NorthwindRx")
    stored = channel.secrets["app_secret"]
    browser = _browser("sam@agency.test")
    page = browser.get(f"/settings/northwind/channels/{channel.pk}/").content.decode()
    assert "app_secret" in page and stored not in page and "s3cr3t" not in page and "enc:" not in page
    response = browser.post(f"/settings/northwind/channels/{channel.pk}/",
                            {"external_id": "1234567890", "sponsorship": "owned", "settings": "graph_version: v21.0"})
    assert response.status_code == 302
    channel.refresh_from_db()
    assert channel.settings == {"graph_version": "v21.0"} and channel.secrets["app_secret"] == stored
    event = AuditEvent.objects.filter(action="settings.channel.update").get()
    assert stored not in str(event.data) and event.data["to"]["secrets"] == ["app_secret"]


def test_the_settings_pages_are_in_the_navigation_of_supervisors_only(db: Any) -> None:
    apply_config(CONFIG)
    assert 'id="nav-settings"' in _browser("sam@agency.test").get("/inbox/").content.decode()
    assert 'id="nav-settings"' not in _browser("alice@agency.test").get("/inbox/").content.decode()
    assert _browser("alice@agency.test").get("/settings/").status_code == 403
    assert _browser("vic@agency.test").get("/settings/northwind/sla/").status_code == 403
    assert _browser("bob@agency.test").get("/settings/northwind/sla/").status_code == 404
    index = _browser("bob@agency.test").get("/settings/").content.decode()
    assert "Contoso Health" in index and "Northwind" not in index
