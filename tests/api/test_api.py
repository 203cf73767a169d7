"""The REST API under /api/v1/, used with personal Bearer tokens."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.test import Client as HttpClient

from carewatch.audit.models import AuditEvent
from carewatch.inbox import actions
from carewatch.inbox.models import Case, Mention, Note
from carewatch.tenancy.actions import do_create_token
from carewatch.tenancy.models import Client, User

MENTION_FIELDS = {"id", "external_id", "platform", "text", "created_at", "case_id"}


def api_client(user: User) -> HttpClient:
    return HttpClient(headers={"Authorization": f"Bearer {do_create_token(user, 'test', None)}"})


@dataclass
class Desk:
    """Three Northwind cases (two on Facebook, one on X) and one of Contoso's."""

    insurance: Case
    side_effects: Case
    on_x: Case
    contoso: Case


@pytest.fixture
def desk(northwind: Client, contoso: Client, make_mention: Callable[..., Mention]) -> Desk:
    now = datetime.now(UTC)

    def case(client: Client, text: str, **kwargs: Any) -> Case:
        mention = make_mention(client, text, **kwargs)
        assert mention.case is not None
        return Case.objects.get(pk=mention.case_id)

    return Desk(
        insurance=case(northwind, "Is Glucavio covered by my insurance?", author="pat", created=now - timedelta(hours=3)),
        side_effects=case(northwind, "Glucavio gave me terrible nausea", author="sky", created=now - timedelta(hours=2)),
        on_x=case(northwind, "Where can I buy the pen in Spain?", author="lee", platform="x",
                  created=now - timedelta(hours=1)),
        contoso=case(contoso, "Contoso leaflet please", author="kim"),
    )


@pytest.fixture
def api(alice: User) -> HttpClient:
    return api_client(alice)


def ids(response: Any) -> set[int]:
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


def audit_actions(case: Case) -> list[str]:
    return list(AuditEvent.objects.filter(object_type="inbox.case", object_id=str(case.pk))
                .order_by("seq").values_list("action", flat=True))


# ------------------------------------------------------------------ description and health
def test_the_openapi_description_is_public_and_lists_every_operation() -> None:
    response = HttpClient().get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    operations = {(path, method) for path, item in schema["paths"].items() for method in item}
    assert operations == {
        ("/api/v1/mentions", "get"), ("/api/v1/mentions/{mention_id}", "get"),
        ("/api/v1/cases", "get"), ("/api/v1/cases/{case_id}", "get"), ("/api/v1/cases/{case_id}", "patch"),
        ("/api/v1/cases/{case_id}/notes", "post"), ("/api/v1/health", "get"),
        ("/api/v1/safety-cases", "get"), ("/api/v1/safety-cases/{pk}", "get"),
        ("/api/v1/safety-cases/{pk}/transition", "post"), ("/api/v1/safety-cases/{pk}/e2b.xml", "get"),
        ("/api/v1/safety-cases/{pk}/medwatch.json", "get"), ("/api/v1/lint", "post"),
        ("/api/v1/crisis/alerts", "get"), ("/api/v1/crisis/alerts/{alert_id}", "get"),
        ("/api/v1/crisis/incidents", "get"), ("/api/v1/crisis/incidents/{incident_id}", "get"),
        ("/api/v1/reports/summary", "get"), ("/api/v1/posts", "get"),
        ("/api/v1/influencers", "get"), ("/api/v1/influencers/{influencer_id}", "get"), ("/api/v1/post-checks", "get"),
        ("/api/v1/rights", "get"), ("/api/v1/rights/{rights_id}", "get"), ("/api/v1/giveaways", "get"),
        ("/api/v1/giveaways/{giveaway_id}", "get"),
    }
    assert any(s.get("scheme") == "bearer" for s in schema["components"]["securitySchemes"].values())


def test_the_health_endpoint_needs_no_login_and_reports_each_part(db: Any) -> None:
    response = HttpClient().get("/api/v1/health")
    assert response.status_code in (200, 503)
    report = response.json()
    assert {"database", "worker", "queue", "status"} <= set(report)
    assert report["database"]["ok"] is True
    assert report["status"] == ("ok" if response.status_code == 200 else "unhealthy")


