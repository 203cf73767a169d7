"""X outbound: the exact documented API v2 requests (platforms.md §2.6), errors in plain words,
rate limits, the reply restriction (§2.7), and reconciling unknown sends.

Responses mirror the recorded ones cited in §2.6 (tweepy cassettes) with our ids; error bodies
follow X's problem format (``{"title", "detail", "type", "status"}``)."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
import respx
from django.db import transaction

from carewatch.audit.models import AuditEvent
from carewatch.inbox.ingest import apply_changes
from carewatch.inbox.models import Case, Mention
from carewatch.inbox.normalised import AuthorRef, ChangeKind, MentionChange
from carewatch.lib.secrets import seal
from carewatch.replies.models import OutboundAction, OutboundStatus
from carewatch.replies.outbox import do_queue_outbound, reconcile, send_now
from carewatch.sources.outbound import SendOutcome
from carewatch.sources.ratelimit import Limit
from carewatch.sources.x.client import XClient, comparable
from carewatch.tenancy.models import Channel, Client

API = "https://api.x.com/2"
TOKEN = "x-oauth2-user-token"
BRAND = "123"
CUSTOMER = "456"


@pytest.fixture
def brand(db: Any) -> Channel:
    client = Client.objects.create(slug="zammad", name="Zammad")
    return Channel.objects.create(client=client, platform="x", handle="zammadhq", external_id=BRAND,
                                  secrets={"consumer_secret": seal("DDD"), "access_token": seal(TOKEN)})


def customer_posts(channel: Channel, external_id: str, kind: str = "mention", thread: str = "", **meta: Any) -> Mention:
    apply_changes([MentionChange(
        change=ChangeKind.UPSERT, channel_id=channel.id, platform="x", external_id=external_id, kind=kind,
        text="@zammadhq my pen clicked but no medicine came out", author=AuthorRef(CUSTOMER, "medenhofer"),
        thread_key=thread or external_id, created_at=datetime.now(UTC) - timedelta(minutes=3), extra=meta)])
    return Mention.objects.get(external_id=external_id)


def queue(channel: Channel, verb: str, target: str, body: str = "Sorry to hear that, please DM us") -> OutboundAction:
    with transaction.atomic():
        return do_queue_outbound(None, channel, verb, target, body)


def send(action: OutboundAction) -> OutboundAction:
    send_now(action.pk)
    action.refresh_from_db()
    return action


# ------------------------------------------------------------------ the documented requests
@respx.mock
def test_a_reply_posts_the_documented_request_and_records_the_new_post_id(brand: Channel) -> None:
    customer_posts(brand, "1205348660982083584")
    route = respx.post(f"{API}/tweets").mock(return_value=httpx.Response(
        201, json={"data": {"id": "1456012973835788293", "text": "Sorry to hear that, please DM us"}}))
    action = send(queue(brand, "reply", "1205348660982083584"))
    request = route.calls.last.request
    assert request.method == "POST" and str(request.url) == f"{API}/tweets"
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert request.headers["Content-Type"] == "application/json"
    assert json.loads(request.content) == {"text": "Sorry to hear that, please DM us",
                                           "reply": {"in_reply_to_tweet_id": "1205348660982083584"}}
    assert (action.status, action.external_id) == (OutboundStatus.SENT, "1456012973835788293")
    assert AuditEvent.objects.filter(action="outbound.sent").exists()


@respx.mock
def test_hide_and_unhide_put_the_hidden_flag(brand: Channel) -> None:
    customer_posts(brand, "1344794616005066752", kind="reply", thread="1344794616005066000")
    route = respx.put(f"{API}/tweets/1344794616005066752/hidden").mock(side_effect=[
        httpx.Response(200, json={"data": {"hidden": True}}), httpx.Response(200, json={"data": {"hidden": False}})])
    hide = send(queue(brand, "hide", "1344794616005066752", ""))
    unhide = send(queue(brand, "unhide", "1344794616005066752", ""))
    first, second = (call.request for call in route.calls)
    assert first.method == "PUT" and json.loads(first.content) == {"hidden": True}
    assert json.loads(second.content) == {"hidden": False}
    assert first.headers["Authorization"] == f"Bearer {TOKEN}"
    assert (hide.status, hide.external_id) == (OutboundStatus.SENT, "1344794616005066752")
    assert unhide.status == OutboundStatus.SENT


@respx.mock
def test_a_hide_that_x_does_not_confirm_fails(brand: Channel) -> None:
    respx.put(f"{API}/tweets/77/hidden").mock(return_value=httpx.Response(200, json={"data": {"hidden": False}}))
    action = send(queue(brand, "hide", "77", ""))
    assert action.status == OutboundStatus.FAILED and "did not confirm" in action.error


@respx.mock
def test_a_dm_posts_to_the_conversation_with_the_participant(brand: Channel) -> None:
    route = respx.post(f"{API}/dm_conversations/with/{CUSTOMER}/messages").mock(return_value=httpx.Response(
        201, json={"data": {"dm_conversation_id": f"{BRAND}-{CUSTOMER}", "dm_event_id": "1582838223434817536"}}))
    action = send(queue(brand, "dm", CUSTOMER, "Hi Martin, could you send us the lot number?"))
    request = route.calls.last.request
    assert request.method == "POST" and request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert json.loads(request.content) == {"text": "Hi Martin, could you send us the lot number?"}
    assert (action.status, action.external_id) == (OutboundStatus.SENT, "1582838223434817536")


def test_x_has_no_private_replies(brand: Channel) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        queue(brand, "private_reply", "1205348660982083584")


def test_a_missing_token_fails_without_any_call(brand: Channel) -> None:
    customer_posts(brand, "1205348660982083584")
    Channel.objects.filter(pk=brand.pk).update(secrets={"consumer_secret": seal("DDD")})
    with respx.mock(assert_all_called=False) as router:
        action = send(queue(brand, "reply", "1205348660982083584"))
        assert not router.calls
    assert action.status == OutboundStatus.FAILED and action.error_code == "token"


# ------------------------------------------------------------------ policy and limits
def test_replies_are_refused_unless_the_author_summoned_the_brand(brand: Channel) -> None:
    customer_posts(brand, "9001", kind="reply", thread="9000")  # a reply that does not mention us
    customer_posts(brand, "9002", kind="reply", thread="9000", mentions_brand=True)
    customer_posts(brand, "9003", kind="mention", quotes_brand=True)
    with respx.mock(assert_all_called=False) as router:
        route = router.post(f"{API}/tweets").mock(return_value=httpx.Response(201, json={"data": {"id": "1"}}))
        refused = send(queue(brand, "reply", "9001"))
        unknown_target = send(queue(brand, "reply", "9999"))
        assert not route.called
        assert send(queue(brand, "reply", "9002")).status == OutboundStatus.SENT
        assert send(queue(brand, "reply", "9003")).status == OutboundStatus.SENT
    assert refused.status == OutboundStatus.FAILED and refused.error_code == "policy"
    assert "X only allows replies when the author mentioned or quoted the brand" in refused.error
    assert unknown_target.status == OutboundStatus.FAILED and "not in the inbox" in unknown_target.error


@respx.mock
def test_an_enterprise_channel_may_reply_to_anyone(brand: Channel) -> None:
    Channel.objects.filter(pk=brand.pk).update(settings={"x_enterprise": True})
    customer_posts(brand, "9001", kind="reply", thread="9000")
    respx.post(f"{API}/tweets").mock(return_value=httpx.Response(201, json={"data": {"id": "2"}}))
    assert send(queue(brand, "reply", "9001")).status == OutboundStatus.SENT


def test_targets_that_are_not_x_ids_are_refused(brand: Channel) -> None:
    with respx.mock(assert_all_called=False) as router:
        for verb, target in (("hide", "../users/1"), ("dm", "@medenhofer")):
            action = send(queue(brand, verb, target, "hello"))
            assert action.status == OutboundStatus.FAILED and "not an X" in action.error
        assert not router.calls


def test_only_replies_can_be_hidden(brand: Channel) -> None:
    customer_posts(brand, "9003", kind="mention")
    action = send(queue(brand, "hide", "9003", ""))
    assert action.status == OutboundStatus.FAILED and "only hide replies" in action.error


def test_rate_limits_are_per_account_and_per_kind_of_call(brand: Channel) -> None:
    client = XClient()

    def limit(verb: str) -> tuple[str, Limit] | None:
        return client.limit_for(OutboundAction(channel=brand, verb=verb, target_external_id="1"))

    assert limit("reply") == ("x:123:posts", Limit(100, 900))
    assert limit("hide") == limit("unhide") == ("x:123:hide", Limit(50, 900))
    assert limit("dm") == ("x:123:dm", Limit(15, 900))


@respx.mock
def test_over_our_own_limit_the_action_waits_instead_of_calling_x(brand: Channel) -> None:
    from carewatch.sources.ratelimit import acquire

    route = respx.post(f"{API}/dm_conversations/with/{CUSTOMER}/messages").mock(
        return_value=httpx.Response(201, json={"data": {"dm_event_id": "1"}}))
    for _ in range(15):
        acquire("x:123:dm", Limit(15, 900))
    action = send(queue(brand, "dm", CUSTOMER, "hello"))
    assert action.status == OutboundStatus.PENDING and action.not_before is not None
    assert not route.called


# ------------------------------------------------------------------ errors in plain words
@pytest.mark.parametrize("status,body,words,code", [
    (401, {"title": "Unauthorized", "type": "about:blank", "status": 401, "detail": "Unauthorized"},
     "access token has expired or is invalid", "token"),
    (403, {"detail": "Reply to this conversation is not allowed because you have not been mentioned or otherwise "
                     "engaged by the author of the post you are replying to.", "type": "about:blank",
           "title": "Forbidden", "status": 403},
     "X only allows replies when the author mentioned or quoted the brand", "reply_restricted"),
    (403, {"detail": "You are not permitted to perform this action.", "title": "Forbidden", "status": 403},
     "missing permission", "permission"),
    (403, {"detail": "You are not allowed to create a Tweet with duplicate content.", "status": 403},
     "duplicate", "duplicate"),
    (429, {"errors": [{"code": 88, "message": "Rate limit exceeded"}]}, "rate limited by X", "rate_limited"),
    (400, {"title": "Invalid Request", "detail": "One or more parameters to your request was invalid.",
           "errors": [{"message": "text is too long"}]}, "text is too long", "x_400"),
])
@respx.mock
def test_x_errors_become_plain_words(brand: Channel, status: int, body: dict[str, Any], words: str, code: str) -> None:
    customer_posts(brand, "1205348660982083584")
    respx.post(f"{API}/tweets").mock(return_value=httpx.Response(status, json=body))
    action = send(queue(brand, "reply", "1205348660982083584"))
    assert action.status == OutboundStatus.FAILED and words in action.error and action.error_code == code


@respx.mock
def test_a_dm_the_person_does_not_accept_is_explained(brand: Channel) -> None:
    respx.post(f"{API}/dm_conversations/with/{CUSTOMER}/messages").mock(return_value=httpx.Response(
        403, json={"detail": "You cannot send messages to users who are not following you.", "status": 403}))
    action = send(queue(brand, "dm", CUSTOMER, "hello"))
    assert action.error_code == "dm_closed" and "does not accept direct messages" in action.error


@respx.mock
def test_a_429_says_when_to_retry_from_the_reset_header(brand: Channel) -> None:
    reset = int(time.time()) + 300
    respx.post(f"{API}/tweets").mock(return_value=httpx.Response(
        429, json={"errors": [{"code": 88, "message": "Rate limit exceeded"}]},
        headers={"x-rate-limit-limit": "100", "x-rate-limit-remaining": "0", "x-rate-limit-reset": str(reset)}))
    action = OutboundAction(channel=brand, verb="reply", target_external_id="1", body="hi")
    with httpx.Client() as http:
        outcome = XClient().send(action, brand, http)
    assert isinstance(outcome, SendOutcome) and outcome.status == "failed"
    assert outcome.retry_after_seconds is not None and 290 <= outcome.retry_after_seconds <= 301


@pytest.mark.parametrize("response", [httpx.Response(503, text="Service Unavailable"),
                                      httpx.Response(201, json={"data": {}})])
@respx.mock
def test_5xx_and_an_answer_without_an_id_are_unknown(brand: Channel, response: httpx.Response) -> None:
    customer_posts(brand, "1205348660982083584")
    respx.post(f"{API}/tweets").mock(return_value=response)
    assert send(queue(brand, "reply", "1205348660982083584")).status == OutboundStatus.UNKNOWN


# ------------------------------------------------------------------ reconciling unknown sends
@respx.mock
def test_a_timed_out_reply_is_reconciled_by_relisting_our_posts_never_by_sending_again(brand: Channel) -> None:
    customer_posts(brand, "1205348660982083584")
    create = respx.post(f"{API}/tweets").mock(side_effect=httpx.ReadTimeout("slow"))
    action = send(queue(brand, "reply", "1205348660982083584", "We are on it: see https://example.com/help & more"))
    assert action.status == OutboundStatus.UNKNOWN
    relist = respx.get(f"{API}/users/{BRAND}/tweets").mock(return_value=httpx.Response(200, json={"data": [
        {"id": "1456012973835788200", "text": "@medenhofer We are on it: see https://t.co/abc &amp; more",
         "referenced_tweets": [{"type": "replied_to", "id": "1111"}]},
        {"id": "1456012973835788293", "text": "@medenhofer We are on it: see https://t.co/abc &amp; more",
         "referenced_tweets": [{"type": "replied_to", "id": "1205348660982083584"}]},
    ], "meta": {"result_count": 2}}))
    assert reconcile(action) == "sent"
    action.refresh_from_db()
    assert (action.status, action.external_id) == (OutboundStatus.SENT, "1456012973835788293")
    assert create.call_count == 1 and relist.call_count == 1
    request = relist.calls.last.request
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    params = dict(request.url.params)
    assert params["exclude"] == "retweets" and "referenced_tweets" in params["tweet.fields"]
    assert params["start_time"].endswith("Z")


@respx.mock
def test_a_reply_not_found_on_x_stays_unknown_until_it_is_safe_to_resend(brand: Channel) -> None:
    customer_posts(brand, "1205348660982083584")
    respx.post(f"{API}/tweets").mock(return_value=httpx.Response(502))
    action = send(queue(brand, "reply", "1205348660982083584"))
    respx.get(f"{API}/users/{BRAND}/tweets").mock(return_value=httpx.Response(200, json={"meta": {"result_count": 0}}))
    assert reconcile(action) == "unknown"
    OutboundAction.objects.filter(pk=action.pk).update(updated_at=datetime.now(UTC) - timedelta(hours=3))
    action.refresh_from_db()
    assert reconcile(action) == "failed"


@respx.mock
def test_a_reply_is_settled_by_its_echo_through_the_webhook_without_any_call(brand: Channel) -> None:
    customer_posts(brand, "1205348660982083584")
    respx.post(f"{API}/tweets").mock(return_value=httpx.Response(504))
    action = send(queue(brand, "reply", "1205348660982083584", "Sorry to hear that"))
    # What the parser makes of our own reply coming back (for_user_id == author, display range past "@medenhofer ").
    apply_changes([MentionChange(change=ChangeKind.UPSERT, channel_id=brand.id, platform="x",
                                 external_id="1456012973835788293", kind="reply", direction="out",
                                 text="Sorry to hear that", author=AuthorRef(BRAND, "zammadhq"),
                                 parent_external_id="1205348660982083584", thread_key="1205348660982083584")])
    with respx.mock(assert_all_called=False) as router:
        assert reconcile(action) == "sent"
        assert not router.calls
    action.refresh_from_db()
    assert action.external_id == "1456012973835788293"


def test_an_unknown_dm_is_settled_by_the_real_echo_delivery(brand: Channel, transactional_db: Any) -> None:
    """The real recorded DM (zammadhq → medenhofer, "Hey! Hello!") arrives through /hooks/x/ as
    the echo of a DM whose send timed out: the outbox settles it without calling X."""
    from django.test import Client as HttpClient

    from carewatch.sources.testing import fixture_bytes
    from carewatch.sources.x.verify import sign

    body = fixture_bytes("x/aaa-direct-message.body.json")
    with respx.mock:
        respx.post(f"{API}/dm_conversations/with/{CUSTOMER}/messages").mock(side_effect=httpx.ConnectError("reset"))
        action = send(queue(brand, "dm", CUSTOMER, "Hey! Hello!"))
    assert action.status == OutboundStatus.UNKNOWN
    response = HttpClient().post("/hooks/x/", data=body, content_type="application/json",
                                 HTTP_X_TWITTER_WEBHOOKS_SIGNATURE=sign(body, "DDD"))
    assert response.status_code == 200
    with respx.mock(assert_all_called=False) as router:
        assert reconcile(action) == "sent"
        assert not router.calls
    action.refresh_from_db()
    assert (action.status, action.external_id) == (OutboundStatus.SENT, "1062015437679050760")
    # A second unknown DM with the same words is not settled by the same echo.
    with respx.mock:
        respx.post(f"{API}/dm_conversations/with/{CUSTOMER}/messages").mock(return_value=httpx.Response(500))
        twin = send(queue(brand, "dm", CUSTOMER, "Hey! Hello!"))
    assert reconcile(twin) == "unknown"
    assert not Case.objects.exists()


def test_comparable_text_ignores_what_x_changes() -> None:
    assert comparable("@pat  We are on it: https://example.com/a?b=1 &amp; more") == comparable(
        "We are on it: https://t.co/xyz & more")
    assert comparable("Thanks") != comparable("Thanks!")
