"""``GET /api/v1/posts?client=SLUG``: the exact contract and the tenancy rules."""

from __future__ import annotations

from datetime import datetime

from django.test import Client as HttpClient

from carewatch.content import actions
from carewatch.tenancy.models import Client, User
from tests.content.conftest import draft


def logged_in(user: User) -> HttpClient:
    http = HttpClient()
    http.force_login(user)
    return http


def test_posts_are_listed_with_the_contract_s_fields(content_client: Client, alice: User) -> None:
    campaign = actions.do_save_campaign(alice, content_client, "wdd-2026", "World Diabetes Day")
    post = draft(alice, content_client, campaign=campaign, planned=datetime(2026, 12, 20, 10, 0))
    draft(alice, content_client, planned=None, platforms=("x",))
    body = logged_in(alice).get("/api/v1/posts?client=northwind").json()
    assert set(body) == {"items", "count"} and body["count"] == 2
    item = body["items"][0]
    assert {"id", "status", "planned_at", "channels", "campaign"} <= set(item)
    assert item["id"] == post.pk and item["status"] == "draft" and item["campaign"] == "wdd-2026"
    assert item["planned_at"] == "2026-12-20T15:00:00Z"
    assert [c["platform"] for c in item["channels"]] == ["facebook", "x"]
    assert body["items"][1]["planned_at"] is None


def test_posts_are_filtered_by_status_campaign_and_channel(content_client: Client, alice: User) -> None:
    campaign = actions.do_save_campaign(alice, content_client, "wdd-2026", "World Diabetes Day")
    one = draft(alice, content_client, campaign=campaign)
    two = draft(alice, content_client, platforms=("x",))
    actions.do_submit(alice, two)
    http = logged_in(alice)
    assert [i["id"] for i in http.get("/api/v1/posts?client=northwind&status=in_review").json()["items"]] == [two.pk]
    assert [i["id"] for i in http.get("/api/v1/posts?campaign=wdd-2026").json()["items"]] == [one.pk]
    assert http.get("/api/v1/posts?channel=facebook").json()["count"] == 1
    assert http.get("/api/v1/posts?status=nonsense").status_code == 422


def test_another_client_s_slug_is_a_404_and_a_viewer_reads(content_client: Client, alice: User, bob: User,
                                                          victor: User) -> None:
    draft(alice, content_client)
    assert logged_in(bob).get("/api/v1/posts?client=northwind").status_code == 404
    assert logged_in(bob).get("/api/v1/posts").json() == {"items": [], "count": 0}
    assert logged_in(victor).get("/api/v1/posts?client=northwind").json()["count"] == 1
    assert HttpClient().get("/api/v1/posts?client=northwind").status_code == 401
