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
