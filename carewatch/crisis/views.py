"""Crisis pages: the alerts and incidents list, an alert with its evidence, an incident (live
volume chart, top posts, timeline, roles, checklist, pinned holding statements, crisis queue),
and the stand-down summary PDF. Every object is loaded through the tenancy access helpers: another
client's alert or incident is a 404, a viewer's POST a 403."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from carewatch.crisis import actions
from carewatch.crisis.config import ROLE_NAMES, params_for, playbooks_for
from carewatch.crisis.models import Alert, AlertState, Incident
from carewatch.crisis.summary import crisis_cases, summary_pdf, svg_chart, timeline, volume_series
from carewatch.tenancy.access import access_client, access_object, role_for, visible_client_ids
from carewatch.tenancy.models import Membership, User

PAGE = 100


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _fail(request: HttpRequest, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


def _decided(request: HttpRequest, change: Callable[[], object], said: str, page: str, **args: int) -> HttpResponse:
    """The shape of a decision's POST: make the ``change`` (an action), flash ``said`` (if any)
    or the refusal, and go back to the ``page``."""
    try:
        change()
    except ValidationError as exc:
        _fail(request, exc)
    else:
        if said:
            messages.success(request, said)
    return HttpResponseRedirect(reverse(page, kwargs=args))


def _alert(request: HttpRequest, alert_id: int, roles: frozenset[str]) -> tuple[User, Alert]:
    user = _user(request)
    return user, access_object(user, Alert.objects.select_related("client", "escalation"), alert_id, roles)


def _incident(request: HttpRequest, incident_id: int, roles: frozenset[str]) -> tuple[User, Incident]:
    user = _user(request)
    return user, access_object(user, Incident.objects.select_related("client"), incident_id, roles)


@login_required
@require_GET
def home_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    ids = visible_client_ids(user)
    state = request.GET.get("state", "open")
    alerts = Alert.objects.filter(client_id__in=ids).select_related("client")
    if state in AlertState.values:
        alerts = alerts.filter(state=state)
    else:
        state = "all"
    incidents = Incident.objects.filter(client_id__in=ids).select_related("client")[:PAGE]
    clients = [c for c in user_clients(user) if role_for(user, c.pk) in actions.DECIDE_ROLES]
    books = {c.pk: playbooks_for(c) for c in clients}
    return render(request, "crisis/home.html", {
        "alerts": alerts[:PAGE], "incidents": incidents, "state": state, "states": AlertState.choices,
        "declare_clients": clients, "playbooks": next(iter(books.values()), {}) if books else {},
    })


def user_clients(user: User) -> list[Any]:
    from carewatch.tenancy.access import visible_clients

    return list(visible_clients(user))


def _posts(client_id: int, ids: list[int], limit: int = 20) -> list[Any]:
    from carewatch.inbox.models import Mention

    return list(Mention.objects.filter(client_id=client_id, pk__in=ids[-limit:]).select_related("author")
                .order_by("-created_at"))


def _series_svg(values: list[int], end: Any, window_minutes: int) -> str:
    """The alert's series, one bar per window, the last one ending when the threshold was crossed."""
    step = timedelta(minutes=window_minutes or 15)
    return svg_chart([(end - (len(values) - i) * step, v, 0) for i, v in enumerate(values)], width=360,
                     height=80) if values else ""


@login_required
@require_GET
def alert_view(request: HttpRequest, alert_id: int) -> HttpResponse:
    user = _user(request)
    alert = access_object(user, Alert.objects.select_related("client", "escalation", "incident"), alert_id)
    role = role_for(user, alert.client_id)
    evidence = alert.evidence or {}
    return render(request, "crisis/alert.html", {
        "alert": alert, "evidence": evidence, "posts": _posts(alert.client_id, list(evidence.get("posts", []))),
        # Our own SVG: numbers and times only, nothing a user wrote.
        "chart": mark_safe(_series_svg(list(evidence.get("series", [])), alert.crossed_at,
                                       int(evidence.get("window_minutes") or 15))),
        "can_ack": alert.state == AlertState.OPEN and role in actions.ACK_ROLES,
        "can_decide": alert.state in (AlertState.OPEN, AlertState.ACKNOWLEDGED) and role in actions.DECIDE_ROLES,
        "playbooks": playbooks_for(alert.client),
    })


@login_required
@require_POST
def alert_acknowledge_view(request: HttpRequest, alert_id: int) -> HttpResponse:
    user, alert = _alert(request, alert_id, actions.ACK_ROLES)
    return _decided(request, lambda: actions.do_acknowledge_alert(user, alert), f"{alert.reference} acknowledged.",
                    "crisis:alert", alert_id=alert.pk)


@login_required
@require_POST
def alert_dismiss_view(request: HttpRequest, alert_id: int) -> HttpResponse:
    user, alert = _alert(request, alert_id, actions.DECIDE_ROLES)
    return _decided(request, lambda: actions.do_dismiss_alert(user, alert, request.POST.get("reason", "")),
                    f"{alert.reference} dismissed.", "crisis:alert", alert_id=alert.pk)


