"""The X webhook: CRC, signatures, routing, storage and parsing.

Payload provenance, per test:
* REAL: carewatch/sources/x/fixtures/aaa-*.body.json (Zammad's recorded Account Activity deliveries,
  exact bytes, with their real signatures under consumer secret "DDD").
* SCHEMA-DERIVED: built in this file from the documented shapes in
  ../shared/reference/platforms.md §2.3 (AAA envelope, tweet_delete_events, favorite/follow
  events) and §2.4 (X Activity API envelope and post/dm payloads, docs' sample ids). They test
  our reading of the documentation, not X's actual bytes.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from django.test import Client as HttpClient

from carewatch.inbox.ingest import apply_changes
from carewatch.inbox.models import Case, Mention
from carewatch.inbox.normalised import AuthorRef, ChangeKind, MentionChange
from carewatch.lib.secrets import seal
from carewatch.sources.lookup import StoredMessage, nothing_stored
from carewatch.sources.models import ChannelState, EventState, InboundEvent
from carewatch.sources.testing import fixture_bytes
from carewatch.sources.x import XSource
from carewatch.sources.x.parse import parse_created_at, visible_text
from carewatch.sources.x.verify import crc_response_token, sign, signature_valid
from carewatch.tenancy.models import Channel, Client

SECRET = "DDD"  # the consumer secret of Zammad's recorded deliveries
BRAND = "123"  # zammadhq, the subscribed account in the real fixtures
CUSTOMER = "456"  # medenhofer, the other party in the real fixtures
XAA_BRAND = "1111111111111111111"  # "ExampleUser" in the X Activity API docs' samples
XAA_CUSTOMER = "2222222222222222222"  # "OtherUser"
TWEET = "x/aaa-tweet-create.body.json"
DM = "x/aaa-direct-message.body.json"
CRC_SECRET = "z3ZX4v7mAAUGykl3EcmkqbartmuW8VFOOzCloLx9Q45P0hLrFu"
CRC_TOKEN = "9b4507b3-9040-4669-9ca3-6b94edb50553"
CRC_ANSWER = "sha256=Cytd4Sq+NvEcV3MMrXxWJGJx5A+y/lXzzU2Maartkx8="


@pytest.fixture
def brand(transactional_db: Any) -> Channel:
    client = Client.objects.create(slug="zammad", name="Zammad")
    secrets = {"consumer_secret": seal(SECRET), "access_token": seal("user-token")}
    Channel.objects.create(client=client, platform="x", handle="medenhofer", external_id=CUSTOMER, secrets=secrets)
    Channel.objects.create(client=client, platform="x", handle="ExampleUser", external_id=XAA_BRAND, secrets=secrets)
    return Channel.objects.create(client=client, platform="x", handle="zammadhq", external_id=BRAND, secrets=secrets)


def post(body: bytes, signature: str | None = "auto", **headers: str) -> Any:
    if signature == "auto":
        headers["HTTP_X_TWITTER_WEBHOOKS_SIGNATURE"] = sign(body, SECRET)
    elif signature is not None:
        headers["HTTP_X_TWITTER_WEBHOOKS_SIGNATURE"] = signature
    return HttpClient().post("/hooks/x/", data=body, content_type="application/json", **headers)


def deliver(body: bytes) -> InboundEvent:
    response = post(body)
    assert response.status_code == 200, response.content
    return InboundEvent.objects.order_by("-id").first()  # type: ignore[return-value]


def compact(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()


def seen_by(relative: str, account: str) -> bytes:
    """The real delivery as X would send it to another subscribed account (only for_user_id differs)."""
    return fixture_bytes(relative).replace(b'"for_user_id":"123"', f'"for_user_id":"{account}"'.encode(), 1)


# ------------------------------------------------------------------ signatures and CRC
@pytest.mark.parametrize("relative,header", [
    (TWEET, "sha256=DmARpz6wdgte6Vj+ePeqC+RHvEDokmwOIIqr4//utkk="),
    (DM, "sha256=xXu7qrPhqXfo8Ot14c0si9HrdQdBNru5fkSdoMZi+Ms="),
])
def test_the_real_signature_vectors_verify_over_the_exact_bytes(relative: str, header: str) -> None:
    body = fixture_bytes(relative)
    assert sign(body, SECRET) == header
    assert signature_valid(body, header, SECRET)
    assert not signature_valid(body + b"\n", header, SECRET)
    assert not signature_valid(body, header, "DDE")
    # Re-serialising the same JSON changes the bytes and breaks the signature: keep raw bodies.
    assert not signature_valid(json.dumps(json.loads(body)).encode(), header, SECRET)


def test_the_computed_vector_and_malformed_headers() -> None:
    body = b'{"for_user_id":"2244994945","tweet_create_events":[]}'
    assert sign(body, CRC_SECRET) == "sha256=CpOc2dZ+JrkFhzkAW3gWETdo1w8Mx1i/MpqTbkrylcw="
    for header in (None, "", "sha256=", "CpOc2dZ+JrkFhzkAW3gWETdo1w8Mx1i/MpqTbkrylcw=", "sha256=é"):
        assert not signature_valid(body, header, CRC_SECRET)


def test_the_documented_crc_vector() -> None:
    assert crc_response_token(CRC_TOKEN, CRC_SECRET) == CRC_ANSWER


def test_the_crc_handshake_answers_with_the_consumer_secret(transactional_db: Any) -> None:
    client = Client.objects.create(slug="northwind", name="Northwind")
    Channel.objects.create(client=client, platform="x", handle="NorthwindRx", external_id="2244994945",
                           secrets={"consumer_secret": seal(CRC_SECRET)})
    Channel.objects.create(client=client, platform="x", handle="Other_app", external_id="99",
                           secrets={"consumer_secret": seal("another-apps-secret")})
    http = HttpClient()
    ok = http.get("/hooks/x/", {"crc_token": CRC_TOKEN})
    assert ok.status_code == 200 and ok["Content-Type"] == "application/json"
    assert ok.json() == {"response_token": CRC_ANSWER}
    # Several X apps: the webhook URL registered for each names its channel.
    other = http.get("/hooks/x/", {"crc_token": CRC_TOKEN, "channel": "other_app"})
    assert other.json() == {"response_token": crc_response_token(CRC_TOKEN, "another-apps-secret")}
    assert http.get("/hooks/x/", {"crc_token": CRC_TOKEN, "channel": "@NorthwindRx"}).json()["response_token"] == CRC_ANSWER
    assert http.get("/hooks/x/", {"crc_token": CRC_TOKEN, "channel": "nobody"}).status_code == 404
    assert http.get("/hooks/x/").status_code == 400


def test_the_crc_handshake_without_any_secret_is_refused(transactional_db: Any) -> None:
    client = Client.objects.create(slug="northwind", name="Northwind")
    Channel.objects.create(client=client, platform="x", handle="NorthwindRx", external_id="1")
    assert HttpClient().get("/hooks/x/", {"crc_token": CRC_TOKEN}).status_code == 403


# ------------------------------------------------------------------ the endpoint
def test_the_real_signed_tweet_is_stored_acknowledged_and_parsed(brand: Channel) -> None:
    body = fixture_bytes(TWEET)
    response = post(body, signature="sha256=DmARpz6wdgte6Vj+ePeqC+RHvEDokmwOIIqr4//utkk=")
    assert (response.status_code, response.content) == (200, b"ok")
    event = InboundEvent.objects.get()
    assert bytes(event.raw_body) == body and event.signature_ok and event.channel_id == brand.id
    assert event.state == EventState.PROCESSED
    tweet = Mention.objects.get()
    assert tweet.external_id == "1063212927510081536" and tweet.channel_id == brand.id
    assert tweet.text == "Hey @medenhofer !  #hello1234 https://t.co/f1kffFlwpN"
    assert (tweet.author.handle, tweet.author.display_name, tweet.author.external_id) == ("zammadhq", "Zammad HQ", "123")
    # The subscribed account wrote it: the brand's own post, context for the inbox, not a case.
    assert (tweet.kind, tweet.direction) == ("post", "out")
    assert tweet.thread_key == "1063212927510081536" and tweet.parent_external_id == ""
    assert tweet.url == "https://x.com/zammadhq/status/1063212927510081536"
    assert tweet.created_at == datetime(2018, 11, 15, 23, 31, 30, tzinfo=UTC)
    assert tweet.platform_meta["media"] == ["photo"] and "mentions_brand" not in tweet.platform_meta
    assert not Case.objects.exists()


def test_the_same_real_tweet_delivered_to_the_mentioned_account_is_an_inbound_mention(brand: Channel) -> None:
    deliver(seen_by(TWEET, CUSTOMER))
    mention = Mention.objects.get()
    assert mention.channel.handle == "medenhofer"
    assert (mention.kind, mention.direction) == ("mention", "in")
    assert mention.author.handle == "zammadhq" and mention.platform_meta["mentions_brand"] is True
    case = Case.objects.get()
    assert (case.thread_key, case.author_id, case.mention_count) == ("1063212927510081536", mention.author_id, 1)


def test_the_real_dm_from_the_brand_is_its_own_message_in_the_customers_conversation(brand: Channel) -> None:
    deliver(fixture_bytes(DM))
    dm = Mention.objects.get()
    assert (dm.external_id, dm.kind, dm.direction, dm.text) == ("1062015437679050760", "dm", "out", "Hey! Hello!")
    assert dm.thread_key == "dm:456" and dm.author.handle == "zammadhq" and dm.author.display_name == "Zammad HQ"
    assert dm.created_at == datetime.fromtimestamp(1542039186.292, tz=UTC)
    assert not Case.objects.exists()


def test_the_real_dm_seen_by_its_recipient_opens_a_case(brand: Channel) -> None:
    deliver(seen_by(DM, CUSTOMER))
    dm = Mention.objects.get()
    assert (dm.direction, dm.thread_key, dm.author.handle, dm.channel.handle) == ("in", "dm:123", "zammadhq", "medenhofer")
    assert Case.objects.get().thread_key == "dm:123"


def test_a_wrong_or_missing_signature_is_403_stores_nothing_and_is_counted(brand: Channel, caplog: Any) -> None:
    body = fixture_bytes(TWEET)
    assert post(body, signature="sha256=xXu7qrPhqXfo8Ot14c0si9HrdQdBNru5fkSdoMZi+Ms=").status_code == 403
    assert post(body, signature=None).status_code == 403
    assert not InboundEvent.objects.exists() and not Mention.objects.exists()
    assert ChannelState.objects.get(channel=brand).events_rejected == 2
    assert "webhook rejected" in caplog.text and SECRET not in caplog.text


def test_a_signed_body_that_is_not_json_is_400_and_kept_as_rejected(brand: Channel) -> None:
    body = b'{"for_user_id":"123","tweet_create_events":[{'
    assert post(body).status_code == 400
    event = InboundEvent.objects.get()
    assert event.state == EventState.REJECTED and bytes(event.raw_body) == body


def test_an_unsigned_body_that_is_not_json_is_403_and_not_kept(brand: Channel) -> None:
    assert post(b"garbage", signature="sha256=AAAA").status_code == 403
    assert not InboundEvent.objects.exists()


def test_an_unknown_for_user_id_is_404(brand: Channel) -> None:
    response = post(seen_by(TWEET, "999"))
    assert response.status_code == 404
    assert not InboundEvent.objects.exists()


def test_an_inactive_channel_is_unknown(brand: Channel) -> None:
    Channel.objects.filter(pk=brand.pk).update(is_active=False)
    assert post(fixture_bytes(TWEET)).status_code == 404


def test_a_body_over_the_limit_is_413(brand: Channel) -> None:
    body = b'{"for_user_id":"123","tweet_create_events":[],"pad":"' + b"x" * (1024 * 1024) + b'"}'
    assert post(body).status_code == 413
    assert not InboundEvent.objects.exists()


def test_a_large_long_form_post_is_accepted(brand: Channel) -> None:
    """A 25,000-character long post, every character an escaped ampersand, fits the limit."""
    payload = aaa_tweet("7001", XAA_CUSTOMER, "pat", "@zammadhq long", mentions=[(BRAND, "zammadhq")])
    tweet = payload["tweet_create_events"][0]
    tweet.update(truncated=True, extended_tweet={"full_text": "&amp;" * 25_000, "display_text_range": [0, 25_000]})
    body = json.dumps(payload, separators=(",", ":")).replace("&", "\\u0026").encode()
    assert len(body) > 200_000
    deliver(body)
    assert Mention.objects.get().text == "&" * 25_000


def test_a_redelivery_changes_nothing(brand: Channel) -> None:
    body = seen_by(TWEET, CUSTOMER)
    assert post(body).status_code == 200
    assert post(body).status_code == 200
    assert InboundEvent.objects.count() == 1
    assert Mention.objects.count() == 1 and Case.objects.get().mention_count == 1


def test_an_oauth2_signature_is_accepted_with_the_client_secret(brand: Channel) -> None:
    """Newer X apps sign with their OAuth 2.0 client secret in a second header (docs.x.com
    webhooks introduction); computed here, no recorded delivery exists."""
    Channel.objects.filter(pk=brand.pk).update(secrets={"client_secret": seal("oauth2-client-secret")})
    body = fixture_bytes(TWEET)
    assert post(body, signature=None, HTTP_X_TWITTER_WEBHOOKS_SIGNATURE_OAUTH2=sign(body, SECRET)).status_code == 403
    ok = post(body, signature=None, HTTP_X_TWITTER_WEBHOOKS_SIGNATURE_OAUTH2=sign(body, "oauth2-client-secret"))
    assert ok.status_code == 200


def test_the_simulators_x_deliveries_are_accepted(brand: Channel) -> None:
    from carewatch.sources.simulate import Generator

    generator = Generator([brand], ["Glucavio"], seed=5)
    delivery = generator.next()
    response = HttpClient().post(delivery.path, data=delivery.body, content_type="application/json",
                                 **{f"HTTP_{k.upper().replace('-', '_')}": v for k, v in delivery.headers.items()
                                    if k.lower() != "content-type"})
    assert response.status_code == 200
    mention = Mention.objects.get(external_id=delivery.mention_ids[0])
    assert (mention.kind, mention.direction) == ("mention", "in") and mention.text.startswith("@zammadhq ")


# ------------------------------------------------------------------ SCHEMA-DERIVED: Account Activity API (§2.3)
def aaa_tweet(tweet_id: str, user_id: str, handle: str, text: str, *, reply_to: str | None = None,
              mentions: list[tuple[str, str]] | None = None, for_user: str = BRAND, **fields: Any) -> dict[str, Any]:
    """SCHEMA-DERIVED: a tweet_create_events delivery shaped like §2.3's recorded mention."""
    tweet: dict[str, Any] = {
        "created_at": "Wed Oct 10 20:19:24 +0000 2018", "id": int(tweet_id), "id_str": tweet_id, "text": text,
        "truncated": False, "in_reply_to_status_id": int(reply_to) if reply_to else None,
        "in_reply_to_status_id_str": reply_to, "user": {"id": int(user_id), "id_str": user_id, "name": handle.title(),
                                                        "screen_name": handle},
        "is_quote_status": False, "lang": "en", "timestamp_ms": "1539202764000",
        "entities": {"hashtags": [], "urls": [], "symbols": [], "user_mentions": [
            {"screen_name": h, "name": h, "id": int(i), "id_str": i, "indices": [0, len(h) + 1]}
            for i, h in (mentions or [])]},
    }
    tweet.update(fields)
    return {"for_user_id": for_user, "user_has_blocked": False, "tweet_create_events": [tweet]}


