"""Rollup rows added up: the arithmetic shared by the rollups (a client's all-platform row, a
month from its days) and the reports (a period from months and days).

A histogram is stored as ``{"k": [minutes, ...], "n": [cases, ...]}`` (whole minutes, rounded
up, ascending) and added up with numpy (``bincount``): a year of rows is merged in C, not in a
Python loop. The hour-of-week heat is two lists of 168 counts (Monday 00:00 first)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

SUMS = ("mentions", "hidden", "removed", "sentiment_negative", "sentiment_neutral", "sentiment_positive",
        "cases", "counted", "replied", "answered", "calendar_sum", "business_sum", "safety_cases",
        "clicks", "bot_clicks", "next_sum", "resolution_sum", "reopened")
COUNTERS = ("by_kind", "agents", "sla", "touches")
HISTS = ("calendar_hist", "business_hist", "next_hist", "resolution_hist")
ROW_FIELDS = (*SUMS, *COUNTERS, *HISTS, "heat")
SLOTS = 7 * 24

Dense = npt.NDArray[np.int64]


def hist_of(counts: dict[int, int]) -> dict[str, list[int]]:
    """The stored form of ``{minutes: cases}``."""
    keys = sorted(k for k, n in counts.items() if n)
    return {"k": keys, "n": [counts[k] for k in keys]}


def slot(weekday: int, hour: int) -> int:
    return weekday * 24 + hour


@dataclass
class Totals:
    sums: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    counters: dict[str, Counter[str]] = field(default_factory=lambda: {name: Counter() for name in COUNTERS})
    _keys: dict[str, list[int]] = field(default_factory=lambda: {name: [] for name in HISTS})
    _counts: dict[str, list[int]] = field(default_factory=lambda: {name: [] for name in HISTS})
    _dense: dict[str, Dense] = field(default_factory=dict)
    heat_in: Dense = field(default_factory=lambda: np.zeros(SLOTS, dtype=np.int64))
    heat_out: Dense = field(default_factory=lambda: np.zeros(SLOTS, dtype=np.int64))

    def add_row(self, row: dict[str, Any]) -> None:
        for name in SUMS:
            self.sums[name] += row.get(name) or 0
        for name in COUNTERS:
            values = row.get(name)
            if values:
                self.counters[name].update(values)
        for name in HISTS:
            value = row.get(name) or {}
            if value.get("k"):
                self._keys[name].extend(value["k"])
                self._counts[name].extend(value["n"])
                self._dense.pop(name, None)
        heat = row.get("heat") or {}
        if heat.get("in"):
            self.heat_in += np.asarray(heat["in"], dtype=np.int64)
        if heat.get("out"):
            self.heat_out += np.asarray(heat["out"], dtype=np.int64)

    def add_minutes(self, name: str, minutes: int) -> None:
        self._keys[name].append(minutes)
        self._counts[name].append(1)
        self._dense.pop(name, None)

    def n(self, name: str) -> int:
        """A count (the sums of minutes are floats; every other sum is a whole number)."""
        return int(self.sums[name])

    def dense(self, name: str) -> Dense:
        """Cases per whole minute (index = minutes)."""
        if name not in self._dense:
            keys = self._keys[name]
            self._dense[name] = (np.bincount(np.asarray(keys, dtype=np.int64),
                                             weights=np.asarray(self._counts[name], dtype=np.int64)).astype(np.int64)
                                 if keys else np.zeros(0, dtype=np.int64))
        return self._dense[name]

    @property
    def calendar(self) -> Dense:
        return self.dense("calendar_hist")

    @property
    def business(self) -> Dense:
        return self.dense("business_hist")

    def as_row(self) -> dict[str, Any]:
        """The fields of a rollup row holding these totals."""
        out: dict[str, Any] = {name: self.sums[name] if name.endswith("_sum") else int(self.sums[name])
                               for name in SUMS}
        for name in COUNTERS:
            counter = self.counters[name]
            out[name] = {k: counter[k] for k in sorted(counter) if counter[k]}
        for name in HISTS:
            dense = self.dense(name)
            keys = np.flatnonzero(dense)
            out[name] = {"k": keys.tolist(), "n": dense[keys].tolist()}
        out["heat"] = {"in": self.heat_in.tolist(), "out": self.heat_out.tolist()}
        out["p50_calendar"] = percentile(self.calendar, 50)
        out["p50_business"] = percentile(self.business, 50)
        return out


def percentile(dense: Dense, p: float) -> int | None:
    """Nearest rank: the smallest value with at least ``p`` % of the counts at or below it."""
    total = int(dense.sum()) if len(dense) else 0
    if not total:
        return None
    rank = max(1, -(-total * p // 100))  # ceil(total * p / 100), at least 1
    return int(np.searchsorted(np.cumsum(dense), rank))


def within(dense: Dense, minutes: int) -> int:
    return int(dense[: minutes + 1].sum()) if len(dense) else 0
