"""LinkedIn's side, played locally: the REST API's answers, and organisation notifications.

``answer``: a created comment or message gets a new id (body and ``x-restli-id``); lists come
back empty. ``delivery``: an ``ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS`` comment, signed as
LinkedIn signs (``verify.py``).
"""

from __future__ import annotations

import json
import time

import httpx

from carewatch.sources.linkedin.verify import signed_headers
from carewatch.sources.sandboxing import Delivery, Simulation, json_response, new_id
from carewatch.tenancy.models import Channel


def answer(request: httpx.Request, channel: Channel) -> httpx.Response:
    if request.method == "POST":
        numeric = new_id()
        return json_response({"id": numeric}, 201, **{"x-restli-id": numeric})
    return json_response({"elements": [], "paging": {"start": 0, "count": 100, "links": []}})


HOSTS = {"api.linkedin.com": answer}


def delivery(sim: Simulation, channel: Channel, secret: str) -> Delivery:
    org = channel.external_id
    if not org.startswith("urn:"):
        org = f"urn:li:organization:{org}"
    activity = f"70967600978{sim.random.randrange(10000, 10040)}"
    comment = f"urn:li:comment:(urn:li:activity:{activity},{sim.uid()})"
    body = {"type": "ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS", "notifications": [{
        "notificationId": int(sim.uid()), "organizationalEntity": org, "action": "COMMENT",
        "sourcePost": f"urn:li:share:{activity}", "generatedActivity": comment,
        "decoratedGeneratedActivity": {"comment": {"text": sim.text(), "entity": comment}},
        "lastModifiedAt": int(time.time() * 1000), "subscriber": "urn:li:person:sim"}]}
    raw = json.dumps(body, separators=(",", ":")).encode()
    return Delivery("/hooks/linkedin/", raw, signed_headers(raw, secret), [comment])
