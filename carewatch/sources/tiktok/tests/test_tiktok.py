"""TikTok webhooks end to end: signature, routing, storage, and every event kind.

There are no recorded TikTok deliveries (no tiktok/fixtures/: none were published). The
envelope and the signature vector are the documented ones (platforms.md §3.1); the DM payload is the reference's
SCHEMA-DERIVED example (§3.2, field names from Chatwoot's production receiver). Every comment
and brand-mention payload below is SCHEMA-DERIVED from the documented field list, which TikTok
marks as unverified: confirm against the first real delivery.
"""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client as HttpClient

from carewatch.inbox.models import Case, Mention
from carewatch.lib.secrets import seal
from carewatch.sources.health import health_of
from carewatch.sources.models import ChannelState, EventState, InboundEvent
from carewatch.sources.tiktok.verify import parse_header, sign, signature_valid
from carewatch.tenancy.models import Channel, Client

SECRET = "tiktok_client_secret"
BUSINESS = "biz-123"

# platforms.md §3.1: the documented envelope, serialised compactly, and its computed vector.
DOC_BODY = (b'{"client_key":"bwo2m45353a6k85","event":"authorization.removed","create_time":1615338610,'
            b'"user_openid":"act.example12345Example12345Example","content":"{\\"reason\\": 1 }"}')
DOC_HEADER = "t=1633174587,s=2ef0467f794a8f45a8f3069b9aaebaac4974575bfd7aa69dba329a8c0c263ac7"

# platforms.md §3.2: SCHEMA-DERIVED DM payload, verbatim.
DM_BODY = {
    "client_key": "aw_app_key",
    "event": "im_receive_msg",
    "create_time": 1700000000,
    "user_openid": "biz-123",
    "content": "{\"conversation_id\":\"tt-conv-1\",\"message_id\":\"tt-msg-1\",\"timestamp\":1700000000000,\"type\":\"text\",\"text\":{\"body\":\"Where is my order?\"},\"from\":\"customer_handle\",\"from_user\":{\"id\":\"user-1\"},\"to\":\"brand_handle\",\"to_user\":{\"id\":\"biz-123\"}}",
}


@pytest.fixture
def account(transactional_db: Any) -> Channel:
    client = Client.objects.create(slug="northwind", name="Northwind")
    Channel.objects.create(client=client, platform="tiktok", handle="other", external_id="biz-999",
                           secrets={"client_secret": seal("another app's secret")})
    return Channel.objects.create(client=client, platform="tiktok", handle="northwindrx", external_id=BUSINESS,
                                  secrets={"client_secret": seal(SECRET)})


def envelope(event: str, content: dict[str, Any] | str, account: str = BUSINESS,
             create_time: int | None = None) -> bytes:
    body = {"client_key": "aw_app_key", "event": event, "create_time": create_time or int(time.time()),
            "user_openid": account, "content": content if isinstance(content, str) else json.dumps(content)}
    return json.dumps(body, separators=(",", ":")).encode()


def post(body: bytes, signature: str | None = "auto", stamp: int | None = None) -> Any:
    headers = {}
    if signature == "auto":
        headers["HTTP_TIKTOK_SIGNATURE"] = sign(body, SECRET, stamp or int(time.time()))
    elif signature is not None:
        headers["HTTP_TIKTOK_SIGNATURE"] = signature
    return HttpClient().post("/hooks/tiktok/", data=body, content_type="application/json", **headers)


def deliver(body: bytes) -> InboundEvent:
    response = post(body)
    assert response.status_code == 200, response.content
    event = InboundEvent.objects.order_by("-id").first()
    assert event is not None
    return event


def comment(comment_id: str = "7111907185164763905", action: str = "created", **fields: Any) -> bytes:
    """SCHEMA-DERIVED comment.update content (field names from the comment API's objects)."""
    content = {"comment_id": comment_id, "video_id": "7109065174526479622", "comment_action": action,
               "text": "Is the pen covered by my insurance?", "create_time": 1655870005,
               "user_id": "6faa870ee45c", "username": "klein_kunkun", "owner": False}
    content.update(fields)
    return envelope("comment.update", content)


