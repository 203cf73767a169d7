"""Every change to an escalation: the check, the change and its audit event in one transaction.
The hooks, the views, the sweeper and the tasks call these; nothing else writes escalation rows.

- ``start_escalation``: opens a client's protocol for one category about one safety case or inbox
  case (none if the client has no protocol for it, or one is already open) and activates step 1.
- ``advance``: the sweeper's move when a step's wait for an acknowledgement runs out.
- ``do_acknowledge_escalation``: by the signed link (``actor_label`` is the recipient) or by a
  user in the app (roles that work safety cases); cancels the steps not yet sent.
- ``stop_for_safety_case``: the safety case was acknowledged by PV, dismissed or closed.
- ``queue_forward_notices``: the forward notice to PV, each with its signed acknowledgement link.
- ``sweep``: the periodic sweep (every minute, any number of workers; see ``tasks``).

Recipients of a step are resolved when the step is activated (who is on call *then*). Protocol
changes apply to running escalations from their next step on.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from carewatch.audit.chain import append, audit_last
from carewatch.escalation.delivery import STUCK_AFTER, send_notifications, shown
from carewatch.escalation.links import new_token_id
from carewatch.escalation.models import (
    DEFAULT_SEVERITY,
    LIVE_STATES,
    Category,
    Escalation,
    EscalationState,
    Notification,
    NotificationState,
    Purpose,
    Route,
    Severity,
)
from carewatch.escalation.oncall import on_call
from carewatch.escalation.policy import EscalationPolicy, Protocol, is_webhook, policy_for
from carewatch.tenancy.access import require_role
from carewatch.tenancy.calendar import client_calendar, next_open
from carewatch.tenancy.models import SAFETY_WORK_ROLES, Client, Membership, Role, User

log = logging.getLogger(__name__)

DEFAULT_WARNING = timedelta(hours=2)
WARNING_SHARE = 0.25  # or a quarter of the forward window, when that is shorter
SWEEP_LIMIT = 500


@dataclass(frozen=True)
class Resolved:
    route: str
    recipient: str
    target: str  # how the protocol named it


def _role_emails(client: Client, role: str) -> list[str]:
    users = User.objects.filter(is_active=True)
    if role == "admin":
        return list(users.filter(is_agency_admin=True).order_by("email").values_list("email", flat=True))
    emails = list(Membership.objects.filter(client=client, role=role, user__is_active=True)
                  .order_by("user__email").values_list("user__email", flat=True))
    if not emails and role == Role.SUPERVISOR:
        # Nobody supervises this client: the agency's admins hear of it instead of no one.
        return _role_emails(client, "admin")
    return emails


def resolve(client: Client, policy: EscalationPolicy, targets: Iterable[str], at: datetime) -> list[Resolved]:
    """The recipients ``targets`` name at ``at``, each once, in the protocol's order."""
    found: list[Resolved] = []
    seen: set[str] = set()

    def add(route: str, recipient: str, target: str) -> None:
        if recipient and recipient not in seen:
            seen.add(recipient)
            found.append(Resolved(route, recipient, target[:120]))

    for target in targets:
        if target.startswith("oncall:"):
            rotation = policy.rotations.get(target.split(":", 1)[1])
            if rotation is not None:
                add(Route.EMAIL, on_call(rotation, at), target)
        elif target.startswith("role:"):
            for email in _role_emails(client, target.split(":", 1)[1]):
                add(Route.EMAIL, email.lower(), target)
        elif is_webhook(target):
            add(Route.WEBHOOK, target, "webhook")
        else:
            add(Route.EMAIL, target.lower(), "")
    return found


def _audit(escalation: Escalation, action: str, data: dict[str, Any], actor: User | None = None,
           actor_label: str | None = None) -> None:
    # A step notifies the desk users among its recipients (``notifications.derive``), also when
    # written with others at the end of an ``audit_last()`` block (the pipeline's batches).
    append(action, actor=actor, actor_label=actor_label or (None if actor else "escalation"),
           client_id=escalation.client_id, obj=escalation,
           data={"reference": escalation.reference, "category": escalation.category, **data},
           signal=action == "escalation.step")


def _enqueue(ids: list[int]) -> None:
    if ids:
        send_notifications.enqueue(ids)  # after the transaction commits (the backend's ENQUEUE_ON_COMMIT)


