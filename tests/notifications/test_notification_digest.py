"""The optional e-mail digest of unread notifications (issue 13): off, daily or hourly, sent by
the periodic sweep through the real SMTP path (a local aiosmtpd server), audited, never twice for
the same notifications, and saying only categories, counts and links (no notification text)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client as HttpClient
from django.utils import timezone

from carewatch.audit.models import AuditEvent
from carewatch.notifications.actions import do_mark_read, do_set_digest
from carewatch.notifications.digest import send_digest, send_due_digests
from carewatch.notifications.models import DeskNotification, DigestPreference, DigestSending, DigestState
from carewatch.tenancy.models import Client, User
from tests.conftest import make_user
from tests.escalation.conftest import Mailbox, free_port, smtp  # noqa: F401 - the real SMTP server fixture

SECRET = "zebrafinch7731 my insulin pen made me dizzy"  # what a notification's text must never carry out


def _notify(user: User, client: Client, kind: str, url: str, text: str = SECRET) -> DeskNotification:
    return DeskNotification.objects.create(user=user, client=client, kind=kind, text=text, url=url)


@pytest.fixture
def alice(northwind: Client) -> User:
    return make_user("alice@agency.test", "agent", northwind)


def _later(minutes: float = 1) -> Any:
    return timezone.now() + timedelta(minutes=minutes)


def test_a_daily_digest_tells_categories_counts_and_links_only_and_is_audited(
        northwind: Client, alice: User, smtp: Mailbox) -> None:  # noqa: F811
    do_set_digest(alice, "daily")
    _notify(alice, northwind, "assigned", "/inbox/case/12/")
    _notify(alice, northwind, "assigned", "/inbox/case/13/")
    _notify(alice, northwind, "mentioned", "/inbox/case/12/")
    assert send_due_digests(_later()) == {"sent": 1}
    (mail,) = smtp.to("alice@agency.test")
    assert mail.subject == "Carewatch: 3 unread notifications"
    assert "Assigned to you: 2" in mail.body and "Mentioned in a note: 1" in mail.body
    assert "https://desk.agency.test/notifications/" in mail.body
    assert mail.body.count("https://desk.agency.test/inbox/case/12/") == 1  # each place once
    assert "https://desk.agency.test/inbox/case/13/" in mail.body
    assert "zebrafinch" not in mail.text and "dizzy" not in mail.text
    event = AuditEvent.objects.get(action="notification.digest.sent")
    assert event.data["counts"] == {"assigned": 2, "mentioned": 1} and event.data["user"] == alice.pk
    assert DigestSending.objects.get().state == DigestState.SENT


def test_the_same_notifications_are_never_in_two_digests(
        northwind: Client, alice: User, smtp: Mailbox) -> None:  # noqa: F811
    do_set_digest(alice, "hourly")
    _notify(alice, northwind, "assigned", "/inbox/case/12/")
    now = _later()
    assert send_digest(alice.pk, now) == "sent"
    assert send_digest(alice.pk, now) == "skipped"  # a second worker at the same moment
    assert send_due_digests(now + timedelta(minutes=30)) == {}  # an hourly digest: not yet due
    assert send_due_digests(now + timedelta(hours=1)) == {"nothing": 1}  # due, but nothing new: no mail
    _notify(alice, northwind, "sla", "/inbox/case/14/")
    assert send_due_digests(now + timedelta(hours=2, minutes=5)) == {"sent": 1}
    first, second = smtp.to("alice@agency.test")
    assert "Assigned to you: 1" in first.body
    assert "Your SLA is about to breach: 1" in second.body and "Assigned" not in second.body
    assert AuditEvent.objects.filter(action="notification.digest.sent").count() == 2


def test_read_notifications_and_people_who_chose_off_get_no_digest(
        northwind: Client, alice: User, smtp: Mailbox) -> None:  # noqa: F811
    sam = make_user("sam@agency.test", "supervisor", northwind)
    _notify(sam, northwind, "approval_requested", "/approvals/")  # sam never chose a digest
    do_set_digest(alice, "daily")
    do_mark_read(alice, _notify(alice, northwind, "assigned", "/inbox/case/12/"))
    assert send_due_digests(_later()) == {"nothing": 1}
    do_set_digest(alice, "off")
    _notify(alice, northwind, "assigned", "/inbox/case/13/")
    assert send_due_digests(_later(60 * 25)) == {}
    assert smtp.mails == []


def test_a_digest_the_mail_server_refuses_is_audited_and_its_notifications_go_in_the_next(
        northwind: Client, alice: User, settings: Any, smtp: Mailbox) -> None:  # noqa: F811
    from carewatch.escalation.email_settings import escalation_settings

    working = {key: getattr(settings, key) for key in escalation_settings(
        {"CAREWATCH_EMAIL_URL": "smtp://127.0.0.1:25"})}
    for key, value in escalation_settings({"CAREWATCH_EMAIL_URL": f"smtp://127.0.0.1:{free_port()}?timeout=2"}).items():
        setattr(settings, key, value)  # nobody listens there
    do_set_digest(alice, "daily")
    _notify(alice, northwind, "escalation", "/escalations/3/")
    now = _later()
    assert send_due_digests(now) == {"failed": 1}
    failed = AuditEvent.objects.get(action="notification.digest.failed")
    assert failed.data["released"] == 1 and failed.data["error"]
    assert DeskNotification.objects.get().digest is None
    assert DigestPreference.objects.get(user=alice).next_due_at == now + timedelta(minutes=15)
    for key, value in working.items():
        setattr(settings, key, value)  # the server is back
    assert send_due_digests(now + timedelta(minutes=15)) == {"sent": 1}
    (mail,) = smtp.to("alice@agency.test")
    assert "Escalation to you: 1" in mail.body


def test_each_person_chooses_the_digest_on_the_notifications_page_and_the_choice_is_audited(
        northwind: Client, alice: User) -> None:
    browser = HttpClient()
    browser.force_login(alice)
    assert 'id="digest-every"' in browser.get("/notifications/").content.decode()
    assert browser.post("/notifications/digest/", {"every": "hourly"}).status_code == 302
    assert DigestPreference.objects.get(user=alice).every == "hourly"
    assert AuditEvent.objects.get(action="notification.digest.set").data == {"from": "off", "to": "hourly"}
    assert browser.post("/notifications/digest/", {"every": "weekly"}).status_code == 302
    assert DigestPreference.objects.get(user=alice).every == "hourly"
    with pytest.raises(ValidationError):
        do_set_digest(alice, "every minute")