@login_required
@require_POST
def alert_promote_view(request: HttpRequest, alert_id: int) -> HttpResponse:
    user, alert = _alert(request, alert_id, actions.DECIDE_ROLES)
    try:
        incident = actions.do_promote_alert(user, alert, request.POST.get("playbook", ""),
                                            request.POST.get("title", ""))
    except ValidationError as exc:
        _fail(request, exc)
        return redirect("crisis:alert", alert_id=alert.pk)
    messages.success(request, f"{incident.reference} declared from {alert.reference}.")
    return redirect("crisis:incident", incident_id=incident.pk)


@login_required
@require_POST
def declare_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    client = access_client(user, request.POST.get("client", ""), actions.DECIDE_ROLES)
    terms = [t.strip() for t in request.POST.get("terms", "").split(",") if t.strip()]
    try:
        incident = actions.do_declare_incident(user, client, request.POST.get("playbook", ""),
                                               request.POST.get("title", ""), match={"terms": terms})
    except ValidationError as exc:
        _fail(request, exc)
        return redirect("crisis:home")
    return redirect("crisis:incident", incident_id=incident.pk)


def _holding_statements(incident: Incident) -> list[Any]:
    from carewatch.replies.library import active_versions

    book = playbooks_for(incident.client).get(incident.playbook)
    versions = active_versions(incident.client, ["holding_statement"])
    named = [v for v in versions if book and v.template.key in book.holding_statements]
    return named or versions


def _chart(incident: Incident) -> str:
    end = incident.stood_down_at or timezone.now()
    span = max(timedelta(hours=6), min(timedelta(days=3), end - incident.declared_at + timedelta(hours=2)))
    return svg_chart(volume_series(incident.client_id, end, span))


@login_required
@require_GET
def incident_view(request: HttpRequest, incident_id: int) -> HttpResponse:
    user = _user(request)
    incident = access_object(user, Incident.objects.select_related("client", "declared_by"), incident_id)
    role = role_for(user, incident.client_id)
    book = playbooks_for(incident.client).get(incident.playbook)
    cases = list(crisis_cases(incident).select_related("author").order_by("-last_activity_at")[:50])
    from carewatch.inbox.models import Direction, Mention

    top = list(Mention.objects.filter(case__in=[c.pk for c in cases], direction=Direction.INBOUND)
               .select_related("author").order_by("-created_at")[:10])
    staff = list(Membership.objects.filter(client=incident.client).exclude(role="viewer")
                 .select_related("user").order_by("user__email"))
    checklist = [(item, text, incident.checklist.get(item)) for item, text in (book.items() if book else [])]
    return render(request, "crisis/incident.html", {
        "incident": incident, "book": book, "chart": mark_safe(_chart(incident)),
        "cases": cases, "top": top, "timeline": timeline(incident), "checklist": checklist,
        "roles": [(key, ROLE_NAMES[key], incident.roles.get(key, "")) for key in ROLE_NAMES],
        "staff": staff, "holding": _holding_statements(incident), "crisis_tag": params_for(incident.client).crisis_tag,
        "can_decide": incident.is_active and role in actions.DECIDE_ROLES,
        "can_check": incident.is_active and role in actions.CHECK_ROLES,
    })


@login_required
@require_GET
def incident_chart_view(request: HttpRequest, incident_id: int) -> HttpResponse:
    """The chart alone, for the page's self-refresh (htmx, every 30 s)."""
    incident = access_object(_user(request), Incident.objects.select_related("client"), incident_id)
    return HttpResponse(_chart(incident), content_type="text/html; charset=utf-8")


@login_required
@require_POST
def incident_roles_view(request: HttpRequest, incident_id: int) -> HttpResponse:
    user, incident = _incident(request, incident_id, actions.DECIDE_ROLES)
    roles = {k: request.POST.get(k, "") for k in ROLE_NAMES if k in request.POST}
    return _decided(request, lambda: actions.do_set_roles(user, incident, roles), "", "crisis:incident",
                    incident_id=incident.pk)


@login_required
@require_POST
def incident_check_view(request: HttpRequest, incident_id: int) -> HttpResponse:
    user, incident = _incident(request, incident_id, actions.CHECK_ROLES)
    item, done = request.POST.get("item", ""), request.POST.get("done") == "1"
    return _decided(request, lambda: actions.do_check_item(user, incident, item, done), "", "crisis:incident",
                    incident_id=incident.pk)


@login_required
@require_POST
def incident_stand_down_view(request: HttpRequest, incident_id: int) -> HttpResponse:
    user, incident = _incident(request, incident_id, actions.DECIDE_ROLES)
    return _decided(request, lambda: actions.do_stand_down(user, incident, request.POST.get("note", "")),
                    f"{incident.reference} stood down; the summary is kept with it.", "crisis:incident",
                    incident_id=incident.pk)


@login_required
@require_GET
def incident_pdf_view(request: HttpRequest, incident_id: int) -> HttpResponse:
    incident = access_object(_user(request), Incident.objects.select_related("client"), incident_id)
    if not incident.summary:
        return HttpResponse("The summary exists once the incident is stood down.", status=404,
                            content_type="text/plain")
    response = HttpResponse(summary_pdf(incident), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{incident.reference}-summary.pdf"'
    return response
