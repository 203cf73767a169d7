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
Nothing is deleted or retired by omission.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Max
from django.utils import timezone

from carewatch.responses import library
from carewatch.responses.models import Category, Template, TemplateVersion, VersionStatus
from carewatch.responses.policy import parse_policy
from carewatch.tenancy.models import Client

Note = Callable[[str, str, int | None, Any, dict[str, Any]], None]
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


def _expires_at(client: Client, day: str | None) -> datetime | None:
    if not day:
        return None
    following = date.fromisoformat(day) + timedelta(days=1)
    return datetime.combine(following, time(0, 0), tzinfo=client.tz)


def apply_templates(client: Client, specs: list[dict[str, Any]], note: Note) -> None:
    """Load ``specs`` (validated here again) for ``client``; ``note(line, action, client_id, obj,
    data)`` records each change (config apply's ``Applier.note``: its line and audit event)."""
    cleaned = validate_templates(specs, f"client {client.slug}", client.settings or {})
    approvals = parse_policy(client.settings or {}, f"client {client.slug}").approvals_required
    for spec in cleaned:
        language = spec["language"] or (client.languages[0] if client.languages else "en")
        key = spec["key"]
        template = Template.objects.filter(client=client, key=key, language=language).first()
        if template is None:
            template = Template.objects.create(client=client, key=key, language=language, category=spec["category"],
                                               name=spec["name"])
            note(f"create template {client.slug}/{key} ({language})", "config.template.create", client.pk, template,
                 {"key": key, "language": language, "category": spec["category"]})
        elif template.category != spec["category"]:
            raise ValueError(f"client {client.slug} template {key}: its category is {template.category}; a "
                             "template keeps its category (use a new key)")
        elif spec["name"] and template.name != spec["name"]:
            template.name = spec["name"]
            template.save(update_fields=["name"])
            note(f"rename template {client.slug}/{key} ({language})", "config.template.update", client.pk, template,
                 {"name": spec["name"]})
        expires_at = _expires_at(client, spec["expires"])
        latest = template.versions.exclude(status=VersionStatus.RETIRED).order_by("-number").first()
        if latest is not None and latest.body == spec["body"] and latest.expires_at == expires_at:
            continue
        number = (template.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = TemplateVersion.objects.create(
            template=template, client=client, number=number, body=spec["body"], expires_at=expires_at,
            author=None, source="config", status=VersionStatus.IN_REVIEW, submitted_at=timezone.now(),
            approvals_required=approvals,
        )
        note(f"new version v{number} of template {client.slug}/{key} ({language}), in review",
             "config.template.version", client.pk, version,
             {"key": key, "number": number, "expires": spec["expires"], "approvals_required": approvals})
