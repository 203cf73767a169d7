"""The Reddit pull source: Reddit has no webhooks, so the account's listings are polled.

Listings: ``/message/inbox`` (replies to us, private messages), ``/message/mentions`` (username
mentions) and ``/r/<sub>/comments`` for each subreddit in ``settings["subreddits"]``; all with
``raw_json=1&limit=100``. The cursor keeps, per listing, ``before`` — the newest fullname seen —
so the next request asks only for what is newer: nothing repeats and nothing is skipped. More
than a page of new items is walked page by page (``before`` = the newest of the page) up to
``MAX_PAGES``; the first poll of a listing takes only its newest page.

Reddit answers ``before=`` with an empty page for ever once that item is deleted or removed; so
when a listing has been empty for ``REANCHOR_SECONDS``, one request without ``before`` finds a
new anchor (only newer items are stored).

Rate limits: ``X-Ratelimit-Remaining`` below ``RESERVE`` stops the poll and waits
``X-Ratelimit-Reset`` seconds; a 429 keeps what was fetched and waits as long (a 429 before
anything was fetched is a failure the channel's health shows, with the same wait).
"""

from __future__ import annotations

import time
from typing import Any

import httpx

from carewatch.inbox.normalised import ParseResult
from carewatch.lib.secrets import SecretError
from carewatch.sources.base import PollError, PollResult, PullSource
from carewatch.sources.http import http_for
from carewatch.sources.lookup import StoredMessages
from carewatch.sources.models import ChannelState, InboundEvent
from carewatch.sources.outbound import TIMEOUT, json_or_empty
from carewatch.sources.reddit.client import OAUTH, RedditClient, api_headers, rate_headers, retry_after
from carewatch.sources.reddit.parse import parse_payload
from carewatch.tenancy.models import Channel

PAGE_SIZE = 100
MAX_PAGES = 5  # per listing and poll
RESERVE = 10  # calls left in Reddit's window below which the poll stops
REANCHOR_SECONDS = 6 * 3600


class _SlowDown(Exception):
    def __init__(self, seconds: float) -> None:
        super().__init__(f"slow down for {seconds}s")
        self.seconds = seconds


def listings(channel: Channel) -> list[str]:
    subs = channel.settings.get("subreddits") or []
    names = [str(s).strip().removeprefix("/").removeprefix("r/").strip("/") for s in subs]
    return ["message/inbox", "message/mentions", *[f"r/{n}/comments" for n in names if n]]


class RedditSource(PullSource):
    name = "reddit"
    platforms = ("reddit",)
    poll_interval_seconds = 120
    outbound = RedditClient()

    def parse(self, event: InboundEvent, stored: StoredMessages) -> ParseResult:
        return parse_payload(event)

    def poll(self, channel: Channel, state: ChannelState) -> PollResult:
        try:
            headers = api_headers(channel)
        except SecretError as exc:
            raise PollError(str(exc)) from exc
        old = state.poll_cursor.get("listings") if isinstance(state.poll_cursor, dict) else None
        cursors: dict[str, dict[str, Any]] = {k: dict(v) for k, v in (old or {}).items() if isinstance(v, dict)}
        bodies: list[bytes] = []
        wait: float | None = None
        with http_for(channel, timeout=TIMEOUT, headers=headers) as http:
            for path in listings(channel):
                walker = _Listing(http, path, cursors.get(path, {}))
                try:
                    walker.run()
                except _SlowDown as slow:
                    wait = slow.seconds
                finally:
                    bodies.extend(walker.bodies)
                    cursors[path] = walker.cursor
                if wait is not None:
                    break  # the other listings keep their place and wait with this one
        if wait is not None and walker.refused and not bodies:
            # Nothing fetched: show the health page why, and wait as long as Reddit asked.
            raise PollError(f"rate limited by Reddit: waiting {int(wait)} s before polling again",
                            retry_after_seconds=wait)
        return PollResult(bodies=bodies, cursor={"listings": cursors}, retry_after_seconds=wait)


class _Listing:
    """One listing's walk in one poll."""

    def __init__(self, http: httpx.Client, path: str, cursor: dict[str, Any]) -> None:
        self.http = http
        self.path = path
        self.cursor = cursor
        self.bodies: list[bytes] = []
        self.page: httpx.Response | None = None  # the last page read
        self.refused = False  # Reddit answered 429

    def get(self, before: str | None) -> list[dict[str, Any]]:
        params = {"raw_json": "1", "limit": str(PAGE_SIZE)}
        if before:
            params["before"] = before
        try:
            response = self.http.get(f"{OAUTH}/{self.path}", params=params)
        except httpx.HTTPError as exc:
            raise PollError(f"no answer from Reddit ({exc.__class__.__name__})") from exc
        if response.status_code == 429:
            self.refused = True
            raise _SlowDown(retry_after(response))
        if response.status_code != 200:
            error = poll_error(response, self.path)
            if self.path.startswith("r/") and response.status_code in (403, 404):
                # One unreadable subreddit must not stop the account's inbox: noted, skipped.
                self.cursor["error"] = error
                return []
            raise PollError(error)
        data = json_or_empty(response)
        listing = data.get("data") if isinstance(data, dict) and data.get("kind") == "Listing" else None
        if not isinstance(listing, dict):
            raise PollError(f"Reddit answered {self.path} without a listing")
        children = [c for c in listing.get("children") or [] if isinstance(c, dict) and isinstance(c.get("data"), dict)]
        self.cursor.pop("error", None)
        self.page = response
        return children

    def slow_down_after(self) -> None:
        if self.page is None:
            return
        remaining, reset = rate_headers(self.page)
        if remaining is not None and remaining < RESERVE:
            raise _SlowDown(reset if reset and reset > 0 else 60.0)

    def keep(self, children: list[dict[str, Any]]) -> None:
        assert self.page is not None
        newest = children[0]["data"]
        self.bodies.append(self.page.content)
        self.cursor.update(before=str(newest.get("name")), created=float(newest.get("created_utc") or 0),
                           advanced_at=time.time())

    def run(self) -> None:
        before = self.cursor.get("before")
        for _ in range(MAX_PAGES):
            children = self.get(before)
            if not children:
                if before and time.time() - float(self.cursor.get("advanced_at") or 0) > REANCHOR_SECONDS:
                    self.reanchor()
                else:
                    self.slow_down_after()
                return
            self.keep(children)
            self.slow_down_after()
            if not before or len(children) < PAGE_SIZE:
                return  # a first poll takes the newest page only; a short page is the last
            before = self.cursor["before"]

    def reanchor(self) -> None:
        """``before`` found nothing for long: perhaps its item is gone. Look without it."""
        self.cursor["advanced_at"] = time.time()  # once per REANCHOR_SECONDS
        children = self.get(None)
        if not children:
            return
        known = float(self.cursor.get("created") or 0)
        if any(float(c["data"].get("created_utc") or 0) > known for c in children):
            self.keep(children)
        self.slow_down_after()


def poll_error(response: httpx.Response, path: str) -> str:
    status = response.status_code
    if status == 401:
        return "token expired: the Reddit access token has expired or was revoked; reconnect the account"
    if status == 403:
        if path.startswith("r/"):
            return f"Reddit refused {path.rsplit('/', 1)[0]}: the subreddit is private or the account is banned"
        return "Reddit refused: the token lacks the privatemessages or read scope"
    if status == 404:
        return f"Reddit does not know {path.rsplit('/', 1)[0]} (banned or misspelt subreddit?)"
    if status >= 500:
        return f"Reddit answered {status}; will try again"
    return f"Reddit refused the request for {path} ({status})"
