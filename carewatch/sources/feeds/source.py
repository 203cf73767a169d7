"""The web-listening source: RSS, Atom and JSON Feed documents, fetched on a schedule.

``channel.settings``: ``urls`` (or a single ``feed_url``), and ``keywords`` / ``adverse_terms``
(see parse.py). Each feed is fetched with a conditional GET: the cursor keeps, per URL, the
``ETag`` and ``Last-Modified`` the server sent, returned as ``If-None-Match`` /
``If-Modified-Since``; a 304 means nothing changed and nothing is stored. A changed document is
stored whole as one raw event (identical documents are stored once, by content). A feed that
fails is noted in the cursor and the others are still read; the poll fails only if all do.
"""

from __future__ import annotations

import logging
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import httpx

from carewatch.inbox.normalised import ParseResult
from carewatch.sources.base import PollError, PollResult, PullSource
from carewatch.sources.feeds.parse import parse_payload
from carewatch.sources.http import http_for
from carewatch.sources.lookup import StoredMessages
from carewatch.sources.models import ChannelState, InboundEvent
from carewatch.sources.outbound import TIMEOUT
from carewatch.tenancy.models import Channel

log = logging.getLogger(__name__)

MAX_BYTES = 5 * 1024 * 1024
ACCEPT = ("application/feed+json, application/atom+xml, application/rss+xml, application/json;q=0.9, "
          "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")


def feed_urls(channel: Channel) -> list[str]:
    settings = channel.settings if isinstance(channel.settings, dict) else {}
    urls = settings.get("urls") or ([settings["feed_url"]] if settings.get("feed_url") else [])
    if isinstance(urls, str):
        urls = [urls]
    return [str(u).strip() for u in urls if str(u).strip()]


@cache
def app_version() -> str:
    try:
        return version("carewatch")
    except PackageNotFoundError:
        return "0"


class _Failed(Exception):
    def __init__(self, message: str, wait: float | None = None) -> None:
        super().__init__(message)
        self.wait = wait  # the server's Retry-After, when it gave one


class FeedSource(PullSource):
    name = "feeds"
    platforms = ("feed",)
    poll_interval_seconds = 900

    def parse(self, event: InboundEvent, stored: StoredMessages) -> ParseResult:
        return parse_payload(event)

    def poll(self, channel: Channel, state: ChannelState) -> PollResult:
        urls = feed_urls(channel)
        if not urls:
            raise PollError("no feed address: set the channel's urls")
        old = state.poll_cursor.get("feeds") if isinstance(state.poll_cursor, dict) else None
        known: dict[str, dict[str, Any]] = old if isinstance(old, dict) else {}
        cursor: dict[str, dict[str, Any]] = {}
        bodies: list[bytes] = []
        errors: list[str] = []
        wait: float | None = None
        headers = {"User-Agent": f"carewatch-feeds/{app_version()}", "Accept": ACCEPT}
        with http_for(channel, timeout=TIMEOUT, headers=headers, follow_redirects=True) as http:
            for url in urls:
                mark = dict(known.get(url) or {})
                mark.pop("error", None)
                try:
                    body, mark, slow = fetch(http, url, mark)
                except _Failed as exc:
                    errors.append(str(exc))
                    mark["error"] = str(exc)
                    slow = exc.wait
                else:
                    if body:
                        bodies.append(body)
                cursor[url] = mark
                wait = max(wait or 0.0, slow) if slow else wait
        if errors and len(errors) == len(urls):
            raise PollError("; ".join(errors)[:300], retry_after_seconds=wait)
        for problem in errors:
            log.warning("feed channel %s: %s", channel.pk, problem)
        return PollResult(bodies=bodies, cursor={"feeds": cursor}, retry_after_seconds=wait)


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after", "").strip()
    return float(value) if value.isdigit() else None


def fetch(http: httpx.Client, url: str, mark: dict[str, Any]) -> tuple[bytes, dict[str, Any], float | None]:
    """(new document or b"" when unchanged, the validators to keep, seconds the server asked us to wait)."""
    conditional: dict[str, str] = {}
    if mark.get("etag"):
        conditional["If-None-Match"] = str(mark["etag"])
    if mark.get("last_modified"):
        conditional["If-Modified-Since"] = str(mark["last_modified"])
    try:
        with http.stream("GET", url, headers=conditional) as response:
            if response.status_code == 304:
                return b"", mark, None
            if response.status_code in (429, 503) and _retry_after(response):
                raise _Failed(f"{url} asks us to slow down ({response.status_code})", _retry_after(response))
            if response.status_code != 200:
                raise _Failed(_status_words(url, response.status_code))
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > MAX_BYTES:
                    raise _Failed(f"{url} is larger than {MAX_BYTES // (1024 * 1024)} MB")
                chunks.append(chunk)
            validators = {"etag": response.headers.get("etag"), "last_modified": response.headers.get("last-modified")}
    except httpx.HTTPError as exc:
        raise _Failed(f"no answer from {url} ({exc.__class__.__name__})") from exc
    return b"".join(chunks), {k: v for k, v in validators.items() if v}, None


def _status_words(url: str, status: int) -> str:
    if status in (401, 403):
        return f"{url} refused access ({status}): the feed needs other credentials"
    if status in (404, 410):
        return f"{url} does not exist any more ({status})"
    if status >= 500:
        return f"{url} answered {status}; will try again"
    return f"{url} answered {status}"
