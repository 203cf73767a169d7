"""YouTube's side, played locally: the Data API's answers (YouTube is polled: no webhooks).

A reply gets a new comment resource, moderation answers 204; comment-thread lists come back
empty; Google's token endpoint gives a fresh token.
"""

from __future__ import annotations

import httpx

from carewatch.sources.sandboxing import json_response, new_id, token_response
from carewatch.tenancy.models import Channel


def answer(request: httpx.Request, channel: Channel) -> httpx.Response:
    if request.method == "POST":
        if "setModerationStatus" in request.url.path:
            return httpx.Response(204)
        return json_response({"kind": "youtube#comment", "id": f"Ug{new_id()}", "snippet": {}})
    return json_response({"kind": "youtube#commentThreadListResponse", "items": [],
                          "pageInfo": {"totalResults": 0, "resultsPerPage": 100}})


HOSTS = {"www.googleapis.com": answer, "youtube.googleapis.com": answer, "oauth2.googleapis.com": token_response}
