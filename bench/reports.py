"""Report and dashboard server time over a year of a large client, and the rollups' own cost.

Two parts, in one fresh database (SQLite in a temporary data dir, or ``--db postgres`` with
``DATABASE_URL``):

1. **Derivation** (the real code end to end): ``--pipeline-mentions`` inbound messages in cases,
   two thirds answered (outbound mentions), are inserted; ``rebuild()`` derives every case's
   facts and every daily rollup (timed, cases/s); then one more day of traffic arrives and an
   incremental ``refresh()`` is timed.
2. **Reading at scale**: the rows the rollups hold for ``--mentions`` inbound messages over 12
   months (default 1,200,000: 4 platforms, ~800,000 cases with their ``CaseFact`` rows and
   per-day ``DailyRollup`` rows with first-response histograms drawn from a log-normal, a few
   thousand open cases with SLA clocks, safety cases) are written straight into the tables, then
   ``GET /api/v1/reports/summary`` for 12 months, the client report page for 12 months and 28
   days, and the supervisor dashboard go through Django's test client (middleware, session,
   view, template): warm-up, then ``--requests`` timed requests each; p50/p95/max in ms.

    .venv/bin/python bench/reports.py [--mentions 1200000] [--pipeline-mentions 20000]
                                      [--requests 20] [--db sqlite|postgres]

Targets: report p95 < 500 ms, dashboard p95 < 300 ms. Prints lines and, last, one JSON line
(also written to bench/out/reports.json).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import OUT, ROOT, percentile

REPORT_TARGET_MS, DASHBOARD_TARGET_MS = 500.0, 300.0
PLATFORMS = ("facebook", "instagram", "x", "youtube")


def setup(db: str) -> None:
    if db == "sqlite":
        os.environ.pop("DATABASE_URL", None)
        os.environ["CAREWATCH_DATA_DIR"] = tempfile.mkdtemp(prefix="cw-bench-reports-")
    elif not os.environ.get("DATABASE_URL"):
        sys.exit("--db postgres needs DATABASE_URL (a database of your own: it is flushed)")
    os.environ["DJANGO_SETTINGS_MODULE"] = "carewatch.settings"
    os.environ.setdefault("CAREWATCH_LOG_LEVEL", "WARNING")
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    if db == "postgres":
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", interactive=False, verbosity=0)


def world() -> dict[str, Any]:
    from carewatch.tenancy.models import Channel, Client, Membership, Role, User

    client = Client.objects.create(
        slug="bench", name="Bench Pharma", timezone="America/New_York",
        business_hours={d: ["09:00", "18:00"] for d in ("mon", "tue", "wed", "thu", "fri")},
        holidays=["2026-07-03", "2026-11-26", "2026-12-25"])
    channels = {p: Channel.objects.create(client=client, platform=p, handle=f"bench_{p}", external_id=f"c-{p}")
                for p in PLATFORMS}
    supervisor = User.objects.create_user("sup@bench.test", "x", name="Sup")
    Membership.objects.create(user=supervisor, client=client, role=Role.SUPERVISOR)
    agents = []
    for i in range(12):
        agent = User.objects.create_user(f"agent{i}@bench.test", "x", name=f"Agent {i}")
        Membership.objects.create(user=agent, client=client, role=Role.AGENT)
        agents.append(agent)
    return {"client": client, "channels": channels, "supervisor": supervisor, "agents": agents}


# ------------------------------------------------------------------ part 1: derivation
def derivation(w: dict[str, Any], n_mentions: int, rng: random.Random) -> dict[str, Any]:
    from carewatch.inbox.models import Author, Case, Mention
    from carewatch.reports.rollups import rebuild, refresh

    client = w["client"]
    end = datetime(2026, 11, 30, tzinfo=UTC)

    def make(count: int, start: datetime, span: timedelta, tag: str) -> None:
        authors: dict[str, Author] = {}
        for p, ch in w["channels"].items():
            authors[p] = Author.objects.create(client=client, platform=p, external_id=f"brand-{p}-{tag}",
                                               handle=ch.handle)
        cases: list[Case] = []
        inbound: list[tuple[int, datetime, str]] = []
        for i in range(int(count / 1.5)):
            p = PLATFORMS[i % len(PLATFORMS)]
            at = start + timedelta(seconds=rng.random() * span.total_seconds())
            person = Author.objects.create(client=client, platform=p, external_id=f"{tag}-{i}", handle=f"u{tag}{i}")
            cases.append(Case(client=client, channel=w["channels"][p], platform=p, author=person,
                              thread_key=f"{tag}-{i}", created_at=at, last_activity_at=at))
            inbound.append((i, at, p))
        Case.objects.bulk_create(cases, batch_size=1000)
        rows: list[Mention] = []
        for (i, at, p), case in zip(inbound, cases, strict=True):
            rows.append(Mention(client=client, channel=w["channels"][p], platform=p, kind="comment",
                                external_id=f"{tag}-in-{i}", thread_key=f"{tag}-{i}", author=case.author,
                                text="A question", created_at=at, received_at=at, case=case,
                                triage={"sentiment": {"label": rng.choice(("negative", "neutral", "positive"))}}))
            if rng.random() < 0.5:
                rows.append(Mention(client=client, channel=w["channels"][p], platform=p, kind="comment",
                                    external_id=f"{tag}-in2-{i}", thread_key=f"{tag}-{i}", author=case.author,
                                    text="More", created_at=at + timedelta(minutes=5),
                                    received_at=at, case=case))
            if rng.random() < 0.67:
                rows.append(Mention(client=client, channel=w["channels"][p], platform=p, kind="comment",
                                    direction="out", external_id=f"{tag}-out-{i}", thread_key=f"{tag}-{i}",
                                    author=authors[p], text="An answer", case=case, received_at=at,
                                    created_at=at + timedelta(minutes=math.exp(rng.gauss(4.5, 1.2)))))
        Mention.objects.bulk_create(rows, batch_size=1000)

    started = time.perf_counter()
    make(n_mentions, end - timedelta(days=90), timedelta(days=90), "p")
    load_s = time.perf_counter() - started
    from carewatch.reports.models import CaseFact, DailyRollup

    started = time.perf_counter()
    summary = rebuild()
    rebuild_s = time.perf_counter() - started
    make(300, end, timedelta(hours=20), "d")
    started = time.perf_counter()
    inc = refresh()
    refresh_s = time.perf_counter() - started
    out = {"mentions": Mention.objects.count(), "cases": summary.cases, "load_s": round(load_s, 1),
           "rebuild_s": round(rebuild_s, 2), "rebuild_cases_per_s": round(summary.cases / rebuild_s),
           "refresh_new_mentions": inc.mentions, "refresh_cells": inc.cells, "refresh_ms": round(refresh_s * 1000),
           "facts": CaseFact.objects.count(), "rollup_rows": DailyRollup.objects.count()}
    # Clean up part 1 so part 2 reads only its own rows.
    CaseFact.objects.all().delete()
    DailyRollup.objects.all().delete()
    Mention.objects.all().delete()
    Case.objects.all().delete()
    return out


# ------------------------------------------------------------------ part 2: reading at scale
def scale(w: dict[str, Any], n_mentions: int, rng: random.Random) -> dict[str, Any]:
    from django.db import connection, transaction

    from carewatch.inbox.models import Author, Case
    from carewatch.reports.models import CaseFact, DailyRollup, MonthlyRollup
    from carewatch.reports.rollups import resum, whole_minutes
    from carewatch.reports.totals import hist_of
    from carewatch.safety.models import SafetyCase
    from carewatch.sla.models import CaseClock

    client = w["client"]
    tz = client.tz
    agents = [a.pk for a in w["agents"]]
    last = date(2026, 11, 30)
    first = last - timedelta(days=364)
    per_day = n_mentions / 365 / len(PLATFORMS)
    authors = {p: Author.objects.create(client=client, platform=p, external_id=f"s-{p}", handle=f"s{p}")
               for p in PLATFORMS}
    started = time.perf_counter()
    case_rows: list[Case] = []
    fact_rows: list[CaseFact] = []
    rollups: list[DailyRollup] = []
    open_cases = 0
    day = first
    while day <= last:
        for p in PLATFORMS:
            mentions = max(0, int(rng.gauss(per_day, per_day * 0.15)))
            cases = int(mentions / 1.5)
            row = DailyRollup(client=client, platform=p, day=day, mentions=mentions, cases=cases,
                              by_kind={"comment": mentions}, agents={})
            cal: dict[int, int] = {}
            bus: dict[int, int] = {}
            heat_in = [0] * 168
            heat_out = [0] * 168
            recent = day > last - timedelta(days=3)
            for _ in range(cases):
                hour = rng.randrange(24)
                answered = rng.random() < 0.9
                minutes = math.exp(rng.gauss(4.5, 1.2)) if answered else None
                row.counted += 1
                heat_in[day.weekday() * 24 + hour] += 1
                if minutes is not None:
                    business = minutes * 0.3  # the read path's cost does not depend on the calendar
                    row.replied += 1
                    row.answered += 1
                    cal[whole_minutes(minutes)] = cal.get(whole_minutes(minutes), 0) + 1
                    bus[whole_minutes(business)] = bus.get(whole_minutes(business), 0) + 1
                    row.calendar_sum += minutes
                    row.business_sum += business
                    heat_out[day.weekday() * 24 + min(23, hour + int(minutes // 60))] += 1
                    agent = str(rng.choice(agents))
                    row.agents[agent] = row.agents.get(agent, 0) + 1
                if not recent:
                    continue
                # The last three days' cases are rows too: the dashboard reads open cases.
                local = datetime(day.year, day.month, day.day, hour, rng.randrange(60), tzinfo=tz)
                began = local.astimezone(UTC)
                reply = began + timedelta(minutes=minutes) if minutes is not None else None
                is_open = reply is None
                case_rows.append(Case(client=client, channel=w["channels"][p], platform=p, author=authors[p],
                                      thread_key=f"{day}-{p}-{len(case_rows)}", created_at=began,
                                      last_activity_at=began, status="open" if is_open else "closed",
                                      first_responded_at=reply, assignee_id=rng.choice(agents) if is_open else None))
                open_cases += is_open
                fact_rows.append(CaseFact(client=client, platform=p, day=day, first_in_at=began,
                                          first_reply_at=reply, calendar_minutes=minutes,
                                          business_minutes=minutes * 0.3 if minutes is not None else None,
                                          replies=1 if reply else 0, first_reply_agent_id=rng.choice(agents)))
            row.calendar_hist = hist_of(cal)
            row.business_hist = hist_of(bus)
            row.heat = {"in": heat_in, "out": heat_out}
            s = rng.random()
            row.sentiment_negative, row.sentiment_neutral = int(mentions * 0.2 * s), int(mentions * 0.5)
            row.sentiment_positive = mentions - row.sentiment_negative - row.sentiment_neutral
            row.clicks = rng.randrange(0, 40)
            rollups.append(row)
        if len(case_rows) >= 20000 or day == last:
            with transaction.atomic():
                Case.objects.bulk_create(case_rows, batch_size=2000)
                for case, fact in zip(case_rows, fact_rows, strict=True):
                    fact.case_id = case.pk
                CaseFact.objects.bulk_create(fact_rows, batch_size=2000)
            case_rows, fact_rows = [], []
        day += timedelta(days=1)
    DailyRollup.objects.bulk_create(rollups, batch_size=500)
    # The all-platform day rows and the monthly rows, as the worker writes them.
    started_resum = time.perf_counter()
    resum([(client.pk, r.platform, r.day) for r in rollups])
    resum_s = time.perf_counter() - started_resum
    # Open cases' clocks, and safety cases across the year.
    now = datetime.now(UTC)
    clocks = [CaseClock(case_id=pk, client=client, started_at=now - timedelta(hours=3), active=True,
                        due_at=now + timedelta(minutes=rng.randrange(-120, 600)),
                        first_breached_at=now - timedelta(hours=1) if rng.random() < 0.1 else None)
              for pk in Case.objects.filter(client=client, status="open").values_list("pk", flat=True)]
    CaseClock.objects.bulk_create(clocks, batch_size=2000)
    safety = []
    for number in range(1, int(n_mentions * 0.002) + 1):  # 0.2 % of messages: a safety item
        local_day = first + timedelta(days=rng.randrange(365))
        at = datetime(local_day.year, local_day.month, local_day.day, rng.randrange(24), tzinfo=tz).astimezone(UTC)
        pk = None
        forwarded = at + timedelta(hours=rng.uniform(1, 30)) if rng.random() < 0.97 else None
        safety.append(SafetyCase(client=client, number=number, kind="adverse_event", case_id=pk, day0=at,
                                 day0_basis="detected", forward_due=at + timedelta(hours=24),
                                 regulatory_due=at + timedelta(days=15), detected_at=at, forwarded_at=forwarded,
                                 status="forwarded" if forwarded else "flagged"))
    SafetyCase.objects.bulk_create(safety, batch_size=1000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {"load_s": round(time.perf_counter() - started, 1), "resum_s": round(resum_s, 1),
            "cases": sum(r.cases for r in rollups),
            "rollup_rows": DailyRollup.objects.count(), "monthly_rows": MonthlyRollup.objects.count(),
            "case_rows": Case.objects.count(), "open_cases": open_cases,
            "safety_cases": len(safety), "first": first.isoformat(), "last": last.isoformat()}


def measure(w: dict[str, Any], requests: int, first: str, last: str) -> dict[str, dict[str, float]]:
    from django.test import Client as HttpClient

    http = HttpClient()
    http.force_login(w["supervisor"])
    month_first = (date.fromisoformat(last) - timedelta(days=27)).isoformat()
    urls = {
        "api_summary_12_months": f"/api/v1/reports/summary?client=bench&from={first}&to={last}",
        "report_page_12_months": f"/reports/client/?client=bench&from={first}&to={last}",
        "report_page_28_days": f"/reports/client/?client=bench&from={month_first}&to={last}",
        "dashboard": "/reports/",
        "dashboard_refresh": "/reports/?partial=live",
    }
    out: dict[str, dict[str, float]] = {}
    for name, url in urls.items():
        headers = {"HX-Request": "true"} if "partial" in url else {}
        for _ in range(3):
            assert http.get(url, headers=headers).status_code == 200, url
        times = []
        for _ in range(requests):
            started = time.perf_counter()
            response = http.get(url, headers=headers)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        out[name] = {"p50_ms": round(percentile(times, 50), 1), "p95_ms": round(percentile(times, 95), 1),
                     "max_ms": round(max(times), 1)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mentions", type=int, default=1_200_000)
    parser.add_argument("--pipeline-mentions", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    args = parser.parse_args()
    setup(args.db)
    from django.db import connection

    rng = random.Random(7)
    w = world()
    part1 = derivation(w, args.pipeline_mentions, rng)
    print(f"derivation: {part1['mentions']:,} mentions, {part1['cases']:,} cases rebuilt in {part1['rebuild_s']} s "
          f"({part1['rebuild_cases_per_s']:,} cases/s); a day of traffic ({part1['refresh_new_mentions']} new "
          f"mentions, {part1['refresh_cells']} cells) refreshed in {part1['refresh_ms']} ms")
    part2 = scale(w, args.mentions, rng)
    print(f"scale: {args.mentions:,} mentions, {part2['cases']:,} cases, {part2['rollup_rows']:,} rollup rows, "
          f"{part2['open_cases']:,} open, {part2['safety_cases']:,} safety cases; loaded in {part2['load_s']} s")
    timings = measure(w, args.requests, part2["first"], part2["last"])
    for name, t in timings.items():
        target = DASHBOARD_TARGET_MS if name.startswith("dashboard") else REPORT_TARGET_MS
        verdict = "ok" if t["p95_ms"] < target else "OVER TARGET"
        print(f"  {name:24} p50 {t['p50_ms']:7.1f} ms  p95 {t['p95_ms']:7.1f} ms  max {t['max_ms']:7.1f} ms  "
              f"(target p95 < {target:.0f}) {verdict}")
    result = {"engine": connection.vendor, "mentions": args.mentions, "derivation": part1, "scale": part2,
              "timings": timings}
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "reports.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
