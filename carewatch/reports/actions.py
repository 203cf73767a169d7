"""The reports' recorded acts: each export of a client report (PDF, CSV, JSON; from the page,
the API or the command line) and each scheduled sending is an audit event."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from carewatch.audit.chain import append
from carewatch.reports.figures import Period
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
