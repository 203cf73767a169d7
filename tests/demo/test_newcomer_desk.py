"""Issue 13: work surfaced where it is due — in-app notifications and the approvals inbox."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client as HttpClient

from carewatch.audit.chain import append
from carewatch.inbox.actions import do_add_note, do_assign
from carewatch.inbox.models import Case
from carewatch.notifications.models import DeskNotification, Kind
from carewatch.replies import actions as replies
from carewatch.replies.models import ReplyDraft, ReplyStatus
from carewatch.tenancy.models import Client, Role, User
from tests.conftest import make_user


def logged_in(user: User) -> HttpClient:
    client = HttpClient()
    client.force_login(user)
    return client


def kinds(user: User) -> list[str]:
    return list(DeskNotification.objects.filter(user=user).values_list("kind", flat=True))


@pytest.fixture
def rita(northwind: Client) -> User:
    return make_user("rita@agency.test", Role.REVIEWER, northwind)


def test_an_agent_is_notified_when_a_case_is_assigned_to_them_and_not_when_they_take_it(
        case_of: Callable[[Client], Case], northwind: Client, alice: User, sam: User) -> None:
    case = case_of(northwind)
    do_assign(alice, case, alice)
    assert kinds(alice) == []
    do_assign(sam, case, sam)
    do_assign(sam, case, alice)
    [note] = DeskNotification.objects.filter(user=alice)
    assert note.kind == Kind.ASSIGNED and f"Case {case.pk}" in note.text and "Sam" in note.text.title()
    assert note.url == f"/inbox/case/{case.pk}/"


def test_an_at_mention_in_a_note_notifies_that_colleague_only(
        case_of: Callable[[Client], Case], northwind: Client, alice: User, sam: User, bob: User) -> None:
    case = case_of(northwind)
    do_add_note(alice, case, "@sam can you look at this one? (@bob is not on this client)")
    assert kinds(sam) == [Kind.MENTIONED]
    assert kinds(bob) == []
    assert "nausea" not in DeskNotification.objects.get(user=sam).text  # names the case, never the post


def test_a_held_reply_reaches_the_approvals_inbox_and_the_approver_s_notifications(
        case_of: Callable[[Client], Case], northwind: Client, alice: User, sam: User, rita: User) -> None:
    case = case_of(northwind)
    draft = replies.do_compose(alice, case, "Thanks for writing, we are looking into it.")  # free text: held
    assert draft.status == ReplyStatus.PENDING_APPROVAL
    assert Kind.APPROVAL_REQUESTED in kinds(sam) and Kind.APPROVAL_REQUESTED in kinds(rita)
    assert kinds(alice) == []
    page = logged_in(sam).get("/approvals/").content.decode()
    assert f"Case {case.pk}" in page and "Thanks for writing" in page
    nav = logged_in(sam).get("/inbox/").content.decode()
    assert 'id="nav-approvals"' in nav and '1 waiting' in nav and "unread" in nav
    # The author's own held reply is not in their approvals inbox; an agent has none.
    assert logged_in(alice).get("/approvals/").status_code == 403
    replies.do_approve_reply(sam, ReplyDraft.objects.get(pk=draft.pk))
    assert Kind.APPROVAL_DECIDED in kinds(alice)
    assert f"Case {case.pk}" not in logged_in(sam).get("/approvals/").content.decode()


def test_a_template_in_review_waits_in_its_reviewers_approvals_inbox(
        northwind: Client, sam: User, rita: User) -> None:
    template = replies.do_create_template(sam, northwind, "thanks", "en", "general_question", "Thanks")
    version = replies.do_new_version(sam, template, "Hi {handle}, thank you so much!", submit=True)
    assert Kind.APPROVAL_REQUESTED in kinds(rita)
    assert "Thanks" in logged_in(rita).get("/approvals/").content.decode()
    replies.do_approve_version(rita, version)
    assert Kind.APPROVAL_DECIDED in kinds(sam)


def test_opening_a_notification_marks_it_read_and_leads_to_its_page(
        case_of: Callable[[Client], Case], northwind: Client, alice: User, sam: User, bob: User) -> None:
    case = case_of(northwind)
    do_assign(sam, case, alice)
    note = DeskNotification.objects.get(user=alice)
    client = logged_in(alice)
    assert "1 unread" in client.get("/inbox/").content.decode()
    assert logged_in(bob).post(f"/notifications/{note.pk}/open/").status_code == 404  # not his
    response = client.post(f"/notifications/{note.pk}/open/")
    assert response.status_code == 302 and response.url == f"/inbox/case/{case.pk}/"
    note.refresh_from_db()
    assert note.read_at is not None
    assert "unread" not in client.get("/inbox/").content.decode()


def test_an_sla_warning_and_an_escalation_step_reach_the_people_concerned(
        case_of: Callable[[Client], Case], northwind: Client, alice: User, sam: User, db: Any) -> None:
    from django.db import transaction
    from django.utils import timezone

    from carewatch.escalation.models import Escalation
    from carewatch.escalation.models import Notification as Outgoing

    case = case_of(northwind)
    do_assign(sam, case, alice)
    with transaction.atomic():
        append("sla.warning", actor_label="sla", client_id=northwind.pk, obj=case,
               data={"clock": "first", "label": "first response"})
    assert Kind.SLA in kinds(alice)
    escalation = Escalation.objects.create(client=northwind, category="urgent", severity="critical",
                                           opened_at=timezone.now(), case_id=case.pk)
    Outgoing.objects.create(client=northwind, escalation=escalation, purpose="step", step=0, route="email",
                            recipient="sam@agency.test", due_at=timezone.now())
    with transaction.atomic():
        append("escalation.step", actor_label="escalation", client_id=northwind.pk, obj=escalation,
               data={"step": 1})
    [note] = DeskNotification.objects.filter(user=sam, kind=Kind.ESCALATION)
    assert escalation.reference in note.text


def test_templates_and_routing_are_in_the_navigation_for_the_roles_that_use_them(
        northwind: Client, alice: User, sam: User, victor: User) -> None:
    supervisor = logged_in(sam).get("/inbox/").content.decode()
    assert 'href="/replies/templates/"' in supervisor and 'href="/routing/"' in supervisor
    agent = logged_in(alice).get("/inbox/").content.decode()
    assert 'href="/replies/templates/"' in agent and 'href="/routing/"' not in agent
    viewer = logged_in(victor).get("/inbox/").content.decode()
    assert 'href="/replies/templates/"' not in viewer and 'id="nav-approvals"' not in viewer
