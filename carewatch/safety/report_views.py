"""The safety proof reports: the reconciliation (page, CSV, PDF) and the daily line listing (CSV).

Read-only views (GET only). The client comes from ``?client=<slug>`` through ``access_client``:
another client's slug is a 404 like any object that is not the user's. Every role of the client may
read them, the read-only viewer and the client's own reviewer included: they prove what happened
and change nothing. Each view or export writes an audit event (``safety.report.view`` /
``safety.report.export``) naming the report, the client and the period, because auditors ask
who pulled what.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from carewatch.audit.chain import append
from carewatch.safety.line_listing import LINE_LISTING_HEADER, line_listing_rows, reconciliation_csv, write_csv
from carewatch.safety.reconciliation import OUTCOME_LABELS, Reconciliation, reconcile
from carewatch.safety.report_pdf import reconciliation_pdf
from carewatch.tenancy.access import access_client, visible_clients
from carewatch.tenancy.models import Client, Role, User

# Every role may read the proof reports of its own clients (agents, the read-only viewer and the
# client's reviewer included); nothing here writes. Narrow this set to restrict them.
REPORT_ROLES = frozenset({Role.ADMIN, Role.SUPERVISOR, Role.SAFETY, Role.REVIEWER, Role.VIEWER, Role.AGENT})
DEFAULT_DAYS = 30
EARLIEST, LATEST = date(2000, 1, 1), date(2099, 12, 31)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _client(request: HttpRequest) -> Client:
    user = _user(request)
    slug = request.GET.get("client", "").strip()[:100]
    if not slug:
        first = visible_clients(user).order_by("name", "id").first()
        if first is None:
            raise Http404("No client")
        slug = first.slug
    return access_client(user, slug, REPORT_ROLES)


def _date(value: str | None) -> date | None:
    """A date from the query, or None for anything unreadable or absurd (year 1 or 9999)."""
    try:
        day = date.fromisoformat((value or "").strip()[:10])
    except ValueError:
        return None
    return day if EARLIEST <= day <= LATEST else None


def _today(client: Client) -> date:
    return timezone.now().astimezone(client.tz).date()


def _period(request: HttpRequest, client: Client) -> tuple[date, date]:
    """``start``/``end`` from the query (local dates, inclusive); by default the last 30 days."""
    end = _date(request.GET.get("end")) or _today(client)
    start = _date(request.GET.get("start")) or end - timedelta(days=DEFAULT_DAYS - 1)
    return (start, end) if start <= end else (end, start)


def _audit(user: User, client: Client, action: str, data: dict[str, Any]) -> None:
    with transaction.atomic():
        append(action, actor=user, client_id=client.pk, obj=client, data=data)


def _report(request: HttpRequest) -> tuple[Client, Reconciliation]:
    client = _client(request)
    start, end = _period(request, client)
    return client, reconcile(client, start, end)


def _summary(rec: Reconciliation, fmt: str) -> dict[str, Any]:
    return {"report": "reconciliation", "format": fmt, "start": rec.start.isoformat(), "end": rec.end.isoformat(),
            "rows": len(rec.rows), "overdue": len(rec.overdue)}


def _download(body: str | bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
@never_cache
def reconciliation_view(request: HttpRequest) -> HttpResponse:
    client, rec = _report(request)
    user = _user(request)
    _audit(user, client, "safety.report.view", _summary(rec, "html"))
    query = f"client={client.slug}&start={rec.start.isoformat()}&end={rec.end.isoformat()}"
    return render(request, "safety/reports/reconciliation.html", {
        "rec": rec,
        "client": client,
        "clients": visible_clients(user).order_by("name"),
        "query": query,
        "outcome_labels": OUTCOME_LABELS,
        "yesterday": _today(client) - timedelta(days=1),
    })


@login_required
@require_GET
@never_cache
def reconciliation_csv_view(request: HttpRequest) -> HttpResponse:
    client, rec = _report(request)
    body = reconciliation_csv(rec)
    _audit(_user(request), client, "safety.report.export", _summary(rec, "csv"))
    return _download(body, "text/csv; charset=utf-8",
                     f"carewatch-reconciliation-{client.slug}-{rec.start}-{rec.end}.csv")


@login_required
@require_GET
@never_cache
def reconciliation_pdf_view(request: HttpRequest) -> HttpResponse:
    client, rec = _report(request)
    user = _user(request)
    body = reconciliation_pdf(rec, generated_by=user.email)
    _audit(user, client, "safety.report.export", _summary(rec, "pdf"))
    return _download(body, "application/pdf", f"carewatch-reconciliation-{client.slug}-{rec.start}-{rec.end}.pdf")


@login_required
@require_GET
@never_cache
def line_listing_view(request: HttpRequest) -> HttpResponse:
    client = _client(request)
    day = _date(request.GET.get("date")) or _today(client) - timedelta(days=1)
    rows = line_listing_rows(client, day)
    body = write_csv(LINE_LISTING_HEADER, rows)
    _audit(_user(request), client, "safety.report.export",
           {"report": "line_listing", "format": "csv", "date": day.isoformat(), "rows": len(rows)})
    return _download(body, "text/csv; charset=utf-8", f"carewatch-line-listing-{client.slug}-{day}.csv")
