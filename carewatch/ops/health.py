"""What /healthz reports: the database, the workers and the queue."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import timezone

from carewatch.ops.models import WorkerHeartbeat
from carewatch.taskqueue import queue_depth


def health() -> tuple[bool, dict[str, Any]]:
    report: dict[str, Any] = {}
    ok = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        report["database"] = {"ok": True, "engine": connection.vendor}
    except Exception as exc:  # the point is to report it, whatever it is
        ok = False
        report["database"] = {"ok": False, "error": exc.__class__.__name__}
    try:
        stale = timezone.now() - timedelta(seconds=settings.WORKER_STALE_SECONDS)
        live = WorkerHeartbeat.objects.filter(last_seen_at__gte=stale)
        last = WorkerHeartbeat.objects.order_by("-last_seen_at").first()
        workers = live.count()
        report["worker"] = {
            "ok": workers > 0,
            "alive": workers,
            "last_heartbeat": last.last_seen_at.isoformat() if last else None,
        }
        ok = ok and workers > 0
    except Exception as exc:
        ok = False
        report["worker"] = {"ok": False, "error": exc.__class__.__name__}
    try:
        report["queue"] = {"ok": True, "depth": queue_depth(), "engine": "redis" if settings.REDIS_URL else "sqlite"}
    except Exception as exc:
        ok = False
        report["queue"] = {"ok": False, "error": exc.__class__.__name__}
    try:
        from carewatch.sources.health import summary

        # Channel problems are alerts for people, not a reason to take the service out of rotation.
        report["channels"] = summary()
    except Exception as exc:
        report["channels"] = {"error": exc.__class__.__name__}
    report["status"] = "ok" if ok else "unhealthy"
    return ok, report
