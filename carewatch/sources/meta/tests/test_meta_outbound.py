from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
import respx

from carewatch.audit.models import AuditEvent
from carewatch.inbox.ingest import apply_changes
from carewatch.inbox.models import Mention
from carewatch.inbox.normalised import AuthorRef, ChangeKind, MentionChange
from carewatch.lib.secrets import seal
from carewatch.replies.models import OutboundAction, OutboundStatus
from carewatch.replies.outbox import do_queue_outbound, reconcile, send_now
from carewatch.tenancy.models import Channel, Client

GRAPH = "https://graph.facebook.com/v25.0"
TOKEN = "EAAB-page-token"


@pytest.fixture
def page(db: Any) -> Channel:
    client = Client.objects.create(slug="northwind", name="Northwind")
    return Channel.objects.create(client=client, platform="facebook", handle="NorthwindRx", external_id="111",
                                  secrets={"page_access_token": seal(TOKEN)})


@pytest.fixture
def ig(page: Channel) -> Channel:
    return Channel.objects.create(client=page.client, platform="instagram", handle="northwind", external_id="178",
                                  secrets={"page_access_token": seal(TOKEN)})


def customer_says(channel: Channel, external_id: str, thread: str, minutes_ago: float = 5, kind: str = "comment") -> Mention:
    apply_changes([MentionChange(
        change=ChangeKind.UPSERT, channel_id=channel.id, platform=channel.platform, external_id=external_id,
        kind=kind, text="is the pen back in stock?", author=AuthorRef("psid-9", "pat"), thread_key=thread,
        created_at=datetime.now(UTC) - timedelta(minutes=minutes_ago))])
    return Mention.objects.get(external_id=external_id)


def queue(channel: Channel, verb: str, target: str, body: str = "Thanks, we will DM you", **options: Any) -> OutboundAction:
    from django.db import transaction

    with transaction.atomic():
        return do_queue_outbound(None, channel, verb, target, body, options=options or None)


@respx.mock
def test_a_public_reply_posts_the_documented_request_and_records_the_new_id(page: Channel) -> None:
    route = respx.post(f"{GRAPH}/900_903/comments").mock(return_value=httpx.Response(
        200, json={"id": "245778718206154_229887283291835", "message": "Thanks, we will DM you"}))
    action = queue(page, "reply", "900_903")
    send_now(action.pk)
    request = route.calls.last.request
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert dict(httpx.QueryParams(request.content.decode())) == {"message": "Thanks, we will DM you"}
    action.refresh_from_db()
    assert (action.status, action.external_id) == (OutboundStatus.SENT, "245778718206154_229887283291835")
    assert AuditEvent.objects.filter(action="outbound.sent").exists()


@respx.mock
def test_hide_and_unhide_use_is_hidden_on_facebook_and_hide_on_instagram(page: Channel, ig: Channel) -> None:
    fb = respx.post(f"{GRAPH}/900_903").mock(return_value=httpx.Response(200, json={"success": True}))
    insta = respx.post(f"{GRAPH}/1787").mock(return_value=httpx.Response(200, json={"success": True}))
    send_now(queue(page, "hide", "900_903", "").pk)
    send_now(queue(ig, "unhide", "1787", "").pk)
    assert dict(httpx.QueryParams(fb.calls.last.request.content.decode())) == {"is_hidden": "true"}
    assert dict(httpx.QueryParams(insta.calls.last.request.content.decode())) == {"hide": "false"}
    assert set(OutboundAction.objects.values_list("status", flat=True)) == {OutboundStatus.SENT}


@respx.mock
def test_an_instagram_reply_goes_to_the_replies_edge(ig: Channel) -> None:
    route = respx.post(f"{GRAPH}/17870913679156914/replies").mock(return_value=httpx.Response(
        200, json={"id": "17873440459141021"}))
    action = queue(ig, "reply", "17870913679156914", "*sniff*")
    send_now(action.pk)
    assert dict(httpx.QueryParams(route.calls.last.request.content.decode())) == {"message": "*sniff*"}
    action.refresh_from_db()
    assert action.external_id == "17873440459141021"


@respx.mock
def test_a_dm_inside_the_window_uses_the_send_api_with_our_key_as_metadata(page: Channel) -> None:
    customer_says(page, "mid.1", "dm:psid-9", minutes_ago=30, kind="dm")
    route = respx.post(f"{GRAPH}/111/messages").mock(return_value=httpx.Response(
        200, json={"recipient_id": "psid-9", "message_id": "mid.out.1"}))
    action = queue(page, "dm", "psid-9", "We are sorry to hear that")
    send_now(action.pk)
    body = json.loads(route.calls.last.request.content)
    assert body == {"recipient": {"id": "psid-9"}, "messaging_type": "RESPONSE",
                    "message": {"text": "We are sorry to hear that", "metadata": action.idempotency_key}}
    action.refresh_from_db()
    assert action.status == OutboundStatus.SENT


