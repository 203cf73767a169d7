"""A client's content policy, read from ``Client.settings["content"]`` (config-as-code):

```yaml
content:
  approvals: [medical, legal, regulatory]      # disciplines every post needs (default: all three)
  reviewers:                                   # optional: who may approve for which discipline
    medical: [mona@agency.test]
    legal: [lee@agency.test]
    regulatory: [rita@agency.test]
  char_limits: {x: 280}                        # per platform, overriding the defaults below
```

Without ``reviewers`` any of the client's reviewers or supervisors may approve for a discipline
(one discipline each per version); with it, only the people named for that discipline.
"""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass, field
from typing import Any

from carewatch.content.models import Discipline
from carewatch.tenancy.models import Client, Platform

log = logging.getLogger(__name__)

# What each platform's publishing call takes (characters; X counts a link as 23).
POST_LIMITS: dict[str, int] = {
    Platform.FACEBOOK: 63206,  # Page post message
    Platform.INSTAGRAM: 2200,  # caption
    Platform.X: 280,  # POST /2/tweets text
    Platform.LINKEDIN: 3000,  # Posts API commentary
    Platform.TIKTOK: 2200,  # Content Posting API post_info.title
}
PUBLISHABLE = tuple(POST_LIMITS)
MAX_HASHTAGS: dict[str, int] = {Platform.INSTAGRAM: 30}
MAX_IMAGES: dict[str, int] = {Platform.X: 4, Platform.INSTAGRAM: 10, Platform.LINKEDIN: 20, Platform.FACEBOOK: 10}
NEEDS_MEDIA: dict[str, tuple[str, ...]] = {Platform.INSTAGRAM: ("image", "video"), Platform.TIKTOK: ("video",)}
ALL_DISCIPLINES = tuple(Discipline.values)


@dataclass(frozen=True)
class ContentPolicy:
    approvals: tuple[str, ...] = ALL_DISCIPLINES
    reviewers: dict[str, tuple[str, ...]] = field(default_factory=dict)
    char_limits: dict[str, int] = field(default_factory=dict)

    def limit(self, platform: str) -> int | None:
        return self.char_limits.get(platform) or POST_LIMITS.get(platform)


def parse_policy(settings: dict[str, Any], where: str = "client") -> ContentPolicy:
    block = settings.get("content")
    if block is None:
        return ContentPolicy()
    if not isinstance(block, dict):
        raise ValueError(f"{where}: content must be a mapping")
    unknown = set(block) - {"approvals", "reviewers", "char_limits"}
    if unknown:
        raise ValueError(f"{where}: content has unknown key(s) {', '.join(sorted(unknown))}")
    approvals = block.get("approvals", list(ALL_DISCIPLINES))
    if not isinstance(approvals, list) or not approvals or any(a not in ALL_DISCIPLINES for a in approvals):
        raise ValueError(f"{where}: content.approvals must list some of {', '.join(ALL_DISCIPLINES)}")
    reviewers_block = block.get("reviewers") or {}
    if not isinstance(reviewers_block, dict):
        raise ValueError(f"{where}: content.reviewers must be a mapping of discipline to e-mail addresses")
    reviewers: dict[str, tuple[str, ...]] = {}
    for discipline, emails in reviewers_block.items():
        if discipline not in ALL_DISCIPLINES or not isinstance(emails, list) or not all(
                isinstance(e, str) and "@" in e for e in emails):
            raise ValueError(f"{where}: content.reviewers.{discipline} must be a discipline with a list of e-mails")
        reviewers[str(discipline)] = tuple(e.strip().lower() for e in emails)
    limits = block.get("char_limits") or {}
    if not isinstance(limits, dict) or any(p not in PUBLISHABLE or not isinstance(n, int) or isinstance(n, bool)
                                           or n < 1 for p, n in limits.items()):
        raise ValueError(f"{where}: content.char_limits maps {', '.join(PUBLISHABLE)} to positive numbers")
    return ContentPolicy(approvals=tuple(dict.fromkeys(str(a) for a in approvals)), reviewers=reviewers,
                         char_limits={str(k): int(v) for k, v in limits.items()})


def validate_settings(settings: dict[str, Any], where: str) -> dict[str, Any]:
    """For config apply: ValueError naming the key for a malformed content block."""
    parse_policy(settings, where)
    return copy.deepcopy(settings)


def policy_for(client: Client) -> ContentPolicy:
    """The client's policy; a block edited by hand that no longer parses needs every discipline."""
    try:
        return parse_policy(client.settings or {}, f"client {client.slug}")
    except ValueError as exc:
        log.warning("content settings of client %s are malformed; requiring every discipline: %s", client.slug, exc)
        return ContentPolicy()
