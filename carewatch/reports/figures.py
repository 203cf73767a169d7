"""The report figures of a client (or several) over whole local days, read from the rollups.

Every figure is defined in docs/reports.md. Percentiles are nearest-rank over whole minutes
(rounded up): the p-th percentile is the smallest number of minutes within which at least p %
of the answered cases were answered. Read-only.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import numpy as np
from django.db import connection
from django.db.models import BooleanField, Count, F, Q
from django.db.models.expressions import RawSQL
from django.utils import timezone

from carewatch.escalation.models import Escalation
from carewatch.reports.models import ALL_PLATFORMS, DailyRollup, MonthlyRollup
from carewatch.reports.rollups import day_bounds, target_minutes, whole_minutes
from carewatch.reports.totals import ROW_FIELDS, Totals, percentile, within
from carewatch.safety.models import NOT_FORWARDED, SafetyCase, SafetyStatus
from carewatch.tenancy.calendar import client_calendar
from carewatch.tenancy.models import Client


def pct(part: float, whole: float) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _spans(first: date, last: date) -> tuple[list[date], list[tuple[date, date]]]:
    """The whole calendar months inside [first, last] (their first days) and the day ranges
    left at either end."""
    months: list[date] = []
    edges: list[tuple[date, date]] = []
    month = first if first.day == 1 else (first.replace(day=1) + timedelta(days=32)).replace(day=1)
    if month > last:
        return [], [(first, last)]
    if month > first:
        edges.append((first, month - timedelta(days=1)))
    while True:
        nxt = (month + timedelta(days=32)).replace(day=1)
        if nxt - timedelta(days=1) > last:
            break
        months.append(month)
        month = nxt
    if month <= last:
        edges.append((month, last))
    return months, edges


PLATFORM_FIELDS = ("mentions", "cases", "counted", "replied", "answered", "calendar_hist", "business_hist",
                   "clicks")  # what the per-platform tables read


def rollup_rows(client_ids: list[int], first: date, last: date, *, per_platform: bool = False,
                fields: tuple[str, ...] = ROW_FIELDS) -> Iterator[dict[str, Any]]:
    """The rollup rows that add up to [first, last]: whole months from the monthly rows, the
    days at either end from the daily rows. All-platform rows, or each platform's (only
    ``fields`` of them: a JSON column not read is not decoded)."""
    months, edges = _spans(first, last)
    platform = ~Q(platform=ALL_PLATFORMS) if per_platform else Q(platform=ALL_PLATFORMS)
    if months:
        yield from MonthlyRollup.objects.filter(platform, client_id__in=client_ids, month__in=months).values(
            "client_id", "platform", *fields)
    for start, end in edges:
        yield from DailyRollup.objects.filter(platform, client_id__in=client_ids, day__gte=start,
                                              day__lte=end).values("client_id", "platform", *fields)


def totals(client_ids: list[int], first: date, last: date) -> Totals:
    out = Totals()
    for row in rollup_rows(client_ids, first, last):
        out.add_row(row)
    return out


def speed(t: Totals) -> dict[str, Any]:
    answered = t.n("answered")
    return {
        "business": {"p50": percentile(t.business, 50), "p90": percentile(t.business, 90),
                     "mean": round(t.sums["business_sum"] / answered, 1) if answered else None},
        "calendar": {"p50": percentile(t.calendar, 50), "p90": percentile(t.calendar, 90),
                     "mean": round(t.sums["calendar_sum"] / answered, 1) if answered else None},
    }


def later_speed(t: Totals) -> dict[str, Any]:
    """Next-response and resolution times (calendar minutes), reopened cases."""
    def spread(name: str, total: str) -> dict[str, Any]:
        dense = t.dense(name)
        n = int(dense.sum()) if len(dense) else 0
        return {"count": n, "p50": percentile(dense, 50), "p90": percentile(dense, 90),
                "mean": round(t.sums[total] / n, 1) if n else None}

    return {"next_response_minutes": spread("next_hist", "next_sum"),
            "resolution_minutes": spread("resolution_hist", "resolution_sum"),
            "reopened": t.n("reopened")}


def sla_figures(t: Totals) -> dict[str, Any]:
    """The SLA clocks of the period's cases: per clock how many ran, were met, warned, breached."""
    c = t.counters["sla"]
    out: dict[str, Any] = {kind: {k: int(c[f"{kind}_{k}"]) for k in ("ran", "met", "warned", "breached")}
                           for kind in ("first", "resolution")}
    out["next"] = {"cases_breached": int(c["next_cases_breached"]), "breaches": int(c["next_breaches"])}
    for kind in ("first", "resolution"):
        out[kind]["met_pct"] = pct(out[kind]["met"], out[kind]["ran"])
    return out


