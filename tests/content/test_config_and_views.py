"""Campaigns and scheduled posts' metadata in config-as-code; the calendar, post page, reschedule
(form and drag), 24-hour watch and 2253 record in the browser's HTTP terms."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
import yaml
from django.test import Client as HttpClient

from carewatch.configuration.as_code import apply_config, export_config
from carewatch.content import actions
from carewatch.content.models import Campaign, Post, PostStatus, Publication
from carewatch.content.publishing import publish_due
from carewatch.tenancy.config import ConfigError
from carewatch.tenancy.models import Client, User
from tests.conftest import PASSWORD
from tests.content.conftest import approve_all, draft

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)

CONFIG = """
clients:
  - slug: northwind
    name: Northwind Pharma
    timezone: America/New_York
    content: {approvals: [medical, legal]}
    campaigns:
      - {key: wdd-2026, name: World Diabetes Day 2026, product: Glucavio, starts: 2026-11-01, ends: 2026-11-30}
    posts:
      - title: Kickoff
        campaign: wdd-2026
        planned: "2026-12-14T10:00"
        channels: ["facebook:NorthwindRx"]
        text: {facebook: "Talk to your doctor about your care plan."}
"""


@pytest.fixture
def clock() -> Any:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def logged_in(user: User) -> HttpClient:
    http = HttpClient()
    http.force_login(user)
    return http


def test_config_apply_creates_campaigns_and_draft_posts_idempotently(content_client: Client) -> None:
    changes = apply_config(CONFIG)
    assert "create campaign northwind/wdd-2026" in changes
    assert any(c.startswith("create post northwind/Kickoff") for c in changes)
    post = Post.objects.get(title="Kickoff")
    assert post.status == PostStatus.DRAFT and post.campaign == Campaign.objects.get(key="wdd-2026")
    assert post.planned_at == datetime(2026, 12, 14, 15, 0, tzinfo=UTC)
    assert apply_config(CONFIG) == []


def test_config_moves_an_approved_post_without_touching_its_approvals_and_exports_it(
        content_client: Client, alice: User, mona: User, lee: User, clock: Any) -> None:
    apply_config(CONFIG)
    post = Post.objects.get(title="Kickoff")
    post = actions.do_submit(alice, post)
    post = actions.do_schedule(alice, approve_all(post, [mona, lee]))
    exported = yaml.safe_load(export_config())
    northwind = next(c for c in exported["clients"] if c["slug"] == "northwind")
    assert northwind["campaigns"][0]["key"] == "wdd-2026"
    (meta,) = northwind["posts"]
    assert meta["status"] == "scheduled" and meta["planned"] == "2026-12-14T10:00"
    assert meta["channels"] == ["facebook:NorthwindRx"] and meta["content_hash"] == post.current.content_hash
    meta["planned"] = "2026-12-15T09:00"
    changes = apply_config(yaml.safe_dump(exported))
    assert "move post northwind/Kickoff to 2026-12-15 09:00" in changes
    post.refresh_from_db()
    assert post.status == PostStatus.SCHEDULED and actions.fully_approved(post)


def test_config_refuses_a_malformed_content_block(content_client: Client) -> None:
    with pytest.raises(ConfigError, match=r"content\.approvals"):
        apply_config(CONFIG.replace("[medical, legal]", "[marketing]"))
    with pytest.raises(ConfigError, match="no product"):
        apply_config(CONFIG.replace("product: Glucavio", "product: Nothing"))


def test_the_calendar_shows_posts_in_month_week_and_list(content_client: Client, alice: User, clock: Any) -> None:
    post = draft(alice, content_client, planned=datetime(2026, 12, 20, 10, 0))
    http = logged_in(alice)
    for view in ("month", "week", "list"):
        page = http.get(f"/content/?view={view}&date=2026-12-20&client=northwind").content.decode()
        assert f'data-post-id="{post.pk}"' in page, view
        assert "10:00" in page and "15:00" not in page, view  # the client's wall clock, not UTC
    assert f'data-post-id="{post.pk}"' not in http.get("/content/?date=2026-12-20&status=published").content.decode()
    assert f'data-post-id="{post.pk}"' not in http.get("/content/?date=2026-12-20&channel=linkedin").content.decode()
    assert 'draggable="true"' in http.get("/content/?date=2026-12-20").content.decode()


def test_dragging_a_post_moves_it_and_keeps_its_approvals(content_client: Client, alice: User, mona: User,
                                                         lee: User, rita: User, victor: User, clock: Any) -> None:
    post = draft(alice, content_client, planned=datetime(2026, 12, 20, 10, 0))
    post = actions.do_schedule(alice, approve_all(actions.do_submit(alice, post), [mona, lee, rita]))
    url = f"/content/post/{post.pk}/reschedule/"
    answer = logged_in(alice).post(url, {"planned": "2026-12-22T10:00"}, headers={"Accept": "application/json"})
    assert answer.json() == {"ok": True, "planned_at": "2026-12-22T15:00:00+00:00", "status": "scheduled"}
    post.refresh_from_db()
    assert actions.fully_approved(post)
    refused = logged_in(alice).post(url, {"planned": "2027-03-14T02:30"}, headers={"Accept": "application/json"})
    assert refused.status_code == 422 and "does not exist" in refused.json()["error"]
    assert logged_in(victor).post(url, {"planned": "2026-12-23T10:00"}).status_code == 403


def test_the_post_page_offers_each_reviewer_the_disciplines_left(content_client: Client, alice: User, mona: User,
                                                                lee: User) -> None:
    post = actions.do_submit(alice, draft(alice, content_client))
    assert "approve-form" not in logged_in(alice).get(f"/content/post/{post.pk}/").content.decode()
    assert post.current is not None
    answer = logged_in(mona).post(f"/content/post/{post.pk}/approve/", {"discipline": "medical",
                                                                       "hash": post.current.content_hash,
                                                                       "signature": PASSWORD})
    assert answer.status_code == 302
    page = logged_in(lee).get(f"/content/post/{post.pk}/").content.decode()
    assert '<option value="legal">' in page and '<option value="medical">' not in page


def test_an_edit_through_the_form_sends_an_approved_post_back_to_review(
        content_client: Client, alice: User, mona: User, lee: User, rita: User) -> None:
    post = approve_all(actions.do_submit(alice, draft(alice, content_client, platforms=("x",))), [mona, lee, rita])
    assert post.current is not None
    http = logged_in(alice)
    http.post(f"/content/post/{post.pk}/edit/", {"text_x": "New words.", "channels": post.current.channel_ids})
    post.refresh_from_db()
    assert post.status == PostStatus.IN_REVIEW and post.versions.count() == 2


def test_a_post_is_created_from_the_form(content_client: Client, alice: User) -> None:
    from tests.content.conftest import channel

    answer = logged_in(alice).post("/content/create/", {
        "client": "northwind", "title": "Form post", "text_x": "Hello from the form.", "planned": "2026-12-24T09:00",
        "channels": [str(channel(content_client, "x").pk)], "promotional": "on", "submit": "on"})
    post = Post.objects.get(title="Form post")
    assert answer.status_code == 302 and post.status == PostStatus.IN_REVIEW and post.promotional
    assert post.planned_at == datetime(2026, 12, 24, 14, 0, tzinfo=UTC)


def test_the_watch_and_the_2253_record_list_a_published_promotional_post(
        content_client: Client, alice: User, mona: User, lee: User, rita: User, clock: Any) -> None:
    import httpx
    import respx

    from carewatch.content.publishing import publish_now

    post = draft(alice, content_client, platforms=("x",), planned=datetime(2026, 12, 2, 9, 0))
    actions.do_schedule(alice, approve_all(actions.do_submit(alice, post), [mona, lee, rita]))
    clock.move_to(datetime(2026, 12, 2, 14, 0, tzinfo=UTC))
    publish_due()
    with respx.mock() as api:
        api.post("https://api.x.com/2/tweets").mock(return_value=httpx.Response(201, json={"data": {"id": "42"}}))
        publish_now(Publication.objects.get().pk)
    http = logged_in(alice)
    assert "Diabetes day" in http.get("/content/watch/").content.decode()
    page = http.get("/content/record/?client=northwind&start=2026-12-01&end=2026-12-31").content.decode()
    assert "https://x.com/northwind_rx/status/42" in page
    csv = http.get("/content/record.csv?client=northwind&start=2026-12-01&end=2026-12-31").content.decode()
    header, line = csv.strip().splitlines()
    assert header.startswith("post_id,title,campaign,product,version,content_hash,approvals,first_use")
    assert "medical: Mona" in line and "2026-12-02 09:00 EST" in line and line.endswith("https://x.com/northwind_rx/status/42")
    pdf = http.get("/content/record.pdf?client=northwind&start=2026-12-01&end=2026-12-31")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert "record" not in http.get("/content/record.csv?client=northwind&start=2026-11-01&end=2026-11-30"
                                    ).content.decode().split("\r\n", 1)[1]
    clock.move_to(datetime(2026, 12, 4, 14, 0, tzinfo=UTC) + timedelta(hours=1))
    assert "Diabetes day" not in http.get("/content/watch/").content.decode()


def test_a_campaign_is_created_from_the_form_and_filters_the_calendar(content_client: Client, alice: User,
                                                                      victor: User, clock: Any) -> None:
    answer = logged_in(alice).post("/content/campaigns/", {"client": "northwind", "key": "spring",
                                                          "name": "Spring push", "starts": "2026-12-01"})
    campaign = Campaign.objects.get(key="spring")
    assert answer.status_code == 302 and campaign.name == "Spring push" and str(campaign.starts_on) == "2026-12-01"
    post = draft(alice, content_client, campaign=campaign, planned=datetime(2026, 12, 20, 10, 0))
    other = draft(alice, content_client, planned=datetime(2026, 12, 21, 10, 0))
    page = logged_in(alice).get("/content/?date=2026-12-20&campaign=spring").content.decode()
    assert f'data-post-id="{post.pk}"' in page and f'data-post-id="{other.pk}"' not in page
    assert logged_in(victor).post("/content/campaigns/", {"client": "northwind", "key": "x"}).status_code == 403
