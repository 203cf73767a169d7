"""``{% passkey_sign_meta %}``: tells identity/webauthn.js that the signed-in user has a security
key, so signing forms offer "Sign with your security key" (and where to get a challenge)."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from carewatch.identity.factors import has_webauthn

register = template.Library()


@register.simple_tag(takes_context=True)
def passkey_sign_meta(context: dict[str, Any]) -> SafeString | str:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not has_webauthn(user.pk):
        return ""
    return format_html('<meta name="carewatch-passkey-sign" content="{}">', reverse("identity:webauthn_sign_options"))
