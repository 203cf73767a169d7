"""Safety cases in the REST API: list and read them, move them through the workflow, and fetch
the PV package (E2B(R3) XML, MedWatch-like JSON). The same access helpers and actions as the UI."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Query, Router, Schema

from carewatch.identity.signatures import reauthenticate, record_signature
from carewatch.lib.apischema import Int64, ObjectBody
from carewatch.safety import actions
from carewatch.safety.models import ENDED, NOT_FORWARDED, SafetyCase
from carewatch.safety.signing import SIGNED
from carewatch.safety.views import export_response
from carewatch.tenancy.access import access_client, access_object, visible_client_ids
from carewatch.tenancy.models import SAFETY_DECIDE_ROLES, SAFETY_WORK_ROLES, User

router = Router(tags=["safety"])


class Error(Schema):
    detail: Any


class SafetyCaseOut(Schema):
    id: int
    reference: str
    client: str
    kind: str
    status: str
    case_id: int | None
    serious: bool
    seriousness: list[str]
    special_situations: list[str]
    elements: dict[str, Any]
    follow_up_needed: bool
    products: list[dict[str, Any]]
    day0: datetime
    day0_basis: str
    forward_due: datetime
    overdue: bool
    regulatory_due: datetime
    detected_at: datetime
    forwarded_at: datetime | None
    forwarded_to: list[str]
    acknowledged_at: datetime | None
    acknowledged_by: str
    pv_reference: str
    ended_at: datetime | None
    end_reason: str
    mention_ids: list[int]


class SafetyCaseList(Schema):
    items: list[SafetyCaseOut]
    count: int


class SafetyFilters(Schema):
    client: str | None = None
    status: str | None = None
    kind: str | None = None
    overdue: bool = False
    limit: Int64 = 50
    offset: Int64 = 0


class Transition(ObjectBody):
    op: str  # review | forward | acknowledge | request_follow_up | send_follow_up | dismiss | close
    reason: str = ""
    recipients: list[str] = []
    note: str = ""
    what: str = ""
    pv_reference: str = ""
    # forward, dismiss and close are electronic signatures: the caller's password or a code from
    # their authenticator, checked at the moment of signing (21 CFR 11.200).
    signature: str = ""


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _out(sc: SafetyCase) -> dict[str, Any]:
    return {
        "id": sc.pk, "reference": sc.reference, "client": sc.client.slug, "kind": sc.kind, "status": sc.status,
        "case_id": sc.case_id, "serious": sc.serious, "seriousness": sc.seriousness,
        "special_situations": sc.special_situations, "elements": sc.elements,
        "follow_up_needed": sc.follow_up_needed, "products": sc.products, "day0": sc.day0,
        "day0_basis": sc.day0_basis, "forward_due": sc.forward_due,
        "overdue": sc.status in NOT_FORWARDED and sc.forward_due < timezone.now(),
        "regulatory_due": sc.regulatory_due, "detected_at": sc.detected_at, "forwarded_at": sc.forwarded_at,
        "forwarded_to": sc.forwarded_to, "acknowledged_at": sc.acknowledged_at, "acknowledged_by": sc.acknowledged_by,
        "pv_reference": sc.pv_reference, "ended_at": sc.ended_at, "end_reason": sc.end_reason,
        "mention_ids": [link.mention_id for link in sc.links.all()],
    }


def _load(request: HttpRequest, pk: int, roles: Any = None) -> SafetyCase:
    return access_object(_user(request), SafetyCase.objects.select_related("client").prefetch_related("links"),
                         pk, roles)


@router.get("/safety-cases", response={200: SafetyCaseList, 404: Error})
def list_safety_cases(request: HttpRequest, filters: Query[SafetyFilters]) -> dict[str, Any]:
    user = _user(request)
    qs = SafetyCase.objects.filter(client_id__in=visible_client_ids(user))
    if filters.client:
        qs = qs.filter(client=access_client(user, filters.client))
    if filters.status == "open":
        qs = qs.exclude(status__in=ENDED)
    elif filters.status:
        qs = qs.filter(status=filters.status)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.overdue:
        qs = qs.filter(status__in=NOT_FORWARDED, forward_due__lt=timezone.now())
    limit, offset = max(1, min(filters.limit, 500)), max(0, filters.offset)
    items = qs.select_related("client").prefetch_related("links").order_by("-detected_at", "-id")[offset:offset + limit]
    return {"items": [_out(sc) for sc in items], "count": qs.count()}


@router.get("/safety-cases/{pk}", response={200: SafetyCaseOut, 404: Error})
def get_safety_case(request: HttpRequest, pk: int) -> dict[str, Any]:
    return _out(_load(request, pk))


@router.post("/safety-cases/{pk}/transition", response={200: SafetyCaseOut, 403: Error, 404: Error, 422: Error})
def transition(request: HttpRequest, pk: int, body: Transition) -> dict[str, Any]:
    """One workflow step. ``dismiss`` and ``close`` need the safety reviewer role and a reason."""
    user = _user(request)
    deciding = body.op in ("dismiss", "close")
    sc = _load(request, pk, SAFETY_DECIDE_ROLES if deciding else SAFETY_WORK_ROLES)
    steps = {
        "review": lambda: actions.do_start_review(user, sc),
        "forward": lambda: actions.do_forward(user, sc, body.recipients or None, body.note),
        "acknowledge": lambda: actions.do_acknowledge(sc, actor=user, via="api", pv_reference=body.pv_reference),
        "request_follow_up": lambda: actions.do_request_follow_up(user, sc, body.what),
        "send_follow_up": lambda: actions.do_send_follow_up(user, sc, body.note),
        "dismiss": lambda: actions.do_dismiss(user, sc, body.reason),
        "close": lambda: actions.do_close(user, sc, body.reason),
    }
    if body.op not in steps:
        from django.core.exceptions import ValidationError

        raise ValidationError(f"op must be one of {', '.join(steps)}")
    meaning = SIGNED.get(body.op)
    method = reauthenticate(user, body.signature) if meaning else ""
    with transaction.atomic():
        steps[body.op]()
        if meaning:
            record_signature(user, method, meaning=meaning, record=sc, client_id=sc.client_id)
    return _out(_load(request, pk))


@router.get("/safety-cases/{pk}/e2b.xml", response={200: None, 403: Error, 404: Error})
def e2b_xml(request: HttpRequest, pk: int) -> HttpResponse:
    return export_response(_user(request), _load(request, pk), "e2b")


@router.get("/safety-cases/{pk}/medwatch.json", response={200: None, 403: Error, 404: Error})
def medwatch_json(request: HttpRequest, pk: int) -> HttpResponse:
    return export_response(_user(request), _load(request, pk), "medwatch")
