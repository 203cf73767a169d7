"""Turn TikTok Business webhook deliveries into mention changes.

One delivery is one event: ``{client_key, event, create_time, user_openid, content}`` where
``content`` is itself a JSON document serialised into a string (parsed twice). ``user_openid``
is the business account (the channel's external id).

Only the envelope, the DM fields (Chatwoot's production receiver) and the comment API's field
names are documented; the ``comment.update`` and ``brand.mention.event`` content fields are
not, so those are read tolerantly (several spellings) and anything missing degrades to an
ignored reason rather than a wrong mention.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from carewatch.inbox.normalised import AuthorRef, ChangeKind, MentionChange, ParseError, ParseResult
from carewatch.sources.models import InboundEvent
from carewatch.tenancy.models import Channel

AUTH_REMOVED = "TikTok authorization removed"

CREATED = {"created", "create", "add", "added", "insert", "new", "posted", "comment_created", "reply_created"}
DELETED = {"deleted", "delete", "removed", "remove", "comment_deleted", "reply_deleted"}
MADE_PUBLIC = {"set_to_public", "public", "unhide", "unhidden", "visible", "set_to_visible", "show"}
MADE_HIDDEN = {"set_to_private", "private", "hidden", "hide", "set_to_hidden", "invisible", "set_to_invisible"}

DM_IN = {"im_receive_msg", "im_receive_msg_eu"}
DM_OUT = {"im_send_msg", "im_send_msg_eu"}
DM_READ = {"im_mark_read_msg", "im_mark_read_msg_eu"}
MENTION_EVENTS = {"brand.mention.event", "brand_mention", "brand.mention"}


def _time(value: Any) -> datetime | None:
    """Epoch seconds or milliseconds (number or numeric string); ISO strings too."""
    if value in (None, "", 0, "0"):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        try:
            parsed = datetime.fromisoformat(str(value))
        except ValueError:
            return None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    if number > 1e11:  # milliseconds (DM timestamps are ms; comment times are s)
        number /= 1000
    try:
        return datetime.fromtimestamp(number, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _str(*values: Any) -> str:
    """The first value that is a non-empty string or number, as a string."""
    for value in values:
        if isinstance(value, bool) or value is None:
            continue
        if isinstance(value, (str, int)) and str(value).strip():
            return str(value).strip()
    return ""


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes")
    return bool(value)


def content_of(envelope: dict[str, Any]) -> dict[str, Any]:
    """The envelope's ``content``: a JSON string inside the JSON (an object is accepted too)."""
    content = envelope.get("content")
    if content in (None, ""):
        return {}
    if isinstance(content, str):
        try:
            content = json.loads(content)
        except ValueError as exc:
            raise ParseError("TikTok content is not JSON") from exc
    if not isinstance(content, dict):
        raise ParseError("TikTok content is not a JSON object")
    return content


def _user(content: dict[str, Any]) -> tuple[str, str, str]:
    """(id, handle, display name) of whoever wrote this, from nested or flat fields."""
    for key in ("user", "from_user", "author", "creator", "commenter"):
        nested = content.get(key)
        if isinstance(nested, dict):
            user_id = _str(nested.get("id"), nested.get("user_id"), nested.get("open_id"))
            handle = _str(nested.get("username"), nested.get("unique_id"), nested.get("handle"))
            name = _str(nested.get("display_name"), nested.get("nickname"), nested.get("name"))
            if user_id or handle:
                return user_id, handle, name
    user_id = _str(content.get("user_id"), content.get("open_id"), content.get("commenter_id"))
    handle = _str(content.get("username"), content.get("unique_id"), content.get("user_name"))
    name = _str(content.get("display_name"), content.get("nickname"))
    return user_id, handle, name


def _video_url(handle: str, video_id: str) -> str:
    if not handle or not video_id:
        return ""
    return f"https://www.tiktok.com/@{handle.lstrip('@')}/video/{video_id}"


