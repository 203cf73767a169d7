"""Spike detection on synthetic series: a quiet client, a busy client, a weekly pattern, a real
spike and a slow drift that must not alarm; the share test; the floor; clusters. Counts are drawn
from a seeded Poisson process so every run sees the same series."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from carewatch.crisis.config import Params
from carewatch.crisis.detection import (
    Row,
    Signal,
    accelerations,
    clusters,
    floor_test,
    share_test,
    spikes,
    volume_test,
)

NOW = datetime(2026, 12, 7, 9, 15, tzinfo=UTC)  # a Monday morning
P = Params()
Rate = Callable[[datetime], float]  # expected mentions per minute at a moment


def poisson(rng: random.Random, lam: float) -> int:
    # Knuth's method is fine for the small means used here; a normal approximation above 50.
    if lam > 50:
        return max(0, round(rng.gauss(lam, lam ** 0.5)))
    threshold, k, prod = pow(2.718281828459045, -lam), 0, rng.random()
    while prod > threshold:
        k += 1
        prod *= rng.random()
    return k


def rows_between(rng: random.Random, start: datetime, end: datetime, rate: Rate, negative_share: float = 0.2,
                 platform: str = "facebook") -> list[Row]:
    rows: list[Row] = []
    minute = start
    while minute < end:
        for _ in range(poisson(rng, rate(minute))):
            at = minute + timedelta(seconds=rng.uniform(0.001, 59.9))
            rows.append(Row(id=len(rows) + 1, at=at, negative=rng.random() < negative_share,
                            series=(("all", ""), ("platform", platform)), author_id=rng.randint(1, 10**6)))
        minute += timedelta(minutes=1)
    return rows


def scene(rate: Rate, now: datetime = NOW, weeks: int = 8, seed: int = 7,
          current: Callable[[random.Random, datetime, datetime], list[Row]] | None = None) -> list[Signal]:
    """Signals at ``now`` for a client whose history follows ``rate``; ``current`` may replace
    the rows of the last window (the spike)."""
    rng = random.Random(seed)
    window = timedelta(minutes=P.window_minutes)
    recent = rows_between(rng, now - 9 * window, now - window, rate)
    recent += current(rng, now - window, now) if current else rows_between(rng, now - window, now, rate)
    baseline = [rows_between(rng, now - timedelta(weeks=k) - window, now - timedelta(weeks=k), rate)
                for k in range(1, weeks + 1)]
    return spikes(recent, baseline, now, P, has_history=True)


def kinds(signals: list[Signal]) -> set[tuple[str, str]]:
    return {(s.kind, s.dimension) for s in signals}


def test_a_quiet_client_does_not_alarm_on_a_few_posts() -> None:
    quiet: Rate = lambda _: 0.02  # noqa: E731 - about one post an hour
    assert scene(quiet) == []
    # Three posts in a window where one is rare is a big z-score, but below the minimum count.
    three = scene(quiet, current=lambda rng, s, e: [
        Row(i, s + timedelta(minutes=i), True, (("all", ""),)) for i in range(1, 4)])
    assert three == []


def test_a_quiet_client_alarms_on_a_real_burst() -> None:
    quiet: Rate = lambda _: 0.02  # noqa: E731
    burst = scene(quiet, current=lambda rng, s, e: [
        Row(i, s + timedelta(seconds=20 * i), True, (("all", ""), ("platform", "x"))) for i in range(1, 16)])
    assert ("volume", "all") in kinds(burst) and ("volume", "platform") in kinds(burst)
    volume = next(s for s in burst if s.kind == "volume" and s.dimension == "all")
    assert volume.count == 15 and volume.expected < 1 and volume.evidence["posts"]


def test_a_busy_client_at_its_usual_volume_does_not_alarm() -> None:
    busy: Rate = lambda _: 4.0  # noqa: E731 - 60 posts per 15 minutes, every week
    assert scene(busy) == []
    for seed in range(5):
        assert scene(busy, seed=seed) == [], seed


def test_a_busy_client_alarms_when_volume_triples() -> None:
    busy: Rate = lambda _: 4.0  # noqa: E731
    spike = scene(busy, current=lambda rng, s, e: rows_between(rng, s, e, lambda _: 12.0))
    volume = next(s for s in spike if (s.kind, s.dimension) == ("volume", "all"))
    assert 40 <= volume.expected <= 80 and volume.count > 120 and volume.score >= P.z
    assert len(volume.evidence["series"]) == 9 and volume.evidence["series"][-1] == volume.count


def weekly(at: datetime) -> float:
    """Mondays 09:00-12:00 UTC are six times as busy as the rest of the week."""
    return 6.0 if at.weekday() == 0 and 9 <= at.hour < 12 else 1.0


def test_a_weekly_pattern_busy_monday_morning_is_not_a_spike() -> None:
    assert scene(weekly, now=NOW) == []  # Monday 09:15: ~90 in 15 minutes, as every Monday
    for seed in range(5):
        assert scene(weekly, now=NOW, seed=seed) == []


def test_a_weekly_pattern_monday_morning_volume_on_a_sunday_night_is_a_spike() -> None:
    sunday_night = datetime(2026, 12, 6, 3, 15, tzinfo=UTC)
    signals = scene(weekly, now=sunday_night,
                    current=lambda rng, s, e: rows_between(rng, s, e, lambda _: 6.0))
    assert ("volume", "all") in kinds(signals)


def test_a_slow_drift_over_weeks_does_not_alarm() -> None:
    """Volume grows 10 % a week for two months: the baseline's median follows it."""
    growth: Rate = lambda at: 2.0 * 1.10 ** (8 - (NOW - at) / timedelta(weeks=1))  # noqa: E731
    for seed in range(8):
        assert scene(growth, seed=seed) == [], seed


