"""``{% load tenancy_tags %}{{ code|platform_name }}``: a platform's name as people write it ("X", "TikTok",
"Web feed"), for pages that hold a platform code rather than a model with ``get_platform_display``."""

from __future__ import annotations

from django import template

from carewatch.tenancy.models import Platform

register = template.Library()
_NAMES = dict(Platform.choices)


@register.filter
def platform_name(code: object) -> str:
    """The platform's display name; an unknown code is shown as it is."""
    text = str(code or "")
    return str(_NAMES.get(text, text))
