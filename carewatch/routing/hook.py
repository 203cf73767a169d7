"""The pipeline's routing step (step 6 of ``carewatch.pipeline.order``), after triage and
before the SLA clocks: each case that these messages
opened is routed once by its client's rules."""

from __future__ import annotations

from carewatch.hooks_out import emitters
from carewatch.inbox.models import Case, Direction, Mention
from carewatch.routing.actions import do_route_cases
from carewatch.tenancy.system import system_actor


def route_new_cases(mentions: list[Mention]) -> None:
    case_ids = {m.case_id for m in mentions if m.case_id is not None and m.direction == Direction.INBOUND}
    if not case_ids:
        return
    # A case is new when one of these messages is its first (and a case is routed once anyway).
    openers = {m.pk for m in mentions}
    new_cases: list[int] = []
    seen: set[int] = set()
    for case_id, pk in Mention.objects.filter(case_id__in=case_ids, direction=Direction.INBOUND).order_by(
            "case_id", "created_at", "pk").values_list("case_id", "pk"):
        if case_id not in seen:
            seen.add(case_id)
            if pk in openers:
                new_cases.append(case_id)
    do_route_cases(system_actor(), new_cases)
    if new_cases:
        emitters.cases_created(Case.objects.filter(pk__in=new_cases))