class _Parser:
    def __init__(self, event: InboundEvent, envelope: dict[str, Any], channel: Channel) -> None:
        self.event = event
        self.envelope = envelope
        self.channel = channel
        self.business_id = channel.external_id
        self.changes: list[MentionChange] = []
        self.ignored: list[str] = []
        self.sent_at = _time(envelope.get("create_time"))
        self.problem = ""

    def ignore(self, reason: str) -> None:
        self.ignored.append(reason)

    def add(self, **fields: Any) -> None:
        self.changes.append(MentionChange(channel_id=self.channel.id, platform=self.channel.platform, **fields))

    def result(self) -> ParseResult:
        return ParseResult(
            changes=self.changes, ignored_reason="; ".join(self.ignored)[:300], channel_problem=self.problem,
            # Any other event proves the authorization works again (after reconnecting).
            problems_resolved=() if self.problem else (AUTH_REMOVED,), reported_at=self.sent_at,
        )


def _channel_for(event: InboundEvent, account: str) -> Channel | None:
    if event.channel is not None and event.channel.platform == "tiktok" and event.channel.external_id == account:
        return event.channel
    return Channel.objects.filter(platform="tiktok", external_id=account, is_active=True).order_by("id").first()


def parse_payload(event: InboundEvent) -> ParseResult:
    try:
        envelope = json.loads(bytes(event.raw_body))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ParseError("body is not JSON") from exc
    if not isinstance(envelope, dict) or not envelope.get("event"):
        raise ParseError("not a TikTok webhook: no event")
    name = str(envelope["event"])
    content = content_of(envelope)
    account = _str(envelope.get("user_openid"))
    channel = _channel_for(event, account) if account else None
    if channel is None:
        return ParseResult(ignored_reason=f"event for an account that is not ours ({account or 'none'})")
    p = _Parser(event, envelope, channel)
    if name == "authorization.removed":
        _authorization_removed(p, content)
    elif name.startswith("comment"):
        _comment(p, content)
    elif name in DM_IN or name in DM_OUT:
        _message(p, content, outbound=name in DM_OUT)
    elif name in DM_READ:
        p.ignore(f"{name}: a read receipt, nothing for the inbox")
    elif name in MENTION_EVENTS:
        _brand_mention(p, content)
    else:
        p.ignore(f"event {name!r} is not handled")
    return p.result()


# ------------------------------------------------------------------ account state
def _authorization_removed(p: _Parser, content: dict[str, Any]) -> None:
    reason = _str(content.get("reason"))
    message = f"{AUTH_REMOVED}{f' (reason {reason})' if reason else ''}: reconnect the account to receive events"
    p.ignore(message)
    p.problem = message  # nothing more will arrive for this account: the channel's health says why


# ------------------------------------------------------------------ comments
def _comment(p: _Parser, content: dict[str, Any]) -> None:
    comment_id = _str(content.get("comment_id"), content.get("id"))
    if not comment_id:
        p.ignore("comment event without a comment_id")
        return
    action = _str(content.get("comment_action"), content.get("action"), content.get("status")).lower()
    if action in DELETED:
        p.add(change=ChangeKind.DELETE, external_id=comment_id)
        return
    video_id = _str(content.get("video_id"), content.get("item_id"))
    parent = _str(content.get("parent_comment_id"), content.get("reply_to_comment_id"))
    if parent in ("0", comment_id):
        parent = ""
    text = _str(content.get("text"), content.get("comment_text"), content.get("content"))
    if action and action not in CREATED | MADE_PUBLIC | MADE_HIDDEN:
        p.ignore(f"comment action {action!r} not understood; kept as a comment")
    if text or action not in MADE_PUBLIC | MADE_HIDDEN:
        # A visibility change may be the first we hear of a comment: create it, then mark it.
        user_id, handle, name = _user(content)
        own = _truthy(content.get("owner")) or _truthy(content.get("is_owner")) or (
            bool(user_id) and user_id == p.business_id)
        if own:  # the brand's own comment (the API marks them owner: true)
            author = AuthorRef(p.business_id, handle or p.channel.handle, name)
        else:
            author = AuthorRef(user_id or (f"handle:{handle}" if handle else f"unknown:{comment_id}"), handle, name)
        created = _time(content.get("create_time")) or _time(content.get("timestamp")) or p.sent_at
        extra: dict[str, object] = {"video_id": video_id, "comment_action": action}
        if not text:
            extra["needs_fetch"] = True
        p.add(
            change=ChangeKind.UPSERT, external_id=comment_id, kind="reply" if parent else "comment",
            direction="out" if own else "in", text=text, author=author, created_at=created,
            parent_external_id=parent or video_id, thread_key=video_id or parent or comment_id,
            url=_video_url(p.channel.handle, video_id), extra=extra,
        )
    if action in MADE_HIDDEN:
        p.add(change=ChangeKind.HIDE, external_id=comment_id)
    elif action in MADE_PUBLIC:
        p.add(change=ChangeKind.UNHIDE, external_id=comment_id)


