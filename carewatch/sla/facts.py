"""What the SLA clocks and the three-touch process are computed from: the case's rows.

The database is the source of truth: the customer's messages are the case's inbound mentions,
the brand's replies its outbound mentions (answered natively on the platform, or the echo of
our own send) and its sent outbox replies. Nothing here writes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import connection
from django.db.models import Exists, OuterRef, QuerySet, Subquery

from carewatch.inbox.models import Case, Direction, Mention, MentionKind
from carewatch.replies.models import OutboundAction, OutboundStatus, Verb
from carewatch.safety.models import SafetyCase, SafetyStatus

REPLY_VERBS = (Verb.REPLY, Verb.PRIVATE_REPLY, Verb.DM)
PRIVATE_VERBS = (Verb.PRIVATE_REPLY, Verb.DM)


@dataclass(frozen=True)
class Reply:
    at: datetime
    channel: str  # public | private
    agent_id: int | None
    reference: str


@dataclass
class CaseFacts:
    inbound: list[datetime] = field(default_factory=list)  # the customer's messages, in order
    replies: list[Reply] = field(default_factory=list)  # the brand's, in order
    safety: bool = False
    key: str = ""

    @property
    def last_in(self) -> datetime | None:
        return self.inbound[-1] if self.inbound else None


def safety_exists() -> Exists:
    return Exists(SafetyCase.objects.filter(case_id=OuterRef("pk")).exclude(status=SafetyStatus.DISMISSED))


def with_fact_columns(qs: QuerySet[Case]) -> QuerySet[Any]:
    """(pk, key) rows: the key changes whenever anything the clocks depend on changes."""
    latest_in = Mention.objects.filter(case_id=OuterRef("pk"), direction=Direction.INBOUND).order_by("-created_at")
    latest_out = Mention.objects.filter(case_id=OuterRef("pk"), direction=Direction.OUTBOUND).order_by("-created_at")
    latest_sent = OutboundAction.objects.filter(case_id=OuterRef("pk"), status=OutboundStatus.SENT,
                                                verb__in=REPLY_VERBS).order_by("-sent_at")
    return qs.annotate(
        _last_in=Subquery(latest_in.values("created_at")[:1]),
        _last_out=Subquery(latest_out.values("created_at")[:1]),
        _last_sent=Subquery(latest_sent.values("sent_at")[:1]),
        _safety=safety_exists(),
    ).values_list("pk", "status", "priority", "closed_at", "first_responded_at", "updated_at",
                  "_last_in", "_last_out", "_last_sent", "_safety")


def key_of(row: tuple[Any, ...]) -> str:
    text = "|".join(v.isoformat() if isinstance(v, datetime) else str(v) for v in row[1:])
    return hashlib.sha256(text.encode()).hexdigest()[:40]


def keys_for(case_ids: list[int]) -> dict[int, str]:
    return {row[0]: key_of(row) for row in with_fact_columns(Case.objects.filter(pk__in=case_ids))}


def facts_for(case: Case) -> CaseFacts:
    return facts_for_cases([case.pk])[case.pk]


def _latest(values: list[datetime | None]) -> datetime | None:
    """What ``with_fact_columns``' "latest" subquery (ORDER BY the column DESC, first row) gives
    for these values: PostgreSQL sorts NULL first in a descending order, SQLite last."""
    if not values:
        return None
    if None in values and connection.vendor == "postgresql":
        return None
    present = [v for v in values if v is not None]
    return max(present) if present else None


def facts_for_cases(case_ids: list[int], cases: dict[int, Case] | None = None) -> dict[int, CaseFacts]:
    """The facts of these cases, read together: one query per kind of row for the whole batch
    (the pipeline reconciles the cases of hundreds of new mentions at once). ``cases``: the case
    rows, when the caller has read them (locked): each key is then made from them and the rows
    read here, the same key ``keys_for`` reads (one query fewer, and the costliest to compile)."""
    facts = {pk: CaseFacts() for pk in case_ids}
    if not facts:
        return facts
    sent: dict[int, dict[str, Reply]] = {pk: {} for pk in facts}
    replies: dict[int, list[Reply]] = {pk: [] for pk in facts}
    sent_at: dict[int, list[datetime | None]] = {pk: [] for pk in facts}
    for action in OutboundAction.objects.filter(case_id__in=facts, status=OutboundStatus.SENT, verb__in=REPLY_VERBS,
                                                ).order_by("case_id", "sent_at", "pk"):
        assert action.case_id is not None
        sent_at[action.case_id].append(action.sent_at)
        if action.sent_at is None:
            continue
        reply = Reply(action.sent_at, "private" if action.verb in PRIVATE_VERBS else "public",
                      action.created_by_id, f"outbound:{action.pk}")
        replies[action.case_id].append(reply)
        if action.external_id:
            sent[action.case_id][action.external_id] = reply
    rows = Mention.objects.filter(case_id__in=facts).order_by("case_id", "created_at", "pk").values_list(
        "pk", "case_id", "created_at", "direction", "kind", "external_id")
    last_out: dict[int, datetime] = {}
    for pk, case_id, created_at, direction, kind, external_id in rows:
        if direction == Direction.INBOUND:
            facts[case_id].inbound.append(created_at)
        else:
            if direction == Direction.OUTBOUND:
                last_out[case_id] = created_at  # ascending: the last one seen is the latest
            if external_id not in sent[case_id]:  # an echo of our own send is that send
                replies[case_id].append(Reply(created_at, "private" if kind == MentionKind.DM else "public",
                                              None, f"mention:{pk}"))
    with_safety = set(SafetyCase.objects.filter(case_id__in=facts).exclude(status=SafetyStatus.DISMISSED)
                      .values_list("case_id", flat=True))
    if cases is None or any(pk not in cases for pk in facts):
        keys = keys_for(list(facts))
    else:
        keys = {}
        for pk, item in facts.items():
            case = cases[pk]
            keys[pk] = key_of((pk, case.status, case.priority, case.closed_at, case.first_responded_at,
                               case.updated_at, item.inbound[-1] if item.inbound else None, last_out.get(pk),
                               _latest(sent_at[pk]), pk in with_safety))
    for pk, item in facts.items():
        item.replies = sorted(replies[pk], key=lambda r: (r.at, r.reference))
        item.safety = pk in with_safety
        item.key = keys.get(pk, "")
    return facts
