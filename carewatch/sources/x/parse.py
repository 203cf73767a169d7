"""Turn X webhook deliveries into mention changes.

Two shapes arrive at /hooks/x/ (both signed the same way):

* Account Activity API (AAA, v1.1 objects; deprecated by X but still delivered):
  ``{"for_user_id": ..., "tweet_create_events" | "direct_message_events" | ...: [...]}``.
* X Activity API (XAA, v2 objects): ``{"data": {"event_uuid", "filter": {"user_id"},
  "event_type", "payload", "includes"}}``, e.g. ``post.mention.create`` or ``dm.received``.

``for_user_id`` / ``filter.user_id`` is the brand's own account: what it wrote is outbound (the
echo of our sends, used to reconcile the outbox); everything else is a customer speaking. Every
item becomes a change or is ignored with its reason; likes of the brand's posts are counted.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from carewatch.inbox.normalised import AuthorRef, ChangeKind, MentionChange, ParseError, ParseResult
from carewatch.sources.lookup import StoredMessages
from carewatch.sources.models import InboundEvent
from carewatch.tenancy.models import Channel

log = logging.getLogger(__name__)

PLATFORM = "x"
#: AAA keys that are part of the envelope, not events
AAA_ENVELOPE = {"for_user_id", "user_has_blocked", "is_blocked_by", "users", "apps"}
#: AAA event arrays that hold nothing for the inbox, with the reason recorded on the event
AAA_IGNORED = {
    "follow_events": "follows are not for the inbox",
    "unfollow_events": "unfollows are not for the inbox",
    "block_events": "blocks are not for the inbox",
    "unblock_events": "unblocks are not for the inbox",
    "mute_events": "mutes are not for the inbox",
    "unmute_events": "unmutes are not for the inbox",
    "direct_message_indicate_typing_events": "typing indicators are not for the inbox",
    "direct_message_mark_read_events": "read receipts are not for the inbox",
    "spaces_events": "Spaces events are not for the inbox",
}
XAA_POSTS = {"post.mention.create", "post.reply.create", "post.quote.create", "post.create"}
XAA_IGNORED = {
    "post.repost.create": "reposts are not for the inbox",
    "dm.read": "read receipts are not for the inbox",
    "dm.indicate_typing": "typing indicators are not for the inbox",
    "chat.received": "an encrypted XChat message: its text cannot be read through the API, answer it on X",
    "chat.sent": "an encrypted XChat message sent from X",
    "chat.conversation_join": "encrypted XChat conversation events are not for the inbox",
}
XAA_IGNORED_FAMILIES = {
    "follow": "follows are not for the inbox",
    "mute": "mutes are not for the inbox",
    "block": "blocks are not for the inbox",
    "profile": "profile updates are not for the inbox",
    "spaces": "Spaces events are not for the inbox",
    "news": "news events are not for the inbox",
    "chat": "encrypted XChat events are not for the inbox",
}
MONTHS = {m: i for i, m in enumerate(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                                      "Dec"), start=1)}
_LEADING_MENTIONS = re.compile(r"(?:\s*@\w{1,50})*\s*")
_MENTION_RUN = re.compile(r"(?:@\w{1,50}\s+)+")
_LANG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z]{2,4})?")


# ------------------------------------------------------------------ small readers
def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _id(obj: dict[str, Any], key: str) -> str:
    """A v1.1 id: prefer the ``*_str`` twin (ids exceed 2^53); "" when absent or null."""
    value = obj.get(f"{key}_str")
    if value in (None, ""):
        value = obj.get(key)
    return "" if value in (None, "") else str(value)


def _truthy(value: Any) -> bool:
    return value is True or str(value).lower() == "true"


def _user(value: Any) -> dict[str, Any]:
    """XAA wraps some user objects as ``{"data": {...}}``; AAA does not."""
    obj = _dict(value)
    inner = obj.get("data")
    return inner if isinstance(inner, dict) else obj


def unescape(text: str) -> str:
    """X HTML-escapes ``&``, ``<`` and ``>`` in post and DM text (and only those)."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def visible_text(text: str, display_range: Any) -> str:
    """The text X displays: without the leading @handles of a reply (``display_text_range``).

    Only the start of the range is used, and only when what it cuts is a run of @handles, so
    index conventions (code points vs UTF-16) cannot cut into the message itself.
    """
    rng = _list(display_range)
    start = rng[0] if rng and isinstance(rng[0], int) else 0
    if 0 < start <= len(text):
        if _LEADING_MENTIONS.fullmatch(text[:start]):
            text = text[start:]
        else:  # an index off by one (docs' samples): the run of leading @handles ends next to it
            run = _MENTION_RUN.match(text)
            if run and abs(run.end() - start) <= 1:
                text = text[run.end():]
    return unescape(text).strip()


