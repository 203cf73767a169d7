"""The approval gate and the send: which replies wait, who approves (never the author; tiers),
what is recorded, and the outbox's outcome on the case. Meta's Graph API is mocked with respx;
the request must be the documented one (platforms.md §0: POST /{comment-id}/comments, message)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import respx
from django.core.exceptions import PermissionDenied, ValidationError

from carewatch.audit.models import AuditEvent
from carewatch.inbox import actions as inbox_actions
from carewatch.inbox.models import Case, CaseStatus, Note
from carewatch.replies import actions, library
from carewatch.replies.lint import short_link_prefix
from carewatch.replies.models import (
    OutboundAction,
    OutboundStatus,
    ReplyDraft,
    ReplyStatus,
    TemplateVersion,
    TrackedLink,
)
from carewatch.replies.policy import policy_for
from carewatch.tenancy.models import Client, User
from tests.conftest import MentionFactory
from tests.replies.conftest import PAGE_TOKEN

GRAPH = "https://graph.facebook.com/v25.0"


@pytest.fixture
def graph() -> Iterator[respx.MockRouter]:
    with respx.mock(assert_all_called=False) as router:
        yield router


@pytest.fixture
def plain_case(policy: Client, make_mention: MentionFactory) -> Case:
    case = make_mention(policy, "Where can I find the refill schedule?").case
    assert case is not None and library.case_labels(case) == []
    return case


def text_of(version: TemplateVersion, case: Case, user: User) -> str:
    return library.render(version.body, library.values_for(case.client, case, user))


def compose(capture: Any, user: User, case: Case, text: str, version: TemplateVersion | None = None) -> ReplyDraft:
    with capture(execute=True):
        draft = actions.do_compose(user, case, text, version)
    draft.refresh_from_db()
    return draft


def approve(capture: Any, user: User, draft: ReplyDraft) -> ReplyDraft:
    with capture(execute=True):
        actions.do_approve_reply(user, draft)
    draft.refresh_from_db()
    return draft


def comment_route(graph: respx.MockRouter, case: Case, status: int = 200, json: Any = None) -> respx.Route:
    target = case.mentions.get().external_id
    return graph.post(f"{GRAPH}/{target}/comments").mock(
        return_value=httpx.Response(status, json=json if json is not None else {"id": "900_1"}))


def test_an_unedited_template_on_a_plain_case_goes_out_at_once_with_its_link_tracked(
        templates: dict[str, TemplateVersion], plain_case: Case, alice: User, graph: respx.MockRouter,
        django_capture_on_commit_callbacks: Any) -> None:
    route = comment_route(graph, plain_case)
    draft = compose(django_capture_on_commit_callbacks, alice, plain_case, text_of(templates["general"], plain_case,
                                                                                   alice), templates["general"])
    assert draft.status == ReplyStatus.SENT and draft.approval_reasons == [] and draft.approver is None
    link = TrackedLink.objects.get(reply=draft)
    assert link.target_url == "https://northwind.example/help" and link.template_key == "general"
    assert draft.body.endswith(f"{short_link_prefix(policy_for(plain_case.client))}{link.code}")
    request = route.calls.last.request
    assert request.headers["Authorization"] == f"Bearer {PAGE_TOKEN}"
    assert dict(httpx.QueryParams(request.content.decode())) == {"message": draft.body}
    assert draft.outbound is not None and draft.outbound.status == OutboundStatus.SENT
    assert draft.template_version == templates["general"] and draft.edit_ratio == 0.0
    assert {"reply.compose", "reply.queue", "reply.sent"} <= set(
        AuditEvent.objects.filter(object_id=str(draft.pk), object_type="replies.replydraft")
        .values_list("action", flat=True))


def test_answering_a_new_case_opens_it_with_the_change_audited_whether_sent_or_held(
        templates: dict[str, TemplateVersion], policy: Client, make_mention: MentionFactory, alice: User,
        graph: respx.MockRouter, django_capture_on_commit_callbacks: Any) -> None:
    sent_case = make_mention(policy, "Where can I find the refill schedule?").case
    held_case = make_mention(policy, "Is there a refill reminder in the app?").case
    assert sent_case is not None and held_case is not None
    assert sent_case.status == held_case.status == CaseStatus.NEW
    comment_route(graph, sent_case)
    compose(django_capture_on_commit_callbacks, alice, sent_case,
            text_of(templates["general"], sent_case, alice), templates["general"])
    compose(django_capture_on_commit_callbacks, alice, held_case, "Hi! The schedule is in your app.")
    for case in (sent_case, held_case):
        case.refresh_from_db()
        assert case.status == CaseStatus.OPEN
        event = AuditEvent.objects.get(action="case.status", object_id=str(case.pk))
        assert event.data["from"] == "new" and event.data["to"] == "open" and event.data["reason"] == "reply composed"
        assert event.actor == alice


def test_free_text_waits_for_a_reviewer_who_is_recorded_with_the_time(
        templates: dict[str, TemplateVersion], plain_case: Case, alice: User, rita: User, graph: respx.MockRouter,
        django_capture_on_commit_callbacks: Any) -> None:
    route = comment_route(graph, plain_case)
    draft = compose(django_capture_on_commit_callbacks, alice, plain_case, "Hi! The schedule is in your app.")
    assert draft.status == ReplyStatus.PENDING_APPROVAL and draft.required_tier == "reviewer"
    assert draft.approval_reasons == ["free text (no approved template)"]
    assert not route.called and OutboundAction.objects.count() == 0
    draft = approve(django_capture_on_commit_callbacks, rita, draft)
    assert draft.status == ReplyStatus.SENT
    assert draft.approver == rita and draft.approved_at is not None
    assert route.called


def test_nobody_approves_their_own_reply(templates: dict[str, TemplateVersion], plain_case: Case, sam: User,
                                         django_capture_on_commit_callbacks: Any) -> None:
    draft = compose(django_capture_on_commit_callbacks, sam, plain_case, "Hi! The schedule is in your app.")
    with pytest.raises(PermissionDenied, match="own reply"):
        actions.do_approve_reply(sam, draft)
    assert ReplyDraft.objects.get(pk=draft.pk).status == ReplyStatus.PENDING_APPROVAL


def test_an_agent_cannot_approve_and_a_viewer_cannot_compose(
        templates: dict[str, TemplateVersion], plain_case: Case, alice: User, victor: User, bob: User,
        django_capture_on_commit_callbacks: Any) -> None:
    with pytest.raises(PermissionDenied):
        actions.do_compose(victor, plain_case, "Hello")
    from django.http import Http404

    with pytest.raises(Http404):
        actions.do_compose(bob, plain_case, "Hello")
    draft = compose(django_capture_on_commit_callbacks, alice, plain_case, "Hi! The schedule is in your app.")
    other = User.objects.create_user("al2@agency.test", "x" * 12)
    from carewatch.tenancy.models import Membership

    Membership.objects.create(user=other, client=plain_case.client, role="agent")
    with pytest.raises(PermissionDenied):
        actions.do_approve_reply(other, draft)


def test_an_edited_template_waits_and_edits_beyond_the_ratio_are_refused(
        templates: dict[str, TemplateVersion], plain_case: Case, alice: User,
        django_capture_on_commit_callbacks: Any) -> None:
    text = text_of(templates["general"], plain_case, alice)
    draft = compose(django_capture_on_commit_callbacks, alice, plain_case, text.replace("thanks", "thank you"),
                    templates["general"])
    assert draft.status == ReplyStatus.PENDING_APPROVAL and draft.approval_reasons == ["an edited template"]
    assert 0 < draft.edit_ratio <= 0.2 and any(line.startswith("+") for line in draft.edits)
    with pytest.raises(ValidationError, match=r"changes \d+% of the approved template"):
        actions.do_compose(alice, plain_case, "Something else entirely, nothing like the template at all.",
                           templates["general"])


def test_a_script_is_sent_as_approved_never_edited(templates: dict[str, TemplateVersion], plain_case: Case,
                                                   alice: User) -> None:
    text = text_of(templates["mi"], plain_case, alice)
    with pytest.raises(ValidationError, match="no edits"):
        actions.do_compose(alice, plain_case, text.replace("thank you", "thanks"), templates["mi"])


def test_an_influencer_s_reply_waits(templates: dict[str, TemplateVersion], plain_case: Case, alice: User,
                                     django_capture_on_commit_callbacks: Any) -> None:
    plain_case.author.flags = {"influencer": True}
    plain_case.author.save()
    draft = compose(django_capture_on_commit_callbacks, alice, plain_case, text_of(templates["general"], plain_case,
                                                                                   alice), templates["general"])
    assert draft.status == ReplyStatus.PENDING_APPROVAL
    assert draft.approval_reasons == ["the author is an influencer"]


def test_an_adverse_event_case_needs_a_supervisor(
        templates: dict[str, TemplateVersion], alice: User, rita: User, sam: User, make_mention: MentionFactory,
        graph: respx.MockRouter, django_capture_on_commit_callbacks: Any) -> None:
    case = make_mention(templates["ae"].client, "Since starting Glucavio I have terrible nausea and headaches").case
    assert case is not None
    comment_route(graph, case)
    draft = compose(django_capture_on_commit_callbacks, alice, case, text_of(templates["ae"], case, alice),
                    templates["ae"])
    assert draft.status == ReplyStatus.PENDING_APPROVAL and draft.required_tier == "supervisor"
    assert "adverse_event" in draft.approval_reasons[0]
    with pytest.raises(PermissionDenied, match="supervisor"):
        actions.do_approve_reply(rita, draft)
    draft = approve(django_capture_on_commit_callbacks, sam, draft)
    assert draft.status == ReplyStatus.SENT and draft.approver == sam


def test_a_client_without_free_text_refuses_it(templates: dict[str, TemplateVersion], plain_case: Case,
                                               alice: User) -> None:
    client = plain_case.client
    client.settings = {**client.settings, "reply_policy": {"free_text": False}}
    client.save()
    with pytest.raises(ValidationError, match="no free text"):
        actions.do_compose(alice, plain_case, "Hi! The schedule is in your app.")


def test_a_reply_the_lint_blocks_is_refused_with_the_reasons(templates: dict[str, TemplateVersion],
                                                             plain_case: Case, alice: User) -> None:
    with pytest.raises(ValidationError, match="banned_word"):
        actions.do_compose(alice, plain_case, "It's a miracle pen!")
    assert ReplyDraft.objects.count() == 0


def test_approval_runs_the_lint_again(templates: dict[str, TemplateVersion], plain_case: Case, alice: User,
                                      rita: User, django_capture_on_commit_callbacks: Any) -> None:
    draft = compose(django_capture_on_commit_callbacks, alice, plain_case, "Hi! The schedule is in your app.")
    client = plain_case.client
    client.settings = {**client.settings, "banned_words": ["schedule"]}
    client.save()
    with pytest.raises(ValidationError, match="now blocks"):
        actions.do_approve_reply(rita, draft)


def test_a_rejected_reply_is_never_sent(templates: dict[str, TemplateVersion], plain_case: Case, alice: User,
                                        rita: User, django_capture_on_commit_callbacks: Any) -> None:
    draft = compose(django_capture_on_commit_callbacks, alice, plain_case, "Hi! The schedule is in your app.")
    actions.do_reject_reply(rita, draft, "Use the refill template")
    draft.refresh_from_db()
    assert draft.status == ReplyStatus.REJECTED and draft.rejected_reason == "Use the refill template"
    assert OutboundAction.objects.count() == 0


def test_a_failed_send_returns_the_case_to_the_queue_with_the_reason(
        templates: dict[str, TemplateVersion], plain_case: Case, alice: User, graph: respx.MockRouter,
        django_capture_on_commit_callbacks: Any) -> None:
    comment_route(graph, plain_case, 400, {"error": {"code": 190, "message": "Session has expired"}})
    inbox_actions.do_set_status(alice, plain_case, "waiting")
    draft = compose(django_capture_on_commit_callbacks, alice, plain_case, text_of(templates["general"], plain_case,
                                                                                   alice), templates["general"])
    assert draft.status == ReplyStatus.FAILED
    assert "access token has expired" in draft.failure_reason
    plain_case.refresh_from_db()
    assert plain_case.status == "open"
    note = Note.objects.get(case=plain_case)
    assert f"Reply #{draft.pk} was not sent" in note.body and "access token has expired" in note.body
    assert AuditEvent.objects.filter(action="reply.failed", object_id=str(draft.pk)).exists()


def test_the_sweeper_settles_replies_whose_send_finished_later(
        templates: dict[str, TemplateVersion], plain_case: Case, alice: User,
        django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=False):
        draft = actions.do_compose(alice, plain_case, text_of(templates["general"], plain_case, alice),
                                   templates["general"])
    assert ReplyDraft.objects.get(pk=draft.pk).status == ReplyStatus.QUEUED
    OutboundAction.objects.filter(pk=draft.outbound_id).update(status=OutboundStatus.SENT, external_id="900_2")
    assert actions.settle_queued() == 1
    assert ReplyDraft.objects.get(pk=draft.pk).status == ReplyStatus.SENT


def test_a_case_tagged_require_approval_waits_and_tags_count_as_labels(
        templates: dict[str, TemplateVersion], plain_case: Case, alice: User,
        django_capture_on_commit_callbacks: Any) -> None:
    inbox_actions.do_tag(alice, plain_case, "require-approval")
    draft = compose(django_capture_on_commit_callbacks, alice, plain_case, text_of(templates["general"], plain_case,
                                                                                   alice), templates["general"])
    assert draft.status == ReplyStatus.PENDING_APPROVAL
    assert draft.approval_reasons == ["the case is tagged require-approval"]
