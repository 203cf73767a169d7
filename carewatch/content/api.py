"""``GET /api/v1/posts?client=SLUG``: the content calendar of one client (or of every client the
user may see), ``{"items": [...], "count": N}``; each item with ``id``, ``status``
(``draft|in_review|approved|scheduled|published|failed``), ``planned_at`` (ISO 8601, UTC),
``channels``, ``campaign``. Another client's slug is a 404; every role that may see the client
reads it (writes go through the UI's actions)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import F
from django.http import HttpRequest
from ninja import Query, Router, Schema

from carewatch.content.models import Post, PostStatus
from carewatch.content.queries import post_channels
from carewatch.tenancy.access import access_client, visible_client_ids
from carewatch.tenancy.models import User

router = Router(tags=["content"])
MAX_LIMIT = 500


class PostFilters(Schema):
    client: str | None = None
    status: str | None = None
    campaign: str | None = None
    channel: str | None = None  # a platform (x) or a channel id
    since: datetime | None = None
    until: datetime | None = None
    limit: int = 200


class ChannelOut(Schema):
    id: int
    platform: str
    handle: str


class PostOut(Schema):
    id: int
    client: str
    title: str
    status: str
    planned_at: datetime | None
    channels: list[ChannelOut]
    campaign: str | None
    product: str | None
    version: int | None
    content_hash: str | None
    promotional: bool
    first_published_at: datetime | None


class PostList(Schema):
    items: list[PostOut]
    count: int


class Error(Schema):
    detail: str


@router.get("/posts", response={200: PostList, 404: Error, 422: Error})
def list_posts(request: HttpRequest, filters: Query[PostFilters]) -> dict[str, Any]:
    """Posts by planned time (those without one last)."""
    user = request.user
    assert isinstance(user, User)
    posts = Post.objects.select_related("client", "campaign", "product", "current")
    if filters.client:
        posts = posts.filter(client=access_client(user, filters.client))
    else:
        posts = posts.filter(client_id__in=visible_client_ids(user))
    if filters.status and filters.status != "all":
        if filters.status not in PostStatus.values:
            from django.core.exceptions import ValidationError

            raise ValidationError(f"status is one of {', '.join(PostStatus.values)}")
        posts = posts.filter(status=filters.status)
    if filters.campaign:
        posts = posts.filter(campaign__key=filters.campaign)
    if filters.since:
        posts = posts.filter(planned_at__gte=filters.since)
    if filters.until:
        posts = posts.filter(planned_at__lt=filters.until)
    rows = list(posts.order_by(F("planned_at").asc(nulls_last=True), "id"))
    channels = post_channels(rows)
    if filters.channel:
        wanted = filters.channel
        rows = [p for p in rows if any(wanted in (c.platform, str(c.pk)) for c in channels.get(p.pk, []))]
    count = len(rows)
    rows = rows[:max(1, min(filters.limit, MAX_LIMIT))]
    items = [{
        "id": p.pk, "client": p.client.slug, "title": p.title, "status": p.status, "planned_at": p.planned_at,
        "channels": [{"id": c.pk, "platform": c.platform, "handle": c.handle} for c in channels.get(p.pk, [])],
        "campaign": p.campaign.key if p.campaign else None, "product": p.product.name if p.product else None,
        "version": p.current.number if p.current else None,
        "content_hash": p.current.content_hash if p.current else None,
        "promotional": p.promotional, "first_published_at": p.first_published_at,
    } for p in rows]
    return {"items": items, "count": count}
