"""Reviewers confirm or dismiss each triage flag in the inbox: the decision is training data and
review evidence, audited, and never changes the mention's labels or its safety case."""

from __future__ import annotations

import types
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client as HttpClient
from django.urls import include, path

from carewatch import urls as root_urls
from carewatch.audit.chain import verify
from carewatch.audit.models import AuditEvent
from carewatch.inbox.models import Case, Mention
from carewatch.safety.models import NOT_FORWARDED, SafetyCase, SafetyCaseMention
from carewatch.tenancy.models import Client, Role, User
from carewatch.triage import registry
from carewatch.triage.models import ReviewDecision
from tests.conftest import MentionFactory, make_user

# This module doubles as the URLconf of its view tests, until the project's includes the triage URLs.
urlpatterns = list(root_urls.urlpatterns)
if not any(getattr(p, "namespace", None) == "triage" for p in urlpatterns):
    urlpatterns.append(path("triage/", include("carewatch.triage.urls")))

URL = "/triage/review/"
AE_TEXT = "Since starting Glucavio I have terrible nausea and headaches every morning"
INQUIRY_TEXT = "Is Glucavio covered by my insurance?"
REASON = "sarcasm about the weather, no drug reaction"


def logged_in(user: User) -> HttpClient:
    client = HttpClient()
    client.force_login(user)
    return client


@pytest.fixture
def ae(northwind: Client, make_mention: MentionFactory) -> Mention:
    mention = make_mention(northwind, AE_TEXT)
    assert "adverse_event" in mention.labels
    assert SafetyCase.objects.filter(links__mention=mention, kind="adverse_event").exists()
    return mention


def snapshot(mention: Mention) -> dict[str, Any]:
    """Everything a flag decision must leave alone."""
    fresh = Mention.objects.get(pk=mention.pk)
    case = Case.objects.get(pk=fresh.case_id)
    return {
        "labels": list(fresh.labels),
        "triage": fresh.triage,
        "case": (case.status, case.priority, case.closed_at),
        "tags": sorted(case.tags.values_list("name", flat=True)),
        "safety": sorted(SafetyCase.objects.filter(links__mention=fresh)
                         .values_list("pk", "status", "ended_at", "end_reason", "updated_at")),
        "links": sorted(SafetyCaseMention.objects.filter(mention=fresh).values_list("pk", "safety_case_id")),
    }


def review(user: User | HttpClient, mention: Mention, label: str, decision: str, reason: str = "",
           **extra: str) -> Any:
    body = {"mention": str(mention.pk), "label": label, "decision": decision, "reason": reason, **extra}
    return (user if isinstance(user, HttpClient) else logged_in(user)).post(URL, body)


# ------------------------------------------------------------------ deciding
@pytest.mark.urls(__name__)
def test_an_agent_confirms_a_flag_and_it_becomes_audited_training_data(ae: Mention, alice: User) -> None:
    response = review(alice, ae, "adverse_event", "confirm")
    assert response.status_code == 302 and response["Location"] == f"/inbox/case/{ae.case_id}/"
    decision = ReviewDecision.objects.get(mention=ae, label="adverse_event")
    assert (decision.confirmed, decision.decided_by, decision.client_id) == (True, alice, ae.client_id)
    assert decision.score == ae.triage["scores"]["adverse_event"]
    assert decision.detector_versions["adverse_event"] == ae.triage["versions"]["adverse_event"]
    event = AuditEvent.objects.get(action__startswith="triage.")
    assert event.action == "triage.flag_confirm"
    assert (event.actor_id, event.client_id, event.object_type, event.object_id) == (
        alice.pk, ae.client_id, "inbox.mention", str(ae.pk))
    assert event.data["label"] == "adverse_event" and event.data["before"] is None
    assert verify().ok
    assert registry.client_training_data(ae.client, "adverse_event") == ([ae.text], [1])


