"""Escalations end to end, with real parts: a real SMTP server (aiosmtpd) receives the e-mails,
a local HTTP server receives the webhooks, time-machine moves the clock through business hours,
weekends, holidays, acknowledgement timeouts and forward-deadline breaches."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client as HttpClient

from carewatch.audit.chain import verify
from carewatch.audit.models import AuditEvent
from carewatch.escalation import delivery
from carewatch.escalation.actions import sweep
from carewatch.escalation.models import Escalation, EscalationState, Notification, NotificationState
from carewatch.safety import actions as safety_actions
from carewatch.safety.models import SafetyCase, SafetyStatus
from carewatch.tenancy.models import Client, Role, User
from tests.conftest import make_user
from tests.escalation.conftest import Hooks, Mailbox, protocol

NY = ZoneInfo("America/New_York")
AE_TEXT = "I started Glucavio last week and since then I have terrible nausea and headaches"
SERIOUS_TEXT = "Started Glucavio last week and ended up in hospital with pancreatitis"
URGENT_TEXT = "I want to kill myself, I can't take this anymore"
PHI_TEXT = "My name is John Smith, DOB 04/12/1961, phone 555-123-4567, my Glucavio refill was denied"
LEGAL_TEXT = "Your pharmacy line hung up on me again. My lawyer will hear about this"
MONDAY = datetime(2026, 12, 7, 10, 0, tzinfo=NY)
LINK = re.compile(r"https://desk\.agency\.test(/ack/[A-Za-z0-9._-]+/)")

Run = Callable[..., Any]


@pytest.fixture
def ae_protocol(northwind: Client, webhooks: Hooks) -> Client:
    return protocol(northwind, pv_forward_hours=24, pv_forward_to=["pv@northwind.test"], escalation=[
        {"category": "adverse_event", "steps": [
            {"notify": ["pv@northwind.test"], "wait_ack_minutes": 60},
            {"notify": ["pv-backup@northwind.test", webhooks.url], "wait_ack_minutes": 30},
        ]},
    ])


def sweep_at(run_on_commit: Run, moment: datetime) -> dict[str, int]:
    with time_machine.travel(moment, tick=False):
        result: dict[str, int] = run_on_commit(sweep)
        return result


def open_ae(run_on_commit: Run, make_mention: Any, client: Client, text: str = AE_TEXT,
            at: datetime = MONDAY, **kwargs: Any) -> Any:
    with time_machine.travel(at, tick=False):
        return run_on_commit(make_mention, client, text, created=at, **kwargs)


def link_in(mail_text: str) -> str:
    match = LINK.search(mail_text)
    assert match, mail_text
    return match.group(1)


def test_an_adverse_event_mails_the_first_step_at_once_with_no_post_text_or_phi(
        ae_protocol: Client, make_mention: Any, run_on_commit: Run, smtp: Mailbox) -> None:
    mention = open_ae(run_on_commit, make_mention, ae_protocol)
    escalation = Escalation.objects.get()
    assert escalation.category == "adverse_event" and escalation.state == EscalationState.OPEN
    assert escalation.safety_case is not None and escalation.due_at == escalation.safety_case.forward_due
    [mail] = smtp.to("pv@northwind.test")
    assert len(smtp.mails) == 1  # step 2 waits for the timeout
    assert "Adverse event" in mail.subject and "Northwind Pharma" in mail.subject
    assert "high" in mail.subject and escalation.reference in mail.subject
    assert "Due:      2026-12-08 10:00 EST (2026-12-08 15:00 UTC)" in mail.body
    assert mail.message["From"] == "desk@agency.test"
    assert link_in(mail.text).startswith("/ack/")
    assert f"https://desk.agency.test/escalations/{escalation.pk}/" in mail.body
    # The default content: nothing of the post, its author or the case's evidence.
    for private in ("nausea", "headaches", "Glucavio", mention.author.handle, escalation.safety_case.reference):
        assert private not in mail.text
    sent = Notification.objects.get(recipient="pv@northwind.test")
    assert sent.state == NotificationState.SENT and sent.attempts == 1
    assert AuditEvent.objects.filter(action="escalation.notify", object_id=str(escalation.pk)).count() == 1


def test_without_an_acknowledgement_the_next_step_goes_to_the_backup_by_email_and_webhook(
        ae_protocol: Client, make_mention: Any, run_on_commit: Run, smtp: Mailbox, webhooks: Hooks,
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    open_ae(run_on_commit, make_mention, ae_protocol)
    sweep_at(run_on_commit, MONDAY + timedelta(minutes=59))
    assert not smtp.to("pv-backup@northwind.test") and not webhooks.received
    sweep_at(run_on_commit, MONDAY + timedelta(minutes=60, seconds=5))
    assert len(smtp.to("pv-backup@northwind.test")) == 1
    [hook] = webhooks.received
    assert set(hook) == {"text"} and "Adverse event" in hook["text"] and "/ack/" in hook["text"]
    assert "nausea" not in hook["text"]
    assert webhooks.paths == ["/services/T0001/B0001/s3cr3tPath"]
    escalation = Escalation.objects.get()
    assert escalation.current_step == 1 and escalation.state == EscalationState.OPEN
    sweep_at(run_on_commit, MONDAY + timedelta(minutes=91))
    escalation.refresh_from_db()
    assert escalation.state == EscalationState.EXHAUSTED
    assert AuditEvent.objects.filter(action="escalation.exhausted").count() == 1
    assert len(smtp.mails) == 2 and len(webhooks.received) == 1  # nothing sent twice
    # The webhook's secret path is in no audit event, page or log line.
    assert not [e for e in AuditEvent.objects.all() if "s3cr3tPath" in str(e.data)]
    assert "s3cr3tPath" not in caplog.text
    assert verify().ok


def test_two_sweepers_one_after_the_other_send_each_notification_once(
        ae_protocol: Client, make_mention: Any, run_on_commit: Run, smtp: Mailbox, webhooks: Hooks) -> None:
    open_ae(run_on_commit, make_mention, ae_protocol)
    for _ in range(2):  # two workers' sweeps of the same minute
        sweep_at(run_on_commit, MONDAY + timedelta(minutes=61))
    for _ in range(2):
        sweep_at(run_on_commit, MONDAY + timedelta(minutes=62))
    assert len(smtp.to("pv@northwind.test")) == 1
    assert len(smtp.to("pv-backup@northwind.test")) == 1
    assert len(webhooks.received) == 1
    assert Notification.objects.filter(state=NotificationState.SENT).count() == 3
    assert AuditEvent.objects.filter(action="escalation.step").count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_workers_claiming_the_same_notifications_at_once_send_each_only_once(northwind: Client) -> None:
    rows = [Notification.objects.create(client=northwind, route="email", recipient=f"p{i}@northwind.test",
                                        due_at=datetime.now(UTC), purpose="forward") for i in range(20)]
    won: dict[str, list[int]] = {"a": [], "b": []}
    barrier = threading.Barrier(2)

    def worker(name: str) -> None:
        from django.db import connection

        barrier.wait()
        try:
            for row in rows:
                if delivery.claim(row.pk):
                    won[name].append(row.pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(name,)) for name in won]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(won["a"] + won["b"]) == sorted(r.pk for r in rows)  # each claimed, none twice
    assert Notification.objects.filter(state=NotificationState.SENDING, attempts=1).count() == 20


def test_the_signed_link_shows_a_page_on_get_and_acknowledges_only_on_post(
        ae_protocol: Client, make_mention: Any, run_on_commit: Run, smtp: Mailbox) -> None:
    open_ae(run_on_commit, make_mention, ae_protocol)
    path = link_in(smtp.to("pv@northwind.test")[0].text)
    browser = HttpClient(enforce_csrf_checks=True)
    with time_machine.travel(MONDAY + timedelta(minutes=20), tick=False):
        events = AuditEvent.objects.count()
        page = browser.get(path)  # what a mail scanner's prefetch does
        assert page.status_code == 200 and b"ack-button" in page.content
        assert AuditEvent.objects.count() == events  # a prefetch is nobody's acknowledgement
        assert page["Referrer-Policy"] == "same-origin" and "no-store" in page["Cache-Control"]
        assert Escalation.objects.get().state == EscalationState.OPEN
        assert browser.post(path, {}).status_code == 403  # no CSRF token: refused
        token = browser.cookies["csrftoken"].value
        done = browser.post(path, {"csrfmiddlewaretoken": token})
    assert done.status_code == 200 and b"ack-done" in done.content
    escalation = Escalation.objects.get()
    assert escalation.state == EscalationState.ACKNOWLEDGED
    assert (escalation.acknowledged_by, escalation.acknowledged_via) == ("pv@northwind.test", "link")
    event = AuditEvent.objects.get(action="escalation.acknowledge")
    assert event.actor_label == "pv@northwind.test (signed link)" and event.data["via"] == "link"
    assert Notification.objects.filter(state=NotificationState.CANCELLED).count() == 0  # step 2 was never made
    sweep_at(run_on_commit, MONDAY + timedelta(hours=3))
    assert len(smtp.mails) == 1  # no further step after the acknowledgement
    again = browser.post(path, {"csrfmiddlewaretoken": token})
    assert again.status_code == 200 and b"Already acknowledged" in again.content
    assert AuditEvent.objects.filter(action="escalation.acknowledge").count() == 1
    assert verify().ok


def test_an_expired_link_is_refused_with_410_and_a_tampered_one_with_400(
        ae_protocol: Client, make_mention: Any, run_on_commit: Run, smtp: Mailbox) -> None:
    open_ae(run_on_commit, make_mention, ae_protocol)
    path = link_in(smtp.to("pv@northwind.test")[0].text)
    browser = HttpClient()
    with time_machine.travel(MONDAY + timedelta(hours=72, minutes=1), tick=False):
        expired = browser.get(path)
        assert expired.status_code == 410 and b"expired" in expired.content
        assert browser.post(path).status_code == 410
    assert Escalation.objects.get().acknowledged_at is None
    assert AuditEvent.objects.filter(action="escalation.ack_link_expired").count() == 1
    with time_machine.travel(MONDAY + timedelta(minutes=5), tick=False):
        token = path.split("/")[2]
        for bad in (token[:-2] + "xx", token.replace(token.split("-")[0], str(int(token.split("-")[0]) + 1), 1),
                    "not-a-token"):
            answer = browser.post(f"/ack/{bad}/")
            assert answer.status_code == 400 and b"not valid" in answer.content
    assert Escalation.objects.get().state == EscalationState.OPEN


def test_a_client_may_set_a_shorter_link_lifetime(ae_protocol: Client, make_mention: Any, run_on_commit: Run,
                                                  smtp: Mailbox) -> None:
    protocol(ae_protocol, escalation_ack_link_hours=1)
    open_ae(run_on_commit, make_mention, ae_protocol)
    mail = smtp.to("pv@northwind.test")[0]
    assert "the link works for 1 hours" in mail.body
    with time_machine.travel(MONDAY + timedelta(minutes=61), tick=False):
        assert HttpClient().get(link_in(mail.text)).status_code == 410


def test_in_app_acknowledgement_by_an_agent_and_refusals_for_a_viewer_and_another_client(
        ae_protocol: Client, make_mention: Any, run_on_commit: Run, smtp: Mailbox, alice: User, victor: User,
        bob: User) -> None:
    open_ae(run_on_commit, make_mention, ae_protocol)
    escalation = Escalation.objects.get()
    detail, ack = f"/escalations/{escalation.pk}/", f"/escalations/{escalation.pk}/ack/"
    browser = HttpClient()
    assert browser.post(ack).status_code == 302 and "/login/" in browser.post(ack)["Location"]
    browser.force_login(bob)
    assert browser.get(detail).status_code == 404
    assert browser.post(ack).status_code == 404
    assert escalation.reference.encode() not in browser.get("/escalations/").content
    browser.force_login(victor)
    assert browser.get(detail).status_code == 200 and b"ack-button" not in browser.get(detail).content
    assert browser.post(ack).status_code == 403
    assert Escalation.objects.get().state == EscalationState.OPEN
    browser.force_login(alice)
    assert escalation.reference.encode() in browser.get("/escalations/").content
    assert b"ack-button" in browser.get(detail).content
    assert browser.get(ack).status_code == 405
    assert browser.post(ack).status_code == 302
    escalation.refresh_from_db()
    assert (escalation.state, escalation.acknowledged_by, escalation.acknowledged_via) == (
        EscalationState.ACKNOWLEDGED, "alice@agency.test", "app")
    event = AuditEvent.objects.get(action="escalation.acknowledge")
    assert event.actor_id == alice.pk


def test_a_business_hours_step_waits_for_monday_morning_and_skips_a_holiday(
        northwind: Client, make_mention: Any, run_on_commit: Run, smtp: Mailbox) -> None:
    protocol(northwind, escalation=[{"category": "legal_media", "steps": [{"notify": ["legal@northwind.test"]}]}])
    northwind.holidays = ["2026-12-07"]  # that Monday is a holiday
    northwind.save()
    saturday = datetime(2026, 12, 5, 12, 0, tzinfo=NY)
    with time_machine.travel(saturday, tick=False):
        run_on_commit(make_mention, northwind, LEGAL_TEXT, created=saturday)
    escalation = Escalation.objects.get(category="legal_media")
    assert escalation.trigger["terms"] == ["lawyer"]
    row = Notification.objects.get()
    assert row.due_at == datetime(2026, 12, 8, 9, 0, tzinfo=NY)  # Tuesday, 09:00 New York
    assert escalation.escalate_at == row.due_at + timedelta(minutes=60)
    for moment in (saturday + timedelta(hours=1), datetime(2026, 12, 7, 10, 0, tzinfo=NY),
                   datetime(2026, 12, 8, 8, 59, tzinfo=NY)):
        sweep_at(run_on_commit, moment)
        assert not smtp.mails
    sweep_at(run_on_commit, datetime(2026, 12, 8, 9, 0, 30, tzinfo=NY))
    [mail] = smtp.to("legal@northwind.test")
    assert "Legal or media threat" in mail.subject and "lawyer" not in mail.text  # matched terms are opt-in


def test_safety_categories_go_out_at_once_at_night_and_at_weekends(
        ae_protocol: Client, make_mention: Any, run_on_commit: Run, smtp: Mailbox) -> None:
    sunday_night = datetime(2026, 12, 6, 3, 0, tzinfo=NY)
    open_ae(run_on_commit, make_mention, ae_protocol, at=sunday_night)
    assert len(smtp.to("pv@northwind.test")) == 1


def test_the_forward_deadline_warns_the_supervisors_once_before_and_once_at_the_breach(
        northwind: Client, make_mention: Any, run_on_commit: Run, smtp: Mailbox, sam: User) -> None:
    protocol(northwind, pv_forward_hours=24, pv_forward_to=["pv@northwind.test"])
    open_ae(run_on_commit, make_mention, northwind)
    safety_case = SafetyCase.objects.get()
    assert safety_case.forward_due == MONDAY + timedelta(hours=24)
    sweep_at(run_on_commit, MONDAY + timedelta(hours=21, minutes=59))
    assert not smtp.mails  # not yet in the 2-hour window
    for _ in range(2):
        sweep_at(run_on_commit, MONDAY + timedelta(hours=22, minutes=1))
    [warning] = smtp.to("sam@agency.test")
    assert "Forward deadline in 119 min" in warning.subject and safety_case.reference in warning.subject
    for _ in range(2):
        sweep_at(run_on_commit, MONDAY + timedelta(hours=24, minutes=1))
    _warning_mail, breach_mail = smtp.to("sam@agency.test")
    assert "Forward deadline missed" in breach_mail.subject
    assert "nausea" not in breach_mail.text
    safety_case.refresh_from_db()
    assert safety_case.breach_recorded_at is not None
    assert AuditEvent.objects.filter(action="safety.forward_breach").count() == 1
    sweep_at(run_on_commit, MONDAY + timedelta(hours=30))
    assert len(smtp.mails) == 2
    assert verify().ok


def test_a_fast_track_window_warns_a_quarter_of_the_window_ahead(
        northwind: Client, make_mention: Any, run_on_commit: Run, smtp: Mailbox, sam: User) -> None:
    protocol(northwind, pv_forward_hours=24, pv_fast_track_hours=2, pv_forward_to=["pv@northwind.test"])
    open_ae(run_on_commit, make_mention, northwind, SERIOUS_TEXT)
    assert SafetyCase.objects.get().forward_due == MONDAY + timedelta(hours=2)
    sweep_at(run_on_commit, MONDAY + timedelta(minutes=89))
    assert not smtp.mails
    sweep_at(run_on_commit, MONDAY + timedelta(minutes=91))
    assert len(smtp.to("sam@agency.test")) == 1


def test_a_case_forwarded_in_time_gets_no_breach_alarm(
        northwind: Client, make_mention: Any, run_on_commit: Run, smtp: Mailbox, sam: User, alice: User) -> None:
    protocol(northwind, pv_forward_hours=24, pv_forward_to=["pv@northwind.test"])
    open_ae(run_on_commit, make_mention, northwind)
    with time_machine.travel(MONDAY + timedelta(hours=1), tick=False):
        run_on_commit(safety_actions.do_forward, alice, SafetyCase.objects.get())
    sweep_at(run_on_commit, MONDAY + timedelta(hours=23))
    sweep_at(run_on_commit, MONDAY + timedelta(hours=25))
    assert not smtp.to("sam@agency.test")
    assert len(smtp.to("pv@northwind.test")) == 1  # the forward notice itself


def test_forwarding_sends_a_notice_whose_link_records_pv_acknowledgement_and_stops_the_escalation(
        ae_protocol: Client, make_mention: Any, run_on_commit: Run, smtp: Mailbox, alice: User,
        webhooks: Hooks) -> None:
    open_ae(run_on_commit, make_mention, ae_protocol)
    safety_case = SafetyCase.objects.get()
    with time_machine.travel(MONDAY + timedelta(minutes=10), tick=False):
        run_on_commit(safety_actions.do_forward, alice, safety_case)
    _step_mail, notice = smtp.to("pv@northwind.test")
    assert "please acknowledge receipt" in notice.subject and safety_case.reference in notice.subject
    assert "nausea" not in notice.text
    browser = HttpClient()
    path = link_in(notice.text)
    with time_machine.travel(MONDAY + timedelta(minutes=20), tick=False):
        page = browser.get(path)
        assert page.status_code == 200 and safety_case.reference.encode() in page.content
        done = browser.post(path)
    assert done.status_code == 200
    safety_case.refresh_from_db()
    assert safety_case.status == SafetyStatus.ACKNOWLEDGED and safety_case.acknowledged_by == "pv@northwind.test"
    assert AuditEvent.objects.get(action="safety.acknowledge").actor_label == "pv@northwind.test (signed link)"
    escalation = Escalation.objects.get()
    assert escalation.state == EscalationState.STOPPED
    sweep_at(run_on_commit, MONDAY + timedelta(hours=2))
    assert len(smtp.mails) == 2 and not webhooks.received  # the backup step never went out


def test_a_dismissed_case_stops_its_escalation_and_cancels_what_is_not_yet_sent(
        northwind: Client, make_mention: Any, run_on_commit: Run, smtp: Mailbox, quinn: User) -> None:
    protocol(northwind, escalation=[{"category": "adverse_event", "steps": [
        {"notify": ["agency-pv@agency.test"], "hours": "business"}]}])
    saturday = datetime(2026, 12, 5, 12, 0, tzinfo=NY)
    open_ae(run_on_commit, make_mention, northwind, at=saturday)
    assert Notification.objects.get().state == NotificationState.PENDING  # waits for Monday
    with time_machine.travel(saturday + timedelta(hours=1), tick=False):
        run_on_commit(safety_actions.do_dismiss, quinn, SafetyCase.objects.get(), "Duplicate of a case already open")
    assert Escalation.objects.get().state == EscalationState.STOPPED
    assert Notification.objects.get().state == NotificationState.CANCELLED
    sweep_at(run_on_commit, datetime(2026, 12, 7, 10, 0, tzinfo=NY))
    assert not smtp.mails


def test_a_failing_webhook_is_retried_with_backoff_and_its_secret_path_never_logged(
        northwind: Client, make_mention: Any, run_on_commit: Run, webhooks: Hooks, smtp: Mailbox,
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    protocol(northwind, escalation=[{"category": "urgent", "steps": [{"notify": [webhooks.url]}]}])
    webhooks.statuses = [500, 503]
    open_ae(run_on_commit, make_mention, northwind, URGENT_TEXT)
    row = Notification.objects.get(escalation__category="urgent")
    assert (row.state, row.attempts, row.last_error) == ("pending", 1, "the webhook answered HTTP 500")
    assert row.due_at == MONDAY + timedelta(seconds=30)
    sweep_at(run_on_commit, MONDAY + timedelta(seconds=20))
    assert Notification.objects.get(pk=row.pk).attempts == 1  # not before its time
    sweep_at(run_on_commit, MONDAY + timedelta(seconds=31))
    row.refresh_from_db()
    assert (row.state, row.attempts, row.due_at) == ("pending", 2, MONDAY + timedelta(seconds=31, minutes=2))
    sweep_at(run_on_commit, MONDAY + timedelta(minutes=3))
    row.refresh_from_db()
    assert row.state == NotificationState.SENT and row.attempts == 3 and len(webhooks.received) == 1
    assert "Urgent / crisis" in webhooks.received[0]["text"] and "kill" not in webhooks.received[0]["text"]
    assert "s3cr3tPath" not in caplog.text and "127.0.0.1" in caplog.text


def test_a_webhook_that_never_answers_is_failed_after_its_attempts_and_audited(
        northwind: Client, make_mention: Any, run_on_commit: Run, smtp: Mailbox) -> None:
    dead = "https://127.0.0.1:9/services/XYZ/secret"  # nothing listens on the discard port
    protocol(northwind, escalation=[{"category": "urgent", "steps": [{"notify": [dead]}]}])
    open_ae(run_on_commit, make_mention, northwind, URGENT_TEXT)
    moment = MONDAY
    for _ in range(delivery.MAX_ATTEMPTS):
        moment += timedelta(hours=2)
        sweep_at(run_on_commit, moment)
    row = Notification.objects.get(escalation__category="urgent")
    assert row.state == NotificationState.FAILED and row.attempts == delivery.MAX_ATTEMPTS
    assert "secret" not in row.last_error
    event = AuditEvent.objects.get(action="escalation.notify_failed")
    assert event.data["to"] == "https://127.0.0.1:9/…"


def test_a_dm_with_phi_is_no_exposure_but_a_public_comment_with_phi_is(
        northwind: Client, make_mention: Any, run_on_commit: Run, smtp: Mailbox) -> None:
    protocol(northwind, escalation=[{"category": "phi_exposure", "steps": [{"notify": ["privacy@northwind.test"]}]}])
    dm = open_ae(run_on_commit, make_mention, northwind, PHI_TEXT, kind="dm", author="dmuser")
    assert "phi" in dm.labels and not Escalation.objects.exists()
    public = open_ae(run_on_commit, make_mention, northwind, PHI_TEXT, author="public")
    escalation = Escalation.objects.get()
    assert escalation.category == "phi_exposure" and escalation.case_id == public.case_id
    [mail] = smtp.to("privacy@northwind.test")
    assert "John Smith" not in mail.text and "555-123-4567" not in mail.text
    assert f"https://desk.agency.test/inbox/case/{public.case_id}/" in mail.body


def test_a_second_urgent_post_in_the_same_conversation_does_not_open_a_second_escalation(
        northwind: Client, make_mention: Any, run_on_commit: Run, smtp: Mailbox) -> None:
    protocol(northwind, escalation=[{"category": "urgent", "steps": [{"notify": ["crisis@northwind.test"]}]}])
    first = open_ae(run_on_commit, make_mention, northwind, URGENT_TEXT, thread="t1")
    open_ae(run_on_commit, make_mention, northwind, URGENT_TEXT + " really", thread="t1",
            at=MONDAY + timedelta(minutes=5))
    assert Escalation.objects.filter(category="urgent").count() == 1
    assert Escalation.objects.get(category="urgent").case_id == first.case_id
    assert len(smtp.to("crisis@northwind.test")) == 1


def test_an_oncall_step_notifies_whoever_is_on_call_when_it_fires(
        northwind: Client, make_mention: Any, run_on_commit: Run, smtp: Mailbox) -> None:
    protocol(northwind, oncall={"pv": {"handoff": "mon 09:00", "start": "2026-11-30",
                                       "people": ["ana@agency.test", "ben@agency.test"],
                                       "overrides": [{"from": "2026-12-07 09:30", "to": "2026-12-07 11:00",
                                                      "person": "cy@agency.test"}]}},
             escalation=[{"category": "urgent", "steps": [{"notify": ["oncall:pv"], "wait_ack_minutes": 60},
                                                         {"notify": ["oncall:pv", "role:supervisor"]}]}])
    make_user("sam@agency.test", Role.SUPERVISOR, northwind)
    open_ae(run_on_commit, make_mention, northwind, URGENT_TEXT)  # Monday 10:00: cy covers
    assert len(smtp.to("cy@agency.test")) == 1
    sweep_at(run_on_commit, MONDAY + timedelta(minutes=61))  # 11:01: the rotation's own, week 2: ben
    assert len(smtp.to("ben@agency.test")) == 1 and len(smtp.to("sam@agency.test")) == 1
    assert Notification.objects.get(recipient="ben@agency.test").target == "oncall:pv"


def test_with_no_supervisor_for_the_client_the_agency_admins_hear_of_a_breach(
        northwind: Client, make_mention: Any, run_on_commit: Run, smtp: Mailbox, admin: User) -> None:
    protocol(northwind, pv_forward_hours=24)
    open_ae(run_on_commit, make_mention, northwind)
    sweep_at(run_on_commit, MONDAY + timedelta(hours=25))
    assert len(smtp.to("root@agency.test")) == 1


def test_a_serious_adverse_event_follows_the_serious_protocol(
        northwind: Client, make_mention: Any, run_on_commit: Run, smtp: Mailbox) -> None:
    protocol(northwind, escalation=[
        {"category": "adverse_event", "steps": [{"notify": ["pv@northwind.test"]}]},
        {"category": "serious_adverse_event", "include": ["case_reference"],
         "steps": [{"notify": ["pv-urgent@northwind.test"]}]},
    ])
    open_ae(run_on_commit, make_mention, northwind, SERIOUS_TEXT)
    escalation = Escalation.objects.get()
    assert (escalation.category, escalation.severity) == ("serious_adverse_event", "critical")
    [mail] = smtp.to("pv-urgent@northwind.test")
    assert f"Safety case: {SafetyCase.objects.get().reference}" in mail.body  # opted in
    assert "pancreatitis" not in mail.text and not smtp.to("pv@northwind.test")


def test_a_protocol_may_opt_in_to_the_post_text(northwind: Client, make_mention: Any, run_on_commit: Run,
                                                smtp: Mailbox) -> None:
    protocol(northwind, escalation=[{"category": "adverse_event", "include": ["post_text", "platform", "author"],
                                     "steps": [{"notify": ["pv@northwind.test"]}]}])
    mention = open_ae(run_on_commit, make_mention, northwind)
    [mail] = smtp.mails
    assert AE_TEXT in mail.body and f"Author: @{mention.author.handle}" in mail.body
    assert "Platform: Facebook @NorthwindRx" in mail.body


def test_a_client_without_protocols_opens_no_escalation(northwind: Client, make_mention: Any, run_on_commit: Run,
                                                        smtp: Mailbox) -> None:
    for text in (AE_TEXT, URGENT_TEXT, PHI_TEXT, LEGAL_TEXT):
        open_ae(run_on_commit, make_mention, northwind, text)
    assert not Escalation.objects.exists() and not smtp.mails


def test_without_email_configured_the_notification_records_a_clear_error(
        ae_protocol: Client, make_mention: Any, run_on_commit: Run, settings: Any) -> None:
    settings.MAILERS = {"default": {"BACKEND": "carewatch.escalation.delivery.UnconfiguredEmailBackend"}}
    open_ae(run_on_commit, make_mention, ae_protocol)
    row = Notification.objects.get()
    assert row.state == NotificationState.PENDING and "CAREWATCH_EMAIL_URL" in row.last_error


def sweep_in_thread(barrier: threading.Barrier, at: datetime, errors: list[BaseException]) -> None:
    """One worker's sweep, started together with another's."""
    from django.db import connection

    try:
        barrier.wait()
        sweep(at)
    except BaseException as exc:  # reported by the test
        errors.append(exc)
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_two_workers_sweeping_at_the_same_moment_escalate_and_send_each_step_once(
        northwind: Client, smtp: Mailbox, webhooks: Hooks, sam: User) -> None:
    from django.db import transaction

    from carewatch.escalation.actions import start_escalation

    protocol(northwind, pv_forward_hours=24, escalation=[{"category": "urgent", "steps": [
        {"notify": ["first@northwind.test"], "wait_ack_minutes": 10},
        {"notify": ["second@northwind.test", webhooks.url], "wait_ack_minutes": 10},
        {"notify": ["role:supervisor"]},
    ]}])
    with time_machine.travel(MONDAY, tick=False), transaction.atomic():
        start_escalation(northwind, "urgent", trigger={"labels": ["urgent"]})
    assert len(smtp.to("first@northwind.test")) == 1  # sent after commit, by the (in-process) task
    for minutes in (11, 22, 83):  # the last step waits the default 60 minutes
        moment = MONDAY + timedelta(minutes=minutes)
        barrier = threading.Barrier(2)
        errors: list[BaseException] = []
        with time_machine.travel(moment, tick=False):
            threads = [threading.Thread(target=sweep_in_thread, args=(barrier, moment, errors)) for _ in range(2)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(timeout=60)
        assert not errors
    assert [len(smtp.to(a)) for a in ("first@northwind.test", "second@northwind.test", "sam@agency.test")] == [1, 1, 1]
    assert len(webhooks.received) == 1
    escalation = Escalation.objects.get()
    assert escalation.state == EscalationState.EXHAUSTED
    assert AuditEvent.objects.filter(action="escalation.step").count() == 3
    assert AuditEvent.objects.filter(action="escalation.exhausted").count() == 1
    assert verify().ok


def test_follow_up_information_gets_its_own_notice_and_link_for_pv_to_acknowledge(
        northwind: Client, make_mention: Any, run_on_commit: Run, smtp: Mailbox, alice: User) -> None:
    protocol(northwind, pv_forward_to=["pv@northwind.test"])
    open_ae(run_on_commit, make_mention, northwind)
    safety_case = SafetyCase.objects.get()
    browser = HttpClient()
    with time_machine.travel(MONDAY + timedelta(hours=1), tick=False):
        run_on_commit(safety_actions.do_forward, alice, safety_case)
        browser.post(link_in(smtp.to("pv@northwind.test")[0].text))
        safety_case = safety_actions.do_request_follow_up(alice, SafetyCase.objects.get(), "The lot number, please")
        run_on_commit(safety_actions.do_send_follow_up, alice, safety_case)
    first, follow_up = smtp.to("pv@northwind.test")
    assert follow_up.subject.startswith(f"[Carewatch] Follow-up information on {safety_case.reference}")
    assert link_in(follow_up.text) != link_in(first.text)
    with time_machine.travel(MONDAY + timedelta(hours=2), tick=False):
        assert browser.post(link_in(follow_up.text)).status_code == 200
    assert SafetyCase.objects.get().status == SafetyStatus.ACKNOWLEDGED
    assert AuditEvent.objects.filter(action="safety.acknowledge").count() == 2


def test_a_step_opened_by_the_pipeline_notifies_the_desk_user_it_names(
        ae_protocol: Client, make_mention: Any, run_on_commit: Run, smtp: Mailbox) -> None:
    from carewatch.notifications.models import DeskNotification, Kind

    pv = make_user("pv@northwind.test", Role.SAFETY, ae_protocol)
    bystander = make_user("sam@agency.test", Role.SUPERVISOR, ae_protocol)
    open_ae(run_on_commit, make_mention, ae_protocol)  # the step's event is written with the batch's
    escalation = Escalation.objects.get()
    [note] = DeskNotification.objects.filter(user=pv, kind=Kind.ESCALATION)
    assert escalation.reference in note.text and "step 1" in note.text
    assert not DeskNotification.objects.filter(user=bystander, kind=Kind.ESCALATION).exists()
