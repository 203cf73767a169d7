"""A client's retention policy (config ``retention:`` block of the client):

    retention:
      mentions_days: 365     # messages with no safety relevance are anonymised after this many days
      legal_hold: false      # true: nothing of this client is anonymised, whatever its age

Safety evidence (the frozen snapshots of safety cases), the safety cases themselves, audit events
and electronic signatures are never touched by retention: they follow the pharmacovigilance
retention period, and Carewatch deletes none of them automatically.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from carewatch.tenancy.models import Client


@dataclass(frozen=True)
class RetentionPolicy:
    mentions_days: int | None  # None: kept until a person decides
    legal_hold: bool


def validate_settings(settings: dict[str, Any], where: str) -> dict[str, Any]:
    block = settings.get("retention")
    if block is None:
        return settings
    if not isinstance(block, dict):
        raise ValueError(f"{where} retention: must be a mapping")
    unknown = set(block) - {"mentions_days", "legal_hold"}
    if unknown:
        raise ValueError(f"{where} retention: unknown key(s) {', '.join(sorted(unknown))}")
    days = block.get("mentions_days")
    if days is not None and (not isinstance(days, int) or isinstance(days, bool) or not 30 <= days <= 3650):
        raise ValueError(f"{where} retention.mentions_days: whole days from 30 to 3650")
    if not isinstance(block.get("legal_hold", False), bool):
        raise ValueError(f"{where} retention.legal_hold: true or false")
    return settings


def policy_for(client: Client) -> RetentionPolicy:
    block = (client.settings or {}).get("retention") or {}
    days = block.get("mentions_days")
    return RetentionPolicy(mentions_days=int(days) if days else None, legal_hold=bool(block.get("legal_hold")))