@pytest.mark.urls(__name__)
def test_dismissing_an_adverse_event_flag_leaves_its_labels_tags_and_open_safety_case_alone(
    ae: Mention, alice: User
) -> None:
    before = snapshot(ae)
    client = logged_in(alice)
    response = review(client, ae, "adverse_event", "dismiss", REASON)
    assert response.status_code == 302
    assert snapshot(ae) == before
    safety = SafetyCase.objects.get(links__mention=ae, kind="adverse_event")
    assert safety.status in NOT_FORWARDED and safety.ended_at is None
    decision = ReviewDecision.objects.get(mention=ae, label="adverse_event")
    assert (decision.confirmed, decision.reason) == (False, REASON)
    assert AuditEvent.objects.get(action="triage.flag_dismiss").data["reason"] == REASON
    assert registry.client_training_data(ae.client, "adverse_event") == ([ae.text], [0])
    page = client.get(response["Location"]).content.decode()
    assert "the safety case stays open until a safety reviewer dismisses it" in page
    assert "The safety case stays open until a safety reviewer dismisses it." in page  # the message after it


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("reason", ["", "   ", "not an AE", "no\n\n\n  ae  "])
def test_dismissing_a_safety_flag_needs_a_reason_of_ten_characters(ae: Mention, alice: User, reason: str) -> None:
    client = logged_in(alice)
    response = review(client, ae, "adverse_event", "dismiss", reason)
    assert response.status_code == 302
    assert not ReviewDecision.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="triage.").exists()
    page = client.get(response["Location"]).content.decode()
    assert "needs a reason of at least 10 characters" in page


@pytest.mark.urls(__name__)
def test_a_flag_that_is_not_a_safety_label_may_be_dismissed_without_a_reason(
    northwind: Client, make_mention: MentionFactory, alice: User
) -> None:
    mention = make_mention(northwind, INQUIRY_TEXT + " What is the dose for kids?")
    label = next(x for x in mention.labels if x in ("medical_inquiry", "off_label"))
    assert review(alice, mention, label, "dismiss").status_code == 302
    assert ReviewDecision.objects.get(mention=mention, label=label).confirmed is False


@pytest.mark.urls(__name__)
def test_deciding_again_replaces_the_decision_and_the_audit_trail_keeps_both(ae: Mention, quinn: User) -> None:
    review(quinn, ae, "adverse_event", "dismiss", REASON)
    review(quinn, ae, "adverse_event", "dismiss", REASON)  # the same again: nothing new to record
    review(quinn, ae, "adverse_event", "confirm")
    decision = ReviewDecision.objects.get(mention=ae, label="adverse_event")
    assert (decision.confirmed, decision.reason, decision.decided_by) == (True, "", quinn)
    actions = list(AuditEvent.objects.filter(action__startswith="triage.flag_").order_by("seq")
                   .values_list("action", "data__before"))
    assert actions == [("triage.flag_dismiss", None), ("triage.flag_confirm", "dismiss")]


@pytest.mark.urls(__name__)
@pytest.mark.parametrize(("label", "decision"), [("phi", "confirm"), ("adverse_event", "approve"),
                                                 ("", "confirm")])
def test_only_a_flag_the_mention_carries_can_be_decided_and_only_by_confirm_or_dismiss(
    ae: Mention, alice: User, label: str, decision: str
) -> None:
    assert label not in ae.labels or decision not in ("confirm", "dismiss")
    response = review(alice, ae, label, decision, REASON)
    assert response.status_code == 302
    assert not ReviewDecision.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="triage.").exists()


# ------------------------------------------------------------------ who may
@pytest.mark.urls(__name__)
@pytest.mark.parametrize("role", [Role.AGENT, Role.SUPERVISOR, Role.SAFETY])
def test_the_client_s_agents_supervisors_and_safety_reviewer_may_review(ae: Mention, role: str) -> None:
    user = make_user(f"{role}@northwind.test", role, ae.client)
    assert review(user, ae, "adverse_event", "confirm").status_code == 302
    assert ReviewDecision.objects.get(mention=ae).decided_by == user


@pytest.mark.urls(__name__)
def test_an_agency_admin_may_review(ae: Mention, admin: User) -> None:
    assert review(admin, ae, "adverse_event", "confirm").status_code == 302
    assert ReviewDecision.objects.filter(mention=ae, decided_by=admin).exists()


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("role", [Role.VIEWER, Role.REVIEWER])
def test_a_viewer_or_a_client_reviewer_gets_403_and_nothing_is_recorded(ae: Mention, role: str) -> None:
    user = make_user(f"{role}@northwind.test", role, ae.client)
    assert review(user, ae, "adverse_event", "dismiss", REASON).status_code == 403
    assert not ReviewDecision.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="triage.").exists()


@pytest.mark.urls(__name__)
def test_another_client_s_agent_gets_404_for_the_mention_and_nothing_is_recorded(ae: Mention, bob: User) -> None:
    assert review(bob, ae, "adverse_event", "dismiss", REASON).status_code == 404
    assert logged_in(bob).post(URL, {"mention": "nope", "label": "adverse_event"}).status_code == 404
    assert not ReviewDecision.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="triage.").exists()


