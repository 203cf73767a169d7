"""What waits for one reviewer's or supervisor's decision: replies held for approval at a tier
their role may approve, and template versions in review they did not write nor approve yet."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from carewatch.replies.gate import named_token
from carewatch.replies.models import ReplyDraft, ReplyStatus, TemplateVersion, VersionStatus
from carewatch.tenancy.models import Membership, Role, User

REPLY_TIERS = {"reviewer": frozenset({Role.REVIEWER, Role.SUPERVISOR, Role.ADMIN}),
               "supervisor": frozenset({Role.SUPERVISOR, Role.ADMIN})}
TEMPLATE_APPROVER_ROLES = frozenset({Role.REVIEWER, Role.SUPERVISOR})


def _clients_by_role(user: User) -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    for client_id, role in Membership.objects.filter(user=user).values_list("client_id", "role"):
        out.setdefault(role, set()).add(client_id)
    return out


def held_replies(user: User) -> QuerySet[ReplyDraft]:
    base = ReplyDraft.objects.filter(status=ReplyStatus.PENDING_APPROVAL).exclude(author=user)
    if user.is_agency_admin:
        return base
    roles = _clients_by_role(user)
    query = Q(pk__in=[])
    for tier, allowed in REPLY_TIERS.items():
        clients = set().union(*(roles.get(r, set()) for r in allowed))
        if clients:
            tier_q = Q(required_tier=tier) | (Q(required_tier="") if tier == "reviewer" else Q(pk__in=[]))
            query |= Q(client_id__in=clients) & tier_q
    named = set().union(*roles.values()) if roles else set()
    if named and user.email:  # held for the people an incident names (crisis), whatever their role
        query |= Q(client_id__in=named, required_tier="named",
                   approver_emails__icontains=named_token(user.email))
    return base.filter(query)


def templates_in_review(user: User) -> QuerySet[TemplateVersion]:
    roles = _clients_by_role(user)
    clients = set().union(*(roles.get(r, set()) for r in TEMPLATE_APPROVER_ROLES))
    return (TemplateVersion.objects.filter(status=VersionStatus.IN_REVIEW, client_id__in=clients)
            .exclude(author=user).exclude(approvals__reviewer=user))


def may_approve_anything(user: User) -> bool:
    if user.is_agency_admin:
        return True
    if Membership.objects.filter(user=user, role__in=[Role.REVIEWER, Role.SUPERVISOR]).exists():
        return True
    # an incident may name anyone its approver (crisis): they see what waits for them
    return bool(user.email) and ReplyDraft.objects.filter(
        status=ReplyStatus.PENDING_APPROVAL, required_tier="named",
        approver_emails__icontains=named_token(user.email)).exists()


def waiting_count(user: User) -> int:
    if not may_approve_anything(user):
        return 0
    return held_replies(user).count() + templates_in_review(user).count()
