"""A client report as data: the summary and every table, shared by the page, the CSV, the JSON
and the PDF. Read-only."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import Any

from carewatch.reports.breakdown import COLUMNS as BREAKDOWN_COLUMNS_KEYS
from carewatch.reports.breakdown import DIMENSIONS, breakdown, dimension
from carewatch.reports.figures import (
    DAY_NAMES_SHORT,
    Period,
    by_agent,
    by_platform,
    client_summary,
    daily_series,
    heatmap,
    per_platform,
    programs_and_content,
    totals,
)
from carewatch.tenancy.models import Client


@dataclass
class Table:
    name: str  # a file-name-safe key: summary, daily, platforms, ...
    title: str
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)


@dataclass
class Report:
    client: Client
    period: Period
    summary: dict[str, Any]
    daily: list[dict[str, Any]]
    platforms: list[dict[str, Any]]
    agents: list[dict[str, Any]]
    heat: dict[str, list[list[int]]]
    by: str = "platform"
    breakdown: list[dict[str, Any]] = field(default_factory=list)
    extras: dict[str, Any] = field(default_factory=dict)  # programs and content
    tables: list[Table] = field(default_factory=list)

    def table(self, name: str) -> Table | None:
        return next((t for t in self.tables if t.name == name), None)


def _minutes(value: Any) -> str:
    if value is None:
        return ""
    minutes = int(value)
    if minutes < 60:
        return f"{minutes} min"
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d} min" if hours < 48 else f"{hours / 24:.1f} days"


def _pair(spread: Any) -> str:
    if not isinstance(spread, dict) or spread.get("p50") is None:
        return ""
    return f"{_minutes(spread['p50'])} / {_minutes(spread['p90'])}"


def _sla(clock: Any) -> str:
    if not isinstance(clock, dict):
        return ""
    return f"{clock['met']} / {clock['warned']} / {clock['breached']} of {clock['ran']}"


def _touches(t: Any) -> str:
    if not isinstance(t, dict):
        return ""
    return f"{t['answered_1']} / {t['answered_2']} / {t['answered_3']}"


def summary_rows(s: dict[str, Any]) -> list[list[Any]]:
    """(figure, this period, previous period) in reading order."""
    p = s.get("previous") or {}
    fr, pfr = s["first_response_minutes"], p.get("first_response_minutes") or {}

    def prev(*keys: str) -> Any:
        value: Any = p
        for key in keys:
            value = (value or {}).get(key) if isinstance(value, dict) else None
        return value

    def was(clock: str, which: str) -> Any:
        return (pfr.get(clock) or {}).get(which)

    def pct(value: Any) -> str:
        return "" if value is None else f"{value} %"

    return [
        ["Inbound messages", s["mentions"], prev("mentions")],
        ["Cases", s["cases"], prev("cases")],
        ["Cases replied", s["replied"], prev("replied")],
        ["Reply rate (cases needing a reply)", pct(s["reply_rate_pct"]), pct(prev("reply_rate_pct"))],
        ["First response p50 (calendar)", _minutes(fr["calendar"]["p50"]), _minutes(was("calendar", "p50"))],
        ["First response p90 (calendar)", _minutes(fr["calendar"]["p90"]), _minutes(was("calendar", "p90"))],
        ["First response p50 (business hours)", _minutes(fr["business"]["p50"]), _minutes(was("business", "p50"))],
        ["First response p90 (business hours)", _minutes(fr["business"]["p90"]), _minutes(was("business", "p90"))],
        [f"Answered within {_minutes(s['target_minutes'])} (calendar)", pct(s["answered_within_target_pct"]),
         pct(prev("answered_within_target_pct"))],
        [f"Answered within {_minutes(s['target_minutes'])} of business time",
         pct(s["answered_within_target_business_pct"]), pct(prev("answered_within_target_business_pct"))],
        ["Safety items flagged", s["safety"]["flagged"], prev("safety", "flagged")],
        ["Safety items forwarded", s["safety"]["forwarded"], prev("safety", "forwarded")],
        ["Forwarded on time", pct(s["safety"]["forwarded_on_time_pct"]), pct(prev("safety", "forwarded_on_time_pct"))],
        ["Forwarded late or overdue", s["safety"]["late"], prev("safety", "late")],
        ["Safety items detected on weekends and holidays", s["safety"]["weekend_holiday"]["flagged"],
         prev("safety", "weekend_holiday", "flagged")],
        ["  of those forwarded on time", pct(s["safety"]["weekend_holiday"]["forwarded_on_time_pct"]),
         pct(prev("safety", "weekend_holiday", "forwarded_on_time_pct"))],
        ["Escalations acknowledged", f"{s['escalations']['acknowledged']} of {s['escalations']['opened']}",
         f"{prev('escalations', 'acknowledged')} of {prev('escalations', 'opened')}" if p.get("escalations") else ""],
        ["Time to acknowledge p50 / p90", _pair(s["escalations"]["minutes_to_acknowledge"]),
         _pair(prev("escalations", "minutes_to_acknowledge"))],
        ["Next response p50 / p90 (calendar)", _pair(s["next_response_minutes"]),
         _pair(prev("next_response_minutes"))],
        ["Resolution p50 / p90 (calendar)", _pair(s["resolution_minutes"]), _pair(prev("resolution_minutes"))],
        ["Reopened cases", s["reopened"], prev("reopened")],
        ["SLA first response met / warned / breached", _sla(s["sla"]["first"]), _sla(prev("sla", "first"))],
        ["SLA resolution met / warned / breached", _sla(s["sla"]["resolution"]), _sla(prev("sla", "resolution"))],
        ["SLA next-response breaches (cases)",
         f"{s['sla']['next']['breaches']} ({s['sla']['next']['cases_breached']})",
         f"{prev('sla', 'next', 'breaches')} ({prev('sla', 'next', 'cases_breached')})" if p.get("sla") else ""],
        ["Three-touch: answered after touch 1 / 2 / 3", _touches(s["three_touch"]), _touches(prev("three_touch"))],
        ["Three-touch: closed with no response", s["three_touch"]["closed_no_response"],
         prev("three_touch", "closed_no_response")],
        ["Tracked-link clicks (bots excluded)", s["clicks"], prev("clicks")],
        ["Sentiment negative / neutral / positive",
         "{negative} / {neutral} / {positive}".format(**s["sentiment"]),
         "{negative} / {neutral} / {positive}".format(**p["sentiment"]) if p.get("sentiment") else ""],
    ]


BREAKDOWN_COLUMNS = ["Cases", "Needing a reply", "Replied", "Reply rate %", "Unanswered", "p50 (min)",
                     "p90 (min)", "p50 business (min)", "p90 business (min)", "Within target %"]


def build(client: Client, period: Period, by: str = "platform") -> Report:
    t = totals([client.pk], period.first, period.last)
    summary = client_summary(client, period, t=t)
    by = dimension(by)
    per = per_platform(client, period)
    report = Report(client, period, summary, daily_series(client, period), by_platform(client, period, per),
                    by_agent(t), heatmap(t), by=by, breakdown=breakdown(client, period, by, per),
                    extras=programs_and_content(client, period))
    tt = summary["three_touch"]
    report.tables = [
        Table("summary", "Summary", ["Figure", f"{period.first} to {period.last}",
                                      f"{summary['previous']['from']} to {summary['previous']['to']}"],
              summary_rows(summary)),
        Table("daily", "Day by day", ["Day", "Inbound messages", "Cases", "Replied", "First response p50 (min)",
                                      "First response p50, business (min)", "Clicks", "Negative", "Neutral",
                                      "Positive"],
              [[d["day"], d["mentions"], d["cases"], d["replied"], d["p50_calendar"], d["p50_business"],
                d["clicks"], d["negative"], d["neutral"], d["positive"]] for d in report.daily]),
        Table("platforms", "By platform", ["Platform", "Inbound messages", "Cases", "Replied", "p50 (min)",
                                           "p90 (min)", "p50 business (min)", "p90 business (min)",
                                           "Within target %", "Clicks"],
              [[p["platform"], p["mentions"], p["cases"], p["replied"], p["p50_calendar"], p["p90_calendar"],
                p["p50_business"], p["p90_business"], p["within_target_pct"], p["clicks"]] for p in report.platforms]),
        Table("breakdown", f"By {DIMENSIONS[by].lower()}", [DIMENSIONS[by], *BREAKDOWN_COLUMNS],
              [[r["name"], *(r[c] for c in BREAKDOWN_COLUMNS_KEYS)] for r in report.breakdown]),
        Table("follow_through", "Three-touch follow-up cycles by outcome", ["Outcome", "Cycles"],
              [["Answered after touch 1", tt["answered_1"]], ["Answered after touch 2", tt["answered_2"]],
               ["Answered after touch 3", tt["answered_3"]], ["Closed with no response", tt["closed_no_response"]],
               ["Still following up", tt["following_up"]], ["Stopped", tt["stopped"]]]),
        Table("programs", "Programs", ["Figure", "Count"],
              [[k.replace("_", " ").capitalize(), v] for k, v in report.extras["programs"].items()]),
        Table("posts", "Posts published", ["Post", "Published", "Channels", "Comments", "Clicks (bots excluded)"],
              [[p["title"], p["published_at"], p["channels"], p["comments"], p["clicks"]]
               for p in report.extras["posts"]]),
        Table("agents", "First replies by agent", ["Agent", "Cases answered first"],
              [[a["agent"], a["first_replies"]] for a in report.agents]),
        Table("safety_late", "Safety items forwarded late or overdue",
              ["Reference", "Kind", "Serious", "Forward due", "Forwarded", "Minutes late"],
              [[c["reference"], c["kind"], "yes" if c["serious"] else "no", c["forward_due"],
                c["forwarded_at"] or "not yet", c["minutes_late"]] for c in summary["safety"]["late_cases"]]),
        Table("heatmap", "Arrivals and first replies by hour of the week",
              ["Weekday", "Hour", "Inbound messages", "First replies"],
              [[DAY_NAMES_SHORT[d], h, report.heat["arrivals"][d][h], report.heat["replies"][d][h]]
               for d in range(7) for h in range(24)]),
    ]
    return report


def table_csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table.columns)
    writer.writerows([["" if v is None else v for v in row] for row in table.rows])
    return out.getvalue()


def report_csv(report: Report) -> str:
    """Every table, each headed by a ``# table: NAME`` line, a blank line between."""
    parts = []
    for table in report.tables:
        parts.append(f"# table: {table.name}\r\n" + table_csv(table))
    return "\r\n".join(parts)


def report_json(report: Report) -> str:
    return json.dumps({**report.summary, "daily": report.daily, "platforms": report.platforms,
                       "agents": report.agents, "heatmap": report.heat,
                       "breakdown": {"by": report.by, "rows": report.breakdown}, **report.extras},
                      indent=2, default=str)
