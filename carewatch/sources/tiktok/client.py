"""TikTok API for Business calls for the outbox: comment reply, hide/unhide, Business Messaging DM.

Base ``https://business-api.tiktok.com/open_api/v1.3``, header ``Access-Token``. TikTok answers
errors with HTTP 200 and ``code != 0`` in the body, so the body's code decides, not the status.
Return codes other than 0 and 40100 (rate limit) are not in our reference: token and
permission problems are recognised by the codes other integrations report and, failing that,
by the words of TikTok's own message.
"""

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

BASE = "https://business-api.tiktok.com/open_api/v1.3"
MAX_COMMENT = 150  # characters, per the comment API
DM_WINDOW = timedelta(hours=48)  # after the customer's last message
RATE_LIMIT_CODE = 40100
RATE_LIMIT_WAIT = 300.0  # "wait 5 min for QPM" (reported; a daily cap waits until 00:00 UTC)
TOKEN_CODES = {40102, 40104, 40105, 40106, 40107}  # reported: missing/expired/revoked token (unverified)
PERMISSION_CODES = {40001, 40003, 40007}  # reported: no permission / scope (unverified)
ENDPOINTS = {
    "reply": "/business/comment/reply/create/",
    "hide": "/business/comment/hide/",
    "unhide": "/business/comment/hide/",
    "dm": "/business/message/send/",
}


