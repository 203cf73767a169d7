"""Turn stored YouTube Data API responses into mention changes.

Two kinds of stored page: ``commentThreads.list`` (``youtube#commentThreadListResponse``: each
thread holds its top-level comment and some of its replies) and ``comments.list?parentId=``
(``youtube#commentListResponse``: the replies of one thread, fetched when the thread did not
carry them all).

* thread id == top-level comment id → ``comment``; a reply (id ``<thread>.<reply>``) → ``reply``
  with the thread id as parent;
* the channel's own comments (``authorChannelId`` == the channel's id) are ``out``;
* ``updatedAt`` later than ``publishedAt``: the text was edited, and a stored mention keeps the
  previous text in its history (an UPSERT marked as an edit: a comment first seen edited is
  still created);
* the video is the conversation (``thread_key``); comments on the channel itself (no video) are
  grouped by their thread.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from urllib.parse import quote

from carewatch.inbox.normalised import AuthorRef, ChangeKind, MentionChange, ParseError, ParseResult
from carewatch.sources.lookup import StoredMessages
from carewatch.sources.models import InboundEvent
from carewatch.tenancy.models import Channel

THREAD_LIST = "youtube#commentThreadListResponse"
COMMENT_LIST = "youtube#commentListResponse"


def stamp(value: Any) -> datetime | None:
    """An RFC 3339 time as YouTube writes it (``2019-06-23T02:49:00.000Z``)."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


def comment_url(video_id: str, comment_id: str, channel_id: str = "") -> str:
    if video_id:
        return f"https://www.youtube.com/watch?v={quote(video_id)}&lc={quote(comment_id)}"
    if channel_id:
        return f"https://www.youtube.com/channel/{quote(channel_id)}?lc={quote(comment_id)}"
    return ""


def _text(snippet: dict[str, Any]) -> str:
    # textOriginal only reaches its author (and sometimes the owner); textDisplay is what
    # everyone sees, and plain text because we ask for textFormat=plainText.
    return str(snippet.get("textOriginal") or snippet.get("textDisplay") or "")


def comment_change(channel: Channel, comment: dict[str, Any], *, thread_id: str, video_id: str,
                   owner_id: str = "") -> MentionChange | None:
    comment_id = str(comment.get("id") or "")
    snippet = comment.get("snippet")
    if not comment_id or not isinstance(snippet, dict):
        return None
    author_id = str((snippet.get("authorChannelId") or {}).get("value") or "")
    name = str(snippet.get("authorDisplayName") or "")
    author = AuthorRef(author_id or f"name:{name or comment_id}", name, name)
    published = stamp(snippet.get("publishedAt"))
    updated = stamp(snippet.get("updatedAt"))
    edited = published is not None and updated is not None and updated > published
    top_level = comment_id == thread_id
    return MentionChange(
        change=ChangeKind.UPSERT, channel_id=channel.id, platform=channel.platform, external_id=comment_id,
        kind="comment" if top_level else "reply",
        direction="out" if author_id and author_id == channel.external_id else "in",
        text=_text(snippet), author=author, created_at=published,
        parent_external_id="" if top_level else str(snippet.get("parentId") or thread_id),
        thread_key=video_id or thread_id, url=comment_url(video_id, comment_id, owner_id or channel.external_id),
        extra={
            "is_edit": edited, "edited_at": updated.isoformat() if edited and updated else "",
            "video_id": video_id, "like_count": snippet.get("likeCount") or 0,
            "moderation_status": snippet.get("moderationStatus", ""),
            "author_channel_url": snippet.get("authorChannelUrl", ""),
        },
    )


def _threads(channel: Channel, data: dict[str, Any]) -> ParseResult:
    result = ParseResult()
    ignored = 0
    for thread in data.get("items") or []:
        snippet = thread.get("snippet") if isinstance(thread, dict) else None
        if not isinstance(snippet, dict) or not isinstance(snippet.get("topLevelComment"), dict):
            ignored += 1
            continue
        thread_id = str(thread.get("id") or snippet["topLevelComment"].get("id") or "")
        top_snippet = snippet["topLevelComment"].get("snippet") or {}
        video_id = str(snippet.get("videoId") or top_snippet.get("videoId") or "")
        owner = str(snippet.get("channelId") or "")
        replies = (thread.get("replies") or {}).get("comments") or []
        for comment in [snippet["topLevelComment"], *replies]:
            change = comment_change(channel, comment, thread_id=thread_id, video_id=video_id, owner_id=owner)
            if change is None:
                ignored += 1
            else:
                result.changes.append(change)
    if ignored:
        result.ignored_reason = f"{ignored} comment(s) without an id or snippet"
    elif not result.changes:
        result.ignored_reason = "no comment threads on this page"
    return result


def _replies(channel: Channel, data: dict[str, Any], stored: StoredMessages) -> ParseResult:
    result = ParseResult()
    parents: dict[str, tuple[str, str]] = {}
    for comment in data.get("items") or []:
        snippet = comment.get("snippet") if isinstance(comment, dict) else None
        if not isinstance(snippet, dict):
            continue
        thread_id = str(snippet.get("parentId") or "") or str(comment.get("id") or "").split(".", 1)[0]
        if thread_id not in parents:
            # A comment resource does not name its video: the thread, stored before, does.
            parent = stored(channel.pk, thread_id)
            video = str(parent.platform_meta.get("video_id") or "") if parent else ""
            parents[thread_id] = (video, parent.thread_key if parent else thread_id)
        video_id, thread_key = parents[thread_id]
        change = comment_change(channel, comment, thread_id=thread_id, video_id=video_id)
        if change is not None:
            change.thread_key = thread_key
            result.changes.append(change)
    if not result.changes:
        result.ignored_reason = "no replies on this page"
    return result


def parse_payload(event: InboundEvent, stored: StoredMessages) -> ParseResult:
    """The mention changes of one polled page; ``stored`` finds the threads replies belong to."""
    try:
        data = json.loads(bytes(event.raw_body))
    except ValueError as exc:
        raise ParseError("body is not JSON") from exc
    channel = event.channel
    if channel is None:
        raise ParseError("a polled YouTube page without its channel")
    kind = data.get("kind") if isinstance(data, dict) else None
    if kind == THREAD_LIST:
        return _threads(channel, data)
    if kind == COMMENT_LIST:
        return _replies(channel, data, stored)
    raise ParseError(f"not a YouTube comment list (kind {kind!r})")
