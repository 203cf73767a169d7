"""The content publisher (Huey ``db_periodic_task``, every minute): due scheduled posts are queued
and published, lost sends re-enqueued, interrupted ones reconciled (``publishing.sweep``)."""

from __future__ import annotations

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from carewatch.content.publishing import publish_task, sweep
from carewatch.taskqueue import SWEEP_PRIORITY

log = logging.getLogger(__name__)

__all__ = ["publish_due_task", "publish_task"]


@db_periodic_task(crontab(minute="*"), priority=SWEEP_PRIORITY)
def publish_due_task() -> None:
    summary = sweep()
    if any(summary.values()):
        log.info("content: %(queued)s publications queued, %(requeued)s re-enqueued, %(stuck)s interrupted", summary)
