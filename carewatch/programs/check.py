"""One post in, one verdict out: the contract behind ``carewatch influencers check``.

Input (one JSON object): ``id``, ``platform``, ``text``, ``material_connection`` (bool), optional
``client`` (a client slug: its Rx products and disclosure tokens apply), ``media``
(``image|video|none``), and optionally ``on_screen_text``, ``transcript``, ``bio``,
``paid_partnership_label`` (bool), ``rx`` (bool). Output: ``id``, ``verdict``, ``disclosure``,
``fair_balance``, ``findings``; the verdict is the worst of the two checks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from carewatch.programs.disclosure import check_disclosure, worst
from carewatch.programs.fairbalance import check_fair_balance, mentions_rx

MEDIA = ("image", "video", "none")
PLATFORMS = ("facebook", "instagram", "x", "tiktok", "youtube", "linkedin", "reddit", "feed", "twitter",
             "threads", "snapchat", "pinterest", "other")


class InputError(ValueError):
    pass


@dataclass(frozen=True)
class ClientRules:
    """What a client adds to the checks: its Rx product names and extra approved tokens."""

    rx_products: tuple[str, ...] = ()
    tokens: tuple[str, ...] = ()


@dataclass
class PostInput:
    id: str
    platform: str
    text: str
    material_connection: bool
    client: str = ""
    media: str = "none"
    on_screen_text: str = ""
    transcript: str = ""
    bio: str = ""
    paid_partnership_label: bool = False
    rx: bool | None = None
    required_tokens: list[str] = field(default_factory=list)


def _text(record: dict[str, Any], key: str) -> str:
    value = record.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InputError(f"{key!r} must be a string")
    return value


def parse_record(record: Any) -> PostInput:
    """Validate one input object; raises InputError naming the field."""
    if not isinstance(record, dict):
        raise InputError("a record must be a JSON object")
    missing = [k for k in ("id", "platform", "text", "material_connection") if k not in record]
    if missing:
        raise InputError("missing field(s): " + ", ".join(missing))
    ident = record["id"]
    if not isinstance(ident, (str, int)) or isinstance(ident, bool) or str(ident) == "":
        raise InputError("'id' must be a non-empty string or number")
    platform = _text(record, "platform").strip().lower()
    if platform not in PLATFORMS:
        raise InputError(f"'platform' {platform!r} is not one of {', '.join(PLATFORMS)}")
    if not isinstance(record["material_connection"], bool):
        raise InputError("'material_connection' must be true or false")
    media = record.get("media") or "none"
    if media not in MEDIA:
        raise InputError(f"'media' {media!r} is not one of image, video, none")
    rx = record.get("rx")
    if rx is not None and not isinstance(rx, bool):
        raise InputError("'rx' must be true or false")
    label = record.get("paid_partnership_label", False)
    if not isinstance(label, bool):
        raise InputError("'paid_partnership_label' must be true or false")
    return PostInput(
        id=str(ident) if not isinstance(ident, str) else ident, platform="x" if platform == "twitter" else platform,
        text=_text(record, "text"), material_connection=record["material_connection"],
        client=_text(record, "client").strip(), media=media, on_screen_text=_text(record, "on_screen_text"),
        transcript=_text(record, "transcript"), bio=_text(record, "bio"), paid_partnership_label=label, rx=rx,
    )


def check_post(post: PostInput, rules: ClientRules | None = None,
               required_tokens: Iterable[str] = ()) -> dict[str, Any]:
    """The output object for one post (key order as in the contract)."""
    rules = rules or ClientRules()
    disclosure = check_disclosure(
        post.text, platform=post.platform, material_connection=post.material_connection, media=post.media,
        on_screen_text=post.on_screen_text, transcript=post.transcript, bio=post.bio,
        platform_label=post.paid_partnership_label, extra_tokens=rules.tokens,
        required_tokens=[*post.required_tokens, *required_tokens],
    )
    rx = post.rx if post.rx is not None else mentions_rx(post.text, rules.rx_products)
    fair, fair_findings = check_fair_balance(post.text, rx=rx)
    findings = sorted([*disclosure.findings, *fair_findings], key=lambda f: (f.start, f.end, f.rule))
    return {
        "id": post.id,
        "verdict": worst(disclosure.status, fair),
        "disclosure": disclosure.status,
        "fair_balance": fair,
        "findings": [f.as_dict() for f in findings],
    }
