"""This app's tasks, for the worker (which imports every installed app's ``tasks`` module): the
outbox's send task and its sweepers are defined in ``outbox``; the replies' sweeper (Huey
``db_periodic_task``, every minute) is here: replies whose outbox row has an outcome take it (a
failure returns the case to the queue); expired template versions retire."""

from __future__ import annotations

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from carewatch.replies import outbox  # noqa: F401
from carewatch.replies.actions import retire_expired, settle_queued
from carewatch.taskqueue import SWEEP_PRIORITY

log = logging.getLogger(__name__)


@db_periodic_task(crontab(minute="*"), priority=SWEEP_PRIORITY)
def sweep_replies() -> None:
    settled = settle_queued()
    retired = retire_expired()
    if settled or retired:
        log.info("replies sweep: %s replies settled, %s template versions expired", settled, retired)
