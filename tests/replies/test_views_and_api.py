"""Every route the replies add: another client's user gets 404, a read-only viewer 403 on every
write, anonymous users the login page (401 on the API); the composer on the case page; the
``POST /api/v1/lint`` contract."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client as HttpClient

from carewatch.audit.models import AuditEvent
from carewatch.inbox.models import Case
from carewatch.replies import actions, library
from carewatch.replies.models import ReplyDraft, ReplyStatus, TemplateVersion
from carewatch.tenancy.actions import do_create_token
from carewatch.tenancy.models import User
from tests.conftest import PASSWORD, MentionFactory


@dataclass
class World:
    case: Case
    draft: ReplyDraft
    version: TemplateVersion


@pytest.fixture
def world(templates: dict[str, TemplateVersion], make_mention: MentionFactory, alice: User,
          django_capture_on_commit_callbacks: Any, contoso: Any) -> World:
    case = make_mention(templates["general"].client, "Where can I find the refill schedule?").case
    assert case is not None
    with django_capture_on_commit_callbacks(execute=False):
        draft = actions.do_compose(alice, case, "Hi! The schedule is in your app.")
    assert draft.status == ReplyStatus.PENDING_APPROVAL
    return World(case=case, draft=draft, version=templates["general"])


Url = Callable[[World], str]
Body = Callable[[World], dict[str, Any]]

# name: (url, body of a write that the right person may make)
WRITES: dict[str, tuple[Url, Body]] = {
    "lint": (lambda w: f"/replies/case/{w.case.pk}/lint/", lambda w: {"text": "Hello there"}),
    "compose": (lambda w: f"/replies/case/{w.case.pk}/compose/", lambda w: {"text": "Hello there"}),
    "approve": (lambda w: f"/replies/reply/{w.draft.pk}/approve/", lambda w: {"signature": PASSWORD}),
    "reject": (lambda w: f"/replies/reply/{w.draft.pk}/reject/", lambda w: {"reason": "no"}),
    "template-create": (lambda w: "/replies/templates/new/",
                        lambda w: {"client": "northwind", "key": "new-one", "language": "en", "category": "giveaway"}),
    "version-create": (lambda w: f"/replies/templates/{w.version.template_id}/versions/",
                       lambda w: {"body": "Hi {handle}!", "submit": "1"}),
    "version-act": (lambda w: f"/replies/versions/{w.version.pk}/act/", lambda w: {"op": "retire", "reason": "old"}),
}
READS: dict[str, Url] = {
    "templates": lambda w: "/replies/templates/?client=northwind",
    "template": lambda w: f"/replies/templates/{w.version.template_id}/",
}


def logged_in(user: User) -> HttpClient:
    client = HttpClient()
    client.force_login(user)
    return client


def test_another_client_s_agent_gets_404_everywhere(world: World, bob: User) -> None:
    client = logged_in(bob)
    before = AuditEvent.objects.exclude(action__startswith="auth.").count()
    for name, (url, body) in WRITES.items():
        assert client.post(url(world), body(world)).status_code == 404, name
    for name, read in READS.items():
        assert client.get(read(world)).status_code == 404, name
    assert AuditEvent.objects.exclude(action__startswith="auth.").count() == before
    assert ReplyDraft.objects.get(pk=world.draft.pk).status == ReplyStatus.PENDING_APPROVAL


def test_a_read_only_viewer_gets_403_on_every_write_and_reads_the_library(world: World, victor: User) -> None:
    client = logged_in(victor)
    before = AuditEvent.objects.exclude(action__startswith="auth.").count()
    for name, (url, body) in WRITES.items():
        assert client.post(url(world), body(world)).status_code == 403, name
    for name, read in READS.items():
        assert client.get(read(world)).status_code == 200, name
    assert AuditEvent.objects.exclude(action__startswith="auth.").count() == before
    page = client.get(f"/inbox/case/{world.case.pk}/").content.decode()
    assert 'id="composer"' in page and 'id="reply-form"' not in page and "approve-" not in page


def test_anonymous_users_are_sent_to_log_in(world: World) -> None:
    client = HttpClient()
    for name, (url, body) in WRITES.items():
        response = client.post(url(world), body(world))
        assert response.status_code == 302 and response["Location"].startswith("/login/"), name
    for name, read in READS.items():
        assert client.get(read(world))["Location"].startswith("/login/"), name


def test_get_is_refused_on_writes(world: World, alice: User) -> None:
    client = logged_in(alice)
    for name, (url, _body) in WRITES.items():
        assert client.get(url(world)).status_code == 405, name


def test_the_right_people_can_do_each_write(world: World, alice: User, rita: User, sam: User) -> None:
    by = {"lint": alice, "compose": alice, "approve": rita, "template-create": sam, "version-create": sam,
          "version-act": rita}
    for name, user in by.items():
        url, body = WRITES[name]
        response = logged_in(user).post(url(world), body(world))
        assert response.status_code in (200, 302), (name, response.status_code)
    assert ReplyDraft.objects.get(pk=world.draft.pk).approver == rita


def test_the_composer_suggests_templates_for_the_case_and_shows_findings_inline(
        templates: dict[str, TemplateVersion], make_mention: MentionFactory, alice: User) -> None:
    case = make_mention(templates["mi"].client, "Can I use Glucavio for weight loss?").case
    assert case is not None
    client = logged_in(alice)
    page = client.get(f"/inbox/case/{case.pk}/").content.decode()
    assert 'id="reply-form"' in page
    first = page.index(f'value="{templates["mi"].pk}"')
    assert first < page.index(f'value="{templates["general"].pk}"')  # the MI referral first
    assert "suggested: the case is labelled" in page
    free = client.post(f"/replies/case/{case.pk}/lint/", {"text": "Sure, it works for that!"}).content.decode()
    assert 'data-rule="medical_content"' in free and 'data-blocked="1"' in free
    mi_text = library.render(templates["mi"].body, library.values_for(case.client, case, alice))
    ok = client.post(f"/replies/case/{case.pk}/lint/", {"text": mi_text, "template_version": templates["mi"].pk})
    assert 'data-blocked="0"' in ok.content.decode() and "Edited 0%" in ok.content.decode()


def test_a_template_of_another_client_is_404_in_the_composer(world: World, alice: User, contoso: Any,
                                                            make_mention: MentionFactory) -> None:
    from carewatch.replies.models import Template

    other = Template.objects.create(client=contoso, key="x", language="en", category="giveaway")
    version = TemplateVersion.objects.create(template=other, client=contoso, number=1, body="x", status="approved")
    response = logged_in(alice).post(f"/replies/case/{world.case.pk}/compose/",
                                     {"text": "x", "template_version": version.pk})
    assert response.status_code == 404


# ------------------------------------------------------------------ the API contract
def api(client: HttpClient, body: dict[str, Any], **headers: str) -> Any:
    return client.post("/api/v1/lint", json.dumps(body), content_type="application/json", headers=headers)


def test_the_lint_api_returns_the_documented_findings(policy: Any, alice: User) -> None:
    token = do_create_token(alice, "tool", None)
    text = "A miracle! Call 555-867-5309 or see https://northwind.example/help"
    response = api(HttpClient(), {"client": "northwind", "text": text}, Authorization=f"Bearer {token}")
    assert response.status_code == 200
    findings = response.json()["findings"]
    assert all(set(f) == {"rule", "blocking", "start", "end", "message"} for f in findings)
    by_rule = {f["rule"]: f for f in findings}
    assert by_rule["banned_word"]["blocking"] is True
    assert text[by_rule["banned_word"]["start"]:by_rule["banned_word"]["end"]] == "miracle"
    assert text[by_rule["phi"]["start"]:by_rule["phi"]["end"]] == "555-867-5309"
    assert by_rule["untracked_link"]["blocking"] is False
    assert api(HttpClient(), {"client": "northwind", "text": "Thanks!"},
               Authorization=f"Bearer {token}").json() == {"findings": []}


def test_the_lint_api_with_a_case_applies_the_case_s_rules(templates: dict[str, TemplateVersion], alice: User,
                                                           make_mention: MentionFactory) -> None:
    case = make_mention(templates["mi"].client, "Can I use Glucavio for weight loss?").case
    assert case is not None
    client = logged_in(alice)
    blocked = api(client, {"client": "northwind", "text": "Yes it works!", "case_id": case.pk}).json()
    assert "medical_content" in {f["rule"] for f in blocked["findings"]}
    mi_text = library.render(templates["mi"].body, library.values_for(case.client, case))
    assert api(client, {"client": "northwind", "text": mi_text, "case_id": case.pk}).json() == {"findings": []}


def test_the_lint_api_is_404_for_another_client_403_for_a_viewer_401_anonymous(
        world: World, bob: User, victor: User) -> None:
    body = {"client": "northwind", "text": "Hello"}
    assert api(logged_in(bob), body).status_code == 404
    assert api(logged_in(bob), {"client": "contoso", "text": "Hello", "case_id": world.case.pk}).status_code == 404
    assert api(logged_in(victor), body).status_code == 403
    assert api(HttpClient(), body).status_code == 401
    assert api(HttpClient(), body, Authorization="Bearer cw_nope").status_code == 401


def test_the_lint_api_refuses_malformed_bodies(policy: Any, alice: User) -> None:
    client = logged_in(alice)
    assert api(client, {"text": "no client"}).status_code == 422
    assert api(client, {"client": "northwind", "text": "x" * 10_001}).status_code == 422


def test_a_template_is_written_reviewed_and_approved_through_the_library_pages(policy: Any, sam: User,
                                                                               rita: User) -> None:
    from carewatch.replies.models import Template

    writer, reviewer = logged_in(sam), logged_in(rita)
    response = writer.post("/replies/templates/new/", {"client": "northwind", "key": "giveaway-rules",
                                                      "language": "en", "category": "giveaway"})
    template = Template.objects.get(key="giveaway-rules")
    assert response["Location"] == f"/replies/templates/{template.pk}/"
    writer.post(f"/replies/templates/{template.pk}/versions/", {"body": "Hi {handle}, the rules: {isi_url}",
                                                                "submit": "1", "expires": "2030-12-31"})
    version = template.versions.get()
    assert version.status == "in_review" and version.author == sam
    page = writer.get(f"/replies/templates/{template.pk}/").content.decode()
    assert "Approve v1" not in page  # not for its author
    page = reviewer.get(f"/replies/templates/{template.pk}/").content.decode()
    assert "Approve v1" in page and "approvals 0/1" in page
    reviewer.post(f"/replies/versions/{version.pk}/act/", {"op": "approve", "signature": PASSWORD})
    version.refresh_from_db()
    assert version.status == "approved" and version.approvals.get().reviewer == rita
    listing = reviewer.get("/replies/templates/").content.decode()
    assert "giveaway-rules" in listing and "v1 active" in listing


def test_the_enumeration_world_builds_and_its_objects_answer(policy: Any, alice: User, sam: User,
                                                            make_mention: MentionFactory) -> None:
    from tests.replies.world import replies_world

    case = make_mention(policy, "Where can I find the refill schedule?").case
    rw = replies_world(case, alice)
    assert HttpClient().get(f"/l/{rw.link.code}").status_code == 302
    agent, supervisor = logged_in(alice), logged_in(sam)
    assert agent.post(f"/replies/versions/{rw.version.pk}/act/", {"op": "submit"}).status_code == 302
    assert agent.post(f"/replies/reply/{rw.reply.pk}/approve/", {"signature": PASSWORD}).status_code == 403
    assert supervisor.post(f"/replies/reply/{rw.reply.pk}/approve/", {"signature": PASSWORD}).status_code == 302
    rw.reply.refresh_from_db()
    assert rw.reply.status == ReplyStatus.QUEUED and rw.reply.approver == sam
