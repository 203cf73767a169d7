"""What a parser may ask about messages the inbox already holds, without importing the inbox.

A delivery sometimes names a message it does not carry: an X reply names the post it answers
(its conversation is that post's thread), a YouTube reply names its thread (whose video only the
stored thread knows). The parser asks a ``StoredMessages`` lookup that its caller passes in
(``carewatch.sources.tasks`` answers from the inbox); parsers never query inbox models, and a
test can hand a parser a dictionary.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(frozen=True)
class StoredMessage:
    """A message already in the inbox: its conversation and its platform details."""

    thread_key: str
    platform_meta: Mapping[str, Any] = field(default_factory=dict)


class StoredMessages(Protocol):
    """The stored message with this platform id in this channel, or None."""

    def __call__(self, channel_id: int, external_id: str) -> StoredMessage | None: ...


def nothing_stored(channel_id: int, external_id: str) -> StoredMessage | None:
    """A lookup for an empty inbox (tests, and parsing a delivery on its own)."""
    return None
