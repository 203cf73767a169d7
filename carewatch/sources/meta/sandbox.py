"""Meta's side, played locally: the Graph API's answers, and page, Messenger and Instagram webhooks.

``answer``: a reply or private reply gets a new object's id in Meta's shape, a DM a message id,
hides ``{"success": true}``; lists come back empty. ``delivery``: a page-feed comment (a quarter
of them Messenger messages) or an Instagram comment, signed as Meta signs (``verify.py``).
"""

from __future__ import annotations

import json
import time
from typing import Any

import httpx

from carewatch.sources.meta.verify import signed_headers
from carewatch.sources.sandboxing import Delivery, Simulation, json_response, new_id
from carewatch.tenancy.models import Channel


def answer(request: httpx.Request, channel: Channel) -> httpx.Response:
    if request.method == "POST":
        if request.url.path.endswith("/messages"):
            return json_response({"recipient_id": "sandbox-recipient", "message_id": f"m_{new_id()}"})
        if request.url.path.endswith("/comments") or request.url.path.endswith("/replies"):
            return json_response({"id": f"{channel.external_id}_{new_id()}"})
        return json_response({"success": True})
    return json_response({"data": [], "paging": {}})


HOSTS = {"graph.facebook.com": answer}


def delivery(sim: Simulation, channel: Channel, secret: str) -> Delivery:
    page = channel.external_id
    post = f"{page}_{sim.random.randrange(100, 140)}"
    comment = f"{post.split('_')[1]}_{sim.uid()}"
    user, name = sim.person()
    now = int(time.time())
    value = {"item": "comment", "verb": "add", "comment_id": comment, "post_id": post, "parent_id": post,
             "from": {"id": user, "name": name}, "created_time": now, "message": sim.text()}
    body: dict[str, Any]
    if channel.platform == "instagram":
        media = f"1790{sim.random.randrange(100, 140)}"
        external = sim.uid()
        body = {"object": "instagram", "entry": [{"id": page, "time": now, "changes": [{"field": "comments", "value": {
            "id": external, "text": value["message"], "from": {"id": user, "username": name.lower().replace(" ", "_")},
            "media": {"id": media, "media_product_type": "FEED"}}}]}]}
    elif sim.random.random() < 0.25:
        external = f"m_{sim.uid()}"
        body = {"object": "page", "entry": [{"id": page, "time": now * 1000, "messaging": [{
            "sender": {"id": user}, "recipient": {"id": page}, "timestamp": now * 1000,
            "message": {"mid": external, "text": value["message"]}}]}]}
    else:
        body = {"object": "page", "entry": [{"id": page, "time": now, "changes": [{"field": "feed", "value": value}]}]}
        external = comment
    raw = json.dumps(body, separators=(",", ":")).encode()  # ASCII-escaped, as Meta sends
    return Delivery("/hooks/meta/", raw, signed_headers(raw, secret), [external])
