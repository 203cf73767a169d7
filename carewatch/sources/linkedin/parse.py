"""Turn LinkedIn organisation social-action notifications into mention changes.

The same notification objects arrive two ways: pushed as
``{"type": "ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS", "notifications": [...]}`` (batches of
10) and pulled from ``/rest/organizationalEntityNotifications`` as ``{"elements": [...],
"paging": {...}}``. Both become the same changes, so a comment seen both ways is one mention
(idempotent on the comment URN).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from carewatch.inbox.normalised import AuthorRef, ChangeKind, MentionChange, ParseError, ParseResult
from carewatch.sources.linkedin.urns import comment_urn, org_forms, org_urn
from carewatch.sources.models import InboundEvent
from carewatch.tenancy.models import Channel

COMMENT_ACTIONS = {"COMMENT", "ADMIN_COMMENT", "COMMENT_EDIT", "COMMENT_MENTION"}


def _time(millis: Any) -> datetime | None:
    try:
        number = float(millis)
    except (TypeError, ValueError):
        return None
    if number <= 0:
        return None
    try:
        return datetime.fromtimestamp(number / 1000, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _str(*values: Any) -> str:
    for value in values:
        if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip():
            return str(value).strip()
    return ""


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _text(item: dict[str, Any]) -> str:
    """A decorated comment's or share's text (``text``, or ``message.text`` as the comments API has it)."""
    message = item.get("message")
    return _str(item.get("text"), _dict(message).get("text"), message if isinstance(message, str) else None,
                item.get("commentary"))


def notifications_of(data: Any) -> list[Any]:
    if isinstance(data, dict):
        for key in ("notifications", "elements"):
            if isinstance(data.get(key), list):
                return list(data[key])
    raise ParseError("not a LinkedIn notification list: no notifications[] or elements[]")


def post_url(post: str) -> str:
    return f"https://www.linkedin.com/feed/update/{post}/" if post.startswith("urn:li:") else ""


class _Parser:
    def __init__(self, event: InboundEvent) -> None:
        self.event = event
        self.changes: list[MentionChange] = []
        self.ignored: list[str] = []
        self.counters: dict[str, int] = {}
        self.channels: dict[str, Channel | None] = {}

    def channel_for(self, organisation: str) -> Channel | None:
        routed = self.event.channel
        if not organisation:  # a pulled page belongs to the organisation that was polled
            return routed if routed is not None and routed.platform == "linkedin" else None
        if organisation not in self.channels:
            forms = org_forms(organisation)
            if routed is not None and routed.platform == "linkedin" and routed.external_id in forms:
                channel: Channel | None = routed
            else:
                channel = Channel.objects.filter(
                    platform="linkedin", external_id__in=forms, is_active=True).order_by("id").first()
            self.channels[organisation] = channel
        return self.channels[organisation]

    def ignore(self, reason: str) -> None:
        self.ignored.append(reason)

    def result(self) -> ParseResult:
        reason = "; ".join(sorted(set(self.ignored)))[:300]
        return ParseResult(changes=self.changes, ignored_reason=reason, counters=self.counters)


def parse_payload(event: InboundEvent) -> ParseResult:
    try:
        data = json.loads(bytes(event.raw_body))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ParseError("body is not JSON") from exc
    parser = _Parser(event)
    items = notifications_of(data)
    if not items:
        parser.ignore("no notifications")
    for item in items:
        if not isinstance(item, dict):
            parser.ignore("notification is not an object")
            continue
        _notification(parser, item)
    return parser.result()


def _notification(p: _Parser, n: dict[str, Any]) -> None:
    organisation = _str(n.get("organizationalEntity"))
    channel = p.channel_for(organisation)
    if channel is None:
        p.ignore(f"notification for an organisation that is not ours ({organisation})")
        return
    action = _str(n.get("action")).upper()
    if action == "LIKE":
        p.counters["reactions"] = p.counters.get("reactions", 0) + 1
        p.ignore("like: counted, not for the inbox")
    elif action in COMMENT_ACTIONS:
        _comment(p, channel, n, action)
    elif action == "COMMENT_DELETE":
        external_id = _comment_id(n)
        if external_id:
            p.changes.append(MentionChange(change=ChangeKind.DELETE, channel_id=channel.id, external_id=external_id))
        else:
            p.ignore("comment deletion without a comment URN")
    elif action in ("SHARE_MENTION", "SHARE"):
        _share(p, channel, n, action)
    else:
        p.ignore(f"action {action or 'none'!r} is not handled")


def _comment_id(n: dict[str, Any]) -> str:
    comment = _dict(_dict(n.get("decoratedGeneratedActivity")).get("comment"))
    return comment_urn(_str(comment.get("entity"), comment.get("commentUrn"), comment.get("$URN"),
                            n.get("generatedActivity")))


def _comment(p: _Parser, channel: Channel, n: dict[str, Any], action: str) -> None:
    external_id = _comment_id(n)
    if not external_id:
        p.ignore(f"{action.lower()} without a comment URN")
        return
    decorated = _dict(_dict(n.get("decoratedGeneratedActivity")).get("comment"))
    text = _text(decorated)
    if action == "COMMENT_EDIT" and not text:
        p.ignore("comment edited, but the notification carries no text to keep")
        return
    org = org_urn(channel.external_id)
    owner = _str(decorated.get("owner"), decorated.get("actor"), n.get("actor"))
    own = action == "ADMIN_COMMENT" or (bool(owner) and owner == org)
    post = _str(n.get("sourcePost"), decorated.get("object"), _dict(n.get("decoratedSourcePost")).get("entity"))
    parent_comment = comment_urn(_str(decorated.get("parentComment")))
    # Members are opaque person URNs (LinkedIn shares no names with page-management apps).
    author = AuthorRef(org, channel.handle, "") if own else AuthorRef(owner or f"unknown:{external_id}", "", "")
    extra: dict[str, object] = {"notification_id": _str(n.get("notificationId")), "post": post, "action": action,
                                "is_edit": action == "COMMENT_EDIT"}
    if not text:
        extra["needs_fetch"] = True
    created = _time(_dict(decorated.get("created")).get("time")) or _time(n.get("lastModifiedAt"))
    # An edit is an upsert marked as an edit: it keeps the history of a comment we have and
    # still creates one we missed.
    p.changes.append(MentionChange(
        change=ChangeKind.UPSERT, channel_id=channel.id, platform=channel.platform, external_id=external_id,
        kind="mention" if action == "COMMENT_MENTION" else ("reply" if parent_comment else "comment"),
        direction="out" if own else "in", text=text, author=author, created_at=created,
        parent_external_id=parent_comment or post, thread_key=post or external_id, url=post_url(post), extra=extra,
    ))


def _share(p: _Parser, channel: Channel, n: dict[str, Any], action: str) -> None:
    decorated = _dict(n.get("decoratedGeneratedActivity"))
    share = _dict(decorated.get("share")) or _dict(decorated.get("post"))
    external_id = _str(share.get("entity"), n.get("generatedActivity"))
    if not external_id:
        p.ignore(f"{action.lower()} without a post URN")
        return
    text = _text(share)
    if action == "SHARE" and not text:
        # A plain reshare of the page's post says nothing to answer.
        p.ignore("reshare of a page post without commentary")
        return
    owner = _str(share.get("owner"), share.get("author"), n.get("actor"))
    extra: dict[str, object] = {"notification_id": _str(n.get("notificationId")), "action": action,
                                "post": _str(n.get("sourcePost"))}
    if not text:
        extra["needs_fetch"] = True
    p.changes.append(MentionChange(
        change=ChangeKind.UPSERT, channel_id=channel.id, platform=channel.platform, external_id=external_id,
        kind="mention", text=text, author=AuthorRef(owner or f"unknown:{external_id}", "", ""),
        created_at=_time(n.get("lastModifiedAt")), thread_key=external_id, url=post_url(external_id), extra=extra,
    ))
