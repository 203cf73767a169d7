"""Meta's Graph API calls for the outbox: reply, hide/unhide, private reply, Messenger/IG DM."""

from __future__ import annotations

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

if TYPE_CHECKING:
    from carewatch.tenancy.models import Channel

GRAPH = "https://graph.facebook.com"
DEFAULT_VERSION = "v25.0"
STANDARD_WINDOW = timedelta(hours=24)
HUMAN_AGENT_WINDOW = timedelta(days=7)
PRIVATE_REPLY_WINDOW = timedelta(days=7)
RATE_LIMIT_CODES = {4, 17, 32, 613, 80001, 80002}
PERMISSION_CODES = {3, 10, *range(200, 300)}


def _base(channel: Channel) -> str:
    version = str(channel.settings.get("graph_version") or DEFAULT_VERSION)
    return f"{GRAPH}/{version}"


def _token(channel: Channel) -> str:
    stored = channel.secrets.get("page_access_token") or channel.secrets.get("access_token")
    if not stored:
        raise SecretError("the channel has no page_access_token")
    return reveal(stored)


def explain_error(response: httpx.Response) -> SendOutcome:
    """Graph errors in plain words; 5xx means the outcome is unknown."""
    if response.status_code >= 500:
        return unknown(f"Meta answered {response.status_code}; checking before any retry")
    error = json_or_empty(response).get("error") or {}
    code = int(error.get("code") or 0)
    subcode = int(error.get("error_subcode") or 0)
    detail = str(error.get("message") or response.reason_phrase)[:160]
    if code == 190:
        return failed(f"the access token has expired or was revoked: reconnect the channel ({detail})", "token")
    if code in RATE_LIMIT_CODES:
        return failed(f"rate limited by Meta: try again later ({detail})", "rate_limited", retry_after=3600)
    if (code == 10 and subcode == 2018278) or code == 551:
        return failed("the messaging window has closed for this conversation", "window_closed")
    if code in PERMISSION_CODES:
        return failed(f"missing permission for this action ({detail})", "permission")
    if code == 100:
        return failed(f"Meta refused the request: the target no longer exists or cannot take this ({detail})",
                      "invalid")
    return failed(f"Meta refused the request ({detail})", f"meta_{code}" if code else "meta")


class MetaClient(OutboundClient):
    verbs = ("reply", "hide", "unhide", "private_reply", "dm")

    def limit_for(self, action: OutboundRequest) -> tuple[str, Limit] | None:
        account = action.channel.external_id
        if action.verb == "private_reply" and action.channel.platform == "instagram":
            return f"meta:{account}:private_reply", Limit(750, 3600)
        if action.verb in ("dm", "private_reply"):
            return f"meta:{account}:send", Limit(300, 1)
        return f"meta:{account}:write", Limit(60, 60)

    def refuse(self, action: OutboundRequest, channel: Channel, now: datetime) -> str | None:
        from carewatch.replies.models import OutboundAction as Outbound
        from carewatch.replies.models import OutboundStatus

        if action.verb == "private_reply":
            earlier = Outbound.objects.filter(
                channel=channel, verb="private_reply", target_external_id=action.target_external_id,
                status__in=[OutboundStatus.SENT, OutboundStatus.SENDING, OutboundStatus.UNKNOWN],
            ).exclude(pk=action.pk)
            if earlier.exists():
                return "a private reply was already sent for this comment (Meta allows one)"
            comment = Mention.objects.filter(channel=channel, external_id=action.target_external_id).first()
            if comment is not None and now - comment.created_at > PRIVATE_REPLY_WINDOW:
                return "private replies are only possible within 7 days of the comment"
        if action.verb == "dm":
            last = (
                Mention.objects.filter(channel=channel, thread_key=f"dm:{action.target_external_id}",
                                       direction=Direction.INBOUND)
                .order_by("-created_at").values_list("created_at", flat=True).first()
            )
            if last is None:
                return "the customer has not written to us: Meta only allows answers inside a conversation"
            age = now - last
            if age > HUMAN_AGENT_WINDOW or (age > STANDARD_WINDOW and not action.options.get("human_agent")):
                return "the messaging window has closed for this conversation"
        return None

    def _request(self, action: OutboundRequest, channel: Channel) -> tuple[str, dict[str, Any], dict[str, Any] | None]:
        """(url, query/form params, JSON body) of the documented call for this action."""
        base = _base(channel)
        target = action.target_external_id
        instagram = channel.platform == "instagram"
        if action.verb == "reply":
            if instagram:
                return f"{base}/{target}/replies", {"message": action.body}, None
            return f"{base}/{target}/comments", {"message": action.body}, None
        if action.verb in ("hide", "unhide"):
            value = "true" if action.verb == "hide" else "false"
            return f"{base}/{target}", {"hide" if instagram else "is_hidden": value}, None
        message: dict[str, Any] = {"text": action.body, "metadata": action.idempotency_key}
        if action.verb == "private_reply":
            return f"{base}/{channel.external_id}/messages", {}, {
                "recipient": {"comment_id": target}, "message": message}
        body: dict[str, Any] = {"recipient": {"id": target}, "messaging_type": "RESPONSE", "message": message}
        if action.options.get("human_agent"):
            body.update(messaging_type="MESSAGE_TAG", tag="HUMAN_AGENT")
        return f"{base}/{channel.external_id}/messages", {}, body

    def send(self, action: OutboundRequest, channel: Channel, http: httpx.Client) -> SendOutcome:
        try:
            token = _token(channel)
        except SecretError as exc:
            return failed(str(exc), "token")
        url, params, body = self._request(action, channel)
        headers = {"Authorization": f"Bearer {token}"}
        if body is None:
            response = http.post(url, data=params, headers=headers)
        else:
            response = http.post(url, json=body, headers=headers)
        if response.status_code != 200:
            return explain_error(response)
        data = json_or_empty(response)
        if action.verb in ("hide", "unhide"):
            return sent(action.target_external_id) if data.get("success") else failed("Meta did not confirm the change")
        new_id = data.get("id") or data.get("message_id")
        return sent(str(new_id)) if new_id else unknown("Meta answered without an id; checking")

    def find_sent(self, action: OutboundRequest, channel: Channel, http: httpx.Client) -> str | None:
        if action.verb != "reply":
            return None  # messages are reconciled by their echo (metadata carries our key)
        token = _token(channel)
        edge = "replies" if channel.platform == "instagram" else "comments"
        response = http.get(
            f"{_base(channel)}/{action.target_external_id}/{edge}",
            params={"fields": "id,message,text,from,username", "filter": "stream", "order": "reverse_chronological",
                    "limit": "50"},
            headers={"Authorization": f"Bearer {token}"},
        )
        if response.status_code != 200:
            return None
        for item in json_or_empty(response).get("data", []):
            author = (item.get("from") or {}).get("id")
            text = item.get("message") or item.get("text") or ""
            if text.strip() == action.body.strip() and (author in (None, channel.external_id)):
                return str(item["id"])
        return None
