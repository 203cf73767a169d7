"""``{% rights_button mention %}``: the "Request UGC rights" form beside a message in a case."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()

UGC_PLATFORMS = frozenset({"instagram", "tiktok", "x", "facebook"})


@register.inclusion_tag("programs/_rights_button.html")
def rights_button(mention: Any) -> dict[str, Any]:
    show = (mention.direction == "in" and mention.platform in UGC_PLATFORMS
            and mention.kind in ("post", "mention", "comment", "reply"))
    return {"m": mention, "show": show}
