"""LinkedIn URNs: the organisation a channel is, and the parts of a comment URN."""

from __future__ import annotations

import re
from urllib.parse import quote

ORG_PREFIX = "urn:li:organization:"
_COMMENT = re.compile(r"^urn:li:comment:\((?P<object>[^,]+),(?P<id>[^)]+)\)$")


def org_urn(value: str) -> str:
    """``urn:li:organization:2414183`` for either that URN or the bare id ``2414183``."""
    value = value.strip()
    return f"{ORG_PREFIX}{value}" if value.isdigit() else value


def org_forms(value: str) -> list[str]:
    """Both ways a channel may store an organisation: the URN and, for organisations, the id."""
    urn = org_urn(value)
    forms = [urn]
    if urn.startswith(ORG_PREFIX):
        forms.append(urn[len(ORG_PREFIX):])
    return forms


def comment_urn(value: str) -> str:
    """A comment URN in its full form: some payloads abbreviate the inner ``urn:li:`` prefix
    (``urn:li:comment:(activity:1,2)``); the API and the decorated entity use the full one."""
    match = _COMMENT.match(value.strip())
    if not match:
        return value.strip()
    inner = match["object"].strip()
    if not inner.startswith("urn:"):
        inner = f"urn:li:{inner}"
    return f"urn:li:comment:({inner},{match['id'].strip()})"


def comment_parts(value: str) -> tuple[str, str] | None:
    """(the commented object's URN, the comment id) of a comment URN, else None."""
    match = _COMMENT.match(comment_urn(value))
    return (match["object"], match["id"]) if match else None


def encoded(urn: str) -> str:
    """A URN as a path segment (every reserved character percent-encoded)."""
    return quote(urn, safe="")
