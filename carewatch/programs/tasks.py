"""The programs' sweeps: edited roster posts are checked again; UGC rights past their expiry expire."""

from __future__ import annotations

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from carewatch.programs.actions import expire_rights, recheck_edited
from carewatch.taskqueue import SWEEP_PRIORITY

log = logging.getLogger(__name__)


@db_periodic_task(crontab(minute="*/2"), priority=SWEEP_PRIORITY)
def sweep_programs() -> None:
    rechecked = recheck_edited()
    expired = expire_rights()
    if rechecked or expired:
        log.info("programs sweep: %d edited post(s) re-checked, %d right(s) expired", len(rechecked), expired)