# ------------------------------------------------------------------ direct messages
def _message_text(content: dict[str, Any]) -> str:
    kind = _str(content.get("type"), content.get("message_type")).lower() or "text"
    body = content.get("text")
    text = _str(body.get("body"), body.get("text")) if isinstance(body, dict) else _str(body)
    if text:
        return text
    if kind == "share_post":
        share = content.get("share_post") if isinstance(content.get("share_post"), dict) else {}
        url = _str((share or {}).get("embed_url"))
        return f"[shared post{': ' + url if url else ''}]"
    return f"[{kind}]"


def _message(p: _Parser, content: dict[str, Any], outbound: bool) -> None:
    message_id = _str(content.get("message_id"), content.get("msg_id"))
    conversation = _str(content.get("conversation_id"))
    if not message_id or not conversation:
        p.ignore("direct message without a message_id or conversation_id")
        return
    sender: dict[str, Any] = content["from_user"] if isinstance(content.get("from_user"), dict) else {}
    sender_id = _str(sender.get("id"))
    outbound = outbound or (bool(sender_id) and sender_id == p.business_id)
    handle = _str(content.get("from"))
    if outbound:
        author = AuthorRef(p.business_id, handle or p.channel.handle, "")
    else:
        author = AuthorRef(sender_id or (f"handle:{handle}" if handle else f"unknown:{conversation}"), handle, "")
    referenced = content.get("referenced_message_info")
    parent = _str(referenced.get("referenced_message_id")) if isinstance(referenced, dict) else ""
    image = content.get("image") if isinstance(content.get("image"), dict) else {}
    p.add(
        change=ChangeKind.UPSERT, external_id=message_id, kind="dm", direction="out" if outbound else "in",
        text=_message_text(content), author=author,
        created_at=_time(content.get("timestamp")) or p.sent_at, parent_external_id=parent,
        thread_key=f"dm:{conversation}",
        extra={"conversation_id": conversation, "echo": outbound, "message_type": _str(content.get("type")),
               "media_id": _str((image or {}).get("media_id"))},
    )


# ------------------------------------------------------------------ brand mentions
def _brand_mention(p: _Parser, content: dict[str, Any]) -> None:
    video_id = _str(content.get("video_id"), content.get("item_id"), content.get("post_id"))
    comment_id = _str(content.get("comment_id"))
    key = comment_id or video_id or _str(content.get("mention_id"), content.get("id"))
    if not key:
        p.ignore("brand mention without a video or comment id")
        return
    user_id, handle, name = _user(content)
    text = _str(content.get("text"), content.get("caption"), content.get("video_description"),
                content.get("description"), content.get("comment_text"))
    extra: dict[str, object] = {"video_id": video_id, "comment_id": comment_id,
                                "mention_type": _str(content.get("mention_type"), content.get("type"))}
    if not text:
        extra["needs_fetch"] = True
    p.add(
        change=ChangeKind.UPSERT, external_id=f"mention:{key}", kind="mention", text=text,
        author=AuthorRef(user_id or (f"handle:{handle}" if handle else f"unknown:{key}"), handle, name),
        created_at=_time(content.get("create_time")) or _time(content.get("timestamp")) or p.sent_at,
        thread_key=video_id or key, url=_video_url(handle, video_id), extra=extra,
    )
