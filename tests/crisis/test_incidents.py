"""Crisis mode: an alert promoted to an incident, mentions routed to the crisis team's queue, the
holding statement pinned for agents, the playbook's checklist, the stand-down summary and its PDF."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client as HttpClient
from django.utils import timezone

from carewatch.audit.chain import verify
from carewatch.crisis import actions
from carewatch.crisis.config import parse_playbooks, validate_settings
from carewatch.crisis.models import Alert, AlertState, Incident, IncidentState
from carewatch.inbox.models import Case
from carewatch.replies.library import suggest
from carewatch.replies.models import Template, TemplateVersion, VersionStatus
from carewatch.tenancy.models import Client, User


def holding(client: Client, key: str = "holding-viral-complaint",
            body: str = "Hi {handle}, we are aware and looking into it urgently. Please DM us.") -> TemplateVersion:
    template = Template.objects.create(client=client, key=key, language="en", category="holding_statement",
                                       name="Viral complaint holding statement")
    return TemplateVersion.objects.create(template=template, client=client, number=1, body=body,
                                          status=VersionStatus.APPROVED, approved_at=timezone.now())


def an_alert(client: Client, dimension: str = "platform", value: str = "x") -> Alert:
    now = timezone.now()
    return Alert.objects.create(client=client, kind="volume", dimension=dimension, value=value,
                                key=f"volume:{dimension}:{value}", opened_at=now, crossed_at=now, last_seen_at=now,
                                count=40, peak=40, expected=4.0, score=12.0, evidence={"series": [3, 4, 40]})


def test_promoting_an_alert_declares_an_incident_and_routes_its_mentions_to_the_crisis_queue(
        northwind: Client, make_mention: Any, run_on_commit: Any, sam: User, alice: User) -> None:
    before = make_mention(northwind, "Your ER left my dad on a trolley for 9 hours", platform="x", author="a1")
    elsewhere = make_mention(northwind, "Is Glucavio covered by my insurance?", platform="facebook", author="a2")
    alert = an_alert(northwind)
    with pytest.raises(PermissionDenied):
        actions.do_promote_alert(alice, alert, "viral_complaint")
    incident = run_on_commit(actions.do_promote_alert, sam, alert, "viral_complaint", "ER trolley video")
    alert.refresh_from_db()
    assert alert.state == AlertState.PROMOTED and alert.incident == incident
    assert incident.match == {"platforms": ["x"]} and incident.roles == {"lead": "sam@agency.test"}
    assert "team:crisis" in Case.objects.get(pk=before.case_id).tags.values_list("name", flat=True)
    assert "team:crisis" not in Case.objects.get(pk=elsewhere.case_id).tags.values_list("name", flat=True)
    # New mentions that match are routed as they arrive (the pipeline step).
    later = run_on_commit(make_mention, northwind, "Shame on this hospital", platform="x", author="a3")
    assert "team:crisis" in Case.objects.get(pk=later.case_id).tags.values_list("name", flat=True)
    web = HttpClient()
    web.force_login(alice)
    queue = web.get("/inbox/?tag=team:crisis").content.decode()
    assert "trolley" in queue and "insurance" not in queue
    with pytest.raises(ValidationError):
        actions.do_promote_alert(sam, alert, "viral_complaint")  # already promoted


def test_the_holding_statement_is_pinned_for_agents_only_during_the_incident(
        northwind: Client, make_mention: Any, run_on_commit: Any, sam: User, alice: User) -> None:
    version = holding(northwind)
    case = make_mention(northwind, "Your ER was a disgrace", author="angry").case
    assert case is not None
    assert version.pk not in [s.version.pk for s in suggest(case, alice)]  # no incident: not offered
    incident = run_on_commit(actions.do_declare_incident, sam, northwind, "viral_complaint", "ER video")
    first = suggest(case, alice)[0]
    assert first.version.pk == version.pk and first.reason == f"pinned during {incident.reference}"
    assert first.text.startswith("Hi @angry, we are aware")
    web = HttpClient()
    web.force_login(alice)
    page = web.get(f"/crisis/incidents/{incident.pk}/").content.decode()
    assert "we are aware and looking into it urgently" in page and "<svg" in page
    run_on_commit(actions.do_stand_down, sam, incident)
    assert version.pk not in [s.version.pk for s in suggest(case, alice)]


def test_the_checklist_roles_and_stand_down_summary_with_its_pdf(
        northwind: Client, make_mention: Any, run_on_commit: Any, sam: User, alice: User, victor: User,
        quinn: User, bob: User) -> None:
    incident = run_on_commit(actions.do_declare_incident, sam, northwind, "recall", "Lot GX4821 recall",
                             match={"terms": ["GX4821"]})
    mention = run_on_commit(make_mention, northwind, "My Glucavio pen from lot GX4821 arrived cracked",
                            author="buyer", created=datetime.now(UTC))
    Case.objects.filter(pk=mention.case_id).update(first_responded_at=mention.created_at + timedelta(minutes=12))
    actions.do_set_roles(sam, incident, {"approver": "sam@agency.test", "pv_contact": "quinn@agency.test"})
    with pytest.raises(ValidationError):
        actions.do_set_roles(sam, incident, {"on_call": "bob@agency.test"})  # another client's staff
    with pytest.raises(PermissionDenied):
        actions.do_check_item(victor, incident, "a0", True)
    incident = actions.do_check_item(alice, incident, "a0", True)
    assert incident.checklist["a0"]["by"] == "alice@agency.test"
    incident = run_on_commit(actions.do_stand_down, sam, incident, "Quality confirmed the notice")
    assert incident.state == IncidentState.STOOD_DOWN
    s = incident.summary
    assert s["crisis_cases"] == 1 and s["answered"] == 1 and s["first_response_median_minutes"] == 12.0
    assert s["mentions"] == 1 and s["crisis_mentions"] == 1 and s["checklist"][0]["done"] and not s["checklist"][1]["done"]
    assert s["roles"]["pv_contact"] == "quinn@agency.test" and s["actions"]["crisis.check"] == 1
    with pytest.raises(ValidationError):
        actions.do_stand_down(sam, incident)
    web = HttpClient()
    web.force_login(victor)
    pdf = web.get(f"/crisis/incidents/{incident.pk}/summary.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert "INC-" in pdf["Content-Disposition"]
    web.force_login(bob)
    assert web.get(f"/crisis/incidents/{incident.pk}/summary.pdf").status_code == 404
    assert verify().ok


def test_playbooks_are_config_with_six_built_in_classes_a_client_may_override() -> None:
    books = parse_playbooks({})
    assert set(books) == {"viral_complaint", "staff_privacy_breach", "recall", "misinformation", "threat",
                          "media_inquiry"}
    own = parse_playbooks({"crisis_playbooks": {"recall": {"title": "Product recall", "roles": ["lead", "pv_contact"],
                                                           "first_actions": ["Call QA"], "stand_down": ["QA ok"]}}})
    assert own["recall"].title == "Product recall" and own["recall"].items() == [("a0", "Call QA"), ("s0", "QA ok")]
    with pytest.raises(ValueError, match="roles"):
        validate_settings({"crisis_playbooks": {"recall": {"roles": ["boss"]}}}, "client northwind")
    with pytest.raises(ValueError, match="z"):
        validate_settings({"crisis": {"z": 0}}, "client northwind")


def test_the_api_lists_alerts_and_incidents_of_the_user_s_clients_only(
        northwind: Client, contoso: Client, sam: User, bob: User) -> None:
    alert = an_alert(northwind)
    web = HttpClient()
    web.force_login(sam)
    assert [a["id"] for a in web.get("/api/v1/crisis/alerts").json()["items"]] == [alert.pk]
    assert web.get(f"/api/v1/crisis/alerts/{alert.pk}").json()["evidence"]["series"] == [3, 4, 40]
    web.force_login(bob)
    assert web.get("/api/v1/crisis/alerts").json() == {"items": [], "count": 0}
    assert web.get(f"/api/v1/crisis/alerts/{alert.pk}").status_code == 404
    assert web.get("/api/v1/crisis/incidents?client=northwind").status_code == 404


def test_the_demo_has_one_past_incident_and_one_live_spike_alert(
        northwind: Client, sam: User, run_on_commit: Any) -> None:
    from carewatch.crisis.demo import load_crisis_demo

    message = run_on_commit(load_crisis_demo)
    assert "stood down" in message
    [past] = Incident.objects.filter(client=northwind)
    assert past.state == "stood_down" and past.summary["checklist"][0]["done"]
    [alert] = Alert.objects.filter(client=northwind)
    assert alert.state == "open" and alert.ongoing and alert.evidence["series"][-1] == 19
    assert run_on_commit(load_crisis_demo) == "crisis demo: already loaded"


def test_the_incident_s_on_call_role_comes_from_the_crisis_protocol_s_rotation(
        northwind: Client, sam: User, run_on_commit: Any) -> None:
    northwind.settings = {
        "oncall": {"comms": {"handoff": "00:00", "start": "2026-01-01",
                             "people": ["dana@northwind.test", "dana@northwind.test"]}},
        "escalation": [{"category": "crisis", "steps": [{"notify": ["oncall:comms"]}]}]}
    northwind.save()
    incident = run_on_commit(actions.do_declare_incident, sam, northwind, "threat", "Threat against the ER")
    assert incident.roles == {"lead": "sam@agency.test", "on_call": "dana@northwind.test"}
