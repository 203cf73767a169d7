"""LinkedIn sources: /hooks/linkedin/ for pushed notifications, and a pull fallback.

The pull source polls ``/rest/organizationalEntityNotifications`` only for channels whose
settings say ``"pull": true`` (webhooks need LinkedIn's approval; pull bootstraps and covers
for them). Its cursor keeps a closed time window and the paging offset inside it, so nothing is
fetched twice or skipped:

* ``since``: the newest ``lastModifiedAt`` seen (ms); the next window starts there, inclusive,
  so a notification stamped the same millisecond is never skipped; ``edge`` holds the keys
  already seen at exactly ``since`` and a page holding nothing else is not stored again;
* ``until``/``start``/``newest``/``next_edge``: while a window is being paged (more pages
  than one poll takes, or LinkedIn said "slow down" in the middle), the window stays fixed and
  the offset moves on, so new notifications arriving meanwhile cannot shift the pages.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

import httpx
from django.http import HttpRequest, HttpResponse, JsonResponse

from carewatch.inbox.normalised import ParseError, ParseResult
from carewatch.lib.secrets import SecretError, reveal
from carewatch.sources.base import PollResult, PullSource, PushSource
from carewatch.sources.http import http_for
from carewatch.sources.linkedin.client import API, LinkedInClient, api_headers, retry_after, token
from carewatch.sources.linkedin.parse import notifications_of, parse_payload
from carewatch.sources.linkedin.urns import encoded, org_forms, org_urn
from carewatch.sources.linkedin.verify import SIGNATURE_HEADER, SIGNED_WITH, challenge_response, signature_valid
from carewatch.sources.lookup import StoredMessages
from carewatch.sources.models import ChannelState, InboundEvent
from carewatch.sources.outbound import TIMEOUT, json_or_empty
from carewatch.tenancy.models import Channel

log = logging.getLogger(__name__)

PULL_ACTIONS = ("COMMENT", "SHARE_MENTION", "ADMIN_COMMENT", "COMMENT_EDIT", "COMMENT_DELETE")
PAGE_SIZE = 50
MAX_PAGES = 10  # per poll; the rest of a window waits for the next poll
DEFAULT_LOOKBACK_DAYS = 7  # the first poll reaches back this far (LinkedIn keeps 60 days)


class LinkedInSource(PushSource):
    name = "linkedin"
    platforms = ("linkedin",)
    # Batches of 10 notifications; each may carry a decorated post (up to 3,000 characters)
    # and comment (1,250), JSON-escaped at up to 6 bytes a character: ~260 KB at worst.
    max_body_bytes = 512 * 1024
    outbound = LinkedInClient()

    def handshake(self, request: HttpRequest, channels: list[Channel]) -> HttpResponse:
        code = request.GET.get("challengeCode", "")
        if not code:
            return JsonResponse({"error": "no challengeCode"}, status=400)
        application = request.GET.get("applicationId", "")
        candidates = channels
        if application:  # parent/child apps say which app is validating
            named = [c for c in channels if str(c.settings.get("application_id") or "") == application]
            candidates = named or channels
        secrets: set[str] = set()
        for channel in candidates:
            stored = channel.secrets.get("client_secret")
            if not stored:
                continue
            try:
                secrets.add(reveal(stored))
            except SecretError:
                continue
        if len(secrets) != 1:
            # None: nothing to answer with. Several: the challenge does not say which app is
            # asking, and a wrong answer would validate nothing; set settings.application_id.
            log.error("linkedin challenge: %s usable client secrets among the LinkedIn channels (need one)",
                      len(secrets))
            return JsonResponse({"error": "cannot answer the challenge"}, status=403)
        return JsonResponse(challenge_response(code, secrets.pop()))

    def account_ids(self, payload: Any) -> list[str]:
        ids: list[str] = []
        for item in payload.get("notifications") or []:
            if isinstance(item, dict) and item.get("organizationalEntity"):
                for form in org_forms(str(item["organizationalEntity"])):
                    if form not in ids:
                        ids.append(form)
        return ids

    def verify(self, raw: bytes, headers: Mapping[str, str], channel: Channel) -> bool:
        stored = channel.secrets.get(SIGNED_WITH)
        if not stored:
            raise SecretError(f"channel {channel.pk} has no {SIGNED_WITH}")
        return signature_valid(raw, headers.get(SIGNATURE_HEADER.lower()), reveal(stored))

    def parse(self, event: InboundEvent, stored: StoredMessages) -> ParseResult:
        return parse_payload(event)


def _key(item: dict[str, Any]) -> str:
    if item.get("notificationId") not in (None, ""):
        return f"n:{item['notificationId']}"
    return f"{item.get('action')}|{item.get('generatedActivity')}|{item.get('lastModifiedAt')}"


def _millis(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _has_next(data: dict[str, Any], start: int, got: int) -> bool:
    paging = data.get("paging") if isinstance(data.get("paging"), dict) else {}
    links = (paging or {}).get("links") or []
    if any(isinstance(link, dict) and link.get("rel") == "next" for link in links):
        return True
    total = (paging or {}).get("total")
    if isinstance(total, int):
        return start + got < total
    return got >= PAGE_SIZE


class LinkedInPullSource(PullSource):
    name = "linkedin_pull"
    platforms = ("linkedin",)
    poll_interval_seconds = 300

    def wants(self, channel: Channel) -> bool:
        return bool(channel.settings.get("pull"))

    @staticmethod
    def url(channel: Channel, since: int, until: int, start: int) -> str:
        # Rest.li 2.0: the structural characters of List(...) and (start:..,end:..) must stay
        # unescaped; only the URN is percent-encoded. So the query is built by hand.
        query = "&".join([
            "q=criteria",
            f"organizationalEntity={encoded(org_urn(channel.external_id))}",
            f"actions=List({','.join(PULL_ACTIONS)})",
            f"timeRange=(start:{since},end:{until})",
            urlencode({"start": start, "count": PAGE_SIZE}),
        ])
        return f"{API}/organizationalEntityNotifications?{query}"

    def poll(self, channel: Channel, state: ChannelState) -> PollResult:
        # polling imports the pipeline, which imports the registry, which imports this module.
        from carewatch.sources.base import PollError

        if not channel.external_id:
            raise PollError("the channel has no organisation id")
        try:
            access = token(channel)
        except SecretError as exc:
            raise PollError(str(exc)) from exc
        cursor = dict(state.poll_cursor or {})
        now = int(time.time() * 1000)
        lookback = int(channel.settings.get("pull_lookback_days") or DEFAULT_LOOKBACK_DAYS)
        since = _millis(cursor.get("since")) or now - lookback * 86_400_000
        until = _millis(cursor.get("until")) or now
        start = _millis(cursor.get("start")) or 0
        edge = set(cursor.get("edge") or [])  # already seen at exactly `since`
        newest = _millis(cursor.get("newest")) or since
        next_edge = set(cursor.get("next_edge") or edge)
        bodies: list[bytes] = []

        def paging() -> dict[str, Any]:
            return {"since": since, "until": until, "start": start, "newest": newest, "edge": sorted(edge),
                    "next_edge": sorted(next_edge)}

        headers = api_headers(channel, access)
        with http_for(channel, timeout=TIMEOUT) as http:
            for _ in range(MAX_PAGES):
                try:
                    response = http.get(self.url(channel, since, until, start), headers=headers)
                except httpx.HTTPError as exc:
                    raise PollError(f"no answer from LinkedIn ({exc.__class__.__name__})") from exc
                if response.status_code == 429:
                    # Keep what was fetched and where we are; resume after LinkedIn's pause.
                    return PollResult(bodies=bodies, cursor=paging(), retry_after_seconds=retry_after(response))
                if response.status_code != 200:
                    raise PollError(_poll_error(response))
                data = json_or_empty(response)
                try:
                    items = [i for i in notifications_of(data) if isinstance(i, dict)]
                except ParseError as exc:
                    raise PollError("LinkedIn answered without a notification list") from exc
                if any(_key(i) not in edge for i in items):
                    bodies.append(response.content)
                for item in items:
                    stamp = _millis(item.get("lastModifiedAt"))
                    if stamp is None:
                        continue
                    if stamp > newest:
                        newest, next_edge = stamp, {_key(item)}
                    elif stamp == newest:
                        next_edge.add(_key(item))
                if not _has_next(data if isinstance(data, dict) else {}, start, len(items)):
                    # The window is done: the next one starts at the newest notification seen.
                    return PollResult(bodies=bodies, cursor={"since": newest, "edge": sorted(next_edge)})
                start += len(items)
        return PollResult(bodies=bodies, cursor=paging())  # more pages: the next poll goes on

    def parse(self, event: InboundEvent, stored: StoredMessages) -> ParseResult:
        return parse_payload(event)


def _poll_error(response: httpx.Response) -> str:
    data = json_or_empty(response)
    detail = str((data.get("message") if isinstance(data, dict) else "") or response.reason_phrase)[:120]
    status = response.status_code
    if status == 401:
        return f"token expired: the LinkedIn access token has expired or was revoked; reconnect the page ({detail})"
    if status == 403:
        return ("LinkedIn refused: the token needs r_organization_social and the member must still be a page "
                f"administrator ({detail})")
    if status == 426:
        return f"LinkedIn no longer serves this API version: set a newer linkedin_version ({detail})"
    if status >= 500:
        return f"LinkedIn answered {status}; will try again"
    return f"LinkedIn refused the request ({status}: {detail})"
