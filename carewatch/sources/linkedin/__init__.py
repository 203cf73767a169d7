"""LinkedIn Company Pages (Community Management API): webhooks, with a pull fallback."""

from carewatch.sources.linkedin.source import LinkedInPullSource, LinkedInSource

__all__ = ["LinkedInPullSource", "LinkedInSource"]
