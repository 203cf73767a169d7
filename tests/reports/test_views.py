"""The dashboard, the client report page, its downloads and the cases behind a figure."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from django.test import Client as HttpClient
from django.utils import timezone

from carewatch.audit.models import AuditEvent
from carewatch.reports.rollups import refresh
from carewatch.sla.actions import reconcile
from carewatch.sla.models import CaseClock
from carewatch.tenancy.models import Client, User
from tests.conftest import MentionFactory


def logged_in(user: User) -> HttpClient:
    client = HttpClient()
    client.force_login(user)
    return client


def test_the_dashboard_counts_the_open_queue_and_links_breaches_to_their_cases(
        northwind: Client, make_mention: MentionFactory, sam: User) -> None:
    waiting = make_mention(northwind, "Hello?", author="ann", created=timezone.now() - timedelta(hours=5))
    make_mention(northwind, "Anyone?", author="bea", created=timezone.now() - timedelta(minutes=5))
    assert waiting.case_id is not None
    reconcile(waiting.case_id)
    CaseClock.objects.filter(case_id=waiting.case_id).update(first_breached_at=timezone.now())
    page = logged_in(sam).get("/reports/").content.decode()
    assert 'id="queue-depth" href="/inbox/">2<' in page
    assert f'id="oldest-waiting" href="/inbox/case/{waiting.case_id}/"' in page
    assert 'id="breaches-today">1<' in page
    assert 'href="/reports/client/cases/?client=northwind&amp;figure=breached_today">1</a>' in page
    drill = logged_in(sam).get("/reports/client/cases/?client=northwind&figure=breached_today").content.decode()
    assert f'href="/inbox/case/{waiting.case_id}/"' in drill and 'id="case-total">1<' in drill
    partial = logged_in(sam).get("/reports/?partial=live", headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in partial and 'id="queue-depth"' in partial


def test_the_dashboard_is_for_supervisors_and_the_nav_shows_it_only_to_them(
        northwind: Client, sam: User, alice: User, victor: User) -> None:
    assert logged_in(alice).get("/reports/").status_code == 403
    assert logged_in(victor).get("/reports/").status_code == 403
    assert 'href="/reports/">Dashboard' in logged_in(sam).get("/inbox/").content.decode()
    assert 'href="/reports/">Dashboard' not in logged_in(alice).get("/inbox/").content.decode()


def test_the_client_report_shows_charts_with_their_tables_and_links_numbers_to_cases(
        northwind: Client, make_mention: MentionFactory, victor: User) -> None:
    question = make_mention(northwind, "Is the pen covered?", created=datetime(2026, 11, 13, 22, 30, tzinfo=UTC))
    make_mention(northwind, "Please DM us.", author="NorthwindRx", direction="out", parent=question.external_id,
                 thread=question.thread_key, created=datetime(2026, 11, 16, 14, 45, tzinfo=UTC))
    make_mention(northwind, "Hello?", author="bea", created=datetime(2026, 11, 14, 15, tzinfo=UTC))
    refresh()
    client = logged_in(victor)
    page = client.get("/reports/client/?client=northwind&from=2026-11-10&to=2026-11-16").content.decode()
    assert page.count("<svg") == 6 and "<script" not in page.split("</head>")[1]
    assert 'id="table-daily"' in page and 'id="table-platforms"' in page and 'id="table-heatmap"' in page
    assert 'id="fig-replied" href="/reports/client/cases/?client=northwind&amp;from=2026-11-10&amp;to=2026-11-16&amp;figure=replied">1<' in page
    assert "3855 / 3855 min" in page
    unanswered = client.get("/reports/client/cases/?client=northwind&from=2026-11-10&to=2026-11-16"
                            "&figure=unanswered").content.decode()
    assert "@bea" in unanswered and "@pat" not in unanswered
    assert 'style="' not in page  # nothing for the CSP to refuse


def test_the_downloads_are_a_pdf_and_csv_and_each_is_audited(northwind: Client, victor: User, bob: User) -> None:
    client = logged_in(victor)
    pdf = client.get("/reports/client/report.pdf?client=northwind&from=2026-11-01&to=2026-11-07")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert "northwind-report-2026-11-01-2026-11-07.pdf" in pdf["Content-Disposition"]
    csv = client.get("/reports/client/report.csv?client=northwind&from=2026-11-01&to=2026-11-07&table=daily")
    assert csv.content.decode().splitlines()[0].startswith("Day,Inbound messages")
    assert len(csv.content.decode().splitlines()) == 8
    assert AuditEvent.objects.filter(action="report.export", client_id=northwind.pk).count() == 2
    assert logged_in(bob).get("/reports/client/report.pdf?client=northwind").status_code == 404
    assert client.get("/reports/client/report.csv?client=northwind&table=nope").status_code == 404


def test_a_period_that_does_not_parse_falls_back_to_the_last_28_days(northwind: Client, victor: User) -> None:
    page: Any = logged_in(victor).get("/reports/client/?client=northwind&from=nonsense")
    assert page.status_code == 200
    assert page.content.decode().count('<tr><td>') >= 28
