"""Programs in a real browser: a supervisor adds an influencer; a failing post arrives (through the
pipeline a webhook delivery runs);
the agency owner finds the task with its correction request; the post is edited (webhook) and
checked again: it passes and the task closes. Then a UGC rights request from a case, the consent
reply, and the rights library. Fails on any console error or CSP violation."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import pytest
from django.db import transaction
from django.test import Client as DjangoClient

from carewatch.inbox.ingest import apply_changes, run_triage
from carewatch.inbox.normalised import AuthorRef, ChangeKind, MentionChange
from carewatch.programs.actions import recheck_edited
from carewatch.programs.models import PostCheck, ProgramTask, RightsRequest
from carewatch.tenancy.models import Channel, Client, User
from tests.browser.test_inbox_in_a_browser import Problems, log_in, screenshot

try:
    from playwright.sync_api import expect
except ImportError:  # the dev extra is not installed
    expect = None  # type: ignore[assignment]

pytestmark = pytest.mark.browser

def deliver(client: Client, external_id: str, text: str, author: str, *, kind: str = "post", thread: str = "",
            edit: bool = False) -> None:
    """What the webhook's pipeline does with a delivery (the signed webhook itself is tested elsewhere)."""
    channel = Channel.objects.get(client=client, platform="facebook")
    change = MentionChange(change=ChangeKind.EDIT if edit else ChangeKind.UPSERT, channel_id=channel.id,
                           platform="facebook", external_id=external_id, kind=kind, text=text,
                           thread_key=thread or external_id, created_at=datetime.now(UTC),
                           author=AuthorRef(external_id=f"id-{author}", handle=author, name=author.title()))
    with transaction.atomic():
        run_triage(apply_changes([change]))
    if edit:
        recheck_edited()  # the sweep that checks edited roster posts again


def test_an_influencer_post_fails_its_check_the_owner_gets_the_task_and_the_edit_passes(
    page: Any, northwind: Client, alice: User, sam: User, problems: Problems
) -> None:
    northwind.settings = {"programs": {"rights_hashtag": "#YesNorthwind",
                                       "terms_url": "https://northwind.example/ugc-terms"}}
    northwind.save()
    # Warm up what the live server's first requests would otherwise load under the browser's timeout:
    # the URLconf and templates, and triage's dictionaries (a message screened in this thread).
    assert DjangoClient().get("/login/").status_code == 200
    deliver(northwind, "fb_warm", "Where can I buy the pen?", "warmup")

    log_in(page, "sam@agency.test")
    page.get_by_role("link", name="Programs").click()
    page.wait_for_url(re.compile(r"/programs/influencers/$"))
    page.locator("#inf-name").fill("Maya Reyes")
    page.locator("#inf-handles").fill("facebook:mayaglows")
    page.locator("#inf-owner").fill("alice@agency.test")
    page.locator("#inf-save").click()
    expect(page.locator("h1")).to_contain_text("Maya Reyes")
    screenshot(page, "programs-influencer-added.png")

    deliver(northwind, "fb_77", "Obsessed with my Glucavio pen routine!\nLink in bio", "mayaglows")
    assert PostCheck.objects.get().verdict == "fail"

    page.context.clear_cookies()
    log_in(page, "alice@agency.test")
    page.goto("/programs/checks/")
    expect(page.locator("#open-tasks")).to_contain_text("Ask Maya Reyes to correct a post")
    expect(page.locator("#open-tasks .correction")).to_contain_text("#ad")
    expect(page.locator("#post-checks")).to_contain_text("ftc.disclosure.missing")
    screenshot(page, "programs-task.png")
    assert ProgramTask.objects.get().assignee == alice

    deliver(northwind, "fb_77", "#ad Obsessed with my Glucavio pen routine!\nLink in bio", "mayaglows", edit=True)
    page.get_by_role("link", name="Maya Reyes").first.click()
    expect(page.locator("#checks tbody tr").first).to_contain_text("pass")
    expect(page.locator("#checks tbody tr").first).to_contain_text("edit")
    page.get_by_role("button", name="Check again").click()
    expect(page.locator("#checks tbody tr").first).to_contain_text("manual")
    expect(page.locator("#tasks")).to_contain_text("Done")
    screenshot(page, "programs-rechecked.png")
    assert list(PostCheck.objects.order_by("id").values_list("verdict", flat=True)) == ["fail", "pass", "pass"]

    # UGC: the agent asks for rights from the case, the author answers, the library shows the consent.
    deliver(northwind, "fb_88", "My morning walk with the kids 🌅", "dana")
    page.goto(f"/inbox/case/{_case_of('fb_88')}/")
    page.get_by_role("button", name="Request UGC rights").click()
    page.wait_for_url(re.compile(r"/programs/rights/"))
    expect(page.locator("#rights")).to_contain_text("#YesNorthwind")
    deliver(northwind, "fb_88_1", "#YesNorthwind of course!", "dana", kind="comment", thread="fb_88")
    assert RightsRequest.objects.get().status == "granted"
    page.reload()
    expect(page.locator("#rights .status")).to_have_text("Granted")
    expect(page.locator("#rights")).to_contain_text("#YesNorthwind of course!")
    screenshot(page, "programs-rights.png")


def _case_of(external_id: str) -> int | None:
    from carewatch.inbox.models import Mention

    m = Mention.objects.filter(external_id=external_id).first()
    return m.case_id if m else None
