"""Northwind with a content policy (three MLR disciplines), publishing channels with tokens, the
people who write and approve posts, and a helper to bring a post to approval."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from carewatch.content import actions
from carewatch.content.models import Post
from carewatch.lib.secrets import seal
from carewatch.tenancy.models import Channel, Client, Role, User
from tests.conftest import make_user

ISI_URL = "https://glucavio.example/isi"
RISK = "may cause thyroid tumors"
PAGE_TOKEN = "EAAB-northwind-page-token"
X_TOKEN = "x-user-token"
LI_TOKEN = "li-token"
TT_TOKEN = "act.tiktok-token"

CONTENT_SETTINGS: dict[str, Any] = {
    "banned_words": ["miracle", "guaranteed"],
    "product_risk": {"Glucavio": {"risk": RISK, "isi_url": ISI_URL}},
    "content": {"approvals": ["medical", "legal", "regulatory"]},
}

FB_TEXT = "World Diabetes Day: talk to your doctor about your care plan. https://northwind.example/care"
X_TEXT = "World Diabetes Day: talk to your doctor about your care plan."


@pytest.fixture
def content_client(northwind: Client) -> Client:
    northwind.settings = {**CONTENT_SETTINGS}
    northwind.save()
    Channel.objects.filter(client=northwind, platform="facebook").update(
        secrets={"page_access_token": seal(PAGE_TOKEN)})
    Channel.objects.filter(client=northwind, platform="x").update(secrets={"access_token": seal(X_TOKEN)})
    Channel.objects.create(client=northwind, platform="instagram", handle="northwind.rx", external_id="17841400000",
                           secrets={"page_access_token": seal(PAGE_TOKEN)})
    Channel.objects.create(client=northwind, platform="linkedin", handle="northwind-pharma", external_id="2414183",
                           secrets={"access_token": seal(LI_TOKEN)}, settings={"linkedin_version": "202601"})
    Channel.objects.create(client=northwind, platform="tiktok", handle="northwindrx", external_id="bizid-1",
                           secrets={"access_token": seal(TT_TOKEN)})
    return northwind


@pytest.fixture
def mona(northwind: Client) -> User:
    """Northwind's medical reviewer."""
    return make_user("mona@agency.test", Role.REVIEWER, northwind)


@pytest.fixture
def lee(northwind: Client) -> User:
    """Northwind's legal reviewer."""
    return make_user("lee@agency.test", Role.REVIEWER, northwind)


@pytest.fixture
def rita(northwind: Client) -> User:
    """Northwind's regulatory reviewer."""
    return make_user("rita@agency.test", Role.REVIEWER, northwind)


def channel(client: Client, platform: str) -> Channel:
    found = Channel.objects.filter(client=client, platform=platform).first()
    assert found is not None
    return found


def draft(author: User, client: Client, *, platforms: tuple[str, ...] = ("facebook", "x"),
          planned: datetime | None = datetime(2026, 12, 20, 10, 0), texts: dict[str, str] | None = None,
          **kwargs: Any) -> Post:
    variants = texts or {p: (FB_TEXT if p == "facebook" else X_TEXT) for p in platforms}
    return actions.do_create_post(author, client, "Diabetes day", variants,
                                  [channel(client, p).pk for p in platforms], planned_local=planned, **kwargs)


def approve_all(post: Post, reviewers: list[User]) -> Post:
    post.refresh_from_db()
    for reviewer, discipline in zip(reviewers, ("medical", "legal", "regulatory"), strict=False):
        assert post.current is not None
        post = actions.do_approve(reviewer, post, discipline, post.current.content_hash)
    return post
