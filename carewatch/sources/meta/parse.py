"""Turn Meta webhook payloads into mention changes.

One POST may carry many entries (pages or Instagram accounts), each with many ``changes[]``
or ``messaging[]`` items; every item becomes a change or is ignored with its reason.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from carewatch.inbox.normalised import AuthorRef, ChangeKind, MentionChange, ParseError, ParseResult
from carewatch.sources.models import InboundEvent
from carewatch.tenancy.models import Channel

FEED_VERBS = {
    "add": ChangeKind.UPSERT,
    "edited": ChangeKind.EDIT,
    "edit": ChangeKind.EDIT,
    "remove": ChangeKind.DELETE,
    "hide": ChangeKind.HIDE,
    "unhide": ChangeKind.UNHIDE,
}
POST_ITEMS = {"post", "status", "photo", "video", "share", "album", "event"}
REACTION_ITEMS = {"reaction", "like"}


def _time(value: Any, millis: bool = False) -> datetime | None:
    if value in (None, ""):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        try:
            return datetime.fromisoformat(str(value).replace("+0000", "+00:00"))
        except ValueError:
            return None
    return datetime.fromtimestamp(number / 1000 if millis else number, tz=UTC)


class _Parser:
    def __init__(self, event: InboundEvent) -> None:
        self.event = event
        self.changes: list[MentionChange] = []
        self.ignored: list[str] = []
        self.counters: dict[str, int] = {}
        self.channels: dict[str, Channel] = {}

    def channel_for(self, account_id: str, platforms: tuple[str, ...]) -> Channel | None:
        key = f"{platforms}:{account_id}"
        if key not in self.channels:
            channel = Channel.objects.filter(
                platform__in=platforms, external_id=account_id, is_active=True
            ).order_by("id").first()
            if channel is None and self.event.channel is not None and self.event.channel.platform in platforms:
                # Meta's dashboard test deliveries use the id "0": they belong to the routed channel.
                channel = self.event.channel if account_id in ("0", self.event.channel.external_id) else None
            if channel is None:
                return None
            self.channels[key] = channel
        return self.channels[key]

    def ignore(self, reason: str) -> None:
        self.ignored.append(reason)

    def count(self, name: str) -> None:
        self.counters[name] = self.counters.get(name, 0) + 1

    def result(self) -> ParseResult:
        reason = "; ".join(sorted(set(self.ignored)))[:300]
        return ParseResult(changes=self.changes, ignored_reason=reason, counters=self.counters)


def _entries(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):  # Meta's docs show some samples wrapped in a list
        for item in data:
            yield from _entries(item)
        return
    if not isinstance(data, dict) or not isinstance(data.get("entry"), list):
        raise ParseError("not a Meta webhook: no entry[]")
    for entry in data["entry"]:
        if isinstance(entry, dict):
            yield entry


def parse_payload(event: InboundEvent) -> ParseResult:
    try:
        data = json.loads(bytes(event.raw_body))
    except ValueError as exc:
        raise ParseError("body is not JSON") from exc
    parser = _Parser(event)
    obj = data.get("object") if isinstance(data, dict) else "page"
    instagram = obj == "instagram"
    for entry in _entries(data):
        account = str(entry.get("id", ""))
        platforms = ("instagram",) if instagram else ("facebook",)
        channel = parser.channel_for(account, platforms)
        if channel is None:
            parser.ignore(f"entry for an account that is not ours ({account})")
            continue
        changes = entry.get("changes")
        if changes is None and "field" in entry:  # Instagram Login's flat form
            changes = [{"field": entry.get("field"), "value": entry.get("value")}]
        for change in changes or []:
            _change(parser, channel, account, change, entry, instagram)
        for item in (entry.get("messaging") or []) + (entry.get("standby") or []):
            _message(parser, channel, account, item)
    return parser.result()


# ------------------------------------------------------------------ changes[]
def _change(p: _Parser, channel: Channel, account: str, change: Any, entry: dict[str, Any], instagram: bool) -> None:
    if not isinstance(change, dict) or not isinstance(change.get("value"), dict):
        p.ignore("change without a value")
        return
    field = change.get("field")
    value = change["value"]
    if instagram and field in ("comments", "live_comments"):
        _ig_comment(p, channel, account, value, entry, live=field == "live_comments")
    elif instagram and field == "mentions":
        _ig_mention(p, channel, value, entry)
    elif field == "feed":
        _feed(p, channel, account, value)
    elif field == "mention":
        _page_mention(p, channel, value)
    elif field == "ratings":
        _rating(p, channel, value)
    else:
        p.ignore(f"field {field!r} is not handled")


def _author(value: dict[str, Any]) -> AuthorRef | None:
    sender = value.get("from")
    if isinstance(sender, dict) and sender.get("id"):
        return AuthorRef(str(sender["id"]), str(sender.get("username") or sender.get("name") or ""),
                         str(sender.get("name") or ""))
    if value.get("sender_id"):  # older API versions
        name = str(value.get("sender_name") or "")
        return AuthorRef(str(value["sender_id"]), name, name)
    return None


def _feed(p: _Parser, channel: Channel, page_id: str, value: dict[str, Any]) -> None:
    item = str(value.get("item", ""))
    verb = str(value.get("verb", ""))
    if item in REACTION_ITEMS:
        p.count("reactions")
        p.ignore(f"{item} {verb}: counted, not for the inbox")
        return
    kind = FEED_VERBS.get(verb)
    if kind is None:
        p.ignore(f"feed {item} verb {verb!r} is not handled")
        return
    post_id = str(value.get("post_id") or "")
    if item == "comment":
        external_id = str(value.get("comment_id") or "")
        parent = str(value.get("parent_id") or post_id)
        mention_kind = "comment" if parent == post_id else "reply"
    elif item in POST_ITEMS:
        external_id = post_id
        parent = ""
        mention_kind = "post"
    else:
        p.ignore(f"feed item {item!r} is not handled")
        return
    if not external_id:
        p.ignore(f"feed {item} without an id")
        return
    author = _author(value)
    if kind == ChangeKind.UPSERT and author is None:
        author = AuthorRef(f"unknown:{external_id}", "", "")
    from_page = author is not None and author.external_id == page_id
    p.changes.append(MentionChange(
        change=kind, channel_id=channel.id, platform=channel.platform, external_id=external_id,
        kind=mention_kind, direction="out" if from_page else "in", text=str(value.get("message") or ""),
        author=author, created_at=_time(value.get("created_time")), parent_external_id=parent,
        thread_key=post_id or external_id, url=_fb_url(post_id, external_id if item == "comment" else ""),
        extra={"is_edit": kind == ChangeKind.EDIT},
    ))


def _fb_url(post_id: str, comment_id: str) -> str:
    if not post_id:
        return ""
    url = f"https://www.facebook.com/{post_id}"
    if comment_id and "_" in comment_id:
        url += f"?comment_id={comment_id.split('_', 1)[1]}"
    return url


def _page_mention(p: _Parser, channel: Channel, value: dict[str, Any]) -> None:
    verb = str(value.get("verb", "add"))
    kind = FEED_VERBS.get(verb)
    if kind is None:
        p.ignore(f"mention verb {verb!r} is not handled")
        return
    post_id = str(value.get("post_id") or "")
    external_id = str(value.get("comment_id") or post_id)
    if not external_id:
        p.ignore("mention without an id")
        return
    author = _author(value) or AuthorRef(f"unknown:{external_id}", "", "")
    p.changes.append(MentionChange(
        change=kind, channel_id=channel.id, platform=channel.platform, external_id=external_id, kind="mention",
        text=str(value.get("message") or ""), author=author, created_at=_time(value.get("created_time")),
        thread_key=post_id or external_id, parent_external_id=post_id if external_id != post_id else "",
        url=_fb_url(post_id, external_id if external_id != post_id else ""),
    ))


def _rating(p: _Parser, channel: Channel, value: dict[str, Any]) -> None:
    verb = str(value.get("verb", "add"))
    kind = FEED_VERBS.get(verb)
    story = str(value.get("open_graph_story_id") or value.get("review_id") or "")
    if kind is None or not story:
        p.ignore(f"rating {verb!r} without a story id is not handled")
        return
    reviewer = str(value.get("reviewer_id") or f"unknown:{story}")
    name = str(value.get("reviewer_name") or "")
    stars = value.get("rating")
    text = str(value.get("review_text") or "")
    if not text and stars is not None:
        text = f"[{stars}-star rating without text]"
    p.changes.append(MentionChange(
        change=kind, channel_id=channel.id, platform=channel.platform, external_id=f"review:{story}", kind="review",
        text=text, author=AuthorRef(reviewer, name, name), created_at=_time(value.get("created_time")),
        thread_key=f"review:{story}", extra={"rating": stars, "recommendation": value.get("recommendation_type")},
    ))


def _ig_comment(p: _Parser, channel: Channel, account: str, value: dict[str, Any], entry: dict[str, Any],
                live: bool) -> None:
    external_id = str(value.get("id") or "")
    if not external_id:
        p.ignore("instagram comment without an id")
        return
    media: dict[str, Any] = value["media"] if isinstance(value.get("media"), dict) else {}
    media_id = str(media.get("id") or "")
    parent = str(value.get("parent_id") or "")
    author = _author(value) or AuthorRef(f"unknown:{external_id}", "", "")
    p.changes.append(MentionChange(
        change=ChangeKind.UPSERT, channel_id=channel.id, platform=channel.platform, external_id=external_id,
        kind="reply" if parent else "comment", direction="out" if author.external_id == account else "in",
        text=str(value.get("text") or ""), author=author, created_at=_time(entry.get("time")),
        parent_external_id=parent or media_id, thread_key=media_id or parent or external_id,
        extra={"live": live, "media_product_type": media.get("media_product_type", "")},
    ))


def _ig_mention(p: _Parser, channel: Channel, value: dict[str, Any], entry: dict[str, Any]) -> None:
    comment_id = str(value.get("comment_id") or "")
    media_id = str(value.get("media_id") or "")
    external_id = comment_id or media_id
    if not external_id:
        p.ignore("instagram mention without ids")
        return
    # Mentions are thin: the text is fetched from the Graph API by the connector's client.
    p.changes.append(MentionChange(
        change=ChangeKind.UPSERT, channel_id=channel.id, platform=channel.platform,
        external_id=f"mention:{external_id}", kind="mention", text="",
        author=AuthorRef(f"unknown:{external_id}", "", ""), created_at=_time(entry.get("time")),
        thread_key=media_id or external_id, extra={"needs_fetch": True, "comment_id": comment_id, "media_id": media_id},
    ))


# ------------------------------------------------------------------ messaging[]
def _message(p: _Parser, channel: Channel, account: str, item: Any) -> None:
    if not isinstance(item, dict):
        p.ignore("messaging item is not an object")
        return
    message = item.get("message")
    if not isinstance(message, dict):
        kinds = sorted(k for k in item if k not in ("sender", "recipient", "timestamp"))
        p.ignore(f"messaging {'/'.join(kinds) or 'item'} is not for the inbox")
        return
    mid = str(message.get("mid") or "")
    if not mid:
        p.ignore("message without a mid")
        return
    sender = str((item.get("sender") or {}).get("id") or "")
    recipient = str((item.get("recipient") or {}).get("id") or "")
    echo = bool(message.get("is_echo")) or sender == account
    customer = recipient if echo else sender
    if message.get("is_deleted"):
        p.changes.append(MentionChange(change=ChangeKind.DELETE, channel_id=channel.id, external_id=mid))
        return
    text = str(message.get("text") or "")
    attachments = message.get("attachments") or []
    if attachments:
        types = ", ".join(str(a.get("type", "file")) for a in attachments if isinstance(a, dict))
        text = (text + " " if text else "") + f"[attachment: {types}]"
    reply_to: dict[str, Any] = message["reply_to"] if isinstance(message.get("reply_to"), dict) else {}
    p.changes.append(MentionChange(
        change=ChangeKind.UPSERT, channel_id=channel.id, platform=channel.platform, external_id=mid, kind="dm",
        direction="out" if echo else "in", text=text,
        author=AuthorRef(sender or f"unknown:{mid}", "", ""), created_at=_time(item.get("timestamp"), millis=True),
        parent_external_id=str(reply_to.get("mid") or ""), thread_key=f"dm:{customer}",
        extra={"metadata": message.get("metadata", ""), "echo": echo},
    ))
