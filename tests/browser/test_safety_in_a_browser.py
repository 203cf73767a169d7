"""The safety desk in a real browser (Debian's Chromium through Playwright): an agent finds a
flagged adverse event by its deadline and forwards it; the safety reviewer dismisses a false flag
with a reason. Fails on any console error or CSP violation, like every browser test here."""

from __future__ import annotations

import re
from typing import Any

import pytest

from carewatch.safety.models import SafetyCase, SafetyStatus
from carewatch.tenancy.models import Client, User
from tests.browser.test_inbox_in_a_browser import Problems, log_in, screenshot
from tests.conftest import PASSWORD, MentionFactory

try:
    from playwright.sync_api import expect
except ImportError:  # the dev extra is not installed
    expect = None  # type: ignore[assignment]

pytestmark = pytest.mark.browser


def test_an_agent_forwards_an_adverse_event_and_the_safety_reviewer_dismisses_a_false_flag(
    page: Any, northwind: Client, alice: User, quinn: User, make_mention: MentionFactory, problems: Problems
) -> None:
    northwind.settings = {"pv_forward_to": ["drugsafety@northwind.test"]}
    northwind.save()
    real = SafetyCase.objects.get(links__mention=make_mention(
        northwind, "Since starting Glucavio I have terrible nausea and headaches", author="pat"))
    false_flag = SafetyCase.objects.get(links__mention=make_mention(
        northwind, "Glucavio gives terrible nausea and headaches, says a forum I read", author="kim"))

    log_in(page)
    page.get_by_role("link", name="Safety", exact=True).click()
    page.wait_for_url(re.compile(r"/safety/$"))
    expect(page.locator("table.safety-queue")).to_contain_text(real.reference)
    expect(page.locator("table.safety-queue")).to_contain_text("due in 23 h")
    screenshot(page, "safety-queue.png")

    page.get_by_role("link", name=real.reference).click()
    expect(page.locator("#elements")).to_contain_text("Event")
    expect(page.locator("#elements")).to_contain_text("nausea")
    page.get_by_role("button", name="Start review").click()
    expect(page.locator("#safety-status")).to_have_text("In review")
    page.locator("#forward-form input[name=signature]").fill(PASSWORD)  # forwarding is an e-signature
    page.get_by_role("button", name="Forward to PV").click()
    expect(page.locator("#safety-status")).to_have_text("Forwarded")
    expect(page.locator("#timeline")).to_contain_text("safety.forward")
    screenshot(page, "safety-case-forwarded.png")
    real.refresh_from_db()
    assert real.status == SafetyStatus.FORWARDED and real.forwarded_to == ["drugsafety@northwind.test"]
    assert page.locator("#dismiss").count() == 0  # an agent is offered no dismissal

    page.context.clear_cookies()
    log_in(page, "quinn@agency.test")
    page.goto(f"/safety/{false_flag.pk}/")
    page.get_by_label("Reason for dismissal").fill("Not an AE: the author reports what a forum says")
    page.locator("#dismiss-form input[name=signature]").fill(PASSWORD)
    page.get_by_role("button", name="Dismiss").click()
    expect(page.locator("#safety-status")).to_have_text("Dismissed")
    expect(page.locator(".signatures")).to_contain_text("Dismissed (not a reportable case) by Quinn")
    expect(page.locator(".signatures")).to_contain_text("matches the record")
    false_flag.refresh_from_db()
    assert false_flag.status == SafetyStatus.DISMISSED and false_flag.ended_by == quinn
    problems.check()
