"""Turn a stored feed document (RSS, Atom or JSON Feed) into ``listening`` mentions.

Only entries whose title or summary name one of the channel's keywords become mentions
(case-insensitive, whole words). Without ``settings["keywords"]`` the keywords are the client's
products (names, generics, aliases) and an entry must name one of them; adverse-event terms
(``settings["adverse_terms"]``, default ``DEFAULT_ADVERSE_TERMS``) found beside them are recorded
too (``require_product: false`` lets an adverse term alone qualify an entry). Every mention
keeps what it matched in ``matched_keywords``.

A mention: external id = the entry's id/guid (else its link), author = the entry's or feed's
author (else the site's host), URL = the entry's link, time = published (else updated), text =
title and summary without HTML.
"""

from __future__ import annotations

import calendar
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import feedparser

from carewatch.inbox.normalised import AuthorRef, ChangeKind, MentionChange, ParseError, ParseResult
from carewatch.sources.models import InboundEvent
from carewatch.tenancy.models import Channel, Product

DEFAULT_ADVERSE_TERMS = (
    "side effect", "side effects", "adverse reaction", "reaction", "hospital", "hospitalised", "hospitalized",
    "recall", "recalled", "overdose",
)
BLOCK_TAGS = {"p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "pre"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def strip_html(value: str) -> str:
    parser = _Text()
    parser.feed(value or "")
    parser.close()
    text = "".join(parser.parts)
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# ------------------------------------------------------------------ keywords
@dataclass
class Keywords:
    qualifying: list[str]  # one of these must match
    extra: list[str] = field(default_factory=list)  # recorded when they match beside a qualifying one

    def match(self, text: str) -> list[str]:
        found = [k for k in self.qualifying if _pattern(k).search(text)]
        if not found:
            return []
        return found + [k for k in self.extra if k not in found and _pattern(k).search(text)]


def _pattern(keyword: str) -> re.Pattern[str]:
    words = r"\s+".join(re.escape(w) for w in keyword.split())
    return re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE)


def _clean(values: Iterable[Any]) -> list[str]:
    seen: dict[str, str] = {}
    for value in values:
        text = " ".join(str(value or "").split())
        if text and text.lower() not in seen:
            seen[text.lower()] = text
    return list(seen.values())


def keywords_for(channel: Channel) -> Keywords:
    settings = channel.settings if isinstance(channel.settings, dict) else {}
    explicit = settings.get("keywords")
    if explicit:
        return Keywords(_clean(explicit if isinstance(explicit, list) else [explicit]))
    products: list[str] = []
    for product in Product.objects.filter(client_id=channel.client_id):
        products += [product.name, product.generic, *(product.aliases or [])]
    adverse = _clean(settings.get("adverse_terms", DEFAULT_ADVERSE_TERMS) or [])
    products = _clean(products)
    if settings.get("require_product", True) is False:
        return Keywords(_clean(products + adverse))
    return Keywords(products, adverse)


# ------------------------------------------------------------------ entries
@dataclass
class Entry:
    external_id: str
    title: str
    summary: str
    link: str
    author: str
    published: datetime | None
    updated: datetime | None


def _struct_time(value: Any) -> datetime | None:
    try:
        return datetime.fromtimestamp(calendar.timegm(value), tz=UTC) if value else None
    except (TypeError, ValueError, OverflowError):
        return None


def _iso(value: Any) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(str(value)) if value else None
    except ValueError:
        return None
    if parsed is not None and parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def _fallback_id(title: str, link: str, when: datetime | None) -> str:
    digest = hashlib.sha256(f"{title}|{link}|{when.isoformat() if when else ''}".encode()).hexdigest()[:32]
    return f"sha256:{digest}"


