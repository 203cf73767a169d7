"""Templates in config-as-code (``carewatch config apply``), under each client:

```yaml
templates:
  - key: mi-referral
    category: medical_information
    language: en                 # default: the client's first language, else en
    name: Medical Information referral
    body: "Hi {handle}, our Medical Information team can help: call {mi_phone}."
    expires: 2027-06-30          # optional: usable through that day (client's time zone)
```

A template whose newest version has other words (or another expiry) gets a new version, in
review: only reviewers' approvals make it usable. Same words: nothing happens (idempotent).
Nothing is deleted or retired by omission. This module checks the section; the writes are
``actions.do_apply_config_templates`` (permission check and one audit event per change).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from carewatch.replies import library
from carewatch.replies.models import Category
from carewatch.replies.policy import parse_policy
from carewatch.tenancy.models import Client

SPEC_KEYS = {"key", "category", "language", "name", "body", "expires"}


def _expiry(value: Any, where: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"{where}: expires must be a YYYY-MM-DD date") from None


def expiry_end(client: Client, day: str | None) -> datetime | None:
    """The end of ``day`` (ISO text, as ``validate_templates`` cleans it) in the client's time zone."""
    if not day:
        return None
    following = date.fromisoformat(day) + timedelta(days=1)
    return datetime.combine(following, time(0, 0), tzinfo=client.tz)


def validate_templates(specs: Any, where: str, settings: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Check a client's ``templates:`` list; ValueError naming the template for anything wrong.
    Returns the specs cleaned (language lower-case, expiry as ISO text)."""
    if specs is None:
        return []
    if not isinstance(specs, list):
        raise ValueError(f"{where}: templates must be a list")
    allowed = library.allowed_variables(parse_policy(settings or {}, where))
    seen: set[tuple[str, str]] = set()
    out: list[dict[str, Any]] = []
    for spec in specs:
        if not isinstance(spec, dict):
            raise ValueError(f"{where}: each template must be a mapping")
        key = str(spec.get("key", "")).strip().lower()
        here = f"{where} template {key or '?'}"
        unknown = set(spec) - SPEC_KEYS
        if unknown:
            raise ValueError(f"{here}: unknown key(s) {', '.join(sorted(unknown))}")
        if not key or len(key) > 60 or not all(c.isalnum() or c == "-" for c in key):
            raise ValueError(f"{here}: key must be lower-case letters, digits and dashes")
        category = str(spec.get("category", ""))
        if category not in Category.values:
            raise ValueError(f"{here}: category must be one of {', '.join(Category.values)}")
        body = spec.get("body")
        if not isinstance(body, str) or not body.strip():
            raise ValueError(f"{here}: body must be text")
        missing = sorted(set(library.variables_in(body)) - allowed)
        if missing and settings is not None:
            raise ValueError(f"{here}: unknown variable(s) {', '.join(missing)} (add them to template_variables)")
        language = str(spec.get("language") or "").strip().lower()[:8]
        expires = _expiry(spec.get("expires"), here)
        if (key, language) in seen:
            raise ValueError(f"{here}: listed twice for language {language or 'default'}")
        seen.add((key, language))
        out.append({"key": key, "category": category, "language": language, "name": str(spec.get("name") or ""),
                    "body": body.strip(), "expires": expires.isoformat() if expires else None})
    return out
