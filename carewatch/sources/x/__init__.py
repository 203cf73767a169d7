"""X (Twitter): Account Activity API and X Activity API webhooks; replies, hides and DMs via API v2."""

from carewatch.sources.x.source import XSource

__all__ = ["XSource"]
