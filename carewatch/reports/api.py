"""Reports in the REST API: the summary figures of a client (or of every client the caller sees,
with their total). Definitions: docs/reports.md."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from carewatch.reports.queries import parse_period, summary_for
from carewatch.tenancy.models import User

router = Router(tags=["reports"])


class Error(Schema):
    detail: Any


class SummaryParams(Schema):
    client: str | None = None
    from_: str | None = Field(None, alias="from")
    to: str | None = None
    by: str | None = None


@router.get("/reports/summary", response={200: dict[str, Any], 404: Error, 422: Error})
def report_summary(request: HttpRequest, params: Query[SummaryParams]) -> dict[str, Any]:
    """Figures over whole days (YYYY-MM-DD, inclusive) in the client's time zone. With
    ``client``: that client's figures (404 if you cannot see it). Without: each client you see,
    and their total. ``by`` (platform, channel, agent, team, tag, label, language; with
    ``client``) adds ``breakdown``: that client's figures per value of the dimension."""
    user = request.user
    assert isinstance(user, User)
    return summary_for(user, params.client, parse_period(params.from_, params.to), by=params.by)