# ------------------------------------------------------------------ signature
def test_the_documented_vector_verifies_at_its_own_time_only() -> None:
    assert sign(DOC_BODY, SECRET, 1633174587) == DOC_HEADER
    assert signature_valid(DOC_BODY, DOC_HEADER, SECRET, now=1633174587)
    assert signature_valid(DOC_BODY, DOC_HEADER, SECRET, now=1633174587 + 300)
    assert not signature_valid(DOC_BODY, DOC_HEADER, SECRET, now=1633174587 + 301)  # replayed later
    assert not signature_valid(DOC_BODY, DOC_HEADER, SECRET, now=1633174587 - 301)
    assert not signature_valid(DOC_BODY + b" ", DOC_HEADER, SECRET, now=1633174587)
    assert not signature_valid(DOC_BODY, DOC_HEADER, "wrong secret", now=1633174587)
    assert signature_valid(DOC_BODY, DOC_HEADER.replace(",", ", ").upper().replace("T=", "t=").replace("S=", "s="),
                           SECRET, now=1633174587)


@pytest.mark.parametrize("header", [None, "", "garbage", "t=abc,s=00", "s=2ef0467f", "t=1633174587",
                                    "t=1633174587;s=2ef0"])
def test_malformed_signature_headers_never_verify(header: str | None) -> None:
    assert not signature_valid(DOC_BODY, header, SECRET, now=1633174587)
    if header and "t=1633174587" not in header:
        assert parse_header(header) is None


def test_get_answers_ok_since_tiktok_documents_no_handshake(account: Channel) -> None:
    response = HttpClient().get("/hooks/tiktok/")
    assert (response.status_code, response.content) == (200, b"ok")


# ------------------------------------------------------------------ the endpoint
def test_a_signed_comment_is_stored_acknowledged_and_becomes_a_mention_in_a_case(account: Channel) -> None:
    body = comment()
    response = post(body)
    assert (response.status_code, response.content) == (200, b"ok")
    event = InboundEvent.objects.get()
    assert bytes(event.raw_body) == body and event.signature_ok and event.state == EventState.PROCESSED
    assert event.channel_id == account.id
    mention = Mention.objects.get()
    assert (mention.external_id, mention.kind, mention.direction) == ("7111907185164763905", "comment", "in")
    assert mention.text == "Is the pen covered by my insurance?"
    assert mention.thread_key == "7109065174526479622" and mention.platform_meta["video_id"] == "7109065174526479622"
    assert mention.author.handle == "klein_kunkun" and mention.author.external_id == "6faa870ee45c"
    assert mention.created_at == datetime.fromtimestamp(1655870005, tz=UTC)
    assert mention.url == "https://www.tiktok.com/@northwindrx/video/7109065174526479622"
    assert Case.objects.get().mention_count == 1


def test_a_wrong_or_missing_signature_is_403_stores_nothing_and_is_counted(account: Channel, caplog: Any) -> None:
    body = comment()
    assert post(body, signature=f"t={int(time.time())},s={'0' * 64}").status_code == 403
    assert post(body, signature=None).status_code == 403
    other = sign(body, "another app's secret", int(time.time()))
    assert post(body, signature=other).status_code == 403  # a secret, but not this account's
    assert not InboundEvent.objects.exists() and not Mention.objects.exists()
    assert ChannelState.objects.get(channel=account).events_rejected == 3
    assert "webhook rejected" in caplog.text and SECRET not in caplog.text


def test_a_captured_delivery_replayed_later_is_refused(account: Channel) -> None:
    body = comment()
    header = sign(body, SECRET, int(time.time()))
    with time_machine.travel(datetime.now(UTC) + timedelta(minutes=6)):
        assert post(body, signature=header).status_code == 403
    assert post(body, stamp=int(time.time()) - 301).status_code == 403
    assert not InboundEvent.objects.exists()


