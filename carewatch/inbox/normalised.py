"""What every source turns its raw events into: platform-neutral mention changes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class ChangeKind(StrEnum):
    UPSERT = "upsert"  # a new message (or a redelivery of one we have)
    EDIT = "edit"  # the text changed; keep the history
    HIDE = "hide"
    UNHIDE = "unhide"
    DELETE = "delete"  # removed on the platform: mark, never delete


@dataclass(frozen=True)
class AuthorRef:
    external_id: str
    handle: str = ""
    name: str = ""


@dataclass
class MentionChange:
    change: ChangeKind
    channel_id: int
    external_id: str
    platform: str = ""
    kind: str = "comment"
    direction: str = "in"
    text: str = ""
    author: AuthorRef | None = None
    created_at: datetime | None = None
    parent_external_id: str = ""
    thread_key: str = ""
    url: str = ""
    language: str = ""
    source_tz: str = ""
    extra: dict[str, object] = field(default_factory=dict)


class ParseError(ValueError):
    """The event is well-formed transport but its content cannot be understood."""


@dataclass
class ParseResult:
    changes: list[MentionChange] = field(default_factory=list)
    ignored_reason: str = ""  # set when the event is valid but holds nothing for the inbox
    counters: dict[str, int] = field(default_factory=dict)  # e.g. reactions: counted, not inboxed
    # Channel health. Parsers never write: the pipeline shows ``channel_problem`` (plain words)
    # as the channel's last error, and clears a last error that starts with one of
    # ``problems_resolved`` and is older than ``reported_at`` (when the platform sent the event;
    # the event's arrival if unset).
    channel_problem: str = ""
    problems_resolved: tuple[str, ...] = ()
    reported_at: datetime | None = None