@respx.mock
def test_a_dm_after_24_hours_needs_the_human_agent_tag_and_after_7_days_is_refused(page: Channel) -> None:
    customer_says(page, "mid.2", "dm:psid-9", minutes_ago=60 * 30, kind="dm")
    route = respx.post(f"{GRAPH}/111/messages").mock(return_value=httpx.Response(200, json={"message_id": "m"}))
    plain = queue(page, "dm", "psid-9")
    send_now(plain.pk)
    plain.refresh_from_db()
    assert plain.status == OutboundStatus.FAILED and "window has closed" in plain.error
    assert not route.called
    tagged = queue(page, "dm", "psid-9", human_agent=True)
    send_now(tagged.pk)
    assert json.loads(route.calls.last.request.content)["tag"] == "HUMAN_AGENT"
    Mention.objects.filter(external_id="mid.2").update(created_at=datetime.now(UTC) - timedelta(days=8))
    late = queue(page, "dm", "psid-9", human_agent=True)
    send_now(late.pk)
    late.refresh_from_db()
    assert late.status == OutboundStatus.FAILED and route.call_count == 1


@respx.mock
def test_a_private_reply_is_sent_once_per_comment(page: Channel) -> None:
    customer_says(page, "900_903", "111_900")
    route = respx.post(f"{GRAPH}/111/messages").mock(return_value=httpx.Response(200, json={"message_id": "m1"}))
    first = queue(page, "private_reply", "900_903")
    send_now(first.pk)
    assert json.loads(route.calls.last.request.content)["recipient"] == {"comment_id": "900_903"}
    second = queue(page, "private_reply", "900_903")
    send_now(second.pk)
    second.refresh_from_db()
    assert second.status == OutboundStatus.FAILED and "already sent" in second.error
    assert route.call_count == 1


@pytest.mark.parametrize("status,error,words,code", [
    (400, {"code": 190, "message": "Error validating access token"}, "expired", "token"),
    (403, {"code": 200, "message": "Permissions error"}, "missing permission", "permission"),
    (400, {"code": 32, "message": "Page request limit reached"}, "rate limited", "rate_limited"),
    (400, {"code": 10, "error_subcode": 2018278, "message": "outside of allowed window"}, "window has closed",
     "window_closed"),
])
@respx.mock
def test_platform_errors_become_plain_words(page: Channel, status: int, error: dict[str, Any], words: str, code: str) -> None:
    respx.post(f"{GRAPH}/900_903/comments").mock(return_value=httpx.Response(status, json={"error": error}))
    action = queue(page, "reply", "900_903")
    send_now(action.pk)
    action.refresh_from_db()
    assert action.status == OutboundStatus.FAILED and words in action.error and action.error_code == code


@respx.mock
def test_a_timeout_is_unknown_and_is_reconciled_by_a_relist_never_by_sending_again(page: Channel) -> None:
    post = respx.post(f"{GRAPH}/900_903/comments").mock(side_effect=httpx.ReadTimeout("slow"))
    action = queue(page, "reply", "900_903", "We hear you")
    send_now(action.pk)
    action.refresh_from_db()
    assert action.status == OutboundStatus.UNKNOWN
    relist = respx.get(f"{GRAPH}/900_903/comments").mock(return_value=httpx.Response(200, json={"data": [
        {"id": "900_999", "message": "We hear you", "from": {"id": "111"}}]}))
    assert reconcile(action) == "sent"
    action.refresh_from_db()
    assert (action.status, action.external_id) == (OutboundStatus.SENT, "900_999")
    assert post.call_count == 1 and relist.call_count == 1


@respx.mock
def test_an_unknown_send_is_settled_by_its_echo_without_any_call(page: Channel) -> None:
    respx.post(f"{GRAPH}/111/messages").mock(return_value=httpx.Response(502))
    customer_says(page, "mid.3", "dm:psid-9", kind="dm")
    action = queue(page, "dm", "psid-9", "Hello again")
    send_now(action.pk)
    action.refresh_from_db()
    assert action.status == OutboundStatus.UNKNOWN
    apply_changes([MentionChange(change=ChangeKind.UPSERT, channel_id=page.id, platform="facebook",
                                 external_id="mid.echo", kind="dm", direction="out", text="Hello again",
                                 author=AuthorRef("111", "NorthwindRx"), thread_key="dm:psid-9",
                                 extra={"metadata": action.idempotency_key, "echo": True})])
    with respx.mock(assert_all_called=False) as router:
        assert reconcile(action) == "sent"
        assert not router.calls
    action.refresh_from_db()
    assert action.external_id == "mid.echo"


def test_a_pending_action_is_sent_by_one_worker_only(page: Channel) -> None:
    action = OutboundAction.objects.create(client=page.client, channel=page, verb="hide", target_external_id="1",
                                           idempotency_key="k1")
    with respx.mock:
        respx.post(f"{GRAPH}/1").mock(return_value=httpx.Response(200, json={"success": True}))
        assert send_now(action.pk) is not None
        assert send_now(action.pk) is None  # already claimed and sent