def parse_created_at(value: Any) -> datetime | None:
    """v1.1 ``"Wed Oct 10 20:19:24 +0000 2018"`` or v2 ISO ``"2026-07-24T21:23:23.000Z"``."""
    if not value:
        return None
    text = str(value)
    parts = text.split()
    if len(parts) == 6 and parts[1] in MONTHS:
        try:
            hour, minute, second = (int(x) for x in parts[3].split(":"))
            stamp = datetime(int(parts[5]), MONTHS[parts[1]], int(parts[2]), hour, minute, second, tzinfo=UTC)
            offset = parts[4]
            if offset not in ("+0000", "-0000"):
                sign = 1 if offset[0] == "+" else -1
                stamp -= sign * timedelta(hours=int(offset[1:3]), minutes=int(offset[3:5]))
            return stamp
        except (ValueError, IndexError):
            return None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _millis(value: Any) -> datetime | None:
    try:
        return datetime.fromtimestamp(int(str(value)) / 1000, tz=UTC)
    except (TypeError, ValueError, OverflowError):
        return None


def _language(value: Any) -> str:
    """X's ``lang``, unless it means "undetermined" (``und``, ``qme``, ``zxx`` ...)."""
    lang = str(value or "")
    if not _LANG.fullmatch(lang) or lang in ("und", "zxx", "art") or lang.startswith("q"):
        return ""
    return lang


def post_url(handle: str, post_id: str) -> str:
    if handle:
        return f"https://x.com/{handle}/status/{post_id}"
    return f"https://x.com/i/web/status/{post_id}"


# ------------------------------------------------------------------ routing
def _xaa_items(payload: dict[str, Any]) -> list[dict[str, Any]]:
    data = payload.get("data")
    items = data if isinstance(data, list) else [data]
    return [d for d in items if isinstance(d, dict) and "event_type" in d]


def _xaa_account(item: dict[str, Any]) -> str:
    """The subscribed user an XAA event is for: the filter's user id (``oauth.revoke`` has an
    empty filter and names the user in its payload)."""
    for value in (_dict(item.get("filter")).get("user_id"), item.get("for_user_id"),
                  _dict(item.get("payload")).get("user_id")):
        if value not in (None, ""):
            return str(value)
    return ""


def account_ids(payload: Any) -> list[str]:
    """The X user ids (the brand's own accounts) a delivery belongs to."""
    if not isinstance(payload, dict):
        return []
    found: list[str] = []
    if payload.get("for_user_id") not in (None, ""):
        found.append(str(payload["for_user_id"]))
    revoked = _dict(_dict(_dict(payload.get("user_event")).get("revoke")).get("source")).get("user_id")
    if revoked not in (None, ""):
        found.append(str(revoked))
    found.extend(a for a in (_xaa_account(item) for item in _xaa_items(payload)) if a)
    return list(dict.fromkeys(found))


def xaa_dedup_key(payload: Any) -> str | None:
    """An XAA delivery's natural key: event type and uuid for the filtered user (§9)."""
    if not isinstance(payload, dict):
        return None
    items = _xaa_items(payload)
    if len(items) != 1 or not items[0].get("event_uuid"):
        return None
    item = items[0]
    return f"xaa:{_xaa_account(item)}:{item.get('event_type')}:{item.get('event_uuid')}"[:255]


# ------------------------------------------------------------------ the parser
@dataclass(frozen=True)
class Brand:
    channel: Channel
    user_id: str

    @property
    def handle(self) -> str:
        return self.channel.handle.lstrip("@").lower()

    def is_brand(self, user_id: str, handle: str = "") -> bool:
        return bool(user_id and user_id == self.user_id) or bool(handle and handle.lower() == self.handle)


