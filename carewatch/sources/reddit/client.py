"""Reddit API calls for the outbox, and what the poller shares with them.

* reply: ``POST https://oauth.reddit.com/api/comment`` form ``api_type=json&thing_id=<fullname>&text=…``
  (scope ``submit``; a comment, post or private message can be answered) → the new comment is
  ``json.data.things[0].data.name``; errors come back in ``json.errors`` as ``[code, message,
  field]`` with HTTP 200 (``RATELIMIT``: "you are doing that too much. try again in 9 minutes.");
* hide (moderators of the subreddit only): ``POST /api/remove`` form ``id=<fullname>&spam=false``
  (scope ``modposts``);
* find_sent: the account's newest comments (``/user/<handle>/comments``), or its sent messages
  for an answer to a message, matched by parent and text.

Every call carries a descriptive User-Agent (``carewatch:<version> (by /u/<handle>)``) and the
channel's OAuth token. Reddit allows about 100 calls a minute per OAuth client.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

import httpx

from carewatch.lib.secrets import SecretError
from carewatch.sources.oauth import REDDIT, access_token
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

OAUTH = "https://oauth.reddit.com"
WEB = "https://www.reddit.com"
DEFAULT_RETRY_AFTER = 60.0


@cache
def app_version() -> str:
    try:
        return version("carewatch")
    except PackageNotFoundError:
        return "0"


def handle_of(channel: Channel) -> str:
    """The account's username without ``u/``."""
    return re.sub(r"^/?u/", "", channel.handle.strip().lstrip("@"))


def user_agent(channel: Channel) -> str:
    return f"carewatch:{app_version()} (by /u/{handle_of(channel)})"


def api_headers(channel: Channel) -> dict[str, str]:
    token = access_token(channel, REDDIT, user_agent=user_agent(channel))
    if not token:
        raise SecretError("the channel has no access_token")
    return {"Authorization": f"Bearer {token}", "User-Agent": user_agent(channel)}


