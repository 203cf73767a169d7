"""Reviewers' decisions on triage flags: permission check, the decision, its audit event.

A reviewer confirms or dismisses each label triage raised on a mention. The decision is labelled
data for ``carewatch triage train --client SLUG`` and evidence of human review, nothing else: it
never changes ``Mention.labels`` or the case's label tags, never detaches the mention from its
safety case and never dismisses or closes a safety case. Ending a safety case is the qualified
safety reviewer's own action (``carewatch.safety.actions.do_dismiss``), because automation and
a flag review must not suppress a safety item.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from carewatch.audit.chain import append
from carewatch.inbox.models import Mention
from carewatch.tenancy.access import require_role
from carewatch.tenancy.models import CASE_WRITE_ROLES, Role, User
from carewatch.triage import registry
from carewatch.triage.models import ReviewDecision
from carewatch.triage.result import SAFETY_LABELS

# Who may confirm or dismiss a flag: those who work cases, and the safety reviewer.
REVIEW_ROLES = frozenset(CASE_WRITE_ROLES | {Role.SAFETY})
MIN_DISMISS_REASON = 10  # a reason a reviewer (and an auditor) would accept, not "ok"
MAX_REASON = 1000
CONFIRM, DISMISS = "confirm", "dismiss"
DECISIONS = (CONFIRM, DISMISS)


def flagged_labels(mention: Mention) -> list[str]:
    """The labels triage raised on the mention: the flags a reviewer can confirm or dismiss."""
    return [str(label) for label in (mention.labels or [])]


def do_review_flag(actor: User, mention: Mention, label: str, decision: str, reason: str = "") -> ReviewDecision:
    """Record ``actor``'s ``decision`` ("confirm" or "dismiss") on the flag ``label`` of ``mention``.

    Dismissing a safety label (adverse event, serious, special situation, product complaint,
    urgent) needs a reason of at least ``MIN_DISMISS_REASON`` characters. Deciding again replaces
    the earlier decision; the audit trail keeps every one."""
    require_role(actor, mention.client_id, REVIEW_ROLES)
    if decision not in DECISIONS:
        raise ValidationError(f"unknown decision {decision!r}: confirm or dismiss")
    if label not in flagged_labels(mention):
        raise ValidationError(f"this message has no {label!r} flag to review")
    reason = " ".join(reason.split())
    if len(reason) > MAX_REASON:
        raise ValidationError(f"a reason is at most {MAX_REASON} characters")
    confirmed = decision == CONFIRM
    safety = label in SAFETY_LABELS
    if not confirmed and safety and len(reason) < MIN_DISMISS_REASON:
        raise ValidationError(f"dismissing the {label.replace('_', ' ')} flag needs a reason of at least "
                              f"{MIN_DISMISS_REASON} characters")
    with transaction.atomic():
        before = ReviewDecision.objects.select_for_update().filter(mention=mention, label=label).first()
        if before is not None and before.confirmed == confirmed and before.reason == reason:
            return before
        row = registry.record_decision(mention, label, confirmed, actor, reason)
        data: dict[str, Any] = {
            "label": label, "decision": decision, "reason": reason,
            "before": None if before is None else (CONFIRM if before.confirmed else DISMISS),
            "score": row.score, "safety_label": safety,
            "versions": {k: v for k, v in row.detector_versions.items() if k in (label, "ae_model")},
        }
        append(f"triage.flag_{decision}", actor=actor, client_id=mention.client_id, obj=mention, data=data)
    return row


def decisions_for(mention_ids: list[int]) -> dict[tuple[int, str], ReviewDecision]:
    """The current decisions on these mentions, by (mention id, label)."""
    rows = ReviewDecision.objects.filter(mention_id__in=mention_ids).select_related("decided_by")
    return {(row.mention_id, row.label): row for row in rows}
