"""Spike and cluster detection. The statistics are pure functions (``volume_test``,
``share_test``, ``floor_test``, ``clusters``); ``detect`` reads a client's mentions and applies them.

The method, in one paragraph (also in docs/crisis.md): for every series (all inbound mentions, and
each platform, product, label and tag seen in the window) we count the mentions of the last 15
minutes, *c*. Its baseline is the *same 15 minutes of the week* in each of the previous 8 weeks
(hour-of-week seasonality: a busy Monday morning is compared with other Monday mornings): the
median *m* of those 8 counts is the expected count and their median absolute deviation (MAD) the
week-to-week spread; the robust z-score is z = (c - m) / √(max(m, 1) + (1.4826·MAD)²), Poisson
noise plus the series' own variability. A volume spike needs z ≥ 4, c ≥ 2·m and c ≥ 10 (the
minimum count, so that a quiet client does not alarm on three posts). The negative-sentiment share
p = n / c is compared with its baseline share p₀ = (n₀ + 20·prior) / (c₀ + 20), pooled over the
same baseline windows and smoothed towards a prior of 20 %: a share spike needs
(p - p₀) / √(p₀(1 - p₀)/c) ≥ 4, p ≥ p₀ + 0.2 and n ≥ 10. A slow drift does not alarm because the
median of recent weeks follows it and the ratio test asks for twice the expected count. A client
with less than 14 days of history has no baseline yet: only the absolute floor applies (30
negative mentions in 15 minutes by default). Clusters count distinct authors in the last 24 hours:
3 product complaints naming one lot number, 5 naming one product and defect kind, 3 adverse events
naming one product and event term; one post with 20 replies in the last hour, three times the hour
before, is an acceleration. Every threshold is the client's to set (``crisis:``).
"""

from __future__ import annotations

import math
import re
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db.models.fields.json import KT

from carewatch.crisis.config import LABEL_DIMENSIONS, Params

MAX_EVIDENCE_POSTS = 50
SERIES_BUCKETS = 8  # the windows shown before the current one
PSEUDO = 20.0  # pseudo-count smoothing the baseline share towards the prior
MAD_SCALE = 1.4826


@dataclass(frozen=True)
class Verdict:
    fired: bool
    count: int
    expected: float
    score: float


def volume_test(count: int, baseline: list[int], p: Params) -> Verdict:
    """``count`` in the window against the same window's counts in previous weeks."""
    if not baseline:
        return Verdict(False, count, 0.0, 0.0)
    m = float(statistics.median(baseline))
    mad = float(statistics.median([abs(b - m) for b in baseline]))
    spread = math.sqrt(max(m, 1.0) + (MAD_SCALE * mad) ** 2)
    z = (count - m) / spread
    fired = count >= p.min_count and z >= p.z and count >= p.min_ratio * m
    return Verdict(fired, count, m, round(z, 2))


def share_test(negative: int, total: int, base_negative: int, base_total: int, p: Params) -> Verdict:
    """The window's negative share against the baseline windows' pooled share."""
    if total <= 0:
        return Verdict(False, negative, 0.0, 0.0)
    p0 = (base_negative + PSEUDO * p.negative_prior) / (base_total + PSEUDO)
    share = negative / total
    z = (share - p0) / math.sqrt(p0 * (1 - p0) / total)
    fired = negative >= p.min_count and z >= p.z and share >= p0 + p.share_lift
    return Verdict(fired, negative, round(p0, 4), round(z, 2))


def floor_test(negative: int, p: Params) -> Verdict:
    return Verdict(negative >= p.floor_negative, negative, float(p.floor_negative), 0.0)


@dataclass(frozen=True)
class Row:
    """One inbound mention as detection sees it (no text kept)."""

    id: int
    at: datetime
    negative: bool
    series: tuple[tuple[str, str], ...]  # ("all", ""), ("platform", "x"), ("label", "phi")...
    author_id: int = 0
    lots: tuple[str, ...] = ()
    defects: tuple[str, ...] = ()  # "product/kind"
    ae_pairs: tuple[str, ...] = ()  # "product/event term"
    parent: str = ""  # "platform:external id" of the post this one replies to


