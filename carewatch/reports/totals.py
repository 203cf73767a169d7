"""Rollup rows added up: the arithmetic shared by the rollups (a client's all-platform row, a
month from its days) and the reports (a period from months and days). Pure functions."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

SUMS = ("mentions", "hidden", "removed", "sentiment_negative", "sentiment_neutral", "sentiment_positive",
        "cases", "counted", "replied", "answered", "calendar_sum", "business_sum", "safety_cases",
        "clicks", "bot_clicks")
COUNTERS = ("by_kind", "calendar_hist", "business_hist", "agents")
ROW_FIELDS = (*SUMS, *COUNTERS, "heat")


def _merge(into: Counter[str], values: dict[str, int] | None) -> None:
    if values:
        for key, n in values.items():
            into[key] += n


@dataclass
class Totals:
    sums: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    counters: dict[str, Counter[str]] = field(default_factory=lambda: {name: Counter() for name in COUNTERS})
    heat_in: Counter[str] = field(default_factory=Counter)
    heat_out: Counter[str] = field(default_factory=Counter)

    def add_row(self, row: dict[str, Any]) -> None:
        for name in SUMS:
            self.sums[name] += row[name] or 0
        for name in COUNTERS:
            _merge(self.counters[name], row[name])
        heat = row.get("heat") or {}
        _merge(self.heat_in, heat.get("in"))
        _merge(self.heat_out, heat.get("out"))

    def add(self, other: Totals) -> None:
        for name, value in other.sums.items():
            self.sums[name] += value
        for name in COUNTERS:
            self.counters[name].update(other.counters[name])
        self.heat_in.update(other.heat_in)
        self.heat_out.update(other.heat_out)

    def n(self, name: str) -> int:
        """A count (the sums of minutes are floats; every other sum is a whole number)."""
        return int(self.sums[name])

    @property
    def calendar(self) -> Counter[str]:
        return self.counters["calendar_hist"]

    @property
    def business(self) -> Counter[str]:
        return self.counters["business_hist"]

    def as_row(self) -> dict[str, Any]:
        """The fields of a rollup row holding these totals."""
        out: dict[str, Any] = {name: self.sums[name] if name.endswith("_sum") else int(self.sums[name])
                               for name in SUMS}
        for name in COUNTERS:
            counter = self.counters[name]
            keys = sorted(counter, key=int) if name.endswith("_hist") else sorted(counter)
            out[name] = {k: counter[k] for k in keys if counter[k]}
        out["heat"] = {"in": dict(self.heat_in), "out": dict(self.heat_out)}
        out["p50_calendar"] = percentile(self.calendar, 50)
        out["p50_business"] = percentile(self.business, 50)
        return out


def percentile(hist: Counter[str] | dict[str, int], p: float) -> int | None:
    """Nearest rank: the smallest value with at least ``p`` % of the counts at or below it."""
    total = sum(hist.values())
    if not total:
        return None
    rank = max(1, -(-total * p // 100))  # ceil(total * p / 100), at least 1
    seen = 0
    for value, n in sorted((int(k), n) for k, n in hist.items()):
        seen += n
        if seen >= rank:
            return value
    return None


def within(hist: Counter[str] | dict[str, int], minutes: int) -> int:
    return sum(n for value, n in hist.items() if int(value) <= minutes)
