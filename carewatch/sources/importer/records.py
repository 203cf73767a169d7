"""Validate one imported record (a JSONL object or a CSV row) into a mention change."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone

from carewatch.inbox.models import Direction, MentionKind
from carewatch.inbox.normalised import AuthorRef, ChangeKind, MentionChange
from carewatch.tenancy.models import Channel, Platform

REQUIRED = ("platform", "external_id", "text", "created_at")
MAX_TEXT = 20_000


class RecordError(ValueError):
    pass


def _str(record: dict[str, Any], key: str) -> str:
    value = record.get(key)
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        raise RecordError(f"'{key}' must be text")
    return str(value).strip()


def _author(record: dict[str, Any], brand: Channel | None = None) -> AuthorRef:
    author = record.get("author")
    if author is None and brand is not None and not any(
            record.get(k) for k in ("author_id", "author_handle", "author_name")):
        # A brand reply names no author: it is the channel's own account.
        return AuthorRef(external_id=brand.external_id or f"handle:{brand.handle.lower()}",
                         handle=brand.handle, name=brand.handle)
    if author is None:
        author = {
            "id": record.get("author_id"),
            "handle": record.get("author_handle"),
            "name": record.get("author_name"),
        }
    if not isinstance(author, dict):
        raise RecordError("'author' must be an object with id, handle, name")
    author_id = str(author.get("id") or "").strip()
    handle = str(author.get("handle") or "").strip().lstrip("@")
    if not author_id and not handle:
        raise RecordError("author needs an id or a handle")
    return AuthorRef(
        external_id=author_id or f"handle:{handle.lower()}",
        handle=handle,
        name=str(author.get("name") or "").strip(),
    )


def parse_time(value: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise RecordError(f"'created_at' is not an ISO 8601 time: {value[:40]!r}") from None
    if timezone.is_naive(parsed):
        raise RecordError("'created_at' needs a time zone offset (e.g. Z or +02:00)")
    return parsed


class ChannelResolver:
    """Finds the channel a record belongs to, for one client; cached per import."""

    def __init__(self, client_id: int) -> None:
        self.by_handle: dict[tuple[str, str], Channel] = {}
        self.first_by_platform: dict[str, Channel] = {}
        for channel in Channel.objects.filter(client_id=client_id, is_active=True).order_by("id"):
            self.by_handle[(channel.platform, channel.handle.lower().lstrip("@"))] = channel
            self.first_by_platform.setdefault(channel.platform, channel)

    def resolve(self, platform: str, handle: str) -> Channel:
        if handle:
            channel = self.by_handle.get((platform, handle.lower().lstrip("@")))
            if channel is None:
                raise RecordError(f"the client has no {platform} channel @{handle}")
            return channel
        channel = self.first_by_platform.get(platform)
        if channel is None:
            raise RecordError(f"the client has no {platform} channel")
        return channel


def validate(record: Any, channels: ChannelResolver) -> MentionChange:
    if not isinstance(record, dict):
        raise RecordError("a record must be a JSON object")
    missing = [key for key in REQUIRED if not _str(record, key)]
    if missing:
        raise RecordError("missing " + ", ".join(missing))
    platform = _str(record, "platform").lower()
    if platform not in Platform.values:
        raise RecordError(f"unknown platform {platform!r}")
    kind = _str(record, "kind").lower() or "comment"
    if kind not in MentionKind.values:
        raise RecordError(f"unknown kind {kind!r}")
    text = _str(record, "text")
    if len(text) > MAX_TEXT:
        raise RecordError(f"text longer than {MAX_TEXT} characters")
    external_id = _str(record, "external_id")
    if len(external_id) > 255:
        raise RecordError("external_id longer than 255 characters")
    url = _str(record, "url")
    if url and not url.startswith(("http://", "https://")):
        raise RecordError("url must start with http:// or https://")
    channel = channels.resolve(platform, _str(record, "channel"))
    parent = _str(record, "parent_id")
    direction = _str(record, "direction").lower() or str(Direction.INBOUND)
    if direction not in Direction.values:
        raise RecordError(f"unknown direction {direction!r}: use in or out")
    if direction == Direction.OUTBOUND and not parent:
        raise RecordError("a brand reply (direction out) needs parent_id: the message it answers")
    thread = _str(record, "thread_id") or parent or external_id
    return MentionChange(
        change=ChangeKind.UPSERT,
        channel_id=channel.id,
        platform=platform,
        external_id=external_id,
        kind=kind,
        direction=direction,
        text=text,
        author=_author(record, channel if direction == Direction.OUTBOUND else None),
        created_at=parse_time(_str(record, "created_at")),
        parent_external_id=parent,
        thread_key=thread,
        url=url,
        language=_str(record, "lang")[:8],
    )


def to_stored(change: MentionChange) -> dict[str, Any]:
    """The validated record as kept in the InboundEvent (parsed again by the pipeline)."""
    assert change.author is not None and change.created_at is not None
    return {
        "channel_id": change.channel_id,
        "platform": change.platform,
        "external_id": change.external_id,
        "kind": change.kind,
        "direction": change.direction,
        "text": change.text,
        "author": {
            "id": change.author.external_id,
            "handle": change.author.handle,
            "name": change.author.name,
        },
        "created_at": change.created_at.isoformat(),
        "parent_id": change.parent_external_id,
        "thread_id": change.thread_key,
        "url": change.url,
        "lang": change.language,
    }
