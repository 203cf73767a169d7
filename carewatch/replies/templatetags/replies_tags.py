"""``{% load replies_tags %}{% composer case %}``: the reply composer on the case page."""

from __future__ import annotations

from typing import Any

from django import template

from carewatch.replies import gate, library
from carewatch.replies.models import ReplyDraft, ReplyStatus
from carewatch.replies.policy import policy_for
from carewatch.tenancy.access import role_for
from carewatch.tenancy.models import CASE_WRITE_ROLES, User

register = template.Library()


@register.inclusion_tag("replies/composer.html", takes_context=True)
def composer(context: Any, case: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if not isinstance(user, User):
        return {"show": False}
    role = role_for(user, case.client_id)
    can_write = role in CASE_WRITE_ROLES
    policy = policy_for(case.client)
    drafts = list(ReplyDraft.objects.filter(case=case).select_related(
        "author", "approver", "template_version__template", "outbound").order_by("-created_at", "-id")[:20])
    rows = [{
        "draft": d,
        "can_decide": (d.status == ReplyStatus.PENDING_APPROVAL and d.author_id != user.pk
                       and gate.may_approve(role, d.required_tier or "reviewer", user.email,
                                        d.approver_emails)),
        "outbound": d.outbound.status if d.outbound else "",
        "error": d.failure_reason or (d.outbound.error if d.outbound else ""),
    } for d in drafts]
    return {
        "show": True,
        "case": case,
        "can_write": can_write,
        "suggestions": library.suggest(case, user) if can_write else [],
        "rows": rows,
        "free_text": policy.free_text,
        "max_ratio": policy.max_edit_ratio,
        "csrf_token": context.get("csrf_token"),
        "csp_nonce": context.get("csp_nonce"),
    }