# ------------------------------------------------------------------ mentions
def test_listing_a_client_s_mentions_gives_items_and_a_count(desk: Desk, api: HttpClient) -> None:
    response = api.get("/api/v1/mentions", {"client": "northwind"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"items", "count"}
    assert body["count"] == 3 and len(body["items"]) == 3
    for item in body["items"]:
        assert set(item) >= MENTION_FIELDS
        assert item["client"] == "northwind"
    assert body["items"][0]["text"] == "Where can I buy the pen in Spain?"  # newest first
    assert {i["case_id"] for i in body["items"]} == {desk.insurance.pk, desk.side_effects.pk, desk.on_x.pk}


def test_mentions_filter_by_platform_and_case(desk: Desk, api: HttpClient) -> None:
    on_x = api.get("/api/v1/mentions", {"client": "northwind", "platform": "x"}).json()
    assert on_x["count"] == 1 and on_x["items"][0]["case_id"] == desk.on_x.pk
    assert on_x["items"][0]["platform"] == "x"
    of_case = api.get("/api/v1/mentions", {"case_id": desk.side_effects.pk}).json()
    assert [i["text"] for i in of_case["items"]] == ["Glucavio gave me terrible nausea"]


def test_mentions_page_with_limit_and_offset_while_the_count_stays_whole(desk: Desk, api: HttpClient) -> None:
    first = api.get("/api/v1/mentions", {"limit": 2}).json()
    second = api.get("/api/v1/mentions", {"limit": 2, "offset": 2}).json()
    assert first["count"] == second["count"] == 3
    assert len(first["items"]) == 2 and len(second["items"]) == 1
    assert not {i["id"] for i in first["items"]} & {i["id"] for i in second["items"]}


def test_one_mention_by_id(desk: Desk, api: HttpClient) -> None:
    mention = Mention.objects.get(case=desk.insurance)
    response = api.get(f"/api/v1/mentions/{mention.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == mention.pk and body["external_id"] == mention.external_id
    assert body["text"] == "Is Glucavio covered by my insurance?" and body["case_id"] == desk.insurance.pk
    assert body["author_handle"] == "pat" and body["channel"] == "NorthwindRx"


def test_a_mention_that_does_not_exist_or_is_another_client_s_is_the_same_404(desk: Desk, api: HttpClient) -> None:
    contoso = Mention.objects.get(case=desk.contoso)
    missing = api.get("/api/v1/mentions/999999")
    foreign = api.get(f"/api/v1/mentions/{contoso.pk}")
    assert missing.status_code == foreign.status_code == 404
    assert missing.json() == foreign.json() == {"detail": "Not found"}


# ------------------------------------------------------------------ cases
def test_listing_cases_shows_the_open_cases_the_user_may_see_newest_first(desk: Desk, api: HttpClient) -> None:
    response = api.get("/api/v1/cases")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"items", "next_cursor"}
    assert [c["id"] for c in body["items"]] == [desk.on_x.pk, desk.side_effects.pk, desk.insurance.pk]
    first = body["items"][0]
    assert first["client"] == "northwind" and first["platform"] == "x" and first["status"] == "new"
    assert first["tags"] == [] and first["assignee"] is None and first["mention_count"] == 1


def test_cases_filter_by_status(desk: Desk, alice: User, api: HttpClient) -> None:
    actions.do_set_status(alice, desk.insurance, "closed", "answered")
    assert ids(api.get("/api/v1/cases")) == {desk.side_effects.pk, desk.on_x.pk}
    assert ids(api.get("/api/v1/cases", {"status": "closed"})) == {desk.insurance.pk}
    assert ids(api.get("/api/v1/cases", {"status": "all"})) == {desk.insurance.pk, desk.side_effects.pk, desk.on_x.pk}


def test_cases_filter_by_platform_and_tag(desk: Desk, alice: User, api: HttpClient) -> None:
    assert ids(api.get("/api/v1/cases", {"platform": "x"})) == {desk.on_x.pk}
    assert ids(api.get("/api/v1/cases", {"platform": "facebook"})) == {desk.insurance.pk, desk.side_effects.pk}
    actions.do_tag(alice, desk.side_effects, "Adverse Event")
    assert ids(api.get("/api/v1/cases", {"tag": "adverse event"})) == {desk.side_effects.pk}
    assert ids(api.get("/api/v1/cases", {"tag": "nothing-tagged"})) == set()


def test_cases_filter_by_assignee_email_and_mine(desk: Desk, alice: User, sam: User, api: HttpClient) -> None:
    actions.do_assign(sam, desk.insurance, alice)
    actions.do_assign(sam, desk.on_x, sam)
    assert ids(api.get("/api/v1/cases", {"assignee": "alice@agency.test"})) == {desk.insurance.pk}
    assert ids(api.get("/api/v1/cases", {"assignee": "SAM@agency.test"})) == {desk.on_x.pk}
    assert ids(api.get("/api/v1/cases", {"assignee": "nobody@agency.test"})) == set()
    assert ids(api.get("/api/v1/cases", {"mine": "true"})) == {desk.insurance.pk}
    assert ids(api_client(sam).get("/api/v1/cases", {"mine": "true"})) == {desk.on_x.pk}


def test_cases_search_the_text_of_their_mentions(desk: Desk, api: HttpClient) -> None:
    assert ids(api.get("/api/v1/cases", {"q": "nausea"})) == {desk.side_effects.pk}
    assert ids(api.get("/api/v1/cases", {"q": "glucavio"})) == {desk.insurance.pk, desk.side_effects.pk}
    assert ids(api.get("/api/v1/cases", {"q": "glucavio insurance"})) == {desk.insurance.pk}


def test_a_search_never_finds_another_client_s_cases(desk: Desk, bob: User, api: HttpClient) -> None:
    assert ids(api.get("/api/v1/cases", {"q": "leaflet"})) == set()
    assert ids(api.get("/api/v1/cases", {"q": "@kim"})) == set()
    assert ids(api_client(bob).get("/api/v1/cases", {"q": "leaflet"})) == {desk.contoso.pk}
    assert ids(api_client(bob).get("/api/v1/cases", {"q": "glucavio"})) == set()


def test_cases_search_by_author_handle(desk: Desk, api: HttpClient) -> None:
    assert ids(api.get("/api/v1/cases", {"q": "@sky"})) == {desk.side_effects.pk}
    assert ids(api.get("/api/v1/cases", {"q": "@SKY", "status": "all"})) == {desk.side_effects.pk}


def test_cases_page_with_a_cursor(desk: Desk, api: HttpClient) -> None:
    first = api.get("/api/v1/cases", {"limit": 2}).json()
    assert [c["id"] for c in first["items"]] == [desk.on_x.pk, desk.side_effects.pk]
    assert first["next_cursor"]
    second = api.get("/api/v1/cases", {"limit": 2, "after": first["next_cursor"]}).json()
    assert [c["id"] for c in second["items"]] == [desk.insurance.pk]
    assert second["next_cursor"] == ""


def test_a_cursor_pasted_without_url_encoding_still_pages_on(desk: Desk, api: HttpClient) -> None:
    cursor = api.get("/api/v1/cases", {"limit": 2}).json()["next_cursor"]
    assert "+" in cursor
    second = api.get(f"/api/v1/cases?limit=2&after={cursor}").json()  # "+" arrives as a space
    assert [c["id"] for c in second["items"]] == [desk.insurance.pk]


def test_one_case_by_id(desk: Desk, api: HttpClient) -> None:
    response = api.get(f"/api/v1/cases/{desk.side_effects.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == desk.side_effects.pk
    assert body["subject"].startswith("Glucavio gave me") and body["author_handle"] == "sky"
    assert api.get(f"/api/v1/cases/{desk.contoso.pk}").status_code == 404
    assert api.get("/api/v1/cases/not-a-number").status_code == 422


# ------------------------------------------------------------------ changing a case
def patch(api: HttpClient, case: Case, body: dict[str, Any]) -> Any:
    return api.patch(f"/api/v1/cases/{case.pk}", body, content_type="application/json")


def test_assigning_by_email_and_to_me_and_unassigning_are_audited(desk: Desk, alice: User, sam: User,
                                                                 api: HttpClient) -> None:
    response = patch(api, desk.insurance, {"assignee": "sam@agency.test"})
    assert response.status_code == 200
    assert response.json()["assignee"] == "sam@agency.test" and response.json()["status"] == "open"
    assert patch(api, desk.insurance, {"assignee": "me"}).json()["assignee"] == "alice@agency.test"
    assert patch(api, desk.insurance, {"assignee": ""}).json()["assignee"] is None
    assert Case.objects.get(pk=desk.insurance.pk).assignee is None
    events = list(AuditEvent.objects.filter(action="case.assign").order_by("seq"))
    assert [(e.data["from"], e.data["to"]) for e in events] == [(None, sam.pk), (sam.pk, alice.pk), (alice.pk, None)]
    assert {e.actor_id for e in events} == {alice.pk}
    assert {e.client_id for e in events} == {desk.insurance.client_id}


def test_assigning_to_someone_who_cannot_work_the_case_is_422(desk: Desk, victor: User, api: HttpClient) -> None:
    response = patch(api, desk.insurance, {"assignee": "victor@agency.test"})
    assert response.status_code == 422
    assert "cannot work cases" in response.json()["detail"]
    response = patch(api, desk.insurance, {"assignee": "ghost@agency.test"})
    assert response.status_code == 422
    assert response.json()["detail"] == "no user ghost@agency.test works for this client"
    assert "case.assign" not in audit_actions(desk.insurance)


def test_changing_status_and_priority_is_audited(desk: Desk, api: HttpClient) -> None:
    response = patch(api, desk.insurance, {"status": "closed", "close_reason": "answered"})
    assert response.status_code == 200
    assert response.json()["status"] == "closed" and response.json()["closed_at"] is not None
    response = patch(api, desk.insurance, {"priority": 4})
    assert response.json()["priority"] == 4
    case = Case.objects.get(pk=desk.insurance.pk)
    assert (case.status, case.close_reason, case.priority) == ("closed", "answered", 4)
    assert audit_actions(desk.insurance) == ["case.status", "case.priority"]
    status = AuditEvent.objects.get(action="case.status")
    assert status.data == {"from": "new", "to": "closed", "reason": "answered"}
    assert AuditEvent.objects.get(action="case.priority").data == {"from": 2, "to": 4}


def test_adding_and_removing_tags_is_audited(desk: Desk, api: HttpClient) -> None:
    response = patch(api, desk.insurance, {"add_tags": ["Coverage", "follow up"]})
    assert response.status_code == 200
    assert sorted(response.json()["tags"]) == ["coverage", "follow up"]
    response = patch(api, desk.insurance, {"remove_tags": ["coverage"]})
    assert response.json()["tags"] == ["follow up"]
    assert audit_actions(desk.insurance) == ["case.tag", "case.tag", "case.untag"]
    assert AuditEvent.objects.get(action="case.untag").data == {"tag": "coverage"}


def test_an_unchanged_value_writes_no_audit_event(desk: Desk, api: HttpClient) -> None:
    patch(api, desk.insurance, {"priority": 3})
    patch(api, desk.insurance, {"priority": 3})
    assert audit_actions(desk.insurance) == ["case.priority"]


def test_an_invalid_status_is_422_with_a_clear_detail_and_changes_nothing(desk: Desk, api: HttpClient) -> None:
    response = patch(api, desk.insurance, {"assignee": "me", "status": "bogus", "add_tags": ["x"]})
    assert response.status_code == 422
    assert response.json() == {"detail": "unknown status 'bogus'"}
    case = Case.objects.get(pk=desk.insurance.pk)
    assert case.assignee is None and case.status == "new"  # the assignment before it was rolled back
    assert audit_actions(desk.insurance) == []


@pytest.mark.parametrize(("body", "detail"), [
    ({"priority": 9}, "unknown priority 9"),
    ({"add_tags": ["   "]}, "a tag needs a name"),
    ({"add_tags": ["x" * 61]}, "a tag is at most 60 characters"),
])
def test_invalid_changes_are_422_with_a_clear_detail(desk: Desk, api: HttpClient, body: dict[str, Any],
                                                     detail: str) -> None:
    response = patch(api, desk.insurance, body)
    assert response.status_code == 422
    assert response.json() == {"detail": detail}


def test_a_malformed_patch_is_422_from_the_schema(desk: Desk, api: HttpClient) -> None:
    response = patch(api, desk.insurance, {"priority": "very"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "priority"


# ------------------------------------------------------------------ notes
def test_adding_a_note_answers_201_and_audits_it_without_its_text(desk: Desk, alice: User, api: HttpClient) -> None:
    text = "Patient 4471 says the pharmacy refused the prescription"
    response = api.post(f"/api/v1/cases/{desk.insurance.pk}/notes", {"body": text}, content_type="application/json")
    assert response.status_code == 201
    body = response.json()
    note = Note.objects.get(pk=body["id"])
    assert note.body == text and note.author == alice
    assert body["case_id"] == desk.insurance.pk and body["author"] == "alice@agency.test"
    event = AuditEvent.objects.get(action="case.note")
    assert event.data == {"note_id": note.pk, "length": len(text)}
    assert "4471" not in str(list(AuditEvent.objects.values_list("data", flat=True)))


def test_an_empty_note_is_422(desk: Desk, api: HttpClient) -> None:
    response = api.post(f"/api/v1/cases/{desk.insurance.pk}/notes", {"body": "   "}, content_type="application/json")
    assert response.status_code == 422
    assert response.json() == {"detail": "a note cannot be empty"}
    assert not Note.objects.exists()


def test_a_supervisor_and_an_admin_may_change_any_case_they_see(desk: Desk, sam: User, admin: User) -> None:
    assert patch(api_client(sam), desk.insurance, {"priority": 3}).status_code == 200
    assert patch(api_client(admin), desk.contoso, {"priority": 3}).status_code == 200
    assert {e.actor_id for e in AuditEvent.objects.filter(action="case.priority")} == {sam.pk, admin.pk}


def test_a_viewer_reads_but_may_not_change_or_note(desk: Desk, victor: User) -> None:
    viewer = api_client(victor)
    assert viewer.get(f"/api/v1/cases/{desk.insurance.pk}").status_code == 200
    response = patch(viewer, desk.insurance, {"priority": 4})
    assert response.status_code == 403
    assert response.json() == {"detail": "Your role does not allow changing cases"}
    response = viewer.post(f"/api/v1/cases/{desk.insurance.pk}/notes", {"body": "hi"}, content_type="application/json")
    assert response.status_code == 403
    assert audit_actions(desk.insurance) == []