def test_a_slow_drift_within_the_window_does_not_alarm_but_a_step_does() -> None:
    steady: Rate = lambda _: 3.0  # noqa: E731
    creeping = scene(steady, current=lambda rng, s, e: rows_between(rng, s, e, lambda _: 3.6))  # +20 %
    assert creeping == []
    step = scene(steady, current=lambda rng, s, e: rows_between(rng, s, e, lambda _: 9.0))
    assert ("volume", "all") in kinds(step)


def test_the_negative_share_alarms_when_it_jumps_even_at_a_usual_volume() -> None:
    busy: Rate = lambda _: 4.0  # noqa: E731
    angry = scene(busy, current=lambda rng, s, e: rows_between(rng, s, e, busy, negative_share=0.8))
    negative = next(s for s in angry if s.kind == "negative" and s.dimension == "all")
    assert negative.expected < 0.3 and negative.evidence["share"] > 0.6
    assert ("volume", "all") not in kinds(angry)


def test_the_share_test_needs_the_minimum_count_and_the_lift() -> None:
    assert not share_test(5, 6, 20, 100, P).fired  # 83 % negative, but only 5 posts
    assert not share_test(30, 100, 25, 100, P).fired  # 30 % against 25 %: no lift
    assert share_test(40, 50, 20, 100, P).fired


def test_the_volume_test_is_robust_to_one_unusual_week_in_the_baseline() -> None:
    # Last year's crisis week (300) does not make this week's 60 look normal or this week's 200 small.
    baseline = [60, 55, 300, 62, 58, 61, 57, 59]
    assert not volume_test(65, baseline, P).fired
    assert volume_test(200, baseline, P).fired


def test_a_client_without_history_alarms_only_above_the_absolute_floor() -> None:
    now = NOW
    rows = [Row(i, now - timedelta(seconds=20 * i), True, (("all", ""),)) for i in range(1, 30)]
    assert spikes(rows, [], now, P, has_history=False) == []  # 29 negative
    rows.append(Row(99, now - timedelta(seconds=5), True, (("all", ""),)))
    [floor] = spikes(rows, [], now, P, has_history=False)
    assert (floor.kind, floor.count, floor.expected) == ("floor", 30, 30.0)
    assert floor_test(10, Params(floor_negative=10)).fired


def test_clusters_count_distinct_authors_for_a_lot_and_for_an_ae_term() -> None:
    def row(i: int, author: int, lots: tuple[str, ...] = (), pairs: tuple[str, ...] = ()) -> Row:
        return Row(i, NOW, True, (("all", ""),), author_id=author, lots=lots, ae_pairs=pairs)

    same_person = [row(i, 1, lots=("GX4821",)) for i in range(5)]
    assert clusters(same_person, P) == []
    three = [row(i, i, lots=("GX4821",)) for i in range(3)] + [row(9, 9, lots=("ZZ0001",))]
    [lot] = clusters(three, P)
    assert (lot.kind, lot.dimension, lot.value, lot.count) == ("lot_cluster", "lot", "GX4821", 3)
    aes = [row(i, i, pairs=("Glucavio/pancreatitis",)) for i in range(3)]
    [ae] = clusters(aes, P)
    assert (ae.kind, ae.value) == ("ae_cluster", "Glucavio/pancreatitis")


def test_a_post_whose_replies_accelerate_is_a_signal_but_a_steadily_busy_thread_is_not() -> None:
    def replies(parent: str, n: int, hours_ago: float) -> list[Row]:
        start = NOW - timedelta(hours=hours_ago)
        return [Row(i, start + timedelta(seconds=60 * i + 1), False, (("all", ""),), parent=parent) for i in range(n)]

    burst = replies("facebook:1_9", 25, 1) + replies("facebook:1_9", 4, 2)
    [signal] = accelerations(burst, NOW, P)
    assert (signal.kind, signal.dimension, signal.value, signal.count, signal.expected) == (
        "acceleration", "post", "facebook:1_9", 25, 4.0)
    steady = replies("facebook:2_9", 25, 1) + replies("facebook:2_9", 24, 2)
    assert accelerations(steady, NOW, P) == []
    assert accelerations(replies("facebook:3_9", 12, 1), NOW, P) == []  # below the minimum
