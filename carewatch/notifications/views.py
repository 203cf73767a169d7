"""The person's notifications and the approvals inbox: thin views over ``actions`` and queries."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from carewatch.notifications import actions
from carewatch.notifications.approvals import held_replies, may_approve_anything, templates_in_review
from carewatch.notifications.models import DeskNotification, DigestEvery, DigestPreference
from carewatch.tenancy.models import User

PAGE = 100


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@login_required
@require_GET
def list_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    items = list(DeskNotification.objects.filter(user=user).select_related("client")[:PAGE])
    preference = DigestPreference.objects.filter(user=user).first()
    every = preference.every if preference else DigestEvery.OFF
    return render(request, "notifications/list.html",
                  {"items": items, "digest_every": every, "digest_choices": DigestEvery.choices})


@login_required
@require_POST
def open_view(request: HttpRequest, notification_id: int) -> HttpResponse:
    user = _user(request)
    notification = DeskNotification.objects.filter(pk=notification_id, user=user).first()
    if notification is None:
        raise Http404("No such notification")
    actions.do_mark_read(user, notification)
    target = notification.url if notification.url.startswith("/") and not notification.url.startswith("//") else ""
    return HttpResponseRedirect(target or reverse("notifications:list"))


@login_required
@require_POST
def read_all_view(request: HttpRequest) -> HttpResponse:
    count = actions.do_mark_all_read(_user(request))
    messages.success(request, f"{count} notification(s) marked read.")
    return HttpResponseRedirect(reverse("notifications:list"))


@login_required
@require_POST
def digest_view(request: HttpRequest) -> HttpResponse:
    try:
        preference = actions.do_set_digest(_user(request), request.POST.get("every", ""))
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        messages.success(request, f"E-mail digest: {preference.get_every_display().lower()}.")
    return HttpResponseRedirect(reverse("notifications:list"))


@login_required
@require_GET
def approvals_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not may_approve_anything(user):
        raise PermissionDenied("only reviewers and supervisors approve")
    replies = list(held_replies(user).select_related("client", "author", "case").order_by("created_at")[:PAGE])
    versions = list(templates_in_review(user).select_related("template", "client", "author")
                    .order_by("submitted_at")[:PAGE])
    return render(request, "notifications/approvals.html", {"replies": replies, "versions": versions})
