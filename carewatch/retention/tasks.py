"""The retention sweeper (Huey ``db_periodic_task``, nightly): each client's policy applied."""

from __future__ import annotations

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from carewatch.retention.actions import do_apply_retention
from carewatch.taskqueue import SWEEP_PRIORITY
from carewatch.tenancy.models import Client

log = logging.getLogger(__name__)


@db_periodic_task(crontab(minute="17", hour="3"), priority=SWEEP_PRIORITY)
def apply_retention() -> None:
    for client in Client.objects.filter(is_active=True):
        outcome = do_apply_retention(client)
        if outcome.anonymised:
            log.info("retention: client %s, %d mention(s) anonymised, %d kept for safety",
                     client.pk, outcome.anonymised, outcome.kept_for_safety)
