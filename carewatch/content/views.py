"""The content calendar (month, week, list), the post page (variants with their lint findings,
versions, MLR approvals, publications, the first 24 hours of comments), the post form, the
24-hour watch and the 2253-style record. Thin views over ``content.actions``/``publishing``;
every object through the access helpers (another client's post is a 404, a viewer gets 403 on
every write)."""

from __future__ import annotations

import calendar as cal
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from carewatch.audit.chain import append
from carewatch.content import actions, publishing, record
from carewatch.content.models import Campaign, Post, PostStatus, PostVersion, Publication
from carewatch.content.policy import PUBLISHABLE, policy_for
from carewatch.content.queries import comments_in_first_hours, post_channels, watched_posts
from carewatch.content.signing import MEANING, signed_approvals
from carewatch.content.times import parse_local, to_local
from carewatch.tenancy.access import access_client, access_object, role_for, visible_clients
from carewatch.tenancy.models import Channel, Client, Product, User

VIEWS = ("month", "week", "list")
EARLIEST, LATEST = date(2000, 1, 1), date(2099, 12, 31)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _day(value: str | None) -> date | None:
    try:
        day = date.fromisoformat((value or "").strip()[:10])
    except ValueError:
        return None
    return day if EARLIEST <= day <= LATEST else None


def _post(request: HttpRequest, post_id: int, roles: frozenset[str] | None = None) -> Post:
    return access_object(_user(request), Post.objects.select_related("client", "campaign", "product", "current"),
                         post_id, roles)


def _to_post(post: Post) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("content:post", args=[post.pk]))


def _filtered(request: HttpRequest, user: User) -> tuple[QuerySet[Post], Client | None, dict[str, str]]:
    slug = request.GET.get("client", "").strip()[:100]
    client = access_client(user, slug) if slug else None
    posts = Post.objects.select_related("client", "campaign", "current")
    posts = posts.filter(client=client) if client else posts.filter(client__in=visible_clients(user))
    filters = {k: request.GET.get(k, "").strip()[:100] for k in ("client", "channel", "campaign", "status")}
    if filters["status"] in PostStatus.values:
        posts = posts.filter(status=filters["status"])
    if filters["campaign"]:
        posts = posts.filter(campaign__key=filters["campaign"])
    return posts, client, filters


def _channel_match(posts: list[Post], wanted: str) -> list[Post]:
    if not wanted:
        return posts
    channels = post_channels(posts)
    return [p for p in posts if any(wanted in (c.platform, str(c.pk)) for c in channels.get(p.pk, []))]


