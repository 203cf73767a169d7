"""Reddit: the account's inbox and mentions, and comments in watched subreddits, polled."""

from carewatch.sources.reddit.source import RedditSource

__all__ = ["RedditSource"]
