from __future__ import annotations

import logging
import os
import time

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from carewatch.ops.health import health

log = logging.getLogger(__name__)

# A web process that started this recently reports a missing worker as "starting": the worker
# (started beside it by `carewatch serve`) is still importing, migrating or loading.
STARTUP_GRACE_SECONDS = float(os.environ.get("CAREWATCH_STARTUP_GRACE_SECONDS", "120"))
_STARTED = time.monotonic()


def starting(now: float | None = None) -> bool:
    return ((now if now is not None else time.monotonic()) - _STARTED) < STARTUP_GRACE_SECONDS


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    ok, report = health()
    response = JsonResponse(report, status=200 if ok else 503)
    if not ok:
        database_ok = bool(report.get("database", {}).get("ok"))
        if database_ok and starting():
            report["status"] = "starting"
            response = JsonResponse(report, status=503)
            # A 503 while the worker comes up is expected, not an error: Django would log it as one.
            response._has_been_logged = True  # type: ignore[attr-defined]
            log.info("healthz: starting (no worker heartbeat yet)")
        else:
            response._has_been_logged = True  # type: ignore[attr-defined]
            log.warning("healthz: unhealthy (%s)", ", ".join(k for k, v in report.items()
                                                           if isinstance(v, dict) and v.get("ok") is False))
    return response
