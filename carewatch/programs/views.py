"""Program pages: the influencer roster, post checks and correction tasks, the UGC rights library,
giveaways. Reads for every role of the client; writes through the actions (403 for a read-only
role, 404 for another client's object or client)."""

from __future__ import annotations

import zoneinfo
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Model, Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from carewatch.inbox.models import Mention
from carewatch.programs import actions
from carewatch.programs.exports import rights_csv
from carewatch.programs.models import (
    EntryMethod,
    Giveaway,
    Influencer,
    MaterialConnection,
    PostCheck,
    ProgramTask,
    RightsRequest,
    RightsStatus,
    TaskStatus,
)
from carewatch.tenancy.access import access_client, access_object, visible_client_ids, visible_clients
from carewatch.tenancy.models import Client, User


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _scope[T: Model](request: HttpRequest, qs: QuerySet[T]) -> tuple[QuerySet[T], Client | None]:
    """The user's clients' rows, or one client's when ``?client=`` names it (404 if not theirs)."""
    user = _user(request)
    slug = request.GET.get("client", "").strip()
    if slug:
        client = access_client(user, slug)
        return qs.filter(client=client), client
    return qs.filter(client_id__in=visible_client_ids(user)), None


def _back(request: HttpRequest, default: str) -> HttpResponseRedirect:
    return HttpResponseRedirect(default)


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.replace("\n", ",").split(",") if v.strip()]


# ------------------------------------------------------------------ roster and checks
@login_required
@require_GET
def roster_view(request: HttpRequest) -> HttpResponse:
    qs, client = _scope(request, Influencer.objects.all())
    influencers = (qs.select_related("client", "owner").prefetch_related("handles")
                   .annotate(checked=Count("checks"), failing=Count("checks", filter=Q(checks__verdict="fail")),
                             open_tasks=Count("tasks", filter=Q(tasks__status=TaskStatus.OPEN), distinct=True)))
    return render(request, "programs/roster.html", {
        "influencers": influencers, "client": client, "clients": visible_clients(_user(request)),
        "connections": MaterialConnection.choices, "here": "programs:roster"})


@login_required
@require_GET
def influencer_view(request: HttpRequest, influencer_id: int) -> HttpResponse:
    inf = access_object(_user(request), Influencer.objects.select_related("client", "owner"), influencer_id)
    return render(request, "programs/influencer.html", {
        "inf": inf, "handles": inf.handles.all(), "checks": inf.checks.select_related("mention")[:100],
        "tasks": inf.tasks.select_related("assignee")[:50], "here": "programs:roster"})


@login_required
@require_POST
def influencer_save_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    client = access_client(user, request.POST.get("client", ""))
    handles: dict[str, list[str]] = {}
    for item in _csv(request.POST.get("handles", "")):
        platform, _, handle = item.partition(":")
        handles.setdefault(platform.strip().lower(), []).append(handle.strip())
    spec = {"name": request.POST.get("name", ""), "handles": handles,
            "contract_start": request.POST.get("contract_start") or None,
            "contract_end": request.POST.get("contract_end") or None,
            "material_connection": request.POST.get("material_connection") or "paid",
            "required_tokens": _csv(request.POST.get("required_tokens", "")),
            "products": _csv(request.POST.get("products", "")), "owner": request.POST.get("owner", "")}
    try:
        inf = actions.do_save_influencer(user, client, spec)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
        return _back(request, reverse("programs:roster") + f"?client={client.slug}")
    messages.success(request, f"{inf.name} saved to {client.name}'s roster.")
    return HttpResponseRedirect(reverse("programs:influencer", args=[inf.pk]))


@login_required
@require_GET
def checks_view(request: HttpRequest) -> HttpResponse:
    qs, client = _scope(request, PostCheck.objects.all())
    verdict = request.GET.get("verdict", "")
    if verdict:
        qs = qs.filter(verdict=verdict)
    tasks, _ = _scope(request, ProgramTask.objects.filter(status=TaskStatus.OPEN))
    return render(request, "programs/checks.html", {
        "checks": qs.select_related("influencer", "client")[:200], "tasks": tasks.select_related("influencer",
                                                                                                 "assignee")[:100],
        "client": client, "verdict": verdict, "here": "programs:checks"})


@login_required
@require_POST
def task_close_view(request: HttpRequest, task_id: int) -> HttpResponse:
    user = _user(request)
    task = access_object(user, ProgramTask.objects.all(), task_id)
    actions.do_close_task(user, task, request.POST.get("reason", "").strip() or "correction requested")
    messages.success(request, "Task closed.")
    return _back(request, reverse("programs:checks"))


@login_required
@require_POST
def recheck_view(request: HttpRequest, mention_id: int) -> HttpResponse:
    user = _user(request)
    mention = access_object(user, Mention.objects.select_related("author", "client"), mention_id)
    try:
        check = actions.do_recheck(user, mention)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
        return _back(request, reverse("programs:checks"))
    messages.success(request, f"Checked again: {check.get_verdict_display()}.")
    return HttpResponseRedirect(reverse("programs:influencer", args=[check.influencer_id]))


# ------------------------------------------------------------------ UGC rights
@login_required
@require_GET
def rights_view(request: HttpRequest) -> HttpResponse:
    qs, client = _scope(request, RightsRequest.objects.all())
    status = request.GET.get("status", "")
    if status:
        qs = qs.filter(status=status)
    return render(request, "programs/rights.html", {
        "rights": qs.select_related("client")[:300], "client": client, "status": status,
        "statuses": RightsStatus.choices, "here": "programs:rights"})


