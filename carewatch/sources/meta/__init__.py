"""Meta: Facebook Pages (feed, mentions, ratings, Messenger) and Instagram (comments, mentions, DMs)."""

from carewatch.sources.meta.source import MetaSource

__all__ = ["MetaSource"]
