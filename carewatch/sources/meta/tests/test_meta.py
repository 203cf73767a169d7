from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client as HttpClient

from carewatch.inbox.models import Case, Mention
from carewatch.lib.secrets import seal
from carewatch.sources.meta.verify import sign, signature_valid
from carewatch.sources.models import ChannelState, EventState, InboundEvent
from carewatch.sources.testing import fixture_bytes, fixture_files
from carewatch.tenancy.models import Channel, Client

SECRET = "test_app_secret"
PAGE = "1234567890321"


@pytest.fixture
def page(transactional_db: Any) -> Channel:
    client = Client.objects.create(slug="northwind", name="Northwind")
    secrets = {"app_secret": seal(SECRET), "verify_token": seal("meatyhamhock")}
    Channel.objects.create(client=client, platform="instagram", handle="northwind.ig", external_id="0",
                           secrets=secrets)
    Channel.objects.create(client=client, platform="facebook", handle="NorthwindRx", external_id="12345654332",
                           secrets=secrets)
    return Channel.objects.create(client=client, platform="facebook", handle="NorthwindRx2", external_id=PAGE,
                                  secrets=secrets)


def post(body: bytes, signature: str | None = "auto") -> Any:
    headers = {}
    if signature == "auto":
        headers["HTTP_X_HUB_SIGNATURE_256"] = sign(body, SECRET)
    elif signature is not None:
        headers["HTTP_X_HUB_SIGNATURE_256"] = signature
    return HttpClient().post("/hooks/meta/", data=body, content_type="application/json", **headers)


# ------------------------------------------------------------------ signatures and handshake
@pytest.mark.parametrize("relative,expected", [
    ("meta/feed-comment-add-211.json", "sha256=c59abb446834bfa1f7afab719aa5467970b7ab2f879b60b6894d202d740d03e8"),
    ("meta/instagram/wh-comments-2021.json", "sha256=0ed11debc6d7a569390a228090fb2c4b9d2da3ebc719a752c10786fad8c1bb54"),
    ("meta/messaging-message-basic.json", "sha256=5703e4d686f20c24b963b7c0f756d7c8077cfa8ae36ce9f3c64c6f0f1e26ed53"),
])
def test_the_documented_signature_vectors_verify(relative: str, expected: str) -> None:
    body = fixture_bytes(relative)
    assert sign(body, SECRET) == expected
    assert signature_valid(body, expected, SECRET)
    assert not signature_valid(body + b" ", expected, SECRET)


def test_the_signature_is_over_the_escaped_bytes_meta_sends() -> None:
    body = b'{"message":"\\u00e4\\u00f6\\u00e5"}'
    assert sign(body, SECRET) == "sha256=28b7a33df19c81b024a2dbb7549d62ad257bc0977ede332448f9f5554cc8f734"


def test_the_handshake_echoes_the_challenge_for_our_verify_token(page: Channel) -> None:
    ok = HttpClient().get("/hooks/meta/", {"hub.mode": "subscribe", "hub.verify_token": "meatyhamhock",
                                           "hub.challenge": "1158201444"})
    assert (ok.status_code, ok.content) == (200, b"1158201444")
    bad = HttpClient().get("/hooks/meta/", {"hub.mode": "subscribe", "hub.verify_token": "nope",
                                            "hub.challenge": "1158201444"})
    assert bad.status_code == 403 and b"1158201444" not in bad.content


# ------------------------------------------------------------------ the endpoint
def test_a_signed_comment_is_stored_acknowledged_and_becomes_a_mention_in_a_case(page: Channel) -> None:
    body = fixture_bytes("meta/feed-comment-add-211.json")
    response = post(body)
    assert response.status_code == 200
    event = InboundEvent.objects.get()
    assert bytes(event.raw_body) == body and event.signature_ok and event.state == EventState.PROCESSED
    mention = Mention.objects.get()
    assert mention.external_id == "901097836652708_903438993085259"
    assert mention.kind == "comment" and mention.thread_key == "1234567890321_901097836652708"
    assert mention.text == "and the next one"
    # from.id is the page itself: the brand's own comment is context, not a customer case
    assert mention.direction == "out" and not Case.objects.exists()


def test_a_wrong_signature_is_403_stores_nothing_and_is_counted(page: Channel, caplog: Any) -> None:
    body = fixture_bytes("meta/feed-comment-add-211.json")
    assert post(body, signature="sha256=" + "0" * 64).status_code == 403
    assert post(body, signature=None).status_code == 403
    assert not InboundEvent.objects.exists()
    assert ChannelState.objects.get(channel=page).events_rejected == 2
    assert "webhook rejected" in caplog.text and SECRET not in caplog.text


def test_a_signed_body_that_is_not_json_is_400_and_kept_as_rejected(page: Channel) -> None:
    body = b'{"object": "page", "entry": [ {'
    assert post(body).status_code == 400
    event = InboundEvent.objects.get()
    assert event.state == EventState.REJECTED and bytes(event.raw_body) == body


