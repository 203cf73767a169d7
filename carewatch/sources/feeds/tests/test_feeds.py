"""Web listening through the framework (poll_channel): hand-written RSS 2.0, Atom 1.0 and JSON
Feed 1.1 / 1.0 documents (written to each format's specification) served by respx."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
import respx
import time_machine

from carewatch.inbox.models import Mention
from carewatch.sources.feeds.parse import keywords_for, strip_html
from carewatch.sources.feeds.source import FeedSource
from carewatch.sources.lookup import nothing_stored
from carewatch.sources.models import ChannelState, EventState, InboundEvent
from carewatch.sources.polling import poll_channel
from carewatch.tenancy.models import Channel, Client, Product

RSS_URL = "https://news.example.org/health/rss.xml"
ATOM_URL = "https://blog.example.com/atom.xml"
JSON_URL = "https://forum.example.net/feed.json"
T0 = datetime(2026, 3, 2, 17, 0, tzinfo=UTC)

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Example Health News</title>
  <link>https://news.example.org/health</link>
  <description>Health news</description>
  {items}
</channel>
</rss>"""

RSS_ITEMS = [
    """<item>
    <title>Patients report Glucavio side effects</title>
    <link>https://news.example.org/health/glucavio-side-effects</link>
    <guid isPermaLink="false">news-1001</guid>
    <dc:creator>Jane Roe</dc:creator>
    <pubDate>Mon, 02 Mar 2026 14:30:00 GMT</pubDate>
    <description><![CDATA[<p>Several readers wrote about <b>nausea</b> &amp; dizziness.</p><script>track()</script>]]></description>
  </item>""",
    """<item>
    <title>Hospital opens a new wing</title>
    <link>https://news.example.org/health/new-wing</link>
    <guid isPermaLink="false">news-1002</guid>
    <pubDate>Mon, 02 Mar 2026 12:00:00 GMT</pubDate>
    <description>The county hospital expands.</description>
  </item>""",
    """<item>
    <title>Supply update</title>
    <link>https://news.example.org/health/supply</link>
    <pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate>
    <description>Pharmacies expect more SEMAGLUTIDE pens next month.</description>
  </item>""",
]

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>A patient's blog</title>
  <link href="https://blog.example.com/"/>
  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
  <updated>2026-03-02T16:00:00Z</updated>
  <author><name>Sam Writer</name></author>
  <entry>
    <title>My month with the Northwind   Pharma pen</title>
    <link href="https://blog.example.com/2026/03/pen"/>
    <id>tag:blog.example.com,2026:pen</id>
    <published>2026-03-01T09:00:00Z</published>
    <updated>2026-03-02T16:00:00Z</updated>
    <summary type="html">&lt;p&gt;It went &lt;em&gt;fine&lt;/em&gt;.&lt;/p&gt;</summary>
  </entry>
  <entry>
    <title>NorthwindPharmacy is not the same company</title>
    <link href="https://blog.example.com/2026/03/other"/>
    <id>tag:blog.example.com,2026:other</id>
    <updated>2026-03-02T10:00:00Z</updated>
    <summary>Nothing to see.</summary>
  </entry>
