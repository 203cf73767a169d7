"""What a source of inbound events provides. One object per platform, listed in registry.py.

Every source parses its stored raw events into platform-neutral mention changes. A push source
also answers its platform's handshake, names the account a payload belongs to, and checks the
signature over the raw bytes with that account's secret. A pull source polls its platform.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest, HttpResponse

from carewatch.inbox.normalised import ParseResult
from carewatch.sources.lookup import StoredMessages
from carewatch.sources.models import ChannelState, InboundEvent
from carewatch.sources.outbound import OutboundClient
from carewatch.tenancy.models import Channel


class Source:
    name: str = ""  # InboundEvent.source, and /hooks/<name>/ for push sources
    platforms: tuple[str, ...] = ()  # the channel platforms this source serves
    outbound: OutboundClient | None = None  # replies, hides, DMs for these platforms

    def parse(self, event: InboundEvent, stored: StoredMessages) -> ParseResult:
        """The event's mention changes; ``stored`` answers what the inbox already holds."""
        raise NotImplementedError


class PushSource(Source):
    max_body_bytes: int = 1024 * 1024

    def handshake(self, request: HttpRequest, channels: list[Channel]) -> HttpResponse:
        """Answer the platform's GET verification; ``channels`` are this source's channels."""
        raise NotImplementedError

    def account_ids(self, payload: Any) -> list[str]:
        """The platform account ids the payload belongs to (routes it to channels)."""
        raise NotImplementedError

    def verify(self, raw: bytes, headers: Mapping[str, str], channel: Channel) -> bool:
        """Is the signature over ``raw`` valid with this channel's secret?"""
        raise NotImplementedError

    def dedup_key(self, raw: bytes, payload: Any) -> str:
        """The delivery's natural key; defaults to the body's hash (a redelivery is identical)."""
        import hashlib

        return hashlib.sha256(raw).hexdigest()


class PollError(Exception):
    """A poll failed in a way the channel's health should show (in plain words).

    ``retry_after_seconds`` is the platform's own "slow down" when it gave one.
    """

    def __init__(self, message: str, retry_after_seconds: float | None = None) -> None:
        super().__init__(message)
        self.retry_after_seconds = retry_after_seconds


@dataclass
class PollResult:
    bodies: list[bytes] = field(default_factory=list)  # raw API responses, stored as events
    cursor: dict[str, Any] = field(default_factory=dict)  # the next cursor to keep
    quota_units: int = 0
    retry_after_seconds: float | None = None  # the platform asked us to slow down


class PullSource(Source):
    poll_interval_seconds: int = 300

    def wants(self, channel: Channel) -> bool:
        """Does this channel get polled by this source (e.g. LinkedIn only as a fallback)?"""
        return True

    def poll(self, channel: Channel, state: ChannelState) -> PollResult:
        raise NotImplementedError
