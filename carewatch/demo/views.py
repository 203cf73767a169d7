"""The demo mailbox page: what the desk "sent" by e-mail, for admins (each mail's links work:
an acknowledgement link acknowledges, as it would from a real inbox)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from carewatch.demo.models import DemoMail
from carewatch.tenancy.models import User

PAGE = 100


@login_required
@require_GET
def mailbox_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    if not user.is_agency_admin:
        raise PermissionDenied("the demo mailbox is for admins")
    mails = list(DemoMail.objects.all()[:PAGE])
    selected = None
    wanted = request.GET.get("mail", "")
    if wanted.isdigit():
        selected = DemoMail.objects.filter(pk=int(wanted)).first()
    return render(request, "demo/mailbox.html", {"mails": mails, "selected": selected or (mails[0] if mails else None)})
