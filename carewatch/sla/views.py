"""Recording a three-touch follow-up made outside the desk (POST; agents, supervisors, admins).

Another client's case is a 404, a read-only role's POST a 403, anonymous users go to log in.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from carewatch.inbox.models import Case
from carewatch.sla.actions import do_record_touch
from carewatch.tenancy.access import access_object
from carewatch.tenancy.models import CASE_WRITE_ROLES, User


@login_required
@require_POST
def record_touch_view(request: HttpRequest, case_id: int) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    case = access_object(user, Case.objects.select_related("client"), case_id, CASE_WRITE_ROLES)
    try:
        sequence = do_record_touch(user, case)
        messages.success(request, f"Touch {sequence.touches} recorded.")
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    return HttpResponseRedirect(reverse("inbox:case", args=[case.pk]))