class _Parser:
    def __init__(self, event: InboundEvent, stored: StoredMessages) -> None:
        self.event = event
        self.stored = stored
        self.changes: list[MentionChange] = []
        self.ignored: list[str] = []
        self.counters: dict[str, int] = {}
        self.channels: dict[str, Channel | None] = {}
        self.threads: dict[tuple[int, str], str] = {}

    def brand_for(self, account_id: str) -> Brand | None:
        if not account_id:
            return None
        if account_id not in self.channels:
            routed = self.event.channel
            if routed is not None and routed.platform == PLATFORM and routed.external_id == account_id:
                self.channels[account_id] = routed
            else:
                self.channels[account_id] = Channel.objects.filter(
                    platform=PLATFORM, external_id=account_id, is_active=True
                ).order_by("id").first()
        channel = self.channels[account_id]
        return Brand(channel, account_id) if channel is not None else None

    def thread_for(self, brand: Brand, post_id: str, reply_to: str, conversation: str = "") -> str:
        """The conversation root: v2's ``conversation_id``; for v1.1 the thread of the post
        answered (from this delivery or the inbox), else the id answered, else the post itself."""
        if conversation:
            key = conversation
        elif not reply_to:
            key = post_id
        else:
            answered = self.threads.get((brand.channel.id, reply_to))
            if not answered:
                known = self.stored(brand.channel.id, reply_to)
                answered = known.thread_key if known is not None else ""
            key = answered or reply_to
        self.threads[(brand.channel.id, post_id)] = key
        return key

    def ignore(self, reason: str) -> None:
        self.ignored.append(reason)

    def count(self, name: str) -> None:
        self.counters[name] = self.counters.get(name, 0) + 1

    def result(self) -> ParseResult:
        reason = "; ".join(sorted(set(self.ignored)))[:300]
        return ParseResult(changes=self.changes, ignored_reason=reason, counters=self.counters)


def parse_payload(event: InboundEvent, stored: StoredMessages) -> ParseResult:
    """The mention changes of one X delivery; ``stored`` finds the posts it answers."""
    try:
        data = json.loads(bytes(event.raw_body))
    except ValueError as exc:
        raise ParseError("body is not JSON") from exc
    if not isinstance(data, dict):
        raise ParseError("not an X webhook: the body is not an object")
    parser = _Parser(event, stored)
    items = _xaa_items(data)
    if items:
        for item in items:
            _xaa(parser, item)
    elif "for_user_id" in data or "user_event" in data:
        _aaa(parser, data)
    elif "replay_job_status" in data:
        parser.ignore("replay job status: nothing for the inbox")
    else:
        raise ParseError("not an X webhook: neither Account Activity nor X Activity API events")
    return parser.result()


# ------------------------------------------------------------------ Account Activity API (v1.1)
def _aaa(p: _Parser, data: dict[str, Any]) -> None:
    if "user_event" in data:
        user = _dict(_dict(_dict(data["user_event"]).get("revoke")).get("source")).get("user_id", "")
        log.warning("X account %s revoked this app's access: its channel must be reconnected", user)
        p.ignore("the account revoked the app's access on X: reconnect the channel")
        return
    account = str(data.get("for_user_id") or "")
    brand = p.brand_for(account)
    if brand is None:
        p.ignore(f"delivery for an account that is not ours ({account})")
        return
    users = _dict(data.get("users"))
    blocked = _truthy(data.get("user_has_blocked"))
    for key, value in data.items():
        if key in AAA_ENVELOPE:
            continue
        if key == "tweet_create_events":
            for tweet in _list(value):
                _tweet_v1(p, brand, tweet, blocked)
        elif key == "direct_message_events":
            for item in _list(value):
                _dm(p, brand, item, users)
        elif key == "tweet_delete_events":
            for item in _list(value):
                status = _dict(_dict(item).get("status"))
                post_id = _id(status, "id")
                if post_id:
                    p.changes.append(MentionChange(change=ChangeKind.DELETE, channel_id=brand.channel.id,
                                                   platform=PLATFORM, external_id=post_id))
                else:
                    p.ignore("tweet delete without a post id")
        elif key == "favorite_events":
            for item in _list(value):
                liked = _dict(_dict(item).get("favorited_status"))
                liker = _id(_dict(_dict(item).get("user")), "id")
                if _id(_dict(liked.get("user")), "id") == brand.user_id and liker != brand.user_id:
                    p.count("reactions")
                    p.ignore("likes of the brand's posts: counted, not for the inbox")
                else:
                    p.ignore("a like by the brand is not for the inbox")
        elif key in AAA_IGNORED:
            p.ignore(AAA_IGNORED[key])
        else:
            p.ignore(f"{key} is not handled")


def _edit_origin(tweet: dict[str, Any], post_id: str) -> str:
    """The id of the first version of an edited post ("" when it was never edited)."""
    v2 = [str(i) for i in _list(tweet.get("edit_history_tweet_ids"))]
    first = v2[0] if v2 else str(_dict(tweet.get("edit_history")).get("initial_tweet_id") or "")
    return first if first and first != post_id else ""


