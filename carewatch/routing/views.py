"""Routing rules in the desk: a client's list, a rule's form with a dry-run preview.

For a client's supervisors and the agency's admins. Another client's rule or client is a 404,
any other role of the client a 403 (tenancy.access helpers); anonymous users go to log in.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from carewatch.lib.editpage import edit_page
from carewatch.routing.actions import RULE_ROLES, do_save_rule
from carewatch.routing.engine import preview
from carewatch.routing.models import RoutingRule
from carewatch.routing.rules import RuleError, check_actions, check_conditions
from carewatch.tenancy.access import access_client, access_object, role_for, visible_clients
from carewatch.tenancy.models import Client, User

DEFAULT_DAYS = 7


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@login_required
@require_GET
def index_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    clients = [c for c in visible_clients(user) if role_for(user, c.id) in RULE_ROLES]
    if not clients:
        raise PermissionDenied("Routing rules are for supervisors and admins")
    return render(request, "routing/index.html", {"clients": clients})


@login_required
@require_GET
def rules_view(request: HttpRequest, slug: str) -> HttpResponse:
    client = access_client(_user(request), slug, RULE_ROLES)
    rules = [
        {"rule": r, "conditions": json.dumps(r.conditions, ensure_ascii=False),
         "actions": json.dumps(r.actions, ensure_ascii=False)}
        for r in RoutingRule.objects.filter(client=client).order_by("order", "pk")
    ]
    return render(request, "routing/rules.html", {"client": client, "rules": rules})


def _json(text: str, label: str) -> Any:
    try:
        return json.loads(text or "{}")
    except json.JSONDecodeError as exc:
        raise ValidationError(f"{label}: not valid JSON ({exc.msg}, line {exc.lineno})") from None


def _form_data(request: HttpRequest) -> dict[str, Any]:
    order = request.POST.get("order", "100").strip()
    return {
        "name": request.POST.get("name", "").strip(),
        "order": int(order) if order.lstrip("-").isdigit() else order,
        "conditions": _json(request.POST.get("conditions", ""), "conditions"),
        "actions": _json(request.POST.get("actions", ""), "actions"),
        "stop": request.POST.get("stop") == "on",
        "enabled": request.POST.get("enabled") == "on",
    }


def _form(request: HttpRequest, client: Client, rule: RoutingRule | None) -> HttpResponse:
    user = _user(request)
    days = request.POST.get("days") or request.GET.get("days") or str(DEFAULT_DAYS)
    days_n = int(days) if days.isdigit() else DEFAULT_DAYS
    context: dict[str, Any] = {
        "client": client, "rule": rule, "days": days_n,
        "form": {
            "name": rule.name if rule else "", "order": rule.order if rule else 100,
            "conditions": json.dumps(rule.conditions if rule else {}, indent=2),
            "actions": json.dumps(rule.actions if rule else {"set_priority": "high"}, indent=2),
            "stop": rule.stop if rule else True, "enabled": rule.enabled if rule else True,
        },
    }
    if request.method == "POST":
        context["form"] = {k: request.POST.get(k, "") for k in ("name", "order", "conditions", "actions")}
        context["form"].update(stop=request.POST.get("stop") == "on", enabled=request.POST.get("enabled") == "on")

    def save() -> str | None:
        data = _form_data(request)
        if request.POST.get("do") != "preview":
            return f"Rule {do_save_rule(user, client, rule, data).name!r} saved."
        try:
            conditions, actions = check_conditions(data["conditions"]), check_actions(data["actions"])
        except RuleError as exc:
            raise ValidationError(str(exc)) from None
        context["preview"] = preview(client, conditions, actions, days_n)
        return None

    return edit_page(request, "routing/rule.html", save, reverse("routing:rules", args=[client.slug]),
                     lambda: context)


@login_required
@require_http_methods(["GET", "POST"])
def new_rule_view(request: HttpRequest, slug: str) -> HttpResponse:
    client = access_client(_user(request), slug, RULE_ROLES)
    return _form(request, client, None)


@login_required
@require_http_methods(["GET", "POST"])
def rule_view(request: HttpRequest, slug: str, rule_id: int) -> HttpResponse:
    user = _user(request)
    client = access_client(user, slug, RULE_ROLES)
    rule = access_object(user, RoutingRule.objects.filter(client=client), rule_id, RULE_ROLES)
    return _form(request, client, rule)
