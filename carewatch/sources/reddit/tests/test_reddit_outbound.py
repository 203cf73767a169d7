"""Reddit's outbox calls: the documented request of every verb, errors in plain words.

The reply exchange is REAL-CAPTURE (PRAW's ``TestComment.test_reply`` cassette: the form it
sent and Reddit's answer). ``json.errors`` bodies and the moderation call are SCHEMA-DERIVED
(reference §6: ``[code, message, field]``; ``POST /api/remove``).
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
import respx
from django.db import transaction

from carewatch.lib.secrets import seal
from carewatch.replies.models import OutboundAction, OutboundStatus
from carewatch.replies.outbox import do_queue_outbound, reconcile, send_now
from carewatch.sources.ratelimit import Limit
from carewatch.sources.reddit.client import RedditClient, app_version
from carewatch.sources.reddit.tests.cassettes import body_of, interaction, recorded
from carewatch.tenancy.models import Channel, Client

OAUTH = "https://oauth.reddit.com"
TOKEN = "reddit-bearer-token"


@pytest.fixture
def account(db: Any) -> Channel:
    client = Client.objects.create(slug="northwind", name="Northwind")
    # The cassette's account is anonymised as "<USERNAME>".
    return Channel.objects.create(client=client, platform="reddit", handle="<USERNAME>", external_id="t2_1",
                                  secrets={"access_token": seal(TOKEN)}, settings={"client_id": "AbC123"})


def queue(channel: Channel, verb: str, target: str, body: str = "Comment reply") -> OutboundAction:
    with transaction.atomic():
        return do_queue_outbound(None, channel, verb, target, body)


def form(content: bytes) -> dict[str, str]:
    return dict(httpx.QueryParams(content.decode()))


@respx.mock
def test_a_reply_posts_the_recorded_form_and_reads_the_new_fullname(account: Channel) -> None:
    route = respx.post(f"{OAUTH}/api/comment").mock(return_value=recorded("TestComment.test_reply.json", "/api/comment"))
    action = queue(account, "reply", "t1_d1616q2")
    send_now(action.pk)
    request = route.calls.last.request
    praw_sent = body_of(interaction("TestComment.test_reply.json", "/api/comment")["request"])
    assert form(request.content) == form(praw_sent) == {"api_type": "json", "thing_id": "t1_d1616q2",
                                                        "text": "Comment reply"}
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert request.headers["User-Agent"] == f"carewatch:{app_version()} (by /u/<USERNAME>)"
    action.refresh_from_db()
    assert (action.status, action.external_id) == (OutboundStatus.SENT, "t1_d1680wu")


@respx.mock
def test_a_moderator_hide_removes_the_comment(account: Channel) -> None:
    route = respx.post(f"{OAUTH}/api/remove").mock(return_value=httpx.Response(200, json={}))
    action = queue(account, "hide", "t1_spam1", "")
    send_now(action.pk)
    assert form(route.calls.last.request.content) == {"id": "t1_spam1", "spam": "false"}
    action.refresh_from_db()
    assert (action.status, action.external_id) == (OutboundStatus.SENT, "t1_spam1")


def errors(*triples: list[str], **extra: Any) -> httpx.Response:
    return httpx.Response(200, json={"json": {"errors": list(triples), **extra}})


@pytest.mark.parametrize("response,words,code", [
    (errors(["RATELIMIT", "you are doing that too much. try again in 9 minutes.", "ratelimit"]),
     "rate limited by Reddit: you are doing that too much", "rate_limited"),
    (errors(["THREAD_LOCKED", "that comment is locked", "parent"]), "the thread is locked", "thread_locked"),
    (errors(["TOO_OLD", "that's a piece of history now", "parent"]), "archived", "too_old"),
    (errors(["SOMETHING_NEW", "a new error", "text"]), "Reddit refused the request (SOMETHING_NEW: a new error)",
     "something_new"),
    (httpx.Response(401, json={"message": "Unauthorized", "error": 401}), "expired", "token"),
    (httpx.Response(403, json={"message": "Forbidden", "error": 403}), "forbids", "forbidden"),
    (httpx.Response(429, headers={"x-ratelimit-reset": "42"}), "rate limited", "rate_limited"),
])
@respx.mock
def test_errors_become_plain_words_even_with_http_200(account: Channel, response: httpx.Response, words: str,
                                                      code: str) -> None:
    respx.post(f"{OAUTH}/api/comment").mock(return_value=response)
    action = queue(account, "reply", "t1_d1616q2")
    send_now(action.pk)
    action.refresh_from_db()
    assert action.status == OutboundStatus.FAILED and words in action.error and action.error_code == code


def test_a_ratelimit_error_says_how_long_to_wait() -> None:
    from carewatch.sources.reddit.client import explain_errors

    assert explain_errors([["RATELIMIT", "try again in 9 minutes.", "ratelimit"]], {}).retry_after_seconds == 540
    assert explain_errors([["RATELIMIT", "soon", "ratelimit"]], {"ratelimit": 31.5}).retry_after_seconds == 31.5


@respx.mock
def test_a_5xx_is_unknown_and_a_relist_of_our_comments_finds_the_reply(account: Channel) -> None:
    post = respx.post(f"{OAUTH}/api/comment").mock(return_value=httpx.Response(502))
    action = queue(account, "reply", "t1_d1616q2", "We have sent you a message")
    send_now(action.pk)
    action.refresh_from_db()
    assert action.status == OutboundStatus.UNKNOWN
    relist = respx.get(f"{OAUTH}/user/<USERNAME>/comments").mock(return_value=httpx.Response(200, json={
        "kind": "Listing", "data": {"children": [
            {"kind": "t1", "data": {"name": "t1_other", "author": "<USERNAME>", "parent_id": "t1_zzz",
                                    "body": "We have sent you a message"}},
            {"kind": "t1", "data": {"name": "t1_ours", "author": "<USERNAME>", "parent_id": "t1_d1616q2",
                                    "body": "We have sent you a message"}}]}}))
    assert reconcile(action) == "sent"
    assert dict(relist.calls.last.request.url.params) == {"raw_json": "1", "limit": "100", "sort": "new"}
    action.refresh_from_db()
    assert (action.status, action.external_id) == (OutboundStatus.SENT, "t1_ours")
    assert post.call_count == 1


@respx.mock
def test_an_answer_to_a_private_message_is_looked_for_in_the_sent_messages(account: Channel) -> None:
    respx.post(f"{OAUTH}/api/comment").mock(side_effect=httpx.ReadTimeout("slow"))
    action = queue(account, "reply", "t4_m1", "Please call our nurse line")
    send_now(action.pk)
    sent_box = respx.get(f"{OAUTH}/message/sent").mock(return_value=httpx.Response(200, json={
        "kind": "Listing", "data": {"children": [
            {"kind": "t4", "data": {"name": "t4_m2", "author": "<USERNAME>", "parent_id": "t4_m1",
                                    "first_message_name": "t4_m1", "body": "Please call our nurse line"}}]}}))
    assert reconcile(action) == "sent" and sent_box.called
    action.refresh_from_db()
    assert action.external_id == "t4_m2"


def test_the_limit_is_per_oauth_client(account: Channel) -> None:
    action = OutboundAction(channel=account, verb="reply", target_external_id="t1_x")
    assert RedditClient().limit_for(action) == ("reddit:abc123", Limit(100, 60))