def test_a_conversation_keeps_one_thread_and_the_brands_reply_answers_the_case(brand: Channel) -> None:
    root = aaa_tweet("5001", "900", "pat", "@zammadhq my pen arrived broken", mentions=[(BRAND, "zammadhq")])
    deliver(compact(root))
    ours = aaa_tweet("5002", BRAND, "zammadhq", "@pat Sorry! Please DM us", reply_to="5001",
                     mentions=[("900", "pat")], display_text_range=[5, 24])
    deliver(compact(ours))
    again = aaa_tweet("5003", "900", "pat", "@zammadhq @other thanks &amp; done", reply_to="5002",
                      mentions=[(BRAND, "zammadhq"), ("77", "other")], display_text_range=[17, 34])
    deliver(compact(again))
    first, reply, follow_up = Mention.objects.order_by("external_id")
    assert {m.thread_key for m in (first, reply, follow_up)} == {"5001"}
    assert (first.kind, reply.kind, follow_up.kind) == ("mention", "reply", "reply")
    assert (reply.direction, reply.text, reply.parent_external_id) == ("out", "Sorry! Please DM us", "5001")
    assert follow_up.text == "thanks & done" and follow_up.platform_meta["mentions_brand"] is True
    assert reply.parent_id == first.pk and follow_up.parent_id == reply.pk
    case = Case.objects.get()
    assert case.mention_count == 2 and case.first_responded_at is not None
    assert reply.case_id == case.pk


