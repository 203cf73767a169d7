"""The escalation worker tasks.

- ``carewatch.escalation.delivery.send_notifications`` (django.tasks ``@task``), enqueued on
  commit by whatever created the notifications: sends the first step at once.
- ``sweep_escalations`` (Huey ``db_periodic_task``, every minute): moves unacknowledged
  escalations to their next step, warns before and at a forward-deadline breach, sends what a lost
  task left or what is due now. Safe to run in any number of workers at once: every move is a
  conditional UPDATE on the rows (see ``actions`` and ``delivery``).

The worker must import this module (``carewatch.ops.worker``).
"""

from __future__ import annotations

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from carewatch.escalation.actions import sweep
from carewatch.escalation.delivery import send_notifications
from carewatch.taskqueue import SWEEP_PRIORITY

log = logging.getLogger(__name__)

__all__ = ["send_notifications", "sweep_escalations"]


@db_periodic_task(crontab(minute="*"), priority=SWEEP_PRIORITY)
def sweep_escalations() -> None:
    summary = sweep()
    if any(summary.values()):
        log.info("escalation sweep: %s", ", ".join(f"{k} {v}" for k, v in summary.items() if v))
