"""The reports' recorded acts: each export of a client report (PDF, CSV, JSON; from the page,
the API or the command line) and each scheduled sending is an audit event."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from carewatch.audit.chain import append
from carewatch.reports.figures import Period
from carewatch.reports.models import ReportSending, SendingState
from carewatch.tenancy.access import require_role
from carewatch.tenancy.models import Client, User


def record_export(client: Client, period: Period, fmt: str, *, actor: User | None = None,
                  actor_label: str | None = None, table: str = "") -> None:
    """Audit one export; a user must be able to see the client (404 otherwise)."""
    if actor is not None:
        require_role(actor, client.pk)
    data: dict[str, Any] = {"format": fmt, "from": period.first.isoformat(), "to": period.last.isoformat()}
    if table:
        data["table"] = table
    with transaction.atomic():
        append("report.export", actor=actor, actor_label=actor_label, client_id=client.pk,
               object_type="report", object_id=client.slug, data=data)


def record_sending(sending: ReportSending) -> None:
    """A scheduled report went out: mark it sent and audit it, in one transaction."""
    now = timezone.now()
    with transaction.atomic():
        ReportSending.objects.filter(pk=sending.pk).update(state=SendingState.SENT, sent_at=now, last_error="")
        append("report.sent", actor_label="scheduled reports", client_id=sending.client_id, obj=sending,
               data={"every": sending.every, "from": sending.first_day.isoformat(),
                     "to": sending.last_day.isoformat(), "recipients": list(sending.recipients),
                     "attempt": sending.attempts})


def record_sending_failure(sending: ReportSending, error: str, retry_at: datetime | None) -> None:
    """A sending failed: pending again until ``retry_at``, or failed for good; audited."""
    with transaction.atomic():
        fields: dict[str, Any] = {"last_error": error[:300]}
        if retry_at is None:
            fields["state"] = SendingState.FAILED
        else:
            fields["due_at"] = retry_at
        ReportSending.objects.filter(pk=sending.pk).update(**fields)
        append("report.send_failed", actor_label="scheduled reports", client_id=sending.client_id, obj=sending,
               data={"every": sending.every, "from": sending.first_day.isoformat(), "attempt": sending.attempts,
                     "error": error[:300], "retry_at": retry_at.isoformat() if retry_at else None})