def _activate_step(escalation: Escalation, protocol: Protocol, policy: EscalationPolicy, index: int,
                   now: datetime) -> None:
    step = protocol.steps[index]
    due = now if step.hours == "24x7" else next_open(client_calendar(escalation.client), now)
    recipients = resolve(escalation.client, policy, step.notify, due)
    Notification.objects.bulk_create([
        Notification(client_id=escalation.client_id, escalation=escalation, safety_case_id=escalation.safety_case_id,
                     purpose=Purpose.STEP, step=index, route=r.route, recipient=r.recipient, target=r.target,
                     due_at=due, ack_token_id=new_token_id())
        for r in recipients
    ], ignore_conflicts=True)
    escalation.escalate_at = due + timedelta(minutes=step.wait_ack_minutes)
    Escalation.objects.filter(pk=escalation.pk).update(escalate_at=escalation.escalate_at)
    _audit(escalation, "escalation.step", {
        "step": index + 1, "of": len(protocol.steps), "hours": step.hours, "due": due.isoformat(),
        "escalate_at": escalation.escalate_at.isoformat(),
        "to": [shown(r.route, r.recipient) for r in recipients],
        "no_recipient": not recipients,
    })
    if not recipients:
        log.warning("%s step %s names nobody to notify (client %s)", escalation.reference, index + 1,
                    escalation.client.slug)
    if due <= now:
        _enqueue(list(Notification.objects.filter(escalation=escalation, step=index, purpose=Purpose.STEP,
                                                  state=NotificationState.PENDING).values_list("pk", flat=True)))


SEVERITY_ORDER = (Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL)


def graded_severity(category: str, base: str, safety_case: Any = None) -> str:
    """The protocol's severity for the category, graded by what the safety case says: a serious
    case is critical whatever its category; an adverse-event case without a reported reaction (a
    special situation only, an off-label question) is one level below the protocol's."""
    if safety_case is None:
        return base
    if getattr(safety_case, "serious", False):
        return Severity.CRITICAL
    event = ((getattr(safety_case, "elements", None) or {}).get("event") or {}).get("state")
    if category == Category.ADVERSE_EVENT and event != "present" and base in SEVERITY_ORDER:
        return SEVERITY_ORDER[max(0, SEVERITY_ORDER.index(base) - 1)]
    return base


# While a step's notifications are still being delivered (or retried), the escalation does not
# call itself exhausted: it looks again after this long.
DELIVERY_RECHECK = timedelta(minutes=5)


def start_escalation(client: Client, category: str, *, safety_case: Any = None, case_id: int | None = None,
                     due_at: datetime | None = None, trigger: dict[str, Any] | None = None) -> Escalation | None:
    """Open the client's protocol for ``category``; None if it has none, or one is already open
    for the same safety case (or, without one, the same inbox case). Call inside the transaction
    of the change that calls for it: the first step's notifications are sent after it commits."""
    policy = policy_for(client)
    protocol = policy.protocols.get(category)
    if protocol is None:
        return None
    open_ones = Escalation.objects.filter(client=client, category=category, state=EscalationState.OPEN)
    if safety_case is not None:
        open_ones = open_ones.filter(safety_case=safety_case)
    elif case_id is not None:
        open_ones = open_ones.filter(case_id=case_id, safety_case__isnull=True)
    else:
        open_ones = open_ones.none()
    now = timezone.now()
    with transaction.atomic():
        if open_ones.exists():
            return None
        try:
            with transaction.atomic():
                escalation = Escalation.objects.create(
                    client=client, category=category,
                    severity=graded_severity(category, protocol.severity or DEFAULT_SEVERITY[category], safety_case),
                    safety_case=safety_case, case_id=case_id if case_id is not None else getattr(
                        safety_case, "case_id", None),
                    trigger=trigger or {}, opened_at=now, due_at=due_at, step_count=len(protocol.steps),
                )
        except IntegrityError:  # another worker opened it a moment ago
            return None
        escalation.client = client
        _audit(escalation, "escalation.open", {
            "severity": escalation.severity, "safety_case": getattr(safety_case, "reference", None),
            "case": escalation.case_id, "due": due_at.isoformat() if due_at else None,
            "steps": len(protocol.steps), "trigger": escalation.trigger,
        })
        _activate_step(escalation, protocol, policy, 0, now)
    return escalation


