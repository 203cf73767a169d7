"""LinkedIn Community Management calls for the outbox: comment replies as the organisation.

``POST https://api.linkedin.com/rest/socialActions/{urlencoded target}/comments`` with
``{"actor": <org URN>, "object": <post URN>, "message": {"text"}, "parentComment": <comment URN>}``
(``parentComment`` only when answering a comment; the comment URN names the post it is on).
Every call carries ``LinkedIn-Version: YYYYMM`` and ``X-Restli-Protocol-Version: 2.0.0``.
LinkedIn has no hide: replies only.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import httpx

from carewatch.lib.secrets import SecretError, reveal
from carewatch.sources.linkedin.urns import comment_parts, comment_urn, encoded, org_urn
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

API = "https://api.linkedin.com/rest"
RESTLI = "2.0.0"
VERSION_LAG_MONTHS = 3  # default version: released, and far from its ~12-month sunset
DEFAULT_RETRY_AFTER = 3600.0  # LinkedIn publishes no reset time for its daily limits


def default_version(today: datetime | None = None) -> str:
    """``YYYYMM`` a few months back: LinkedIn releases monthly and sunsets after about a year,
    so a rolling default never points at an unreleased or a retired version."""
    today = today or datetime.now(UTC)
    months = today.year * 12 + today.month - 1 - VERSION_LAG_MONTHS
    return f"{months // 12:04d}{months % 12 + 1:02d}"


def version(channel: Channel) -> str:
    return str(channel.settings.get("linkedin_version") or default_version())


def token(channel: Channel) -> str:
    stored = channel.secrets.get("access_token")
    if not stored:
        raise SecretError("the channel has no access_token")
    return reveal(stored)


def api_headers(channel: Channel, access_token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {access_token}", "LinkedIn-Version": version(channel),
            "X-Restli-Protocol-Version": RESTLI}


def retry_after(response: httpx.Response) -> float:
    value = response.headers.get("retry-after", "")
    return float(value) if value.strip().isdigit() else DEFAULT_RETRY_AFTER


def detail_of(response: httpx.Response) -> str:
    data = json_or_empty(response)
    message = data.get("message") if isinstance(data, dict) else None
    return str(message or response.reason_phrase or "no message")[:160]


def requested_version(response: httpx.Response) -> str:
    try:
        return response.request.headers.get("LinkedIn-Version", "")
    except RuntimeError:  # a response built without its request
        return ""


def explain_error(response: httpx.Response) -> SendOutcome:
    """LinkedIn's HTTP errors in plain words; 5xx means the outcome is unknown."""
    status = response.status_code
    detail = detail_of(response)
    if status >= 500:
        return unknown(f"LinkedIn answered {status}; checking before any retry")
    if status == 401:
        return failed(f"the access token has expired or was revoked: reconnect the page ({detail})", "token")
    if status == 403:
        return failed("missing permission: the token needs w_organization_social and the member must still be "
                      f"a page administrator ({detail})", "permission")
    if status == 429:
        return failed(f"rate limited by LinkedIn: try again later ({detail})", "rate_limited",
                      retry_after=retry_after(response))
    if status == 404:
        return failed(f"LinkedIn cannot find the post or comment (deleted?) ({detail})", "invalid")
    if status == 426:
        return failed(f"LinkedIn no longer serves API version {requested_version(response)}: set a newer "
                      f"linkedin_version on the channel ({detail})", "version")
    return failed(f"LinkedIn refused the request ({status}: {detail})", f"linkedin_{status}")


def _comment_id_of(item: dict[str, Any], post: str) -> str:
    """The URN of a comment the API returned (``commentUrn``/``$URN``, else built from ``id``)."""
    urn = str(item.get("commentUrn") or item.get("$URN") or "")
    if urn:
        return comment_urn(urn)
    numeric = str(item.get("id") or "")
    return f"urn:li:comment:({post},{numeric})" if numeric and post else numeric


class LinkedInClient(OutboundClient):
    verbs = ("reply",)

    def limit_for(self, action: OutboundRequest) -> tuple[str, Limit] | None:
        # LinkedIn publishes no numbers (daily limits per app and member, 429 past them); we keep
        # each page to a modest pace so one busy desk cannot use up the app's day.
        per_minute = int(action.channel.settings.get("write_limit_per_minute") or 30)
        return f"linkedin:{action.channel.external_id}:comments", Limit(per_minute, 60)

    @staticmethod
    def request(action: OutboundRequest, channel: Channel) -> tuple[str, dict[str, Any], str]:
        """(url, JSON body, the post URN) of the documented call for this reply."""
        target = comment_urn(action.target_external_id)
        parts = comment_parts(target)
        post = parts[0] if parts else target
        body: dict[str, Any] = {"actor": org_urn(channel.external_id), "object": post,
                                "message": {"text": action.body}}
        if parts:
            body["parentComment"] = target
        return f"{API}/socialActions/{encoded(target)}/comments", body, post

    def send(self, action: OutboundRequest, channel: Channel, http: httpx.Client) -> SendOutcome:
        try:
            access = token(channel)
        except SecretError as exc:
            return failed(str(exc), "token")
        url, body, post = self.request(action, channel)
        response = http.post(url, json=body, headers=api_headers(channel, access))
        if response.status_code not in (200, 201):
            return explain_error(response)
        data = json_or_empty(response)
        new_id = _comment_id_of(data if isinstance(data, dict) else {}, post) or _comment_id_of(
            {"$URN": response.headers.get("x-linkedin-id", ""), "id": response.headers.get("x-restli-id", "")}, post)
        return sent(new_id) if new_id else unknown("LinkedIn answered without an id; checking")

    def find_sent(self, action: OutboundRequest, channel: Channel, http: httpx.Client) -> str | None:
        target = comment_urn(action.target_external_id)
        parts = comment_parts(target)
        post = parts[0] if parts else target
        org = org_urn(channel.external_id)
        response = http.get(f"{API}/socialActions/{encoded(target)}/comments", params={"start": "0", "count": "100"},
                            headers=api_headers(channel, token(channel)))
        if response.status_code != 200:
            return None  # cannot tell yet: the outbox keeps it unknown and asks again later
        data = json_or_empty(response)
        for item in (data.get("elements") if isinstance(data, dict) else None) or []:
            if not isinstance(item, dict):
                continue
            message = item.get("message") if isinstance(item.get("message"), dict) else {}
            text = str((message or {}).get("text") or "")
            if item.get("actor") == org and text.strip() == action.body.strip():
                return _comment_id_of(item, post) or None
        return None