@dataclass
class Signal:
    kind: str
    dimension: str
    value: str
    count: int
    expected: float
    score: float
    evidence: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.dimension}:{self.value}"


def _in(rows: Iterable[Row], start: datetime, end: datetime) -> list[Row]:
    return [r for r in rows if start < r.at <= end]


def _bucket_counts(rows: list[Row], series: tuple[str, str], now: datetime, window: timedelta,
                   negative_only: bool = False) -> list[int]:
    counts = []
    for i in range(SERIES_BUCKETS, -1, -1):
        end = now - i * window
        counts.append(sum(1 for r in rows if start_ok(r, end - window, end) and series in r.series
                          and (r.negative or not negative_only)))
    return counts


def start_ok(r: Row, start: datetime, end: datetime) -> bool:
    return start < r.at <= end


def spikes(recent: list[Row], baseline: list[list[Row]], now: datetime, p: Params, has_history: bool) -> list[Signal]:
    """Volume and share spikes of every series in the window, or the floor without history.

    ``recent``: the rows of the last ``SERIES_BUCKETS + 1`` windows (for the evidence series);
    ``baseline``: for each previous week, the rows of the same window of that week."""
    window = timedelta(minutes=p.window_minutes)
    current = _in(recent, now - window, now)
    found: list[Signal] = []
    if not has_history:
        floor_window = timedelta(minutes=p.floor_minutes)
        negatives = [r for r in recent if now - floor_window < r.at <= now and r.negative]
        verdict = floor_test(len(negatives), p)
        if verdict.fired:
            found.append(Signal("floor", "all", "", verdict.count, verdict.expected, verdict.score, {
                "method": f"absolute floor: {p.floor_negative} negative mentions in {p.floor_minutes} minutes "
                          "(no baseline yet)",
                "window_minutes": p.floor_minutes, "series": _bucket_counts(recent, ("all", ""), now, window, True),
                "posts": [r.id for r in negatives][-MAX_EVIDENCE_POSTS:],
            }))
        return found
    keys: dict[tuple[str, str], None] = {}
    for r in current:
        for s in r.series:
            keys.setdefault(s)
    for series in keys:
        rows = [r for r in current if series in r.series]
        weeks = [[r for r in week if series in r.series] for week in baseline]
        volume = volume_test(len(rows), [len(w) for w in weeks], p)
        base_info = {"window_minutes": p.window_minutes, "baseline_weeks": len(baseline)}
        if volume.fired:
            found.append(Signal("volume", series[0], series[1], volume.count, volume.expected, volume.score, {
                **base_info, "method": "robust z-score vs the same window of previous weeks",
                "baseline": [len(w) for w in weeks], "series": _bucket_counts(recent, series, now, window),
                "posts": [r.id for r in rows][-MAX_EVIDENCE_POSTS:],
            }))
        negatives = [r for r in rows if r.negative]
        share = share_test(len(negatives), len(rows), sum(1 for w in weeks for r in w if r.negative),
                           sum(len(w) for w in weeks), p)
        if share.fired:
            found.append(Signal("negative", series[0], series[1], share.count, share.expected, share.score, {
                **base_info, "method": "negative share vs the pooled share of the same window of previous weeks",
                "share": round(len(negatives) / len(rows), 4), "total": len(rows),
                "baseline": [sum(1 for r in w if r.negative) for w in weeks],
                "baseline_totals": [len(w) for w in weeks],
                "series": _bucket_counts(recent, series, now, window, True),
                "posts": [r.id for r in negatives][-MAX_EVIDENCE_POSTS:],
            }))
    return found