@login_required
@require_GET
@never_cache
def calendar_view(request: HttpRequest) -> HttpResponse:
    """Month, week or list of posts, filterable by client, channel, campaign and status. Times are
    shown in each post's client's zone."""
    user = _user(request)
    posts, client, filters = _filtered(request, user)
    view = request.GET.get("view", "month")
    view = view if view in VIEWS else "month"
    tz = client.tz if client else timezone.get_current_timezone()
    today = timezone.now().astimezone(tz).date()
    anchor = _day(request.GET.get("date")) or today
    if view == "month":
        first = anchor.replace(day=1)
        start = first - timedelta(days=first.weekday())
        last = first.replace(day=cal.monthrange(first.year, first.month)[1])
        end = last + timedelta(days=6 - last.weekday())
        prev_anchor, next_anchor = (first - timedelta(days=1)).replace(day=1), last + timedelta(days=1)
    elif view == "week":
        start = anchor - timedelta(days=anchor.weekday())
        end = start + timedelta(days=6)
        prev_anchor, next_anchor = start - timedelta(days=7), start + timedelta(days=7)
    else:
        start, end = anchor - timedelta(days=7), anchor + timedelta(days=35)
        prev_anchor, next_anchor = anchor - timedelta(days=42), anchor + timedelta(days=42)
    since = datetime.combine(start - timedelta(days=1), datetime.min.time(), tz)
    until = datetime.combine(end + timedelta(days=2), datetime.min.time(), tz)
    rows = _channel_match(list(posts.filter(planned_at__gte=since, planned_at__lt=until)
                               .order_by("planned_at", "id")), filters["channel"])
    unplanned = [] if view != "list" else _channel_match(list(posts.filter(planned_at__isnull=True)
                                                               .order_by("-updated_at")[:50]), filters["channel"])
    channels = post_channels(rows + unplanned)
    movable = {c.pk for c in visible_clients(user) if role_for(user, c.pk) in actions.CONTENT_WRITE_ROLES}
    items = []
    for post in rows:
        assert post.planned_at is not None
        local = to_local(post.planned_at, post.client.timezone)
        # Formatted here: the template's date filter would show the server's zone, not the client's.
        items.append({"post": post, "time": local.strftime("%H:%M"), "when": local.strftime("%a %d %b %Y %H:%M %Z"),
                      "day": local.date(), "channels": channels.get(post.pk, []),
                      "movable": post.client_id in movable and post.status in actions.MOVABLE})
    days = []
    day = start
    while day <= end:
        days.append({"date": day, "items": [i for i in items if i["day"] == day], "other": day.month != anchor.month
                     and view == "month", "today": day == today})
        day += timedelta(days=1)
    weeks = [days[i:i + 7] for i in range(0, len(days), 7)]
    query = urlencode({k: v for k, v in filters.items() if v})
    campaigns = Campaign.objects.filter(client__in=[client] if client else visible_clients(user)).order_by("key")
    return render(request, "content/calendar.html", {
        "view": view, "views": VIEWS, "weeks": weeks, "days": days, "items": items, "unplanned": unplanned,
        "unplanned_channels": channels, "anchor": anchor, "prev": prev_anchor, "next": next_anchor,
        "filters": filters, "query": query, "clients": visible_clients(user).order_by("name"),
        "statuses": PostStatus.choices, "platforms": PUBLISHABLE, "campaigns": campaigns, "client": client,
        "can_write": bool(movable), "title": anchor.strftime("%B %Y") if view == "month" else
        f"{start:%d %b} to {end:%d %b %Y}",
    })


# ------------------------------------------------------------------ the post form
def _form_values(request: HttpRequest, client: Client) -> dict[str, Any]:
    variants = {p: request.POST.get(f"text_{p}", "") for p in PUBLISHABLE}
    ids = [int(v) for v in request.POST.getlist("channels") if v.isdigit()]
    media = []
    for line in request.POST.get("media", "").splitlines():
        parts = line.strip().split(maxsplit=1)
        if not parts:
            continue
        if len(parts) == 2 and parts[0] in ("image", "video"):
            media.append({"url": parts[1].strip(), "kind": parts[0]})
        else:
            media.append({"url": parts[-1].strip(), "kind": "video" if parts[-1].lower().endswith(
                (".mp4", ".mov")) else "image"})
    links = [line.strip() for line in request.POST.get("links", "").splitlines() if line.strip()]
    return {"variants": variants, "channel_ids": ids, "media": media, "links": links}


def _writable_clients(user: User) -> list[Client]:
    return [c for c in visible_clients(user).order_by("name") if role_for(user, c.pk) in actions.CONTENT_WRITE_ROLES]


@login_required
@require_GET
@never_cache
def new_view(request: HttpRequest) -> HttpResponse:
    return _new_page(request)


def _new_page(request: HttpRequest, kept: dict[str, Any] | None = None) -> HttpResponse:
    """The new-post form; ``kept`` is what a refused one said, shown again in its fields (a post's
    texts for five platforms are not to be typed twice because one channel was left unticked)."""
    user = _user(request)
    clients = _writable_clients(user)
    kept = kept or {"promotional": True}
    return render(request, "content/post_form.html", {
        "clients": clients, "platforms": PUBLISHABLE, "kept": kept, "channel_ids": kept.get("channel_ids", set()),
        "version": {"variants": kept["variants"]} if kept.get("variants") else None,
        "media_text": kept.get("media", ""), "links_text": kept.get("links", ""),
        "channels": Channel.objects.filter(client__in=clients, platform__in=PUBLISHABLE, is_active=True)
        .select_related("client").order_by("client__name", "platform"),
        "campaigns": Campaign.objects.filter(client__in=clients).select_related("client").order_by("key"),
        "products": Product.objects.filter(client__in=clients).select_related("client").order_by("name"),
    })


