"""YouTube polling through the framework (poll_channel), with respx serving the API.

REAL-CAPTURE pages (sns-sdks/python-youtube testdata): ``commentThreads.list`` by channel and by
video (two pages), ``comments.list?parentId``. Pages built with ``thread()``/``reply()`` are
SCHEMA-DERIVED from those recordings (same fields), to show replies, our own comments and edits.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx
import time_machine

from carewatch.inbox.ingest import apply_changes
from carewatch.inbox.models import Case, Mention
from carewatch.inbox.normalised import AuthorRef, ChangeKind, MentionChange
from carewatch.lib.secrets import seal
from carewatch.sources.lookup import StoredMessage, nothing_stored
from carewatch.sources.models import ChannelState, EventState, InboundEvent
from carewatch.sources.polling import poll_channel
from carewatch.sources.testing import fixture_bytes, fixture_files
from carewatch.sources.youtube import source as youtube_source
from carewatch.sources.youtube.client import QUOTA_EXHAUSTED, next_pacific_midnight
from carewatch.sources.youtube.source import YouTubeSource
from carewatch.tenancy.models import Channel, Client

API = "https://www.googleapis.com/youtube/v3"
THREADS = f"{API}/commentThreads"
COMMENTS = f"{API}/comments"
OURS = "UC_x5XG1OV2P6uZZ5FSM9Ttw"  # the channel of the recorded by-channel page
TOKEN = "ya29.youtube-token"
T0 = datetime(2026, 3, 2, 17, 0, tzinfo=UTC)


@pytest.fixture
def channel(transactional_db: Any) -> Channel:
    client = Client.objects.create(slug="northwind", name="Northwind")
    return Channel.objects.create(client=client, platform="youtube", handle="GlucavioTV", external_id=OURS,
                                  secrets={"access_token": seal(TOKEN)}, settings={"youtube_lookback_days": 30})


def stamp(at: datetime) -> str:
    return at.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def comment(cid: str, author: str, text: str, published: datetime, updated: datetime | None = None,
            parent: str = "", video: str = "vid1") -> dict[str, Any]:
    snippet: dict[str, Any] = {
        "authorDisplayName": f"name of {author}", "authorChannelUrl": f"http://www.youtube.com/channel/{author}",
        "authorChannelId": {"value": author}, "channelId": OURS, "textDisplay": text, "textOriginal": text,
        "canRate": True, "viewerRating": "none", "likeCount": 0,
        "publishedAt": stamp(published), "updatedAt": stamp(updated or published)}
    if parent:
        snippet["parentId"] = parent
    else:
        snippet["videoId"] = video
    return {"kind": "youtube#comment", "etag": "e", "id": cid, "snippet": snippet}


def thread(tid: str, author: str, text: str, published: datetime, *replies: dict[str, Any],
           updated: datetime | None = None, video: str = "vid1", total: int | None = None) -> dict[str, Any]:
    item: dict[str, Any] = {"kind": "youtube#commentThread", "etag": "e", "id": tid, "snippet": {
        "channelId": OURS, "videoId": video, "topLevelComment": comment(tid, author, text, published, updated, video=video),
        "canReply": True, "totalReplyCount": len(replies) if total is None else total, "isPublic": True}}
    if replies:
        item["replies"] = {"comments": list(replies)}
    return item


def reply(tid: str, rid: str, author: str, text: str, published: datetime, updated: datetime | None = None) -> dict[str, Any]:
    return comment(f"{tid}.{rid}", author, text, published, updated, parent=tid)


def page(*threads: dict[str, Any], token: str | None = None) -> httpx.Response:
    body: dict[str, Any] = {"kind": "youtube#commentThreadListResponse", "etag": "e",
                            "pageInfo": {"totalResults": len(threads), "resultsPerPage": 100}, "items": list(threads)}
    if token:
        body["nextPageToken"] = token
    return httpx.Response(200, json=body)


def poll_at(channel: Channel, when: datetime) -> int | None:
    with time_machine.travel(when, tick=False):
        return poll_channel(channel)


def state_of(channel: Channel) -> ChannelState:
    return ChannelState.objects.get(channel=channel)


# ------------------------------------------------------------------ the recorded pages
@respx.mock
def test_a_poll_sends_the_documented_request_and_reads_the_recorded_channel_page(channel: Channel) -> None:
    route = respx.get(url__startswith=THREADS).mock(return_value=httpx.Response(
        200, content=fixture_bytes("youtube/comment_threads_comment_threads_by_channel.json")))
    assert poll_at(channel, datetime(2019, 6, 24, tzinfo=UTC)) == 1
    request = route.calls.last.request
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert dict(request.url.params) == {
        "part": "snippet,replies", "allThreadsRelatedToChannelId": OURS, "maxResults": "100", "order": "time",
        "textFormat": "plainText"}
    event = InboundEvent.objects.get()
    assert event.source == "youtube" and event.state == EventState.PROCESSED and event.signature_ok is None
    hello = Mention.objects.get(external_id="UgyUBI0HsgL9emxcZpR4AaABAg")
    assert (hello.kind, hello.direction, hello.text, hello.author.display_name) == ("comment", "in", "Hello", "DevRagz")
    assert hello.author.external_id == "UCTWlvHQQXUs-4IVfdnGOUbw"
    assert hello.created_at == datetime(2019, 6, 23, 2, 49, tzinfo=UTC)
    # A comment on the channel itself (no video) is its own conversation.
    assert hello.thread_key == "UgyUBI0HsgL9emxcZpR4AaABAg" and hello.parent_external_id == ""
    assert hello.url == f"https://www.youtube.com/channel/{OURS}?lc=UgyUBI0HsgL9emxcZpR4AaABAg"
    assert Mention.objects.get(external_id="Ugzi3lkqDPfIOirGFLh4AaABAg").text == "exceptional content!"
    assert Case.objects.count() == 2
    state = state_of(channel)
    assert state.poll_cursor == {"since": "2019-06-23T02:49:00+00:00", "edge": ["UgyUBI0HsgL9emxcZpR4AaABAg"]}
    assert state.quota_used == {"2019-06-24": 1}
    assert state.last_poll_ok_at is not None and state.backoff_until is None


@respx.mock
def test_pages_are_followed_and_a_thread_with_missing_replies_gets_them_from_comments_list(channel: Channel) -> None:
    page_1 = fixture_bytes("youtube/comment_threads_comment_threads_by_video_paged_1.json")
    page_2 = fixture_bytes("youtube/comment_threads_comment_threads_by_video_paged_2.json")
    token = json.loads(page_1)["nextPageToken"]
    threads = respx.get(url__startswith=THREADS).mock(side_effect=[
        httpx.Response(200, content=page_1), httpx.Response(200, content=page_2)])
    with_replies = "UgwI_ylXVnzPS8Q-oAV4AaABAg"  # totalReplyCount 2, no replies on the page
    assert poll_at(channel, datetime(2019, 11, 27, tzinfo=UTC)) == 2
    assert [c.request.url.params.get("pageToken") for c in threads.calls] == [None, token]
    assert Mention.objects.count() == 5, "the second page repeats the first: nothing twice"
    lots = Mention.objects.get(external_id=with_replies)
    assert lots.text.startswith("Lot's of good light"), "textOriginal, not the HTML-escaped textDisplay"
    assert lots.thread_key == "F1UP7wRCPH8"
    assert lots.url == f"https://www.youtube.com/watch?v=F1UP7wRCPH8&lc={with_replies}"
    assert state_of(channel).poll_cursor["replies_due"] == [with_replies]
    # The next poll fetches that thread's replies (the recorded comments.list page, re-parented).
    replies = fixture_bytes("youtube/comments_comments_by_parent_paged_1.json").replace(
        b"Ugw5zYU6n9pmIgAZWvN4AaABAg", with_replies.encode())
    listed = respx.get(url__startswith=COMMENTS).mock(return_value=httpx.Response(200, content=replies))
    threads.side_effect = None
    threads.mock(return_value=httpx.Response(200, content=page_2))
    assert poll_at(channel, datetime(2019, 11, 27, 0, 6, tzinfo=UTC)) == 1
    assert dict(listed.calls.last.request.url.params) == {
        "part": "snippet", "parentId": with_replies, "maxResults": "100", "textFormat": "plainText"}
    third = Mention.objects.get(external_id=f"{with_replies}.91zT3cYb5B291za6voUoRh")
    assert (third.kind, third.text, third.parent_external_id) == ("reply", "this is the third reply!", with_replies)
    assert third.thread_key == "F1UP7wRCPH8" and third.parent_id == lots.pk
    assert third.url == f"https://www.youtube.com/watch?v=F1UP7wRCPH8&lc={with_replies}.91zT3cYb5B291za6voUoRh"
    state = state_of(channel)
    assert "replies_due" not in state.poll_cursor
    assert state.quota_used == {"2019-11-27": 2 + 2}


@pytest.mark.parametrize("path", [p for p in fixture_files("youtube") if "insert" not in p.name], ids=lambda p: p.name)
def test_every_recorded_list_page_parses(channel: Channel, path: Path) -> None:
    event = InboundEvent(source="youtube", channel=channel, raw_body=path.read_bytes())
    result = YouTubeSource().parse(event, nothing_stored)
    items = json.loads(path.read_bytes())["items"]
    assert len(result.changes) == len(items)
    assert all(c.author and c.author.external_id.startswith("UC") for c in result.changes)
    assert all(c.url.startswith("https://www.youtube.com/") and c.created_at for c in result.changes)


def test_replies_take_their_thread_and_video_from_the_lookup_they_are_handed_not_the_inbox(
        channel: Channel, django_assert_num_queries: Any) -> None:
    thread = "Ugw5zYU6n9pmIgAZWvN4AaABAg"  # the parent of the recorded comments.list page
    asked: list[tuple[int, str]] = []

    def stored(channel_id: int, external_id: str) -> StoredMessage | None:
        asked.append((channel_id, external_id))
        return StoredMessage("video-thread", {"video_id": "vid123"}) if external_id == thread else None

    event = InboundEvent(source="youtube", channel=channel,
                         raw_body=fixture_bytes("youtube/comments_comments_by_parent_paged_1.json"))
    with django_assert_num_queries(0):
        result = YouTubeSource().parse(event, stored)
    assert result.changes and asked == [(channel.pk, thread)], "one question per thread"
    assert {(c.thread_key, c.url.split("&")[0]) for c in result.changes} == {
        ("video-thread", "https://www.youtube.com/watch?v=vid123")}
    unknown = YouTubeSource().parse(event, nothing_stored)
    assert {c.thread_key for c in unknown.changes} == {thread}


# ------------------------------------------------------------------ cursor
@respx.mock
def test_a_second_poll_of_the_same_page_adds_nothing_and_reads_one_page(channel: Channel) -> None:
    first = page(thread("Tb", "UCcustomer", "second", T0 - timedelta(minutes=5)),
                 thread("Ta", "UCcustomer", "first", T0 - timedelta(minutes=9)), token="NEXT")
    route = respx.get(url__startswith=THREADS).mock(side_effect=[first, page(), first])
    assert poll_at(channel, T0) == 1
    assert route.call_count == 2, "the walk went on to the (empty) next page"
    cursor = state_of(channel).poll_cursor
    assert cursor == {"since": (T0 - timedelta(minutes=5)).isoformat(), "edge": ["Tb"]}
    assert poll_at(channel, T0 + timedelta(minutes=6)) == 0
    assert route.call_count == 3, "the walk stops at the first thread already seen"
    assert InboundEvent.objects.count() == 1 and Mention.objects.count() == 2
    assert state_of(channel).poll_cursor == cursor
    assert state_of(channel).quota_used == {T0.date().isoformat(): 3}


@respx.mock
def test_new_threads_above_seen_ones_are_taken_and_the_walk_stops_there(channel: Channel) -> None:
    old = thread("Ta", "UCcustomer", "first", T0 - timedelta(minutes=9))
    route = respx.get(url__startswith=THREADS).mock(return_value=page(old))
    poll_at(channel, T0)
    # A new thread, and one stamped the very instant of the newest seen: both new; a next page is not read.
    same_instant = thread("Tz", "UCother", "same second", T0 - timedelta(minutes=9))
    route.mock(return_value=page(thread("Tc", "UCother", "new", T0 + timedelta(minutes=2)), same_instant, old,
                                 token="OLDER"))
    assert poll_at(channel, T0 + timedelta(minutes=6)) == 1
    assert route.call_count == 2 and "pageToken" not in route.calls.last.request.url.params
    assert set(Mention.objects.values_list("external_id", flat=True)) == {"Ta", "Tc", "Tz"}
    assert state_of(channel).poll_cursor == {"since": (T0 + timedelta(minutes=2)).isoformat(), "edge": ["Tc"]}


@respx.mock
def test_a_walk_longer_than_one_poll_goes_on_from_its_page_token(channel: Channel, monkeypatch: Any) -> None:
    monkeypatch.setattr(youtube_source, "MAX_PAGES", 1)
    route = respx.get(url__startswith=THREADS).mock(side_effect=[
        page(thread("T3", "UCa", "three", T0 - timedelta(minutes=1)), token="P2"),
        page(thread("T2", "UCa", "two", T0 - timedelta(minutes=2)), token="P3"),
        page(thread("T1", "UCa", "one", T0 - timedelta(minutes=3)))])
    poll_at(channel, T0)
    cursor = state_of(channel).poll_cursor
    assert cursor["walk"] == {"token": "P2", "newest": (T0 - timedelta(minutes=1)).isoformat(), "next_edge": ["T3"]}
    assert cursor["since"] == (T0 - timedelta(days=30)).isoformat()
    poll_at(channel, T0 + timedelta(minutes=6))
    poll_at(channel, T0 + timedelta(minutes=12))
    assert [c.request.url.params.get("pageToken") for c in route.calls] == [None, "P2", "P3"]
    assert Mention.objects.count() == 3
    assert state_of(channel).poll_cursor == {"since": (T0 - timedelta(minutes=1)).isoformat(), "edge": ["T3"]}


# ------------------------------------------------------------------ kinds, direction, edits
@respx.mock
def test_replies_our_own_answers_and_edits(channel: Channel) -> None:
    at = T0 - timedelta(minutes=30)
    apply_changes([MentionChange(change=ChangeKind.UPSERT, channel_id=channel.id, platform="youtube",
                                 external_id="Tq.r2", kind="reply", text="it made me dizzy",
                                 author=AuthorRef("UCpat", "pat"), thread_key="vid9", parent_external_id="Tq")])
    respx.get(url__startswith=THREADS).mock(return_value=page(thread(
        "Tq", "UCcustomer", "Does the pen need to be refrigerated?", at,
        reply("Tq", "r1", OURS, "Yes, keep it between 2 and 8 °C before first use.", at + timedelta(minutes=10)),
        reply("Tq", "r2", "UCpat", "it made me VERY dizzy", at + timedelta(minutes=12), updated=at + timedelta(minutes=20)),
        video="vid9")))
    poll_at(channel, T0)
    question = Mention.objects.get(external_id="Tq")
    answer = Mention.objects.get(external_id="Tq.r1")
    assert (question.kind, question.direction, question.thread_key) == ("comment", "in", "vid9")
    assert (answer.kind, answer.direction, answer.parent_external_id) == ("reply", "out", "Tq")
    assert answer.case_id == question.case_id  # (parent_id is linked when the parent was stored before)
    assert answer.url == "https://www.youtube.com/watch?v=vid9&lc=Tq.r1"
    assert Case.objects.get(pk=question.case_id).first_responded_at == at + timedelta(minutes=10)
    edited = Mention.objects.get(external_id="Tq.r2")
    assert edited.text == "it made me VERY dizzy"
    assert [h["text"] for h in edited.edit_history] == ["it made me dizzy"]


# ------------------------------------------------------------------ quota
@respx.mock
def test_each_list_call_counts_and_polling_stops_before_the_write_reserve(channel: Channel) -> None:
    ChannelState.objects.create(channel=channel, quota_used={T0.date().isoformat(): 8998})
    route = respx.get(url__startswith=THREADS).mock(side_effect=[
        page(thread("T3", "UCa", "three", T0 - timedelta(minutes=1)), token="P2"),
        page(thread("T2", "UCa", "two", T0 - timedelta(minutes=2)), token="P3")])
    poll_at(channel, T0)
    state = state_of(channel)
    assert route.call_count == 2 and state.quota_used == {T0.date().isoformat(): 9000}
    assert state.poll_cursor["walk"]["token"] == "P3", "the walk waits for quota"
    later = T0 + timedelta(minutes=6)
    assert poll_at(channel, later) == 0
    state = state_of(channel)
    assert route.call_count == 2, "no call once only the reserve for writes is left"
    assert state.last_error.startswith("daily quota reached: 9000 of 10000 units used today, 1000 kept")
    assert state.backoff_until == datetime(2026, 3, 3, tzinfo=UTC)


@respx.mock
def test_youtube_saying_the_quota_is_gone_backs_off_until_midnight_pacific(channel: Channel) -> None:
    route = respx.get(url__startswith=THREADS).mock(return_value=httpx.Response(403, json={"error": {
        "code": 403, "message": "The request cannot be completed because you have exceeded your quota.",
        "errors": [{"message": "The request cannot be completed because you have exceeded your quota.",
                    "domain": "youtube.quota", "reason": "quotaExceeded"}]}}))
    assert poll_at(channel, T0) == 0
    state = state_of(channel)
    assert state.last_error.startswith(QUOTA_EXHAUSTED) and "midnight Pacific" in state.last_error
    assert state.backoff_until == next_pacific_midnight(T0) == datetime(2026, 3, 3, 8, tzinfo=UTC)
    assert not InboundEvent.objects.exists()
    # Even if polled before then (e.g. the backoff was cleared by hand), no call is made.
    ChannelState.objects.filter(channel=channel).update(backoff_until=None)
    assert poll_at(channel, T0 + timedelta(hours=2)) == 0
    assert route.call_count == 1
    # After midnight Pacific it polls again.
    route.mock(return_value=page())
    assert poll_at(channel, datetime(2026, 3, 3, 8, 1, tzinfo=UTC)) == 0
    assert route.call_count == 2 and state_of(channel).last_poll_ok_at is not None


# ------------------------------------------------------------------ failures and auth
@pytest.mark.parametrize("response,words", [
    (httpx.Response(401, json={"error": {"code": 401, "message": "Request had invalid authentication credentials.",
                                         "errors": [{"reason": "authError"}]}}), "token expired"),
    (httpx.Response(403, json={"error": {"code": 403, "message": "The caller does not have permission",
                                         "errors": [{"reason": "forbidden"}]}}), "YouTube refused"),
    (httpx.Response(403, json={"error": {"code": 403, "message": "disabled",
                                         "errors": [{"reason": "commentsDisabled"}]}}), "comments are turned off"),
    (httpx.Response(404, json={"error": {"code": 404, "message": "channel not found",
                                         "errors": [{"reason": "channelNotFound"}]}}), "does not know this channel"),
    (httpx.Response(503), "YouTube answered 503"),
    (httpx.Response(200, json={"kind": "youtube#commentThreadListResponse"}), "without a list"),
])
@respx.mock
def test_failures_are_recorded_in_plain_words_and_back_off(channel: Channel, response: httpx.Response, words: str) -> None:
    respx.get(url__startswith=THREADS).mock(return_value=response)
    assert poll_at(channel, T0) == 0
    state = state_of(channel)
    assert words in state.last_error and state.consecutive_failures == 1
    assert state.backoff_until == T0 + timedelta(minutes=1) and state.poll_cursor == {}
    assert state.quota_used == {T0.date().isoformat(): 1}, "a failed call costs quota too"
    assert not InboundEvent.objects.exists()


@respx.mock
def test_a_timeout_is_a_plain_failure(channel: Channel) -> None:
    respx.get(url__startswith=THREADS).mock(side_effect=httpx.ConnectTimeout("slow"))
    poll_at(channel, T0)
    assert "no answer from YouTube (ConnectTimeout)" in state_of(channel).last_error


@respx.mock
def test_an_api_key_channel_polls_with_key_and_no_token(channel: Channel) -> None:
    Channel.objects.filter(pk=channel.pk).update(secrets={"api_key": seal("AIza-key")})
    channel.refresh_from_db()
    route = respx.get(url__startswith=THREADS).mock(return_value=page())
    poll_at(channel, T0)
    request = route.calls.last.request
    assert request.url.params["key"] == "AIza-key" and "Authorization" not in request.headers


def test_a_channel_without_credentials_fails_in_plain_words(channel: Channel) -> None:
    Channel.objects.filter(pk=channel.pk).update(secrets={})
    channel.refresh_from_db()
    with respx.mock(assert_all_called=False) as router:
        poll_at(channel, T0)
        assert not router.calls
    assert "neither an access_token nor an api_key" in state_of(channel).last_error