def clusters(rows: list[Row], p: Params) -> list[Signal]:
    """Lot numbers, product defects and AE terms named by several distinct authors."""
    found: list[Signal] = []
    for kind, dimension, attr, threshold in (("lot_cluster", "lot", "lots", p.lot_cluster),
                                             ("lot_cluster", "defect", "defects", p.defect_cluster),
                                             ("ae_cluster", "ae", "ae_pairs", p.ae_cluster)):
        groups: dict[str, list[Row]] = defaultdict(list)
        for r in rows:
            for value in getattr(r, attr):
                groups[value].append(r)
        for value, members in groups.items():
            authors = {r.author_id for r in members}
            if len(authors) >= threshold:
                found.append(Signal(kind, dimension, value, len(authors), float(threshold), 0.0, {
                    "method": f"{threshold} or more distinct authors within {p.cluster_hours} hours",
                    "window_hours": p.cluster_hours, "authors": len(authors),
                    "posts": [r.id for r in members][-MAX_EVIDENCE_POSTS:],
                }))
    return found


ACCELERATION_WINDOW = timedelta(hours=1)


def accelerations(rows: list[Row], now: datetime, p: Params) -> list[Signal]:
    """One post whose replies accelerate: at least ``reply_burst`` replies in the last hour and
    three times as many as in the hour before."""
    last: dict[str, list[Row]] = defaultdict(list)
    before: dict[str, int] = defaultdict(int)
    for r in rows:
        if not r.parent:
            continue
        if now - ACCELERATION_WINDOW < r.at <= now:
            last[r.parent].append(r)
        elif now - 2 * ACCELERATION_WINDOW < r.at <= now - ACCELERATION_WINDOW:
            before[r.parent] += 1
    found = []
    for parent, members in last.items():
        if len(members) >= p.reply_burst and len(members) >= 3 * max(before[parent], 1):
            found.append(Signal("acceleration", "post", parent, len(members), float(before[parent]), 0.0, {
                "method": f"{p.reply_burst} or more replies to one post in the last hour, three times the hour before",
                "previous_hour": before[parent], "posts": [r.id for r in members][-MAX_EVIDENCE_POSTS:],
            }))
    return found


# ------------------------------------------------------------------------------------------------
# Reading the rows.


def _product_matcher(client_id: int) -> list[tuple[str, re.Pattern[str]]]:
    from carewatch.tenancy.models import Product

    matchers = []
    for product in Product.objects.filter(client_id=client_id):
        names = [product.name, *(a for a in product.aliases or [] if isinstance(a, str))]
        alternatives = "|".join(re.escape(n.lower()) for n in names if n.strip())
        if alternatives:
            matchers.append((product.name, re.compile(rf"\b(?:{alternatives})\b")))
    return matchers


