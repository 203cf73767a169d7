"""The report figures of a client (or several) over whole local days, read from the rollups.

Every figure is defined in docs/reports.md. Percentiles are nearest-rank over whole minutes
(rounded up): the p-th percentile is the smallest number of minutes within which at least p %
of the answered cases were answered. Read-only.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Count, F, Q
from django.utils import timezone

from carewatch.reports.models import CaseFact, DailyRollup
from carewatch.reports.rollups import day_bounds, target_minutes
from carewatch.safety.models import NOT_FORWARDED, SafetyCase, SafetyStatus
from carewatch.tenancy.models import Client

SUMS = ("mentions", "hidden", "removed", "sentiment_negative", "sentiment_neutral", "sentiment_positive",
        "cases", "counted", "replied", "answered", "calendar_sum", "business_sum", "safety_cases",
        "clicks", "bot_clicks")


@dataclass
class Totals:
    """Rollup rows added up: the raw material of a summary."""

    sums: Counter[str] = field(default_factory=Counter)
    by_kind: Counter[str] = field(default_factory=Counter)
    calendar: Counter[int] = field(default_factory=Counter)
    business: Counter[int] = field(default_factory=Counter)

    def add_row(self, row: dict[str, Any]) -> None:
        for name in SUMS:
            self.sums[name] += row[name] or 0
        self.by_kind.update(row["by_kind"] or {})
        for key, value in (row["calendar_hist"] or {}).items():
            self.calendar[int(key)] += value
        for key, value in (row["business_hist"] or {}).items():
            self.business[int(key)] += value

    def add(self, other: Totals) -> None:
        self.sums.update(other.sums)
        self.by_kind.update(other.by_kind)
        self.calendar.update(other.calendar)
        self.business.update(other.business)


def percentile(hist: Counter[int], p: float) -> int | None:
    """Nearest rank: the smallest value with at least ``p`` % of the counts at or below it."""
    total = sum(hist.values())
    if not total:
        return None
    rank = max(1, -(-total * p // 100))  # ceil(total * p / 100), at least 1
    seen = 0
    for value in sorted(hist):
        seen += hist[value]
        if seen >= rank:
            return value
    return max(hist)


def within(hist: Counter[int], minutes: int) -> int:
    return sum(n for value, n in hist.items() if value <= minutes)


def pct(part: float, whole: float) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def totals(client_ids: list[int], first: date, last: date, platform: str = "") -> Totals:
    out = Totals()
    rows = DailyRollup.objects.filter(client_id__in=client_ids, day__gte=first, day__lte=last)
    if platform:
        rows = rows.filter(platform=platform)
    for row in rows.values(*SUMS, "by_kind", "calendar_hist", "business_hist").iterator(chunk_size=2000):
        out.add_row(row)
    return out


def speed(t: Totals) -> dict[str, Any]:
    answered = t.sums["answered"]
    return {
        "business": {"p50": percentile(t.business, 50), "p90": percentile(t.business, 90),
                     "mean": round(t.sums["business_sum"] / answered, 1) if answered else None},
        "calendar": {"p50": percentile(t.calendar, 50), "p90": percentile(t.calendar, 90),
                     "mean": round(t.sums["calendar_sum"] / answered, 1) if answered else None},
    }


def safety_figures(client_ids: list[int], bounds: list[tuple[int, datetime, datetime]],
                   now: datetime | None = None) -> dict[str, Any]:
    """Safety cases detected in the period (per client's own local days), dismissed ones aside."""
    now = now or timezone.now()
    scope = Q(pk__in=[])
    for client_id, start, end in bounds:
        scope |= Q(client_id=client_id, detected_at__gte=start, detected_at__lt=end)
    cases = SafetyCase.objects.filter(scope).exclude(status=SafetyStatus.DISMISSED)
    figures = cases.aggregate(
        flagged=Count("pk"),
        forwarded=Count("pk", filter=Q(forwarded_at__isnull=False)),
        on_time=Count("pk", filter=Q(forwarded_at__isnull=False, forwarded_at__lte=F("forward_due"))),
        pending=Count("pk", filter=Q(forwarded_at__isnull=True, forward_due__gt=now)),
    )
    late_q = Q(forwarded_at__gt=F("forward_due")) | Q(forwarded_at__isnull=True, forward_due__lte=now)
    late = list(cases.filter(late_q).select_related("client").order_by("forward_due")[:200])
    due = figures["flagged"] - figures["pending"]
    return {
        "flagged": figures["flagged"],
        "forwarded": figures["forwarded"],
        "forwarded_on_time": figures["on_time"],
        "forwarded_on_time_pct": pct(figures["on_time"], due),
        "pending": figures["pending"],
        "late": cases.filter(late_q).count(),
        "late_cases": [{
            "reference": s.reference, "kind": s.kind, "status": s.status, "serious": s.serious,
            "forward_due": s.forward_due.isoformat(),
            "forwarded_at": s.forwarded_at.isoformat() if s.forwarded_at else None,
            "minutes_late": round(((s.forwarded_at or now) - s.forward_due).total_seconds() / 60),
            "still_not_forwarded": s.status in NOT_FORWARDED and s.forwarded_at is None,
        } for s in late],
    }


@dataclass(frozen=True)
class Period:
    first: date
    last: date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def previous(self) -> Period:
        return Period(self.first - timedelta(days=self.days), self.first - timedelta(days=1))


def summarise(clients: list[Client], period: Period, *, platform: str = "", now: datetime | None = None,
              compare: bool = True) -> dict[str, Any]:
    """The summary figures of these clients (one, or several added up) over ``period``."""
    ids = [c.pk for c in clients]
    t = totals(ids, period.first, period.last, platform)
    targets = {target_minutes(c) for c in clients}
    target = targets.pop() if len(targets) == 1 else None
    counted, answered = t.sums["counted"], t.sums["answered"]
    if target is not None:
        in_target, in_target_business = within(t.calendar, target), within(t.business, target)
    else:  # several clients with their own targets: each client's cases against its own
        in_target = in_target_business = 0
        for client in clients:
            own = totals([client.pk], period.first, period.last, platform)
            in_target += within(own.calendar, target_minutes(client))
            in_target_business += within(own.business, target_minutes(client))
    bounds = [(c.pk, *day_bounds(c.tz, period.first, period.last)) for c in clients]
    out: dict[str, Any] = {
        "from": period.first.isoformat(),
        "to": period.last.isoformat(),
        "mentions": t.sums["mentions"],
        "mentions_by_kind": dict(sorted(t.by_kind.items())),
        "hidden": t.sums["hidden"],
        "removed": t.sums["removed"],
        "cases": t.sums["cases"],
        "cases_needing_reply": counted,
        "replied": t.sums["replied"],
        "reply_rate_pct": pct(answered, counted),
        "unanswered": counted - answered,
        "first_response_minutes": speed(t),
        "answered_within_target_pct": pct(in_target, counted),
        "answered_within_target_business_pct": pct(in_target_business, counted),
        "target_minutes": target,
        "safety": safety_figures(ids, bounds, now),
        "clicks": t.sums["clicks"],
        "bot_clicks": t.sums["bot_clicks"],
        "clicks_per_reply": round(t.sums["clicks"] / t.sums["replied"], 2) if t.sums["replied"] else None,
        "sentiment": {"negative": t.sums["sentiment_negative"], "neutral": t.sums["sentiment_neutral"],
                      "positive": t.sums["sentiment_positive"]},
    }
    if compare:
        before = summarise(clients, period.previous(), platform=platform, now=now, compare=False)
        out["previous"] = {k: before[k] for k in (
            "from", "to", "mentions", "cases", "replied", "reply_rate_pct", "first_response_minutes",
            "answered_within_target_pct", "answered_within_target_business_pct", "clicks", "sentiment")}
        out["previous"]["safety"] = {k: before["safety"][k] for k in (
            "flagged", "forwarded", "forwarded_on_time_pct", "late")}
    return out


def client_summary(client: Client, period: Period, **kwargs: Any) -> dict[str, Any]:
    return {"client": client.slug, "client_name": client.name, "timezone": client.timezone,
            **summarise([client], period, **kwargs)}


# ------------------------------------------------------------------ series for the report page
def daily_series(client: Client, period: Period) -> list[dict[str, Any]]:
    """One row per local day of the period: volume, replies, p50 first response, clicks."""
    per_day: dict[date, Totals] = {}
    for row in DailyRollup.objects.filter(client=client, day__gte=period.first, day__lte=period.last).values(
            "day", *SUMS, "by_kind", "calendar_hist", "business_hist"):
        per_day.setdefault(row["day"], Totals()).add_row(row)
    out = []
    day = period.first
    while day <= period.last:
        t = per_day.get(day, Totals())
        out.append({"day": day.isoformat(), "mentions": t.sums["mentions"], "cases": t.sums["cases"],
                    "replied": t.sums["replied"], "p50_calendar": percentile(t.calendar, 50),
                    "p50_business": percentile(t.business, 50), "clicks": t.sums["clicks"],
                    "negative": t.sums["sentiment_negative"], "neutral": t.sums["sentiment_neutral"],
                    "positive": t.sums["sentiment_positive"]})
        day += timedelta(days=1)
    return out


def by_platform(client: Client, period: Period) -> list[dict[str, Any]]:
    per: dict[str, Totals] = {}
    for row in DailyRollup.objects.filter(client=client, day__gte=period.first, day__lte=period.last).values(
            "platform", *SUMS, "by_kind", "calendar_hist", "business_hist"):
        per.setdefault(row["platform"], Totals()).add_row(row)
    target = target_minutes(client)
    return [{"platform": p, "mentions": t.sums["mentions"], "cases": t.sums["cases"], "replied": t.sums["replied"],
             "p50_calendar": percentile(t.calendar, 50), "p90_calendar": percentile(t.calendar, 90),
             "p50_business": percentile(t.business, 50), "p90_business": percentile(t.business, 90),
             "within_target_pct": pct(within(t.calendar, target), t.sums["counted"]), "clicks": t.sums["clicks"]}
            for p, t in sorted(per.items())]


def by_agent(client: Client, period: Period) -> list[dict[str, Any]]:
    """Cases each agent answered first (sent through Carewatch); natively sent replies: no agent."""
    from carewatch.tenancy.models import User

    rows = (CaseFact.objects.filter(client=client, day__gte=period.first, day__lte=period.last,
                                    first_reply_at__isnull=False)
            .values_list("first_reply_agent_id").annotate(n=Count("pk")).values_list("first_reply_agent_id", "n"))
    counts = dict(rows)
    names = dict(User.objects.filter(pk__in=[k for k in counts if k]).values_list("pk", "name"))
    return sorted(({"agent_id": k, "agent": names.get(k, "") if k else "(on the platform)", "first_replies": n}
                   for k, n in counts.items()), key=lambda r: -int(r["first_replies"]))


def heatmap(client: Client, period: Period) -> dict[str, list[list[int]]]:
    """Inbound messages and first replies by local weekday (Mon=0) and hour, from the rollups."""
    grids = {"in": [[0] * 24 for _ in range(7)], "out": [[0] * 24 for _ in range(7)]}
    for heat in DailyRollup.objects.filter(client=client, day__gte=period.first,
                                           day__lte=period.last).values_list("heat", flat=True):
        for side, grid in grids.items():
            for slot, n in ((heat or {}).get(side) or {}).items():
                weekday, hour = slot.split(":")
                grid[int(weekday)][int(hour)] += n
    return {"arrivals": grids["in"], "replies": grids["out"]}


DAY_NAMES_SHORT = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
