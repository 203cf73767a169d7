"""Acknowledging escalations and forward notices; the escalations list and page.

- ``/ack/<token>/`` (no login; the signed token is the authority): GET shows what is being
  acknowledged and a button; only the POST acknowledges. Mail scanners and link previews fetch
  the GET, so a prefetch never acknowledges anything (and GETs are not audited: a scanner is not
  the recipient). The POST goes through Django's CSRF protection like every form. Tampered or
  unknown tokens: 400; genuine but expired: 410 (the POST of an expired link is audited).
  Pages carry ``Referrer-Policy: same-origin`` and ``Cache-Control: no-store`` (the URL is a key).
- ``/escalations/`` and ``/escalations/<id>/``: for logged-in users, their clients' only.
- ``/escalations/<id>/ack/`` (POST): acknowledge in the app; roles that work safety cases.
  Another client's escalation is a 404, a viewer's POST a 403 (tenancy.access helpers).
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from carewatch.audit.chain import append
from carewatch.escalation.actions import do_acknowledge_escalation
from carewatch.escalation.delivery import ack_label, display_recipient
from carewatch.escalation.links import LinkInvalid, read_token
from carewatch.escalation.models import LIVE_STATES, Escalation, EscalationState, Notification, Purpose
from carewatch.escalation.policy import policy_for
from carewatch.tenancy.access import access_object, role_for, visible_client_ids
from carewatch.tenancy.models import SAFETY_WORK_ROLES, User

log = logging.getLogger(__name__)
PAGE = 100


def _private(response: HttpResponse) -> HttpResponse:
    # same-origin, not no-referrer: the token never leaves for another site either way, and with
    # no-referrer browsers send "Origin: null" on the page's own form, which CSRF refuses (issue 13).
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _page(request: HttpRequest, template: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
    return _private(render(request, f"escalation/{template}", context, status=status))


def _invalid(request: HttpRequest) -> HttpResponse:
    return _page(request, "link_problem.html", {
        "title": "This link is not valid",
        "text": "The acknowledgement link is incomplete or has been changed. Open it again from the "
                "e-mail or message you received, or acknowledge in Carewatch after logging in.",
    }, status=400)


def _subject(n: Notification) -> dict[str, Any]:
    """What the page says is being acknowledged, and whether it still can be."""
    if n.purpose == Purpose.FORWARD and n.safety_case is not None:
        from carewatch.safety.models import SafetyStatus

        sc = n.safety_case
        return {"what": f"receipt of {sc.get_kind_display().lower()} {sc.reference}", "client": n.client.name,
                "done": sc.status == SafetyStatus.ACKNOWLEDGED, "done_by": sc.acknowledged_by,
                "done_at": sc.acknowledged_at,
                "live": sc.status in (SafetyStatus.FORWARDED, SafetyStatus.FOLLOW_UP_SENT)}
    escalation = n.escalation
    assert escalation is not None
    return {"what": f"{escalation.get_category_display().lower()} escalation {escalation.reference}",
            "client": n.client.name, "severity": escalation.severity, "due": escalation.due_at,
            "done": escalation.state == EscalationState.ACKNOWLEDGED, "done_by": escalation.acknowledged_by,
            "done_at": escalation.acknowledged_at, "live": escalation.state in LIVE_STATES}


@require_http_methods(["GET", "POST"])
def ack_link_view(request: HttpRequest, token: str) -> HttpResponse:
    try:
        claim = read_token(token)
    except LinkInvalid:
        return _invalid(request)
    n = (Notification.objects.select_related("client", "escalation", "safety_case__client")
         .filter(pk=claim.notification_id, ack_token_id=claim.token_id,
                 purpose__in=[Purpose.STEP, Purpose.FORWARD]).first())
    if n is None:
        return _invalid(request)
    hours = policy_for(n.client).ack_link_hours
    if claim.expired(timedelta(hours=hours)):
        if request.method == "POST":
            with transaction.atomic():
                append("escalation.ack_link_expired", actor_label=f"{ack_label(n)} (signed link)",
                       client_id=n.client_id, obj=n.escalation or n.safety_case or n,
                       data={"notification": n.pk, "purpose": n.purpose, "signed_at": claim.signed_at.isoformat()})
        return _page(request, "link_problem.html", {
            "title": "This link has expired",
            "text": f"Acknowledgement links work for {hours:g} hours. Acknowledge in Carewatch after logging "
                    "in, or ask the desk to send the notice again.",
        }, status=410)
    context = {"n": n, "token": token, "label": ack_label(n), **_subject(n)}
    if request.method == "GET" or not context["live"] or context["done"]:
        return _page(request, "ack_link.html", context)
    label = ack_label(n)
    try:
        if n.purpose == Purpose.FORWARD:
            from carewatch.safety.actions import do_acknowledge

            assert n.safety_case is not None
            do_acknowledge(n.safety_case, actor=None, actor_label=label, via="link")
        else:
            assert n.escalation is not None
            do_acknowledge_escalation(n.escalation, actor_label=label, via="link")
    except ValidationError as exc:
        return _page(request, "link_problem.html", {
            "title": "This cannot be acknowledged now", "text": " ".join(exc.messages)}, status=409)
    n.refresh_from_db()
    if n.safety_case is not None:
        n.safety_case.refresh_from_db()
    if n.escalation is not None:
        n.escalation.refresh_from_db()
    return _page(request, "ack_link.html", {"n": n, "token": token, "label": ack_label(n), "just_done": True,
                                          **_subject(n)})


@login_required
@require_GET
def escalation_list_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    state = request.GET.get("state", "live")
    qs = Escalation.objects.filter(client_id__in=visible_client_ids(user)).select_related("client", "safety_case")
    if state == "live":
        qs = qs.filter(state__in=LIVE_STATES)
    elif state in EscalationState.values:
        qs = qs.filter(state=state)
    else:
        state = "all"
    return render(request, "escalation/list.html", {"escalations": qs[:PAGE], "state": state,
                                                    "states": EscalationState.choices})


@login_required
@require_GET
def escalation_detail_view(request: HttpRequest, escalation_id: int) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    escalation = access_object(user, Escalation.objects.select_related("client", "safety_case"), escalation_id)
    notifications = [(n, display_recipient(n)) for n in escalation.notifications.order_by("step", "id")]
    can_ack = escalation.is_live and role_for(user, escalation.client_id) in SAFETY_WORK_ROLES
    return render(request, "escalation/detail.html", {"escalation": escalation, "notifications": notifications,
                                                      "can_ack": can_ack})


@login_required
@require_POST
def escalation_ack_view(request: HttpRequest, escalation_id: int) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    escalation = access_object(user, Escalation.objects.select_related("client"), escalation_id, SAFETY_WORK_ROLES)
    before = escalation.state
    escalation = do_acknowledge_escalation(escalation, actor=user, via="app")
    if before in LIVE_STATES:
        messages.success(request, f"{escalation.reference} acknowledged: no further steps will be sent.")
    else:
        messages.info(request, f"{escalation.reference} was already {escalation.get_state_display().lower()}.")
    return redirect("escalation:detail", escalation_id=escalation.pk)
