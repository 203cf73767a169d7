"""The pipeline's parser for imported records (already validated when stored)."""

from __future__ import annotations

import json
from datetime import datetime

from carewatch.inbox.normalised import AuthorRef, ChangeKind, MentionChange, ParseError, ParseResult
from carewatch.sources.base import Source
from carewatch.sources.lookup import StoredMessages
from carewatch.sources.models import InboundEvent


def parse_event(event: InboundEvent) -> ParseResult:
    try:
        data = json.loads(bytes(event.raw_body))
        author = data["author"]
        change = MentionChange(
            change=ChangeKind.UPSERT,
            channel_id=int(data["channel_id"]),
            platform=data["platform"],
            external_id=data["external_id"],
            kind=data["kind"],
            direction=data.get("direction", "in"),
            text=data["text"],
            author=AuthorRef(author["id"], author.get("handle", ""), author.get("name", "")),
            created_at=datetime.fromisoformat(data["created_at"]),
            parent_external_id=data.get("parent_id", ""),
            thread_key=data.get("thread_id") or data["external_id"],
            url=data.get("url", ""),
            language=data.get("lang", ""),
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise ParseError(f"stored import record is unreadable: {exc.__class__.__name__}") from exc
    return ParseResult(changes=[change])


class ImportSource(Source):
    """Records from `carewatch import`, validated when they were stored."""

    name = "import"
    platforms = ()

    def parse(self, event: InboundEvent, stored: StoredMessages) -> ParseResult:
        return parse_event(event)
