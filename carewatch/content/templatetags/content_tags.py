"""``{% load content_tags %}{% post_context case %}``: on a case whose thread is one of our
published posts, the post itself — its words on that platform, product, campaign and whether it
is promotional — so the agent answers knowing the claims made."""

from __future__ import annotations

from typing import Any

from django import template

from carewatch.content.queries import post_for_thread

register = template.Library()


@register.inclusion_tag("content/_post_context.html")
def post_context(case: Any) -> dict[str, Any]:
    post = post_for_thread(case.channel_id, case.thread_key)
    if post is None:
        return {"post": None}
    text = post.current.variants.get(case.platform, "") if post.current else ""
    return {"post": post, "text": text}
