"""The webhook's acknowledgement waits only for the event's INSERT: the pipeline is enqueued
once the response has been sent (when the server closes it), not before. On SQLite that INSERT
goes to the webhook spool (``sources/spool.py``), moved into the main database by the worker."""

from __future__ import annotations

import json
from typing import Any

from django.test import RequestFactory

from carewatch.inbox.models import Mention
from carewatch.lib.secrets import seal
from carewatch.sources import spool
from carewatch.sources.meta.verify import sign
from carewatch.sources.models import EventState, InboundEvent
from carewatch.sources.webhooks import AckResponse, webhook_view
from carewatch.tenancy.models import Channel, Client

SECRET = "test_app_secret"
PAGE = "1234567890321"


def comment_body(comment_id: str) -> bytes:
    value = {"item": "comment", "verb": "add", "comment_id": comment_id, "post_id": f"{PAGE}_1",
             "parent_id": f"{PAGE}_1", "from": {"id": "9001", "name": "Pat Doe"}, "created_time": 1763640000,
             "message": "Where can I find the copay card?"}
    return json.dumps({"object": "page", "entry": [{"id": PAGE, "time": 1763640000, "changes": [
        {"field": "feed", "value": value}]}]}, separators=(",", ":")).encode()


def post(body: bytes) -> Any:
    request = RequestFactory().post("/hooks/meta/", data=body, content_type="application/json",
                                    headers={"X-Hub-Signature-256": sign(body, SECRET)})
    return webhook_view(request, "meta")


def test_the_pipeline_is_enqueued_only_once_the_answer_is_sent(transactional_db: Any) -> None:
    client = Client.objects.create(slug="northwind", name="Northwind")
    Channel.objects.create(client=client, platform="facebook", handle="NorthwindRx", external_id=PAGE,
                           secrets={"app_secret": seal(SECRET)})
    response = post(comment_body("1_501"))
    assert response.status_code == 200 and isinstance(response, AckResponse)
    if spool.enabled():
        assert spool.waiting() == 1 and not InboundEvent.objects.exists(), "spooled; nothing else before answering"
    else:
        assert InboundEvent.objects.get().state == EventState.RECEIVED, "stored durably; nothing else done before answering"
    assert not Mention.objects.exists()
    response.close()  # what the WSGI server does after sending the bytes (tasks run at once in tests)
    event = InboundEvent.objects.get()
    assert event.state == EventState.PROCESSED and spool.waiting() == 0
    assert Mention.objects.get().external_id == "1_501"


def test_a_redelivery_is_answered_and_enqueues_nothing(transactional_db: Any) -> None:
    client = Client.objects.create(slug="northwind", name="Northwind")
    Channel.objects.create(client=client, platform="facebook", handle="NorthwindRx", external_id=PAGE,
                           secrets={"app_secret": seal(SECRET)})
    post(comment_body("1_502")).close()
    again = post(comment_body("1_502"))
    assert again.status_code == 200 and again.after_sent is None
    again.close()
    assert InboundEvent.objects.count() == 1 and Mention.objects.count() == 1
