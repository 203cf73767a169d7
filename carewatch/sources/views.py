"""Channel health for the people who look after the connections."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from carewatch.sources.health import all_health
from carewatch.tenancy.access import visible_client_ids
from carewatch.tenancy.models import Channel, User


@login_required
@require_GET
def channels_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    channels = list(
        Channel.objects.filter(client_id__in=visible_client_ids(user), is_active=True)
        .select_related("client").order_by("client__name", "platform", "handle")
    )
    health = all_health(channels)
    problems = sum(1 for h in health if h.status != "ok")
    return render(request, "sources/channels.html", {"health": health, "problems": problems})
