"""What a user may see of the reports, and the period they ask for. Views, the API and the CLI
all come through here: a client the user cannot see is a 404 (``tenancy/access.py``)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from carewatch.reports.figures import Period, client_summary, summarise
from carewatch.tenancy.access import access_client, visible_clients
from carewatch.tenancy.models import Client, User

MAX_DAYS = 731
DEFAULT_DAYS = 28


def parse_period(first: str | None, last: str | None, today: date | None = None) -> Period:
    """``from`` / ``to`` as YYYY-MM-DD (both inclusive, the client's local days). Missing: the
    28 days up to yesterday (or up to ``to``)."""
    today = today or timezone.now().date()
    try:
        end = date.fromisoformat(last) if last else today - timedelta(days=1)
        start = date.fromisoformat(first) if first else end - timedelta(days=DEFAULT_DAYS - 1)
    except ValueError:
        raise ValidationError("from and to are dates: YYYY-MM-DD") from None
    if start > end:
        raise ValidationError("from is after to")
    if (end - start).days + 1 > MAX_DAYS:
        raise ValidationError(f"a report covers at most {MAX_DAYS} days")
    return Period(start, end)


def report_clients(user: User, slug: str | None) -> list[Client]:
    """The one client named (404 unless the user may see it) or every client the user sees."""
    if slug:
        return [access_client(user, slug)]
    return list(visible_clients(user).order_by("name"))


def summary_for(user: User, slug: str | None, period: Period, by: str | None = None) -> dict[str, Any]:
    """One client's summary (with ``by``: and its breakdown); without a client, each visible
    client's and their total."""
    from carewatch.reports.breakdown import breakdown, dimension

    clients = report_clients(user, slug)
    if slug:
        out = client_summary(clients[0], period)
        if by:
            out["breakdown"] = {"by": dimension(by), "rows": breakdown(clients[0], period, dimension(by))}
        return out
    return {
        "from": period.first.isoformat(),
        "to": period.last.isoformat(),
        "clients": [client_summary(c, period) for c in clients],
        "total": summarise(clients, period) if clients else None,
    }
