"""Safety cases: opened by triage, assessed and forwarded by people, ended only by a safety
reviewer with a reason; evidence frozen at detection; clocks from day 0."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from carewatch.audit.chain import verify
from carewatch.audit.models import AuditEvent
from carewatch.inbox import actions as inbox_actions
from carewatch.inbox.ingest import apply_changes
from carewatch.inbox.models import CaseStatus, Mention
from carewatch.inbox.normalised import AuthorRef, ChangeKind, MentionChange
from carewatch.safety import actions
from carewatch.safety.models import SafetyCase, SafetyCaseMention, SafetyKind, SafetyStatus
from carewatch.tenancy.models import Channel, Client, Sponsorship, User

AE_TEXT = "I started Glucavio last week and since then I have terrible nausea and headaches"
SERIOUS_TEXT = "My mum (72) was hospitalised with pancreatitis after her third Glucavio injection"
COMPLAINT_TEXT = "The Glucavio pen I got was cracked and leaking, lot AB1234, totally useless"


@pytest.fixture
def pv_configured(northwind: Client) -> Client:
    northwind.settings = {"pv_forward_hours": 24, "pv_fast_track_hours": 4,
                          "pv_forward_to": ["pv@northwind.test"], "complaint_forward_to": ["quality@northwind.test"]}
    northwind.save()
    return northwind


def only_case(mention: Mention, kind: str = SafetyKind.ADVERSE_EVENT) -> SafetyCase:
    cases = list(SafetyCase.objects.filter(links__mention=mention, kind=kind))
    assert len(cases) == 1, cases
    return cases[0]


def test_an_adverse_event_comment_opens_a_safety_case_with_its_four_elements(pv_configured: Client,
                                                                              make_mention: Any) -> None:
    mention = make_mention(pv_configured, AE_TEXT)
    assert "adverse_event" in mention.labels
    case = only_case(mention)
    assert case.status == SafetyStatus.FLAGGED
    assert case.opened_by is None and case.detection["reason"] == "flagged by triage"
    assert set(case.elements) == {"patient", "reporter", "product", "event"}
    assert case.elements["product"]["state"] == "present"
    assert case.elements["event"]["state"] == "present"
    assert any("nausea" in e["text"] for e in case.elements["event"]["evidence"])
    assert case.elements["reporter"]["verify"]  # how the reporter's existence can be checked
    assert [p["name"] for p in case.products] == ["Glucavio"]
    assert case.products[0]["role"] == "suspect"
    assert case.reference == f"NORTHWIND-AE-{case.number:06d}"
    assert AuditEvent.objects.filter(action="safety.open", object_id=str(case.pk), actor_label="triage").exists()


def test_day_zero_on_an_owned_channel_is_when_the_post_went_up(pv_configured: Client, make_mention: Any) -> None:
    posted = datetime(2026, 12, 5, 10, 0, tzinfo=UTC)
    mention = make_mention(pv_configured, AE_TEXT, created=posted)
    case = only_case(mention)
    assert case.day0 == posted and case.day0_basis == "posted"
    assert case.forward_due == posted + timedelta(hours=24)
    assert case.regulatory_due == posted + timedelta(days=15)


def test_day_zero_on_a_third_party_channel_is_when_we_first_saw_it(pv_configured: Client,
                                                                    make_mention: Any) -> None:
    Channel.objects.filter(client=pv_configured, platform="x").update(sponsorship=Sponsorship.THIRD_PARTY)
    with time_machine.travel(datetime(2026, 12, 5, 15, 0, tzinfo=UTC), tick=False):
        mention = make_mention(pv_configured, AE_TEXT, platform="x", created=datetime(2026, 11, 1, tzinfo=UTC))
    case = only_case(mention)
    assert case.day0 == datetime(2026, 12, 5, 15, 0, tzinfo=UTC) and case.day0_basis == "first_seen"


def test_a_serious_case_is_on_the_fast_track(pv_configured: Client, make_mention: Any) -> None:
    posted = datetime(2026, 12, 5, 10, 0, tzinfo=UTC)
    case = only_case(make_mention(pv_configured, SERIOUS_TEXT, created=posted))
    assert case.serious and "hospitalisation" in case.seriousness
    assert case.forward_due == posted + timedelta(hours=4)
    assert case.elements["patient"]["state"] == "present"  # "my mum (72)"


def test_deadlines_count_weekends_and_holidays_as_wall_clock_hours(pv_configured: Client,
                                                                    make_mention: Any) -> None:
    pv_configured.holidays = ["2026-12-25"]
    pv_configured.save()
    friday_night = datetime(2026, 12, 25, 23, 30, tzinfo=UTC)  # a Friday and a holiday
    with time_machine.travel(friday_night + timedelta(minutes=5), tick=False):
        case = only_case(make_mention(pv_configured, AE_TEXT, created=friday_night))
    assert case.forward_due == datetime(2026, 12, 26, 23, 30, tzinfo=UTC)  # Saturday: no business-day pause


def test_a_later_comment_in_the_same_conversation_joins_the_open_case(pv_configured: Client,
                                                                       make_mention: Any) -> None:
    first = make_mention(pv_configured, AE_TEXT, thread="t1")
    second = make_mention(pv_configured, "Also Glucavio gave me dizziness and vomiting today", thread="t1")
    case = only_case(first)
    assert only_case(second).pk == case.pk
    assert case.links.count() == 2
    assert SafetyCase.objects.filter(client=pv_configured).count() == 1


def test_a_follow_up_that_turns_serious_shortens_the_deadline(pv_configured: Client, make_mention: Any) -> None:
    posted = datetime(2026, 12, 5, 10, 0, tzinfo=UTC)
    first = make_mention(pv_configured, AE_TEXT, thread="t1", created=posted)
    case = only_case(first)
    assert not case.serious
    make_mention(pv_configured, "Update: Glucavio put me in hospital last night with pancreatitis",
                 thread="t1", created=posted + timedelta(hours=1))
    case.refresh_from_db()
    assert case.serious and case.forward_due == posted + timedelta(hours=4)


def test_a_product_complaint_opens_its_own_case_for_the_quality_team(pv_configured: Client,
                                                                      make_mention: Any) -> None:
    mention = make_mention(pv_configured, COMPLAINT_TEXT)
    assert "product_complaint" in mention.labels
    case = only_case(mention, SafetyKind.PRODUCT_COMPLAINT)
    assert case.reference.startswith("NORTHWIND-PC-")
    assert case.products and case.products[0]["lot"] == "AB1234"


def test_the_evidence_is_frozen_whatever_happens_on_the_platform_later(pv_configured: Client,
                                                                        make_mention: Any) -> None:
    mention = make_mention(pv_configured, AE_TEXT)
    link = SafetyCaseMention.objects.get(mention=mention)
    frozen = dict(link.snapshot)
    change = dict(channel_id=mention.channel_id, platform="facebook", external_id=mention.external_id,
                  kind="comment", author=AuthorRef(external_id="id-pat", handle="pat"), thread_key=mention.thread_key)
    with transaction.atomic():
        apply_changes([MentionChange(change=ChangeKind.EDIT, text="never mind, all fine", **change)])
        apply_changes([MentionChange(change=ChangeKind.DELETE, **change)])
    mention.refresh_from_db()
    link.refresh_from_db()
    assert mention.is_deleted and mention.text == "never mind, all fine"
    assert link.snapshot == frozen and link.snapshot["text"] == AE_TEXT
    assert link.snapshot["author_handle"] == "pat" and link.snapshot["thread"][0]["text"] == AE_TEXT


def test_a_case_with_three_of_four_elements_is_still_forwarded_and_marked_for_follow_up(
        pv_configured: Client, make_mention: Any, alice: User) -> None:
    case = only_case(make_mention(pv_configured, "Glucavio gives terrible nausea and headaches"))  # no patient
    assert case.elements["patient"]["state"] != "present" and case.follow_up_needed
    case = actions.do_forward(alice, case)
    assert case.status == SafetyStatus.FORWARDED and case.forwarded_to == ["pv@northwind.test"]
    event = AuditEvent.objects.get(action="safety.forward", object_id=str(case.pk))
    assert event.data["follow_up_needed"] is True and event.data["elements_present"] == 3


def test_forwarding_without_a_pv_address_is_refused_with_a_clear_reason(northwind: Client, make_mention: Any,
                                                                         alice: User) -> None:
    case = only_case(make_mention(northwind, AE_TEXT))
    with pytest.raises(ValidationError, match="pv_forward_to"):
        actions.do_forward(alice, case)
    case.refresh_from_db()
    assert case.status == SafetyStatus.FLAGGED


def test_a_viewer_cannot_forward_and_another_clients_agent_cannot_either(
        pv_configured: Client, make_mention: Any, victor: User, bob: User) -> None:
    case = only_case(make_mention(pv_configured, AE_TEXT))
    with pytest.raises(PermissionDenied):
        actions.do_forward(victor, case)
    with pytest.raises(Exception, match=r"No Client matches|not found|Not found"):
        actions.do_forward(bob, case)


def test_only_a_safety_reviewer_may_dismiss_and_only_with_a_reason(pv_configured: Client, make_mention: Any,
                                                                    alice: User, sam: User, quinn: User) -> None:
    case = only_case(make_mention(pv_configured, AE_TEXT))
    for user in (alice, sam):
        with pytest.raises(PermissionDenied):
            actions.do_dismiss(user, case, "not an adverse event, a question about nausea in general")
    with pytest.raises(ValidationError, match="reason"):
        actions.do_dismiss(quinn, case, "no")
    case = actions.do_dismiss(quinn, case, "Duplicate of NORTHWIND-AE-000001, same person and event")
    assert case.status == SafetyStatus.DISMISSED and case.ended_by == quinn
    event = AuditEvent.objects.get(action="safety.dismissed", object_id=str(case.pk))
    assert event.actor_id == quinn.pk and "Duplicate" in event.data["reason"]


def test_a_forwarded_case_cannot_be_dismissed_only_closed_by_pv(pv_configured: Client, make_mention: Any,
                                                                 alice: User, quinn: User) -> None:
    case = actions.do_forward(alice, only_case(make_mention(pv_configured, AE_TEXT)))
    with pytest.raises(ValidationError):
        actions.do_dismiss(quinn, case, "changed my mind about this one")
    case = actions.do_acknowledge(case, actor=None, actor_label="pv@northwind.test", via="link", pv_reference="PV-9")
    assert case.status == SafetyStatus.ACKNOWLEDGED and case.acknowledged_by == "pv@northwind.test"
    case = actions.do_request_follow_up(alice, case, "PV asks for the patient's age")
    case = actions.do_send_follow_up(alice, case, "age 54 per DM")
    case = actions.do_close(quinn, case, "PV closed case PV-9 as processed")
    assert case.status == SafetyStatus.CLOSED and case.end_reason.startswith("PV closed")
    assert verify().ok


def test_the_database_refuses_an_ended_case_without_a_person_and_a_reason(pv_configured: Client,
                                                                           make_mention: Any) -> None:
    case = only_case(make_mention(pv_configured, AE_TEXT))
    for status in (SafetyStatus.CLOSED, SafetyStatus.DISMISSED):
        with pytest.raises(IntegrityError), transaction.atomic():
            SafetyCase.objects.filter(pk=case.pk).update(status=status)


def test_a_conversation_with_an_unforwarded_adverse_event_cannot_be_closed(pv_configured: Client,
                                                                           make_mention: Any, alice: User) -> None:
    mention = make_mention(pv_configured, AE_TEXT)
    with pytest.raises(ValidationError, match="not yet forwarded"):
        inbox_actions.do_set_status(alice, mention.case, CaseStatus.CLOSED)
    actions.do_forward(alice, only_case(mention))
    closed = inbox_actions.do_set_status(alice, mention.case, CaseStatus.CLOSED)
    assert closed.status == CaseStatus.CLOSED


def test_an_agent_can_open_a_case_by_hand_and_attach_another_mention(pv_configured: Client, make_mention: Any,
                                                                     alice: User) -> None:
    quiet = make_mention(pv_configured, "Where can I buy Glucavio near Boston?", author="kim")
    assert not SafetyCase.objects.filter(links__mention=quiet).exists()
    case = actions.do_open_by_hand(alice, quiet, SafetyKind.ADVERSE_EVENT, "DM says she feels faint since the dose")
    assert case.opened_by == alice and case.detection["reason"].startswith("DM says")
    other = make_mention(pv_configured, "same here since my last dose", author="kim")
    case = actions.do_attach_mention(alice, case, other)
    assert case.links.count() == 2


def test_the_sweeper_opens_a_case_for_a_flagged_mention_that_has_none(pv_configured: Client,
                                                                      make_mention: Any) -> None:
    mention = make_mention(pv_configured, "Glucavio pen question about storage", author="lee")
    assert not SafetyCase.objects.filter(links__mention=mention).exists()
    Mention.objects.filter(pk=mention.pk).update(labels=["adverse_event"])  # e.g. a relabel, or a crash
    assert actions.sweep_unopened() == 1
    assert only_case(mention).status == SafetyStatus.FLAGGED
    assert actions.sweep_unopened() == 0  # idempotent


def test_a_forward_breach_is_recorded_once_however_many_sweepers_race(pv_configured: Client,
                                                                      make_mention: Any) -> None:
    posted = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
    case = only_case(make_mention(pv_configured, AE_TEXT, created=posted))
    assert actions.record_forward_breach(case.pk) is True
    assert actions.record_forward_breach(case.pk) is False
    assert AuditEvent.objects.filter(action="safety.forward_breach", object_id=str(case.pk)).count() == 1


def test_a_reviewer_corrects_the_assessment_and_the_audit_keeps_what_changed(pv_configured: Client,
                                                                             make_mention: Any, alice: User) -> None:
    case = only_case(make_mention(pv_configured, AE_TEXT))
    elements = dict(case.elements)
    elements["patient"] = {"state": "present", "evidence": [], "verify": "DM reply: she is 54, female"}
    case = actions.do_update_assessment(alice, case, elements=elements, patient={"age": 54, "sex": "F"},
                                        serious=True, seriousness=["medically_important"])
    assert case.status == SafetyStatus.IN_REVIEW and not case.follow_up_needed
    assert case.serious and case.forward_due == case.day0 + timedelta(hours=4)
    with pytest.raises(ValidationError, match="never by name"):
        actions.do_update_assessment(alice, case, patient={"name": "Jane Doe"})
    assert AuditEvent.objects.filter(action="safety.assess", object_id=str(case.pk)).exists()
    assert AuditEvent.objects.filter(action="safety.seriousness", object_id=str(case.pk)).exists()


def test_config_apply_refuses_a_malformed_safety_policy_naming_the_key(db: Any) -> None:
    from carewatch.configuration.as_code import apply_config
    from carewatch.tenancy.config import ConfigError

    bad = "clients:\n  - slug: acme\n    name: Acme\n    pv_forward_hours: soon\n"
    with pytest.raises(ConfigError, match="pv_forward_hours"):
        apply_config(bad)
    bad_sender = "clients:\n  - slug: acme\n    name: Acme\n    pv_sender: {nickname: x}\n"
    with pytest.raises(ConfigError, match="pv_sender"):
        apply_config(bad_sender)
    assert not Client.objects.filter(slug="acme").exists()
    good = ("clients:\n  - slug: acme\n    name: Acme\n    pv_forward_hours: 12\n"
            "    pv_forward_to: [pv@acme.test]\n    pv_sender: {organisation: Acme Inc., country: DE}\n")
    apply_config(good)
    from carewatch.safety.policy import policy_for

    policy = policy_for(Client.objects.get(slug="acme"))
    assert policy.forward_hours == 12 and policy.sender == {"organisation": "Acme Inc.", "country": "DE"}


def test_the_e2b_download_carries_the_client_s_sender_details_and_is_audited(pv_configured: Client,
                                                                             make_mention: Any, alice: User) -> None:
    from django.test import Client as HttpClient

    pv_configured.settings = {**pv_configured.settings,
                              "pv_sender": {"organisation": "Northwind Pharma Inc.", "country": "US"}}
    pv_configured.save()
    case = only_case(make_mention(pv_configured, AE_TEXT))
    http = HttpClient()
    http.force_login(alice)
    response = http.get(f"/safety/{case.pk}/e2b.xml")
    assert response.status_code == 200 and response["Content-Type"] == "application/xml"
    assert b"Northwind Pharma Inc." in response.content and b"MCCI_IN200100UV01" in response.content
    assert b"@pat" not in response.content
    assert AuditEvent.objects.filter(action="safety.export", object_id=str(case.pk), actor_id=alice.pk).exists()
