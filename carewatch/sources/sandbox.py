"""The built-in platform sandbox: each platform's API as the desk calls it, answered locally.

Used only for channels marked ``sandbox: true`` (the demo's; see ``carewatch/sources/http.py``).
Each platform package's ``sandbox.py`` answers its own hosts in the platform's request and
response shapes: a reply, a private reply or a DM gets the answer the platform gives for a new
object (its id in the platform's shape), and the reply is then echoed back as the platform would
deliver it (an outbound message in the thread, as a webhook or the next poll brings it); hides
answer as done; token refreshes give a token; the listings that pull channels poll come back
well-formed and empty; feeds are a valid, empty RSS document. Anything else is a 404 in the
platform's style.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import httpx

from carewatch.sources.feeds import sandbox as feeds
from carewatch.sources.linkedin import sandbox as linkedin
from carewatch.sources.meta import sandbox as meta
from carewatch.sources.reddit import sandbox as reddit
from carewatch.sources.sandboxing import json_response
from carewatch.sources.tiktok import sandbox as tiktok
from carewatch.sources.x import sandbox as x
from carewatch.sources.youtube import sandbox as youtube
from carewatch.tenancy.models import Channel

HOSTS: dict[str, Callable[[httpx.Request, Channel], httpx.Response]] = {
    **meta.HOSTS, **x.HOSTS, **tiktok.HOSTS, **youtube.HOSTS, **linkedin.HOSTS, **reddit.HOSTS,
}


def answer(request: httpx.Request, channel: Channel) -> httpx.Response:
    handler = HOSTS.get(request.url.host)
    if handler is not None:
        return handler(request, channel)
    if feeds.serves(request):
        return feeds.answer(request)
    return json_response({"error": {"message": f"the sandbox has no {request.url.host}"}}, 404)


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
    if parent is not None:
        thread = parent.thread_key
    elif action.verb == "dm" and action.target_external_id:
        thread = f"dm:{action.target_external_id}"  # a conversation's thread, as every parser keys DMs
    else:
        thread = action.target_external_id or external_id
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
