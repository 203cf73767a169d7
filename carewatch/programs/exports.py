"""Exports for legal: the rights library as CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from carewatch.programs.models import RightsRequest

RIGHTS_COLUMNS = ("id", "platform", "post_url", "author_handle", "status", "hashtag", "terms_url", "terms_version",
                  "requested_at", "answered_at", "expires_at", "revoked_at", "consent_text", "consent_url",
                  "evidence_sha256", "revocation_sha256", "used_in")


def _safe(value: str) -> str:
    """No spreadsheet formula injection from a user's text."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def rights_csv(requests: Iterable[RightsRequest]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(RIGHTS_COLUMNS)
    for r in requests:
        writer.writerow([_safe(str(v)) for v in (
            r.pk, r.platform, r.post_url, r.author_handle, r.status, r.hashtag, r.terms_url, r.terms_version,
            r.requested_at.isoformat(), r.answered_at.isoformat() if r.answered_at else "",
            r.expires_at.isoformat() if r.expires_at else "", r.revoked_at.isoformat() if r.revoked_at else "",
            (r.evidence or {}).get("text", ""), (r.evidence or {}).get("url", ""), r.evidence_sha256,
            r.revocation_sha256, "; ".join(u.get("where", "") for u in r.usage or []))])
    return out.getvalue()
