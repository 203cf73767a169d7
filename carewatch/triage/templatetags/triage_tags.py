"""The inbox's view of a mention's triage flags: each label with the evidence that raised it (a
tooltip and an expandable list) and, for those who may review, confirm/dismiss controls.

    {% load triage_tags %}{% flag_review m %}
"""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse

from carewatch.inbox.models import Mention
from carewatch.tenancy.access import role_for
from carewatch.tenancy.models import User
from carewatch.triage.actions import MIN_DISMISS_REASON, REVIEW_ROLES, decisions_for, flagged_labels
from carewatch.triage.models import ReviewDecision
from carewatch.triage.result import SAFETY_LABELS

register = template.Library()

_DECISIONS_KEY = "triage_flag_decisions"
_STYLE_KEY = "triage_flag_style_linked"
TOOLTIP_ITEMS = 6


def _scalar(value: Any) -> str | None:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float | str) and str(value) != "":
        return str(value)
    return None


def detail_lines(details: dict[str, Any]) -> list[tuple[str, str]]:
    """A finding's details as short "key: value" lines (lists of names, the four minimum elements,
    lot numbers...); nested records the evidence already shows are left out."""
    lines: list[tuple[str, str]] = []
    for key, value in details.items():
        text = _scalar(value)
        if text is None and isinstance(value, list | tuple):
            parts = [p for p in (_scalar(v) for v in value) if p is not None]
            text = ", ".join(parts) if parts and len(parts) == len(value) else None
        if text is None and isinstance(value, dict):
            parts = [f"{k} {s}" for k, s in ((k, _scalar(v)) for k, v in value.items()) if s is not None]
            text = ", ".join(parts) if parts else None
        if text:
            lines.append((str(key).replace("_", " "), text[:300]))
    return lines


def _evidence(triage: dict[str, Any], label: str) -> list[dict[str, Any]]:
    items = (triage.get("evidence") or {}).get(label) or []
    seen: set[tuple[Any, Any, Any]] = set()
    out: list[dict[str, Any]] = []
    for item in items:
        if not isinstance(item, dict):
            continue
        key = (item.get("start"), item.get("end"), item.get("why"))
        if key in seen:
            continue
        seen.add(key)
        out.append({"text": str(item.get("text", "")), "why": str(item.get("why", "")),
                    "start": item.get("start"), "end": item.get("end")})
    return out


def _decisions(context: template.Context, mention: Mention) -> dict[tuple[int, str], ReviewDecision]:
    """The decisions on every flagged mention of the page's thread, fetched once per render."""
    cached: tuple[set[int], dict[tuple[int, str], ReviewDecision]] | None = context.render_context.get(_DECISIONS_KEY)
    if cached is None or mention.pk not in cached[0]:
        thread = context.get("thread") or []
        ids = {m.pk for m in thread if isinstance(m, Mention) and m.labels} | {mention.pk}
        if cached is not None:
            ids |= cached[0]
        cached = (ids, decisions_for(sorted(ids)))
        context.render_context[_DECISIONS_KEY] = cached
    return cached[1]


def flags_for(mention: Mention, decisions: dict[tuple[int, str], ReviewDecision]) -> list[dict[str, Any]]:
    triage: dict[str, Any] = mention.triage if isinstance(mention.triage, dict) else {}
    scores = triage.get("scores") or {}
    details = triage.get("details") or {}
    flags = []
    for label in flagged_labels(mention):
        evidence = _evidence(triage, label)
        score = scores.get(label)
        tip = [f"score {score:.2f}" if isinstance(score, int | float) else "score —"]
        tip += [f"“{e['text']}”: {e['why']}" for e in evidence[:TOOLTIP_ITEMS]]
        if len(evidence) > TOOLTIP_ITEMS:
            tip.append(f"… {len(evidence) - TOOLTIP_ITEMS} more")
        flags.append({
            "label": label,
            "name": label.replace("_", " "),
            "score": score,
            "safety": label in SAFETY_LABELS,
            "evidence": evidence,
            "details": detail_lines(details.get(label) or {}),
            "tooltip": "\n".join(tip),
            "decision": decisions.get((mention.pk, label)),
        })
    return flags


@register.inclusion_tag("triage/flag_review.html", takes_context=True)
def flag_review(context: template.Context, mention: Mention) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    can_review = isinstance(user, User) and role_for(user, mention.client_id) in REVIEW_ROLES
    try:
        review_url = reverse("triage:review")
    except NoReverseMatch:  # the triage URLs are not mounted: show the flags and their evidence only
        review_url, can_review = "", False
    link_style = not context.render_context.get(_STYLE_KEY)
    context.render_context[_STYLE_KEY] = True
    flags = flags_for(mention, _decisions(context, mention)) if mention.labels else []
    return {
        "mention": mention,
        "flags": flags,
        "can_review": can_review,
        "review_url": review_url,
        "min_reason": MIN_DISMISS_REASON,
        "next": request.get_full_path() if request is not None else "",
        "link_style": link_style and bool(flags),
    }
