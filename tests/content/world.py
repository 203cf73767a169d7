"""Northwind's posts for the security enumeration: a draft and a post in review, both by alice."""

from __future__ import annotations

from datetime import datetime

from carewatch.content import actions
from carewatch.content.models import Post, Publication, PublishStatus
from carewatch.tenancy.models import Channel, Client, User


def content_world(client: Client, author: User) -> tuple[Post, Post, Publication]:
    channel = Channel.objects.filter(client=client, platform="facebook").first()
    assert channel is not None
    draft = actions.do_create_post(author, client, "Northwind draft", {"facebook": "Talk to your doctor."},
                                   [channel.pk], planned_local=datetime(2027, 1, 4, 10, 0))
    review = actions.do_create_post(author, client, "Northwind in review", {"facebook": "Ask about your care plan."},
                                    [channel.pk], planned_local=datetime(2027, 1, 5, 10, 0))
    # A publication whose outcome is unknown (a timeout), for a person to settle.
    assert draft.current is not None
    unknown = Publication.objects.create(client=client, post=draft, version=draft.current, channel=channel,
                                         platform="facebook", body="Talk to your doctor.", idempotency_key="world-1",
                                         status=PublishStatus.UNKNOWN, error="no answer from the platform")
    return draft, actions.do_submit(author, review), unknown


def fb_channel(post: Post) -> str:
    assert post.current is not None
    return str(post.current.channel_ids[0])


def review_hash(post: Post) -> str:
    assert post.current is not None
    return post.current.content_hash