def test_a_signed_body_that_is_not_json_is_400_and_kept_as_rejected(account: Channel) -> None:
    body = b'{"event": "comment.update", "user_openid": "biz-123", '
    assert post(body).status_code == 400
    event = InboundEvent.objects.get()
    assert event.state == EventState.REJECTED and bytes(event.raw_body) == body


def test_content_that_is_not_json_inside_the_json_is_rejected_by_the_pipeline(account: Channel) -> None:
    event = deliver(envelope("comment.update", "{not json"))
    assert event.state == EventState.REJECTED and "content is not JSON" in event.reason
    assert not Mention.objects.exists()


def test_an_unknown_account_is_404(account: Channel) -> None:
    assert post(envelope("comment.update", {"comment_id": "1"}, account="biz-unknown")).status_code == 404
    assert not InboundEvent.objects.exists()


def test_a_body_over_the_limit_is_413(account: Channel) -> None:
    body = envelope("comment.update", {"comment_id": "1", "text": "x" * (128 * 1024)})
    assert post(body).status_code == 413
    assert not InboundEvent.objects.exists()


def test_a_redelivery_changes_nothing(account: Channel) -> None:
    body = comment()
    assert post(body).status_code == 200
    assert post(body, stamp=int(time.time()) + 5).status_code == 200  # TikTok re-signs each attempt
    assert InboundEvent.objects.count() == 1
    assert Mention.objects.count() == 1 and Case.objects.count() == 1


# ------------------------------------------------------------------ event kinds
def test_a_reply_links_to_its_parent_and_the_brands_own_reply_answers_the_case(account: Channel) -> None:
    deliver(comment())
    deliver(comment("7111907185164763999", text="Hi! Which plan are you on?", parent_comment_id="7111907185164763905",
                    owner=True, user_id="ignored", username="northwindrx", create_time=1655870105))
    reply = Mention.objects.get(external_id="7111907185164763999")
    assert (reply.kind, reply.direction) == ("reply", "out")
    assert reply.parent is not None and reply.parent.external_id == "7111907185164763905"
    assert reply.author.external_id == BUSINESS
    case = Case.objects.get()
    assert reply.case_id == case.id and case.first_responded_at is not None


def test_visibility_changes_hide_unhide_and_deletion_marks(account: Channel) -> None:
    deliver(comment())
    deliver(comment(action="set_to_private", create_time=1655870006))
    mention = Mention.objects.get()
    assert mention.is_hidden
    deliver(comment(action="set_to_public", create_time=1655870007))
    mention.refresh_from_db()
    assert not mention.is_hidden
    deliver(comment(action="deleted", text=""))
    mention.refresh_from_db()
    assert mention.is_deleted and Mention.objects.count() == 1


def test_a_visibility_change_for_a_comment_we_never_had_still_brings_it_in(account: Channel) -> None:
    deliver(comment("7111907185164700001", action="hidden"))
    mention = Mention.objects.get()
    assert mention.text and mention.is_hidden


def test_a_comment_without_an_id_or_with_an_odd_action_is_explained(account: Channel) -> None:
    event = deliver(envelope("comment.update", {"video_id": "1", "text": "hello"}))
    assert event.state == EventState.IGNORED and "without a comment_id" in event.reason
    event = deliver(comment("7111907185164700002", action="pinned"))
    assert event.state == EventState.PROCESSED and "'pinned' not understood" in event.reason
    assert Mention.objects.filter(external_id="7111907185164700002").exists()


