"""LinkedIn outbound: the exact documented comment request (platforms.md §5.3), errors in plain
words and reconciliation by re-listing. Response bodies are SCHEMA-DERIVED from the comment
object's documented fields (commentUrn, id, actor, object, message.text, created.time)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
import respx
from django.core.exceptions import ValidationError

from carewatch.lib.secrets import seal
from carewatch.replies.models import OutboundAction, OutboundStatus
from carewatch.replies.outbox import do_queue_outbound, reconcile, send_now
from carewatch.sources.linkedin.client import default_version
from carewatch.sources.ratelimit import Limit
from carewatch.sources.registry import outbound_client
from carewatch.tenancy.models import Channel, Client

API = "https://api.linkedin.com/rest"
TOKEN = "AQV-linkedin-token"
ORG = "urn:li:organization:2414183"
ACTIVITY = "urn:li:activity:7096760097833439232"
COMMENT = f"urn:li:comment:({ACTIVITY},7102986562019213313)"
COMMENT_PATH = b"/rest/socialActions/urn%3Ali%3Acomment%3A%28urn%3Ali%3Aactivity%3A7096760097833439232%2C7102986562019213313%29/comments"
UGC = "urn:li:ugcPost:7096760097833439232"


@pytest.fixture
def page(db: Any) -> Channel:
    client = Client.objects.create(slug="northwind", name="Northwind")
    return Channel.objects.create(client=client, platform="linkedin", handle="Northwind Pharma", external_id="2414183",
                                  secrets={"access_token": seal(TOKEN), "client_secret": seal("s")},
                                  settings={"linkedin_version": "202601"})


def queue(channel: Channel, verb: str, target: str, body: str = "Thanks for reaching out!") -> OutboundAction:
    from django.db import transaction

    with transaction.atomic():
        return do_queue_outbound(None, channel, verb, target, body)


def created(comment_id: str, text: str = "Thanks for reaching out!") -> httpx.Response:
    return httpx.Response(201, headers={"x-restli-id": comment_id}, json={
        "actor": ORG, "object": ACTIVITY, "message": {"text": text}, "id": comment_id,
        "commentUrn": f"urn:li:comment:({ACTIVITY},{comment_id})", "created": {"time": 1692093345000}})


@respx.mock
def test_a_reply_to_a_comment_posts_the_documented_nested_comment(page: Channel) -> None:
    route = respx.post(url__startswith=f"{API}/socialActions/").mock(return_value=created("7102986562019219999"))
    action = queue(page, "reply", COMMENT)
    send_now(action.pk)
    request = route.calls.last.request
    assert request.url.raw_path == COMMENT_PATH and request.url.host == "api.linkedin.com"
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert request.headers["LinkedIn-Version"] == "202601"
    assert request.headers["X-Restli-Protocol-Version"] == "2.0.0"
    assert json.loads(request.content) == {"actor": ORG, "object": ACTIVITY,
                                           "message": {"text": "Thanks for reaching out!"}, "parentComment": COMMENT}
    action.refresh_from_db()
    assert (action.status, action.external_id) == (OutboundStatus.SENT, f"urn:li:comment:({ACTIVITY},7102986562019219999)")


@respx.mock
def test_a_comment_on_a_post_has_no_parent_comment(page: Channel) -> None:
    route = respx.post(url__startswith=f"{API}/socialActions/").mock(
        return_value=httpx.Response(201, headers={"x-restli-id": "555"}))
    action = queue(page, "reply", UGC)
    send_now(action.pk)
    request = route.calls.last.request
    assert request.url.raw_path == b"/rest/socialActions/urn%3Ali%3AugcPost%3A7096760097833439232/comments"
    assert json.loads(request.content) == {"actor": ORG, "object": UGC, "message": {"text": "Thanks for reaching out!"}}
    action.refresh_from_db()
    assert action.external_id == f"urn:li:comment:({UGC},555)"


def test_linkedin_has_no_hide_and_no_dms(page: Channel) -> None:
    for verb in ("hide", "unhide", "dm", "private_reply"):
        with pytest.raises(ValidationError):
            queue(page, verb, COMMENT)


@pytest.mark.parametrize("status,body,words,code", [
    (401, {"status": 401, "serviceErrorCode": 65601, "message": "The token used in the request has expired"},
     "expired or was revoked", "token"),
    (403, {"status": 403, "serviceErrorCode": 100, "message": "Not enough permissions to access: partnerApiSocialActions"},
     "missing permission", "permission"),
    (429, {"status": 429, "message": "Resource level throttle APPLICATION DAY limit reached"}, "rate limited",
     "rate_limited"),
    (404, {"status": 404, "message": "Not found"}, "cannot find", "invalid"),
    (426, {"status": 426, "message": "Requested version 20230101 is not active"}, "no longer serves API version 202601",
     "version"),
    (422, {"status": 422, "message": "ERROR :: /message/text :: is too long"}, "LinkedIn refused the request (422",
     "linkedin_422"),
])
@respx.mock
def test_errors_become_plain_words(page: Channel, status: int, body: dict[str, Any], words: str, code: str) -> None:
    respx.post(url__startswith=f"{API}/socialActions/").mock(return_value=httpx.Response(status, json=body))
    action = queue(page, "reply", COMMENT)
    send_now(action.pk)
    action.refresh_from_db()
    assert action.status == OutboundStatus.FAILED and words in action.error and action.error_code == code


@respx.mock
def test_a_timeout_is_unknown_and_is_reconciled_by_relisting_the_comments(page: Channel) -> None:
    post = respx.post(url__startswith=f"{API}/socialActions/").mock(side_effect=httpx.ReadTimeout("slow"))
    action = queue(page, "reply", COMMENT, "We hear you")
    send_now(action.pk)
    action.refresh_from_db()
    assert action.status == OutboundStatus.UNKNOWN
    relist = respx.get(url__startswith=f"{API}/socialActions/").mock(return_value=httpx.Response(200, json={
        "paging": {"start": 0, "count": 100, "total": 2}, "elements": [
            {"actor": "urn:li:person:abc123", "message": {"text": "We hear you"}, "id": "1",
             "commentUrn": f"urn:li:comment:({ACTIVITY},1)"},
            {"actor": ORG, "message": {"text": "We hear you"}, "id": "2", "commentUrn": f"urn:li:comment:({ACTIVITY},2)",
             "parentComment": COMMENT}]}))
    assert reconcile(action) == "sent"
    action.refresh_from_db()
    assert (action.status, action.external_id) == (OutboundStatus.SENT, f"urn:li:comment:({ACTIVITY},2)")
    request = relist.calls.last.request
    assert request.url.raw_path == COMMENT_PATH + b"?start=0&count=100"
    assert request.headers["LinkedIn-Version"] == "202601" and request.headers["X-Restli-Protocol-Version"] == "2.0.0"
    assert post.call_count == 1


@respx.mock
def test_a_5xx_is_unknown_and_stays_unknown_while_the_relist_does_not_show_it(page: Channel) -> None:
    respx.post(url__startswith=f"{API}/socialActions/").mock(return_value=httpx.Response(502))
    action = queue(page, "reply", COMMENT)
    send_now(action.pk)
    action.refresh_from_db()
    assert action.status == OutboundStatus.UNKNOWN and "502" in action.error
    respx.get(url__startswith=f"{API}/socialActions/").mock(return_value=httpx.Response(200, json={"elements": []}))
    assert reconcile(action) == "unknown"


def test_the_default_version_rolls_and_the_limit_is_per_page(page: Channel) -> None:
    assert default_version(datetime(2026, 2, 15, tzinfo=UTC)) == "202511"
    assert default_version(datetime(2026, 7, 1, tzinfo=UTC)) == "202604"
    client = outbound_client("linkedin")
    assert client is not None and client.verbs == ("reply",)
    action = OutboundAction(channel=page, verb="reply", target_external_id=COMMENT)
    assert client.limit_for(action) == ("linkedin:2414183:comments", Limit(30, 60))
