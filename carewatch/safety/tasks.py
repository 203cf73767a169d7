"""The safety sweeper: any flagged mention a crash or a relabel left without a safety case gets one."""

from __future__ import annotations

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from carewatch.safety.actions import sweep_unopened
from carewatch.taskqueue import SWEEP_PRIORITY

log = logging.getLogger(__name__)


@db_periodic_task(crontab(minute="*"), priority=SWEEP_PRIORITY)
def sweep_safety() -> None:
    opened = sweep_unopened()
    if opened:
        log.warning("safety sweeper opened or attached %d flagged mention(s) that had no safety case", opened)
