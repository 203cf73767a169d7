"""Issue 17 finding 5: a NUL or a lone surrogate in any text field of any platform's payload
never keeps a message from the inbox.

Every text-like field (text, message, names, handles, descriptions) of every platform's payload
(the recorded payloads under each platform's fixtures/ plus the SCHEMA-DERIVED payloads for LinkedIn, TikTok and
X's Activity API) gets ``\\u0000`` or ``\\ud800``. The webhook stores the raw bytes as sent; the
mention keeps the text with U+FFFD in place of the character; triage runs; the event is never
marked failed. Run with DATABASE_URL=postgres://... for PostgreSQL (where NUL is the problem).
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client as HttpClient

from carewatch.inbox.models import Author, Mention
from carewatch.lib.secrets import seal
from carewatch.lib.storable import storable, storable_text
from carewatch.sources.linkedin.verify import sign as li_sign
from carewatch.sources.meta.verify import sign as meta_sign
from carewatch.sources.models import EventState, InboundEvent
from carewatch.sources.registry import push_source
from carewatch.sources.testing import fixture_files
from carewatch.sources.tiktok.verify import sign as tiktok_sign
from carewatch.sources.x.verify import sign as x_sign
from carewatch.tenancy.models import Channel, Client

SECRET = "odd_characters_secret"
ODD = {"nul": "\u0000", "surrogate": "\ud800"}
TEXT_KEYS = {"message", "text", "full_text", "body", "name", "username", "screen_name", "sender_name",
             "reviewer_name", "review_text", "description", "title", "from", "commentary", "unique_id",
             "display_name", "user_name", "nickname", "comment_text"}
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")

LINKEDIN = {"type": "ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS", "notifications": [{
    "notificationId": 8473627365, "organizationalEntity": "urn:li:organization:2414183", "action": "COMMENT",
    "sourcePost": "urn:li:share:7096760097833439232",
    "generatedActivity": "urn:li:comment:(urn:li:activity:7096760097833439232,7102986562019213313)",
    "lastModifiedAt": 1692093245000, "subscriber": "urn:li:person:admin1",
    "decoratedGeneratedActivity": {"comment": {
        "owner": "urn:li:person:abc123", "text": "My heart races since the new dose",
        "entity": "urn:li:comment:(urn:li:activity:7096760097833439232,7102986562019213313)",
        "object": "urn:li:activity:7096760097833439232"}}}]}
TIKTOK_CONTENT = {"conversation_id": "tt-conv-1", "message_id": "tt-msg-1", "timestamp": 1700000000000,
                  "type": "text", "text": {"body": "Where is my order?"}, "from": "customer_handle",
                  "from_user": {"id": "user-1"}, "to": "brand_handle", "to_user": {"id": "biz-123"}}
TIKTOK_COMMENT = {"comment_id": "7111907185164763905", "video_id": "7111", "parent_comment_id": "7111",
                  "comment_type": "comment", "comment_action": "created", "timestamp": 1700000000000,
                  "text": "This gave me a rash", "unique_identifier": "viewer_handle", "user_id": "user-2",
                  "display_name": "Viewer Name"}
XAA = {"data": {"event_uuid": "2080765813578191303", "filter": {"user_id": "1111111111111111111"},
                "event_type": "post.mention.create", "tag": "care", "payload": {
                    "created_at": "2026-07-24T21:23:23.000Z", "conversation_id": "2080765813578191303",
                    "text": "hey @ExampleUser my pharmacist said", "author_id": "2222222222222222222",
                    "id": "2080765813578191303"},
                "includes": {"users": [{"id": "2222222222222222222", "username": "OtherUser", "name": "Other User"},
                                       {"id": "1111111111111111111", "username": "ExampleUser",
                                        "name": "Example User"}]}}}


def inject(value: Any, odd: str, key: str | None = None) -> Any:
    if isinstance(value, dict):
        return {k: inject(v, odd, k) for k, v in value.items()}
    if isinstance(value, list):
        return [inject(v, odd, key) for v in value]
    if isinstance(value, str) and key in TEXT_KEYS and value:
        return value[:3] + odd + value[3:] + odd
    return value


def carries_text(value: Any, odd: str, key: str | None = None) -> bool:
    """Does a message-text field of the payload carry the odd character?"""
    if isinstance(value, dict):
        return any(carries_text(v, odd, k) for k, v in value.items())
    if isinstance(value, list):
        return any(carries_text(v, odd, key) for v in value)
    if isinstance(value, str) and key == "content" and value.startswith("{"):
        return carries_text(json.loads(value), odd)
    return isinstance(value, str) and key in {"text", "message", "full_text", "review_text", "body"} and odd in value


def tiktok_body(content: dict[str, Any], event: str) -> Callable[[str], Any]:
    def build(odd: str) -> Any:
        inner = json.dumps(inject(content, odd))  # ASCII-escaped, as TikTok's nested JSON string
        return {"client_key": "aw_app_key", "event": event, "create_time": int(time.time()),
                "user_openid": "biz-123", "content": inner}
    return build


def fixture_case(path: Path) -> Callable[[str], Any]:
    return lambda odd: inject(json.loads(path.read_bytes()), odd)


def cases() -> list[Any]:
    found: list[Any] = []
    for folder, source in (("meta", "meta"), ("meta/instagram", "meta"), ("x", "x")):
        for path in fixture_files(folder):
            for name, odd in ODD.items():
                found.append(pytest.param(source, fixture_case(path), odd, id=f"{folder}/{path.stem}-{name}"))
    built: list[tuple[str, str, Callable[[str], Any]]] = [
        ("linkedin", "comment", lambda odd: inject(LINKEDIN, odd)),
        ("x", "xaa-mention", lambda odd: inject(XAA, odd)),
        ("tiktok", "dm", tiktok_body(TIKTOK_CONTENT, "im_receive_msg")),
        ("tiktok", "comment", tiktok_body(TIKTOK_COMMENT, "comment.update")),
    ]
    for source, label, build in built:
        for name, odd in ODD.items():
            found.append(pytest.param(source, build, odd, id=f"{source}/{label}-{name}"))
    return found


PLATFORM = {"x": "x", "linkedin": "linkedin", "tiktok": "tiktok"}
SECRET_NAME = {"meta": "app_secret", "x": "consumer_secret", "linkedin": "client_secret", "tiktok": "client_secret"}


def deliver(source_name: str, body: bytes) -> Any:
    headers: dict[str, str] = {}
    if source_name == "meta":
        headers["HTTP_X_HUB_SIGNATURE_256"] = meta_sign(body, SECRET)
    elif source_name == "x":
        headers["HTTP_X_TWITTER_WEBHOOKS_SIGNATURE"] = x_sign(body, SECRET)
    elif source_name == "linkedin":
        headers["HTTP_X_LI_SIGNATURE"] = li_sign(body, SECRET)
    else:
        headers["HTTP_TIKTOK_SIGNATURE"] = tiktok_sign(body, SECRET, int(time.time()))
    return HttpClient().post(f"/hooks/{source_name}/", data=body, content_type="application/json", **headers)


@pytest.mark.parametrize("source_name,build,odd", cases())
def test_an_odd_character_in_any_text_field_still_reaches_the_inbox_and_is_screened(
        transactional_db: Any, source_name: str, build: Callable[[str], Any], odd: str) -> None:
    payload = build(odd)
    body = json.dumps(payload).encode()  # ASCII: the characters travel as \u escapes, as platforms send them
    source = push_source(source_name)
    assert source is not None
    client = Client.objects.create(slug="northwind", name="Northwind")
    platform = PLATFORM.get(source_name) or ("instagram" if payload.get("object") == "instagram" else "facebook")
    for number, account in enumerate(source.account_ids(payload)):
        Channel.objects.create(client=client, platform=platform, handle=f"brand{number}", external_id=account,
                               secrets={SECRET_NAME[source_name]: seal(SECRET)})
    response = deliver(source_name, body)
    assert response.status_code == 200, response.content
    response.close()
    event = InboundEvent.objects.get()
    assert bytes(event.raw_body) == body, "the raw bytes are kept as sent"
    assert event.state in (EventState.PROCESSED, EventState.IGNORED), (event.state, event.reason)
    mentions = list(Mention.objects.select_related("author"))
    for mention in mentions:
        for value in (mention.text, mention.author.handle, mention.author.display_name, mention.url, mention.external_id):
            assert not UNSTORABLE.search(value)
        if mention.direction == "in" and mention.text:
            assert mention.triaged_at is not None, "screened"
    for author in Author.objects.all():
        assert not UNSTORABLE.search(author.handle + author.display_name + author.external_id)
    if mentions and carries_text(payload, odd):
        assert any("\ufffd" in m.text + m.author.handle + m.author.display_name for m in mentions), "the odd field arrived"


def test_text_that_cannot_be_stored_is_kept_with_a_replacement_character() -> None:
    assert storable_text("a\u0000b\ud800c\udfffd") == "a\ufffdb\ufffdc\ufffdd"
    assert storable_text("emoji \U0001f600 stays") == "emoji \U0001f600 stays"
    assert storable({"k\u0000": ["x\ud800", {"n": "\u0000"}], "n": 1}) == {"k\ufffd": ["x\ufffd", {"n": "\ufffd"}],
                                                                             "n": 1}
