"""Issue 17, finding 3: two real workers on PostgreSQL + Redis over a backlog full of adverse
events write safety cases, escalations, audit events and SLA clocks at once, without a deadlock,
a failed task, or a mention screened twice."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from carewatch.audit.chain import verify
from carewatch.audit.models import AuditEvent
from carewatch.inbox.models import Case, Direction, Mention
from carewatch.safety.actions import kinds_for
from carewatch.safety.models import SafetyCase, SafetyCaseMention
from carewatch.sla.models import CaseClock
from carewatch.sources.models import EventState, InboundEvent
from tests.faults.backlog import load_agency, store_backlog, wait_for, worker_env, worker_pool
from tests.pipeline.workers import enqueue_pipeline, real_huey

BACKLOG = int(os.environ.get("CAREWATCH_FAULT_BACKLOG", "900"))


def _drained(huey: Any) -> bool:
    """Nothing queued and every step done. A mention is screened (step 3) before its batch's
    routing and clocks (steps 6-7) run in the same task, so an empty queue alone can still have a
    task at work: every case having its clock is the last step's mark."""
    return (not InboundEvent.objects.filter(state=EventState.RECEIVED).exists()
            and CaseClock.objects.count() == Case.objects.count()
            and not Mention.objects.filter(direction=Direction.INBOUND, triaged_at__isnull=True).exclude(text="")
            .exists()
            and huey.pending_count() == 0)


@pytest.mark.services
def test_two_workers_on_postgres_screen_a_backlog_of_adverse_events_without_a_deadlock(
        scale_out: None, tmp_path: Path) -> None:
    load_agency()
    ids = store_backlog(BACKLOG)
    huey = real_huey()
    huey.flush()
    for start in range(0, len(ids), 50):  # small batches: both workers write at the same time
        enqueue_pipeline(huey, ids[start:start + 50])
    with worker_pool(worker_env(), tmp_path, count=2) as pool:
        drained = wait_for(lambda: _drained(huey) or any(p.poll() is not None for p in pool.procs), timeout=300)
        failures = pool.failures()
        assert drained and all(p.poll() is None for p in pool.procs), f"not drained; worker log: {pool.output()[-3000:]}"
    assert failures == [], "\n".join(failures[:20])
    assert InboundEvent.objects.filter(state=EventState.PROCESSED).count() == BACKLOG
    assert set(InboundEvent.objects.values_list("attempts", flat=True)) == {1}, "no event was processed twice"
    inbound = Mention.objects.filter(direction=Direction.INBOUND)
    assert inbound.count() == BACKLOG
    assert not inbound.filter(triaged_at__isnull=True).exists(), "every mention screened"
    flagged = [(m.pk, kind) for m in inbound for kind in kinds_for(m.labels or [])]
    assert len(flagged) >= BACKLOG // 3, "the backlog is mostly about adverse events and complaints"
    links = Counter(SafetyCaseMention.objects.values_list("mention_id", "safety_case__kind"))
    assert sorted(links) == sorted(flagged), "every flagged mention is in exactly one case of each kind"
    assert set(links.values()) == {1}
    opened = AuditEvent.objects.filter(action="safety.open").count()
    attached = AuditEvent.objects.filter(action="safety.attach").count()
    assert opened == SafetyCase.objects.count() and opened + attached == len(flagged), "each mention screened once"
    numbers = Counter(SafetyCase.objects.values_list("client_id", "number"))
    assert set(numbers.values()) == {1}, "no safety case number given twice"
    for client_id in set(SafetyCase.objects.values_list("client_id", flat=True)):
        mine = sorted(SafetyCase.objects.filter(client_id=client_id).values_list("number", flat=True))
        assert mine == list(range(1, len(mine) + 1)), "safety case numbers without gaps"
    assert CaseClock.objects.count() == Case.objects.count(), "every case has its SLA clock"
    assert verify().ok
