"""Outbound webhook pages, for supervisors and agency admins: the endpoints of their clients, one
endpoint with its delivery log, add (the secret is shown once), enable/disable, replay."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from carewatch.hooks_out import actions
from carewatch.hooks_out.models import EVENT_TYPES, Delivery, Endpoint
from carewatch.tenancy.access import access_client, access_object, role_for, visible_clients
from carewatch.tenancy.models import User


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _managed(user: User) -> list[int]:
    return [c.pk for c in visible_clients(user) if role_for(user, c.pk) in actions.MANAGE_ROLES]


@login_required
@require_GET
def list_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    ids = _managed(user)
    if not ids:
        raise PermissionDenied("Only supervisors and admins manage webhooks")
    endpoints = Endpoint.objects.filter(client_id__in=ids).select_related("client")
    clients = [c for c in visible_clients(user) if c.pk in ids]
    return render(request, "hooks_out/list.html", {"endpoints": endpoints, "clients": clients,
                                                   "event_types": EVENT_TYPES})


@login_required
@require_POST
def create_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    client = access_client(user, request.POST.get("client", ""), actions.MANAGE_ROLES)
    try:
        endpoint, secret = actions.do_create_endpoint(
            user, client, request.POST.get("url", ""), description=request.POST.get("description", ""),
            events=request.POST.getlist("events"), allow_phi=request.POST.get("allow_phi") == "1")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("hooks_out:list")
    # Shown once, on the endpoint's page: kept in the (server-side) session until then, never in a cookie.
    request.session[f"hooks_out:secret:{endpoint.pk}"] = secret
    return redirect("hooks_out:endpoint", endpoint_id=endpoint.pk)


@login_required
@require_GET
def endpoint_view(request: HttpRequest, endpoint_id: int) -> HttpResponse:
    user = _user(request)
    endpoint = access_object(user, Endpoint.objects.select_related("client"), endpoint_id, actions.MANAGE_ROLES)
    deliveries = Delivery.objects.filter(endpoint=endpoint)[:100]
    secret = request.session.pop(f"hooks_out:secret:{endpoint.pk}", None)
    response = render(request, "hooks_out/endpoint.html", {"endpoint": endpoint, "deliveries": deliveries,
                                                            "secret": secret})
    response["Cache-Control"] = "no-store"
    return response


def _set(request: HttpRequest, endpoint_id: int, active: bool) -> HttpResponse:
    user = _user(request)
    endpoint = access_object(user, Endpoint.objects.all(), endpoint_id, actions.MANAGE_ROLES)
    actions.do_set_active(user, endpoint, active)
    return redirect("hooks_out:endpoint", endpoint_id=endpoint.pk)


@login_required
@require_POST
def enable_view(request: HttpRequest, endpoint_id: int) -> HttpResponse:
    return _set(request, endpoint_id, True)


@login_required
@require_POST
def disable_view(request: HttpRequest, endpoint_id: int) -> HttpResponse:
    return _set(request, endpoint_id, False)


@login_required
@require_POST
def replay_view(request: HttpRequest, delivery_id: int) -> HttpResponse:
    user = _user(request)
    delivery = access_object(user, Delivery.objects.select_related("endpoint"), delivery_id, actions.MANAGE_ROLES)
    try:
        actions.do_replay(user, delivery)
        messages.success(request, f"{delivery.message_id} queued again.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("hooks_out:endpoint", endpoint_id=delivery.endpoint_id)