def _rows(client_id: int, start: datetime, end: datetime, p: Params,
          products: list[tuple[str, re.Pattern[str]]], with_clusters: bool = False) -> list[Row]:
    from carewatch.inbox.models import CaseTag, Direction, Mention, Tag

    qs = (Mention.objects.filter(client_id=client_id, direction=Direction.INBOUND, is_deleted=False,
                                 created_at__gt=start, created_at__lte=end)
          .annotate(sentiment=KT("triage__sentiment__label")))
    fields = ["id", "created_at", "platform", "labels", "sentiment", "case_id", "author_id", "parent_external_id"]
    if "product" in p.dimensions or with_clusters:
        fields.append("text")
    if with_clusters:  # only the mentions a cluster can use (triage kept their details)
        qs = qs.filter(triage__details__has_any_keys=["product_complaint", "adverse_event"])
        fields.append("triage")
    values = list(qs.values(*fields))
    tags: dict[int, list[str]] = defaultdict(list)
    if "tag" in p.dimensions:
        case_ids = {v["case_id"] for v in values if v["case_id"]}
        if case_ids:
            for case_id, name in (CaseTag.objects.filter(case_id__in=case_ids, tag__kind=Tag.Kind.TAG)
                                  .exclude(tag__name__startswith="team:").values_list("case_id", "tag__name")):
                tags[case_id].append(name)
    rows = []
    for v in values:
        series: list[tuple[str, str]] = [("all", "")]
        labels = [x for x in (v["labels"] or []) if isinstance(x, str)]
        if "platform" in p.dimensions:
            series.append(("platform", v["platform"]))
        named: list[str] = []
        if "text" in v:
            lowered = (v["text"] or "").lower()
            named = [name for name, pattern in products if pattern.search(lowered)]
        if "product" in p.dimensions:
            series += [("product", n) for n in named]
        if "label" in p.dimensions:
            series += [("label", x) for x in labels if x in LABEL_DIMENSIONS]
        if "tag" in p.dimensions:
            series += [("tag", t) for t in tags.get(v["case_id"], [])]
        lots: tuple[str, ...] = ()
        defects: tuple[str, ...] = ()
        pairs: tuple[str, ...] = ()
        if with_clusters:
            details = (v.get("triage") or {}).get("details") or {}
            if "product_complaint" in labels:
                complaint = details.get("product_complaint") or {}
                lots = tuple(str(x) for x in complaint.get("lot_numbers") or [])
                defects = tuple(f"{n}/{k}" for n in named for k in complaint.get("kinds") or [])
            if "adverse_event" in labels:
                ae = details.get("adverse_event") or {}
                # Named products only (an implied one is a guess) and asserted reactions only.
                names = {str(x.get("name") or "") for x in ae.get("products") or []
                         if isinstance(x, dict) and x.get("source") != "implied"} - {""}
                terms = {str(x.get("text") or "").strip().lower() for x in ae.get("events") or []
                         if isinstance(x, dict) and x.get("kind") in ("event", "serious")
                         and x.get("status", "asserted") == "asserted"} - {""}
                pairs = tuple(f"{n}/{t}" for n in sorted(names) for t in sorted(terms))
        rows.append(Row(id=v["id"], at=v["created_at"], negative=v["sentiment"] == "negative",
                        series=tuple(dict.fromkeys(series)), author_id=v["author_id"] or 0,
                        lots=lots, defects=defects, ae_pairs=pairs,
                        parent=f"{v['platform']}:{v['parent_external_id']}" if v["parent_external_id"] else ""))
    return rows


def has_history(client_id: int, now: datetime, p: Params) -> bool:
    from carewatch.inbox.models import Direction, Mention

    return Mention.objects.filter(client_id=client_id, direction=Direction.INBOUND,
                                  created_at__lt=now - timedelta(days=p.min_history_days)).exists()


def detect(client_id: int, now: datetime, p: Params, with_clusters: bool = True) -> list[Signal]:
    """Every signal for the client at ``now`` (the clusters only ``with_clusters``: the minute
    sweep looks for them; the pipeline's quick runs look for spikes)."""
    window = timedelta(minutes=p.window_minutes)
    products = _product_matcher(client_id)
    span = max(window * (SERIES_BUCKETS + 1), timedelta(minutes=p.floor_minutes), 2 * ACCELERATION_WINDOW)
    recent = _rows(client_id, now - span, now, p, products)
    signals = accelerations(recent, now, p)
    # No spike is possible below the minimum count (nor the floor): spare the baseline's queries.
    in_window = sum(1 for r in recent if r.at > now - window)
    negative = sum(1 for r in recent if r.negative and r.at > now - timedelta(minutes=p.floor_minutes))
    if in_window >= p.min_count or negative >= p.floor_negative:
        signals += _spikes_with_baseline(client_id, recent, now, p, products)
    if with_clusters:
        cluster_rows = _rows(client_id, now - timedelta(hours=p.cluster_hours), now, p, products, with_clusters=True)
        signals += clusters([r for r in cluster_rows if r.lots or r.defects or r.ae_pairs], p)
    return signals


def _spikes_with_baseline(client_id: int, recent: list[Row], now: datetime, p: Params,
                          products: list[tuple[str, re.Pattern[str]]]) -> list[Signal]:
    window = timedelta(minutes=p.window_minutes)
    history = has_history(client_id, now, p)
    baseline = []
    if history:
        for k in range(1, p.baseline_weeks + 1):
            end = now - timedelta(weeks=k)
            baseline.append(_rows(client_id, end - window, end, p, products))
    # A week the client had not started yet is not a quiet week: leave it out of the baseline.
    started = [i for i, week in enumerate(baseline) if week]
    if started:
        baseline = baseline[:max(started) + 1]
    return spikes(recent, baseline, now, p, history)