def test_a_dm_and_its_echo_share_one_conversation(account: Channel) -> None:
    event = deliver(json.dumps(DM_BODY).encode())
    assert event.state == EventState.PROCESSED
    inbound = Mention.objects.get()
    assert (inbound.kind, inbound.direction, inbound.external_id) == ("dm", "in", "tt-msg-1")
    assert inbound.thread_key == "dm:tt-conv-1" and inbound.text == "Where is my order?"
    assert inbound.author.external_id == "user-1" and inbound.author.handle == "customer_handle"
    assert inbound.created_at == datetime.fromtimestamp(1700000000, tz=UTC)  # the ms timestamp
    echo = dict(DM_BODY, event="im_send_msg", content=json.dumps({
        "conversation_id": "tt-conv-1", "message_id": "tt-msg-2", "timestamp": 1700000060000, "type": "text",
        "text": {"body": "Sorry! Could you DM us the order number?"}, "from": "brand_handle",
        "from_user": {"id": BUSINESS}, "to": "customer_handle", "to_user": {"id": "user-1"}}))
    deliver(json.dumps(echo).encode())
    out = Mention.objects.get(external_id="tt-msg-2")
    assert (out.direction, out.thread_key, out.platform_meta["echo"]) == ("out", "dm:tt-conv-1", True)
    case = Case.objects.get()
    assert out.case_id == case.id and inbound.case_id == case.id


def test_eu_dms_and_non_text_messages(account: Channel) -> None:
    eu = dict(DM_BODY, event="im_receive_msg_eu", content=json.dumps({
        "conversation_id": "tt-conv-eu", "message_id": "tt-msg-eu", "timestamp": 1700000000000, "type": "image",
        "image": {"media_id": "m-1"}, "from": "eu_customer", "from_user": {"id": "user-eu"},
        "to_user": {"id": BUSINESS}}))
    deliver(json.dumps(eu).encode())
    mention = Mention.objects.get()
    assert (mention.text, mention.direction, mention.platform_meta["media_id"]) == ("[image]", "in", "m-1")


def test_read_receipts_are_ignored_with_a_reason(account: Channel) -> None:
    event = deliver(envelope("im_mark_read_msg", {"conversation_id": "tt-conv-1"}))
    assert event.state == EventState.IGNORED and "read receipt" in event.reason


def test_a_brand_mention_becomes_a_mention(account: Channel) -> None:
    deliver(envelope("brand.mention.event", {"video_id": "7300000000000000001", "text": "loving @northwindrx",
                                              "username": "fan_account", "user_id": "u-77", "create_time": 1700000000}))
    mention = Mention.objects.get()
    assert (mention.kind, mention.external_id) == ("mention", "mention:7300000000000000001")
    assert mention.url == "https://www.tiktok.com/@fan_account/video/7300000000000000001"
    assert Case.objects.get().mention_count == 1


def test_a_thin_brand_mention_is_kept_for_fetching(account: Channel) -> None:
    deliver(envelope("brand.mention.event", {"video_id": "7300000000000000002"}))
    assert Mention.objects.get().platform_meta["needs_fetch"] is True


def test_authorization_removed_is_ignored_and_shows_on_the_channels_health(account: Channel) -> None:
    event = deliver(envelope("authorization.removed", "{\"reason\": 1 }", create_time=int(time.time()) - 60))
    assert event.state == EventState.IGNORED and "authorization removed (reason 1)" in event.reason
    state = ChannelState.objects.get(channel=account)
    assert "reconnect" in state.last_error
    assert health_of(account).status == "failing"
    # Once the account is reconnected, events flow again and the problem clears.
    deliver(comment())
    assert health_of(account).status == "ok"


def test_any_other_event_is_ignored_with_its_name(account: Channel) -> None:
    event = deliver(envelope("video.publish.completed", {"video_id": "1"}))
    assert event.state == EventState.IGNORED and "'video.publish.completed'" in event.reason


def test_the_simulators_tiktok_deliveries_are_accepted_and_arrive(account: Channel) -> None:
    from carewatch.sources.simulate import Generator

    Channel.objects.exclude(pk=account.pk).delete()
    generator = Generator([account], ["Glucavio"], seed=5)
    for _ in range(3):
        delivery = generator.next()
        headers = {k: v for k, v in delivery.headers.items() if k != "Content-Type"}
        response = HttpClient().post(delivery.path, data=delivery.body, content_type="application/json",
                                     headers=headers)
        assert response.status_code == 200, response.content
        assert Mention.objects.filter(external_id__in=delivery.mention_ids, direction="in").count() == 1
