"""YouTube Data API v3 calls for the outbox, and what the poller shares with them.

* reply: ``comments.insert`` — ``POST /youtube/v3/comments?part=snippet`` with
  ``{"snippet": {"parentId": <thread id>, "textOriginal": <text>}}``; YouTube only takes replies
  to top-level comments, so a reply to a reply (``<thread>.<reply>``) goes to its thread;
* hide / unhide: ``comments.setModerationStatus`` — ``POST ?id=…&moderationStatus=heldForReview``
  (hide) or ``published`` (unhide); owner only, answers 204;
* find_sent: ``comments.list?part=snippet&parentId=<thread>`` and match our text and our channel.

Quota (developers.google.com/youtube/v3/determine_quota_cost): 10,000 units a day by default,
reset at midnight Pacific time; every list call costs 1 unit, every write 50, failed calls too.
The units are counted per channel in ``ChannelState.quota_used`` under today's date, the key
the polling framework uses.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import httpx
from django.db import transaction
from django.utils import timezone

from carewatch.lib.secrets import SecretError, reveal
from carewatch.sources.oauth import GOOGLE, access_token
from carewatch.sources.outbound import (
    OutboundClient,
    OutboundRequest,
    SendOutcome,
    failed,
    json_or_empty,
    sent,
    unknown,
)
from carewatch.sources.ratelimit import Limit

if TYPE_CHECKING:
    from carewatch.sources.models import ChannelState
    from carewatch.tenancy.models import Channel

API = "https://www.googleapis.com/youtube/v3"
PACIFIC = ZoneInfo("America/Los_Angeles")
DEFAULT_DAILY_QUOTA = 10_000
DEFAULT_WRITE_RESERVE = 1_000  # units polling leaves for replies and moderation (20 writes)
LIST_COST = 1
WRITE_COST = 50
QUOTA_REASONS = {"quotaExceeded", "dailyLimitExceeded", "dailyLimitExceededUnreg"}
RATE_REASONS = {"rateLimitExceeded", "userRateLimitExceeded"}
MODERATION = {"hide": "heldForReview", "unhide": "published"}
# The poller's own words when YouTube says the day's quota is gone; the next polls look for them
# (with last_error_at) to stay quiet until midnight Pacific instead of spending more calls.
QUOTA_EXHAUSTED = "YouTube's daily quota for this project is used up"


# ------------------------------------------------------------------ credentials
def auth(channel: Channel, write: bool = False) -> tuple[dict[str, str], dict[str, str]]:
    """(headers, query params) authorising a call: the OAuth token, else (reads only) the API key."""
    token = access_token(channel, GOOGLE)
    if token:
        return {"Authorization": f"Bearer {token}"}, {}
    if write:
        raise SecretError("the channel has no access_token (replies and moderation need the owner's OAuth token)")
    key = channel.secrets.get("api_key")
    if not key:
        raise SecretError("the channel has neither an access_token nor an api_key")
    return {}, {"key": reveal(key)}


# ------------------------------------------------------------------ quota
def quota_day(now: datetime | None = None) -> str:
    """The key of today's units in ChannelState.quota_used (the polling framework's key)."""
    return (now or timezone.now()).date().isoformat()


def daily_quota(channel: Channel) -> int:
    return int(channel.settings.get("youtube_daily_quota") or DEFAULT_DAILY_QUOTA)


def write_reserve(channel: Channel) -> int:
    value = channel.settings.get("youtube_write_reserve")
    return int(value) if value is not None else DEFAULT_WRITE_RESERVE


def used_today(state: ChannelState | None, now: datetime | None = None) -> int:
    if state is None:
        return 0
    try:
        return int((state.quota_used or {}).get(quota_day(now), 0))
    except (TypeError, ValueError):
        return 0


def add_quota(channel: Channel, units: int) -> None:
    """Count units spent outside a poll (writes, re-lists) against the channel's day."""
    from carewatch.sources.models import ChannelState

    if units <= 0:
        return
    with transaction.atomic():
        ChannelState.objects.get_or_create(channel=channel)
        state = ChannelState.objects.select_for_update().get(channel=channel)
        day = quota_day()
        state.quota_used = {day: used_today(state) + units}  # today only, as the poller keeps it
        state.save(update_fields=["quota_used"])


def next_pacific_midnight(now: datetime | None = None) -> datetime:
    local = (now or timezone.now()).astimezone(PACIFIC)
    return datetime.combine(local.date() + timedelta(days=1), time(0), tzinfo=PACIFIC)


def last_pacific_midnight(now: datetime | None = None) -> datetime:
    local = (now or timezone.now()).astimezone(PACIFIC)
    return datetime.combine(local.date(), time(0), tzinfo=PACIFIC)


def seconds_to_reset(now: datetime | None = None) -> float:
    now = now or timezone.now()
    return max(60.0, (next_pacific_midnight(now) - now).total_seconds())


def quota_blocked(state: ChannelState | None, now: datetime | None = None) -> bool:
    """Did YouTube say the quota is gone since the last reset (and nothing succeeded since)?"""
    if state is None or not state.last_error.startswith(QUOTA_EXHAUSTED) or state.last_error_at is None:
        return False
    if state.last_poll_ok_at is not None and state.last_poll_ok_at > state.last_error_at:
        return False
    return state.last_error_at >= last_pacific_midnight(now)


