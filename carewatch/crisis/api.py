"""Crisis alerts and incidents in the REST API (read only): the same access helpers as the pages."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from carewatch.crisis.models import Alert, Incident
from carewatch.tenancy.access import access_client, access_object, visible_client_ids
from carewatch.tenancy.models import User

router = Router(tags=["crisis"])


class Error(Schema):
    detail: Any


class AlertOut(Schema):
    id: int
    reference: str
    client: str
    kind: str
    dimension: str
    value: str
    state: str
    ongoing: bool
    opened_at: datetime
    crossed_at: datetime
    last_seen_at: datetime
    count: int
    peak: int
    expected: float
    score: float
    evidence: dict[str, Any]
    escalation_id: int | None
    incident_id: int | None
    reason: str


class IncidentOut(Schema):
    id: int
    reference: str
    client: str
    title: str
    playbook: str
    state: str
    declared_at: datetime
    stood_down_at: datetime | None
    roles: dict[str, str]
    match: dict[str, Any]
    checklist: dict[str, Any]
    summary: dict[str, Any]


class Filters(Schema):
    client: str | None = None
    state: str | None = None
    limit: int = 50
    offset: int = 0


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _alert(a: Alert) -> dict[str, Any]:
    return {"id": a.pk, "reference": a.reference, "client": a.client.slug, "kind": a.kind, "dimension": a.dimension,
            "value": a.value, "state": a.state, "ongoing": a.ongoing, "opened_at": a.opened_at,
            "crossed_at": a.crossed_at, "last_seen_at": a.last_seen_at, "count": a.count, "peak": a.peak,
            "expected": a.expected, "score": a.score, "evidence": a.evidence, "escalation_id": a.escalation_id,
            "incident_id": a.incident_id, "reason": a.reason}


def _incident(i: Incident) -> dict[str, Any]:
    return {"id": i.pk, "reference": i.reference, "client": i.client.slug, "title": i.title, "playbook": i.playbook,
            "state": i.state, "declared_at": i.declared_at, "stood_down_at": i.stood_down_at, "roles": i.roles,
            "match": i.match, "checklist": i.checklist, "summary": i.summary}


def _page(request: HttpRequest, qs: Any, filters: Filters) -> Any:
    user = _user(request)
    qs = qs.filter(client_id__in=visible_client_ids(user)).select_related("client")
    if filters.client:
        qs = qs.filter(client=access_client(user, filters.client))
    if filters.state:
        qs = qs.filter(state=filters.state)
    limit, offset = max(1, min(filters.limit, 500)), max(0, filters.offset)
    return qs, qs[offset:offset + limit]


@router.get("/crisis/alerts", response={200: dict[str, Any], 404: Error})
def list_alerts(request: HttpRequest, filters: Query[Filters]) -> dict[str, Any]:
    qs, page = _page(request, Alert.objects.all(), filters)
    return {"items": [_alert(a) for a in page], "count": qs.count()}


@router.get("/crisis/alerts/{alert_id}", response={200: AlertOut, 404: Error})
def get_alert(request: HttpRequest, alert_id: int) -> dict[str, Any]:
    return _alert(access_object(_user(request), Alert.objects.select_related("client"), alert_id))


@router.get("/crisis/incidents", response={200: dict[str, Any], 404: Error})
def list_incidents(request: HttpRequest, filters: Query[Filters]) -> dict[str, Any]:
    qs, page = _page(request, Incident.objects.all(), filters)
    return {"items": [_incident(i) for i in page], "count": qs.count()}


@router.get("/crisis/incidents/{incident_id}", response={200: IncidentOut, 404: Error})
def get_incident(request: HttpRequest, incident_id: int) -> dict[str, Any]:
    return _incident(access_object(_user(request), Incident.objects.select_related("client"), incident_id))
