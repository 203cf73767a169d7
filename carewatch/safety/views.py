"""The safety desk: the queue of safety cases by deadline, a case's page with its frozen evidence,
assessment and workflow, and the PV package downloads. Thin views over ``safety.actions``."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from carewatch.audit.chain import append
from carewatch.audit.models import AuditEvent
from carewatch.identity.signatures import reauthenticate, record_signature, signatures_for
from carewatch.inbox.models import Mention
from carewatch.safety import actions
from carewatch.safety.models import (
    ENDED,
    MINIMUM_ELEMENTS,
    NOT_FORWARDED,
    SERIOUSNESS_CRITERIA,
    SPECIAL_SITUATIONS,
    ElementState,
    ReporterType,
    SafetyCase,
    SafetyKind,
    SafetyStatus,
)
from carewatch.safety.policy import policy_for
from carewatch.safety.signing import SIGNED
from carewatch.tenancy.access import access_object, require_role, role_for, visible_client_ids, visible_clients
from carewatch.tenancy.models import SAFETY_DECIDE_ROLES, SAFETY_WORK_ROLES, User

PAGE = 50


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _safety_case(request: HttpRequest, pk: int, roles: Any = None) -> SafetyCase:
    return access_object(_user(request), SafetyCase.objects.select_related("client", "case"), pk, roles)


def visible_safety_cases(user: User) -> QuerySet[SafetyCase]:
    return SafetyCase.objects.filter(client_id__in=visible_client_ids(user)).select_related("client")


# The queue's views: "action" (the default) is what someone must do next, soonest deadline first.
QUEUE_STATES: dict[str, str] = {
    "action": "Needs action (to review, to forward)",
    "overdue": "Past forward deadline",
    "open": "Not ended",
    "all": "All",
}
DEADLINE_ORDERED = ("action", "to_forward", "overdue", "open", *NOT_FORWARDED)


def deadline_grade(due: datetime | None, now: datetime) -> str:
    """A colour class by time left: overdue, under 1 h, under 4 h, under 12 h, more."""
    if due is None:
        return ""
    left = (due - now).total_seconds() / 3600
    if left < 0:
        return "due-overdue"
    if left < 1:
        return "due-1h"
    if left < 4:
        return "due-4h"
    if left < 12:
        return "due-12h"
    return "due-later"


def _filtered(qs: QuerySet[SafetyCase], state: str, now: datetime) -> QuerySet[SafetyCase]:
    if state in ("action", "to_forward"):
        return qs.filter(status__in=NOT_FORWARDED)
    if state == "overdue":
        return qs.filter(status__in=NOT_FORWARDED, forward_due__lt=now)
    if state == "open":
        return qs.exclude(status__in=ENDED)
    if state in SafetyStatus.values:
        return qs.filter(status=state)
    return qs


@login_required
@require_GET
def queue_view(request: HttpRequest) -> HttpResponse:
    from django.core.paginator import Paginator
    from django.db.models import Count

    user = _user(request)
    now = timezone.now()
    qs = visible_safety_cases(user).select_related("case__assignee")
    state = request.GET.get("state", "action")
    if state == "to_forward":
        state = "action"
    if state not in QUEUE_STATES and state not in SafetyStatus.values:
        state = "action"
    client = request.GET.get("client", "").strip()[:60]
    kind = request.GET.get("kind", "")
    mine = request.GET.get("mine") == "1"
    if client:
        qs = qs.filter(client__slug=client)
    if kind in SafetyKind.values:
        qs = qs.filter(kind=kind)
    if mine:
        qs = qs.filter(case__assignee=user)
    # Counts per state over the same client, kind and "mine" filters.
    by_status = dict(qs.order_by().values_list("status").annotate(n=Count("id")))
    counts = {
        "action": sum(by_status.get(s, 0) for s in NOT_FORWARDED),
        "overdue": qs.filter(status__in=NOT_FORWARDED, forward_due__lt=now).count(),
        "open": sum(n for s, n in by_status.items() if s not in ENDED),
        "all": sum(by_status.values()),
        **{s: by_status.get(s, 0) for s in SafetyStatus.values},
    }
    # Deadline first for what still has to go out; most recent first for the rest.
    order = ["forward_due", "id"] if state in DEADLINE_ORDERED else ["-detected_at", "-id"]
    paginator = Paginator(_filtered(qs, state, now).order_by(*order), PAGE)
    page = paginator.get_page(request.GET.get("page"))
    rows = [(sc, deadline_grade(sc.forward_due, now) if sc.status in NOT_FORWARDED else "") for sc in page]
    query = {k: v for k, v in (("state", state), ("client", client), ("kind", kind), ("mine", "1" if mine else ""))
             if v}
    from urllib.parse import urlencode

    return render(request, "safety/queue.html", {
        "rows": rows, "page": page, "now": now, "state": state, "client": client, "kind": kind, "mine": mine,
        "clients": visible_clients(user), "kinds": SafetyKind.choices, "statuses": SafetyStatus.choices,
        "queue_states": QUEUE_STATES.items(), "counts": counts, "not_forwarded": NOT_FORWARDED,
        "query": urlencode(query),
    })


@login_required
@require_GET
def case_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_page(request, _safety_case(request, pk))


# What a workflow form's user typed, by operation: kept when the step is refused (a mistyped
# signature, a reason too short) so that the page comes back with it instead of empty fields.
KEPT_FIELDS = {"forward": ("recipients", "note"), "acknowledge": ("pv_reference",),
               "request_follow_up": ("what",), "send_follow_up": ("note",),
               "dismiss": ("reason",), "close": ("reason",)}


def _case_page(request: HttpRequest, safety_case: SafetyCase, kept: dict[str, str] | None = None) -> HttpResponse:
    user = _user(request)
    role = role_for(user, safety_case.client_id)
    links = list(safety_case.links.select_related("mention", "added_by").order_by("-is_primary", "added_at"))
    timeline = AuditEvent.objects.filter(object_type="safety.safetycase", object_id=str(safety_case.pk)).order_by("seq")
    elements = [(name, safety_case.elements.get(name, {"state": "unknown", "evidence": [], "verify": ""}))
                for name in MINIMUM_ELEMENTS]
    return render(request, "safety/case.html", {
        "sc": safety_case, "links": links, "timeline": timeline, "elements": elements, "now": timezone.now(),
        "can_work": role in SAFETY_WORK_ROLES, "can_decide": role in SAFETY_DECIDE_ROLES,
        "element_states": ElementState.choices, "criteria": SERIOUSNESS_CRITERIA, "situations": SPECIAL_SITUATIONS,
        "reporter_types": ReporterType.choices, "not_forwarded": NOT_FORWARDED, "ended": ENDED,
        "local_tz": safety_case.client.tz, "signatures": signatures_for(safety_case),
        "kept": kept or {},
    })


def _back(pk: int) -> HttpResponse:
    return HttpResponseRedirect(reverse("safety:case", args=[pk]))


def _assessment_from_form(request: HttpRequest, safety_case: SafetyCase) -> dict[str, Any]:
    post = request.POST
    elements = {}
    for name in MINIMUM_ELEMENTS:
        current = dict(safety_case.elements.get(name, {}))
        current["state"] = post.get(f"{name}_state", current.get("state", "unknown"))
        current["verify"] = str(post.get(f"{name}_verify", current.get("verify", "")) or "").strip()[:500]
        current.setdefault("evidence", [])
        elements[name] = current
    products = []
    for line in post.get("products", "").splitlines():
        name, _, role = line.partition("|")
        if name.strip():
            products.append({"name": name.strip()[:200], "as_reported": name.strip()[:200],
                             "role": (role.strip() or "suspect").lower()})
    return {
        "elements": elements,
        "serious": post.get("serious") == "on",
        "seriousness": [c for c in post.getlist("seriousness") if c],
        "special_situations": [s for s in post.getlist("special_situations") if s],
        "products": products,
        "reporter_type": post.get("reporter_type", safety_case.reporter_type),
        "narrative": post.get("narrative", safety_case.narrative)[:100_000],
    }


DONE = {"review": "in review", "assess": "assessment saved", "forward": "forwarded",
        "acknowledge": "PV acknowledgement recorded", "request_follow_up": "follow-up request recorded",
        "send_follow_up": "follow-up sent", "dismiss": "dismissed", "close": "closure by PV recorded"}
OPERATIONS = ("review", "assess", "forward", "acknowledge", "request_follow_up", "send_follow_up", "dismiss", "close")


def _do(op: str, request: HttpRequest, user: User, safety_case: SafetyCase, reason: str) -> None:
    if op == "review":
        actions.do_start_review(user, safety_case)
    elif op == "assess":
        actions.do_update_assessment(user, safety_case, **_assessment_from_form(request, safety_case))
    elif op == "forward":
        recipients = [r for r in request.POST.get("recipients", "").replace(",", " ").split() if r]
        actions.do_forward(user, safety_case, recipients or None, request.POST.get("note", ""))
    elif op == "acknowledge":
        actions.do_acknowledge(safety_case, actor=user, via="app",
                               pv_reference=request.POST.get("pv_reference", ""))
    elif op == "request_follow_up":
        actions.do_request_follow_up(user, safety_case, request.POST.get("what", ""))
    elif op == "send_follow_up":
        actions.do_send_follow_up(user, safety_case, request.POST.get("note", ""))
    elif op == "dismiss":
        actions.do_dismiss(user, safety_case, reason)
    elif op == "close":
        actions.do_close(user, safety_case, reason)


@login_required
@require_POST
def act_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Every workflow step from the case page: ``op`` names the action (each checks its own role)."""
    user = _user(request)
    op = request.POST.get("op", "")
    if op not in OPERATIONS:
        raise PermissionDenied("unknown operation")
    safety_case = _safety_case(request, pk, SAFETY_DECIDE_ROLES if op in ("dismiss", "close") else SAFETY_WORK_ROLES)
    reason = request.POST.get("reason", "")
    try:
        # Forwarding, dismissing and closing are electronic signatures: re-authentication first.
        method = reauthenticate(user, request.POST.get("signature", "")) if op in SIGNED else ""
        with transaction.atomic():
            _do(op, request, user, safety_case, reason)
            if op in SIGNED:
                record_signature(user, method, meaning=SIGNED[op], record=safety_case,
                                 client_id=safety_case.client_id)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
        kept = {"op": op, **{name: request.POST.get(name, "") for name in KEPT_FIELDS.get(op, ())}}
        return _case_page(request, _safety_case(request, pk), kept)
    messages.success(request, f"{safety_case.reference}: {DONE[op]}")
    return _back(pk)