def _tweet_v1(p: _Parser, brand: Brand, tweet: Any, author_blocked: bool) -> None:
    if not isinstance(tweet, dict):
        p.ignore("tweet event is not an object")
        return
    post_id = _id(tweet, "id")
    if not post_id:
        p.ignore("tweet without an id")
        return
    if isinstance(tweet.get("retweeted_status"), dict):
        p.ignore("retweets are not for the inbox")
        return
    user = _dict(tweet.get("user"))
    author_id = _id(user, "id")
    handle = str(user.get("screen_name") or "")
    extended = _dict(tweet.get("extended_tweet"))
    if extended.get("full_text"):
        text = visible_text(str(extended["full_text"]), extended.get("display_text_range"))
        entities = _dict(extended.get("entities")) or _dict(tweet.get("entities"))
    else:
        raw = str(tweet.get("full_text") or tweet.get("text") or "")
        text = visible_text(raw, tweet.get("display_text_range"))
        entities = _dict(tweet.get("entities"))
    mentions_brand = any(
        brand.is_brand(_id(_dict(m), "id"), str(_dict(m).get("screen_name") or ""))
        for m in _list(entities.get("user_mentions"))
    )
    quoted = _dict(tweet.get("quoted_status"))
    quoted_id = _id(tweet, "quoted_status_id") or _id(quoted, "id")
    quotes_brand = bool(quoted) and brand.is_brand(_id(_dict(quoted.get("user")), "id"))
    reply_to = _id(tweet, "in_reply_to_status_id")
    own = brand.is_brand(author_id)
    media = sorted({str(_dict(m).get("type") or "media")
                    for m in _list(_dict(tweet.get("extended_entities") or entities).get("media"))})
    origin = _edit_origin(tweet, post_id)
    external_id = origin or post_id
    p.changes.append(MentionChange(
        change=ChangeKind.UPSERT, channel_id=brand.channel.id, platform=PLATFORM, external_id=external_id,
        kind="reply" if reply_to else ("post" if own else "mention"), direction="out" if own else "in",
        text=text, author=AuthorRef(author_id or f"unknown:{post_id}", handle, str(user.get("name") or "")),
        created_at=parse_created_at(tweet.get("created_at")) or _millis(tweet.get("timestamp_ms")),
        parent_external_id=reply_to, thread_key=p.thread_for(brand, external_id, reply_to),
        url=post_url(handle, post_id), language=_language(tweet.get("lang")),
        extra={"mentions_brand": mentions_brand, "quotes_brand": quotes_brand,
               "quoted_id": quoted_id if _truthy(tweet.get("is_quote_status")) or quoted else "",
               "media": media or "", "author_blocked": author_blocked, "is_edit": bool(origin),
               "latest_id": post_id if origin else ""},
    ))


def _dm(p: _Parser, brand: Brand, item: Any, users: dict[str, Any]) -> None:
    """A legacy (unencrypted) DM: AAA ``direct_message_events[]`` and XAA ``dm.*`` payloads."""
    if not isinstance(item, dict) or item.get("type") != "message_create":
        kind = _dict(item).get("type", "item")
        p.ignore(f"direct message event {kind!r} is not handled")
        return
    message = _dict(item.get("message_create"))
    dm_id = str(item.get("id") or "")
    sender = str(message.get("sender_id") or "")
    recipient = str(_dict(message.get("target")).get("recipient_id") or "")
    if not dm_id or not sender:
        p.ignore("direct message without an id or a sender")
        return
    own = brand.is_brand(sender)
    other = recipient if own else sender
    data = _dict(message.get("message_data"))
    who = _user(users.get(sender))
    attachment = _dict(data.get("attachment"))
    p.changes.append(MentionChange(
        change=ChangeKind.UPSERT, channel_id=brand.channel.id, platform=PLATFORM, external_id=dm_id, kind="dm",
        direction="out" if own else "in", text=unescape(str(data.get("text") or "")).strip(),
        author=AuthorRef(sender, str(who.get("screen_name") or who.get("username") or ""), str(who.get("name") or "")),
        created_at=_millis(item.get("created_timestamp")), thread_key=f"dm:{other}",
        extra={"echo": own, "recipient_id": recipient, "attachment": str(attachment.get("type") or ""),
               "source_app_id": str(message.get("source_app_id") or "")},
    ))