def _campaign(client: Client, value: str) -> Campaign | None:
    if not value:
        return None
    found = Campaign.objects.filter(client=client, pk=int(value) if value.isdigit() else -1).first()
    if found is None:
        raise ValidationError("no such campaign")
    return found


def _product(client: Client, value: str) -> Product | None:
    if not value:
        return None
    found = Product.objects.filter(client=client, pk=int(value) if value.isdigit() else -1).first()
    if found is None:
        raise ValidationError("no such product")
    return found


@login_required
@require_POST
def create_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    client = access_client(user, request.POST.get("client", "").strip()[:100] or "-", actions.CONTENT_WRITE_ROLES)
    try:
        values = _form_values(request, client)
        planned = request.POST.get("planned", "").strip()
        post = actions.do_create_post(
            user, client, request.POST.get("title", ""), values["variants"], values["channel_ids"],
            planned_local=parse_local(planned) if planned else None,
            campaign=_campaign(client, request.POST.get("campaign", "")),
            product=_product(client, request.POST.get("product", "")), media=values["media"], links=values["links"],
            promotional=request.POST.get("promotional") == "on", second=request.POST.get("second") == "on")
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
        post_data = request.POST
        return _new_page(request, {
            **{name: post_data.get(name, "") for name in ("client", "title", "campaign", "product", "planned",
                                                           "media", "links")},
            **{name: post_data.get(name) == "on" for name in ("promotional", "second", "submit")},
            "variants": {p: post_data.get(f"text_{p}", "") for p in PUBLISHABLE},
            "channel_ids": {int(v) for v in post_data.getlist("channels") if v.isdigit()},
        })
    if request.POST.get("submit") == "on":
        try:
            actions.do_submit(user, post)
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
    messages.success(request, "Post saved.")
    return _to_post(post)


@login_required
@require_POST
def campaign_view(request: HttpRequest) -> HttpResponse:
    """Create (or rename) a campaign of a client."""
    user = _user(request)
    client = access_client(user, request.POST.get("client", "").strip()[:100] or "-", actions.CONTENT_WRITE_ROLES)
    try:
        campaign = actions.do_save_campaign(
            user, client, request.POST.get("key", ""), request.POST.get("name", ""),
            product=_product(client, request.POST.get("product", "")),
            starts_on=_day(request.POST.get("starts")), ends_on=_day(request.POST.get("ends")))
        messages.success(request, f"Campaign {campaign.name} saved.")
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    return HttpResponseRedirect(reverse("content:new"))


