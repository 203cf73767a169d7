"""X API v2 calls for the outbox: reply, hide/unhide a reply, DM.

Authentication is the channel's OAuth 2.0 user token (``secrets["access_token"]``) as a Bearer
token. X accepts no idempotency key, so an unanswered send is ``unknown`` and is settled by the
echo (our own post or DM comes back through the webhook) or, for replies, by re-listing the
brand's recent posts — never by sending again.
"""

from __future__ import annotations

import re
import time
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import httpx

from carewatch.inbox.models import Direction, Mention
from carewatch.lib.secrets import SecretError, reveal
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
from carewatch.sources.x.parse import unescape

if TYPE_CHECKING:
    from carewatch.tenancy.models import Channel

API = "https://api.x.com/2"
WINDOW = 15 * 60
POST_LIMIT = Limit(100, WINDOW)  # POST /2/tweets: 100 per 15 min per user
HIDE_LIMIT = Limit(50, WINDOW)  # PUT /2/tweets/:id/hidden: 50 per 15 min per user
DM_LIMIT = Limit(15, WINDOW)  # DM send: 15 per 15 min (and so at most 1,440 per 24 h) per user
ECHO_SLACK = timedelta(minutes=5)
_ID = re.compile(r"[0-9]{1,19}")
_URL = re.compile(r"https?://\S+")
_LEADING_MENTIONS = re.compile(r"^(?:@\w{1,50}\s+)+")

REPLY_RESTRICTED = "X only allows replies when the author mentioned or quoted the brand"


def _token(channel: Channel) -> str:
    stored = channel.secrets.get("access_token")
    if not stored:
        raise SecretError("the channel has no X access_token: connect the account")
    return reveal(stored)


def _account(channel: Channel) -> str:
    return channel.external_id or f"channel-{channel.pk}"


def comparable(text: str) -> str:
    """Text as X may echo it: unescaped, without leading reply @handles, links as placeholders
    (X wraps every link in t.co), whitespace collapsed."""
    text = _LEADING_MENTIONS.sub("", unescape(text).strip())
    return " ".join(_URL.sub("<link>", text).split())


def _detail(response: httpx.Response) -> str:
    body = json_or_empty(response)
    if not isinstance(body, dict):
        return response.reason_phrase
    parts = [str(body.get("detail") or body.get("title") or "")]
    for error in body.get("errors") or []:
        if isinstance(error, dict) and error.get("message"):
            parts.append(str(error["message"]))
    return " ".join(p for p in parts if p).strip()[:200] or response.reason_phrase


def _retry_after(response: httpx.Response) -> float:
    reset = response.headers.get("x-rate-limit-reset", "")
    try:
        return max(1.0, float(reset) - time.time())
    except ValueError:
        return float(WINDOW)


def explain_error(response: httpx.Response, verb: str) -> SendOutcome:
    """X's errors in plain words; 5xx means the outcome is unknown."""
    status = response.status_code
    detail = _detail(response)
    lowered = detail.lower()
    if status >= 500:
        return unknown(f"X answered {status}; checking before any retry")
    if status == 401:
        return failed(f"the X access token has expired or is invalid: reconnect the channel ({detail})", "token")
    if status == 429:
        return failed(f"rate limited by X: try again later ({detail})", "rate_limited",
                      retry_after=_retry_after(response))
    if status == 402:
        return failed(f"the X API account has no credits left for this action ({detail})", "credits")
    if status == 403:
        if "duplicate" in lowered:
            return failed(f"X refused a duplicate of a recent post ({detail})", "duplicate")
        if verb == "reply" and ("reply" in lowered or "mentioned" in lowered or "conversation" in lowered):
            return failed(f"{REPLY_RESTRICTED} ({detail})", "reply_restricted")
        if verb == "dm" and ("message" in lowered or "follow" in lowered):
            return failed(f"this person does not accept direct messages from the brand ({detail})", "dm_closed")
        return failed(f"missing permission for this action on X ({detail})", "permission")
    if status == 404:
        return failed(f"the post or person no longer exists on X ({detail})", "not_found")
    return failed(f"X refused the request ({detail})", f"x_{status}")


