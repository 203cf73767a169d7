"""Report pages: the supervisor dashboard (live, self-refreshing), the client report with its
charts and tables, its PDF and CSV downloads, and the cases behind each figure. Read-only (GET);
exports are audited. The client comes from ``?client=<slug>`` through ``access_client``: another
client's slug is a 404."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from carewatch.inbox.models import Case
from carewatch.reports import charts
from carewatch.reports.actions import record_export
from carewatch.reports.breakdown import DIMENSIONS, dimension, filter_facts, inbox_filter
from carewatch.reports.dashboard import breached_today, dashboard, supervised_clients
from carewatch.reports.document import build, report_csv, table_csv
from carewatch.reports.figures import Period
from carewatch.reports.models import CaseFact, ReportSending
from carewatch.reports.pdf import report_pdf
from carewatch.reports.queries import parse_period
from carewatch.reports.rollups import target_minutes
from carewatch.sla.models import CaseClock
from carewatch.tenancy.access import access_client, visible_clients
from carewatch.tenancy.models import Client, User

FIGURES = {
    "cases": "Cases that began in the period",
    "replied": "Cases with a brand reply",
    "unanswered": "Cases needing a reply that have none",
    "missed": "Cases not answered within the target (calendar time)",
    "excluded": "Cases closed as spam or no reply needed",
    "breached_today": "Cases whose SLA was breached today",
}
CASE_LIMIT = 200


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
    return access_client(user, slug)


def _period(request: HttpRequest) -> Period:
    try:
        return parse_period(request.GET.get("from", "").strip()[:10] or None,
                            request.GET.get("to", "").strip()[:10] or None)
    except ValidationError:
        return parse_period(None, None)


def _query(client: Client, period: Period, **extra: str) -> str:
    return urlencode({"client": client.slug, "from": period.first.isoformat(), "to": period.last.isoformat(),
                      **extra})


# ------------------------------------------------------------------ dashboard
@never_cache
@login_required
@require_GET
def dashboard_view(request: HttpRequest) -> HttpResponse:
    clients = supervised_clients(_user(request))
    if not clients:
        raise PermissionDenied("The dashboard is for supervisors")
    board = dashboard(clients)
    context = {"board": board, "clients": clients, "queue_depth": board.total("open"),
               "due_soon": board.total("due_soon"), "breached": board.total("breached_today"),
               "to_forward": board.total("safety_to_forward")}
    if request.headers.get("HX-Request") and request.GET.get("partial") == "live":
        return render(request, "reports/_live.html", context)
    return render(request, "reports/dashboard.html", context)


# ------------------------------------------------------------------ client report
@never_cache
@login_required
@require_GET
def client_report_view(request: HttpRequest) -> HttpResponse:
    client = _client(request)
    period = _period(request)
    by = dimension(request.GET.get("by"))
    report = build(client, period, by)
    labels = [d["day"][5:] for d in report.daily]
    svg = {
        "volume": charts.line_chart("Inbound messages and replied cases per day", labels, [
            ("Inbound messages", [d["mentions"] for d in report.daily]),
            ("Cases replied", [d["replied"] for d in report.daily])]),
        "speed": charts.line_chart("First response p50 per day, minutes", labels, [
            ("Calendar", [d["p50_calendar"] for d in report.daily]),
            ("Business hours", [d["p50_business"] for d in report.daily])]),
        "platforms": charts.bar_chart("Inbound messages and replied cases by platform",
                                      [p["platform"] for p in report.platforms],
                                      [("Inbound messages", [p["mentions"] for p in report.platforms]),
                                       ("Cases replied", [p["replied"] for p in report.platforms])]),
        "sentiment": charts.bar_chart("Sentiment of inbound messages per day", labels, [
            ("Negative", [d["negative"] for d in report.daily]),
            ("Neutral", [d["neutral"] for d in report.daily]),
            ("Positive", [d["positive"] for d in report.daily])]),
        "arrivals": charts.heatmap("Inbound messages by weekday and hour", report.heat["arrivals"]),
        "replies": charts.heatmap("First replies by weekday and hour", report.heat["replies"]),
    }
    query = _query(client, period)
    daily = report.table("daily")
    assert daily is not None
    heat_rows = [[f"{charts.DAY_NAMES[d]}{' replies' if side else ''}", *report.heat[name][d]]
                 for d in range(7) for side, name in enumerate(("arrivals", "replies"))]
    svg["daily_table"] = charts.html_table("table-daily", daily.columns, daily.rows)
    svg["heat_table"] = charts.html_table("table-heatmap", ["Day", *[str(h) for h in range(24)]], heat_rows,
                                          row_headers=True)
    context: dict[str, Any] = {
        "client": client, "period": period, "report": report, "s": report.summary,
        "svg": {k: mark_safe(v) for k, v in svg.items()},
        "clients": list(visible_clients(_user(request)).order_by("name")),
        "query": query, "day_names": charts.DAY_NAMES,
        "figure_links": {name: f"?{_query(client, period, figure=name)}" for name in FIGURES},
        "by": by, "by_label": DIMENSIONS[by], "dimensions": DIMENSIONS,
        "breakdown": [(row, {name: f"?{_query(client, period, figure=name, by=by, value=row['value'])}"
                             for name in ("cases", "replied", "unanswered", "missed")},
                       f"?{urlencode({'client': client.slug, 'status': 'all', **inbox})}"
                       if (inbox := inbox_filter(by, row["value"])) else "")
                      for row in report.breakdown],
        "sendings": list(ReportSending.objects.filter(client=client).order_by("-first_day", "-pk")[:10]),
    }
    return render(request, "reports/client.html", context)


@never_cache
@login_required
@require_GET
def export_pdf_view(request: HttpRequest) -> HttpResponse:
    client = _client(request)
    period = _period(request)
    body = report_pdf(build(client, period, dimension(request.GET.get("by"))))
    record_export(client, period, "pdf", actor=_user(request))
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{client.slug}-report-{period.first}-{period.last}.pdf"'
    return response


@never_cache
@login_required
@require_GET
def export_csv_view(request: HttpRequest) -> HttpResponse:
    client = _client(request)
    period = _period(request)
    report = build(client, period, dimension(request.GET.get("by")))
    name = request.GET.get("table", "").strip()[:40]
    if name:
        table = report.table(name)
        if table is None:
            raise Http404("No such table")
        body, suffix = table_csv(table), name
    else:
        body, suffix = report_csv(report), "all"
    record_export(client, period, "csv", actor=_user(request), table=name)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{client.slug}-{suffix}-{period.first}-{period.last}.csv"')
    return response


# ------------------------------------------------------------------ the cases behind a figure
@never_cache
@login_required
@require_GET
def cases_view(request: HttpRequest) -> HttpResponse:
    client = _client(request)
    period = _period(request)
    figure = request.GET.get("figure", "cases")
    if figure not in FIGURES:
        figure = "cases"
    breakdown_label = ""
    if figure == "breached_today":
        ids = list(CaseClock.objects.filter(breached_today(client, timezone.now()))
                   .order_by("-case_id").values_list("case_id", flat=True)[:CASE_LIMIT + 1])
        total = CaseClock.objects.filter(breached_today(client, timezone.now())).count()
    else:
        facts = CaseFact.objects.filter(client=client, day__gte=period.first, day__lte=period.last)
        if figure == "replied":
            facts = facts.filter(first_reply_at__isnull=False)
        elif figure == "unanswered":
            facts = facts.filter(excluded=False, first_reply_at__isnull=True)
        elif figure == "missed":
            facts = facts.filter(excluded=False).exclude(calendar_minutes__lte=target_minutes(client))
        elif figure == "excluded":
            facts = facts.filter(excluded=True)
        by, value = request.GET.get("by"), request.GET.get("value")
        if by is not None and value is not None:
            facts = filter_facts(client, facts, by, value)
            breakdown_label = f"{DIMENSIONS[dimension(by)]}: {value or '(none)'}"
        total = facts.count()
        ids = list(facts.order_by("-first_in_at").values_list("case_id", flat=True)[:CASE_LIMIT + 1])
    cases = Case.objects.filter(pk__in=ids[:CASE_LIMIT]).select_related("author", "assignee").order_by("-created_at")
    facts_by_case = {f.case_id: f for f in CaseFact.objects.filter(case_id__in=ids[:CASE_LIMIT])}
    rows = [(case, facts_by_case.get(case.pk)) for case in cases]
    return render(request, "reports/cases.html", {
        "client": client, "period": period, "figure": figure, "title": FIGURES[figure], "rows": rows,
        "breakdown_label": breakdown_label,
        "total": total, "shown": len(rows), "query": _query(client, period),
    })