@login_required
@require_GET
@never_cache
def post_view(request: HttpRequest, post_id: int) -> HttpResponse:
    user = _user(request)
    post = _post(request, post_id)
    version = post.current
    channels = post_channels([post]).get(post.pk, [])
    variants = []
    if version is not None:
        for platform, text in sorted(version.variants.items()):
            findings = version.lint.get(platform, [])
            variants.append({"platform": platform, "text": text, "findings": findings,
                             "blocked": any(f["blocking"] for f in findings)})
    given = actions.approvals_of(post)
    required = post.disciplines or list(policy_for(post.client).approvals)
    signed = signed_approvals(post)
    signed_by_id = {s.approval.pk: s for s in signed}
    role = role_for(user, post.client_id)
    writer = role in actions.CONTENT_WRITE_ROLES
    local = to_local(post.planned_at, post.client.timezone) if post.planned_at else None
    return render(request, "content/post.html", {
        "post": post, "version": version, "variants": variants, "channels": channels,
        "approvals": [{"discipline": d, "approval": given.get(d),
                       "signed": signed_by_id.get(given[d].pk) if d in given else None} for d in required],
        "can_approve": actions.may_approve_for(user, post) if version else [],
        "history": signed, "meaning": MEANING.label,
        "versions": PostVersion.objects.filter(post=post).order_by("-number"),
        "publications": Publication.objects.filter(post=post).select_related("channel").order_by("id"),
        "comments": comments_in_first_hours(post), "writer": writer,
        "reviewer": role in actions.CONTENT_APPROVER_ROLES, "local": local,
        "planned_value": local.strftime("%Y-%m-%dT%H:%M") if local else "", "platforms": PUBLISHABLE,
        "planned_text": local.strftime("%a %d %b %Y %H:%M %Z") if local else "",
        "all_channels": Channel.objects.filter(client=post.client, platform__in=PUBLISHABLE, is_active=True),
        "channel_ids": set(version.channel_ids) if version else set(),
        "media_text": "\n".join(f"{m['kind']} {m['url']}" for m in version.media) if version else "",
        "links_text": "\n".join(version.links) if version else "",
        "editable": writer and post.status in actions.EDITABLE,
        "movable": writer and post.status in actions.MOVABLE,
    })


@login_required
@require_POST
def edit_view(request: HttpRequest, post_id: int) -> HttpResponse:
    user = _user(request)
    post = _post(request, post_id, actions.CONTENT_WRITE_ROLES)
    try:
        values = _form_values(request, post.client)
        before = post.current_id
        post = actions.do_edit_post(user, post, values["variants"], values["channel_ids"], media=values["media"],
                                    links=values["links"])
        if post.current_id == before:
            messages.info(request, "Nothing changed.")
        elif post.status == PostStatus.IN_REVIEW:
            messages.warning(request, "Saved as a new version: it goes through review again.")
        else:
            messages.success(request, "Saved as a new version.")
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    return _to_post(post)


@login_required
@require_POST
def act_view(request: HttpRequest, post_id: int) -> HttpResponse:
    """submit · schedule · unschedule · retry (writers); changes (reviewers)."""
    user = _user(request)
    op = request.POST.get("op", "")
    roles = actions.CONTENT_APPROVER_ROLES if op == "changes" else actions.CONTENT_WRITE_ROLES
    post = _post(request, post_id, roles)
    try:
        if op == "submit":
            actions.do_submit(user, post)
            messages.success(request, "Sent to review.")
        elif op == "schedule":
            actions.do_schedule(user, post)
            messages.success(request, "Scheduled.")
        elif op == "unschedule":
            actions.do_unschedule(user, post)
            messages.success(request, "Taken off the schedule.")
        elif op == "retry":
            with transaction.atomic():
                publishing.do_retry(user, post)
            messages.success(request, "Publishing again where it failed.")
        elif op == "changes":
            actions.do_request_changes(user, post, request.POST.get("reason", ""))
            messages.success(request, "Sent back to the author.")
        else:
            raise ValidationError("unknown operation")
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    return _to_post(post)


@login_required
@require_POST
def approve_view(request: HttpRequest, post_id: int) -> HttpResponse:
    user = _user(request)
    post = _post(request, post_id, actions.CONTENT_APPROVER_ROLES)
    try:
        # An approval is an electronic signature: re-authentication at the moment of signing.
        actions.do_approve_signed(user, post, request.POST.get("discipline", ""), request.POST.get("hash", ""),
                                  request.POST.get("signature", ""))
        messages.success(request, "Approved and signed.")
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    return _to_post(post)