@pytest.mark.urls(__name__)
def test_anonymous_posts_go_to_the_login_page_and_get_is_refused(ae: Mention, alice: User) -> None:
    response = HttpClient().post(URL, {"mention": str(ae.pk), "label": "adverse_event", "decision": "confirm"})
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert logged_in(alice).get(URL).status_code == 302  # a GET is sent on to the inbox (issue 13), it decides nothing
    assert not ReviewDecision.objects.exists()


@pytest.mark.urls(__name__)
def test_a_post_without_the_csrf_token_is_refused(ae: Mention, alice: User) -> None:
    client = HttpClient(enforce_csrf_checks=True)
    client.force_login(alice)
    page = client.get(f"/inbox/case/{ae.case_id}/")
    assert page.status_code == 200
    body = {"mention": str(ae.pk), "label": "adverse_event", "decision": "confirm"}
    assert client.post(URL, body).status_code == 403
    assert not ReviewDecision.objects.exists()
    token = client.cookies[django_settings.CSRF_COOKIE_NAME].value
    assert client.post(URL, {**body, "csrfmiddlewaretoken": token}).status_code == 302
    assert ReviewDecision.objects.filter(mention=ae).exists()


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example/"])
def test_next_never_leads_off_site(ae: Mention, alice: User, target: str) -> None:
    response = review(alice, ae, "adverse_event", "confirm", next=target)
    assert response["Location"] == f"/inbox/case/{ae.case_id}/"
    local = review(alice, ae, "adverse_event", "dismiss", REASON, next=f"/inbox/case/{ae.case_id}/?next=/inbox/")
    assert local["Location"] == f"/inbox/case/{ae.case_id}/?next=/inbox/"


# ------------------------------------------------------------------ the case page
@pytest.mark.urls(__name__)
def test_the_case_page_shows_each_flag_with_its_evidence_and_the_review_forms(ae: Mention, alice: User) -> None:
    page = logged_in(alice).get(f"/inbox/case/{ae.case_id}/").content.decode()
    assert f'id="flag-{ae.pk}-adverse_event"' in page
    assert '<span class="tag label" title="score ' in page
    assert "<q>nausea</q>" in page and "event (en lay lexicon)" in page  # the evidence and why
    assert "minimum elements" in page  # the finding's details
    assert page.count(f'action="{URL}"') == 2 * len(ae.labels)
    assert 'name="csrfmiddlewaretoken"' in page
    assert 'required minlength="10"' in page
    assert page.count("triage/flag_review.css") == 1
    assert "<script" not in page.split('class="flag-review"', 1)[1].split("</ol>", 1)[0]  # CSP: no inline script
    assert " style=" not in page.split('class="flag-review"', 1)[1].split("</ol>", 1)[0]  # nor inline style


@pytest.mark.urls(__name__)
def test_the_case_page_shows_who_decided_and_the_reason(ae: Mention, alice: User) -> None:
    review(alice, ae, "adverse_event", "dismiss", REASON)
    page = logged_in(alice).get(f"/inbox/case/{ae.case_id}/").content.decode()
    assert "dismissed by Alice" in page and f"Reviewer's reason: {REASON}" in page
    assert 'class="flag safety dismissed"' in page


@pytest.mark.urls(__name__)
def test_a_viewer_sees_the_flags_and_their_evidence_but_no_review_controls(ae: Mention, victor: User) -> None:
    page = logged_in(victor).get(f"/inbox/case/{ae.case_id}/").content.decode()
    assert f'id="flag-{ae.pk}-adverse_event"' in page and "<q>nausea</q>" in page
    assert f'action="{URL}"' not in page


def test_without_the_triage_urls_the_case_page_still_shows_the_flags(
    ae: Mention, alice: User, settings: Any
) -> None:
    urlconf = types.ModuleType("urls_without_triage")
    urlconf.urlpatterns = [p for p in root_urls.urlpatterns  # type: ignore[attr-defined]
                           if getattr(p, "namespace", None) != "triage"]
    settings.ROOT_URLCONF = urlconf
    page = logged_in(alice).get(f"/inbox/case/{ae.case_id}/").content.decode()
    assert f'id="flag-{ae.pk}-adverse_event"' in page and "<q>nausea</q>" in page
    assert 'class="flag-confirm"' not in page
