"""The approval gate: which replies wait for a reviewer, and who may approve them.

Rules come from the client's ``approval:`` policy: always; free text; an edited template; an
influencer or VIP author (``Author.flags``); case labels (triage labels and the case's tags; the tag
``require-approval``, e.g. from a routing rule, always holds a reply). Tiers: a label may need a supervisor
(``tiers: {adverse_event: supervisor}``); otherwise a reviewer, a supervisor or an admin approves.
Nobody approves their own reply.

Apps above this one add holds of their own through ``register_hold`` (crisis: during a declared
incident a reply on a crisis case waits for the incident's named approver — tier ``named``, with
the e-mail addresses of who may approve on the draft).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from carewatch.replies.policy import ReplyPolicy
from carewatch.tenancy.models import Role

APPROVER_ROLES: dict[str, frozenset[str]] = {
    "reviewer": frozenset({Role.REVIEWER, Role.SUPERVISOR, Role.ADMIN}),
    "supervisor": frozenset({Role.SUPERVISOR, Role.ADMIN}),
}
# Held for named people (``ReplyDraft.approver_emails``), whatever their role on the client.
NAMED = "named"
VIP_FLAGS = ("influencer", "vip")
# A case tagged so (by a person or a routing rule's "require approval" action) always waits.
REQUIRE_APPROVAL_TAG = "require-approval"


@dataclass(frozen=True)
class Decision:
    reasons: tuple[str, ...]
    tier: str  # "" when no approval is needed

    @property
    def needed(self) -> bool:
        return bool(self.reasons)


@dataclass(frozen=True)
class Hold:
    """A hold added by an app above this one: why, and who alone may approve (e-mail addresses)."""
    reason: str
    approvers: tuple[str, ...]


HoldRule = Callable[[Any], "Hold | None"]  # given the case
_hold_rules: list[HoldRule] = []


def register_hold(rule: HoldRule) -> None:
    """Called from an AppConfig.ready(); idempotent."""
    if rule not in _hold_rules:
        _hold_rules.append(rule)


def extra_holds(case: Any) -> list[Hold]:
    return [hold for rule in _hold_rules if (hold := rule(case)) is not None]


def decide(policy: ReplyPolicy, *, free_text: bool, edited: bool, labels: list[str],
           author_flags: dict[str, object], holds: list[Hold] | None = None) -> Decision:
    rules = policy.approval
    reasons: list[str] = []
    if rules.always:
        reasons.append("the client approves every reply")
    if free_text and rules.free_text:
        reasons.append("free text (no approved template)")
    if edited and rules.edited_template:
        reasons.append("an edited template")
    if rules.influencer_or_vip:
        flagged = [f for f in VIP_FLAGS if author_flags.get(f)]
        if flagged:
            who = " and ".join("an influencer" if f == "influencer" else "a VIP" for f in flagged)
            reasons.append(f"the author is {who}")
    if REQUIRE_APPROVAL_TAG in labels:
        reasons.append("the case is tagged require-approval")
    held = [label for label in labels if label in rules.labels]
    if held:
        reasons.append(f"the case is labelled {', '.join(held)}")
    if holds:
        return Decision(tuple(reasons + [h.reason for h in holds]), NAMED)
    if not reasons:
        return Decision((), "")
    tier = "supervisor" if any(rules.tiers.get(label) == "supervisor" for label in labels) else "reviewer"
    return Decision(tuple(reasons), tier)


def approver_list(holds: list[Hold]) -> str:
    """The named approvers as stored on the draft: ",a@x,b@y," (a substring query finds one)."""
    emails = sorted({e.strip().lower() for h in holds for e in h.approvers if e.strip()})
    return f",{','.join(emails)}," if emails else ""


def named_token(email: str) -> str:
    """How one person appears in ``approver_list``'s string (a substring test or query finds them)."""
    return f",{email.strip().lower()},"


def may_approve(role: str | None, tier: str, email: str = "", named: str = "") -> bool:
    if role is None:
        return False
    if tier == NAMED:
        return bool(email) and named_token(email) in named
    return role in APPROVER_ROLES.get(tier or "reviewer", frozenset())
