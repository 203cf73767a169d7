"""The YouTube pull source: YouTube has no push for comments, so the channel's threads are polled.

``commentThreads.list?allThreadsRelatedToChannelId=<channel>&order=time`` is walked newest
first until a thread already seen, a page at a time (1 quota unit each). The cursor keeps:

* ``since`` / ``edge``: the newest ``updatedAt`` seen and the ids of the comments stamped at
  exactly that instant, so the next poll stops where this one began without skipping a comment
  that shares the instant;
* ``walk``: while a walk is longer than one poll takes (``MAX_PAGES`` or the quota), the page
  token to go on with and what the walk has seen so far; the boundary stays where it was, so
  comments arriving meanwhile are found by the next walk;
* ``replies_due``: threads whose page carried only some of their replies; their replies are
  fetched with ``comments.list?parentId=`` on the next poll (once the thread is in the inbox,
  so the replies can join its conversation).

The first poll reaches back ``youtube_lookback_days`` (7). Polling stops for the day when the
channel's units reach ``youtube_daily_quota`` minus ``youtube_write_reserve`` (kept for replies and
moderation), and after YouTube's own ``quotaExceeded`` until midnight Pacific time.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any

import httpx
from django.utils import timezone

from carewatch.inbox.normalised import ParseResult
from carewatch.lib.secrets import SecretError
from carewatch.sources.base import PollError, PollResult, PullSource
from carewatch.sources.http import http_for
from carewatch.sources.lookup import StoredMessages
from carewatch.sources.models import ChannelState, InboundEvent
from carewatch.sources.outbound import TIMEOUT, json_or_empty
from carewatch.sources.youtube.client import (
    API,
    QUOTA_EXHAUSTED,
    QUOTA_REASONS,
    RATE_REASONS,
    YouTubeClient,
    auth,
    daily_quota,
    error_of,
    quota_blocked,
    quota_day,
    seconds_to_reset,
    used_today,
    write_reserve,
)
from carewatch.sources.youtube.parse import THREAD_LIST, parse_payload, stamp
from carewatch.tenancy.models import Channel

PAGE_SIZE = 100
MAX_PAGES = 5  # thread pages per poll; a longer walk goes on at the next poll
MAX_REPLY_FETCHES = 10  # comments.list calls per poll
MAX_REPLIES_DUE = 200
DEFAULT_LOOKBACK_DAYS = 7


class _Stop(Exception):
    """A page could not be fetched; carries the PollError's words (and the HTTP status)."""

    def __init__(self, message: str, status: int = 0, quota: bool = False) -> None:
        super().__init__(message)
        self.status = status
        self.quota = quota  # YouTube's daily quota is gone: wait for midnight Pacific


class YouTubeSource(PullSource):
    name = "youtube"
    platforms = ("youtube",)
    poll_interval_seconds = 300
    outbound = YouTubeClient()

    def parse(self, event: InboundEvent, stored: StoredMessages) -> ParseResult:
        return parse_payload(event, stored)

    def poll(self, channel: Channel, state: ChannelState) -> PollResult:
        if not channel.external_id:
            raise PollError("the channel has no YouTube channel id (UC…)")
        try:
            headers, key = auth(channel)
        except SecretError as exc:
            raise PollError(str(exc)) from exc
        now = timezone.now()
        if quota_blocked(state, now):
            raise PollError(f"{QUOTA_EXHAUSTED}: polling resumes after midnight Pacific time",
                            retry_after_seconds=seconds_to_reset(now))
        limit, reserve, used = daily_quota(channel), write_reserve(channel), used_today(state, now)
        budget = limit - reserve - used
        if budget <= 0:
            # Our count is kept per UTC day (the polling framework's key): it starts afresh then.
            tomorrow = datetime.combine(now.date() + timedelta(days=1), time(0), tzinfo=UTC)
            raise PollError(f"daily quota reached: {used} of {limit} units used today, {reserve} kept for "
                            "replies and moderation; polling resumes tomorrow",
                            retry_after_seconds=(tomorrow - now).total_seconds())
        walker = _Walk(channel, state.poll_cursor or {}, now)
        with http_for(channel, timeout=TIMEOUT, headers=headers) as http:
            try:
                walker.fetch_replies(http, key, budget)
                walker.walk(http, key, budget)
            except _Stop as exc:
                # A failed poll's calls cost quota too. The framework saves this state object
                # when it records the failure (PollError carries no quota units).
                state.quota_used = {quota_day(now): used + walker.units}
                wait = seconds_to_reset(now) if exc.quota else None
                raise PollError(str(exc), retry_after_seconds=wait) from exc
        return PollResult(bodies=walker.bodies, cursor=walker.cursor(), quota_units=walker.units)


