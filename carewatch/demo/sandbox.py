"""The built-in platform sandbox: each platform's API as the desk calls it, answered locally.

Used only for channels marked ``sandbox: true`` (the demo's; see ``carewatch/sources/http.py``).
A reply, a private reply or a DM gets the answer the platform gives for a new object (its id in
the platform's shape), and the reply is then echoed back as the platform would deliver it (an
outbound message in the thread, as a webhook or the next poll brings it); hides answer as done;
token refreshes give a token; the listings that pull channels poll come back well-formed and
empty; feeds are a valid, empty RSS document. Anything else is a 404 in the platform's style.
"""

from __future__ import annotations

import itertools
import json
import secrets
from datetime import UTC, datetime
from typing import Any

import httpx

from carewatch.tenancy.models import Channel

_COUNTER = itertools.count(1)
EMPTY_RSS = (b'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Sandbox listening feed'
             b'</title><link>https://listening.example/</link><description>No new items</description></channel></rss>')


def _new_id() -> str:
    return f"{next(_COUNTER)}{secrets.randbelow(10**9):09d}"


def _json(data: Any, status: int = 200, **headers: str) -> httpx.Response:
    return httpx.Response(status, content=json.dumps(data).encode(), headers={"content-type": "application/json",
                                                                              **headers})


def _meta(request: httpx.Request, channel: Channel) -> httpx.Response:
    if request.method == "POST":
        if request.url.path.endswith("/messages"):
            return _json({"recipient_id": "sandbox-recipient", "message_id": f"m_{_new_id()}"})
        if request.url.path.endswith("/comments") or request.url.path.endswith("/replies"):
            return _json({"id": f"{channel.external_id}_{_new_id()}"})
        return _json({"success": True})
    return _json({"data": [], "paging": {}})


def _x(request: httpx.Request, channel: Channel) -> httpx.Response:
    if request.method in ("PUT", "POST") and request.url.path.endswith("/hidden"):
        hidden = json.loads(request.content or b"{}").get("hidden", True)
        return _json({"data": {"hidden": hidden}})
    if request.method == "POST" and "dm_conversations" in request.url.path:
        return _json({"data": {"dm_conversation_id": _new_id(), "dm_event_id": _new_id()}}, 201)
    if request.method == "POST":
        text = json.loads(request.content or b"{}").get("text", "")
        return _json({"data": {"id": _new_id(), "text": text, "edit_history_tweet_ids": []}}, 201)
    return _json({"data": [], "meta": {"result_count": 0}})


def _tiktok(request: httpx.Request, channel: Channel) -> httpx.Response:
    if request.method == "POST":
        if "message" in request.url.path:
            return _json({"code": 0, "message": "OK", "request_id": _new_id(),
                          "data": {"message": {"message_id": _new_id()}}})
        return _json({"code": 0, "message": "OK", "request_id": _new_id(), "data": {"comment_id": _new_id()}})
    return _json({"code": 0, "message": "OK", "request_id": _new_id(),
                  "data": {"comments": [], "page_info": {"page": 1, "total_number": 0, "total_page": 0}}})


def _youtube(request: httpx.Request, channel: Channel) -> httpx.Response:
    if request.method == "POST":
        if "setModerationStatus" in request.url.path:
            return httpx.Response(204)
        return _json({"kind": "youtube#comment", "id": f"Ug{_new_id()}", "snippet": {}})
    return _json({"kind": "youtube#commentThreadListResponse", "items": [],
                  "pageInfo": {"totalResults": 0, "resultsPerPage": 100}})


def _linkedin(request: httpx.Request, channel: Channel) -> httpx.Response:
    if request.method == "POST":
        numeric = _new_id()
        return _json({"id": numeric}, 201, **{"x-restli-id": numeric})
    return _json({"elements": [], "paging": {"start": 0, "count": 100, "links": []}})


def _reddit(request: httpx.Request, channel: Channel) -> httpx.Response:
    if request.method == "POST":
        if request.url.path.endswith("/api/remove"):
            return _json({})
        thing = {"kind": "t1", "data": {"name": f"t1_{_new_id()}"}}
        return _json({"json": {"errors": [], "data": {"things": [thing]}}})
    return _json({"kind": "Listing", "data": {"after": None, "before": None, "dist": 0, "children": []}})


def _token(request: httpx.Request, channel: Channel) -> httpx.Response:
    return _json({"access_token": f"sandbox-{secrets.token_hex(8)}", "token_type": "bearer", "expires_in": 3600,
                  "scope": "sandbox"})


HOSTS = {
    "graph.facebook.com": _meta,
    "api.x.com": _x,
    "business-api.tiktok.com": _tiktok,
    "www.googleapis.com": _youtube,
    "youtube.googleapis.com": _youtube,
    "api.linkedin.com": _linkedin,
    "oauth.reddit.com": _reddit,
    "oauth2.googleapis.com": _token,
    "www.reddit.com": _token,
}


def answer(request: httpx.Request, channel: Channel) -> httpx.Response:
    handler = HOSTS.get(request.url.host)
    if handler is not None:
        return handler(request, channel)
    if request.method == "GET" and request.url.host.endswith(".example"):
        return httpx.Response(200, content=EMPTY_RSS, headers={"content-type": "application/rss+xml"})
    return _json({"error": {"message": f"the sandbox has no {request.url.host}"}}, 404)


def transport(channel: Channel) -> httpx.MockTransport:
    return httpx.MockTransport(lambda request: answer(request, channel))


def echo(action: Any, external_id: str) -> None:
    """The platform delivers the brand's own reply back (a webhook or the next poll): the sent
    message arrives as an outbound message of the thread it answers."""
    from django.db import transaction

    from carewatch.inbox.ingest import apply_changes
    from carewatch.inbox.models import Mention
    from carewatch.inbox.normalised import AuthorRef, ChangeKind, MentionChange

    if action.verb not in ("reply", "private_reply", "dm") or not external_id:
        return
    channel = action.channel
    parent = Mention.objects.filter(channel=channel, external_id=action.target_external_id).first()
    thread = parent.thread_key if parent is not None else (action.target_external_id or external_id)
    change = MentionChange(
        change=ChangeKind.UPSERT, channel_id=channel.pk, platform=channel.platform, external_id=external_id,
        kind="reply" if action.verb == "reply" else "dm",
        direction="out", text=action.body,
        author=AuthorRef(external_id=channel.external_id or channel.handle, handle=channel.handle, name=channel.handle),
        created_at=datetime.now(UTC), parent_external_id=action.target_external_id if action.verb == "reply" else "",
        thread_key=thread, language=parent.language if parent is not None else "",
    )
    with transaction.atomic():
        apply_changes([change])
