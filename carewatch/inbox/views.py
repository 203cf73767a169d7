"""The agent's inbox: thin views over queries and actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from carewatch.inbox import actions
from carewatch.inbox.models import Case, CaseStatus, Note, Priority, Tag
from carewatch.inbox.queries import ONLY_OPEN, QueueFilters, author_history, queue, thread_for
from carewatch.tenancy.access import access_object, role_for, visible_clients
from carewatch.tenancy.models import (
    CASE_WRITE_ROLES,
    NOTE_ROLES,
    Membership,
    Platform,
    Role,
    User,
)

# What other apps show on the case page, registered from their AppConfig.ready (the inbox does
# not import them): each gives extra template context for a case and the viewer's role.
CASE_PAGE_PANELS: list[Callable[[Case, str | None], dict[str, Any]]] = []


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _case(request: HttpRequest, case_id: int) -> Case:
    return access_object(
        _user(request), Case.objects.select_related("author", "client", "channel", "assignee"), case_id
    )


def _local_url(request: HttpRequest, value: str, default: str) -> str:
    """``value`` if it is a path on this site, else ``default``: "next" never leads off-site
    (also not by "/\\evil.example", which browsers read as "//evil.example")."""
    if value.startswith("/") and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return default


def _back(request: HttpRequest, case: Case) -> HttpResponse:
    target = _local_url(request, request.POST.get("next", ""), reverse("inbox:case", args=[case.pk]))
    if request.htmx:  # type: ignore[attr-defined]
        response = HttpResponse(status=204)
        response["HX-Redirect"] = target
        return response
    return HttpResponseRedirect(target)


@login_required
@require_GET
def queue_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    filters = QueueFilters.from_params(request.GET)
    page = queue(user, filters)
    context = {
        "page": page,
        "filters": filters,
        "clients": visible_clients(user),
        "platforms": Platform.choices,
        # "open" filters on every open status; the one status "open" has a value of its own
        "statuses": [(ONLY_OPEN if v == CaseStatus.OPEN else v, label) for v, label in CaseStatus.choices],
        "priorities": Priority.choices,
        "tags": Tag.objects.filter(client__in=visible_clients(user))
        .values_list("name", flat=True).distinct().order_by("name")[:200],
        "agents": _assignable(user),
        "params": urlencode(filters.as_params()),
        "next_params": urlencode(filters.as_params(after=page.next_cursor)) if page.next_cursor else "",
        "can_write": _writes_anywhere(user),
    }
    if request.htmx and request.GET.get("partial") == "rows":  # type: ignore[attr-defined]
        return render(request, "inbox/_rows.html", context)
    return render(request, "inbox/queue.html", context)


def _writes_anywhere(user: User) -> bool:
    if user.is_agency_admin:
        return True
    return Membership.objects.filter(user=user, role__in=CASE_WRITE_ROLES).exists()


def _assignable(user: User) -> list[User]:
    clients = visible_clients(user)
    ids = set(
        Membership.objects.filter(client__in=clients, role__in=[Role.AGENT, Role.SUPERVISOR])
        .values_list("user_id", flat=True)
    )
    return list(User.objects.filter(is_active=True).filter(id__in=ids).order_by("name", "email")[:200])


@login_required
@require_GET
def case_view(request: HttpRequest, case_id: int) -> HttpResponse:
    user = _user(request)
    case = _case(request, case_id)
    role = role_for(user, case.client_id)
    assignable = [
        u for u in User.objects.filter(memberships__client_id=case.client_id,
                                       memberships__role__in=[Role.AGENT, Role.SUPERVISOR]).order_by("name")
    ]
    if user.is_agency_admin and user not in assignable:
        assignable.append(user)
    context = {
        "case": case,
        "thread": thread_for(case),
        "history": author_history(case),
        "notes": Note.objects.filter(case=case).select_related("author"),
        "tags": list(case.tags.all()),
        "statuses": CaseStatus.choices,
        "priorities": Priority.choices,
        "assignable": assignable,
        "can_write": role in CASE_WRITE_ROLES,
        "can_note": role in NOTE_ROLES,
        "next_url": _local_url(request, request.GET.get("next", ""), ""),
    }
    for panel in CASE_PAGE_PANELS:  # e.g. safety's cases of this conversation
        context.update(panel(case, role))
    return render(request, "inbox/case.html", context)


def _write(request: HttpRequest, case_id: int) -> Case:
    case = _case(request, case_id)
    actions.ensure_can_write(_user(request), case)
    return case


def _handle(request: HttpRequest, case: Case, fn: object) -> HttpResponse:
    try:
        fn()  # type: ignore[operator]
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    return _back(request, case)


@login_required
@require_POST
def assign_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _write(request, case_id)
    user = _user(request)
    value = request.POST.get("assignee", "")
    if value == "me":
        assignee: User | None = user
    elif value in ("", "none"):
        assignee = None
    else:
        assignee = _assignee(value, {case.client_id})
    return _handle(request, case, lambda: actions.do_assign(user, case, assignee))


def _assignee(value: str, client_ids: set[int]) -> User:
    """The active user with this id who works for all these clients; anyone else is a 404, so
    ids cannot be tried to learn the names of another client's staff."""
    assignee = User.objects.filter(pk=int(value), is_active=True).first() if value.isdigit() else None
    if assignee is None or any(role_for(assignee, cid) is None for cid in client_ids):
        raise Http404("No such user")
    return assignee