def test_a_long_tweet_uses_the_extended_full_text(brand: Channel) -> None:
    payload = aaa_tweet("5101", "900", "pat", "@zammadhq The first 140 characters… https://t.co/x",
                        mentions=[(BRAND, "zammadhq")], truncated=True,
                        extended_tweet={"full_text": "@zammadhq The whole story &lt;3", "display_text_range": [0, 31],
                                        "entities": {"user_mentions": [{"id_str": BRAND, "screen_name": "zammadhq"}]}})
    deliver(compact(payload))
    assert Mention.objects.get().text == "@zammadhq The whole story <3"


def test_a_quote_of_the_brand_is_a_mention_that_summons_it(brand: Channel) -> None:
    payload = aaa_tweet("5201", "900", "pat", "this is wrong https://t.co/q", is_quote_status=True,
                        quoted_status_id_str="4000",
                        quoted_status={"id_str": "4000", "user": {"id_str": BRAND, "screen_name": "zammadhq"}})
    deliver(compact(payload))
    quote = Mention.objects.get()
    assert quote.kind == "mention" and quote.platform_meta["quotes_brand"] is True
    assert quote.platform_meta["quoted_id"] == "4000"


def test_a_retweet_is_ignored_with_its_reason(brand: Channel) -> None:
    payload = aaa_tweet("5301", "900", "pat", "RT @zammadhq: hello", retweeted_status={"id_str": "4000"})
    event = deliver(compact(payload))
    assert event.state == EventState.IGNORED and "retweets" in event.reason
    assert not Mention.objects.exists()