def _xml_entries(raw: bytes) -> tuple[list[Entry], str, str]:
    parsed = feedparser.parse(raw)
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        why = parsed.get("bozo_exception") or "neither RSS nor Atom"
        raise ParseError(f"not a feed ({why})"[:200])
    feed = parsed.feed
    entries = []
    for item in parsed.entries:
        title = strip_html(str(item.get("title") or ""))
        summary = str(item.get("summary") or "")
        if not summary and item.get("content"):
            summary = str(item["content"][0].get("value") or "")
        link = str(item.get("link") or "")
        # dict.get: feedparser's own lookup maps a missing updated_parsed to published_parsed (and warns).
        published = _struct_time(dict.get(item, "published_parsed"))
        updated = _struct_time(dict.get(item, "updated_parsed"))
        entries.append(Entry(
            external_id=str(item.get("id") or link or _fallback_id(title, link, published or updated)),
            title=title, summary=strip_html(summary), link=link, author=str(item.get("author") or ""),
            published=published, updated=updated))
    return entries, str(feed.get("author") or ""), str(feed.get("link") or "")


def _json_author(node: dict[str, Any]) -> str:
    authors = node.get("authors") or ([node["author"]] if isinstance(node.get("author"), dict) else [])
    names = [str(a.get("name")) for a in authors if isinstance(a, dict) and a.get("name")]
    return ", ".join(names)


def _json_entries(data: Any) -> tuple[list[Entry], str, str]:
    if not isinstance(data, dict) or "jsonfeed.org/version/" not in str(data.get("version", "")):
        raise ParseError("JSON that is not a JSON Feed (no jsonfeed.org version)")
    entries = []
    for item in data.get("items") or []:
        if not isinstance(item, dict):
            continue
        title = strip_html(str(item.get("title") or ""))
        summary = str(item.get("summary") or item.get("content_text") or "") or strip_html(
            str(item.get("content_html") or ""))
        link = str(item.get("url") or item.get("external_url") or "")
        published, updated = _iso(item.get("date_published")), _iso(item.get("date_modified"))
        entries.append(Entry(
            external_id=str(item.get("id") or link or _fallback_id(title, link, published or updated)),
            title=title, summary=strip_html(summary) if "<" in summary else summary.strip(), link=link,
            author=_json_author(item), published=published, updated=updated))
    return entries, _json_author(data), str(data.get("home_page_url") or "")


def entries_of(raw: bytes) -> tuple[list[Entry], str, str]:
    """(entries, the feed's author, the site's address) of an RSS, Atom or JSON Feed document."""
    head = raw.lstrip()[:1]
    if head in (b"{", b"["):
        try:
            data = json.loads(raw)
        except ValueError as exc:
            raise ParseError("body is not JSON") from exc
        return _json_entries(data)
    return _xml_entries(raw)


def _host(*urls: str) -> str:
    for url in urls:
        host = urlsplit(url).hostname if url else None
        if host:
            return host.removeprefix("www.")
    return "unknown site"


def parse_payload(event: InboundEvent) -> ParseResult:
    channel = event.channel
    if channel is None:
        raise ParseError("a fetched feed without its channel")
    entries, feed_author, site = entries_of(bytes(event.raw_body))
    keywords = keywords_for(channel)
    result = ParseResult()
    if not keywords.qualifying:
        result.ignored_reason = "no keywords: set the channel's keywords or the client's products"
        return result
    unmatched: list[str] = []
    for entry in entries:
        text = "\n\n".join(part for part in (entry.title, entry.summary) if part)
        matched = keywords.match(text)
        if not matched:
            unmatched.append(entry.title[:40] or entry.external_id[:40])
            continue
        host = _host(entry.link, site)
        name = entry.author or feed_author
        edited = entry.published is not None and entry.updated is not None and entry.updated > entry.published
        result.changes.append(MentionChange(
            change=ChangeKind.UPSERT, channel_id=channel.id, platform=channel.platform,
            external_id=entry.external_id[:255], kind="listening", direction="in", text=text,
            author=AuthorRef(f"{host}/{name}" if name else host, name or host, name or host),
            created_at=entry.published or entry.updated, thread_key=entry.external_id[:255], url=entry.link[:500],
            extra={"matched_keywords": matched, "adverse_terms": [m for m in matched if m in keywords.extra],
                   "site": host, "is_edit": edited},
        ))
    if unmatched:
        shown = "; ".join(f"'{t}'" for t in unmatched[:3])
        result.ignored_reason = f"{len(unmatched)} of {len(entries)} entries matched no keyword ({shown})"[:300]
    elif not entries:
        result.ignored_reason = "the feed has no entries"
    return result
