"""Fixed-window rate limits shared by every worker process: Redis when configured, else the
database (a conditional UPDATE on one row per key and window)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F


@dataclass(frozen=True)
class Limit:
    calls: int
    per_seconds: int


@cache
def _redis() -> Any:
    import redis

    return redis.Redis.from_url(settings.REDIS_URL)


def acquire(key: str, limit: Limit, now: float | None = None) -> float:
    """Take one call from the window; 0.0 if allowed, else seconds until the window reopens."""
    now = time.time() if now is None else now
    window = int(now // limit.per_seconds) * limit.per_seconds
    wait = window + limit.per_seconds - now
    if settings.REDIS_URL:
        namespace = getattr(settings, "RATELIMIT_NAMESPACE", "")
        name = f"carewatch:rl:{namespace}{key}:{window}"
        pipe = _redis().pipeline()
        pipe.incr(name)
        pipe.expire(name, limit.per_seconds + 5)
        count = int(pipe.execute()[0])
        return 0.0 if count <= limit.calls else wait
    from carewatch.sources.models import RateWindow

    with transaction.atomic():
        updated = RateWindow.objects.filter(key=key, window_start=window, count__lt=limit.calls).update(
            count=F("count") + 1
        )
        if updated:
            return 0.0
        try:
            with transaction.atomic():
                RateWindow.objects.create(key=key, window_start=window, count=1)
            RateWindow.objects.filter(key=key, window_start__lt=window - 86400).delete()
            return 0.0
        except IntegrityError:  # another process opened the window first: count in it
            updated = RateWindow.objects.filter(key=key, window_start=window, count__lt=limit.calls).update(
                count=F("count") + 1
            )
            return 0.0 if updated else wait
