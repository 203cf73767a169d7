"""Turn stored Reddit listings (``/message/inbox``, ``/message/mentions``, ``/r/<sub>/comments``)
into mention changes.

* ``t1`` comments: ``type: username_mention`` → ``mention``; parent ``t3_`` (the post) →
  ``comment``; parent ``t1_`` → ``reply``; the post (``link_id``, or the ``/comments/<id>/`` of
  an inbox item's ``context``) is the conversation;
* ``t4`` private messages → ``dm`` in the conversation ``dm:<the other person>``;
* the channel's own account (``author`` == its handle) → ``out``;
* ``edited`` (an epoch, not ``false``): the text changed, and a stored mention keeps the old text;
* a body of ``[deleted]`` / ``[removed]``: marked deleted (never deleted here).

The fullname (``t1_…``, ``t4_…``) is the id: the same comment from two listings is one mention.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any

from carewatch.inbox.normalised import AuthorRef, ChangeKind, MentionChange, ParseError, ParseResult
from carewatch.sources.models import InboundEvent
from carewatch.sources.reddit.client import WEB, handle_of
from carewatch.tenancy.models import Channel

GONE = {"[deleted]", "[removed]"}
POST_IN_PATH = re.compile(r"/comments/([a-z0-9]+)/", re.IGNORECASE)


def _time(value: Any) -> datetime | None:
    try:
        return datetime.fromtimestamp(float(value), tz=UTC)
    except (TypeError, ValueError, OverflowError):
        return None


def _post_of(item: dict[str, Any]) -> str:
    if item.get("link_id"):
        return str(item["link_id"])
    match = POST_IN_PATH.search(str(item.get("context") or item.get("permalink") or ""))
    if match:
        return f"t3_{match.group(1)}"
    parent = str(item.get("parent_id") or "")
    return parent if parent.startswith("t3_") else ""


def _comment_url(item: dict[str, Any], post: str) -> str:
    path = str(item.get("permalink") or item.get("context") or "")
    if path:
        return WEB + path if path.startswith("/") else path
    subreddit = str(item.get("subreddit") or "")
    if subreddit and post.startswith("t3_") and item.get("id"):
        return f"{WEB}/r/{subreddit}/comments/{post[3:]}/_/{item['id']}/"
    return ""


def _edited(item: dict[str, Any]) -> datetime | None:
    value = item.get("edited")
    if value in (None, False, True, 0):
        return None
    return _time(value)


def _comment(channel: Channel, item: dict[str, Any]) -> MentionChange:
    name = str(item["name"])
    body = str(item.get("body") or "")
    if body.strip() in GONE:
        return MentionChange(change=ChangeKind.DELETE, channel_id=channel.id, platform=channel.platform,
                             external_id=name, extra={"reason": body.strip()})
    post = _post_of(item)
    parent = str(item.get("parent_id") or "")
    if item.get("type") == "username_mention":
        kind = "mention"
    elif parent.startswith("t1_"):
        kind = "reply"
    else:
        kind = "comment"
    author = str(item.get("author") or "[deleted]")
    edited = _edited(item)
    return MentionChange(
        change=ChangeKind.UPSERT, channel_id=channel.id, platform=channel.platform, external_id=name, kind=kind,
        direction="out" if author.lower() == handle_of(channel).lower() else "in", text=body,
        author=AuthorRef(author, author, author), created_at=_time(item.get("created_utc")),
        parent_external_id=parent, thread_key=post or parent or name, url=_comment_url(item, post),
        extra={"is_edit": edited is not None, "edited_at": edited.isoformat() if edited else "",
               "subreddit": item.get("subreddit") or "", "link_title": item.get("link_title") or "",
               "inbox_type": item.get("type") or "", "distinguished": item.get("distinguished") or ""},
    )


def _message(channel: Channel, item: dict[str, Any]) -> MentionChange:
    name = str(item["name"])
    body = str(item.get("body") or "")
    if body.strip() in GONE:
        return MentionChange(change=ChangeKind.DELETE, channel_id=channel.id, platform=channel.platform,
                             external_id=name, extra={"reason": body.strip()})
    subreddit = str(item.get("subreddit") or "")
    author = str(item.get("author") or (f"r/{subreddit}" if subreddit else "[unknown]"))
    ours = author.lower() == handle_of(channel).lower()
    other = str(item.get("dest") or "") if ours else author
    message_id = str(item.get("id") or name.removeprefix("t4_"))
    return MentionChange(
        change=ChangeKind.UPSERT, channel_id=channel.id, platform=channel.platform, external_id=name, kind="dm",
        direction="out" if ours else "in", text=body, author=AuthorRef(author, author, author),
        created_at=_time(item.get("created_utc")), parent_external_id=str(item.get("parent_id") or ""),
        thread_key=f"dm:{other}", url=f"{WEB}/message/messages/{message_id}",
        extra={"subject": item.get("subject") or "", "first_message": item.get("first_message_name") or "",
               "subreddit": subreddit},
    )


def parse_payload(event: InboundEvent) -> ParseResult:
    try:
        data = json.loads(bytes(event.raw_body))
    except ValueError as exc:
        raise ParseError("body is not JSON") from exc
    if not isinstance(data, dict) or data.get("kind") != "Listing" or not isinstance(data.get("data"), dict):
        raise ParseError("not a Reddit listing")
    channel = event.channel
    if channel is None:
        raise ParseError("a polled Reddit listing without its channel")
    result = ParseResult()
    ignored: dict[str, int] = {}
    for child in data["data"].get("children") or []:
        kind = child.get("kind") if isinstance(child, dict) else None
        item = child.get("data") if isinstance(child, dict) else None
        if not isinstance(item, dict) or not item.get("name"):
            ignored["without a name"] = ignored.get("without a name", 0) + 1
        elif kind == "t1":
            result.changes.append(_comment(channel, item))
        elif kind == "t4":
            result.changes.append(_message(channel, item))
        else:
            ignored[f"kind {kind}"] = ignored.get(f"kind {kind}", 0) + 1
    reasons = [f"{count} item(s) of {what} not handled" for what, count in sorted(ignored.items())]
    if not result.changes and not reasons:
        reasons.append("an empty listing")
    result.ignored_reason = "; ".join(reasons)[:300]
    return result