# ------------------------------------------------------------------ errors
def error_of(response: httpx.Response) -> tuple[str, str]:
    """(first error reason, message) of a Google API error body."""
    data = json_or_empty(response)
    error = data.get("error") if isinstance(data, dict) else None
    if not isinstance(error, dict):
        return "", str(response.reason_phrase or "")[:160]
    reasons = [e.get("reason", "") for e in error.get("errors") or [] if isinstance(e, dict)]
    if not reasons and isinstance(error.get("details"), list):
        reasons = [d.get("reason", "") for d in error["details"] if isinstance(d, dict)]
    return str(next((r for r in reasons if r), "")), str(error.get("message") or response.reason_phrase)[:160]


def explain_error(response: httpx.Response) -> SendOutcome:
    """YouTube's errors in plain words; 5xx means the outcome is unknown."""
    status = response.status_code
    if status >= 500:
        return unknown(f"YouTube answered {status}; checking before any retry")
    reason, detail = error_of(response)
    if status == 401:
        return failed(f"the access token has expired or was revoked: reconnect the channel ({detail})", "token")
    if reason in QUOTA_REASONS:
        return failed("YouTube's daily quota is used up: this can be sent again after midnight Pacific time",
                      "quota", retry_after=seconds_to_reset())
    if reason in RATE_REASONS or status == 429:
        return failed(f"rate limited by YouTube: try again later ({detail})", "rate_limited", retry_after=300)
    if status == 403:
        if reason == "commentsDisabled":
            return failed("comments are turned off for this video", "forbidden")
        if reason == "insufficientPermissions":
            return failed(f"missing permission: the token needs the youtube.force-ssl scope ({detail})",
                          "permission")
        return failed(f"YouTube forbids this: only the channel's owner may moderate its comments ({detail})",
                      "forbidden")
    if status == 404:
        return failed("the comment no longer exists on YouTube", "not_found")
    return failed(f"YouTube refused the request ({reason or status}: {detail})", f"youtube_{reason or status}")


def thread_of(comment_id: str) -> str:
    """A reply's id is ``<thread id>.<reply id>``; a top-level comment's id is its thread's."""
    return comment_id.split(".", 1)[0]


class YouTubeClient(OutboundClient):
    verbs = ("reply", "hide", "unhide")

    def limit_for(self, action: OutboundRequest) -> tuple[str, Limit] | None:
        # No published per-minute write limit: a modest pace keeps replies from looking like spam.
        return f"youtube:{action.channel.external_id}:write", Limit(30, 60)

    def refuse(self, action: OutboundRequest, channel: Channel, now: datetime) -> str | None:
        from carewatch.sources.models import ChannelState

        state = ChannelState.objects.filter(channel=channel).first()
        if quota_blocked(state, now) or used_today(state, now) + WRITE_COST > daily_quota(channel):
            return "YouTube's daily quota for this channel is used up: try again after midnight Pacific time"
        return None

    @staticmethod
    def request(action: OutboundRequest) -> tuple[str, dict[str, str], dict[str, Any] | None]:
        """(url, query params, JSON body) of the documented call for this action."""
        if action.verb == "reply":
            return f"{API}/comments", {"part": "snippet"}, {
                "snippet": {"parentId": thread_of(action.target_external_id), "textOriginal": action.body}}
        return f"{API}/comments/setModerationStatus", {
            "id": action.target_external_id, "moderationStatus": MODERATION[action.verb]}, None

    def send(self, action: OutboundRequest, channel: Channel, http: httpx.Client) -> SendOutcome:
        try:
            headers, _ = auth(channel, write=True)
        except SecretError as exc:
            return failed(str(exc), "token")
        url, params, body = self.request(action)
        add_quota(channel, WRITE_COST)  # counted before the call: a lost answer still cost it
        if body is None:
            response = http.post(url, params=params, headers=headers)
        else:
            response = http.post(url, params=params, json=body, headers=headers)
        if response.status_code not in (200, 204):
            return explain_error(response)
        if action.verb in MODERATION:
            return sent(action.target_external_id)
        new_id = json_or_empty(response).get("id")
        return sent(str(new_id)) if new_id else unknown("YouTube answered without an id; checking")

    def find_sent(self, action: OutboundRequest, channel: Channel, http: httpx.Client) -> str | None:
        if action.verb != "reply":
            return None  # moderation is idempotent: sending it again is safe
        headers, params = auth(channel)
        add_quota(channel, LIST_COST)
        response = http.get(f"{API}/comments", headers=headers, params={
            **params, "part": "snippet", "parentId": thread_of(action.target_external_id), "maxResults": "100",
            "textFormat": "plainText"})
        if response.status_code != 200:
            return None
        for item in json_or_empty(response).get("items") or []:
            snippet = item.get("snippet") or {}
            author = (snippet.get("authorChannelId") or {}).get("value")
            text = str(snippet.get("textOriginal") or snippet.get("textDisplay") or "")
            if author == channel.external_id and text.strip() == action.body.strip():
                return str(item["id"])
        return None