@login_required
@require_POST
def status_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _write(request, case_id)
    status, reason = request.POST.get("status", ""), request.POST.get("reason", "")
    try:
        actions.do_set_status(_user(request), case, status, reason, confirmed=request.POST.get("confirmed") == "1")
    except actions.NeedsConfirmation as exc:
        # Ask first: the same change again, confirmed, or back to the case.
        return render(request, "inbox/confirm_status.html", {
            "case": case, "status": status, "reason": reason, "question": "; ".join(exc.messages),
            "held": actions.pending_replies(case),
            "next": _local_url(request, request.POST.get("next", ""), reverse("inbox:case", args=[case.pk])),
        })
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    return _back(request, case)


@login_required
@require_POST
def priority_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _write(request, case_id)
    value = request.POST.get("priority", "")
    return _handle(request, case, lambda: actions.do_set_priority(
        _user(request), case, int(value) if value.isdigit() else -1))


@login_required
@require_POST
def tag_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _write(request, case_id)
    return _handle(request, case, lambda: actions.do_tag(_user(request), case, request.POST.get("tag", "")))


@login_required
@require_POST
def untag_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _write(request, case_id)
    return _handle(request, case, lambda: actions.do_untag(_user(request), case, request.POST.get("tag", "")))


@login_required
@require_POST
def note_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case(request, case_id)
    if role_for(_user(request), case.client_id) not in NOTE_ROLES:
        raise PermissionDenied("Your role does not allow notes")
    return _handle(request, case, lambda: actions.do_add_note(_user(request), case, request.POST.get("body", "")))


@login_required
@require_POST
def bulk_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    ids = [int(v) for v in request.POST.getlist("case") if v.isdigit()][:500]
    if not ids:
        messages.error(request, "Select at least one case.")
        return HttpResponseRedirect(_local_url(request, request.POST.get("next", ""), reverse("inbox:queue")))
    cases = [access_object(user, Case.objects.all(), pk) for pk in ids]
    for case in cases:
        actions.ensure_can_write(user, case)
    operation = request.POST.get("operation", "")
    value: object = request.POST.get("value", "")
    if operation == "assign":
        value = user if value in ("me", "") else _assignee(str(value), {c.client_id for c in cases})
    elif operation == "priority":
        value = int(str(value)) if str(value).isdigit() else -1  # not a number: "unknown priority", not a 500
    try:
        count = actions.do_bulk(user, cases, operation, value)
        messages.success(request, f"{count} case(s) updated.")
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    return HttpResponseRedirect(_local_url(request, request.POST.get("next", ""), reverse("inbox:queue")))
