"""Tracked links: unique per reply, a public redirect with UTM parameters, bots not counted, totals."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client as HttpClient

from carewatch.inbox.models import Case
from carewatch.replies import actions, library
from carewatch.replies.links import click_totals, is_bot
from carewatch.replies.models import LinkClick, ReplyDraft, TemplateVersion, TrackedLink
from carewatch.tenancy.models import User
from tests.conftest import MentionFactory

PERSON = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile Safari/604.1"
BOTS = ["facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)", "Twitterbot/1.0",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "curl/8.5.0",
        "python-requests/2.32", "WhatsApp/2.23.20.0", "Slackbot-LinkExpanding 1.0", ""]


def send_template(capture: Any, version: TemplateVersion, case: Case, user: User) -> ReplyDraft:
    text = library.render(version.body, library.values_for(case.client, case, user))
    with capture(execute=False):
        return actions.do_compose(user, case, text, version)


@pytest.fixture
def two_replies(templates: dict[str, TemplateVersion], make_mention: MentionFactory, alice: User,
                django_capture_on_commit_callbacks: Any) -> list[ReplyDraft]:
    out = []
    for author in ("pat", "lee"):
        case = make_mention(templates["general"].client, "Where can I find the refill schedule?", author=author).case
        assert case is not None
        out.append(send_template(django_capture_on_commit_callbacks, templates["general"], case, alice))
    return out


def test_each_reply_gets_its_own_short_link(two_replies: list[ReplyDraft]) -> None:
    codes = [TrackedLink.objects.get(reply=r).code for r in two_replies]
    assert len(set(codes)) == 2
    assert all(f"/l/{code}" in r.body and "northwind.example/help" not in r.body for code, r in zip(codes, two_replies,
                                                                                                      strict=True))


def test_the_short_link_is_public_and_redirects_with_utm_parameters(two_replies: list[ReplyDraft]) -> None:
    link = TrackedLink.objects.get(reply=two_replies[0])
    response = HttpClient().get(f"/l/{link.code}", headers={"User-Agent": PERSON})
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert (target.scheme, target.netloc, target.path) == ("https", "northwind.example", "/help")
    assert parse_qs(target.query) == {"utm_source": ["carewatch"], "utm_medium": ["facebook"],
                                      "utm_campaign": ["northwind"], "utm_content": ["general"]}
    link.refresh_from_db()
    assert (link.clicks, link.bot_clicks) == (1, 0)


def test_bots_and_link_previews_are_not_counted_as_clicks(two_replies: list[ReplyDraft]) -> None:
    link = TrackedLink.objects.get(reply=two_replies[0])
    client = HttpClient()
    for agent in BOTS:
        assert is_bot(agent)
        assert client.get(f"/l/{link.code}", headers={"User-Agent": agent}).status_code == 302
    assert client.head(f"/l/{link.code}", headers={"User-Agent": PERSON}).status_code == 302
    assert not is_bot(PERSON)
    link.refresh_from_db()
    assert link.clicks == 0 and link.bot_clicks == len(BOTS) + 1
    assert LinkClick.objects.filter(link=link, bot=False).count() == 0


def test_unknown_codes_are_404_and_posts_are_refused(two_replies: list[ReplyDraft]) -> None:
    client = HttpClient()
    assert client.get("/l/AAAAAAAA").status_code == 404
    assert client.get("/l/not-a-code!").status_code == 404
    link = TrackedLink.objects.get(reply=two_replies[0])
    assert client.post(f"/l/{link.code}").status_code == 405


def test_click_totals_per_case_template_and_client(two_replies: list[ReplyDraft]) -> None:
    first, second = (TrackedLink.objects.get(reply=r) for r in two_replies)
    client = HttpClient()
    for _ in range(3):
        client.get(f"/l/{first.code}", headers={"User-Agent": PERSON})
    client.get(f"/l/{second.code}", headers={"User-Agent": PERSON})
    client.get(f"/l/{second.code}", headers={"User-Agent": "Twitterbot/1.0"})
    totals = click_totals(first.client_id)
    assert totals["client"] == 4 and totals["bots"] == 1 and totals["links"] == 2
    assert totals["by_case"] == {two_replies[0].case_id: 3, two_replies[1].case_id: 1}
    assert totals["by_template"] == {"general": 4}