class _Walk:
    """One poll's walk over the channel's thread pages."""

    def __init__(self, channel: Channel, cursor: dict[str, Any], now: datetime) -> None:
        self.channel = channel
        lookback = int(channel.settings.get("youtube_lookback_days") or DEFAULT_LOOKBACK_DAYS)
        self.since = stamp(cursor.get("since")) or now - timedelta(days=lookback)
        self.edge = set(cursor.get("edge") or [])
        walk: dict[str, Any] = cursor["walk"] if isinstance(cursor.get("walk"), dict) else {}
        self.token: str | None = walk.get("token") or None
        self.newest = stamp(walk.get("newest")) or self.since
        self.next_edge = set(walk.get("next_edge") or self.edge)
        self.replies_due: list[str] = list(cursor.get("replies_due") or [])
        self.done = False
        self.bodies: list[bytes] = []
        self.last_body = b""
        self.units = 0

    def cursor(self) -> dict[str, Any]:
        if self.done:
            cursor: dict[str, Any] = {"since": self.newest.isoformat(), "edge": sorted(self.next_edge)}
        else:
            cursor = {"since": self.since.isoformat(), "edge": sorted(self.edge), "walk": {
                "token": self.token, "newest": self.newest.isoformat(), "next_edge": sorted(self.next_edge)}}
        if self.replies_due:
            cursor["replies_due"] = self.replies_due[:MAX_REPLIES_DUE]
        return cursor

    def get(self, http: httpx.Client, path: str, params: dict[str, str]) -> dict[str, Any]:
        self.units += 1  # every call costs, even a failed one
        try:
            response = http.get(f"{API}/{path}", params=params)
        except httpx.HTTPError as exc:
            raise _Stop(f"no answer from YouTube ({exc.__class__.__name__})") from exc
        if response.status_code != 200:
            raise _Stop(poll_error(response), response.status_code, error_of(response)[0] in QUOTA_REASONS)
        data = json_or_empty(response)
        if not isinstance(data, dict) or not isinstance(data.get("items"), list):
            raise _Stop("YouTube answered without a list of comments")
        self.last_body = response.content
        return data

    def fetch_replies(self, http: httpx.Client, key: dict[str, str], budget: int) -> None:
        fetched = 0
        while self.replies_due and fetched < MAX_REPLY_FETCHES and self.units < budget - 1:
            thread_id = self.replies_due[0]
            try:
                data = self.get(http, "comments", {
                    **key, "part": "snippet", "parentId": thread_id, "maxResults": str(PAGE_SIZE),
                    "textFormat": "plainText"})
            except _Stop as exc:
                if exc.status != 404:
                    raise
                data = {"items": []}  # the thread was deleted meanwhile
            if data["items"]:
                self.bodies.append(self.last_body)
            self.replies_due.pop(0)
            fetched += 1

    def seen(self, comment: dict[str, Any]) -> bool:
        """Was this comment, as it is now, covered by an earlier walk?  Records it as the newest."""
        snippet = comment.get("snippet") or {}
        when = stamp(snippet.get("updatedAt")) or stamp(snippet.get("publishedAt"))
        comment_id = str(comment.get("id") or "")
        if when is None:
            return True
        if when > self.newest:
            self.newest, self.next_edge = when, {comment_id}
        elif when == self.newest:
            self.next_edge.add(comment_id)
        return when < self.since or (when == self.since and comment_id in self.edge)

    def walk(self, http: httpx.Client, key: dict[str, str], budget: int) -> None:
        for _ in range(MAX_PAGES):
            if self.units >= budget:
                return  # the walk goes on when there is quota again
            params = {**key, "part": "snippet,replies", "allThreadsRelatedToChannelId": self.channel.external_id,
                      "maxResults": str(PAGE_SIZE), "order": "time", "textFormat": "plainText"}
            if self.token:
                params["pageToken"] = self.token
            data = self.get(http, "commentThreads", params)
            if data.get("kind", THREAD_LIST) != THREAD_LIST:
                raise _Stop("YouTube answered without a list of comment threads")
            fresh = reached_seen = False
            for thread in data["items"]:
                if not isinstance(thread, dict) or not isinstance(thread.get("snippet"), dict):
                    continue
                snippet = thread["snippet"]
                replies = (thread.get("replies") or {}).get("comments") or []
                comments = [snippet.get("topLevelComment") or {}, *replies]
                new = [c for c in comments if isinstance(c, dict) and not self.seen(c)]
                if not new:
                    reached_seen = True
                    continue
                fresh = True
                thread_id = str(thread.get("id") or "")
                if int(snippet.get("totalReplyCount") or 0) > len(replies) and thread_id not in self.replies_due:
                    self.replies_due.append(thread_id)
            if fresh:
                self.bodies.append(self.last_body)
            self.token = data.get("nextPageToken") or None
            if reached_seen or not self.token:
                self.done = True
                return


def poll_error(response: httpx.Response) -> str:
    status = response.status_code
    reason, detail = error_of(response)
    if reason in QUOTA_REASONS:
        return f"{QUOTA_EXHAUSTED}: polling resumes after midnight Pacific time"
    if status == 401:
        return f"token expired: the YouTube access token has expired or was revoked; reconnect the channel ({detail})"
    if reason in RATE_REASONS or status == 429:
        return f"rate limited by YouTube: will try again later ({detail})"
    if status == 403:
        if reason == "commentsDisabled":
            return "YouTube refused: comments are turned off for this channel"
        return f"YouTube refused: the token or key does not give access to this channel's comments ({detail})"
    if status == 404:
        return f"YouTube does not know this channel or the comment no longer exists ({detail})"
    if status >= 500:
        return f"YouTube answered {status}; will try again"
    return f"YouTube refused the request ({reason or status}: {detail})"
