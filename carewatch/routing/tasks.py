"""The routing sweeper (Huey ``db_periodic_task``, every minute): a case whose routing a lost task
or a failure skipped is routed again, once, from the rows' state."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from carewatch.inbox.models import OPEN_STATUSES, Direction, Mention
from carewatch.routing.actions import do_route_cases
from carewatch.routing.models import RoutingRule
from carewatch.taskqueue import SWEEP_PRIORITY
from carewatch.tenancy.system import system_actor

log = logging.getLogger(__name__)

LIMIT = 500


def unrouted_case_ids(now: datetime | None = None, older_than: timedelta = timedelta(minutes=2)) -> list[int]:
    """Open cases of clients with enabled rules whose screened inbound messages arrived in the
    last two days (and over ``older_than`` ago) and that were never routed."""
    now = now or timezone.now()
    clients = RoutingRule.objects.filter(enabled=True).values("client_id")
    return list(
        Mention.objects.filter(direction=Direction.INBOUND, triaged_at__isnull=False, case__isnull=False,
                               received_at__lt=now - older_than, received_at__gte=now - timedelta(days=2),
                               client_id__in=clients, case__status__in=OPEN_STATUSES, case__routing__isnull=True)
        .order_by("case_id").values_list("case_id", flat=True).distinct()[:LIMIT]
    )


def sweep_unrouted(now: datetime | None = None) -> int:
    routed = do_route_cases(system_actor(), unrouted_case_ids(now))
    if routed:
        log.warning("routing sweeper routed %d case(s) a lost task or a failure had left unrouted", routed)
    return routed


@db_periodic_task(crontab(minute="*"), priority=SWEEP_PRIORITY)
def sweep_routing() -> None:
    sweep_unrouted()
