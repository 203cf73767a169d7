"""TikTok outbound: the exact documented requests (platforms.md §3.3), policy refusals, errors in
plain words and reconciliation. Response bodies are the documented ones where §3.3 has them
(reply create, comment list); error bodies are SCHEMA-DERIVED ({code, message, request_id})."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
import respx
import time_machine
from django.core.exceptions import ValidationError

from carewatch.inbox.ingest import apply_changes
from carewatch.inbox.models import Mention
from carewatch.inbox.normalised import AuthorRef, ChangeKind, MentionChange
from carewatch.lib.secrets import seal
from carewatch.replies.models import OutboundAction, OutboundStatus
from carewatch.replies.outbox import do_queue_outbound, reconcile, send_now
from carewatch.sources.ratelimit import Limit
from carewatch.sources.registry import outbound_client
from carewatch.tenancy.models import Channel, Client

BASE = "https://business-api.tiktok.com/open_api/v1.3"
TOKEN = "act.tiktok-access-token"
BUSINESS = "biz-123"
VIDEO = "7109065174526479622"
COMMENT = "7111907185164763905"


@pytest.fixture
def account(db: Any) -> Channel:
    client = Client.objects.create(slug="northwind", name="Northwind")
    return Channel.objects.create(client=client, platform="tiktok", handle="northwindrx", external_id=BUSINESS,
                                  secrets={"access_token": seal(TOKEN), "client_secret": seal("s")})


def customer_comment(channel: Channel, external_id: str = COMMENT) -> Mention:
    apply_changes([MentionChange(
        change=ChangeKind.UPSERT, channel_id=channel.id, platform="tiktok", external_id=external_id,
        text="Is the pen covered?", author=AuthorRef("user-1", "klein_kunkun"), thread_key=VIDEO,
        parent_external_id=VIDEO, extra={"video_id": VIDEO})])
    return Mention.objects.get(external_id=external_id)


def customer_dm(channel: Channel, hours_ago: float) -> Mention:
    apply_changes([MentionChange(
        change=ChangeKind.UPSERT, channel_id=channel.id, platform="tiktok", external_id=f"tt-msg-{hours_ago}",
        kind="dm", text="Where is my order?", author=AuthorRef("user-1", "customer_handle"),
        thread_key="dm:tt-conv-1", created_at=datetime.now(UTC) - timedelta(hours=hours_ago))])
    return Mention.objects.get(external_id=f"tt-msg-{hours_ago}")


def queue(channel: Channel, verb: str, target: str, body: str = "Thanks! Please DM us.", **options: Any) -> OutboundAction:
    from django.db import transaction

    with transaction.atomic():
        return do_queue_outbound(None, channel, verb, target, body, options=options or None)


def ok(data: dict[str, Any]) -> httpx.Response:
    return httpx.Response(200, json={"code": 0, "message": "OK", "request_id": "2021081703431601", "data": data})


def error(code: int, message: str) -> httpx.Response:
    return httpx.Response(200, json={"code": code, "message": message, "request_id": "2021081703431602", "data": {}})


@respx.mock
def test_a_reply_posts_the_documented_request_and_records_the_new_comment_id(account: Channel) -> None:
    customer_comment(account)
    # platforms.md §3.3: the documented reply-create response
    route = respx.post(f"{BASE}/business/comment/reply/create/").mock(return_value=httpx.Response(200, json={
        "code": 0, "message": "Ok", "request_id": "20210817034316010245031056097316BA",
        "data": {"comment_id": "6990565363377392901", "video_id": "6990565363377392901", "create_time": 1627617835,
                 "text": "this is a comment"}}))
    action = queue(account, "reply", COMMENT)
    send_now(action.pk)
    request = route.calls.last.request
    assert request.headers["Access-Token"] == TOKEN and "authorization" not in request.headers
    assert json.loads(request.content) == {"business_id": BUSINESS, "video_id": VIDEO, "comment_id": COMMENT,
                                           "text": "Thanks! Please DM us."}
    action.refresh_from_db()
    assert (action.status, action.external_id) == (OutboundStatus.SENT, "6990565363377392901")


@respx.mock
def test_a_reply_over_150_characters_is_refused_before_any_call(account: Channel) -> None:
    customer_comment(account)
    route = respx.post(f"{BASE}/business/comment/reply/create/").mock(return_value=ok({"comment_id": "1"}))
    action = queue(account, "reply", COMMENT, "x" * 151)
    send_now(action.pk)
    action.refresh_from_db()
    assert action.status == OutboundStatus.FAILED and "150 characters" in action.error and "151" in action.error
    assert not route.called


@respx.mock
def test_the_video_comes_from_the_action_when_the_comment_is_not_stored(account: Channel) -> None:
    route = respx.post(f"{BASE}/business/comment/reply/create/").mock(return_value=ok({"comment_id": "2"}))
    unknown_video = queue(account, "reply", "555")
    send_now(unknown_video.pk)
    unknown_video.refresh_from_db()
    assert unknown_video.status == OutboundStatus.FAILED and "video" in unknown_video.error
    given = queue(account, "reply", "555", video_id="7000")
    send_now(given.pk)
    assert json.loads(route.calls.last.request.content)["video_id"] == "7000"
    assert route.call_count == 1


@respx.mock
def test_hide_and_unhide_post_the_documented_action(account: Channel) -> None:
    customer_comment(account)
    route = respx.post(f"{BASE}/business/comment/hide/").mock(return_value=ok({}))
    send_now(queue(account, "hide", COMMENT, "").pk)
    assert json.loads(route.calls.last.request.content) == {
        "business_id": BUSINESS, "comment_id": COMMENT, "video_id": VIDEO, "action": "HIDE"}
    send_now(queue(account, "unhide", COMMENT, "").pk)
    assert json.loads(route.calls.last.request.content)["action"] == "UNHIDE"
    assert route.calls.last.request.headers["Access-Token"] == TOKEN
    assert set(OutboundAction.objects.values_list("status", flat=True)) == {OutboundStatus.SENT}


@respx.mock
def test_a_dm_inside_48_hours_uses_the_business_messaging_send(account: Channel) -> None:
    customer_dm(account, hours_ago=47)
    route = respx.post(f"{BASE}/business/message/send/").mock(return_value=ok({"message": {"message_id": "tt-out-1"}}))
    action = queue(account, "dm", "tt-conv-1", "We are sorry to hear that")
    send_now(action.pk)
    assert json.loads(route.calls.last.request.content) == {
        "business_id": BUSINESS, "recipient_type": "CONVERSATION", "recipient": "tt-conv-1",
        "message_type": "TEXT", "text": {"body": "We are sorry to hear that"}}
    action.refresh_from_db()
    assert (action.status, action.external_id) == (OutboundStatus.SENT, "tt-out-1")


@respx.mock
def test_a_dm_after_48_hours_or_without_a_conversation_is_refused(account: Channel) -> None:
    route = respx.post(f"{BASE}/business/message/send/").mock(return_value=ok({"message": {"message_id": "m"}}))
    cold = queue(account, "dm", "tt-conv-1")
    send_now(cold.pk)
    cold.refresh_from_db()
    assert cold.status == OutboundStatus.FAILED and "has not written" in cold.error
    customer_dm(account, hours_ago=49)
    late = queue(account, "dm", "tt-conv-1")
    send_now(late.pk)
    late.refresh_from_db()
    assert late.status == OutboundStatus.FAILED and "48 hours" in late.error and late.error_code == "policy"
    assert not route.called


def test_private_replies_are_not_a_tiktok_verb(account: Channel) -> None:
    with pytest.raises(ValidationError):
        queue(account, "private_reply", COMMENT)


@pytest.mark.parametrize("response,words,code", [
    (error(40100, "Too many requests"), "rate limited", "rate_limited"),
    (error(40105, "The access token is invalid or has been revoked"), "expired or was revoked", "token"),
    (error(40001, "No permission to operate this business account"), "missing permission", "permission"),
    (error(40002, "Comment does not exist"), "TikTok refused the request (Comment does not exist)", "tiktok_40002"),
    (httpx.Response(401, json={"code": 40104, "message": "Access token is null"}), "reconnect", "token"),
])
@respx.mock
def test_errors_in_a_200_body_or_an_http_status_become_plain_words(account: Channel, response: httpx.Response,
                                                                   words: str, code: str) -> None:
    customer_comment(account)
    respx.post(f"{BASE}/business/comment/reply/create/").mock(return_value=response)
    action = queue(account, "reply", COMMENT)
    send_now(action.pk)
    action.refresh_from_db()
    assert action.status == OutboundStatus.FAILED and words in action.error and action.error_code == code


@respx.mock
def test_a_5xx_is_unknown_and_a_reply_is_reconciled_by_the_reply_list_never_by_sending_again(account: Channel) -> None:
    customer_comment(account)
    post = respx.post(f"{BASE}/business/comment/reply/create/").mock(return_value=httpx.Response(503))
    action = queue(account, "reply", COMMENT, "We hear you")
    send_now(action.pk)
    action.refresh_from_db()
    assert action.status == OutboundStatus.UNKNOWN and "503" in action.error
    relist = respx.get(f"{BASE}/business/comment/reply/list/").mock(return_value=ok({
        "has_more": False, "cursor": 2, "comments": [
            {"video_id": VIDEO, "comment_id": "7111900000000000001", "text": "We hear you", "owner": False,
             "parent_comment_id": COMMENT},
            {"video_id": VIDEO, "comment_id": "7111900000000000002", "text": "We hear you", "owner": True,
             "parent_comment_id": COMMENT, "create_time": "1655870005", "username": "northwindrx"}]}))
    assert reconcile(action) == "sent"
    action.refresh_from_db()
    assert (action.status, action.external_id) == (OutboundStatus.SENT, "7111900000000000002")
    request = relist.calls.last.request
    assert dict(request.url.params) == {"business_id": BUSINESS, "video_id": VIDEO, "comment_id": COMMENT}
    assert request.headers["Access-Token"] == TOKEN
    assert post.call_count == 1


@respx.mock
def test_a_timeout_on_a_dm_is_settled_by_the_im_send_msg_echo_without_any_call(account: Channel) -> None:
    customer_dm(account, hours_ago=1)
    respx.post(f"{BASE}/business/message/send/").mock(side_effect=httpx.ReadTimeout("slow"))
    action = queue(account, "dm", "tt-conv-1", "Hello again")
    send_now(action.pk)
    action.refresh_from_db()
    assert action.status == OutboundStatus.UNKNOWN
    apply_changes([MentionChange(  # what the parser makes of the im_send_msg echo
        change=ChangeKind.UPSERT, channel_id=account.id, platform="tiktok", external_id="tt-out-9", kind="dm",
        direction="out", text="Hello again", author=AuthorRef(BUSINESS, "northwindrx"), thread_key="dm:tt-conv-1",
        extra={"conversation_id": "tt-conv-1", "echo": True})])
    with respx.mock(assert_all_called=False) as router:
        assert reconcile(action) == "sent"
        assert not router.calls
    action.refresh_from_db()
    assert action.external_id == "tt-out-9"


def test_the_rate_limit_is_40_a_minute_per_account_and_endpoint(account: Channel) -> None:
    client = outbound_client("tiktok")
    assert client is not None
    reply = OutboundAction(channel=account, verb="reply", target_external_id=COMMENT)
    hide = OutboundAction(channel=account, verb="hide", target_external_id=COMMENT)
    dm = OutboundAction(channel=account, verb="dm", target_external_id="tt-conv-1")
    keys = {client.limit_for(a) for a in (reply, hide, dm)}
    assert keys == {(f"tiktok:{BUSINESS}:business.comment.reply.create", Limit(40, 60)),
                    (f"tiktok:{BUSINESS}:business.comment.hide", Limit(40, 60)),
                    (f"tiktok:{BUSINESS}:business.message.send", Limit(40, 60))}


@respx.mock
def test_the_41st_reply_in_a_minute_waits_for_the_next_window(account: Channel) -> None:
    from carewatch.sources.ratelimit import acquire

    customer_comment(account)
    client = outbound_client("tiktok")
    assert client is not None
    probe = OutboundAction(channel=account, verb="reply", target_external_id=COMMENT)
    key, limit = client.limit_for(probe)  # type: ignore[misc]
    route = respx.post(f"{BASE}/business/comment/reply/create/").mock(return_value=ok({"comment_id": "1"}))
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, 10, tzinfo=UTC), tick=False):  # one window throughout
        for _ in range(40):
            assert acquire(key, limit) == 0.0
        action = queue(account, "reply", COMMENT)
        send_now(action.pk)
    action.refresh_from_db()
    assert action.status == OutboundStatus.PENDING and action.not_before is not None
    assert not route.called
