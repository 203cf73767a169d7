"""The reply flow in a real browser (Debian's Chromium through Playwright, against the live server):
an agent answers an off-label question; the lint blocks her free text; she uses the Medical
Information template; a reviewer approves it; the outbox sends it to Meta's Graph API (mocked
with respx) with the documented request: ``POST /{comment-id}/comments`` with ``message``.
Fails on any console error, HTTP error or CSP violation, like every browser test here."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
import respx

from carewatch.replies.models import OutboundAction, OutboundStatus, ReplyDraft, ReplyStatus, TemplateVersion
from carewatch.tenancy.models import User
from tests.browser.test_inbox_in_a_browser import Problems, log_in, screenshot
from tests.conftest import PASSWORD, MentionFactory
from tests.replies.conftest import MI_PHONE, PAGE_TOKEN, policy, rita, templates  # noqa: F401

try:
    from playwright.sync_api import expect
except ImportError:  # the dev extra is not installed
    expect = None  # type: ignore[assignment]

pytestmark = pytest.mark.browser

GRAPH = "https://graph.facebook.com/v25.0"


def test_an_off_label_question_is_answered_with_the_mi_template_after_a_reviewer_approves(
    page: Any, templates: dict[str, TemplateVersion], alice: User, rita: User,  # noqa: F811 (fixtures)
    make_mention: MentionFactory, problems: Problems,
) -> None:
    mi = templates["mi"]
    mention = make_mention(mi.client, "Can I use Glucavio for weight loss?", author="pat")
    case = mention.case
    assert case is not None and "off_label" in mention.labels
    expected = ("Hi @pat, thank you for your question. Our Medical Information team can answer it: "
                f"please call {MI_PHONE}.")

    with respx.mock(assert_all_called=False) as graph:
        route = graph.post(f"{GRAPH}/{mention.external_id}/comments").mock(
            return_value=httpx.Response(200, json={"id": "1234567890_777"}))

        # The agent writes free text: the lint blocks it, inline, and the send button waits.
        log_in(page)
        page.goto(f"/inbox/case/{case.pk}/")
        expect(page.locator("#composer")).to_be_visible()
        options = page.locator("#reply-template option").all_inner_texts()
        assert "suggested" in options[1] and "mi-referral" in options[1]  # the MI referral comes first
        page.get_by_label("Reply", exact=True).fill("Yes! Many people use Glucavio for weight loss.")
        finding = page.locator('#findings li[data-rule="medical_content"]').first
        expect(finding).to_contain_text("Medical Information")
        expect(page.locator("#send-reply")).to_be_disabled()
        screenshot(page, "reply-blocked.png")

        # The Medical Information template: filled for this case, nothing to find, sent for approval.
        page.get_by_label("Template").select_option(str(mi.pk))
        expect(page.get_by_label("Reply", exact=True)).to_have_value(expected)
        expect(page.locator("#findings")).to_contain_text("No findings.")
        expect(page.locator("#edit-ratio")).to_contain_text("Edited 0%")
        expect(page.locator("#send-reply")).to_be_enabled()
        with page.expect_navigation():
            page.locator("#send-reply").click()
        expect(page.locator(".messages")).to_contain_text("waits for approval")
        draft = ReplyDraft.objects.get(case=case)
        expect(page.locator(f'li.reply[data-reply-id="{draft.pk}"] .reply-status')).to_have_text(
            "Waiting for approval")
        assert page.locator(f"#approve-{draft.pk}").count() == 0  # nobody approves their own reply
        assert not route.called

        # A second user, the client's reviewer, approves: the outbox sends it.
        page.context.clear_cookies()
        log_in(page, rita.email)
        page.goto(f"/inbox/case/{case.pk}/")
        page.locator(f"#signature-{draft.pk}").fill(PASSWORD)  # approving is an electronic signature
        with page.expect_navigation():
            page.locator(f"#approve-{draft.pk}").click()
        expect(page.locator(f'li.reply[data-reply-id="{draft.pk}"] .reply-status')).to_have_text("Sent")
        expect(page.locator(f'li.reply[data-reply-id="{draft.pk}"] .reply-approver')).to_contain_text(
            f"Approved by {rita.display_name}")
        screenshot(page, "reply-sent.png")

    # The exact documented request: form-encoded message to the comment's /comments edge.
    assert route.call_count == 1
    request = route.calls.last.request
    assert request.method == "POST"
    assert str(request.url) == f"{GRAPH}/{mention.external_id}/comments"
    assert request.headers["Authorization"] == f"Bearer {PAGE_TOKEN}"
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert dict(httpx.QueryParams(request.content.decode())) == {"message": expected}

    draft.refresh_from_db()
    assert draft.status == ReplyStatus.SENT and draft.template_version == mi and draft.edit_ratio == 0.0
    assert draft.author == alice and draft.approver == rita and draft.approved_at is not None
    assert draft.lint == [] and draft.body == expected
    assert re.search("off_label", " ".join(draft.approval_reasons))
    action = OutboundAction.objects.get(pk=draft.outbound_id)
    assert (action.status, action.external_id, action.verb) == (OutboundStatus.SENT, "1234567890_777", "reply")
    problems.check()
