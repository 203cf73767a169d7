"""TikTok API for Business: organic-video comments, Business Messaging DMs, brand mentions."""

from carewatch.sources.tiktok.source import TikTokSource

__all__ = ["TikTokSource"]