</feed>"""


def json_feed(*items: dict[str, Any], version: str = "https://jsonfeed.org/version/1.1") -> bytes:
    return json.dumps({"version": version, "title": "Forum", "home_page_url": "https://forum.example.net/",
                       "feed_url": JSON_URL, "items": list(items)}).encode()


@pytest.fixture
def listening(transactional_db: Any) -> Channel:
    client = Client.objects.create(slug="northwind", name="Northwind")
    Product.objects.create(client=client, name="Glucavio", generic="semaglutide", aliases=["glucavio pen"])
    return Channel.objects.create(client=client, platform="feed", handle="northwind-listening",
                                  sponsorship="third_party", settings={"urls": [RSS_URL]})


def settings(channel: Channel, **values: Any) -> Channel:
    Channel.objects.filter(pk=channel.pk).update(settings=values)
    channel.refresh_from_db()
    return channel


def rss(*items: str, **headers: str) -> httpx.Response:
    return httpx.Response(200, content=RSS.format(items="\n".join(items)).encode(),
                          headers={"Content-Type": "application/rss+xml", **headers})


def poll_at(channel: Channel, when: datetime) -> int | None:
    with time_machine.travel(when, tick=False):
        return poll_channel(channel)


def state_of(channel: Channel) -> ChannelState:
    return ChannelState.objects.get(channel=channel)


# ------------------------------------------------------------------ RSS, keywords from the products
@respx.mock
def test_rss_entries_naming_a_product_become_listening_mentions(listening: Channel) -> None:
    route = respx.get(RSS_URL).mock(return_value=rss(*RSS_ITEMS, ETag='"v1"',
                                                     **{"Last-Modified": "Mon, 02 Mar 2026 14:31:00 GMT"}))
    assert poll_at(listening, T0) == 1
    request = route.calls.last.request
    assert "if-none-match" not in request.headers and "if-modified-since" not in request.headers
    assert request.headers["User-Agent"].startswith("carewatch-feeds/")
    event = InboundEvent.objects.get()
    assert event.source == "feeds" and event.state == EventState.PROCESSED
    assert bytes(event.raw_body) == route.calls.last.response.content, "the document is stored as fetched"
    assert event.reason == "1 of 3 entries matched no keyword ('Hospital opens a new wing')"
    first = Mention.objects.get(external_id="news-1001")
    assert (first.kind, first.direction, first.platform) == ("listening", "in", "feed")
    assert first.text == "Patients report Glucavio side effects\n\nSeveral readers wrote about nausea & dizziness."
    assert first.url == "https://news.example.org/health/glucavio-side-effects"
    assert first.created_at == datetime(2026, 3, 2, 14, 30, tzinfo=UTC)
    assert (first.author.handle, first.author.external_id) == ("Jane Roe", "news.example.org/Jane Roe")
    assert first.platform_meta["matched_keywords"] == ["Glucavio", "side effects"]
    assert first.platform_meta["adverse_terms"] == ["side effects"]
    # No guid: the link is the id; no author: the site's host.
    supply = Mention.objects.get(external_id="https://news.example.org/health/supply")
    assert supply.author.handle == "news.example.org" and supply.platform_meta["matched_keywords"] == ["semaglutide"]
    assert state_of(listening).poll_cursor == {"feeds": {RSS_URL: {
        "etag": '"v1"', "last_modified": "Mon, 02 Mar 2026 14:31:00 GMT"}}}


@respx.mock
def test_the_etag_goes_back_a_304_stores_nothing_and_a_changed_feed_adds_only_new_entries(listening: Channel) -> None:
    route = respx.get(RSS_URL).mock(return_value=rss(*RSS_ITEMS, ETag='"v1"',
                                                     **{"Last-Modified": "Mon, 02 Mar 2026 14:31:00 GMT"}))
    poll_at(listening, T0)
    route.mock(return_value=httpx.Response(304, headers={"ETag": '"v1"'}))
    assert poll_at(listening, T0 + timedelta(minutes=16)) == 0
    request = route.calls.last.request
    assert request.headers["If-None-Match"] == '"v1"'
    assert request.headers["If-Modified-Since"] == "Mon, 02 Mar 2026 14:31:00 GMT"
    assert InboundEvent.objects.count() == 1 and state_of(listening).poll_cursor["feeds"][RSS_URL]["etag"] == '"v1"'
    newer = RSS_ITEMS[0].replace("news-1001", "news-1003").replace("Patients report", "Doctors discuss").replace(
        "glucavio-side-effects", "doctors")
    route.mock(return_value=rss(newer, *RSS_ITEMS, ETag='"v2"'))
    assert poll_at(listening, T0 + timedelta(minutes=32)) == 1
    assert route.calls.last.request.headers["If-None-Match"] == '"v1"'
    assert Mention.objects.count() == 3 and Mention.objects.filter(external_id="news-1003").exists()
    assert state_of(listening).poll_cursor == {"feeds": {RSS_URL: {"etag": '"v2"'}}}


@respx.mock
def test_a_server_without_validators_sending_the_same_document_adds_nothing(listening: Channel) -> None:
    respx.get(RSS_URL).mock(return_value=rss(*RSS_ITEMS))
    assert poll_at(listening, T0) == 1
    assert poll_at(listening, T0 + timedelta(minutes=16)) == 0
    assert InboundEvent.objects.count() == 1 and Mention.objects.count() == 2


# ------------------------------------------------------------------ Atom, explicit keywords
@respx.mock
def test_atom_with_explicit_keywords_matches_whole_words_only(listening: Channel) -> None:
    settings(listening, urls=[ATOM_URL], keywords=["northwind pharma"])
    respx.get(ATOM_URL).mock(return_value=httpx.Response(200, content=ATOM.encode(),
                                                         headers={"Content-Type": "application/atom+xml"}))
    poll_at(listening, T0)
    entry = Mention.objects.get()
    assert entry.external_id == "tag:blog.example.com,2026:pen"
    assert entry.text == "My month with the Northwind Pharma pen\n\nIt went fine."
    assert entry.author.handle == "Sam Writer" and entry.url == "https://blog.example.com/2026/03/pen"
    assert entry.created_at == datetime(2026, 3, 1, 9, tzinfo=UTC)
    assert entry.platform_meta["matched_keywords"] == ["northwind pharma"]
    assert "1 of 2 entries matched no keyword ('NorthwindPharmacy" in InboundEvent.objects.get().reason


# ------------------------------------------------------------------ JSON Feed
@respx.mock
def test_json_feed_items_are_read_without_feedparser(listening: Channel) -> None:
    settings(listening, feed_url=JSON_URL, keywords=["glucavio"], adverse_terms=["hospital"])
    respx.get(JSON_URL).mock(return_value=httpx.Response(200, content=json_feed(
        {"id": "post-77", "url": "https://forum.example.net/t/77", "title": "Glucavio and travel",
         "content_html": "<p>Ended up in the <i>hospital</i> after my glucavio dose.</p>",
         "date_published": "2026-03-02T08:15:00+01:00", "authors": [{"name": "pat_w"}]},
        {"id": "post-78", "url": "https://forum.example.net/t/78", "content_text": "Off topic.",
         "date_published": "2026-03-02T09:00:00Z"}), headers={"Content-Type": "application/feed+json"}))
    poll_at(listening, T0)
    post = Mention.objects.get()
    assert (post.external_id, post.author.handle) == ("post-77", "pat_w")
    assert post.text == "Glucavio and travel\n\nEnded up in the hospital after my glucavio dose."
    assert post.created_at == datetime(2026, 3, 2, 7, 15, tzinfo=UTC)
    assert post.platform_meta["matched_keywords"] == ["glucavio"], "explicit keywords: no adverse terms added"


def test_a_json_feed_1_0_author_and_summary_are_read(listening: Channel) -> None:
    raw = json_feed({"id": "1", "url": "https://forum.example.net/t/1", "summary": "glucavio pen jammed",
                     "author": {"name": "Old Style"}}, version="https://jsonfeed.org/version/1")
    result = FeedSource().parse(InboundEvent(source="feeds", channel=listening, raw_body=raw), nothing_stored)
    (change,) = result.changes
    assert change.author is not None and change.author.handle == "Old Style"
    assert change.extra["matched_keywords"] == ["Glucavio", "glucavio pen"] and change.created_at is None


# ------------------------------------------------------------------ what is not a match or not a feed
def test_without_keywords_an_adverse_term_alone_does_not_qualify_unless_asked(listening: Channel) -> None:
    raw = RSS.format(items=RSS_ITEMS[1]).encode()
    event = InboundEvent(source="feeds", channel=listening, raw_body=raw)
    assert FeedSource().parse(event, nothing_stored).changes == []
    settings(listening, urls=[RSS_URL], require_product=False)
    event.channel = listening
    (change,) = FeedSource().parse(event, nothing_stored).changes
    assert change.extra["matched_keywords"] == ["hospital"]


def test_a_client_without_products_or_keywords_ignores_with_a_reason(listening: Channel) -> None:
    Product.objects.all().delete()
    result = FeedSource().parse(InboundEvent(source="feeds", channel=listening, raw_body=RSS.format(
        items=RSS_ITEMS[0]).encode()), nothing_stored)
    assert result.changes == [] and "no keywords" in result.ignored_reason
    assert keywords_for(listening).qualifying == []


@respx.mock
def test_a_page_that_is_not_a_feed_is_rejected_and_kept(listening: Channel) -> None:
    respx.get(RSS_URL).mock(return_value=httpx.Response(200, content=b"<html><body>Sign in</body></html>",
                                                        headers={"Content-Type": "text/html"}))
    poll_at(listening, T0)
    event = InboundEvent.objects.get()
    assert event.state == EventState.REJECTED and event.reason.startswith("not a feed")


# ------------------------------------------------------------------ failures
@respx.mock
def test_one_broken_feed_is_noted_and_the_others_still_read(listening: Channel) -> None:
    settings(listening, urls=[RSS_URL, ATOM_URL], keywords=["glucavio"])
    respx.get(RSS_URL).mock(return_value=rss(*RSS_ITEMS))
    respx.get(ATOM_URL).mock(return_value=httpx.Response(404))
    assert poll_at(listening, T0) == 1
    state = state_of(listening)
    assert state.poll_cursor["feeds"][ATOM_URL] == {"error": f"{ATOM_URL} does not exist any more (404)"}
    assert state.last_error == "" and Mention.objects.count() == 1


@respx.mock
def test_all_feeds_failing_is_a_plain_failure_that_backs_off(listening: Channel) -> None:
    respx.get(RSS_URL).mock(return_value=httpx.Response(503, headers={"Retry-After": "1800"}))
    assert poll_at(listening, T0) == 0
    state = state_of(listening)
    assert state.last_error == f"{RSS_URL} asks us to slow down (503)"
    assert state.backoff_until == T0 + timedelta(seconds=1800)
    respx.get(RSS_URL).mock(side_effect=httpx.ConnectError("refused"))
    assert poll_at(listening, T0 + timedelta(hours=1)) == 0
    assert state_of(listening).last_error == f"no answer from {RSS_URL} (ConnectError)"


def test_a_channel_without_addresses_says_so(listening: Channel) -> None:
    settings(listening, keywords=["glucavio"])
    poll_at(listening, T0)
    assert state_of(listening).last_error == "no feed address: set the channel's urls"


def test_html_is_stripped_to_readable_text() -> None:
    assert strip_html("<p>One&nbsp;&amp; two</p><ul><li>three</li></ul><style>p{}</style>") == "One\xa0& two\n\nthree"