# ------------------------------------------------------------------ X Activity API (v2)
def _xaa(p: _Parser, item: dict[str, Any]) -> None:
    event_type = str(item.get("event_type") or "")
    account = _xaa_account(item)
    if event_type == "oauth.revoke":
        log.warning("X account %s revoked this app's access: its channel must be reconnected", account)
        p.ignore("the account revoked the app's access on X: reconnect the channel")
        return
    brand = p.brand_for(account)
    if brand is None:
        p.ignore(f"{event_type or 'event'} for an account that is not ours ({account})")
        return
    payload = _dict(item.get("payload"))
    if event_type in XAA_POSTS:
        _post_v2(p, brand, event_type, payload, _dict(item.get("includes")))
    elif event_type == "post.delete":
        post_id = str(payload.get("id") or "")
        if post_id:
            p.changes.append(MentionChange(change=ChangeKind.DELETE, channel_id=brand.channel.id, platform=PLATFORM,
                                           external_id=post_id))
        else:
            p.ignore("post.delete without a post id")
    elif event_type in ("dm.received", "dm.sent"):
        users = _dict(payload.get("users"))
        events = _list(payload.get("direct_message_events"))
        if not events:
            p.ignore(f"{event_type} without direct_message_events")
        for dm in events:
            _dm(p, brand, dm, users)
    elif event_type == "like.create":
        if str(payload.get("liked_tweet_author_id") or "") == brand.user_id:
            p.count("reactions")
            p.ignore("likes of the brand's posts: counted, not for the inbox")
        else:
            p.ignore("a like by the brand is not for the inbox")
    elif event_type in XAA_IGNORED:
        p.ignore(XAA_IGNORED[event_type])
    elif event_type.split(".")[0] in XAA_IGNORED_FAMILIES:
        p.ignore(XAA_IGNORED_FAMILIES[event_type.split(".")[0]])
    else:
        p.ignore(f"X Activity event {event_type!r} is not handled")


def _referenced(post: dict[str, Any], kind: str) -> str:
    for ref in _list(post.get("referenced_tweets")):
        if _dict(ref).get("type") == kind and _dict(ref).get("id"):
            return str(ref["id"])
    return ""


def _included_users(includes: dict[str, Any]) -> dict[str, dict[str, Any]]:
    users = (_user(u) for u in _list(includes.get("users")))
    return {str(u["id"]): u for u in users if u.get("id")}


def _post_v2(p: _Parser, brand: Brand, event_type: str, post: dict[str, Any], includes: dict[str, Any]) -> None:
    post_id = str(post.get("id") or "")
    if not post_id:
        p.ignore(f"{event_type} without a post id")
        return
    author_id = str(post.get("author_id") or "")
    author = _included_users(includes).get(author_id, {})
    handle = str(author.get("username") or "")
    note = _dict(post.get("note_tweet"))  # posts longer than 280 characters
    if note.get("text"):
        text = unescape(str(note["text"])).strip()
        entities = _dict(note.get("entities")) or _dict(post.get("entities"))
    else:
        text = visible_text(str(post.get("text") or ""), post.get("display_text_range"))
        entities = _dict(post.get("entities"))
    mentions_brand = any(
        brand.is_brand(str(_dict(m).get("id") or ""), str(_dict(m).get("username") or ""))
        for m in _list(entities.get("mentions"))
    )
    reply_to = str(post.get("in_reply_to_tweet_id") or "") or _referenced(post, "replied_to")
    quoted_id = _referenced(post, "quoted")
    quoted_authors = {str(_dict(t).get("author_id") or "") for t in _list(includes.get("tweets"))
                      if str(_dict(t).get("id") or "") == quoted_id}
    quotes_brand = event_type == "post.quote.create" or brand.user_id in quoted_authors
    own = brand.is_brand(author_id)
    origin = _edit_origin(post, post_id)
    external_id = origin or post_id
    p.changes.append(MentionChange(
        change=ChangeKind.UPSERT, channel_id=brand.channel.id, platform=PLATFORM, external_id=external_id,
        kind="reply" if reply_to else ("post" if own else "mention"), direction="out" if own else "in",
        text=text, author=AuthorRef(author_id or f"unknown:{post_id}", handle, str(author.get("name") or "")),
        created_at=parse_created_at(post.get("created_at")), parent_external_id=reply_to,
        thread_key=p.thread_for(brand, external_id, reply_to, str(post.get("conversation_id") or "")),
        url=post_url(handle, post_id), language=_language(post.get("lang")),
        extra={"mentions_brand": mentions_brand, "quotes_brand": quotes_brand, "quoted_id": quoted_id,
               "event_type": event_type, "is_edit": bool(origin), "latest_id": post_id if origin else ""},
    ))
