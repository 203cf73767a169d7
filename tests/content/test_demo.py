"""The demo's month of posts: every status, written through the actions, nothing sent anywhere."""

from __future__ import annotations

from datetime import UTC, datetime

import respx

from carewatch.audit.chain import verify
from carewatch.content.demo import load_demo_posts
from carewatch.content.models import Post, PostStatus, Publication
from carewatch.tenancy.models import Client, User

NOW = datetime(2026, 12, 6, 18, 0, tzinfo=UTC)


@respx.mock(assert_all_mocked=True)
def test_the_demo_month_has_posts_in_every_status(content_client: Client, alice: User, sam: User, mona: User,
                                                  lee: User, rita: User, contoso: Client) -> None:
    made = load_demo_posts(NOW)
    assert made["northwind"] >= 15 and made["contoso"] == 0  # Contoso has nobody to write posts
    statuses = set(Post.objects.filter(client=content_client).values_list("status", flat=True))
    assert statuses == set(PostStatus.values)
    for post in Post.objects.filter(status=PostStatus.PUBLISHED):
        assert post.first_published_at is not None and post.planned_at is not None
        assert post.first_published_at <= NOW
    assert Publication.objects.filter(status="sent", external_id__startswith="sandbox-").exists()
    assert not Post.objects.filter(status=PostStatus.SCHEDULED, planned_at__lte=NOW).exists()
    assert verify().ok