def test_a_tweet_delete_marks_the_mention_deleted(brand: Channel) -> None:
    deliver(seen_by(TWEET, CUSTOMER))
    delete = {"for_user_id": CUSTOMER, "tweet_delete_events": [
        {"status": {"id": "1063212927510081536", "user_id": BRAND}, "timestamp_ms": "1432228155593"}]}
    event = deliver(compact(delete))
    assert event.state == EventState.PROCESSED
    mention = Mention.objects.get()
    assert mention.is_deleted and mention.text  # marked, never removed


def test_likes_of_the_brands_posts_are_counted_and_other_activity_ignored(brand: Channel) -> None:
    like = {"for_user_id": BRAND, "favorite_events": [{
        "id": "a7ba59eab0bfcba386f7acedac279542", "created_at": "Mon Mar 26 16:33:26 +0000 2018",
        "timestamp_ms": 1522082006140, "favorited_status": {"id_str": "1", "user": {"id_str": BRAND}},
        "user": {"id_str": "900", "screen_name": "pat"}}]}
    event = deliver(compact(like))
    assert event.state == EventState.IGNORED and "counted" in event.reason
    assert ChannelState.objects.get(channel=brand).reactions_counted == 1
    follow = {"for_user_id": BRAND, "follow_events": [{"type": "follow", "created_timestamp": "1517588749178",
                                                       "target": {"id": BRAND}, "source": {"id": "900"}}]}
    assert "follows" in deliver(compact(follow)).reason
    typing = {"for_user_id": BRAND, "direct_message_indicate_typing_events": [{"sender_id": "900"}]}
    assert "typing" in deliver(compact(typing)).reason
    unknown = {"for_user_id": BRAND, "brand_new_events": [{}]}
    assert "brand_new_events is not handled" in deliver(compact(unknown)).reason
    assert not Mention.objects.exists()


