"""Crisis mode in a real browser (Debian's Chromium through Playwright, against the live server): a
spike alert arrives, a supervisor promotes it to an incident, the pinned holding statement is used
in a reply, the incident is stood down and its summary PDF downloads. Fails on any console error,
HTTP error or CSP violation, like every browser test here."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
import respx
from django.db import transaction

from carewatch.crisis.models import Alert, Incident
from carewatch.crisis.tasks import run_detection
from carewatch.replies.models import ReplyDraft
from carewatch.tenancy.models import Client, User
from tests.browser.test_inbox_in_a_browser import Problems, log_in, screenshot
from tests.conftest import MentionFactory
from tests.replies.conftest import approved, policy, rita  # noqa: F401

try:
    from playwright.sync_api import expect
except ImportError:  # the dev extra is not installed
    expect = None  # type: ignore[assignment]

pytestmark = pytest.mark.browser

GRAPH = "https://graph.facebook.com/v25.0"
HOLDING = "Hi {handle}, we are aware of this and are looking into it urgently. Please send us a DM."


def test_an_alert_becomes_an_incident_the_holding_statement_is_used_and_the_summary_downloads(
    page: Any, policy: Client, sam: User, rita: User, make_mention: MentionFactory,  # noqa: F811 (fixtures)
    problems: Problems,
) -> None:
    client = policy
    client.settings = {**client.settings, "crisis": {"floor": {"negative": 5, "minutes": 15}}}
    client.save()
    version = approved(client, "holding-viral-complaint", "holding_statement", HOLDING, sam, rita)
    now = datetime.now(UTC)
    texts = ["Two hours on hold with your billing line and then they hung up on me, shame on you",
             "Your staff were rude to my mother at the front desk, disgraceful and shameful"]
    mentions = [make_mention(client, f"{texts[i % 2]} #{i}", author=f"angry{i}",
                             created=now - timedelta(seconds=20 * (i + 1))) for i in range(6)]
    with transaction.atomic():
        [alert] = run_detection(client, now)

    with respx.mock(assert_all_called=False) as graph:
        graph.post(url__regex=rf"{GRAPH}/.*/comments").mock(
            return_value=httpx.Response(200, json={"id": "1234567890_888"}))

        # The alert arrives; a supervisor opens it and promotes it to an incident.
        log_in(page, sam.email)
        page.goto("/crisis/")
        page.get_by_role("link", name=alert.reference).click()
        expect(page.locator("#alert-state")).to_contain_text("Open")
        expect(page.locator("figure svg")).to_be_visible()
        page.get_by_label("Playbook").select_option("viral_complaint")
        with page.expect_navigation():
            page.locator("#promote-alert").click()
        incident = Incident.objects.get()
        expect(page.locator("h1")).to_contain_text(incident.reference)
        expect(page.locator("#holding-statements")).to_contain_text("looking into it urgently")
        expect(page.locator("#incident-chart svg")).to_be_visible()
        screenshot(page, "crisis-incident.png")

        # The holding statement is pinned first in the composer of a crisis case, and used.
        case = mentions[0].case
        assert case is not None
        page.goto(f"/inbox/case/{case.pk}/")
        options = page.locator("#reply-template option").all_inner_texts()
        assert "holding-viral-complaint" in options[1], options
        page.get_by_label("Template").select_option(str(version.pk))
        expect(page.get_by_label("Reply", exact=True)).to_have_value(
            "Hi @angry0, we are aware of this and are looking into it urgently. Please send us a DM.")
        expect(page.locator("#send-reply")).to_be_enabled()
        with page.expect_navigation():
            page.locator("#send-reply").click()
        draft = ReplyDraft.objects.get(case=case)
        assert draft.template_version == version

        # The incident is stood down; the summary is kept and downloads as a PDF.
        page.goto(f"/crisis/incidents/{incident.pk}/")
        page.get_by_label("Note").fill("Back to baseline; the family was called back.")
        with page.expect_navigation():
            page.locator("#stand-down").click()
        expect(page.locator("#incident-state")).to_have_text("Stood down")
        expect(page.locator("#summary")).to_contain_text("minutes")
        with page.expect_download() as download_info:
            page.locator("#summary-pdf").click()
        download = download_info.value
        assert download.suggested_filename == f"{incident.reference}-summary.pdf"
        with open(download.path(), "rb") as pdf:
            assert pdf.read(4) == b"%PDF"
        screenshot(page, "crisis-stood-down.png")

    alert.refresh_from_db()
    assert alert.state == "promoted" and Alert.objects.count() == 1
    problems.check()
