"""The crisis worker tasks and the pipeline step.

- ``crisis_step`` (the optional pipeline step "crisis" in carewatch.pipeline.order, after SLA): new mentions
  that match an active incident go to the crisis team's queue, and detection is enqueued (after
  commit) for their clients, at most once per client every ``THROTTLE`` seconds, plus one run
  just after the throttle ends so the end of a burst is seen too.
- ``detect_client`` (django.tasks): detection for one client.
- ``sweep_signals`` (Huey ``db_periodic_task``, every minute): detection for every active client
  (clusters and quiet alerts move with time even when nothing arrives). Any number of workers:
  a second alert for the same ongoing signal is refused by a unique constraint.

The worker must import this module (``carewatch.ops.worker``).
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.tasks import task
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from carewatch.crisis.actions import record_signals, route_to_incidents
from carewatch.crisis.config import params_for
from carewatch.crisis.detection import detect
from carewatch.taskqueue import SWEEP_PRIORITY
from carewatch.tenancy.models import Client

log = logging.getLogger(__name__)

THROTTLE = 3  # seconds; settings.CAREWATCH_CRISIS_THROTTLE_SECONDS overrides (0: no throttle)


def run_detection(client: Client, now: Any = None, with_clusters: bool = True) -> list[Any]:
    now = now or timezone.now()
    signals = detect(client.pk, now, params_for(client), with_clusters=with_clusters)
    return record_signals(client, signals, now, end_quiet=with_clusters)


@task(priority=8)
def detect_client(client_id: int) -> int:
    """The pipeline's quick run: spikes only (clusters are the minute sweep's)."""
    client = Client.objects.filter(pk=client_id, is_active=True).first()
    if client is None:
        return 0
    return len(run_detection(client, with_clusters=False))


def _schedule(client_id: int) -> None:
    throttle = int(getattr(settings, "CAREWATCH_CRISIS_THROTTLE_SECONDS", THROTTLE))
    if throttle <= 0 or cache.add(f"crisis:detect:{client_id}", 1, timeout=throttle):
        detect_client.enqueue(client_id)
    elif cache.add(f"crisis:later:{client_id}", 1, timeout=throttle):
        detect_client.using(run_after=timezone.now() + timedelta(seconds=throttle)).enqueue(client_id)


def crisis_step(mentions: list[Any]) -> None:
    """Pipeline step: route to active incidents, then schedule detection for these clients."""
    if not mentions:
        return
    route_to_incidents(mentions)
    # Detection looks at the last minutes: a batch of old posts (an import, a backfill) cannot start
    # a spike now (the minute sweep still sees their clusters).
    fresh = timezone.now() - timedelta(hours=2)
    for client_id in sorted({m.client_id for m in mentions if m.created_at > fresh}):
        _schedule(client_id)


@db_periodic_task(crontab(minute="*"), priority=SWEEP_PRIORITY)
def sweep_signals() -> None:
    opened = 0
    for client in Client.objects.filter(is_active=True):
        try:
            opened += len(run_detection(client))
        except Exception:
            log.exception("crisis detection failed for client %s", client.slug)
    if opened:
        log.info("crisis sweep: %s new alerts", opened)
