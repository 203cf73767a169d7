"""Fixes from issue 13 ("The desk a newcomer meets"), each first seen failing."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from carewatch.audit.models import AuditEvent
from carewatch.escalation.email_settings import escalation_settings
from carewatch.inbox.actions import NeedsConfirmation, do_set_status
from carewatch.inbox.models import Case, CaseStatus
from carewatch.lib.served import DEFAULT_URL, announce, default_server_url, served_url
from carewatch.replies.models import ReplyDraft, ReplyStatus
from carewatch.tenancy.models import Client, User


# ------------------------------------------------------------------ the base URL follows the address served
def test_links_follow_the_port_served_when_no_base_url_is_set(tmp_path: Path) -> None:
    environ: dict[str, str] = {}
    assert announce("127.0.0.1", 8765, tmp_path, environ) == "http://127.0.0.1:8765"
    assert escalation_settings(environ)["CAREWATCH_BASE_URL"] == "http://127.0.0.1:8765"


def test_an_explicit_base_url_wins_over_the_address_served(tmp_path: Path) -> None:
    environ = {"CAREWATCH_BASE_URL": "https://desk.agency.example/"}
    assert announce("0.0.0.0", 9000, tmp_path, environ) == "https://desk.agency.example"  # noqa: S104
    assert escalation_settings(environ)["CAREWATCH_BASE_URL"] == "https://desk.agency.example"


def test_a_wildcard_bind_is_linked_as_the_loopback_address() -> None:
    assert served_url("0.0.0.0", 8001) == "http://127.0.0.1:8001"  # noqa: S104
    assert served_url("::1", 8001) == "http://[::1]:8001"


def test_simulate_defaults_to_where_serve_last_served(tmp_path: Path) -> None:
    assert default_server_url({}, tmp_path) == DEFAULT_URL
    announce("127.0.0.1", 8123, tmp_path, {})
    assert default_server_url({}, tmp_path) == "http://127.0.0.1:8123"
    assert default_server_url({"CAREWATCH_BASE_URL": "http://10.0.0.5:81"}, tmp_path) == "http://10.0.0.5:81"


# ------------------------------------------------------------------ closing a case with a held reply asks first
def _held_reply(case: Case, author: User) -> ReplyDraft:
    return ReplyDraft.objects.create(
        client=case.client, case=case, channel=case.channel, verb="reply", target_external_id="m-held",
        author=author, text="Thanks for writing!", status=ReplyStatus.PENDING_APPROVAL,
        approval_reasons=["free text (no approved template)"], required_tier="reviewer")


def test_closing_a_case_whose_reply_waits_for_approval_asks_first(
        case_of: Callable[[Client], Case], northwind: Client, alice: User, client: HttpClient) -> None:
    case = case_of(northwind)
    _held_reply(case, alice)
    with pytest.raises(NeedsConfirmation):
        do_set_status(alice, case, CaseStatus.CLOSED, "resolved")
    client.force_login(alice)
    url = reverse("inbox:status", args=[case.pk])
    page = client.post(url, {"status": "closed", "reason": "resolved"})
    assert page.status_code == 200 and b"confirm-close" in page.content and b"wait for approval" in page.content
    case.refresh_from_db()
    assert case.status != CaseStatus.CLOSED
    done = client.post(url, {"status": "closed", "reason": "resolved", "confirmed": "1"})
    assert done.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    event = AuditEvent.objects.filter(action="case.status").latest("id")
    assert event.data["replies_awaiting_approval"]


def test_closing_a_case_without_a_held_reply_does_not_ask(
        case_of: Callable[[Client], Case], northwind: Client, alice: User) -> None:
    case = case_of(northwind)
    assert do_set_status(alice, case, CaseStatus.CLOSED, "resolved").status == CaseStatus.CLOSED


# ------------------------------------------------------------------ /healthz while starting
def test_a_503_while_the_worker_starts_is_logged_as_info_not_error(
        db: Any, client: HttpClient, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    from carewatch.ops import views

    monkeypatch.setattr(views, "_STARTED", time.monotonic())  # a process that has just started
    caplog.set_level(logging.INFO)
    response = client.get("/healthz")  # no worker heartbeat in a test database
    assert response.status_code == 503 and response.json()["status"] == "starting"
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert [r for r in caplog.records if r.levelno == logging.INFO and "starting" in r.getMessage()]


def test_a_503_long_after_start_is_a_warning(db: Any, client: HttpClient, caplog: pytest.LogCaptureFixture,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from carewatch.ops import views

    monkeypatch.setattr(views, "STARTUP_GRACE_SECONDS", 0.0)
    caplog.set_level(logging.INFO)
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["status"] == "unhealthy"
    assert [r for r in caplog.records if r.levelno == logging.WARNING and "unhealthy" in r.getMessage()]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


# ------------------------------------------------------------------ /triage/review/ GET
def test_a_get_of_the_flag_review_address_goes_back_to_the_case_not_405(
        case_of: Callable[[Client], Case], northwind: Client, alice: User, bob: User, client: HttpClient) -> None:
    case = case_of(northwind)
    mention = case.mentions.first()
    assert mention is not None
    client.force_login(alice)
    assert client.get("/triage/review/").url == reverse("inbox:queue")
    assert client.get(f"/triage/review/?mention={mention.pk}").url == reverse("inbox:case", args=[case.pk])
    client.force_login(bob)  # another client's agent
    assert client.get(f"/triage/review/?mention={mention.pk}").status_code == 404


# ------------------------------------------------------------------ styled error pages
def test_403_and_404_pages_are_styled_pages_of_the_desk(
        case_of: Callable[[Client], Case], northwind: Client, alice: User, client: HttpClient) -> None:
    client.force_login(alice)
    missing = client.get("/inbox/case/999999/")
    assert missing.status_code == 404
    assert b'class="error-page"' in missing.content and b"carewatch.css" in missing.content
    refused = client.get("/audit/")  # an agent may not read the audit trail
    assert refused.status_code == 403 and b'class="error-page"' in refused.content


def test_the_500_page_needs_no_context_and_loads_no_script() -> None:
    from django.template import loader

    html = loader.get_template("500.html").render()
    assert 'class="error-page"' in html and "<script" not in html


# ------------------------------------------------------------------ config export round-trips desk-made config
ROUND_TRIP = """
clients:
  - slug: northwind
    name: Northwind Pharma
    timezone: America/New_York
    languages: [en]
    template_variables: {mi_phone: "1-800-555-0100"}
    routing:
      rules:
        - {name: From config, conditions: {platform: [x]}, actions: {tag: from-x}}
    products:
      - {name: Glucavio, generic: semaglutide}
    channels:
      - {platform: facebook, handle: NorthwindRx, external_id: "1234567890"}