TOUCH_OUTCOMES = ("answered_1", "answered_2", "answered_3", "closed_no_response", "following_up", "stopped")


def touch_figures(t: Totals) -> dict[str, Any]:
    """Three-touch cycles of the period's cases by outcome."""
    c = t.counters["touches"]
    out: dict[str, Any] = {k: int(c[k]) for k in TOUCH_OUTCOMES}
    out["cycles"] = sum(int(n) for n in c.values())
    ended = sum(out[k] for k in TOUCH_OUTCOMES[:4])
    out["answered_pct"] = pct(sum(out[k] for k in TOUCH_OUTCOMES[:3]), ended)
    return out


def safety_figures(client_ids: list[int], bounds: list[tuple[int, datetime, datetime]],
                   now: datetime | None = None, *, clients: list[Client] | None = None,
                   period: Period | None = None) -> dict[str, Any]:
    """Safety cases detected in the period (per client's own local days), dismissed ones aside."""
    now = now or timezone.now()
    scope = Q() if bounds else Q(pk__in=[])
    for client_id, start, end in bounds:
        scope |= Q(client_id=client_id, detected_at__gte=start, detected_at__lt=end)
    cases = SafetyCase.objects.filter(scope).exclude(status=SafetyStatus.DISMISSED)
    late_q = Q(forwarded_at__gt=F("forward_due")) | Q(forwarded_at__isnull=True, forward_due__lte=now)
    counts = cases.aggregate(
        flagged=Count("pk"), forwarded=Count("pk", filter=Q(forwarded_at__isnull=False)),
        on_time=Count("pk", filter=Q(forwarded_at__lte=F("forward_due"))),
        pending=Count("pk", filter=Q(forwarded_at__isnull=True, forward_due__gt=now)),
        late=Count("pk", filter=late_q))
    flagged, forwarded, on_time, pending = counts["flagged"], counts["forwarded"], counts["on_time"], counts["pending"]
    late = list(cases.filter(late_q).order_by("forward_due").values_list(
        "client__slug", "kind", "number", "status", "serious", "forward_due", "forwarded_at")[:200])
    return {
        **({"weekend_holiday": weekend_holiday(cases, clients, period.first, period.last, now)}
           if clients is not None and period is not None else {}),
        "flagged": flagged,
        "forwarded": forwarded,
        "forwarded_on_time": on_time,
        "forwarded_on_time_pct": pct(on_time, flagged - pending),
        "pending": pending,
        "late": counts["late"],
        "late_cases": [{
            "reference": f"{slug.upper()}-{'AE' if kind == 'adverse_event' else 'PC'}-{number:06d}",
            "kind": kind, "status": status, "serious": serious,
            "forward_due": due.isoformat(),
            "forwarded_at": sent.isoformat() if sent else None,
            "minutes_late": round(((sent or now) - due).total_seconds() / 60),
            "still_not_forwarded": status in NOT_FORWARDED and sent is None,
        } for slug, kind, number, status, serious, due, sent in late],
    }


