"""The newcomer's first hour, in a real browser (issue 13): an agent answers an adverse event with
the approved script; the supervisor finds the approval request in the approvals inbox and the
notifications and approves it; the reply really goes out through the platform sandbox and its
echo comes back into the thread; the agent forwards the safety case; the PV acknowledges the
escalation e-mail from the demo mailbox. Fails on any console error, HTTP error or CSP
violation; screenshots in test-artifacts/. axe-core (vendored from npm, tests/browser/vendor/)
checks each page for serious or critical accessibility violations."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from carewatch.demo.models import DemoMail
from carewatch.escalation.models import Escalation, EscalationState
from carewatch.replies.models import OutboundAction, OutboundStatus, ReplyDraft, TemplateVersion
from carewatch.safety.models import SafetyCase, SafetyStatus
from carewatch.tenancy.models import Channel, Client, User
from tests.browser.test_inbox_in_a_browser import Problems, log_in, screenshot
from tests.conftest import PASSWORD, MentionFactory
from tests.replies.conftest import POLICY, policy, rita, templates  # noqa: F401

try:
    from playwright.sync_api import expect
except ImportError:  # the dev extra is not installed
    expect = None  # type: ignore[assignment]

pytestmark = pytest.mark.browser

AXE = Path(__file__).with_name("vendor") / "axe.min.js"
AE_TEXT = "Since my second Glucavio pen I have terrible nausea and headaches every day"
AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '));
}"""


def accessible(page: Any, where: str) -> None:
    found = page.evaluate(AXE_RUN)
    assert not found, f"axe-core on {where}:\n" + "\n".join(found)


def log_out(page: Any) -> None:
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(re.compile(r"/login/"))


