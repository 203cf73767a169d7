"""Read-only questions about posts, for views, the API, exports and reports."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Q, Sum

from carewatch.content.models import Post, PostComment, PostLink, PostStatus, Publication, PublishStatus
from carewatch.tenancy.models import Channel


def post_channels(posts: list[Post]) -> dict[int, list[Channel]]:
    """Each post's target channels (of its current version), in one query."""
    wanted = {p.pk: list(p.current.channel_ids) if p.current else [] for p in posts}
    ids = {i for ids in wanted.values() for i in ids}
    channels = {c.pk: c for c in Channel.objects.filter(pk__in=ids)}
    return {pk: [channels[i] for i in ids if i in channels] for pk, ids in wanted.items()}


def comments_in_first_hours(post: Post, hours: int = 24) -> list[PostComment]:
    return list(PostComment.objects.filter(post=post, hours_after__lt=hours)
                .select_related("mention__author", "case", "publication").order_by("at"))


def watched_posts(client_ids: list[int], now: datetime, hours: int = 24) -> list[dict[str, Any]]:
    """Posts first published in the last ``hours``: the closer watch of their comments."""
    posts = (Post.objects.filter(client_id__in=client_ids, status=PostStatus.PUBLISHED,
                                 first_published_at__gte=now - timedelta(hours=hours))
             .annotate(n=Count("comments", filter=Q(comments__hours_after__lt=hours)))
             .select_related("client", "campaign").order_by("-first_published_at"))
    return [{"post": p, "comments": p.n} for p in posts]


def per_post_metrics(client_id: int, since: datetime | None = None, until: datetime | None = None
                     ) -> list[dict[str, Any]]:
    """For reports: posts published in the period, their comments and people's clicks (bots apart)."""
    posts = Post.objects.filter(client_id=client_id, first_published_at__isnull=False)
    if since is not None:
        posts = posts.filter(first_published_at__gte=since)
    if until is not None:
        posts = posts.filter(first_published_at__lt=until)
    out = []
    for post in posts.order_by("first_published_at"):
        clicks = PostLink.objects.filter(post=post).aggregate(n=Sum("link__clicks"))["n"] or 0
        out.append({"post": post.pk, "title": post.title, "published_at": post.first_published_at,
                    "comments": PostComment.objects.filter(post=post).count(), "clicks": int(clicks),
                    "channels": Publication.objects.filter(post=post, status=PublishStatus.SENT).count()})
    return out


def post_for_thread(channel_id: int, thread_key: str) -> Post | None:
    """The published post whose comments live on this inbox thread (for the case page)."""
    pub = (Publication.objects.filter(channel_id=channel_id, external_id=thread_key, status=PublishStatus.SENT)
           .select_related("post__product", "post__campaign", "post__current").first())
    return pub.post if pub else None
