"""Settings pages: a client's SLA policy, escalation protocols, on-call rotations and channels.

List and detail pages with an edit form; each form writes through ``configuration.actions``.
Policy blocks are edited as YAML, exactly as they stand in a config file. For a client's
supervisors and the agency's admins: another client's page is a 404, any other role a 403.
"""

from __future__ import annotations

from typing import Any

import yaml
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from carewatch.configuration import actions
from carewatch.configuration.actions import SETTINGS_ROLES
from carewatch.escalation.models import DEFAULT_SEVERITY, Category
from carewatch.lib.editpage import edit_page, saved_message
from carewatch.tenancy.access import access_client, access_object, role_for, visible_clients
from carewatch.tenancy.models import Channel, Client, Sponsorship, User

SLA_EXAMPLE = "first_response_minutes: 120\nwarn_at: 0.75\ncalendar: business\n"
PROTOCOL_EXAMPLE = ("severity: {severity}\nhours: 24x7\nsteps:\n"
                    "  - {{notify: [\"role:supervisor\"], wait_ack_minutes: 60}}\n")
ROTATION_EXAMPLE = "handoff: mon 09:00\npeople: [someone@agency.test]\n"


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _yaml(block: Any) -> str:
    if block in (None, {}, []):
        return ""
    return yaml.safe_dump(block, sort_keys=False, allow_unicode=True, default_flow_style=False)


def _parse(text: str, label: str) -> Any:
    try:
        return yaml.safe_load(text or "") if (text or "").strip() else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise ValidationError(f"{label}: not valid YAML{where}") from None


@login_required
@require_GET
def index_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    clients = [c for c in visible_clients(user) if role_for(user, c.id) in SETTINGS_ROLES]
    if not clients:
        raise PermissionDenied("Settings are for supervisors and admins")
    return render(request, "configuration/index.html", {"clients": clients})


# ------------------------------------------------------------------ SLA and three-touch
@login_required
@require_http_methods(["GET", "POST"])
def sla_view(request: HttpRequest, slug: str) -> HttpResponse:
    from carewatch.sla.policy import sla_policy_for, touch_policy_for

    client = access_client(_user(request), slug, SETTINGS_ROLES)
    settings = client.settings or {}
    form = {"sla": _yaml(settings.get("sla")), "three_touch": _yaml(settings.get("three_touch"))}
    if request.method == "POST":
        form = {"sla": request.POST.get("sla", ""), "three_touch": request.POST.get("three_touch", "")}

    def save() -> str:
        changed = actions.do_save_sla(_user(request), client, _parse(form["sla"], "sla"),
                                      _parse(form["three_touch"], "three_touch"))
        return saved_message(changed, "SLA policy")

    def context() -> dict[str, Any]:
        policy = sla_policy_for(client)
        rows = [("Every case", policy.terms("", 2).as_dict())]
        rows += [(f"Platform {name}", policy.terms(name, 2).as_dict()) for name in sorted(policy.platforms)]
        rows += [(f"Priority {number}", policy.terms("", number).as_dict()) for number in sorted(policy.priorities)]
        return {"client": client, "form": form, "rows": rows, "touch": touch_policy_for(client),
                "example": SLA_EXAMPLE}

    return edit_page(request, "configuration/sla.html", save, reverse("configuration:sla", args=[client.slug]),
                     context)


# ------------------------------------------------------------------ escalation protocols
def _protocol_specs(client: Client) -> dict[str, dict[str, Any]]:
    blocks = (client.settings or {}).get("escalation") or []
    return {str(b.get("category")): b for b in blocks if isinstance(b, dict)} if isinstance(blocks, list) else {}


