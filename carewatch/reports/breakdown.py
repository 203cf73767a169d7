"""The report's figures broken down by one dimension of the cases: platform, channel, agent,
team, tag, label or language (``by=`` on the page, the API and the command line).

Platform rows are read from the per-platform rollups. The other dimensions group the period's
case facts (``CaseFact``, one row per case, derived from the history) by the case's channel,
language and routing team, the agent who sent its first reply, or its tags and triage labels (a
case with two tags counts under each, so tag rows need not add up to the total). Definitions:
docs/reports.md. Read-only.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from carewatch.inbox.models import CaseTag, Tag
from carewatch.reports.figures import Period, pct, per_platform
from carewatch.reports.models import CaseFact
from carewatch.reports.rollups import target_minutes, whole_minutes
from carewatch.reports.totals import Totals, percentile, within
from carewatch.tenancy.models import Channel, Client, User

DIMENSIONS: dict[str, str] = {
    "platform": "Platform",
    "channel": "Channel",
    "agent": "Agent (first reply)",
    "team": "Team",
    "tag": "Tag",
    "label": "Triage label",
    "language": "Language",
}
NOT_ANSWERED = ""  # the agent "value" of cases without a brand reply
ON_PLATFORM = "platform"  # the agent "value" of cases first answered natively on the platform
COLUMNS = ("cases", "cases_needing_reply", "replied", "reply_rate_pct", "unanswered", "p50_calendar",
           "p90_calendar", "p50_business", "p90_business", "within_target_pct")


def dimension(value: str | None) -> str:
    """A known dimension (``platform`` for anything else)."""
    return value if value in DIMENSIONS else "platform"


def _row(value: str, name: str, t: Totals, target: int) -> dict[str, Any]:
    counted, answered = t.n("counted"), t.n("answered")
    return {
        "value": value, "name": name, "cases": t.n("cases"), "cases_needing_reply": counted,
        "replied": t.n("replied"), "reply_rate_pct": pct(answered, counted), "unanswered": counted - answered,
        "p50_calendar": percentile(t.calendar, 50), "p90_calendar": percentile(t.calendar, 90),
        "p50_business": percentile(t.business, 50), "p90_business": percentile(t.business, 90),
        "within_target_pct": pct(within(t.calendar, target), counted),
    }


def _group_key(by: str, row: dict[str, Any]) -> str:
    if by == "channel":
        return str(row["channel_id"] or "")
    if by == "agent":
        if row["first_reply_at"] is None:
            return NOT_ANSWERED
        return str(row["first_reply_agent_id"]) if row["first_reply_agent_id"] else ON_PLATFORM
    return str(row[by] or "")


def _names(client: Client, by: str, keys: list[str]) -> dict[str, str]:
    if by == "channel":
        ids = [int(k) for k in keys if k.isdigit()]
        return {str(pk): str(ch) for pk, ch in ((c.pk, c) for c in Channel.objects.filter(pk__in=ids,
                                                                                         client=client))}
    if by == "agent":
        ids = [int(k) for k in keys if k.isdigit()]
        names = {str(pk): name or email for pk, name, email in
                 User.objects.filter(pk__in=ids).values_list("pk", "name", "email")}
        return {NOT_ANSWERED: "(not answered yet)", ON_PLATFORM: "(answered on the platform)", **names}
    return {}


def case_facts(client: Client, period: Period) -> QuerySet[CaseFact]:
    return CaseFact.objects.filter(client=client, day__gte=period.first, day__lte=period.last)


def breakdown(client: Client, period: Period, by: str, per: dict[str, Totals] | None = None) -> list[dict[str, Any]]:
    """One row per value of ``by`` (most cases first), with the case figures of that value
    (``per``: the per-platform totals, when already read)."""
    by = dimension(by)
    target = target_minutes(client)
    if by == "platform":
        rows = []
        for platform, t in (per if per is not None else per_platform(client, period)).items():
            row = _row(platform, platform, t, target)
            row["mentions"] = t.n("mentions")
            rows.append(row)
        return sorted(rows, key=lambda r: (-r["cases"], r["name"]))
    facts = case_facts(client, period)
    groups: dict[str, Totals] = {}
    fields = ("case_id", "excluded", "first_reply_at", "first_reply_agent_id", "calendar_minutes",
              "business_minutes", "channel_id", "team", "language")
    tags: dict[int, list[str]] = {}
    if by in ("tag", "label"):
        kind = Tag.Kind.TAG if by == "tag" else Tag.Kind.LABEL
        for case_id, name in CaseTag.objects.filter(
                case_id__in=facts.values("case_id"), tag__kind=kind, tag__client=client,
        ).values_list("case_id", "tag__name"):
            tags.setdefault(case_id, []).append(name)
    for row in facts.values(*fields).iterator(chunk_size=5000):
        keys = tags.get(row["case_id"], []) if by in ("tag", "label") else [_group_key(by, row)]
        for key in keys or [""]:
            t = groups.setdefault(key, Totals())
            t.sums["cases"] += 1
            if row["first_reply_at"] is not None:
                t.sums["replied"] += 1
            if row["excluded"]:
                continue
            t.sums["counted"] += 1
            if row["first_reply_at"] is not None and row["calendar_minutes"] is not None:
                t.sums["answered"] += 1
                t.add_minutes("calendar_hist", whole_minutes(row["calendar_minutes"]))
                t.add_minutes("business_hist", whole_minutes(row["business_minutes"] or 0))
    names = _names(client, by, list(groups))
    rows = [_row(key, names.get(key, key) or "(none)", t, target) for key, t in groups.items()]
    return sorted(rows, key=lambda r: (-r["cases"], r["name"]))


def filter_facts(client: Client, facts: QuerySet[CaseFact], by: str, value: str) -> QuerySet[CaseFact]:
    """The case facts behind one breakdown row (``by``, ``value``)."""
    by = dimension(by)
    value = value[:100]
    if by == "platform":
        return facts.filter(platform=value)
    if by == "channel":
        return facts.filter(channel_id=int(value)) if value.isdigit() and len(value) < 18 else facts.filter(
            channel__isnull=True)
    if by == "agent":
        if value == NOT_ANSWERED:
            return facts.filter(first_reply_at__isnull=True)
        if value == ON_PLATFORM:
            return facts.filter(first_reply_at__isnull=False, first_reply_agent__isnull=True)
        return facts.filter(first_reply_agent_id=int(value)) if value.isdigit() and len(value) < 18 else facts.none()
    if by in ("tag", "label"):
        kind = Tag.Kind.TAG if by == "tag" else Tag.Kind.LABEL
        tagged = CaseTag.objects.filter(tag__client=client, tag__kind=kind)
        if value:
            return facts.filter(case_id__in=tagged.filter(tag__name=value).values("case_id"))
        return facts.exclude(case_id__in=tagged.values("case_id"))
    return facts.filter(Q(**{by: value}))


def inbox_filter(by: str, value: str) -> dict[str, str] | None:
    """The inbox's own filter for a breakdown row, where the inbox has one."""
    if by == "platform":
        return {"platform": value}
    if by in ("tag", "label") and value:
        return {"tag": value}
    if by == "language" and value:
        return {"lang": value}
    return None