def test_the_newcomer_s_first_hour(
        page: Any, live_server: Any, settings: Any, templates: dict[str, TemplateVersion],  # noqa: F811
        alice: User, sam: User, admin: User, make_mention: MentionFactory, problems: Problems) -> None:
    settings.MAILERS = {"default": {"BACKEND": "carewatch.demo.mailbox.DemoMailBackend"}}
    settings.CAREWATCH_EMAIL_CONFIGURED = True
    settings.CAREWATCH_DEMO_MAILBOX = True
    settings.CAREWATCH_BASE_URL = live_server.url  # links follow the address served
    northwind: Client = templates["ae"].client
    northwind.settings = {**POLICY, "pv_forward_hours": 24, "pv_forward_to": ["pv@northwind.test"],
                          "escalation": [{"category": "adverse_event", "steps": [
                              {"notify": ["pv@northwind.test"], "wait_ack_minutes": 60}]}]}
    northwind.save()
    Channel.objects.filter(client=northwind, platform="facebook").update(settings={"sandbox": True})
    page.context.add_init_script(path=str(AXE))

    mention = make_mention(northwind, AE_TEXT, author="pat")
    case = mention.case
    assert case is not None
    safety_case = SafetyCase.objects.get(case=case, kind="adverse_event")
    escalation = Escalation.objects.get(safety_case=safety_case)
    script = ("Hi @pat, we are sorry to hear this. We take every report seriously; our safety team will "
              "contact you privately. You can also reach us at 1-800-555-0100.")

    # The agent: her inbox, the case, the composer with the approved AE script.
    log_in(page)
    accessible(page, "the inbox")
    page.goto(f"/inbox/case/{case.pk}/")
    expect(page.locator("#composer")).to_be_visible()
    accessible(page, "the case and its composer")
    page.get_by_label("Template").select_option(str(templates["ae"].pk))
    expect(page.get_by_label("Reply", exact=True)).to_have_value(script)
    expect(page.locator("#send-reply")).to_be_enabled()
    screenshot(page, "first-hour-1-ae-script.png")
    with page.expect_navigation():
        page.locator("#send-reply").click()
    expect(page.locator(".messages")).to_contain_text("waits for approval")
    draft = ReplyDraft.objects.get(case=case)

    # She forwards the safety case to PV.
    page.goto(f"/safety/{safety_case.pk}/")
    accessible(page, "the safety case")
    page.locator("#forward-form input[name=signature]").fill(PASSWORD)  # forwarding is an e-signature
    with page.expect_navigation():
        page.locator("#forward").click()
    safety_case.refresh_from_db()
    assert safety_case.status == SafetyStatus.FORWARDED
    page.goto("/safety/")
    accessible(page, "the safety queue")
    screenshot(page, "first-hour-2-safety-queue.png")
    log_out(page)

    # The supervisor: the approval request in the navigation, the approvals inbox, the notifications.
    log_in(page, "sam@agency.test")
    expect(page.locator("#nav-approvals .nav-count")).to_have_text("1")
    expect(page.locator("#nav-notifications .nav-count")).to_be_visible()
    page.locator("#nav-approvals").click()
    expect(page.locator("table.approvals.replies")).to_contain_text(f"Case {case.pk}")
    accessible(page, "the approvals inbox")
    screenshot(page, "first-hour-3-approvals.png")
    page.locator("#nav-notifications").click()
    expect(page.locator("#notifications")).to_contain_text(f"A reply to case {case.pk}")
    accessible(page, "the notifications")
    page.locator("#nav-dashboard").click()
    expect(page.locator("main h1")).to_be_visible()
    accessible(page, "the supervisor dashboard")
    screenshot(page, "first-hour-3b-dashboard.png")
    page.locator("#nav-settings").click()
    accessible(page, "the settings")
    for path in ("sla/", "escalation/", "escalation/adverse_event/", "oncall/", "channels/"):
        page.goto(f"/settings/{northwind.slug}/{path}")
        accessible(page, f"the settings page {path}")
    page.goto(f"/inbox/case/{case.pk}/")
    page.locator(f"#signature-{draft.pk}").fill(PASSWORD)  # so is approving a reply
    with page.expect_navigation():
        page.locator(f"#approve-{draft.pk}").click()
    action = OutboundAction.objects.get(case=case)
    assert action.status == OutboundStatus.SENT and action.external_id
    page.reload()
    expect(page.locator("section.thread")).to_contain_text("our safety team will contact you privately")
    screenshot(page, "first-hour-4-sent-and-echoed.png")
    log_out(page)

    # The PV's e-mail, in the demo mailbox: its link acknowledges the escalation.
    mail = next(m for m in DemoMail.objects.filter(to=["pv@northwind.test"]) if escalation.reference in m.subject)
    log_in(page, admin.email)
    page.goto(f"/demo/mailbox/?mail={mail.pk}")
    expect(page.locator("#mail")).to_contain_text(escalation.reference)
    screenshot(page, "first-hour-5-mailbox.png")
    page.locator("#mail a[href*='/ack/']").first.click()
    page.locator("#ack-button").click()
    escalation.refresh_from_db()
    assert escalation.state == EscalationState.ACKNOWLEDGED
    screenshot(page, "first-hour-6-acknowledged.png")


def test_no_page_is_wider_than_a_1280_px_screen(page: Any, templates: dict[str, TemplateVersion],  # noqa: F811
                                                 sam: User, make_mention: MentionFactory) -> None:
    northwind = templates["ae"].client
    for i in range(6):
        make_mention(northwind, f"Is Glucavio covered by my insurance plan number {i}? thanks-a-lot-{'x' * 60}",
                     author=f"longhandle_{i}_{'y' * 20}")
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, "sam@agency.test")
    for path in ("/inbox/", "/channels/", "/safety/", "/escalations/", "/approvals/", "/notifications/",
                 "/safety/reports/reconciliation/", "/reports/", "/settings/northwind/sla/",
                 "/settings/northwind/escalation/"):
        page.goto(path)
        overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} is {overflow} px wider than the screen"
