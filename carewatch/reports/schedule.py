"""Scheduled reports: each client's weekly and monthly report, e-mailed (PDF and CSV attached)
through the same SMTP path as the escalation e-mails, to the recipients named in the client's
configuration:

    clients:
      - slug: northwind
        reports:
          target_minutes: 240
          schedules:
            - {every: weekly, to: [brand-team@northwind.example]}   # Monday, the week before
            - {every: monthly, to: [vp@northwind.example]}          # the 1st, the month before

A sending is planned once the period is over (06:00 local time the next Monday / the 1st), one
row per client, schedule and period (planning twice changes nothing). Each attempt is claimed
with a conditional UPDATE (one sender however many workers), each outcome is an audit event,
and a failure is retried with backoff, then shown as failed on the client's report page.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from carewatch.escalation.delivery import DeliveryError, _safe_error
from carewatch.reports import actions
from carewatch.reports.document import build, report_csv
from carewatch.reports.figures import Period
from carewatch.reports.models import ReportSending, SendingState
from carewatch.reports.pdf import report_pdf
from carewatch.tenancy.models import Client

log = logging.getLogger(__name__)
EVERY = ("weekly", "monthly")
SEND_AT = time(6, 0)  # local time, the day after the period ends
BACKOFF = (timedelta(minutes=5), timedelta(minutes=15), timedelta(hours=1), timedelta(hours=4))
MAX_ATTEMPTS = len(BACKOFF) + 1


def schedules_of(client: Client) -> list[dict[str, Any]]:
    """The client's valid schedules: ``every`` weekly or monthly, ``to`` a list of addresses."""
    out = []
    for entry in ((client.settings or {}).get("reports") or {}).get("schedules") or []:
        if not isinstance(entry, dict) or entry.get("every") not in EVERY:
            continue
        to = [str(a).strip() for a in entry.get("to") or [] if "@" in str(a)]
        if to:
            out.append({"every": entry["every"], "to": to})
    return out


def last_period(every: str, today: date) -> Period:
    """The last whole week (Monday to Sunday) or calendar month before ``today``."""
    if every == "weekly":
        monday = today - timedelta(days=today.weekday())
        return Period(monday - timedelta(days=7), monday - timedelta(days=1))
    first_of_this = today.replace(day=1)
    last = first_of_this - timedelta(days=1)
    return Period(last.replace(day=1), last)


def plan(now: datetime | None = None) -> int:
    """Create the sendings whose period has ended (idempotent). Returns how many are new."""
    now = now or timezone.now()
    created = 0
    for client in Client.objects.filter(is_active=True):
        local = now.astimezone(client.tz)
        for schedule in schedules_of(client):
            period = last_period(schedule["every"], local.date())
            due = datetime.combine(period.last + timedelta(days=1), SEND_AT, tzinfo=client.tz)
            if due > now:
                continue
            try:
                with transaction.atomic():
                    _, new = ReportSending.objects.get_or_create(
                        client=client, every=schedule["every"], first_day=period.first,
                        defaults={"last_day": period.last, "recipients": schedule["to"], "due_at": due})
            except IntegrityError:
                new = False  # another worker planned it at the same moment
            created += new
    return created


def claim(sending_id: int, now: datetime) -> bool:
    return bool(ReportSending.objects.filter(pk=sending_id, state=SendingState.PENDING, due_at__lte=now)
                .update(due_at=now + timedelta(minutes=30), attempts=F("attempts") + 1))


def send_report_email(sending: ReportSending) -> None:
    client = sending.client
    period = Period(sending.first_day, sending.last_day)
    report = build(client, period)
    s = report.summary
    body = (f"{client.name}: {sending.every} care report, {period.first} to {period.last} ({client.timezone}).\n\n"
            f"Inbound messages: {s['mentions']}\nCases replied: {s['replied']} of {s['cases']}\n"
            f"First response p50: {s['first_response_minutes']['calendar']['p50']} min "
            f"({s['first_response_minutes']['business']['p50']} business minutes)\n"
            f"Answered within {s['target_minutes']} min: {s['answered_within_target_pct']} %\n"
            f"Safety items forwarded on time: {s['safety']['forwarded_on_time_pct']} % "
            f"({s['safety']['late']} late)\n\nThe full report and every table are attached.\n")
    email = EmailMessage(
        subject=f"{client.name} care report {period.first} to {period.last}", body=body,
        from_email=settings.DEFAULT_FROM_EMAIL, to=list(sending.recipients),
        headers={"Auto-Submitted": "auto-generated", "X-Carewatch-Reference": f"REPORT-{sending.pk}"})
    name = f"{client.slug}-report-{period.first}-{period.last}"
    email.attach(f"{name}.pdf", report_pdf(report), "application/pdf")
    email.attach(f"{name}.csv", report_csv(report), "text/csv")
    try:
        sent = email.send(using="default") if hasattr(settings, "MAILERS") else email.send()
    except DeliveryError:
        raise
    except Exception as exc:  # smtplib and socket errors of every kind
        raise DeliveryError(_safe_error(exc)) from None
    if sent != 1:
        raise DeliveryError("the SMTP server did not accept the message")


def deliver(sending_id: int, now: datetime | None = None) -> str:
    now = now or timezone.now()
    if not claim(sending_id, now):
        return "skipped"
    sending = ReportSending.objects.select_related("client").get(pk=sending_id)
    try:
        send_report_email(sending)
    except DeliveryError as exc:
        retry = sending.attempts < MAX_ATTEMPTS
        retry_at = now + BACKOFF[sending.attempts - 1] if retry else None
        actions.record_sending_failure(sending, str(exc), retry_at)
        log.info("scheduled report %s failed (attempt %s): %s", sending.pk, sending.attempts, exc)
        return "retry" if retry else "failed"
    actions.record_sending(sending)
    return "sent"


def run(now: datetime | None = None) -> dict[str, int]:
    """Plan what is due and send every pending sending whose time has come."""
    now = now or timezone.now()
    outcome: dict[str, int] = {"planned": plan(now)}
    for pk in ReportSending.objects.filter(state=SendingState.PENDING, due_at__lte=now).values_list("pk", flat=True):
        result = deliver(pk, now)
        outcome[result] = outcome.get(result, 0) + 1
    return outcome
