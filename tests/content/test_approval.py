"""MLR approval of posts: disciplines, never the author, each approval on an exact version, edits
send a post back to review, moving its time keeps its approvals, the lint blocks approval."""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from carewatch.audit.models import AuditEvent
from carewatch.content import actions
from carewatch.content.models import PostApproval, PostStatus
from carewatch.tenancy.models import Client, User
from tests.content.conftest import FB_TEXT, X_TEXT, approve_all, channel, draft

NOW = datetime.fromisoformat("2026-12-01T12:00:00+00:00")
pytestmark = pytest.mark.usefixtures("content_client")


@pytest.fixture(autouse=True)
def _clock() -> object:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def test_a_post_needs_all_three_disciplines_before_it_is_approved(
        content_client: Client, alice: User, mona: User, lee: User, rita: User) -> None:
    post = draft(alice, content_client)
    post = actions.do_submit(alice, post)
    post = approve_all(post, [mona, lee])
    assert post.status == PostStatus.IN_REVIEW
    assert actions.missing_disciplines(post) == ["regulatory"]
    with pytest.raises(ValidationError, match="only a post with every required approval"):
        actions.do_schedule(alice, post)
    assert post.current is not None
    post = actions.do_approve(rita, post, "regulatory", post.current.content_hash)
    assert post.status == PostStatus.APPROVED
    post = actions.do_schedule(alice, post)
    assert post.status == PostStatus.SCHEDULED


def test_the_author_cannot_approve_her_own_post(content_client: Client, sam: User, mona: User) -> None:
    post = draft(sam, content_client)  # a supervisor may approve, but not what she wrote
    post = actions.do_submit(sam, post)
    assert post.current is not None
    with pytest.raises(PermissionDenied, match="own post"):
        actions.do_approve(sam, post, "medical", post.current.content_hash)
    assert actions.may_approve_for(sam, post) == []
    assert actions.may_approve_for(mona, post) == ["medical", "legal", "regulatory"]


def test_an_agent_and_a_viewer_cannot_approve(content_client: Client, alice: User, victor: User, sam: User) -> None:
    post = draft(sam, content_client)
    post = actions.do_submit(sam, post)
    assert post.current is not None
    for user in (alice, victor):
        with pytest.raises(PermissionDenied):
            actions.do_approve(user, post, "medical", post.current.content_hash)


def test_one_reviewer_approves_one_discipline_only(content_client: Client, alice: User, mona: User) -> None:
    post = draft(alice, content_client)
    post = actions.do_submit(alice, post)
    assert post.current is not None
    actions.do_approve(mona, post, "medical", post.current.content_hash)
    with pytest.raises(ValidationError, match="another discipline"):
        actions.do_approve(mona, post, "legal", post.current.content_hash)


def test_an_approval_names_the_exact_version_the_reviewer_read(
        content_client: Client, alice: User, mona: User) -> None:
    post = draft(alice, content_client)
    post = actions.do_submit(alice, post)
    assert post.current is not None
    read = post.current.content_hash
    actions.do_edit_post(alice, post, {"facebook": FB_TEXT + " Today.", "x": X_TEXT},
                         [channel(content_client, "facebook").pk, channel(content_client, "x").pk])
    with pytest.raises(ValidationError, match="changed since you read it"):
        actions.do_approve(mona, post, "medical", read)
    assert not PostApproval.objects.exists()


def test_an_edit_after_approval_sends_the_post_back_to_review_and_the_approvals_stay_on_the_old_version(
        content_client: Client, alice: User, mona: User, lee: User, rita: User) -> None:
    post = draft(alice, content_client)
    post = actions.do_submit(alice, post)
    post = actions.do_schedule(alice, approve_all(post, [mona, lee, rita]))
    assert post.current is not None
    first = post.current
    post = actions.do_edit_post(alice, post, {"facebook": FB_TEXT, "x": X_TEXT + " #WDD"},
                                [channel(content_client, "facebook").pk, channel(content_client, "x").pk])
    assert post.status == PostStatus.IN_REVIEW
    assert post.current is not None and post.current.number == 2 and post.current.content_hash != first.content_hash
    assert actions.missing_disciplines(post) == ["medical", "legal", "regulatory"]
    assert PostApproval.objects.filter(version=first).count() == 3  # the record of what was approved stays
    assert AuditEvent.objects.filter(action="post.back_to_review").count() == 1
    post = approve_all(post, [mona, lee, rita])
    assert post.status == PostStatus.APPROVED


