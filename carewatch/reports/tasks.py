"""The rollup refresher (Huey ``db_periodic_task``, every minute): reads what changed since its
last run and recomputes only the facts and daily cells it touches (``reports/rollups.py``).

The worker must import this module (``carewatch.ops.worker``).
"""

from __future__ import annotations

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from carewatch.reports.rollups import refresh
from carewatch.reports.schedule import run as run_schedules
from carewatch.taskqueue import SWEEP_PRIORITY

log = logging.getLogger(__name__)


@db_periodic_task(crontab(minute="*"), priority=SWEEP_PRIORITY)
def refresh_rollups() -> None:
    summary = refresh()
    if summary.cells:
        log.info("report rollups: %s", ", ".join(f"{k} {v}" for k, v in summary.as_dict().items() if v))


@db_periodic_task(crontab(minute="*/5"), priority=SWEEP_PRIORITY)
def send_scheduled_reports() -> None:
    outcome = run_schedules()
    if any(v for k, v in outcome.items()):
        log.info("scheduled reports: %s", ", ".join(f"{k} {v}" for k, v in outcome.items() if v))
