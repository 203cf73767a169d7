"""Every source of inbound events, in one table: adding a platform adds one line here."""

from __future__ import annotations

from collections.abc import Callable

from carewatch.inbox.normalised import ParseResult
from carewatch.sources.base import PullSource, PushSource, Source
from carewatch.sources.feeds import FeedSource
from carewatch.sources.importer.parse import ImportSource
from carewatch.sources.linkedin import LinkedInPullSource, LinkedInSource
from carewatch.sources.lookup import StoredMessages
from carewatch.sources.meta import MetaSource
from carewatch.sources.models import InboundEvent
from carewatch.sources.outbound import OutboundClient
from carewatch.sources.reddit import RedditSource
from carewatch.sources.tiktok import TikTokSource
from carewatch.sources.x import XSource
from carewatch.sources.youtube import YouTubeSource

Parser = Callable[[InboundEvent, StoredMessages], ParseResult]

SOURCES: dict[str, Source] = {
    source.name: source
    for source in (
        ImportSource(),
        MetaSource(),
        TikTokSource(),
        LinkedInSource(),
        LinkedInPullSource(),
        XSource(),
        YouTubeSource(),
        RedditSource(),
        FeedSource(),
    )
}


def parser_for(name: str) -> Parser:
    try:
        return SOURCES[name].parse
    except KeyError:
        raise LookupError(f"no parser registered for source {name!r}") from None


def push_source(name: str) -> PushSource | None:
    source = SOURCES.get(name)
    return source if isinstance(source, PushSource) else None


def pull_sources() -> list[PullSource]:
    return [s for s in SOURCES.values() if isinstance(s, PullSource)]


def outbound_client(platform: str) -> OutboundClient | None:
    for source in SOURCES.values():
        if platform in source.platforms and source.outbound is not None:
            return source.outbound
    return None
