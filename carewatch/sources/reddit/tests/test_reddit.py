"""Reddit polling through the framework (poll_channel), with respx serving the API.

REAL-CAPTURE: PRAW's cassettes ``TestInbox.test_mentions`` (``/message/mentions``, 16 username
mentions, with rate-limit headers) and ``TestSubredditListings.test_comments``
(``/r/askreddit/comments``, 100 comments). Items built with ``comment()``/``message()`` are
SCHEMA-DERIVED from those recordings and reference §6 (same fields) to show private
messages, our own account, edits and removals.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
import respx
import time_machine

from carewatch.inbox.ingest import apply_changes
from carewatch.inbox.models import Case, Mention
from carewatch.inbox.normalised import AuthorRef, ChangeKind, MentionChange
from carewatch.lib.secrets import seal
from carewatch.sources.lookup import nothing_stored
from carewatch.sources.models import ChannelState, EventState, InboundEvent
from carewatch.sources.polling import poll_channel
from carewatch.sources.reddit import source as reddit_source
from carewatch.sources.reddit.client import app_version
from carewatch.sources.reddit.source import RedditSource
from carewatch.sources.reddit.tests.cassettes import interaction, recorded
from carewatch.tenancy.models import Channel, Client

OAUTH = "https://oauth.reddit.com"
INBOX = f"{OAUTH}/message/inbox"
MENTIONS = f"{OAUTH}/message/mentions"
ASKREDDIT = f"{OAUTH}/r/askreddit/comments"
TOKEN = "reddit-bearer-token"
T0 = datetime(2026, 3, 2, 17, 0, tzinfo=UTC)


@pytest.fixture
def account(transactional_db: Any) -> Channel:
    client = Client.objects.create(slug="northwind", name="Northwind")
    return Channel.objects.create(client=client, platform="reddit", handle="NorthwindPharma", external_id="t2_8k3j2m9q",
                                  secrets={"access_token": seal(TOKEN)}, settings={"subreddits": ["askreddit"]})


def listing(*children: dict[str, Any], headers: dict[str, str] | None = None) -> httpx.Response:
    body = {"kind": "Listing", "data": {"after": None, "before": None, "dist": len(children), "modhash": None,
                                        "children": list(children)}}
    return httpx.Response(200, json=body, headers=headers or {"x-ratelimit-remaining": "590.0",
                                                               "x-ratelimit-reset": "300", "x-ratelimit-used": "10"})


def comment(cid: str, author: str, body: str, parent: str, post: str = "t3_post1", created: float = 1_772_470_000.0,
            edited: float | bool = False, **extra: Any) -> dict[str, Any]:
    data = {"subreddit": "diabetes_t2", "link_id": post, "id": cid, "name": f"t1_{cid}", "author": author,
            "parent_id": parent, "body": body, "created_utc": created, "edited": edited,
            "permalink": f"/r/diabetes_t2/comments/{post[3:]}/title/{cid}/", **extra}
    return {"kind": "t1", "data": data}


def message(mid: str, author: str, dest: str, body: str, created: float = 1_772_470_000.0) -> dict[str, Any]:
    return {"kind": "t4", "data": {"id": mid, "name": f"t4_{mid}", "author": author, "dest": dest,
                                   "subject": "my prescription", "body": body, "created_utc": created,
                                   "first_message_name": None, "parent_id": None, "was_comment": False, "new": True}}


def poll_at(channel: Channel, when: datetime) -> int | None:
    with time_machine.travel(when, tick=False):
        return poll_channel(channel)


def state_of(channel: Channel) -> ChannelState:
    return ChannelState.objects.get(channel=channel)


# ------------------------------------------------------------------ the recorded listings
@respx.mock
def test_a_poll_reads_inbox_mentions_and_watched_subreddits(account: Channel) -> None:
    inbox = respx.get(url__startswith=INBOX).mock(return_value=listing())
    mentions = respx.get(url__startswith=MENTIONS).mock(return_value=recorded("TestInbox.test_mentions.json", "/message/mentions"))
    sub = respx.get(url__startswith=ASKREDDIT).mock(return_value=recorded(
        "TestSubredditListings.test_comments.json", "/r/askreddit/comments"))
    assert poll_at(account, T0) == 2, "the empty inbox page is not stored"
    for route in (inbox, mentions, sub):
        request = route.calls.last.request
        assert dict(request.url.params) == {"raw_json": "1", "limit": "100"}
        assert request.headers["Authorization"] == f"Bearer {TOKEN}"
        assert request.headers["User-Agent"] == f"carewatch:{app_version()} (by /u/NorthwindPharma)"
    assert set(InboundEvent.objects.values_list("state", flat=True)) == {EventState.PROCESSED}
    mention = Mention.objects.get(external_id="t1_ekftbox")
    assert (mention.kind, mention.direction, mention.author.handle) == ("mention", "in", "2Botter2Loop")
    assert mention.thread_key == "t3_bb24k7" and mention.parent_external_id == "t3_bb24k7"
    assert mention.url == ("https://www.reddit.com/r/RemovedByBotter/comments/bb24k7/"
                           "just_a_normal_girl_going_for_her_10th_class_exam/ekftbox/?context=3")
    assert mention.created_at == datetime.fromtimestamp(1554774308, tz=UTC)
    assert Mention.objects.filter(kind="mention").count() == 16
    top = Mention.objects.get(external_id="t1_d4y8bdp")
    assert (top.kind, top.thread_key, top.author.handle) == ("comment", "t3_4r4inc", "preppypuppy")
    assert top.text == "great, life is so much better when you can do what you enjoy for a living"
    assert top.url == "https://www.reddit.com/r/AskReddit/comments/4r4inc/_/d4y8bdp/"
    answer = Mention.objects.get(external_id="t1_d4y8bdn")
    assert (answer.kind, answer.parent_external_id, answer.thread_key) == ("reply", "t1_d4xrzgq", "t3_4r2hd3")
    assert Mention.objects.filter(platform="reddit").count() == 116
    cursor = state_of(account).poll_cursor["listings"]
    assert cursor["message/mentions"]["before"] == "t1_ekftbox"
    assert cursor["r/askreddit/comments"]["before"] == "t1_d4y8bdp"
    assert "before" not in cursor["message/inbox"]
    assert state_of(account).backoff_until is None, "9324 calls left: no need to wait"


@respx.mock
def test_the_next_poll_asks_only_for_newer_items_and_adds_nothing_twice(account: Channel) -> None:
    mentions_page = recorded("TestInbox.test_mentions.json", "/message/mentions")
    respx.get(url__startswith=INBOX).mock(return_value=listing())
    mentions = respx.get(url__startswith=MENTIONS).mock(return_value=mentions_page)
    sub = respx.get(url__startswith=ASKREDDIT).mock(return_value=listing())
    poll_at(account, T0)
    mentions.mock(return_value=listing())
    sub.mock(return_value=listing(comment("new1", "pat", "does glucavio cause nausea?", "t3_post1")))
    assert poll_at(account, T0 + timedelta(minutes=3)) == 1
    assert mentions.calls.last.request.url.params["before"] == "t1_ekftbox"
    assert "before" not in sub.calls.last.request.url.params
    assert state_of(account).poll_cursor["listings"]["r/askreddit/comments"]["before"] == "t1_new1"
    # Reddit ignoring ``before`` and sending the same page again: stored once, nothing new.
    mentions.mock(return_value=recorded("TestInbox.test_mentions.json", "/message/mentions"))
    sub.mock(return_value=listing())
    assert poll_at(account, T0 + timedelta(minutes=6)) == 0
    assert sub.calls.last.request.url.params["before"] == "t1_new1"
    assert InboundEvent.objects.count() == 2 and Mention.objects.count() == 17


@respx.mock
def test_more_than_a_page_of_new_items_is_walked_towards_the_newest(account: Channel, monkeypatch: Any) -> None:
    monkeypatch.setattr(reddit_source, "PAGE_SIZE", 2)
    ChannelState.objects.create(channel=account, poll_cursor={"listings": {
        "r/askreddit/comments": {"before": "t1_c0", "created": 1.0, "advanced_at": T0.timestamp()}}})
    respx.get(url__startswith=INBOX).mock(return_value=listing())
    respx.get(url__startswith=MENTIONS).mock(return_value=listing())
    sub = respx.get(url__startswith=ASKREDDIT).mock(side_effect=[
        listing(comment("c2", "a", "two", "t3_p"), comment("c1", "a", "one", "t3_p")),
        listing(comment("c4", "b", "four", "t3_p"), comment("c3", "b", "three", "t3_p")),
        listing(comment("c5", "b", "five", "t3_p"))])
    assert poll_at(account, T0) == 3
    assert [c.request.url.params["before"] for c in sub.calls] == ["t1_c0", "t1_c2", "t1_c4"]
    assert [c.request.url.params["limit"] for c in sub.calls] == ["2", "2", "2"]
    assert state_of(account).poll_cursor["listings"]["r/askreddit/comments"]["before"] == "t1_c5"
    assert Mention.objects.count() == 5


# ------------------------------------------------------------------ rate limits
@respx.mock
def test_few_calls_left_stops_the_poll_until_reddit_resets_its_window(account: Channel) -> None:
    low = {"x-ratelimit-remaining": "4.0", "x-ratelimit-reset": "240", "x-ratelimit-used": "96"}
    inbox = respx.get(url__startswith=INBOX).mock(return_value=listing(
        message("m1", "pat", "NorthwindPharma", "where can I get the copay card?"), headers=low))
    mentions = respx.get(url__startswith=MENTIONS).mock(return_value=listing())
    assert poll_at(account, T0) == 1
    state = state_of(account)
    assert state.backoff_until == T0 + timedelta(seconds=240)
    assert inbox.call_count == 1 and not mentions.called, "the other listings wait"
    assert state.poll_cursor["listings"] == {"message/inbox": {
        "before": "t4_m1", "created": 1_772_470_000.0, "advanced_at": T0.timestamp()}}
    assert poll_at(account, T0 + timedelta(seconds=200)) is None, "still waiting"


@respx.mock
def test_a_429_keeps_what_was_fetched_and_waits(account: Channel) -> None:
    respx.get(url__startswith=INBOX).mock(return_value=listing(message("m1", "pat", "NorthwindPharma", "hello")))
    respx.get(url__startswith=MENTIONS).mock(return_value=httpx.Response(
        429, headers={"x-ratelimit-remaining": "0", "x-ratelimit-reset": "120"}))
    assert poll_at(account, T0) == 1
    state = state_of(account)
    assert state.backoff_until == T0 + timedelta(seconds=120) and state.last_error == ""
    assert Mention.objects.get().kind == "dm"


@respx.mock
def test_a_429_before_anything_was_fetched_shows_on_the_channel_and_waits(account: Channel) -> None:
    respx.get(url__startswith=INBOX).mock(return_value=httpx.Response(429, headers={"x-ratelimit-reset": "300"}))
    assert poll_at(account, T0) == 0
    state = state_of(account)
    assert state.last_error == "rate limited by Reddit: waiting 300 s before polling again"
    assert state.backoff_until == T0 + timedelta(seconds=300) and state.poll_cursor == {}


# ------------------------------------------------------------------ kinds, direction, edits, removals
@respx.mock
def test_private_messages_our_own_words_edits_and_removals(account: Channel) -> None:
    apply_changes([
        MentionChange(change=ChangeKind.UPSERT, channel_id=account.id, platform="reddit", external_id="t1_e1",
                      text="my sugar was 300", author=AuthorRef("pat", "pat"), thread_key="t3_post1"),
        MentionChange(change=ChangeKind.UPSERT, channel_id=account.id, platform="reddit", external_id="t1_gone",
                      text="this pharmacy sells it cheap", author=AuthorRef("spam", "spam"), thread_key="t3_post1"),
    ])
    respx.get(url__startswith=INBOX).mock(return_value=listing(
        message("m2", "NorthwindPharma", "pat", "Please call our nurse line."),
        message("m1", "pat", "NorthwindPharma", "I missed two doses, what do I do?"),
        comment("e1", "pat", "my sugar was 300 after the new pen", "t3_post1", edited=1_772_470_500.0,
                type="post_reply"),
        comment("gone", "[deleted]", "[removed]", "t3_post1"),
        comment("r1", "NorthwindPharma", "We're sorry to hear that.", "t1_e1")))
    respx.get(url__startswith=MENTIONS).mock(return_value=listing())
    respx.get(url__startswith=ASKREDDIT).mock(return_value=listing())
    poll_at(account, T0)
    asked = Mention.objects.get(external_id="t4_m1")
    answered = Mention.objects.get(external_id="t4_m2")
    assert (asked.kind, asked.direction, asked.thread_key) == ("dm", "in", "dm:pat")
    assert (answered.direction, answered.thread_key) == ("out", "dm:pat")
    assert asked.url == "https://www.reddit.com/message/messages/m1" and asked.platform_meta["subject"] == "my prescription"
    assert answered.case_id == asked.case_id and Case.objects.get(pk=asked.case_id).first_responded_at is not None
    edited = Mention.objects.get(external_id="t1_e1")
    assert edited.text == "my sugar was 300 after the new pen" and edited.edit_history[0]["text"] == "my sugar was 300"
    assert Mention.objects.get(external_id="t1_gone").is_deleted
    ours = Mention.objects.get(external_id="t1_r1")
    assert (ours.kind, ours.direction, ours.parent_id) == ("reply", "out", edited.pk)


# ------------------------------------------------------------------ failures
@pytest.mark.parametrize("status,words", [
    (401, "token expired"), (403, "privatemessages"), (503, "Reddit answered 503"),
])
@respx.mock
def test_failures_are_recorded_in_plain_words_and_back_off(account: Channel, status: int, words: str) -> None:
    respx.get(url__startswith=INBOX).mock(return_value=httpx.Response(status, json={"message": "x", "error": status}))
    assert poll_at(account, T0) == 0
    state = state_of(account)
    assert words in state.last_error and state.consecutive_failures == 1
    assert state.backoff_until == T0 + timedelta(minutes=1) and state.poll_cursor == {}


@respx.mock
def test_an_unreadable_subreddit_is_noted_and_the_inbox_still_polled(account: Channel) -> None:
    respx.get(url__startswith=INBOX).mock(return_value=listing(message("m1", "pat", "NorthwindPharma", "hi")))
    respx.get(url__startswith=MENTIONS).mock(return_value=listing())
    respx.get(url__startswith=ASKREDDIT).mock(return_value=httpx.Response(403, json={"reason": "private"}))
    assert poll_at(account, T0) == 1
    cursor = state_of(account).poll_cursor["listings"]
    assert "private" in cursor["r/askreddit/comments"]["error"]
    assert state_of(account).last_error == ""


@respx.mock
def test_a_timeout_is_a_plain_failure(account: Channel) -> None:
    respx.get(url__startswith=INBOX).mock(side_effect=httpx.ConnectTimeout("slow"))
    poll_at(account, T0)
    assert "no answer from Reddit (ConnectTimeout)" in state_of(account).last_error


@respx.mock
def test_a_listing_empty_for_hours_looks_again_without_its_anchor(account: Channel) -> None:
    ChannelState.objects.create(channel=account, poll_cursor={"listings": {
        "r/askreddit/comments": {"before": "t1_removed", "created": 1_772_469_000.0,
                                 "advanced_at": (T0 - timedelta(hours=7)).timestamp()}}})
    respx.get(url__startswith=INBOX).mock(return_value=listing())
    respx.get(url__startswith=MENTIONS).mock(return_value=listing())
    sub = respx.get(url__startswith=ASKREDDIT).mock(side_effect=[
        listing(), listing(comment("n2", "a", "newer", "t3_p", created=1_772_469_500.0),
                           comment("o1", "a", "older", "t3_p", created=1_772_468_000.0))])
    assert poll_at(account, T0) == 1
    assert [c.request.url.params.get("before") for c in sub.calls] == ["t1_removed", None]
    assert state_of(account).poll_cursor["listings"]["r/askreddit/comments"]["before"] == "t1_n2"


@pytest.mark.parametrize("cassette,uri", [
    ("TestInbox.test_mentions.json", "/message/mentions"),
    ("TestSubredditListings.test_comments.json", "/r/askreddit/comments"),
])
def test_every_item_of_the_recorded_listings_is_understood(account: Channel, cassette: str, uri: str) -> None:
    raw = recorded(cassette, uri).content
    result = RedditSource().parse(InboundEvent(source="reddit", channel=account, raw_body=raw), nothing_stored)
    children = json.loads(raw)["data"]["children"]
    assert len(result.changes) == len(children) and result.ignored_reason == ""
    assert all(c.url.startswith("https://www.reddit.com/r/") and c.thread_key.startswith("t3_") for c in result.changes)
    assert interaction(cassette, uri)["request"]["method"] == "GET"