def test_the_same_content_saved_again_changes_nothing(content_client: Client, alice: User, mona: User,
                                                       lee: User, rita: User) -> None:
    post = draft(alice, content_client)
    post = actions.do_submit(alice, post)
    post = approve_all(post, [mona, lee, rita])
    post = actions.do_edit_post(alice, post, {"facebook": FB_TEXT, "x": X_TEXT},
                                [channel(content_client, "facebook").pk, channel(content_client, "x").pk])
    assert post.status == PostStatus.APPROVED and post.versions.count() == 1


def test_changing_the_target_channels_is_a_content_change(content_client: Client, alice: User, mona: User,
                                                           lee: User, rita: User) -> None:
    post = draft(alice, content_client)
    post = actions.do_submit(alice, post)
    post = approve_all(post, [mona, lee, rita])
    post = actions.do_edit_post(alice, post, {"facebook": FB_TEXT, "x": X_TEXT}, [channel(content_client, "x").pk])
    assert post.status == PostStatus.IN_REVIEW


def test_rescheduling_without_a_content_change_keeps_the_approvals_and_the_status(
        content_client: Client, alice: User, mona: User, lee: User, rita: User) -> None:
    post = draft(alice, content_client)
    post = actions.do_submit(alice, post)
    post = actions.do_schedule(alice, approve_all(post, [mona, lee, rita]))
    post = actions.do_reschedule(alice, post, datetime(2026, 12, 22, 15, 30))
    assert post.status == PostStatus.SCHEDULED
    assert actions.missing_disciplines(post) == [] and actions.fully_approved(post)
    assert post.versions.count() == 1
    assert post.planned_at is not None and post.planned_at.isoformat() == "2026-12-22T20:30:00+00:00"  # EST
    with pytest.raises(ValidationError, match="future"):
        actions.do_reschedule(alice, post, datetime(2026, 11, 30, 9, 0))


def test_the_lint_blocks_approval_of_a_variant_that_fails(content_client: Client, alice: User, mona: User) -> None:
    post = draft(alice, content_client, texts={"facebook": FB_TEXT, "x": "A miracle for your mornings."})
    assert post.current is not None
    assert any(f["rule"] == "banned_word" for f in post.current.lint["x"])
    post = actions.do_submit(alice, post)
    with pytest.raises(ValidationError, match="x: banned_word"):
        actions.do_approve(mona, post, "medical", post.current.content_hash)


def test_named_reviewers_approve_only_their_discipline(content_client: Client, alice: User, mona: User,
                                                       lee: User) -> None:
    content_client.settings["content"] = {"reviewers": {"medical": ["mona@agency.test"], "legal": ["lee@agency.test"]}}
    content_client.save()
    post = draft(alice, content_client)
    post = actions.do_submit(alice, post)
    assert post.current is not None
    assert actions.may_approve_for(lee, post) == ["legal"]
    with pytest.raises(PermissionDenied, match="medical reviewers"):
        actions.do_approve(lee, post, "medical", post.current.content_hash)
    actions.do_approve(mona, post, "medical", post.current.content_hash)


def test_a_reviewer_can_send_a_post_back_as_a_draft(content_client: Client, alice: User, mona: User) -> None:
    post = draft(alice, content_client)
    post = actions.do_submit(alice, post)
    post = actions.do_request_changes(mona, post, "Add the ISI link")
    assert post.status == PostStatus.DRAFT


def test_another_client_s_agent_cannot_touch_a_post(content_client: Client, alice: User, bob: User) -> None:
    from django.http import Http404

    post = draft(alice, content_client)
    with pytest.raises(Http404):
        actions.do_submit(bob, post)
