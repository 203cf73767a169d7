"""Issue 17 finding 7: deeply nested JSON to a webhook is refused, never a 500."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client as HttpClient

from carewatch.lib.secrets import seal
from carewatch.sources.meta.verify import sign
from carewatch.sources.models import EventState, InboundEvent
from carewatch.sources.webhooks import nesting_depth
from carewatch.tenancy.models import Channel, Client

SECRET = "nesting_secret"
PAGE = "1234567890321"


@pytest.fixture
def page(transactional_db: Any) -> Channel:
    client = Client.objects.create(slug="northwind", name="Northwind")
    return Channel.objects.create(client=client, platform="facebook", handle="NorthwindRx", external_id=PAGE,
                                  secrets={"app_secret": seal(SECRET)})


def post(body: bytes, signed: bool) -> Any:
    headers = {"HTTP_X_HUB_SIGNATURE_256": sign(body, SECRET)} if signed else {}
    return HttpClient(raise_request_exception=False).post("/hooks/meta/", data=body,
                                                           content_type="application/json", **headers)


def test_a_hundred_thousand_unsigned_nested_brackets_are_refused_without_a_500(page: Channel) -> None:
    response = post(b"[" * 100_000 + b"]" * 100_000, signed=False)
    assert response.status_code in (400, 403)
    assert not InboundEvent.objects.exists()


def test_an_unsigned_object_nested_deep_inside_an_entry_is_refused(page: Channel) -> None:
    body = b'{"object":"page","entry":[{"id":"' + PAGE.encode() + b'","x":' + b'{"a":' * 60_000 + b"1" + \
        b"}" * 60_000 + b"}]}"
    response = post(body, signed=False)
    assert response.status_code in (400, 403)
    assert not InboundEvent.objects.exists()


def test_a_signed_body_nested_fifty_thousand_deep_is_stored_as_rejected_and_answered_400(page: Channel) -> None:
    body = b'{"object":"page","entry":[{"id":"' + PAGE.encode() + b'","changes":' + b"[" * 50_000 + \
        b"]" * 50_000 + b"}]}"
    response = post(body, signed=True)
    assert response.status_code == 400
    event = InboundEvent.objects.get()
    assert event.state == EventState.REJECTED and bytes(event.raw_body) == body
    assert "nested" in event.reason


def test_brackets_inside_strings_do_not_count_as_nesting() -> None:
    text = b'{"message":"' + b"[" * 5000 + b'\\"{{{"}'
    assert nesting_depth(text) == 1
    assert nesting_depth(b"[[[]],{}]") == 3
    assert nesting_depth(b'"\\\\"[[1]]') == 2


def test_a_signed_tiktok_delivery_whose_content_string_nests_deeply_is_rejected_not_failed(
        transactional_db: Any) -> None:
    """Found by the webhook fuzzing: the JSON inside TikTok's ``content`` string recursed in the
    parser, and the event was retried five times and marked failed."""
    import json
    import time

    from carewatch.sources.tiktok.verify import sign as tiktok_sign

    client = Client.objects.create(slug="northwind", name="Northwind")
    Channel.objects.create(client=client, platform="tiktok", handle="northwindrx", external_id="biz-123",
                           secrets={"client_secret": seal(SECRET)})
    body = json.dumps({"client_key": "k", "event": "comment.update", "create_time": int(time.time()),
                       "user_openid": "biz-123", "content": "[" * 50_000 + "]" * 50_000}).encode()
    response = HttpClient().post("/hooks/tiktok/", data=body, content_type="application/json",
                                 HTTP_TIKTOK_SIGNATURE=tiktok_sign(body, SECRET, int(time.time())))
    assert response.status_code == 200
    response.close()
    event = InboundEvent.objects.get()
    assert (event.state, event.attempts) == (EventState.REJECTED, 1) and "nested" in event.reason