@login_required
@require_GET
def rights_export_view(request: HttpRequest) -> HttpResponse:
    qs, client = _scope(request, RightsRequest.objects.all())
    response = HttpResponse(rights_csv(qs.order_by("requested_at", "id")), content_type="text/csv; charset=utf-8")
    name = f"ugc-rights-{client.slug if client else 'all'}-{timezone.now():%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def rights_request_view(request: HttpRequest, mention_id: int) -> HttpResponse:
    user = _user(request)
    mention = access_object(user, Mention.objects.select_related("author", "client"), mention_id)
    try:
        req = actions.do_request_rights(user, mention)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
        return _back(request, reverse("programs:rights"))
    messages.success(request, f"Rights requested from @{req.author_handle}: post the request text below.")
    return HttpResponseRedirect(reverse("programs:rights") + f"?client={mention.client.slug}")


@login_required
@require_POST
def rights_act_view(request: HttpRequest, rights_id: int) -> HttpResponse:
    user = _user(request)
    req = access_object(user, RightsRequest.objects.all(), rights_id)
    op = request.POST.get("op", "")
    try:
        if op == "use":
            actions.do_record_use(user, req, request.POST.get("where", ""))
        elif op == "revoke":
            actions.do_revoke_rights(user, req, request.POST.get("reason", ""))
        elif op == "decline":
            actions.do_record_decline(user, req, request.POST.get("reason", ""))
        else:
            raise ValidationError(f"unknown operation {op!r}")
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    return _back(request, reverse("programs:rights"))


# ------------------------------------------------------------------ giveaways
@login_required
@require_GET
def giveaways_view(request: HttpRequest) -> HttpResponse:
    qs, client = _scope(request, Giveaway.objects.all())
    return render(request, "programs/giveaways.html", {
        "giveaways": qs.select_related("client").annotate(entry_count=Count("entries"))[:100], "client": client,
        "clients": visible_clients(_user(request)), "methods": EntryMethod.choices, "here": "programs:giveaways"})


@login_required
@require_GET
def giveaway_view(request: HttpRequest, giveaway_id: int) -> HttpResponse:
    g = access_object(_user(request), Giveaway.objects.select_related("client"), giveaway_id)
    return render(request, "programs/giveaway.html", {
        "g": g, "entries": g.entries.all()[:500], "open": timezone.now() < g.ends_at, "here": "programs:giveaways"})


def _when(value: str, tz: zoneinfo.ZoneInfo, label: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ValidationError(f"{label}: {value!r} is not a date and time") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=tz)


@login_required
@require_POST
def giveaway_new_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    client = access_client(user, request.POST.get("client", ""))
    p = request.POST
    try:
        posts: list[dict[str, Any]] = []
        for ident in _csv(p.get("post_mentions", "")):
            m = access_object(user, Mention.objects.filter(client=client), ident)
            posts.append({"channel_id": m.channel_id, "thread_key": m.thread_key})
        try:
            value = Decimal(p.get("prize_value") or "0")
        except InvalidOperation:
            raise ValidationError("prize value must be a number") from None
        spec = {
            "name": p.get("name", "").strip(), "rules_url": p.get("rules_url", "").strip(),
            "starts_at": _when(p.get("starts_at", ""), client.tz, "start"),
            "ends_at": _when(p.get("ends_at", ""), client.tz, "end"), "platforms": _csv(p.get("platforms", "")),
            "posts": posts, "entry_method": p.get("entry_method", "comment"), "hashtag": p.get("hashtag", "").strip(),
            "min_age": int(p.get("min_age") or 18), "countries": _csv(p.get("countries", "")),
            "winners_count": int(p.get("winners_count") or 1), "alternates_count": int(p.get("alternates_count") or 0),
            "prize": p.get("prize", "").strip(), "prize_value": value, "announcement": p.get("announcement", ""),
        }
        g = actions.do_define_giveaway(user, client, spec)
    except (ValidationError, ValueError) as exc:
        messages.error(request, "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc))
        return _back(request, reverse("programs:giveaways") + f"?client={client.slug}")
    messages.success(request, f"Giveaway {g.reference} defined.")
    return HttpResponseRedirect(reverse("programs:giveaway", args=[g.pk]))


@login_required
@require_POST
def giveaway_act_view(request: HttpRequest, giveaway_id: int) -> HttpResponse:
    user = _user(request)
    g = access_object(user, Giveaway.objects.all(), giveaway_id)
    op = request.POST.get("op", "")
    try:
        if op == "collect":
            counts = actions.do_collect_entries(user, g)
            messages.success(request, f"Entries: {counts['eligible']} eligible, {counts['duplicate']} duplicate, "
                                      f"{counts['ineligible']} ineligible.")
        elif op == "notify":
            actions.do_notify_winners(user, g)
            messages.success(request, "Winners notified.")
        elif op == "forfeit":
            actions.do_forfeit_winner(user, g, request.POST.get("handle", ""), request.POST.get("reason", ""))
            messages.success(request, "Forfeited; the next alternate is notified.")
        elif op == "draw":
            g = actions.do_draw(user, g)
            messages.success(request, "Drawn: " + ", ".join("@" + w["handle"] for w in g.winners))
        else:
            raise ValidationError(f"unknown operation {op!r}")
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    return HttpResponseRedirect(reverse("programs:giveaway", args=[g.pk]))
