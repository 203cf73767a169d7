"""Reddit's side, played locally: the OAuth API's answers (Reddit is polled: no webhooks).

A comment gets a new ``t1_`` thing in Reddit's ``json.data.things`` envelope, removal answers
``{}``; listings come back empty; the token endpoint gives a fresh token.
"""

from __future__ import annotations

import httpx

from carewatch.sources.sandboxing import json_response, new_id, token_response
from carewatch.tenancy.models import Channel


def answer(request: httpx.Request, channel: Channel) -> httpx.Response:
    if request.method == "POST":
        if request.url.path.endswith("/api/remove"):
            return json_response({})
        thing = {"kind": "t1", "data": {"name": f"t1_{new_id()}"}}
        return json_response({"json": {"errors": [], "data": {"things": [thing]}}})
    return json_response({"kind": "Listing", "data": {"after": None, "before": None, "dist": 0, "children": []}})


HOSTS = {"oauth.reddit.com": answer, "www.reddit.com": token_response}
