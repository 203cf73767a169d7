"""Tracked links: every link in a sent reply becomes ``<base>/l/<code>``, unique to that reply,
redirecting with UTM parameters; clicks are counted with bots (link previewers, crawlers, scripts)
left out; totals per case, per template and per client for reports ("prime actions")."""

from __future__ import annotations

import re
import secrets
import string
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.db.models import Count

from carewatch.replies.lint import SHORT_CODE_LENGTH, _is_tracked, links, short_link_prefix
from carewatch.replies.models import LinkClick, ReplyDraft, TrackedLink
from carewatch.replies.policy import policy_for

if TYPE_CHECKING:
    from datetime import datetime

ALPHABET = string.ascii_letters + string.digits
CODE = re.compile(rf"^[A-Za-z0-9]{{{SHORT_CODE_LENGTH}}}$")

# User agents of link previewers, crawlers and HTTP libraries: their requests are not people.
BOT_MARKERS = (
    "bot", "crawl", "spider", "slurp", "facebookexternalhit", "facebookcatalog", "meta-externalagent",
    "whatsapp", "telegram", "skypeuripreview", "embedly", "pinterest", "bitlybot", "tumblr", "vkshare",
    "w3c_validator", "preview", "headless", "phantomjs", "curl/", "wget/", "python-requests", "python-urllib",
    "httpx", "aiohttp", "go-http-client", "okhttp", "java/", "libwww", "apache-httpclient", "node-fetch",
    "axios", "scrapy", "lighthouse", "pagespeed", "google-inspectiontool", "feedfetcher", "mediapartners",
    "ahrefs", "semrush", "mj12", "dotbot", "petalbot", "yandex", "baiduspider", "bingpreview", "qwantify",
    "duckduckgo", "applebot", "linkedinbot", "twitterbot", "slackbot", "discordbot", "redditbot", "iframely",
    "outbrain", "quora link preview", "nuzzel", "flipboard", "zoominfo", "validator", "monitor", "uptime",
)


def is_bot(user_agent: str) -> bool:
    ua = (user_agent or "").strip().lower()
    return not ua or any(marker in ua for marker in BOT_MARKERS)


def new_code() -> str:
    while True:
        code = "".join(secrets.choice(ALPHABET) for _ in range(SHORT_CODE_LENGTH))
        if not TrackedLink.objects.filter(code=code).exists():
            return code


def track_links(reply: ReplyDraft, text: str) -> str:
    """``text`` with each link not yet tracked replaced by a new short link of this reply.
    Runs inside the transaction that queues the reply."""
    policy = policy_for(reply.client)
    prefix = short_link_prefix(policy)
    template = reply.template_version.template if reply.template_version is not None else None
    out: list[str] = []
    last = 0
    for start, end, url in links(text):
        if _is_tracked(url, policy):
            continue
        target = url if url.lower().startswith(("http://", "https://")) else f"https://{url}"
        link = TrackedLink.objects.create(
            code=new_code(), client_id=reply.client_id, reply=reply, case_id=reply.case_id, template=template,
            template_key=template.key if template else "", platform=reply.channel.platform, target_url=target[:2000],
        )
        out.extend([text[last:start], prefix + link.code])
        last = end
    out.append(text[last:])
    return "".join(out)


def destination(link: TrackedLink, client_slug: str) -> str:
    """The target with UTM parameters (ours replace any the agent typed)."""
    parts = urlsplit(link.target_url)
    utm = {
        "utm_source": "carewatch", "utm_medium": link.platform, "utm_campaign": client_slug,
        "utm_content": link.template_key or "free-text",
    }
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in utm]
    query.extend(utm.items())
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), parts.fragment))


def click_totals(client_id: int, *, since: datetime | None = None, until: datetime | None = None
                 ) -> dict[str, Any]:
    """People's clicks (bots left out) per case, per template and for the client, for reports.

    ``{"client": n, "bots": n, "by_case": {case_id: n}, "by_template": {key: n}, "links": n}``;
    the free-text replies' links count under the template key ``""``."""
    clicks = LinkClick.objects.filter(link__client_id=client_id)
    if since is not None:
        clicks = clicks.filter(at__gte=since)
    if until is not None:
        clicks = clicks.filter(at__lt=until)
    people = clicks.filter(bot=False)
    by_case = {row["link__case_id"]: row["n"] for row in
               people.values("link__case_id").annotate(n=Count("id")).order_by() if row["link__case_id"]}
    by_template = {row["link__template_key"]: row["n"] for row in
                   people.values("link__template_key").annotate(n=Count("id")).order_by()}
    return {
        "client": people.count(),
        "bots": clicks.filter(bot=True).count(),
        "by_case": by_case,
        "by_template": by_template,
        "links": TrackedLink.objects.filter(client_id=client_id).count(),
    }