@login_required
@require_POST
def reschedule_view(request: HttpRequest, post_id: int) -> HttpResponse:
    """From the post page's form or the calendar's drag and drop (``fetch`` with the CSRF header,
    answered in JSON). Only the time moves: the approvals stay."""
    user = _user(request)
    post = _post(request, post_id, actions.CONTENT_WRITE_ROLES)
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    try:
        post = actions.do_reschedule(user, post, parse_local(request.POST.get("planned", "")),
                                     second=request.POST.get("second") == "on")
    except ValidationError as exc:
        if wants_json:
            return JsonResponse({"ok": False, "error": "; ".join(exc.messages)}, status=422)
        messages.error(request, "; ".join(exc.messages))
        return _to_post(post)
    if wants_json:
        assert post.planned_at is not None
        return JsonResponse({"ok": True, "planned_at": post.planned_at.isoformat(), "status": post.status})
    messages.success(request, "Moved. The approvals stay: only the time changed.")
    return _to_post(post)


@login_required
@require_POST
def resolve_view(request: HttpRequest, publication_id: int) -> HttpResponse:
    """A person looked at the account: the post whose publication is unknown is there (its id) or not."""
    user = _user(request)
    pub = access_object(user, Publication.objects.select_related("post"), publication_id,
                        actions.CONTENT_WRITE_ROLES)
    try:
        with transaction.atomic():
            publishing.do_resolve_unknown(user, pub, request.POST.get("published") == "yes",
                                          request.POST.get("external_id", ""))
        messages.success(request, "Recorded.")
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    return _to_post(pub.post)


# ------------------------------------------------------------------ watch and record
@login_required
@require_GET
@never_cache
def watch_view(request: HttpRequest) -> HttpResponse:
    """Posts first published in the last 24 hours, each with its comments so far."""
    user = _user(request)
    slug = request.GET.get("client", "").strip()[:100]
    ids = [access_client(user, slug).pk] if slug else [c.pk for c in visible_clients(user)]
    posts = watched_posts(ids, timezone.now())
    for entry in posts:
        entry["recent"] = comments_in_first_hours(entry["post"])[:20]
    return render(request, "content/watch.html", {"posts": posts})


def _record(request: HttpRequest) -> tuple[Client, date, date, list[record.Line]]:
    user = _user(request)
    slug = request.GET.get("client", "").strip()[:100]
    if not slug:
        first = visible_clients(user).order_by("name", "id").first()
        if first is None:
            raise Http404("No client")
        slug = first.slug
    client = access_client(user, slug)
    today = timezone.now().astimezone(client.tz).date()
    end = _day(request.GET.get("end")) or today
    start = _day(request.GET.get("start")) or end.replace(day=1)
    start, end = (start, end) if start <= end else (end, start)
    return client, start, end, record.lines(client, start, end)


def _audit_export(user: User, client: Client, fmt: str, start: date, end: date, rows: int) -> None:
    with transaction.atomic():
        append("content.record.export", actor=user, client_id=client.pk, obj=client,
               data={"format": fmt, "start": start.isoformat(), "end": end.isoformat(), "rows": rows})


@login_required
@require_GET
@never_cache
def record_view(request: HttpRequest) -> HttpResponse:
    client, start, end, rows = _record(request)
    user = _user(request)
    return render(request, "content/record.html", {
        "client": client, "start": start, "end": end, "rows": [(r, r.cells(client.tz)) for r in rows],
        "clients": visible_clients(user).order_by("name"),
        "query": f"client={client.slug}&start={start.isoformat()}&end={end.isoformat()}"})


def _download(body: str | bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
@never_cache
def record_csv_view(request: HttpRequest) -> HttpResponse:
    client, start, end, rows = _record(request)
    _audit_export(_user(request), client, "csv", start, end, len(rows))
    return _download(record.as_csv(client, rows), "text/csv; charset=utf-8",
                     f"carewatch-2253-{client.slug}-{start}-{end}.csv")


@login_required
@require_GET
@never_cache
def record_pdf_view(request: HttpRequest) -> HttpResponse:
    client, start, end, rows = _record(request)
    user = _user(request)
    _audit_export(user, client, "pdf", start, end, len(rows))
    return _download(record.as_pdf(client, rows, start, end, user.email), "application/pdf",
                     f"carewatch-2253-{client.slug}-{start}-{end}.pdf")



