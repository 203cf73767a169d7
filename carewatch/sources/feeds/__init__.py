"""Web listening: RSS, Atom and JSON Feed documents, searched for the client's keywords."""

from carewatch.sources.feeds.source import FeedSource

__all__ = ["FeedSource"]
