"""The compliance lint on every platform variant of a post, and the content hash an approval names.

Each variant goes through the replies' lint (``replies.lint``: PHI, medical advice and
off-label use, fair balance with the risk and ISI link for product claims, banned words,
unfilled variables) and then the post rules of its platform: length as the platform counts it,
hashtags, media the platform needs. Findings keep the replies' shape.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from carewatch.content.policy import MAX_HASHTAGS, MAX_IMAGES, NEEDS_MEDIA, policy_for
from carewatch.replies.lint import Finding, counted_length, lint
from carewatch.replies.policy import policy_for as reply_policy_for

if TYPE_CHECKING:
    from carewatch.tenancy.models import Client, User

HASHTAG = re.compile(r"(?<![\w#])#\w+")

# Findings per (client, platform, text, media kinds, user) while ``lint_once_per_text`` is on.
_memo: ContextVar[dict[tuple[Any, ...], list[Finding]] | None] = ContextVar("content_lint_memo", default=None)


@contextmanager
def lint_once_per_text() -> Iterator[None]:
    """Within the block, each distinct variant (client, platform, text, media kinds, user) is linted once
    and its findings reused. Only for a bulk load in which nothing the lint reads changes (the
    client's templates, products, banned words and policy): the demo's month of calendar posts,
    where each of a few texts is linted at writing and again at every approval."""
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def content_hash(variants: dict[str, str], media: list[dict[str, str]], links: list[str], channel_ids: list[int],
                 product_id: int | None, promotional: bool) -> str:
    """SHA-256 over everything a reviewer approves (never the planned time)."""
    canonical = json.dumps({"variants": variants, "media": media, "links": links,
                            "channels": sorted(channel_ids), "product": product_id, "promotional": promotional},
                           sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def lint_variant(client: Client, platform: str, text: str, media: list[dict[str, str]],
                 user: User | None = None) -> list[Finding]:
    memo = _memo.get()
    if memo is None:
        return _lint_variant(client, platform, text, media, user)
    # The findings read the media's kinds only (never their addresses): posts differ by picture.
    kinds = tuple(sorted(m.get("kind", "image") for m in media))
    key = (client.pk, platform, text, kinds, user.pk if user is not None else None)
    if key not in memo:
        memo[key] = _lint_variant(client, platform, text, media, user)
    return list(memo[key])


def _lint_variant(client: Client, platform: str, text: str, media: list[dict[str, str]],
                  user: User | None) -> list[Finding]:
    findings = [f for f in lint(client, text, None, user=user) if f.rule != "length"]
    limit = policy_for(client).limit(platform)
    length = counted_length(text, platform, reply_policy_for(client))
    if limit is not None and length > limit:
        findings.append(Finding("length", True, min(limit, len(text)), len(text),
                                f"{length} characters: a {platform} post takes at most {limit}"))
    if not text.strip():
        findings.append(Finding("empty", True, 0, 0, f"the {platform} text is empty"))
    tags = HASHTAG.findall(text)
    most = MAX_HASHTAGS.get(platform)
    if most is not None and len(tags) > most:
        findings.append(Finding("hashtags", True, 0, len(text),
                                f"{len(tags)} hashtags: {platform} takes at most {most}"))
    kinds = {m.get("kind", "image") for m in media}
    needed = NEEDS_MEDIA.get(platform)
    if needed and not kinds.intersection(needed):
        findings.append(Finding("media", True, 0, 0, f"a {platform} post needs {' or '.join(needed)} media"))
    images = sum(1 for m in media if m.get("kind", "image") == "image")
    most_images = MAX_IMAGES.get(platform)
    if most_images is not None and images > most_images:
        findings.append(Finding("media", True, 0, 0, f"{images} images: {platform} takes at most {most_images}"))
    findings.sort(key=lambda f: (not f.blocking, f.start, f.rule))
    return findings


def lint_variants(client: Client, variants: dict[str, str], media: list[dict[str, str]],
                  user: User | None = None) -> dict[str, list[dict[str, Any]]]:
    return {platform: [f.as_dict() for f in lint_variant(client, platform, text, media, user)]
            for platform, text in sorted(variants.items())}


def blocking_findings(results: dict[str, list[dict[str, Any]]]) -> list[str]:
    """``"x: length: ..."`` for every blocking finding."""
    return [f"{platform}: {f['rule']}: {f['message']}" for platform, found in results.items() for f in found
            if f["blocking"]]
