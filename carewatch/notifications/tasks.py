"""The notification digest sweeper (Huey ``db_periodic_task``, every five minutes): each person
whose e-mail digest is due gets one (see ``notifications.digest``)."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from carewatch.notifications.digest import send_due_digests
from carewatch.taskqueue import SWEEP_PRIORITY


@db_periodic_task(crontab(minute="*/5"), priority=SWEEP_PRIORITY)
def sweep_digests() -> None:
    send_due_digests()
