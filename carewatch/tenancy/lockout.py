"""The one spelling of a log-in name that every per-user limit counts under.

Log-in finds the user by the e-mail stripped and lower-cased (``UserManager.get_by_natural_key``),
so ``Alice@Agency.test`` and `` alice@agency.test`` are the same account. The lock-out
(django-axes, ``AXES_USERNAME_CALLABLE``) and any other per-user limit must count them as one,
or eight spellings get eight times the guesses and the right password in a ninth spelling
logs in during the lock-out.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.http import HttpRequest


def normalised_username(value: object) -> str:
    """The key a log-in name is counted under: NFKC, stripped, case-folded."""
    return unicodedata.normalize("NFKC", str(value or "")).strip().casefold()


def lockout_username(request: HttpRequest | None, credentials: Mapping[str, Any] | None = None) -> str:
    """django-axes' ``AXES_USERNAME_CALLABLE``: the normalised name from the credentials or the form."""
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        value = credentials.get(field)
    else:
        data = getattr(request, "data", None) or getattr(request, "POST", {})
        value = data.get(field) if hasattr(data, "get") else None
    return normalised_username(value)