def off_days(client: Client, first: date, last: date) -> dict[str, list[tuple[datetime, datetime]]]:
    """The client's weekend days and holidays in [first, last] as ranges of UTC instants
    (consecutive days merged; a holiday on a weekend is a holiday)."""
    calendar = client_calendar(client)
    spans: dict[str, list[tuple[date, date]]] = {"weekend": [], "holiday": []}
    day = first
    while day <= last:
        kind = "holiday" if day in calendar.holidays else "weekend" if day.weekday() >= 5 else ""
        if kind:
            runs = spans[kind]
            if runs and runs[-1][1] == day - timedelta(days=1):
                runs[-1] = (runs[-1][0], day)
            else:
                runs.append((day, day))
        day += timedelta(days=1)
    return {kind: [day_bounds(client.tz, start, end) for start, end in runs] for kind, runs in spans.items()}


def _detected_in(clients: list[Client], ranges: dict[int, list[tuple[datetime, datetime]]]) -> tuple[str, list[Any]]:
    """A WHERE clause: detected in one of each client's ranges. Written as SQL with parameters:
    a Q of a hundred ranges costs the ORM far more to resolve than the query costs to run."""
    qn = connection.ops.quote_name
    table = qn(SafetyCase._meta.db_table)
    at, owner = f"{table}.{qn('detected_at')}", f"{table}.{qn('client_id')}"
    parts: list[str] = []
    params: list[Any] = []
    for client in clients:
        spans = ranges.get(client.pk) or []
        if not spans:
            continue
        parts.append(f"({owner} = %s AND (" + " OR ".join(f"({at} >= %s AND {at} < %s)" for _ in spans) + "))")
        params.append(client.pk)
        for since, until in spans:
            params += [connection.ops.adapt_datetimefield_value(since), connection.ops.adapt_datetimefield_value(until)]
    return (" OR ".join(parts) or "1 = 0"), params


def weekend_holiday(cases: Any, clients: list[Client], first: date, last: date, now: datetime) -> dict[str, Any]:
    """Safety items detected on a weekend day or a holiday of the client's calendar (its local
    day), and how many of those were forwarded on time (same rules as ``forwarded_on_time``)."""
    days = {c.pk: off_days(c, first, last) for c in clients}
    late_q = Q(forwarded_at__gt=F("forward_due")) | Q(forwarded_at__isnull=True, forward_due__lte=now)
    out = {"flagged": 0, "weekend": 0, "holiday": 0, "forwarded": 0, "forwarded_on_time": 0, "pending": 0,
           "late": 0}
    for kind in ("weekend", "holiday"):
        where, params = _detected_in(clients, {pk: d[kind] for pk, d in days.items()})
        # ``where`` holds only quoted column names and placeholders: every value is a parameter.
        off = RawSQL(where, params, output_field=BooleanField())  # noqa: S611
        counts = cases.alias(off=off).filter(off=True).aggregate(
            n=Count("pk"), forwarded=Count("pk", filter=Q(forwarded_at__isnull=False)),
            forwarded_on_time=Count("pk", filter=Q(forwarded_at__lte=F("forward_due"))),
            pending=Count("pk", filter=Q(forwarded_at__isnull=True, forward_due__gt=now)),
            late=Count("pk", filter=late_q))
        out[kind] = counts.pop("n")
        out["flagged"] += out[kind]
        for key, value in counts.items():
            out[key] += value
    return {**out, "forwarded_on_time_pct": pct(out["forwarded_on_time"], out["flagged"] - out["pending"])}


def escalation_figures(client_ids: list[int], bounds: list[tuple[int, datetime, datetime]]) -> dict[str, Any]:
    """Escalations opened in the period: how many were acknowledged, and the calendar minutes
    from opening to acknowledgement (whole minutes rounded up, nearest rank)."""
    scope = Q(pk__in=[])
    for client_id, start, end in bounds:
        scope |= Q(client_id=client_id, opened_at__gte=start, opened_at__lt=end)
    opened = 0
    waits: list[int] = []
    exact = 0.0
    for opened_at, acked_at in Escalation.objects.filter(scope).values_list("opened_at", "acknowledged_at"):
        opened += 1
        if acked_at is not None:
            minutes = max(0.0, (acked_at - opened_at).total_seconds() / 60)
            waits.append(whole_minutes(minutes))
            exact += minutes
    dense = np.bincount(np.asarray(waits, dtype=np.int64)).astype(np.int64) if waits else np.zeros(0, np.int64)
    return {"opened": opened, "acknowledged": len(waits), "acknowledged_pct": pct(len(waits), opened),
            "unacknowledged": opened - len(waits),
            "minutes_to_acknowledge": {"p50": percentile(dense, 50), "p90": percentile(dense, 90),
                                       "mean": round(exact / len(waits), 1) if waits else None}}


