"""TikTok's side, played locally: the Business API's answers, and comment webhooks.

``answer``: a reply gets a new comment id, a DM a message id (TikTok's ``code: 0`` envelope);
lists come back empty. ``delivery``: a ``comment.update`` event, signed with the current time as
TikTok signs (``verify.py``).
"""

from __future__ import annotations

import json
import time

import httpx

from carewatch.sources.sandboxing import Delivery, Simulation, json_response, new_id
from carewatch.sources.tiktok.verify import signed_headers
from carewatch.tenancy.models import Channel


def answer(request: httpx.Request, channel: Channel) -> httpx.Response:
    if request.method == "POST":
        if "message" in request.url.path:
            return json_response({"code": 0, "message": "OK", "request_id": new_id(),
                                  "data": {"message": {"message_id": new_id()}}})
        return json_response({"code": 0, "message": "OK", "request_id": new_id(), "data": {"comment_id": new_id()}})
    return json_response({"code": 0, "message": "OK", "request_id": new_id(),
                          "data": {"comments": [], "page_info": {"page": 1, "total_number": 0, "total_page": 0}}})


HOSTS = {"business-api.tiktok.com": answer}


def delivery(sim: Simulation, channel: Channel, secret: str) -> Delivery:
    user, name = sim.person()
    comment = sim.uid()
    content = {"comment_id": comment, "video_id": f"7109{sim.random.randrange(100, 140)}", "text": sim.text()[:150],
               "comment_action": "created", "create_time": int(time.time()), "user_id": user,
               "username": name.lower().replace(" ", "")}
    body = {"client_key": "sim", "event": "comment.update", "create_time": int(time.time()),
            "user_openid": channel.external_id, "content": json.dumps(content)}
    raw = json.dumps(body, separators=(",", ":")).encode()
    return Delivery("/hooks/tiktok/", raw, signed_headers(raw, secret), [comment])
