"""X's side, played locally: the API v2's answers, and Account Activity webhooks.

``answer``: a post gets a new post id, a DM a conversation and event id, hiding echoes the
hidden flag; lists come back empty. ``delivery``: a ``tweet_create_events`` mention of the
channel, escaped and signed as X sends it (``verify.py``).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import httpx

from carewatch.sources.sandboxing import Delivery, Simulation, json_response, new_id
from carewatch.sources.x.verify import signed_headers
from carewatch.tenancy.models import Channel


def answer(request: httpx.Request, channel: Channel) -> httpx.Response:
    if request.method in ("PUT", "POST") and request.url.path.endswith("/hidden"):
        hidden = json.loads(request.content or b"{}").get("hidden", True)
        return json_response({"data": {"hidden": hidden}})
    if request.method == "POST" and "dm_conversations" in request.url.path:
        return json_response({"data": {"dm_conversation_id": new_id(), "dm_event_id": new_id()}}, 201)
    if request.method == "POST":
        text = json.loads(request.content or b"{}").get("text", "")
        return json_response({"data": {"id": new_id(), "text": text, "edit_history_tweet_ids": []}}, 201)
    return json_response({"data": [], "meta": {"result_count": 0}})


HOSTS = {"api.x.com": answer}


def delivery(sim: Simulation, channel: Channel, secret: str) -> Delivery:
    user, name = sim.person()
    tweet = sim.uid()
    handle = name.lower().replace(" ", "_")[:15]
    created = datetime.now(UTC).strftime("%a %b %d %H:%M:%S +0000 %Y")
    body = {"for_user_id": channel.external_id, "tweet_create_events": [{
        "created_at": created, "id": int(tweet), "id_str": tweet,
        "text": f"@{channel.handle} {sim.text()}"[:280], "truncated": False,
        "user": {"id": int(user), "id_str": user, "name": name, "screen_name": handle},
        "entities": {"user_mentions": [{"id_str": channel.external_id, "screen_name": channel.handle}]},
        "is_quote_status": False, "in_reply_to_status_id_str": None}]}
    raw = json.dumps(body, separators=(",", ":")).replace("<", "\\u003c").replace(">", "\\u003e").encode()
    return Delivery("/hooks/x/", raw, signed_headers(raw, secret), [tweet])