def test_a_revoke_routes_by_its_source_user_and_is_ignored_with_the_remedy(brand: Channel) -> None:
    revoke = {"user_event": {"revoke": {"date_time": "2018-05-24T09:48:12+00:00", "target": {"app_id": "13090192"},
                                        "source": {"user_id": BRAND}}}}
    event = deliver(compact(revoke))
    assert event.channel_id == brand.id and event.state == EventState.IGNORED and "reconnect" in event.reason


# ------------------------------------------------------------------ SCHEMA-DERIVED: X Activity API (§2.4)
def xaa(event_type: str, payload: dict[str, Any], includes: dict[str, Any] | None = None,
        uuid: str = "3091827364059182736", user: str = XAA_BRAND) -> dict[str, Any]:
    """SCHEMA-DERIVED: the XAA envelope of §2.4 / docs.x.com event-payloads (sample ids)."""
    return {"data": {"event_uuid": uuid, "filter": {"user_id": user} if user else {}, "event_type": event_type,
                     "tag": "care", "payload": payload, "includes": includes or {}}}


OTHER_USER = {"id": XAA_CUSTOMER, "username": "OtherUser", "name": "Other User", "protected": False}
EXAMPLE_USER = {"id": XAA_BRAND, "username": "ExampleUser", "name": "Example User"}


