"""Scheduled reports: planned once the period is over, e-mailed through the real SMTP path with
the PDF and CSV attached, audited, retried when the server fails."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from carewatch.audit.models import AuditEvent
from carewatch.reports.models import ReportSending, SendingState
from carewatch.reports.schedule import last_period, run
from carewatch.tenancy.models import Client
from tests.escalation.conftest import Mailbox, free_port, smtp  # noqa: F401 - the real SMTP server fixture

MONDAY_MORNING = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)  # 07:00 in New York, Monday 23 Nov


def _schedule(client: Client, every: str = "weekly") -> None:
    client.settings = {"reports": {"schedules": [{"every": every, "to": ["brand@northwind.test"]}]}}
    client.save()


def test_the_last_week_is_monday_to_sunday_and_the_last_month_is_the_calendar_month() -> None:
    period = last_period("weekly", date(2026, 11, 25))
    assert (period.first, period.last) == (date(2026, 11, 16), date(2026, 11, 22))
    period = last_period("monthly", date(2026, 12, 1))
    assert (period.first, period.last) == (date(2026, 11, 1), date(2026, 11, 30))


def test_a_weekly_report_is_mailed_once_with_its_pdf_and_csv_and_audited(
        northwind: Client, smtp: Mailbox) -> None:  # noqa: F811
    _schedule(northwind)
    assert run(MONDAY_MORNING - timedelta(hours=2)) == {"planned": 0}  # 05:00 local: not yet
    assert run(MONDAY_MORNING) == {"planned": 1, "sent": 1}
    assert run(MONDAY_MORNING + timedelta(hours=1)) == {"planned": 0}  # once
    (mail,) = smtp.to("brand@northwind.test")
    assert mail.subject == "Northwind Pharma care report 2026-11-16 to 2026-11-22"
    names = [part.get_filename() for part in mail.message.walk() if part.get_filename()]
    assert names == ["northwind-report-2026-11-16-2026-11-22.pdf", "northwind-report-2026-11-16-2026-11-22.csv"]
    sending = ReportSending.objects.get()
    assert (sending.state, sending.attempts) == (SendingState.SENT, 1)
    event = AuditEvent.objects.get(action="report.sent")
    assert event.data["recipients"] == ["brand@northwind.test"] and event.client_id == northwind.pk


def test_a_failed_sending_is_retried_later_then_shown_as_failed(northwind: Client, settings: Any) -> None:
    from carewatch.escalation.email_settings import escalation_settings

    _schedule(northwind, "monthly")
    for key, value in escalation_settings({"CAREWATCH_EMAIL_URL": f"smtp://127.0.0.1:{free_port()}?timeout=2"}).items():
        setattr(settings, key, value)  # nobody listens there
    first_of_december = datetime(2026, 12, 1, 12, tzinfo=UTC)
    assert run(first_of_december) == {"planned": 1, "retry": 1}
    sending = ReportSending.objects.get()
    assert sending.state == SendingState.PENDING and sending.last_error
    assert sending.due_at == first_of_december + timedelta(minutes=5)
    assert run(first_of_december + timedelta(minutes=1)) == {"planned": 0}  # not before the backoff
    now = first_of_december
    for _ in range(4):
        now = ReportSending.objects.get().due_at
        run(now)
    sending = ReportSending.objects.get()
    assert (sending.state, sending.attempts) == (SendingState.FAILED, 5)
    assert AuditEvent.objects.filter(action="report.send_failed").count() == 5