def advance(escalation_id: int, now: datetime | None = None) -> str:
    """Move an open escalation whose wait ran out to its next step (or to exhausted)."""
    now = now or timezone.now()
    with audit_last():
        escalation = Escalation.objects.select_related("client", "safety_case").filter(pk=escalation_id).first()
        if (escalation is None or escalation.state != EscalationState.OPEN or escalation.escalate_at is None
                or escalation.escalate_at > now):
            return "not due"
        policy = policy_for(escalation.client)
        protocol = policy.protocols.get(escalation.category)
        current = escalation.current_step
        following = current + 1
        claimed = Escalation.objects.filter(pk=escalation.pk, state=EscalationState.OPEN, current_step=current)
        if protocol is not None and following < len(protocol.steps):
            if not claimed.update(current_step=following, escalate_at=None):
                return "raced"
            escalation.current_step = following
            _activate_step(escalation, protocol, policy, following, now)
            return "escalated"
        undelivered = Notification.objects.filter(
            escalation=escalation, purpose=Purpose.STEP,
            state__in=(NotificationState.PENDING, NotificationState.SENDING))
        if undelivered.exists():
            # "Every step sent, nobody acknowledged" would not be true yet: look again later.
            if not claimed.update(escalate_at=now + DELIVERY_RECHECK):
                return "raced"
            return "awaiting delivery"
        if not claimed.update(state=EscalationState.EXHAUSTED, ended_at=now, escalate_at=None):
            return "raced"
        escalation.state = EscalationState.EXHAUSTED
        _audit(escalation, "escalation.exhausted", {"steps": current + 1,
                                                    "protocol_removed": protocol is None})
        return "exhausted"


def _cancel_pending(escalation: Escalation) -> int:
    return Notification.objects.filter(escalation=escalation, state=NotificationState.PENDING).update(
        state=NotificationState.CANCELLED)


def do_acknowledge_escalation(escalation: Escalation, *, actor: User | None = None, actor_label: str = "",
                              via: str = "app") -> Escalation:
    """Someone has it in hand: no more steps. By a user in the app (a role that works safety
    cases) or by a signed link (``actor_label`` names the recipient it was sent to)."""
    if actor is not None:
        require_role(actor, escalation.client_id, SAFETY_WORK_ROLES)
    elif not actor_label:
        raise ValidationError("an acknowledgement names who gave it")
    label = actor.email if actor is not None else actor_label[:254]
    now = timezone.now()
    with transaction.atomic():
        if not Escalation.objects.filter(pk=escalation.pk, state__in=LIVE_STATES).update(
                state=EscalationState.ACKNOWLEDGED, acknowledged_at=now, acknowledged_by=label,
                acknowledged_via=via, escalate_at=None):
            return Escalation.objects.select_related("client").get(pk=escalation.pk)
        escalation = Escalation.objects.select_related("client").get(pk=escalation.pk)
        cancelled = _cancel_pending(escalation)
        _audit(escalation, "escalation.acknowledge", {
            "via": via, "by": label, "step": escalation.current_step + 1, "cancelled_notifications": cancelled,
            "minutes_after_open": int((now - escalation.opened_at) / timedelta(minutes=1)),
        }, actor=actor, actor_label=None if actor else f"{label} (signed link)")
    return escalation


def stop_for_safety_case(safety_case: Any) -> int:
    """The safety case was settled (PV acknowledged it, or it was dismissed or closed): its open
    escalations stop and their unsent notifications are cancelled."""
    stopped = 0
    now = timezone.now()
    with transaction.atomic():
        for escalation in Escalation.objects.filter(safety_case=safety_case, state=EscalationState.OPEN):
            if not Escalation.objects.filter(pk=escalation.pk, state=EscalationState.OPEN).update(
                    state=EscalationState.STOPPED, ended_at=now, escalate_at=None):
                continue
            cancelled = _cancel_pending(escalation)
            _audit(escalation, "escalation.stop", {"why": f"safety case {safety_case.get_status_display().lower()}",
                                                   "cancelled_notifications": cancelled})
            stopped += 1
    return stopped


def queue_forward_notices(safety_case: Any, recipients: list[str]) -> list[Notification]:
    """One forward notice per recipient, each with its own signed acknowledgement link (also for
    the follow-up information sent later: PV acknowledges that too)."""
    now = timezone.now()
    rows = []
    target = "follow_up" if safety_case.status == "follow_up_sent" else "forward"
    with transaction.atomic():
        for recipient in dict.fromkeys(r.strip() for r in recipients if r.strip()):
            route = Route.WEBHOOK if is_webhook(recipient) else Route.EMAIL
            rows.append(Notification.objects.create(
                client_id=safety_case.client_id, safety_case=safety_case, purpose=Purpose.FORWARD, route=route,
                recipient=recipient if route == Route.WEBHOOK else recipient.lower(), target=target,
                due_at=now, ack_token_id=new_token_id()))
        _enqueue([n.pk for n in rows])
    return rows


