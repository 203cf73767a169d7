"""Reviewers confirm or dismiss a triage flag from the inbox: a thin view over ``triage.actions``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from carewatch.inbox.models import Mention
from carewatch.tenancy.access import access_object
from carewatch.tenancy.models import User
from carewatch.triage import actions
from carewatch.triage.result import SAFETY_LABELS


def _local_url(request: HttpRequest, value: str, default: str) -> str:
    """``value`` if it is a path on this site, else ``default``: "next" never leads off-site."""
    if value.startswith("/") and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return default


@login_required
@require_http_methods(["GET", "POST"])
def review_view(request: HttpRequest) -> HttpResponse:
    """GET (a bookmarked or reloaded form address): back to the case named by ``mention``, or to the
    inbox — never a bare 405.

    POST mention=<id>, label=<label>, decision=confirm|dismiss, reason=<text>, next=<local path>.

    Another client's mention is a 404, a role that may not review flags a 403. The decision is
    training data and review evidence only: the mention keeps its labels and its safety case."""
    user = request.user
    assert isinstance(user, User)
    if request.method == "GET":
        wanted = request.GET.get("mention", "")
        if wanted.isdigit():
            mention = access_object(user, Mention.objects.all(), wanted)
            if mention.case_id:
                return HttpResponseRedirect(reverse("inbox:case", args=[mention.case_id]))
        return HttpResponseRedirect(reverse("inbox:queue"))
    mention_id = request.POST.get("mention", "")
    if not mention_id.isdigit():
        raise Http404("no such mention")
    mention = access_object(user, Mention.objects.all(), mention_id, actions.REVIEW_ROLES)
    default = reverse("inbox:case", args=[mention.case_id]) if mention.case_id else reverse("inbox:queue")
    target = _local_url(request, request.POST.get("next", ""), default)
    label = request.POST.get("label", "")
    decision = request.POST.get("decision", "")
    try:
        actions.do_review_flag(user, mention, label, decision, request.POST.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        word = "confirmed" if decision == actions.CONFIRM else "dismissed"
        note = (" The safety case stays open until a safety reviewer dismisses it."
                if decision == actions.DISMISS and label in SAFETY_LABELS else "")
        messages.success(request, f"Flag {label.replace('_', ' ')} {word}: recorded as review evidence and "
                                  f"training data.{note}")
    if getattr(request, "htmx", False):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = target
        return response
    return HttpResponseRedirect(target)
