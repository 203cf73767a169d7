"""Reports in a real browser (Debian's Chromium through Playwright): a supervisor opens the
dashboard, drills from "breaches today" to the case, opens the client report with its charts,
and downloads the PDF and the CSV. Fails on any console error or CSP violation."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from carewatch.reports.dashboard import today_start
from carewatch.reports.rollups import refresh
from carewatch.sla.actions import reconcile
from carewatch.sla.models import CaseClock
from carewatch.tenancy.models import Client, User
from tests.browser.test_inbox_in_a_browser import Problems, log_in, screenshot
from tests.conftest import MentionFactory

try:
    from playwright.sync_api import expect
except ImportError:  # the dev extra is not installed
    expect = None  # type: ignore[assignment]

pytestmark = pytest.mark.browser


def test_a_supervisor_drills_from_the_dashboard_to_a_breach_and_downloads_the_client_report(
    page: Any, northwind: Client, sam: User, make_mention: MentionFactory, problems: Problems, tmp_path: Any
) -> None:
    now = timezone.now()
    # "Today" is the client's day: near its midnight, "30 minutes ago" is yesterday, so every
    # event the figures count falls between the client's midnight and now, whatever the hour.
    since_midnight = now - today_start(northwind, now)
    late = make_mention(northwind, "Nobody answered me for hours", author="rosa", created=now - timedelta(hours=6))
    assert late.case_id is not None
    reconcile(late.case_id)
    CaseClock.objects.filter(case_id=late.case_id).update(
        first_breached_at=now - min(timedelta(minutes=30), since_midnight / 4))
    question = make_mention(northwind, "Is the pen covered?", author="pat",
                            created=now - min(timedelta(hours=2), since_midnight * 3 / 4))
    make_mention(northwind, "Please DM us.", author="NorthwindRx", direction="out", parent=question.external_id,
                 thread=question.thread_key, created=now - min(timedelta(hours=1, minutes=20), since_midnight / 2))
    refresh()

    log_in(page, "sam@agency.test")
    page.get_by_role("link", name="Dashboard", exact=True).click()
    page.wait_for_url(re.compile(r"/reports/$"))
    expect(page.locator("#breaches-today")).to_have_text("1")
    expect(page.locator("#queue-depth")).to_have_text("2")
    screenshot(page, "reports-dashboard.png")

    page.locator("#by-client a.breaches").click()
    page.wait_for_url(re.compile(r"figure=breached_today"))
    expect(page.locator("#cases")).to_contain_text("@rosa")
    screenshot(page, "reports-breaches.png")
    page.get_by_role("link", name=f"#{late.case_id}").click()
    page.wait_for_url(re.compile(rf"/inbox/case/{late.case_id}/$"))

    page.get_by_role("link", name="Reports", exact=True).click()
    page.wait_for_url(re.compile(r"/reports/client/"))
    today = timezone.localdate(timezone=northwind.tz).isoformat()
    page.goto(f"/reports/client/?client=northwind&from={today}&to={today}")
    expect(page.locator("#fig-replied")).to_have_text("1")
    assert page.locator("svg[role=img]").count() == 6
    screenshot(page, "reports-client.png")

    with page.expect_download() as pdf:
        page.locator("#export-pdf").click()
    path = tmp_path / "report.pdf"
    pdf.value.save_as(path)
    assert path.read_bytes().startswith(b"%PDF")
    with page.expect_download() as csv:
        page.locator("#export-csv").click()
    path = tmp_path / "report.csv"
    csv.value.save_as(path)
    assert path.read_text().startswith("# table: summary")
