"""YouTube's outbox calls: the documented request of every verb, errors in plain words, quota.

The ``comments.insert`` answer is REAL-CAPTURE (sns-sdks/python-youtube
testdata/apidata/comments/insert_response.json); error bodies follow Google's documented
``{"error": {"code", "message", "errors": [{"reason"}]}}`` shape (SCHEMA-DERIVED).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
import respx
import time_machine
from django.db import transaction

from carewatch.inbox.ingest import apply_changes
from carewatch.inbox.normalised import AuthorRef, ChangeKind, MentionChange
from carewatch.lib.secrets import seal
from carewatch.replies.models import OutboundAction, OutboundStatus
from carewatch.replies.outbox import do_queue_outbound, reconcile, send_now
from carewatch.sources.models import ChannelState
from carewatch.sources.testing import fixture_bytes
from carewatch.tenancy.models import Channel, Client

API = "https://www.googleapis.com/youtube/v3"
TOKEN = "ya29.youtube-token"
OURS = "UCa-vrCLQHviTOVnEKDOdetQ"  # the author of the recorded insert response
T0 = datetime(2026, 3, 2, 17, 0, tzinfo=UTC)


@pytest.fixture
def channel(db: Any) -> Channel:
    client = Client.objects.create(slug="northwind", name="Northwind")
    return Channel.objects.create(client=client, platform="youtube", handle="GlucavioTV", external_id=OURS,
                                  secrets={"access_token": seal(TOKEN)})


@pytest.fixture(autouse=True)
def frozen() -> Any:
    with time_machine.travel(T0, tick=False):
        yield


def queue(channel: Channel, verb: str, target: str, body: str = "wow") -> OutboundAction:
    with transaction.atomic():
        return do_queue_outbound(None, channel, verb, target, body)


def quota(channel: Channel) -> int:
    state = ChannelState.objects.filter(channel=channel).first()
    return int((state.quota_used if state else {}).get(T0.date().isoformat(), 0))


@respx.mock
def test_a_reply_is_comments_insert_with_the_thread_as_parent(channel: Channel) -> None:
    route = respx.post(f"{API}/comments").mock(return_value=httpx.Response(
        200, content=fixture_bytes("youtube/comments_insert_response.json")))
    action = queue(channel, "reply", "Ugy_CAftKrIUCyPr9GR4AaABAg")
    send_now(action.pk)
    request = route.calls.last.request
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert dict(request.url.params) == {"part": "snippet"}
    assert json.loads(request.content) == {"snippet": {"parentId": "Ugy_CAftKrIUCyPr9GR4AaABAg", "textOriginal": "wow"}}
    action.refresh_from_db()
    assert (action.status, action.external_id) == (OutboundStatus.SENT, "Ugy_CAftKrIUCyPr9GR4AaABAg.9iPXEClD9lW9iPXLqKy_Pt")
    assert quota(channel) == 50


@respx.mock
def test_a_reply_to_a_reply_goes_to_its_thread(channel: Channel) -> None:
    route = respx.post(f"{API}/comments").mock(return_value=httpx.Response(200, json={"id": "Tq.new"}))
    send_now(queue(channel, "reply", "Tq.r2", "Thanks for telling us").pk)
    assert json.loads(route.calls.last.request.content)["snippet"]["parentId"] == "Tq"


@respx.mock
def test_hide_and_unhide_set_the_moderation_status(channel: Channel) -> None:
    route = respx.post(f"{API}/comments/setModerationStatus").mock(return_value=httpx.Response(204))
    hide = queue(channel, "hide", "Tq.r2", "")
    unhide = queue(channel, "unhide", "Tq.r2", "")
    send_now(hide.pk)
    send_now(unhide.pk)
    assert [dict(c.request.url.params) for c in route.calls] == [
        {"id": "Tq.r2", "moderationStatus": "heldForReview"}, {"id": "Tq.r2", "moderationStatus": "published"}]
    assert all(c.request.headers["Authorization"] == f"Bearer {TOKEN}" and c.request.content == b""
               for c in route.calls)
    assert set(OutboundAction.objects.values_list("status", flat=True)) == {OutboundStatus.SENT}
    assert quota(channel) == 100


def google_error(status: int, reason: str, message: str = "error") -> httpx.Response:
    return httpx.Response(status, json={"error": {"code": status, "message": message,
                                                  "errors": [{"domain": "youtube", "reason": reason, "message": message}]}})


@pytest.mark.parametrize("response,words,code", [
    (google_error(401, "authError", "Invalid Credentials"), "expired", "token"),
    (google_error(403, "quotaExceeded"), "daily quota is used up", "quota"),
    (google_error(403, "forbidden"), "only the channel's owner", "forbidden"),
    (google_error(403, "insufficientPermissions"), "youtube.force-ssl", "permission"),
    (google_error(403, "commentsDisabled"), "comments are turned off", "forbidden"),
    (google_error(404, "commentNotFound"), "no longer exists", "not_found"),
    (google_error(400, "commentTextTooLong", "too long"), "YouTube refused the request (commentTextTooLong", "youtube_commentTextTooLong"),
])
@respx.mock
def test_errors_become_plain_words(channel: Channel, response: httpx.Response, words: str, code: str) -> None:
    respx.post(f"{API}/comments").mock(return_value=response)
    action = queue(channel, "reply", "Tq")
    send_now(action.pk)
    action.refresh_from_db()
    assert action.status == OutboundStatus.FAILED and words in action.error and action.error_code == code


@respx.mock
def test_a_5xx_is_unknown_and_a_relist_finds_our_reply(channel: Channel) -> None:
    post = respx.post(f"{API}/comments").mock(return_value=httpx.Response(503))
    action = queue(channel, "reply", "Tq.r2", "We are sorry to hear that")
    send_now(action.pk)
    action.refresh_from_db()
    assert action.status == OutboundStatus.UNKNOWN and "503" in action.error
    relist = respx.get(f"{API}/comments").mock(return_value=httpx.Response(200, json={
        "kind": "youtube#commentListResponse", "items": [
            {"id": "Tq.other", "snippet": {"parentId": "Tq", "textDisplay": "We are sorry to hear that",
                                           "authorChannelId": {"value": "UCsomeoneelse"}}},
            {"id": "Tq.ours", "snippet": {"parentId": "Tq", "textDisplay": "We are sorry to hear that",
                                          "authorChannelId": {"value": OURS}}}]}))
    assert reconcile(action) == "sent"
    assert dict(relist.calls.last.request.url.params) == {
        "part": "snippet", "parentId": "Tq", "maxResults": "100", "textFormat": "plainText"}
    action.refresh_from_db()
    assert (action.status, action.external_id) == (OutboundStatus.SENT, "Tq.ours")
    assert post.call_count == 1 and quota(channel) == 51


@respx.mock
def test_a_timeout_is_settled_by_the_polled_echo_without_any_call(channel: Channel) -> None:
    respx.post(f"{API}/comments").mock(side_effect=httpx.ReadTimeout("slow"))
    action = queue(channel, "reply", "Tq", "Keep it in the fridge")
    send_now(action.pk)
    action.refresh_from_db()
    assert action.status == OutboundStatus.UNKNOWN
    apply_changes([MentionChange(change=ChangeKind.UPSERT, channel_id=channel.id, platform="youtube",
                                 external_id="Tq.echo", kind="reply", direction="out", text="Keep it in the fridge",
                                 author=AuthorRef(OURS, "GlucavioTV"), parent_external_id="Tq", thread_key="vid9")])
    with respx.mock(assert_all_called=False) as router:
        assert reconcile(action) == "sent"
        assert not router.calls
    action.refresh_from_db()
    assert action.external_id == "Tq.echo"


def test_nothing_is_sent_without_the_owners_token_or_when_the_quota_is_gone(channel: Channel) -> None:
    with respx.mock(assert_all_called=False) as router:
        Channel.objects.filter(pk=channel.pk).update(secrets={"api_key": seal("AIza-key")})
        no_token = queue(Channel.objects.get(pk=channel.pk), "reply", "Tq")
        send_now(no_token.pk)
        no_token.refresh_from_db()
        assert no_token.status == OutboundStatus.FAILED and "access_token" in no_token.error
        Channel.objects.filter(pk=channel.pk).update(secrets={"access_token": seal(TOKEN)})
        ChannelState.objects.create(channel=channel, quota_used={T0.date().isoformat(): 9960})
        late = queue(channel, "hide", "Tq", "")
        send_now(late.pk)
        late.refresh_from_db()
        assert late.status == OutboundStatus.FAILED and "quota" in late.error and late.error_code == "policy"
        assert not router.calls