def _obj(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _token(channel: Channel) -> str:
    stored = channel.secrets.get("access_token")
    if not stored:
        raise SecretError("the channel has no access_token")
    return reveal(stored)


def video_of(channel: Channel, comment_id: str, options: dict[str, Any] | None = None) -> str:
    """The video a comment is on: given in the action, else from the stored comment."""
    given = str((options or {}).get("video_id") or "")
    if given:
        return given
    mention = Mention.objects.filter(channel=channel, external_id=comment_id).only(
        "platform_meta", "thread_key").first()
    if mention is None:
        return ""
    video = str((mention.platform_meta or {}).get("video_id") or "")
    if not video and mention.thread_key and not mention.thread_key.startswith("dm:"):
        video = mention.thread_key
    return video


def explain_error(response: httpx.Response) -> SendOutcome:
    """An HTTP failure or a body with ``code != 0``, in plain words; 5xx means unknown."""
    if response.status_code >= 500:
        return unknown(f"TikTok answered {response.status_code}; checking before any retry")
    data = json_or_empty(response)
    data = data if isinstance(data, dict) else {}
    try:
        code = int(data.get("code") or 0)
    except (TypeError, ValueError):
        code = 0
    detail = str(data.get("message") or response.reason_phrase or "no message")[:160]
    words = detail.lower()
    if code == RATE_LIMIT_CODE or response.status_code == 429:
        return failed(f"rate limited by TikTok: try again in a few minutes ({detail})", "rate_limited",
                      retry_after=RATE_LIMIT_WAIT)
    if code in TOKEN_CODES or response.status_code == 401 or "token" in words:
        return failed(f"the access token has expired or was revoked: reconnect the account ({detail})", "token")
    if code in PERMISSION_CODES or response.status_code == 403 or "permission" in words or "scope" in words:
        return failed(f"missing permission for this action: check the app's scopes ({detail})", "permission")
    if code:
        return failed(f"TikTok refused the request ({detail})", f"tiktok_{code}")
    return failed(f"TikTok refused the request (HTTP {response.status_code}: {detail})", "tiktok")


class TikTokClient(OutboundClient):
    verbs = ("reply", "hide", "unhide", "dm")

    def limit_for(self, action: OutboundRequest) -> tuple[str, Limit] | None:
        # Reported: 40 calls a minute per authorised account per endpoint (Basic tier).
        endpoint = ENDPOINTS.get(action.verb, action.verb).strip("/").replace("/", ".")
        return f"tiktok:{action.channel.external_id}:{endpoint}", Limit(40, 60)

    def refuse(self, action: OutboundRequest, channel: Channel, now: datetime) -> str | None:
        if action.verb == "reply" and len(action.body) > MAX_COMMENT:
            return f"TikTok comments are limited to {MAX_COMMENT} characters; this reply has {len(action.body)}"
        if action.verb in ("reply", "hide", "unhide") and not video_of(
                channel, action.target_external_id, action.options):
            return "the video of this comment is not known, so TikTok cannot be asked (no video_id)"
        if action.verb == "dm":
            last = (
                Mention.objects.filter(channel=channel, thread_key=f"dm:{action.target_external_id}",
                                       direction=Direction.INBOUND)
                .order_by("-created_at").values_list("created_at", flat=True).first()
            )
            if last is None:
                return "the customer has not written to us: TikTok only allows answers inside a conversation"
            if now - last > DM_WINDOW:
                return "the messaging window has closed: TikTok allows answers up to 48 hours after the customer's " \
                       "last message"
        return None

    def request_body(self, action: OutboundRequest, channel: Channel) -> dict[str, Any]:
        """The documented JSON body for this action."""
        business = channel.external_id
        target = action.target_external_id
        if action.verb == "dm":
            return {"business_id": business, "recipient_type": "CONVERSATION", "recipient": target,
                    "message_type": "TEXT", "text": {"body": action.body}}
        video = video_of(channel, target, action.options)
        if action.verb == "reply":
            return {"business_id": business, "video_id": video, "comment_id": target, "text": action.body}
        return {"business_id": business, "comment_id": target, "video_id": video,
                "action": "HIDE" if action.verb == "hide" else "UNHIDE"}

    def send(self, action: OutboundRequest, channel: Channel, http: httpx.Client) -> SendOutcome:
        try:
            token = _token(channel)
        except SecretError as exc:
            return failed(str(exc), "token")
        response = http.post(BASE + ENDPOINTS[action.verb], json=self.request_body(action, channel),
                             headers={"Access-Token": token})
        if response.status_code != 200:
            return explain_error(response)
        data = json_or_empty(response)
        if not isinstance(data, dict) or "code" not in data:
            return unknown("TikTok answered without a readable body; checking")
        if str(data["code"]) != "0":
            return explain_error(response)
        payload = _obj(data.get("data"))
        if action.verb in ("hide", "unhide"):
            return sent(action.target_external_id)
        if action.verb == "dm":
            new_id = _obj(payload.get("message")).get("message_id") or payload.get("message_id")
        else:
            new_id = payload.get("comment_id")
        return sent(str(new_id)) if new_id else unknown("TikTok answered without an id; checking")

    def find_sent(self, action: OutboundRequest, channel: Channel, http: httpx.Client) -> str | None:
        if action.verb == "dm":
            return self._dm_echo(action, channel)
        if action.verb != "reply":
            return None  # hiding twice is harmless: the outbox may safely send it again
        video = video_of(channel, action.target_external_id, action.options)
        response = http.get(
            f"{BASE}/business/comment/reply/list/",
            params={"business_id": channel.external_id, "video_id": video, "comment_id": action.target_external_id},
            headers={"Access-Token": _token(channel)},
        )
        data = json_or_empty(response)
        if response.status_code != 200 or not isinstance(data, dict) or str(data.get("code")) != "0":
            return None  # cannot tell yet: the outbox keeps it unknown and asks again later
        for item in _obj(data.get("data")).get("comments") or []:
            if not isinstance(item, dict):
                continue
            own = item.get("owner") is True or str(item.get("owner")).lower() == "true"
            if own and str(item.get("text") or "").strip() == action.body.strip() and item.get("comment_id"):
                return str(item["comment_id"])
        return None

    @staticmethod
    def _dm_echo(action: OutboundRequest, channel: Channel) -> str | None:
        """TikTok echoes our sends as ``im_send_msg``: the outbound message in the conversation."""
        echo = (
            Mention.objects.filter(channel=channel, thread_key=f"dm:{action.target_external_id}",
                                   direction=Direction.OUTBOUND, created_at__gte=action.created_at - timedelta(
                                       minutes=5))
            .order_by("created_at").only("external_id", "text")
        )
        for mention in echo[:50]:
            if mention.text.strip() == action.body.strip():
                return mention.external_id
        return None