def _number(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def rate_headers(response: httpx.Response) -> tuple[float | None, float | None]:
    """(X-Ratelimit-Remaining, X-Ratelimit-Reset seconds) when Reddit sent them."""
    return _number(response.headers.get("x-ratelimit-remaining")), _number(response.headers.get("x-ratelimit-reset"))


def retry_after(response: httpx.Response) -> float:
    _, reset = rate_headers(response)
    wait = _number(response.headers.get("retry-after")) or reset
    return wait if wait and wait > 0 else DEFAULT_RETRY_AFTER


def _wait_in(message: str) -> float | None:
    """Seconds in "try again in 9 minutes" / "in 30 seconds"."""
    match = re.search(r"(\d+)\s*(second|minute|hour)", message)
    if not match:
        return None
    return int(match.group(1)) * {"second": 1, "minute": 60, "hour": 3600}[match.group(2)]


def explain_errors(errors: list[Any], data: dict[str, Any]) -> SendOutcome:
    """``json.errors`` (``[code, message, field]``) in plain words."""
    first = errors[0] if isinstance(errors[0], list) else [str(errors[0])]
    code = str(first[0]) if first else "ERROR"
    message = str(first[1]) if len(first) > 1 else code
    if code == "RATELIMIT":
        wait = _number(str(data.get("ratelimit", ""))) or _wait_in(message) or 600.0
        return failed(f"rate limited by Reddit: {message}", "rate_limited", retry_after=wait)
    plain = {
        "THREAD_LOCKED": "the thread is locked: nobody can comment on it",
        "DELETED_COMMENT": "the comment was deleted",
        "DELETED_LINK": "the post was deleted",
        "TOO_OLD": "the post is archived: it can no longer be commented on",
        "USER_BLOCKED": "the person has blocked this account",
        "NOT_WHITELISTED_BY_USER_MESSAGE": "the person does not accept messages from this account",
        "SUBREDDIT_NOTALLOWED": "this account may not post in this subreddit",
        "BANNED_FROM_SUBREDDIT": "this account is banned from this subreddit",
        "TOO_LONG": "the message is too long for Reddit",
        "NO_TEXT": "a message cannot be empty",
    }.get(code)
    return failed(f"{plain} ({message})" if plain else f"Reddit refused the request ({code}: {message})",
                  code.lower())


def explain_status(response: httpx.Response) -> SendOutcome:
    status = response.status_code
    if status >= 500:
        return unknown(f"Reddit answered {status}; checking before any retry")
    if status == 401:
        return failed("the access token has expired or was revoked: reconnect the channel", "token")
    if status == 429:
        return failed("rate limited by Reddit: try again later", "rate_limited", retry_after=retry_after(response))
    if status == 403:
        return failed("Reddit forbids this: the account lacks the permission (a moderator, or the token's scope)",
                      "forbidden")
    if status == 404:
        return failed("Reddit does not know this comment or post any more", "not_found")
    return failed(f"Reddit refused the request ({status})", f"reddit_{status}")


class RedditClient(OutboundClient):
    verbs = ("reply", "hide")

    def limit_for(self, action: OutboundRequest) -> tuple[str, Limit] | None:
        # The limit is per OAuth client (app); without its id, per account.
        client_id = str(action.channel.settings.get("client_id") or handle_of(action.channel)).lower()
        return f"reddit:{client_id}", Limit(100, 60)

    @staticmethod
    def request(action: OutboundRequest) -> tuple[str, dict[str, str]]:
        if action.verb == "reply":
            return f"{OAUTH}/api/comment", {"api_type": "json", "thing_id": action.target_external_id,
                                            "text": action.body}
        return f"{OAUTH}/api/remove", {"id": action.target_external_id, "spam": "false"}

    def send(self, action: OutboundRequest, channel: Channel, http: httpx.Client) -> SendOutcome:
        try:
            headers = api_headers(channel)
        except SecretError as exc:
            return failed(str(exc), "token")
        url, form = self.request(action)
        response = http.post(url, data=form, headers=headers)
        if response.status_code != 200:
            return explain_status(response)
        data = json_or_empty(response)
        if action.verb == "hide":
            # /api/remove answers {} when done
            return sent(action.target_external_id) if isinstance(data, dict) else unknown("unreadable answer")
        body = data.get("json") if isinstance(data, dict) else None
        if not isinstance(body, dict):
            return unknown("Reddit answered without a result; checking")
        errors = body.get("errors") or []
        if errors:
            return explain_errors(errors, body)
        things = ((body.get("data") or {}).get("things")) or []
        name = things[0].get("data", {}).get("name") if things and isinstance(things[0], dict) else None
        return sent(str(name)) if name else unknown("Reddit answered without the new comment; checking")

    def find_sent(self, action: OutboundRequest, channel: Channel, http: httpx.Client) -> str | None:
        if action.verb != "reply":
            return None  # a removal can safely be made again
        headers = api_headers(channel)
        target = action.target_external_id
        # An answer to a private message is a message; to a comment or post, a comment.
        url = f"{OAUTH}/message/sent" if target.startswith("t4_") else f"{OAUTH}/user/{handle_of(channel)}/comments"
        response = http.get(url, params={"raw_json": "1", "limit": "100", "sort": "new"}, headers=headers)
        if response.status_code != 200:
            return None
        listing = json_or_empty(response)
        children = (listing.get("data") or {}).get("children") or [] if isinstance(listing, dict) else []
        for child in children:
            item = child.get("data") or {} if isinstance(child, dict) else {}
            answers = target in (item.get("parent_id"), item.get("first_message_name"))
            mine = str(item.get("author") or "").lower() == handle_of(channel).lower()
            if answers and mine and str(item.get("body") or "").strip() == action.body.strip():
                return str(item.get("name"))
        return None