def test_an_xaa_mention_becomes_an_inbound_mention(brand: Channel) -> None:
    event = deliver(compact(xaa("post.mention.create", {
        "created_at": "2026-07-24T21:23:23.000Z", "edit_history_tweet_ids": ["2080765813578191303"],
        "conversation_id": "2080765813578191303", "display_text_range": [0, 16], "text": "hey @ExampleUser",
        "entities": {"mentions": [{"start": 4, "end": 16, "username": "ExampleUser", "id": XAA_BRAND}]},
        "author_id": XAA_CUSTOMER, "reply_settings": "everyone", "id": "2080765813578191303", "lang": "und",
    }, {"users": [OTHER_USER, EXAMPLE_USER]}, uuid="2080765813578191303")))
    assert event.channel.handle == "ExampleUser"
    assert event.dedup_key == f"xaa:{XAA_BRAND}:post.mention.create:2080765813578191303"
    mention = Mention.objects.get()
    assert (mention.external_id, mention.kind, mention.direction) == ("2080765813578191303", "mention", "in")
    assert (mention.text, mention.author.handle, mention.author.external_id) == ("hey @ExampleUser", "OtherUser",
                                                                                 XAA_CUSTOMER)
    assert mention.thread_key == "2080765813578191303" and mention.language == ""
    assert mention.url == "https://x.com/OtherUser/status/2080765813578191303"
    assert mention.created_at == datetime(2026, 7, 24, 21, 23, 23, tzinfo=UTC)
    assert mention.platform_meta["mentions_brand"] is True and Case.objects.count() == 1


def test_an_xaa_reply_joins_its_conversation_without_the_leading_handle(brand: Channel) -> None:
    deliver(compact(xaa("post.reply.create", {
        "created_at": "2026-08-12T18:00:00.000Z", "edit_history_tweet_ids": ["2090000000000000001"],
        "conversation_id": "2080761390344937796", "in_reply_to_tweet_id": "2080761390344937796",
        "in_reply_to_user_id": XAA_BRAND, "referenced_tweets": [{"type": "replied_to", "id": "2080761390344937796"}],
        "display_text_range": [14, 45], "text": "@ExampleUser Great post — thanks for sharing!",
        "entities": {"mentions": [{"start": 0, "end": 12, "username": "ExampleUser", "id": XAA_BRAND}]},
        "author_id": XAA_CUSTOMER, "id": "2090000000000000001", "lang": "en",
    }, {"users": [OTHER_USER]})))
    reply = Mention.objects.get()
    assert (reply.kind, reply.direction, reply.language) == ("reply", "in", "en")
    assert reply.text == "Great post — thanks for sharing!"
    assert (reply.thread_key, reply.parent_external_id) == ("2080761390344937796", "2080761390344937796")