# --------------------------------------------------------------------------------------------------
# The forward deadline: warn the supervisors once before it, once at it.


def warning_window(safety_case: Any, policy: EscalationPolicy) -> timedelta:
    if policy.breach_warning_minutes is not None:
        return timedelta(minutes=policy.breach_warning_minutes)
    window = safety_case.forward_due - safety_case.day0
    return min(DEFAULT_WARNING, window * WARNING_SHARE) if window > timedelta(0) else DEFAULT_WARNING


def _breach_rows(safety_case: Any, purpose: str, now: datetime) -> list[int]:
    client = safety_case.client
    policy = policy_for(client)
    recipients = resolve(client, policy, policy.breach_notify, now)
    Notification.objects.bulk_create([
        Notification(client_id=client.pk, safety_case=safety_case, purpose=purpose, route=r.route,
                     recipient=r.recipient, target=r.target, due_at=now)
        for r in recipients
    ], ignore_conflicts=True)
    if not recipients:
        log.warning("nobody to tell of %s's forward deadline (client %s)", safety_case.reference, client.slug)
    return list(Notification.objects.filter(safety_case=safety_case, purpose=purpose,
                                            state=NotificationState.PENDING).values_list("pk", flat=True))


def sweep_breaches(now: datetime | None = None) -> dict[str, int]:
    from carewatch.safety.actions import record_forward_breach
    from carewatch.safety.models import NOT_FORWARDED, SafetyCase

    now = now or timezone.now()
    breached = warned = 0
    late = SafetyCase.objects.filter(status__in=NOT_FORWARDED, forward_due__lt=now, breach_recorded_at__isnull=True)
    for safety_case_id in list(late.order_by("forward_due").values_list("pk", flat=True)[:SWEEP_LIMIT]):
        with audit_last():
            if record_forward_breach(safety_case_id):  # a conditional UPDATE: one sweeper records it
                safety_case = SafetyCase.objects.select_related("client").get(pk=safety_case_id)
                _enqueue(_breach_rows(safety_case, Purpose.BREACH, now))
                breached += 1
    # Warnings: the widest window any client asks for bounds the scan.
    widest = DEFAULT_WARNING
    for settings in Client.objects.filter(is_active=True).values_list("settings", flat=True):
        minutes = (settings or {}).get("escalation_breach_warning_minutes")
        if isinstance(minutes, int) and not isinstance(minutes, bool):
            widest = max(widest, timedelta(minutes=minutes))
    soon = (SafetyCase.objects.filter(status__in=NOT_FORWARDED, forward_due__gte=now, forward_due__lte=now + widest,
                                      breach_recorded_at__isnull=True)
            .exclude(notifications__purpose=Purpose.BREACH_WARNING).select_related("client").order_by("forward_due"))
    policies: dict[int, EscalationPolicy] = {}
    for safety_case in soon[:SWEEP_LIMIT]:
        policy = policies.setdefault(safety_case.client_id, policy_for(safety_case.client))
        if safety_case.forward_due - now > warning_window(safety_case, policy):
            continue
        with transaction.atomic():
            _enqueue(_breach_rows(safety_case, Purpose.BREACH_WARNING, now))
            warned += 1
    return {"breached": breached, "warned": warned}


# --------------------------------------------------------------------------------------------------
# The sweep.


def sweep(now: datetime | None = None) -> dict[str, int]:
    """Everything time moves along: steps whose wait ran out, forward deadlines near or past,
    sends a lost task left behind or that are due now (business hours opened, a retry's time came)."""
    now = now or timezone.now()
    summary: dict[str, int] = {"escalated": 0, "exhausted": 0}
    due = Escalation.objects.filter(state=EscalationState.OPEN, escalate_at__lte=now).order_by("escalate_at")
    for escalation_id in list(due.values_list("pk", flat=True)[:SWEEP_LIMIT]):
        try:
            result = advance(escalation_id, now)
        except Exception:
            log.exception("escalation %s could not advance", escalation_id)
            continue
        if result in summary:
            summary[result] += 1
    summary.update(sweep_breaches(now))
    summary["unstuck"] = Notification.objects.filter(
        state=NotificationState.SENDING, claimed_at__lt=now - STUCK_AFTER).update(
        state=NotificationState.PENDING)
    pending = list(Notification.objects.filter(state=NotificationState.PENDING, due_at__lte=now)
                   .order_by("due_at").values_list("pk", flat=True)[:SWEEP_LIMIT * 4])
    for start in range(0, len(pending), 50):
        send_notifications.enqueue(pending[start:start + 50])
    summary["sends"] = len(pending)
    return summary