@dataclass(frozen=True)
class Period:
    first: date
    last: date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def previous(self) -> Period:
        return Period(self.first - timedelta(days=self.days), self.first - timedelta(days=1))


def summarise(clients: list[Client], period: Period, *, now: datetime | None = None,
              compare: bool = True, t: Totals | None = None) -> dict[str, Any]:
    """The summary figures of these clients (one, or several added up) over ``period``."""
    ids = [c.pk for c in clients]
    t = t if t is not None else totals(ids, period.first, period.last)
    targets = {target_minutes(c) for c in clients}
    target = targets.pop() if len(targets) == 1 else None
    counted, answered = t.n("counted"), t.n("answered")
    if target is not None:
        in_target, in_target_business = within(t.calendar, target), within(t.business, target)
    else:  # several clients with their own targets: each client's cases against its own
        in_target = in_target_business = 0
        for client in clients:
            own = totals([client.pk], period.first, period.last)
            in_target += within(own.calendar, target_minutes(client))
            in_target_business += within(own.business, target_minutes(client))
    bounds = [(c.pk, *day_bounds(c.tz, period.first, period.last)) for c in clients]
    out: dict[str, Any] = {
        "from": period.first.isoformat(),
        "to": period.last.isoformat(),
        "mentions": t.n("mentions"),
        "mentions_by_kind": dict(sorted(t.counters["by_kind"].items())),
        "hidden": t.n("hidden"),
        "removed": t.n("removed"),
        "cases": t.n("cases"),
        "cases_needing_reply": counted,
        "replied": t.n("replied"),
        "reply_rate_pct": pct(answered, counted),
        "unanswered": counted - answered,
        "first_response_minutes": speed(t),
        "answered_within_target_pct": pct(in_target, counted),
        "answered_within_target_business_pct": pct(in_target_business, counted),
        "target_minutes": target,
        "safety": safety_figures(ids, bounds, now, clients=clients, period=period),
        "escalations": escalation_figures(ids, bounds),
        "clicks": t.n("clicks"),
        "bot_clicks": t.n("bot_clicks"),
        "clicks_per_reply": round(t.n("clicks") / t.n("replied"), 2) if t.n("replied") else None,
        "sentiment": {"negative": t.n("sentiment_negative"), "neutral": t.n("sentiment_neutral"),
                      "positive": t.n("sentiment_positive")},
        **later_speed(t),
        "sla": sla_figures(t),
        "three_touch": touch_figures(t),
    }
    if compare:
        before = summarise(clients, period.previous(), now=now, compare=False)
        out["previous"] = {k: before[k] for k in (
            "from", "to", "mentions", "cases", "replied", "reply_rate_pct", "first_response_minutes",
            "answered_within_target_pct", "answered_within_target_business_pct", "clicks", "sentiment",
            "next_response_minutes", "resolution_minutes", "reopened", "sla", "three_touch")}
        out["previous"]["safety"] = {k: before["safety"][k] for k in (
            "flagged", "forwarded", "forwarded_on_time_pct", "late", "weekend_holiday")}
        out["previous"]["escalations"] = before["escalations"]
    return out


def client_summary(client: Client, period: Period, **kwargs: Any) -> dict[str, Any]:
    return {"client": client.slug, "client_name": client.name, "timezone": client.timezone,
            **summarise([client], period, **kwargs)}