def test_an_xaa_quote_and_the_brands_own_post(brand: Channel) -> None:
    deliver(compact(xaa("post.quote.create", {
        "id": "2090000000000000002", "author_id": XAA_CUSTOMER, "text": "look at this", "conversation_id":
        "2090000000000000002", "referenced_tweets": [{"type": "quoted", "id": "2080761390344937796"}]},
        {"users": [{"data": OTHER_USER}]}, uuid="1")))
    deliver(compact(xaa("post.create", {"id": "2080761390344937797", "author_id": XAA_BRAND,
                                        "text": "Hello from the Activity API",
                                        "conversation_id": "2080761390344937797"}, uuid="2")))
    quote = Mention.objects.get(external_id="2090000000000000002")
    assert (quote.kind, quote.author.handle, quote.platform_meta["quotes_brand"]) == ("mention", "OtherUser", True)
    own = Mention.objects.get(external_id="2080761390344937797")
    assert (own.kind, own.direction) == ("post", "out")


def test_an_xaa_dm_received_and_sent_share_the_conversation(brand: Channel) -> None:
    def dm(event_type: str, dm_id: str, sender: str, recipient: str, text: str) -> bytes:
        return compact(xaa(event_type, {"direct_message_events": [{
            "type": "message_create", "id": dm_id, "created_timestamp": "1784928224372",
            "message_create": {"target": {"recipient_id": recipient}, "sender_id": sender,
                               "message_data": {"text": text, "entities": {}}}}],
            "users": {XAA_CUSTOMER: {"data": OTHER_USER}, XAA_BRAND: {"data": EXAMPLE_USER}}}, uuid=dm_id))

    deliver(dm("dm.received", "2080765901528535096", XAA_CUSTOMER, XAA_BRAND, "hello!"))
    deliver(dm("dm.sent", "2080765901528535097", XAA_BRAND, XAA_CUSTOMER, "Hi, how can we help?"))
    received, sent = Mention.objects.order_by("external_id")
    assert (received.direction, received.author.handle, received.text) == ("in", "OtherUser", "hello!")
    assert (sent.direction, sent.author.handle) == ("out", "ExampleUser")
    assert received.thread_key == sent.thread_key == f"dm:{XAA_CUSTOMER}"
    assert Case.objects.get().first_responded_at is not None


def test_an_xaa_post_delete_and_an_edit(brand: Channel) -> None:
    original = {"id": "3000", "author_id": XAA_CUSTOMER, "text": "@ExampleUser my dose was wrong",
                "conversation_id": "3000", "edit_history_tweet_ids": ["3000"]}
    deliver(compact(xaa("post.mention.create", original, {"users": [OTHER_USER]}, uuid="10")))
    edited = dict(original, id="3001", text="@ExampleUser my dose was right", edit_history_tweet_ids=["3000", "3001"])
    deliver(compact(xaa("post.mention.create", edited, {"users": [OTHER_USER]}, uuid="11")))
    mention = Mention.objects.get()
    assert mention.external_id == "3000" and mention.text == "@ExampleUser my dose was right"
    assert [h["text"] for h in mention.edit_history] == ["@ExampleUser my dose was wrong"]
    deliver(compact(xaa("post.delete", {"id": "3000", "author_id": XAA_CUSTOMER}, uuid="12")))
    assert Mention.objects.get().is_deleted