@login_required
@require_GET
def protocols_view(request: HttpRequest, slug: str) -> HttpResponse:
    from carewatch.escalation.policy import policy_for

    client = access_client(_user(request), slug, SETTINGS_ROLES)
    policy = policy_for(client)
    rows = [{"category": value, "label": label, "protocol": policy.protocols.get(value)}
            for value, label in Category.choices]
    return render(request, "configuration/protocols.html", {"client": client, "rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def protocol_view(request: HttpRequest, slug: str, category: str) -> HttpResponse:
    from carewatch.escalation.policy import policy_for

    client = access_client(_user(request), slug, SETTINGS_ROLES)
    if category not in Category.values:
        raise Http404("No such escalation category")
    spec = {k: v for k, v in (_protocol_specs(client).get(category) or {}).items() if k != "category"}
    text = request.POST.get("protocol", "") if request.method == "POST" else _yaml(spec)
    label = Category(category).label

    def save() -> str:
        changed = actions.do_save_protocol(_user(request), client, category, _parse(text, "protocol"))
        return saved_message(changed, f"Escalation protocol {label}")

    def context() -> dict[str, Any]:
        return {"client": client, "category": category, "label": label, "text": text,
                "protocol": policy_for(client).protocols.get(category),
                "example": PROTOCOL_EXAMPLE.format(severity=DEFAULT_SEVERITY[category])}

    return edit_page(request, "configuration/protocol.html", save,
                     reverse("configuration:protocols", args=[client.slug]), context)


# ------------------------------------------------------------------ on-call rotations
@login_required
@require_GET
def rotations_view(request: HttpRequest, slug: str) -> HttpResponse:
    from carewatch.escalation.oncall import on_call
    from carewatch.escalation.policy import policy_for

    client = access_client(_user(request), slug, SETTINGS_ROLES)
    new = request.GET.get("new", "").strip().lower()
    if new:
        if not new.replace("-", "").replace("_", "").isalnum() or len(new) > 60:
            messages.error(request, "A rotation's name: letters, digits, dashes or underscores.")
        else:
            return HttpResponseRedirect(reverse("configuration:rotation", args=[client.slug, new]))
    now = timezone.now()
    rows = [{"name": name, "rotation": rotation, "now": on_call(rotation, now)}
            for name, rotation in sorted(policy_for(client).rotations.items())]
    return render(request, "configuration/rotations.html", {"client": client, "rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def rotation_view(request: HttpRequest, slug: str, rotation: str) -> HttpResponse:
    from carewatch.escalation.oncall import on_call
    from carewatch.escalation.policy import policy_for

    client = access_client(_user(request), slug, SETTINGS_ROLES)
    spec = ((client.settings or {}).get("oncall") or {}).get(rotation)
    text = request.POST.get("rotation", "") if request.method == "POST" else _yaml(spec)

    def save() -> str:
        changed = actions.do_save_rotation(_user(request), client, rotation, _parse(text, "rotation"))
        return saved_message(changed, f"On-call rotation {rotation}")

    def context() -> dict[str, Any]:
        parsed = policy_for(client).rotations.get(rotation)
        return {"client": client, "name": rotation, "text": text, "exists": spec is not None,
                "now": on_call(parsed, timezone.now()) if parsed else "", "example": ROTATION_EXAMPLE}

    return edit_page(request, "configuration/rotation.html", save,
                     reverse("configuration:rotations", args=[client.slug]), context)


# ------------------------------------------------------------------ channels
@login_required
@require_GET
def channels_view(request: HttpRequest, slug: str) -> HttpResponse:
    client = access_client(_user(request), slug, SETTINGS_ROLES)
    channels = Channel.objects.filter(client=client).order_by("platform", "handle")
    return render(request, "configuration/channels.html", {"client": client, "channels": channels})


@login_required
@require_http_methods(["GET", "POST"])
def channel_view(request: HttpRequest, slug: str, channel_id: int) -> HttpResponse:
    user = _user(request)
    client = access_client(user, slug, SETTINGS_ROLES)
    channel = access_object(user, Channel.objects.filter(client=client), channel_id, SETTINGS_ROLES)
    shown = actions.channel_view(channel)
    form = {"external_id": shown["external_id"], "sponsorship": shown["sponsorship"],
            "settings": _yaml(shown["settings"])}
    if request.method == "POST":
        form = {k: request.POST.get(k, "") for k in ("external_id", "sponsorship", "settings")}

    def save() -> str:
        data = {"external_id": form["external_id"], "sponsorship": form["sponsorship"],
                "settings": _parse(form["settings"], "settings")}
        return saved_message(actions.do_save_channel(user, channel, data), f"Channel {channel}")

    def context() -> dict[str, Any]:
        return {"client": client, "channel": channel, "secrets": shown["secrets"], "form": form,
                "sponsorships": Sponsorship.choices}

    # a supervisor may edit the channel but not re-point it: that refusal shows on the form (403)
    return edit_page(request, "configuration/channel.html", save,
                     reverse("configuration:channels", args=[client.slug]), context, forbidden_inline=True)
