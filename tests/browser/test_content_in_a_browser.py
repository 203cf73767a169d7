"""The content calendar in a real browser (Debian's Chromium through Playwright, against the live
server): an agent drafts a post for Facebook and X; two reviewers approve it, each for their
discipline; the agent schedules it; at its time it is published into the sandbox (the platforms'
publishing calls answered by respx with recorded responses) and its first comment arrives on the
case linked to the post. Fails on any console error, HTTP error or CSP violation."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest
import respx
from django.utils import timezone

from carewatch.content.models import Post, PostStatus, Publication
from carewatch.content.publishing import publish_due, publish_now
from carewatch.lib.secrets import seal
from carewatch.tenancy.models import Channel, Client, User
from tests.browser.test_inbox_in_a_browser import Problems, log_in, screenshot
from tests.conftest import PASSWORD, MentionFactory
from tests.content.conftest import lee, mona  # noqa: F401 (fixtures)

try:
    from playwright.sync_api import expect
except ImportError:  # the dev extra is not installed
    expect = None  # type: ignore[assignment]

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parents[1] / "content" / "fixtures"
GRAPH = "https://graph.facebook.com/v25.0"


def recorded(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text())


def test_a_post_is_drafted_approved_by_two_reviewers_published_at_its_time_and_its_comment_lands_on_its_case(
    page: Any, northwind: Client, alice: User, mona: User, lee: User,  # noqa: F811 (fixtures)
    make_mention: MentionFactory, problems: Problems,
) -> None:
    northwind.settings = {"content": {"approvals": ["medical", "legal"]}}
    northwind.save()
    Channel.objects.filter(client=northwind, platform="facebook").update(secrets={"page_access_token": seal("t1")})
    Channel.objects.filter(client=northwind, platform="x").update(secrets={"access_token": seal("t2")})
    when = (timezone.now().astimezone(northwind.tz) + timedelta(days=1)).replace(hour=10, minute=0, second=0,
                                                                              microsecond=0, tzinfo=None)

    # The agent drafts one idea for two platforms and sends it to review.
    log_in(page)
    page.goto("/content/new/")
    page.get_by_label("Title").fill("Care plan reminder")
    page.get_by_label("Text for facebook").fill("Talk to your doctor about your care plan this month.")
    page.get_by_label("Text for x", exact=True).fill("Talk to your doctor about your care plan.")
    page.get_by_label("Northwind Pharma · Facebook @NorthwindRx").check()
    page.get_by_label("Northwind Pharma · X @northwind_rx").check()
    page.get_by_label("Planned (the client's local time)").fill(when.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Send to review at once").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#post-status")).to_have_text("In review")
    post = Post.objects.get(title="Care plan reminder")
    assert page.locator("#approve-form").count() == 0  # nobody approves their own post
    screenshot(page, "content-in-review.png")

    # Two reviewers approve the exact version, one discipline each.
    for reviewer, discipline in ((mona, "medical"), (lee, "legal")):
        page.context.clear_cookies()
        log_in(page, reviewer.email)
        page.goto(f"/content/post/{post.pk}/")
        expect(page.locator("#approve-discipline")).to_have_value(discipline)
        page.locator("#approve-signature").fill(PASSWORD)  # an electronic signature: re-authentication
        with page.expect_navigation():
            page.locator("#approve-button").click()
        expect(page.locator(f'tr[data-discipline="{discipline}"]')).to_contain_text(reviewer.display_name)
        expect(page.locator(f'tr[data-discipline="{discipline}"] td.signature')).to_contain_text(
            f"Approved by {reviewer.display_name} ({reviewer.email})")
    expect(page.locator("#post-status")).to_have_text("Approved")
    expect(page.locator("#approval-history li.signature-valid")).to_have_count(2)
    screenshot(page, "content-approved-signed.png")

    # The agent schedules it; the calendar shows it on its day.
    page.context.clear_cookies()
    log_in(page)
    page.goto(f"/content/post/{post.pk}/")
    with page.expect_navigation():
        page.locator("#schedule-button").click()
    expect(page.locator("#post-status")).to_have_text("Scheduled")
    page.goto(f"/content/?view=week&date={when:%Y-%m-%d}")
    expect(page.locator(f'.chip[data-post-id="{post.pk}"]')).to_contain_text("Care plan reminder")
    screenshot(page, "content-week.png")

    # Dragged to the next day: only the time moves, the approvals stay.
    next_day = when + timedelta(days=1)
    if next_day.weekday() == 0:  # the week view ends on Sunday: go to the week of the new day
        page.goto(f"/content/?view=month&date={when:%Y-%m-%d}")
    page.locator(f'.chip[data-post-id="{post.pk}"]').drag_to(page.locator(f'td.day[data-date="{next_day:%Y-%m-%d}"]'))
    expect(page.locator("#calendar-status")).to_contain_text("Moved to")
    post.refresh_from_db()
    assert post.status == PostStatus.SCHEDULED and post.planned_at is not None
    assert post.planned_at.astimezone(northwind.tz).replace(tzinfo=None) == next_day

    # At its time the publisher publishes it into the sandbox.
    post.refresh_from_db()
    assert post.planned_at is not None
    with respx.mock(assert_all_called=True) as api:
        feed = api.post(f"{GRAPH}/1234567890/feed").mock(
            return_value=httpx.Response(200, json=recorded("facebook-feed-create.json")))
        api.post("https://api.x.com/2/tweets").mock(
            return_value=httpx.Response(201, json=recorded("x-create-post.json")))
        assert publish_due(post.planned_at - timedelta(seconds=1)) == 0
        assert publish_due(post.planned_at) == 2
        for pub in Publication.objects.filter(post=post):
            publish_now(pub.pk)
    assert parse_qs(feed.calls.last.request.content.decode())["message"] == [
        "Talk to your doctor about your care plan this month."]
    post.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED

    # Its first comment arrives on the case of the post's thread, with the post beside it.
    comment = make_mention(northwind, "Is this for type 1 as well?", thread="1234567890_987654321012345",
                           parent="1234567890_987654321012345", created=timezone.now() + timedelta(minutes=20))
    page.goto(f"/content/post/{post.pk}/")
    expect(page.locator("#post-status")).to_have_text("Published")
    expect(page.locator("#post-comments")).to_contain_text("Is this for type 1 as well?")
    page.locator("#post-comments a").first.click()
    page.wait_for_url(re.compile(rf"/inbox/case/{comment.case_id}/"))
    expect(page.locator("#post-context")).to_contain_text("Care plan reminder")
    screenshot(page, "content-case-context.png")
    assert datetime  # imported for the annotations above
