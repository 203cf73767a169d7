"""During an incident a reply on a crisis case waits for the incident's approver (or its lead),
whatever the client's ordinary approval rules; at stand-down, what still waits goes to a supervisor."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client as HttpClient

from carewatch.audit.chain import verify
from carewatch.audit.models import AuditEvent
from carewatch.crisis import actions
from carewatch.notifications.approvals import held_replies, may_approve_anything
from carewatch.notifications.models import DeskNotification, Kind
from carewatch.replies import actions as replies
from carewatch.replies.models import ReplyDraft, ReplyStatus
from carewatch.tenancy.models import Client, Role, User
from tests.conftest import make_user


@pytest.fixture
def ana(northwind: Client) -> User:
    """An agent the incident names its approver."""
    return make_user("ana@agency.test", Role.AGENT, northwind)


@pytest.fixture
def rita(northwind: Client) -> User:
    return make_user("rita@agency.test", Role.REVIEWER, northwind)


def crisis_case(northwind: Client, make_mention: Any, run_on_commit: Any, sam: User, ana: User) -> Any:
    incident = run_on_commit(actions.do_declare_incident, sam, northwind, "viral_complaint", "ER video",
                             match={"terms": ["trolley"]})
    actions.do_set_roles(sam, incident, {"approver": ana.email})
    mention = run_on_commit(make_mention, northwind, "Your ER left my dad on a trolley for 9 hours", author="a1")
    return incident, mention.case


def test_a_reply_on_a_crisis_case_waits_for_the_incident_s_approver_not_for_any_reviewer(
        northwind: Client, make_mention: Any, run_on_commit: Any, sam: User, ana: User, alice: User,
        rita: User) -> None:
    incident, case = crisis_case(northwind, make_mention, run_on_commit, sam, ana)
    draft = replies.do_compose(alice, case, "We are sorry. Please send us a DM so we can look into this.")
    assert draft.status == ReplyStatus.PENDING_APPROVAL and draft.required_tier == "named"
    assert f"incident {incident.reference}" in " ".join(draft.approval_reasons)
    assert draft.approver_emails == ",ana@agency.test,sam@agency.test,"  # the approver, and the lead as back-up
    with pytest.raises(PermissionDenied, match="incident's approver"):
        replies.do_approve_reply(rita, draft)  # a reviewer, but not the one on duty
    assert [d.pk for d in held_replies(ana)] == [draft.pk] and may_approve_anything(ana)
    assert list(held_replies(rita)) == []
    asked = set(DeskNotification.objects.filter(kind=Kind.APPROVAL_REQUESTED).values_list("user__email", flat=True))
    assert "ana@agency.test" in asked and "rita@agency.test" not in asked
    run_on_commit(replies.do_approve_reply, ana, draft)
    draft.refresh_from_db()
    assert draft.approver == ana and draft.status != ReplyStatus.PENDING_APPROVAL
    assert verify().ok


def test_a_case_outside_the_incident_keeps_the_client_s_ordinary_rules(
        northwind: Client, make_mention: Any, run_on_commit: Any, sam: User, ana: User, alice: User) -> None:
    crisis_case(northwind, make_mention, run_on_commit, sam, ana)
    other = run_on_commit(make_mention, northwind, "Where can I find the refill schedule?", author="a2").case
    draft = replies.do_compose(alice, other, "Hi, the schedule is on our website under Refills.")
    assert draft.required_tier != "named" and draft.approver_emails == ""


def test_at_stand_down_a_reply_still_waiting_goes_to_a_supervisor_and_the_change_is_audited(
        northwind: Client, make_mention: Any, run_on_commit: Any, sam: User, ana: User, alice: User,
        rita: User) -> None:
    incident, case = crisis_case(northwind, make_mention, run_on_commit, sam, ana)
    draft = replies.do_compose(alice, case, "We are sorry. Please send us a DM so we can look into this.")
    run_on_commit(actions.do_stand_down, sam, incident)
    draft = ReplyDraft.objects.get(pk=draft.pk)
    assert draft.required_tier == "supervisor" and draft.approver_emails == ""
    assert AuditEvent.objects.filter(action="reply.retier", object_id=draft.pk).count() == 1
    with pytest.raises(PermissionDenied):
        replies.do_approve_reply(ana, draft)  # no longer on duty, and an agent
    with pytest.raises(PermissionDenied):
        replies.do_approve_reply(rita, draft)  # a reviewer: below the supervisor tier
    run_on_commit(replies.do_approve_reply, sam, draft)
    assert ReplyDraft.objects.get(pk=draft.pk).approver == sam


def test_the_case_page_offers_the_approve_button_only_to_the_incident_s_approver(
        northwind: Client, make_mention: Any, run_on_commit: Any, sam: User, ana: User, alice: User,
        rita: User) -> None:
    _, case = crisis_case(northwind, make_mention, run_on_commit, sam, ana)
    draft = replies.do_compose(alice, case, "We are sorry. Please send us a DM so we can look into this.")
    web = HttpClient()
    approve = f"/replies/reply/{draft.pk}/approve/"
    web.force_login(rita)
    page = web.get(f"/inbox/case/{case.pk}/")
    assert page.status_code == 200 and approve not in page.content.decode()
    web.force_login(ana)
    page = web.get(f"/inbox/case/{case.pk}/")
    assert page.status_code == 200 and approve in page.content.decode()
