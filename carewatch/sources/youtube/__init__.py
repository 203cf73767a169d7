"""YouTube: comments and replies on a channel's videos, polled (YouTube has no push for comments)."""

from carewatch.sources.youtube.source import YouTubeSource

__all__ = ["YouTubeSource"]
