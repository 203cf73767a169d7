"""Payload builders for the events other apps report, each one line at its call site:

    from carewatch.hooks_out import emitters
    emitters.case_changed(case, "case.closed")          # inbox.actions.do_set_status
    emitters.cases_created(cases)                       # routing.hook.route_new_cases (a queryset)
    emitters.safety_case(safety_case, "safety_case.opened")   # safety.actions (open, forward, acknowledge)
    emitters.reply_sent(action)                         # replies.outbox._finish

Payloads carry ids, categories, states and links; the ``phi`` part (post text, author handle) is
delivered only to endpoints that allow it (see ``events.emit``).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from carewatch.hooks_out.events import emit, emit_built


def _case(case: Any) -> dict[str, Any]:
    return {"id": case.pk, "status": case.status, "priority": case.priority, "platform": case.platform,
            "channel_id": case.channel_id, "created_at": case.created_at, "closed_at": case.closed_at,
            "close_reason": case.close_reason}


def case_changed(case: Any, event_type: str) -> None:
    emit_built(case.client_id, event_type, lambda: (
        {"case": _case(case), "links": {"case": reverse("inbox:case", args=[case.pk])}}, {"subject": case.subject}))


def cases_created(cases: QuerySet[Any]) -> None:
    """``cases``: the new cases as a queryset (the caller's, so this app needs no inbox import)."""
    from carewatch.hooks_out.models import Endpoint

    wanted = set(Endpoint.objects.filter(is_active=True, client_id__in=cases.values("client_id"))
                 .values_list("client_id", flat=True))
    if not wanted:  # the usual case: one query, nothing to send
        return
    for case in cases.filter(client_id__in=wanted).select_related("author"):
        labels = list(case.tags.filter(kind="label").values_list("name", flat=True))
        emit(case.client_id, "case.created", {"case": {**_case(case), "labels": labels},
                                              "links": {"case": reverse("inbox:case", args=[case.pk])}},
             phi={"subject": case.subject, "author": case.author.handle})


def safety_case(sc: Any, event_type: str) -> None:
    def build() -> tuple[dict[str, Any], None]:
        return {
            "safety_case": {"id": sc.pk, "reference": sc.reference, "kind": sc.kind, "status": sc.status,
                            "serious": sc.serious, "day0": sc.day0, "forward_due": sc.forward_due,
                            "case_id": sc.case_id},
            "links": {"safety_case": reverse("safety:case", args=[sc.pk])}}, None

    emit_built(sc.client_id, event_type, build)


def reply_sent(action: Any) -> None:
    emit(action.client_id, "reply.sent", {
        "reply": {"id": action.pk, "verb": action.verb, "case_id": action.case_id,
                  "external_id": action.external_id, "sent_at": action.sent_at},
        "links": {"case": reverse("inbox:case", args=[action.case_id]) if action.case_id else None}},
        phi={"text": action.body})