# ------------------------------------------------------------------ the report page's tables
DAILY = ("day", "mentions", "cases", "replied", "p50_calendar", "p50_business", "clicks", "sentiment_negative",
         "sentiment_neutral", "sentiment_positive")


def daily_series(client: Client, period: Period) -> list[dict[str, Any]]:
    """One row per local day of the period (every platform): volume, replies, p50 first
    response of that day's cases, clicks, sentiment. Reads no histogram."""
    found = {row[0]: row for row in DailyRollup.objects.filter(
        client=client, platform=ALL_PLATFORMS, day__gte=period.first, day__lte=period.last).values_list(*DAILY)}
    out = []
    day = period.first
    while day <= period.last:
        row = found.get(day)
        values = dict(zip(DAILY, row, strict=True)) if row else {k: 0 for k in DAILY} | {
            "p50_calendar": None, "p50_business": None}
        out.append({"day": day.isoformat(), "mentions": values["mentions"], "cases": values["cases"],
                    "replied": values["replied"], "p50_calendar": values["p50_calendar"],
                    "p50_business": values["p50_business"], "clicks": values["clicks"],
                    "negative": values["sentiment_negative"], "neutral": values["sentiment_neutral"],
                    "positive": values["sentiment_positive"]})
        day += timedelta(days=1)
    return out


def per_platform(client: Client, period: Period) -> dict[str, Totals]:
    per: dict[str, Totals] = {}
    for row in rollup_rows([client.pk], period.first, period.last, per_platform=True, fields=PLATFORM_FIELDS):
        per.setdefault(row["platform"], Totals()).add_row(row)
    return per


def by_platform(client: Client, period: Period, per: dict[str, Totals] | None = None) -> list[dict[str, Any]]:
    per = per if per is not None else per_platform(client, period)
    target = target_minutes(client)
    return [{"platform": p, "mentions": t.n("mentions"), "cases": t.n("cases"), "replied": t.n("replied"),
             "p50_calendar": percentile(t.calendar, 50), "p90_calendar": percentile(t.calendar, 90),
             "p50_business": percentile(t.business, 50), "p90_business": percentile(t.business, 90),
             "within_target_pct": pct(within(t.calendar, target), t.n("counted")), "clicks": t.n("clicks")}
            for p, t in sorted(per.items())]


def by_agent(t: Totals) -> list[dict[str, Any]]:
    """Cases each agent answered first (sent through Carewatch); replies sent natively on the
    platform have no agent."""
    from carewatch.tenancy.models import User

    counts = {int(k) if k else None: n for k, n in t.counters["agents"].items() if n}
    names = dict(User.objects.filter(pk__in=[k for k in counts if k]).values_list("pk", "name"))
    return sorted(({"agent_id": k, "agent": names.get(k, "") if k else "(on the platform)", "first_replies": n}
                   for k, n in counts.items()), key=lambda r: -int(r["first_replies"]))


def heatmap(t: Totals) -> dict[str, list[list[int]]]:
    """Inbound messages and first replies by local weekday (Mon=0) and hour."""
    return {"arrivals": t.heat_in.reshape(7, 24).tolist(), "replies": t.heat_out.reshape(7, 24).tolist()}


DAY_NAMES_SHORT = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def programs_and_content(client: Client, period: Period) -> dict[str, Any]:
    """The client's programs (influencer checks, UGC rights, giveaways) and published posts in
    the period, read from their own apps' queries."""
    from carewatch.content.queries import per_post_metrics
    from carewatch.programs.queries import program_counts

    start, end = day_bounds(client.tz, period.first, period.last)
    posts = per_post_metrics(client.pk, start, end)
    return {
        "programs": program_counts([client.pk], start, end),
        "posts": [{"post": p["post"], "title": p["title"],
                   "published_at": p["published_at"].isoformat() if p["published_at"] else None,
                   "channels": p["channels"], "comments": p["comments"], "clicks": p["clicks"]} for p in posts],
    }