class XClient(OutboundClient):
    verbs = ("reply", "hide", "unhide", "dm")

    def limit_for(self, action: OutboundRequest) -> tuple[str, Limit] | None:
        account = _account(action.channel)
        if action.verb == "dm":
            return f"x:{account}:dm", DM_LIMIT
        if action.verb in ("hide", "unhide"):
            return f"x:{account}:hide", HIDE_LIMIT
        return f"x:{account}:posts", POST_LIMIT

    def refuse(self, action: OutboundRequest, channel: Channel, now: datetime) -> str | None:
        if action.verb in ("reply", "hide", "unhide") and not _ID.fullmatch(action.target_external_id):
            return "this is not an X post id"
        if action.verb == "dm" and not _ID.fullmatch(action.target_external_id):
            return "this is not an X user id"
        target = Mention.objects.filter(channel=channel, external_id=action.target_external_id).first()
        if action.verb == "reply" and not channel.settings.get("x_enterprise"):
            if target is None:
                return f"{REPLY_RESTRICTED}; this post is not in the inbox, so that cannot be checked"
            meta = target.platform_meta or {}
            summoned = target.kind == "mention" or meta.get("mentions_brand") or meta.get("quotes_brand")
            if target.direction != Direction.OUTBOUND and not summoned:
                return REPLY_RESTRICTED
        if action.verb in ("hide", "unhide") and target is not None and target.kind != "reply":
            return "X can only hide replies in the brand's own conversations"
        return None

    def _request(self, action: OutboundRequest) -> tuple[str, str, dict[str, Any]]:
        """(method, url, JSON body) of the documented call for this action."""
        target = action.target_external_id
        if action.verb == "reply":
            return "POST", f"{API}/tweets", {"text": action.body, "reply": {"in_reply_to_tweet_id": target}}
        if action.verb in ("hide", "unhide"):
            return "PUT", f"{API}/tweets/{target}/hidden", {"hidden": action.verb == "hide"}
        return "POST", f"{API}/dm_conversations/with/{target}/messages", {"text": action.body}

    def send(self, action: OutboundRequest, channel: Channel, http: httpx.Client) -> SendOutcome:
        try:
            token = _token(channel)
        except SecretError as exc:
            return failed(str(exc), "token")
        method, url, body = self._request(action)
        response = http.request(method, url, json=body, headers={"Authorization": f"Bearer {token}"})
        if response.status_code not in (200, 201):
            return explain_error(response, action.verb)
        payload = json_or_empty(response)
        data = payload.get("data") if isinstance(payload, dict) else None
        data = data if isinstance(data, dict) else {}
        if action.verb in ("hide", "unhide"):
            if data.get("hidden") is (action.verb == "hide"):
                return sent(action.target_external_id)
            return failed("X did not confirm the change")
        new_id = data.get("dm_event_id") if action.verb == "dm" else data.get("id")
        return sent(str(new_id)) if new_id else unknown("X answered without an id; checking")

    def find_sent(self, action: OutboundRequest, channel: Channel, http: httpx.Client) -> str | None:
        if action.verb == "dm":
            return self._dm_echo(action, channel)
        if action.verb != "reply" or not channel.external_id:
            return None  # a hide is idempotent: failing it lets it be sent again safely
        since = (action.created_at - ECHO_SLACK).strftime("%Y-%m-%dT%H:%M:%SZ")
        response = http.get(
            f"{API}/users/{channel.external_id}/tweets",
            params={"max_results": "100", "start_time": since, "exclude": "retweets",
                    "tweet.fields": "created_at,referenced_tweets,in_reply_to_user_id,conversation_id"},
            headers={"Authorization": f"Bearer {_token(channel)}"},
        )
        if response.status_code != 200:
            return None
        payload = json_or_empty(response)
        ours = comparable(action.body)
        for post in (payload.get("data") if isinstance(payload, dict) else None) or []:
            if not isinstance(post, dict):
                continue
            replied_to = [r.get("id") for r in post.get("referenced_tweets") or []
                          if isinstance(r, dict) and r.get("type") == "replied_to"]
            if action.target_external_id in replied_to and comparable(str(post.get("text") or "")) == ours:
                return str(post["id"])
        return None

    def _dm_echo(self, action: OutboundRequest, channel: Channel) -> str | None:
        """X echoes every DM we send through the webhook (AAA ``direct_message_events``, XAA
        ``dm.sent``): look for it in this conversation. No API call."""
        from carewatch.replies.models import OutboundAction as Outbound

        claimed = set(
            Outbound.objects.filter(channel=channel, verb="dm").exclude(pk=action.pk).exclude(external_id="")
            .values_list("external_id", flat=True)
        )
        echoes = Mention.objects.filter(
            channel=channel, direction=Direction.OUTBOUND, kind="dm", thread_key=f"dm:{action.target_external_id}",
            received_at__gte=action.created_at - ECHO_SLACK,
        ).order_by("received_at")
        ours = comparable(action.body)
        for echo in echoes[:200]:
            if echo.external_id not in claimed and comparable(echo.text) == ours:
                return echo.external_id
        return None