@login_required
@require_POST
def open_view(request: HttpRequest) -> HttpResponse:
    """Open a safety case by hand for a mention (from the inbox case page)."""
    user = _user(request)
    mention_id = request.POST.get("mention", "")
    if not mention_id.isdigit():
        raise Http404("no such mention")
    mention = access_object(user, Mention.objects.select_related("client", "channel", "author"), mention_id,
                            SAFETY_WORK_ROLES)
    try:
        safety_case = actions.do_open_by_hand(user, mention, request.POST.get("kind", SafetyKind.ADVERSE_EVENT),
                                              request.POST.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
        return HttpResponseRedirect(reverse("inbox:case", args=[mention.case_id]) if mention.case_id
                                    else reverse("safety:queue"))
    return _back(safety_case.pk)


def export_response(user: User, safety_case: SafetyCase, fmt: str) -> HttpResponse:
    """The PV package in one format, recorded in the audit trail (who pulled which case, when)."""
    require_role(user, safety_case.client_id, SAFETY_WORK_ROLES)
    if fmt == "e2b":
        from carewatch.safety.e2b import render_e2b

        body: bytes = render_e2b(safety_case, sender=policy_for(safety_case.client).sender)
        content_type, name = "application/xml", f"{safety_case.reference}-e2b.xml"
    else:
        from carewatch.safety.medwatch import medwatch_record

        body = json.dumps(medwatch_record(safety_case), indent=2, default=_json_default).encode()
        content_type, name = "application/json", f"{safety_case.reference}-medwatch.json"
    with transaction.atomic():
        append("safety.export", actor=user, client_id=safety_case.client_id, obj=safety_case,
               data={"reference": safety_case.reference, "format": fmt})
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _json_default(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


@login_required
@require_GET
def e2b_view(request: HttpRequest, pk: int) -> HttpResponse:
    return export_response(_user(request), _safety_case(request, pk), "e2b")


@login_required
@require_GET
def medwatch_view(request: HttpRequest, pk: int) -> HttpResponse:
    return export_response(_user(request), _safety_case(request, pk), "medwatch")