def test_an_unsigned_body_that_is_not_json_is_403_and_not_kept(page: Channel) -> None:
    assert post(b"garbage", signature="sha256=" + "1" * 64).status_code == 403
    assert not InboundEvent.objects.exists()


def test_an_unknown_account_is_404(page: Channel) -> None:
    body = fixture_bytes("meta/feed-comment-add-211.json").replace(PAGE.encode(), b"999999999")
    assert post(body).status_code == 404
    assert not InboundEvent.objects.exists()


def test_a_body_over_the_limit_is_413(page: Channel) -> None:
    body = b'{"object":"page","entry":[],"pad":"' + b"x" * (3 * 1024 * 1024) + b'"}'
    assert post(body).status_code == 413
    assert not InboundEvent.objects.exists()


def test_a_redelivery_changes_nothing(page: Channel) -> None:
    body = fixture_bytes("meta/feed-comment-add-211.json").replace(b'"id": "1234567890321",\n              "name"',
                                                                    b'"id": "777",\n              "name"')
    assert post(body).status_code == 200
    assert post(body).status_code == 200
    assert InboundEvent.objects.count() == 1
    assert Mention.objects.count() == 1 and Case.objects.count() == 1


# ------------------------------------------------------------------ event kinds
def deliver(relative: str) -> InboundEvent:
    response = post(fixture_bytes(relative))
    assert response.status_code == 200, response.content
    return InboundEvent.objects.order_by("-id").first()  # type: ignore[return-value]


def test_an_edit_keeps_the_history_and_a_hide_and_a_remove_only_mark(page: Channel) -> None:
    from carewatch.inbox.ingest import apply_changes
    from carewatch.inbox.normalised import AuthorRef, ChangeKind, MentionChange

    apply_changes([MentionChange(change=ChangeKind.UPSERT, channel_id=page.id, platform="facebook",
                                 external_id="900728623356296_900744590021366", text="original words",
                                 author=AuthorRef("42", "pat"), thread_key="1234567890321_900728623356296")])
    deliver("meta/feed-comment-edited-25.json")
    deliver("meta/feed-comment-hide.json")
    mention = Mention.objects.get(external_id="900728623356296_900744590021366")
    assert mention.text == "Let's see the Webhooks in action :D"
    assert [h["text"] for h in mention.edit_history] == ["original words"]
    assert mention.is_hidden and not mention.is_deleted


def test_reactions_and_likes_are_counted_not_inboxed(page: Channel) -> None:
    deliver("meta/feed-reaction-add-comment.json")
    event = deliver("meta/feed-like-add-25.json")
    assert event.state == EventState.IGNORED and "counted" in event.reason
    assert not Mention.objects.exists()
    assert ChannelState.objects.get(channel=page).reactions_counted == 2


def test_a_rating_becomes_a_review(page: Channel) -> None:
    deliver("meta/ratings-rating-add-25.json")
    review = Mention.objects.get()
    assert (review.kind, review.text, review.author.display_name) == ("review", "Ja ziemlich coole Sache", "Tester")
    assert Case.objects.get().mention_count == 1


def test_a_dm_and_its_echo_share_one_conversation(page: Channel) -> None:
    deliver("meta/messaging-message-basic.json")
    deliver("meta/messaging-message-basic-echo.json")
    inbound = Mention.objects.get(direction="in")
    assert inbound.kind == "dm" and inbound.text == "hello, world!"
    assert inbound.thread_key == "dm:987654321432"
    # The echo reuses the customer's message id here; its mid is the same, so it is one mention.
    assert Mention.objects.filter(external_id=inbound.external_id).count() == 1


def test_an_instagram_comment_and_a_thin_mention(page: Channel) -> None:
    deliver("meta/instagram/wh-comments-2021.json")
    comment = Mention.objects.get(external_id="123456789")
    assert comment.platform == "instagram" and comment.kind == "reply"
    assert comment.author.handle == "testuser" and comment.thread_key == "76543987"
    deliver("meta/instagram/wh-mentions.json")
    assert Mention.objects.get(external_id="mention:17887498072083520").kind == "mention"


def test_an_unknown_field_is_recorded_as_ignored_with_its_reason(page: Channel) -> None:
    event = deliver("meta/unknown-change-value.json")
    assert event.state == EventState.IGNORED and "'foo'" in event.reason


def test_a_delivery_with_two_entries_yields_both(page: Channel) -> None:
    deliver("meta/feed-two-entries-25.json")
    assert InboundEvent.objects.get().state in (EventState.PROCESSED, EventState.IGNORED)


@pytest.mark.parametrize("path", fixture_files("meta") + fixture_files("meta/instagram"), ids=lambda p: p.name)
def test_every_recorded_meta_payload_is_handled_or_ignored_with_a_reason(page: Channel, path: Path) -> None:
    response = post(path.read_bytes())
    assert response.status_code == 200, (path.name, response.content)
    event = InboundEvent.objects.get()
    assert event.state in (EventState.PROCESSED, EventState.IGNORED), (event.state, event.reason)
    if event.state == EventState.IGNORED:
        assert event.reason
    json.loads(path.read_bytes())