users:
  - {email: sam@agency.test, name: Sam Super, role: supervisor, clients: [northwind]}
  - {email: rita@agency.test, name: Rita Review, role: reviewer, clients: [northwind]}
"""


def _empty_the_database() -> None:
    from carewatch.replies.models import Template
    from carewatch.routing.models import RoutingRule
    from carewatch.tenancy.models import Channel, Membership, Product

    for model in (Template, RoutingRule, Membership, Channel, Product):
        model.objects.all().delete()
    User.objects.all().delete()
    Client.objects.all().delete()


def test_config_export_includes_templates_and_rules_made_in_the_desk_and_round_trips(db: Any) -> None:
    import yaml

    from carewatch.configuration.as_code import apply_config, export_config
    from carewatch.replies import actions as replies
    from carewatch.routing.actions import do_save_rule

    apply_config(ROUND_TRIP)
    northwind = Client.objects.get(slug="northwind")
    sam, rita = User.objects.get(email="sam@agency.test"), User.objects.get(email="rita@agency.test")
    do_save_rule(sam, northwind, None, {"name": "Desk rule", "order": 5, "conditions": {"labels_any": ["complaint"]},
                                        "actions": {"set_priority": 3}, "stop": False, "enabled": True})
    template = replies.do_create_template(sam, northwind, "mi-referral", "en", "medical_information", "MI referral")
    body = "Hi {handle}, our Medical Information team can help: call {mi_phone}."
    replies.do_approve_version(rita, replies.do_new_version(sam, template, body, submit=True))

    first = export_config()
    exported = yaml.safe_load(first)["clients"][0]
    assert [r["name"] for r in exported["routing"]["rules"]] == ["Desk rule", "From config"]
    assert exported["templates"] == [{"key": "mi-referral", "category": "medical_information", "language": "en",
                                      "name": "MI referral", "body": body}]

    _empty_the_database()
    apply_config(first)
    assert export_config() == first
