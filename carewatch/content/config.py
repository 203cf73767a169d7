"""Campaigns and scheduled posts' metadata in config-as-code, under each client:

```yaml
campaigns:
  - key: wdd-2026
    name: World Diabetes Day 2026
    product: Glucavio            # optional, a product of the client
    starts: 2026-11-01           # optional
    ends: 2026-11-30
posts:                           # metadata of planned posts; exported for approved and scheduled ones
  - title: Diabetes day kickoff
    campaign: wdd-2026
    planned: "2026-11-14T10:00"  # the client's local time
    channels: ["facebook:NorthwindRx", "x:northwind_rx"]
    text: {facebook: "...", x: "..."}   # only to create a post that does not exist yet (as a draft)
    status: scheduled            # exported for information; apply never changes a status
```

A post is found by its title within the client. An existing post is only moved to ``planned``
(no content change: its approvals stay) and never edited: content changes go through MLR review
in the app. A post that does not exist yet is created as a draft when ``text`` is given. Nothing
is deleted by omission. Each change is a line of the apply's output and an audit event.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError

from carewatch.content import actions
from carewatch.content.models import Campaign, Post, PostStatus
from carewatch.content.times import parse_local, to_local, to_utc
from carewatch.tenancy.models import Channel, Client, Product

Note = Callable[[str, str, int | None, Any, dict[str, Any]], None]
CAMPAIGN_KEYS = {"key", "name", "product", "starts", "ends"}
POST_KEYS = {"title", "campaign", "product", "planned", "channels", "text", "status", "version", "content_hash",
             "promotional"}


def _date(value: Any, where: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"{where}: must be a YYYY-MM-DD date") from None


def _product(client: Client, name: Any, where: str) -> Product | None:
    if not name:
        return None
    product = Product.objects.filter(client=client, name=str(name)).first()
    if product is None:
        raise ValueError(f"{where}: {client.slug} has no product {name!r}")
    return product


def _channels(client: Client, values: Any, where: str) -> list[int]:
    if not isinstance(values, list) or not values:
        raise ValueError(f"{where}: channels must list platform:handle")
    ids = []
    for value in values:
        platform, _, handle = str(value).partition(":")
        channel = Channel.objects.filter(client=client, platform=platform, handle=handle).first()
        if channel is None:
            raise ValueError(f"{where}: {client.slug} has no channel {value!r}")
        ids.append(channel.pk)
    return ids


def apply_content(client: Client, spec: dict[str, Any], note: Note) -> None:
    campaigns = spec.get("campaigns") or []
    posts = spec.get("posts") or []
    if not isinstance(campaigns, list) or not isinstance(posts, list):
        raise ValueError(f"client {client.slug}: campaigns and posts must be lists")
    for item in campaigns:
        where = f"client {client.slug} campaign {item.get('key') if isinstance(item, dict) else item!r}"
        if not isinstance(item, dict) or not item.get("key"):
            raise ValueError(f"{where}: each campaign needs a key")
        unknown = set(item) - CAMPAIGN_KEYS
        if unknown:
            raise ValueError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
        before = Campaign.objects.filter(client=client, key=str(item["key"]).strip().lower()).first()
        snapshot = (before.name, before.product_id, before.starts_on, before.ends_on) if before else None
        try:
            campaign = actions.do_save_campaign(
                None, client, str(item["key"]), str(item.get("name") or item["key"]),
                product=_product(client, item.get("product"), where),
                starts_on=_date(item.get("starts"), f"{where} starts"),
                ends_on=_date(item.get("ends"), f"{where} ends"),
                actor_label="config")
        except ValidationError as exc:
            raise ValueError(f"{where}: {'; '.join(exc.messages)}") from None
        after = (campaign.name, campaign.product_id, campaign.starts_on, campaign.ends_on)
        if snapshot is None:
            note(f"create campaign {client.slug}/{campaign.key}", "config.campaign", client.pk, campaign, {})
        elif snapshot != after:
            note(f"update campaign {client.slug}/{campaign.key}", "config.campaign", client.pk, campaign, {})
    for item in posts:
        where = f"client {client.slug} post {item.get('title') if isinstance(item, dict) else item!r}"
        if not isinstance(item, dict) or not str(item.get("title") or "").strip():
            raise ValueError(f"{where}: each post needs a title")
        unknown = set(item) - POST_KEYS
        if unknown:
            raise ValueError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
        try:
            _apply_post(client, item, where, note)
        except ValidationError as exc:
            raise ValueError(f"{where}: {'; '.join(exc.messages)}") from None


def _apply_post(client: Client, item: dict[str, Any], where: str, note: Note) -> None:
    title = str(item["title"]).strip()
    planned_value = item.get("planned")
    planned = None
    if planned_value not in (None, ""):
        planned = parse_local(planned_value.isoformat() if isinstance(planned_value, datetime) else str(planned_value))
    post = Post.objects.filter(client=client, title=title).order_by("id").first()
    if post is None:
        text = item.get("text")
        if not text:
            return  # metadata of a post this installation does not have: nothing to create it from
        if not isinstance(text, dict):
            raise ValueError(f"{where}: text maps platforms to words")
        campaign = None
        if item.get("campaign"):
            campaign = Campaign.objects.filter(client=client, key=str(item["campaign"])).first()
            if campaign is None:
                raise ValueError(f"{where}: no campaign {item['campaign']!r}")
        post = actions.do_create_post(
            None, client, title, {str(k): str(v) for k, v in text.items()},
            _channels(client, item.get("channels"), where), planned_local=planned, campaign=campaign,
            product=_product(client, item.get("product"), where), promotional=bool(item.get("promotional", True)),
            actor_label="config")
        note(f"create post {client.slug}/{title} (draft: it needs MLR approval)", "config.post", client.pk, post, {})
        return
    if planned is not None and post.status in actions.MOVABLE:
        moved = to_utc(planned, client.timezone)
        if post.planned_at != moved:
            actions.do_reschedule(None, post, planned, actor_label="config")
            note(f"move post {client.slug}/{title} to {planned:%Y-%m-%d %H:%M}", "config.post", client.pk, post, {})


def export_content(client: Client) -> dict[str, Any]:
    """The client's campaigns, and the metadata of its approved and scheduled posts."""
    out: dict[str, Any] = {}
    campaigns = []
    for c in Campaign.objects.filter(client=client).select_related("product").order_by("key"):
        entry: dict[str, Any] = {"key": c.key, "name": c.name}
        if c.product:
            entry["product"] = c.product.name
        if c.starts_on:
            entry["starts"] = c.starts_on.isoformat()
        if c.ends_on:
            entry["ends"] = c.ends_on.isoformat()
        campaigns.append(entry)
    if campaigns:
        out["campaigns"] = campaigns
    posts = []
    channels = {c.pk: f"{c.platform}:{c.handle}" for c in Channel.objects.filter(client=client)}
    for post in (Post.objects.filter(client=client, status__in=[PostStatus.APPROVED, PostStatus.SCHEDULED])
                 .select_related("campaign", "product", "current").order_by("planned_at", "id")):
        entry = {"title": post.title, "status": post.status}
        if post.campaign:
            entry["campaign"] = post.campaign.key
        if post.product:
            entry["product"] = post.product.name
        if post.planned_at:
            entry["planned"] = to_local(post.planned_at, client.timezone).strftime("%Y-%m-%dT%H:%M")
        if post.current:
            entry["channels"] = [channels[i] for i in post.current.channel_ids if i in channels]
            entry["version"] = post.current.number
            entry["content_hash"] = post.current.content_hash
        posts.append(entry)
    if posts:
        out["posts"] = posts
    return out
