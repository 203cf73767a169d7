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


def refused_key(case_id: int) -> str:
    """Where the session keeps a reply the server refused, until the case page shows it again."""
    return f"replies:refused:{case_id}"


def _refused(request: Any, case_id: int) -> dict[str, str]:
    """The reply the server refused on this case (shown once), or nothing."""
    session = getattr(request, "session", None)
    return (session.pop(refused_key(case_id), None) if session is not None else None) or {}


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
        "kept": _refused(request, case.pk) if can_write else {},
        "rows": rows,
        "free_text": policy.free_text,
        "max_ratio": policy.max_edit_ratio,
        "csrf_token": context.get("csrf_token"),
        "csp_nonce": context.get("csp_nonce"),
    }
