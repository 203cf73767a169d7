"""The SLA sweeper (Huey ``db_periodic_task``, every minute): reconciles cases whose rows changed,
records warnings and breaches (each once, claimed by a conditional UPDATE, so any number of
workers may run it at once) and closes cases whose third touch went unanswered.

The worker must import this module (``carewatch.ops.worker``).
"""

from __future__ import annotations

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from carewatch.sla.actions import sweep
from carewatch.taskqueue import SWEEP_PRIORITY

log = logging.getLogger(__name__)


@db_periodic_task(crontab(minute="*"), priority=SWEEP_PRIORITY)
def sweep_sla() -> None:
    summary = sweep()
    if any(summary.values()):
        log.info("sla sweep: %s", ", ".join(f"{k} {v}" for k, v in summary.items() if v))
