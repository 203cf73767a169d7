"""The audit trail for supervisors: filter, page, export as CSV."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from carewatch.audit.models import AuditEvent
from carewatch.lib.canonical import canonical_json
from carewatch.tenancy.access import audit_client_ids, can_view_audit
from carewatch.tenancy.models import Client, User

PAGE = 100


def _events(request: HttpRequest) -> tuple[QuerySet[AuditEvent], dict[str, str]]:
    user = request.user
    assert isinstance(user, User)
    if not can_view_audit(user):
        raise PermissionDenied("The audit trail is for supervisors and admins")
    client_ids = audit_client_ids(user)
    scope = Q(client_id__in=client_ids)
    if user.is_agency_admin:
        scope |= Q(client__isnull=True)
    qs = AuditEvent.objects.filter(scope).select_related("client")
    params = {
        k: request.GET.get(k, "").strip()[:100] for k in ("client", "action", "actor", "since", "until", "object")
    }
    if params["client"]:
        qs = qs.filter(client__slug=params["client"])
    if params["action"]:
        qs = qs.filter(action__startswith=params["action"])
    if params["actor"]:
        qs = qs.filter(actor_label__icontains=params["actor"])
    if params["object"]:
        qs = qs.filter(object_id=params["object"])
    for key, lookup in (("since", "at__date__gte"), ("until", "at__date__lte")):
        if params[key]:
            try:
                qs = qs.filter(**{lookup: date.fromisoformat(params[key])})
            except ValueError:
                params[key] = ""
    return qs.order_by("-seq"), params


@login_required
@require_GET
def audit_view(request: HttpRequest) -> HttpResponse:
    qs, params = _events(request)
    before = request.GET.get("before", "")
    if before.isdigit():
        qs = qs.filter(seq__lt=int(before))
    events = list(qs[: PAGE + 1])
    more = len(events) > PAGE
    events = events[:PAGE]
    user = request.user
    assert isinstance(user, User)
    return render(request, "audit/list.html", {
        "events": events,
        "params": params,
        "next_before": events[-1].seq if more and events else None,
        "clients": Client.objects.filter(id__in=audit_client_ids(user)),
    })


@login_required
@require_GET
def audit_export_view(request: HttpRequest) -> StreamingHttpResponse:
    qs, _ = _events(request)

    class Echo:
        def write(self, value: str) -> str:
            return value

    writer = csv.writer(Echo())

    def rows() -> Iterator[str]:
        yield writer.writerow(
            ["seq", "at", "actor", "client", "action", "object_type", "object_id", "data", "prev_hash", "hash"]
        )
        for e in qs.iterator(chunk_size=2000):
            yield writer.writerow([
                e.seq, e.at.isoformat(), e.actor_label, e.client.slug if e.client else "",
                e.action, e.object_type, e.object_id, canonical_json(e.data), e.prev_hash, e.hash,
            ])

    response = StreamingHttpResponse(rows(), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="carewatch-audit.csv"'
    return response
