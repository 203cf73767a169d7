"""The SLA sweeper (Huey ``db_periodic_task``, every minute): reconciles the cases marked changed
(``sla/marks.py``), records warnings and breaches (each once, claimed by a conditional UPDATE, so
any number of workers may run it at once) and closes cases whose third touch went unanswered.
The backstop (every ``CAREWATCH_SLA_BACKSTOP_MINUTES``, default 60) compares every open clock
with its case, marked or not.

The worker must import this module (``carewatch.ops.worker``).
"""

from __future__ import annotations

import logging

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from carewatch.sla.actions import reconcile_all, sweep
from carewatch.taskqueue import SWEEP_PRIORITY

log = logging.getLogger(__name__)


def every(minutes: int) -> crontab:
    """A schedule every ``minutes`` (a divisor of 60, or whole hours: at minute 37, off the hour's
    busy first minute)."""
    if minutes < 60:
        return crontab(minute=f"*/{max(1, minutes)}")
    return crontab(minute="37", hour=f"*/{max(1, minutes // 60)}")


@db_periodic_task(crontab(minute="*"), priority=SWEEP_PRIORITY)
def sweep_sla() -> None:
    summary = sweep()
    if any(summary.values()):
        log.info("sla sweep: %s", ", ".join(f"{k} {v}" for k, v in summary.items() if v))


@db_periodic_task(every(settings.CAREWATCH_SLA_BACKSTOP_MINUTES), priority=SWEEP_PRIORITY)
def backstop_sla() -> None:
    reconciled = reconcile_all()
    if reconciled:
        log.warning("sla backstop: %s cases reconciled whose change was not marked", reconciled)