def test_xaa_activity_without_inbox_content_is_ignored_or_counted(brand: Channel) -> None:
    like = xaa("like.create", {"id": "87719f50ee17bdfa06a3089098a2b9ed", "liked_tweet_author_id": XAA_BRAND,
                               "liked_tweet_id": "2079814480427442556"}, uuid="20")
    assert "counted" in deliver(compact(like)).reason
    assert ChannelState.objects.get(channel__external_id=XAA_BRAND).reactions_counted == 1
    chat = xaa("chat.received", {"id": "e4f4d3fc", "sender_id": XAA_CUSTOMER, "encoded_event": "CwAB"}, uuid="21")
    assert "encrypted" in deliver(compact(chat)).reason
    bio = xaa("profile.update.bio", {"before": "a", "after": "b"}, uuid="22")
    assert "profile updates" in deliver(compact(bio)).reason
    revoke = xaa("oauth.revoke", {"date_time": "2026-07-23T21:44:05+00:00", "user_id": XAA_BRAND,
                                  "app_id": "29820954"}, uuid="5934540941047412905", user="")
    event = deliver(compact(revoke))
    assert event.channel.external_id == XAA_BRAND and "reconnect" in event.reason
    assert not Mention.objects.exists()


def test_an_xaa_redelivery_with_the_same_event_uuid_changes_nothing(brand: Channel) -> None:
    payload = xaa("post.mention.create", {"id": "4000", "author_id": XAA_CUSTOMER, "text": "@ExampleUser hi",
                                          "public_metrics": {"like_count": 0}}, {"users": [OTHER_USER]}, uuid="40")
    deliver(compact(payload))
    payload["data"]["payload"]["public_metrics"]["like_count"] = 3  # the retry's counts moved on
    assert post(compact(payload)).status_code == 200
    assert InboundEvent.objects.count() == 1 and Mention.objects.count() == 1


def test_an_xaa_event_for_an_account_that_is_not_ours_is_404(brand: Channel) -> None:
    body = compact(xaa("post.mention.create", {"id": "1", "author_id": "2", "text": "hi"}, user="31337"))
    assert post(body).status_code == 404


# ------------------------------------------------------------------ units
def test_x_timestamps_and_visible_text() -> None:
    assert parse_created_at("Wed Oct 10 20:19:24 +0000 2018") == datetime(2018, 10, 10, 20, 19, 24, tzinfo=UTC)
    assert parse_created_at("Wed Oct 10 22:19:24 +0200 2018") == datetime(2018, 10, 10, 20, 19, 24, tzinfo=UTC)
    assert parse_created_at("2026-07-24T21:23:23.000Z") == datetime(2026, 7, 24, 21, 23, 23, tzinfo=UTC)
    assert parse_created_at("not a date") is None and parse_created_at(None) is None
    assert visible_text("@a @b hello", [6, 11]) == "hello"
    assert visible_text("hello @a there", [6, 14]) == "hello @a there"  # never cut into the message
    assert visible_text("a &amp; b &lt;3", [0, 9]) == "a & b <3"


def test_a_reply_to_a_known_post_takes_its_thread_from_the_inbox(brand: Channel) -> None:
    apply_changes([MentionChange(change=ChangeKind.UPSERT, channel_id=brand.id, platform="x", external_id="8002",
                                 text="earlier", author=AuthorRef("900", "pat"), thread_key="8001")])
    deliver(compact(aaa_tweet("8003", "900", "pat", "@zammadhq still waiting", reply_to="8002",
                              mentions=[(BRAND, "zammadhq")])))
    assert Mention.objects.get(external_id="8003").thread_key == "8001"


def test_the_parser_asks_the_lookup_it_is_handed_for_the_thread_of_the_post_answered(
        brand: Channel, django_assert_max_num_queries: Any) -> None:
    asked: list[tuple[int, str]] = []

    def stored(channel_id: int, external_id: str) -> StoredMessage | None:
        asked.append((channel_id, external_id))
        return StoredMessage("8001") if external_id == "8002" else None

    body = compact(aaa_tweet("8003", "900", "pat", "@zammadhq still waiting", reply_to="8002",
                             mentions=[(BRAND, "zammadhq")]))
    event = InboundEvent(source="x", channel=brand, raw_body=body)
    with django_assert_max_num_queries(0):  # the routed channel is the brand: no query at all
        (change,) = XSource().parse(event, stored).changes
    assert change.thread_key == "8001" and asked == [(brand.pk, "8002")]
    (alone,) = XSource().parse(event, nothing_stored).changes
    assert alone.thread_key == "8002", "unknown post: the id answered is the thread"
