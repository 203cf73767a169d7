"""Every change to SLA clocks and three-touch state, each with its audit event.

``reconcile(case_id)`` brings a case's clocks and three-touch state in line with its rows (the
customer's and the brand's messages, its status, priority and safety cases). The triage hook
calls it for new messages at once; the sweeper calls it for any case whose rows changed since,
so a lost hook costs a minute, never a missed deadline: database triggers mark the cases whose
rows changed (``sla/marks.py``) and the sweeper reads only those, with a full comparison as the
backstop every ``CAREWATCH_SLA_BACKSTOP_MINUTES``. It is idempotent: run twice, it changes
nothing and writes no second event.

Under a lock on the case and its clock row, so two workers never interleave on one case; the
warnings and breaches the sweeper records are each claimed by a conditional UPDATE.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from carewatch.audit.chain import append, audit_last
from carewatch.audit.models import AuditEvent
from carewatch.inbox.actions import do_set_status
from carewatch.inbox.ingest import update_rows
from carewatch.inbox.models import OPEN_STATUSES, Case, CaseStatus, CaseTag, Direction, Mention
from carewatch.sla.facts import CaseFacts, facts_for, facts_for_cases, key_of, safety_exists, with_fact_columns
from carewatch.sla.models import CLOCK_LABELS, CLOCKS, CaseClock, FactsChanged, Touch, TouchSequence, TouchState
from carewatch.sla.policy import SlaTerms, TouchPolicy, sla_policy_for, touch_policy_for
from carewatch.tenancy.access import require_role
from carewatch.tenancy.calendar import (
    TWENTY_FOUR_SEVEN,
    BusinessCalendar,
    add_business_minutes,
    business_minutes_between,
    client_calendar,
)
from carewatch.tenancy.models import CASE_WRITE_ROLES, Client, User
from carewatch.tenancy.system import system_actor

log = logging.getLogger(__name__)

CLOSE_REASON = "closed — no response"
BATCH = 500


def _audit(case: Case, action: str, data: dict[str, Any], actor: User | None = None, label: str = "sla") -> None:
    """The event, on the case's clock ("sla.caseclock") or three-touch sequence
    ("sla.touchsequence"), whose ids are the case's: the case's own history keeps to what people
    and the inbox did to it. A warning notifies the case's assignee (``notifications.derive``),
    also when it is written with others at the end of an ``audit_last()`` block."""
    object_type = "sla.touchsequence" if action.startswith("three_touch.") else "sla.caseclock"
    append(action, actor=actor, actor_label=None if actor else label, client_id=case.client_id,
           object_type=object_type, object_id=case.pk, data={"case": case.pk, **data},
           signal=action == "sla.warning")


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def calendar_for(clock: CaseClock, case: Case) -> BusinessCalendar:
    return TWENTY_FOUR_SEVEN if clock.calendar == "24x7" else client_calendar(case.client)


# ------------------------------------------------------------------ deadlines
def _deadline(start: datetime, minutes: float | None, paused: float, share: float, cal: BusinessCalendar
              ) -> datetime | None:
    if minutes is None:
        return None
    return add_business_minutes(start, minutes * share + paused, cal)


def _compute(clock: CaseClock, cal: BusinessCalendar) -> None:
    """Every deadline from its start, its minutes and the pauses it sat through."""
    terms = SlaTerms(**clock.terms)
    first, resolution, nxt = terms.first_response_minutes, terms.resolution_minutes, terms.next_response_minutes
    if clock.first_met_at is None:
        clock.first_due = _deadline(clock.started_at, first, clock.first_paused, 1, cal)
        clock.first_warn_at = _deadline(clock.started_at, first, clock.first_paused, terms.warn_at, cal)
    if clock.resolution_met_at is None:
        clock.resolution_due = _deadline(clock.started_at, resolution, clock.resolution_paused, 1, cal)
        clock.resolution_warn_at = _deadline(clock.started_at, resolution, clock.resolution_paused, terms.warn_at, cal)
    if clock.next_started_at is not None:
        clock.next_due = _deadline(clock.next_started_at, nxt, clock.next_paused, 1, cal)
        clock.next_warn_at = _deadline(clock.next_started_at, nxt, clock.next_paused, terms.warn_at, cal)
    else:
        clock.next_due = clock.next_warn_at = None


# Every column of a clock but its key: what ``clock.save()`` writes.
CLOCK_FIELDS = [f for f in CaseClock._meta.concrete_fields if not f.primary_key]


def _clock_values(clock: CaseClock) -> tuple[Any, ...]:
    """The clock's column values as read (JSON values copied: the reconcile may replace them)."""
    return tuple(copy.deepcopy(value) if isinstance(value, dict | list) else value
                 for value in (getattr(clock, f.attname) for f in CLOCK_FIELDS))


@dataclass
class _Writes:
    """The clock and case rows one transaction changed, written together at its end: for the
    clocks, only the columns that changed since the clock was read (``seen``), one
    ``UPDATE ... WHERE id = %s`` run for every row with the same changed columns (``executemany``),
    in ascending case id; a clock whose columns did not change is not written."""

    clocks: dict[int, CaseClock] = field(default_factory=dict)
    cases: dict[int, Case] = field(default_factory=dict)
    read: dict[int, tuple[Any, ...]] = field(default_factory=dict)

    def seen(self, clock: CaseClock) -> None:
        self.read.setdefault(clock.pk, _clock_values(clock))

    def flush(self) -> None:
        groups: dict[tuple[str, ...], list[CaseClock]] = {}
        for pk in sorted(self.clocks):
            clock = self.clocks[pk]
            before = self.read.get(pk)
            now = tuple(getattr(clock, f.attname) for f in CLOCK_FIELDS)
            changed = tuple(f.name for f, old, new in zip(CLOCK_FIELDS, before or now, now, strict=True)
                            if before is None or old != new)
            if changed:
                groups.setdefault(changed, []).append(clock)
        for columns, rows in groups.items():
            update_rows(rows, list(columns))
        update_rows([self.cases[pk] for pk in sorted(self.cases)], ["first_response_due", "resolution_due"])
        self.clocks.clear()
        self.cases.clear()
        self.read.clear()


def _sync_case(case: Case, clock: CaseClock, reason: str, writes: _Writes, force: bool = False) -> None:
    """Case.first_response_due and resolution_due follow the clock, with their audit event
    (written also, ``force``, when a clock starts: it records the terms and calendar chosen).
    The row is written with the transaction's other rows (``writes``)."""
    first = clock.first_due if clock.first_met_at is None else case.first_response_due
    resolution = clock.resolution_due
    if case.first_response_due == first and case.resolution_due == resolution and not force:
        return
    data = {"reason": reason,
            "first_response_due": {"from": _iso(case.first_response_due), "to": _iso(first)},
            "resolution_due": {"from": _iso(case.resolution_due), "to": _iso(resolution)},
            "calendar": clock.calendar, "terms": clock.terms, "safety": clock.safety}
    case.first_response_due, case.resolution_due = first, resolution
    writes.cases[case.pk] = case
    _audit(case, "sla.deadlines", data)


def _mark(case: Case, clock: CaseClock, kind: str, event: str, now: datetime, late_at: datetime | None = None) -> bool:
    """Record a warning or breach of one clock once (the caller holds the clock's lock)."""
    column = f"{kind}_{'warned' if event == 'warning' else 'breached'}_at"
    if getattr(clock, column) is not None:
        return False
    updates: dict[str, Any] = {column: now}
    if kind == "next" and event == "breach":
        updates["next_breaches"] = F("next_breaches") + 1
    if not CaseClock.objects.filter(pk=clock.pk, **{f"{column}__isnull": True}).update(**updates):
        return False
    setattr(clock, column, now)
    if kind == "next" and event == "breach":
        clock.next_breaches += 1
    due = getattr(clock, f"{kind}_due")
    _audit(case, f"sla.{event}", {"clock": kind, "label": CLOCK_LABELS[kind], "due": _iso(due),
                                   "answered_late_at": _iso(late_at), "calendar": clock.calendar})
    return True


# ------------------------------------------------------------------ reconcile
def _status_since(case: Case, status: str, default: datetime) -> datetime:
    """When the case last changed to ``status`` (its audit event), else ``default``."""
    event = (AuditEvent.objects.filter(object_type="inbox.case", object_id=str(case.pk), action="case.status")
             .order_by("-seq").first())
    if event is not None and (event.data or {}).get("to") == status:
        return min(event.at, default)
    return default


def _resumed_at(case: Case, paused_at: datetime, facts: CaseFacts, now: datetime) -> datetime:
    """The customer's first message after the pause, else when the status last changed."""
    answers = [t for t in facts.inbound if t > paused_at]
    if answers:
        return min(answers[0], now)
    return max(_status_since(case, case.status, now), paused_at)


def _pause_or_resume(case: Case, clock: CaseClock, facts: CaseFacts, cal: BusinessCalendar, now: datetime) -> bool:
    waiting = case.status == CaseStatus.WAITING
    if waiting and clock.paused_at is None:
        clock.paused_at = _status_since(case, CaseStatus.WAITING, now)
        _audit(case, "sla.pause", {"at": _iso(clock.paused_at)})
        return False
    if not waiting and clock.paused_at is not None:
        resumed = _resumed_at(case, clock.paused_at, facts, now)
        minutes = max(0.0, business_minutes_between(clock.paused_at, resumed, cal))
        for kind in CLOCKS:
            if clock.running(kind) and getattr(clock, f"{kind}_due") > clock.paused_at:
                setattr(clock, f"{kind}_paused", getattr(clock, f"{kind}_paused") + minutes)
        clock.paused_minutes += minutes
        _audit(case, "sla.resume", {"paused_at": _iso(clock.paused_at), "resumed_at": _iso(resumed),
                                    "business_minutes": round(minutes, 2)})
        clock.paused_at = None
        return True
    return False


def _late(clock: CaseClock, due: datetime | None, answered: datetime) -> bool:
    """Whether an answer at ``answered`` missed ``due``. An answer while the clock is paused
    (waiting on the customer) is late only if the deadline had passed when the pause began."""
    if due is None:
        return False
    if clock.paused_at is not None and answered >= clock.paused_at:
        return clock.paused_at > due
    return answered > due


def _responses(case: Case, clock: CaseClock, facts: CaseFacts, terms: SlaTerms, now: datetime) -> bool:
    """First and next response: met, late, or a new next-response clock. True if dues moved."""
    moved = False
    responded = case.first_responded_at or (facts.replies[0].at if facts.replies else None)
    if clock.first_met_at is None and responded is not None:
        clock.first_met_at = responded
        if _late(clock, clock.first_due, responded):
            _mark(case, clock, "first", "breach", now, late_at=responded)
    if responded is None or terms.next_response_minutes is None:
        return moved
    last_reply = max([responded, *(r.at for r in facts.replies)])
    waiting_since = next((t for t in facts.inbound if t > last_reply), None)
    if clock.next_started_at is not None and clock.next_started_at != waiting_since:
        answered = next((r.at for r in facts.replies if r.at > clock.next_started_at), None)
        if answered is not None and _late(clock, clock.next_due, answered):
            _mark(case, clock, "next", "breach", now, late_at=answered)
        clock.next_started_at = None
        moved = True
    if waiting_since is not None and clock.next_started_at is None:
        clock.next_started_at = waiting_since
        clock.next_paused = 0
        clock.next_warned_at = clock.next_breached_at = None
        moved = True
    return moved


def _terms(case: Case, facts: CaseFacts) -> SlaTerms:
    """The terms the case's clock runs by (its client's policy, platform, priority, safety)."""
    return sla_policy_for(case.client).terms(case.platform, case.priority, facts.safety)


def _new_clock(case: Case, facts: CaseFacts, terms: SlaTerms | None = None) -> CaseClock:
    """A case's clock as it starts (not saved). ``terms``: ``_terms`` of the case, when the
    caller has them (reconcile then compares the clock with the same terms, not computed again)."""
    terms = terms or _terms(case, facts)
    clock = CaseClock(case=case, client_id=case.client_id, calendar=terms.calendar, terms=terms.as_dict(),
                      priority=case.priority, safety=facts.safety, started_at=case.created_at)
    _compute(clock, calendar_for(clock, case))
    return clock


def _start(case: Case, facts: CaseFacts, now: datetime, terms: SlaTerms | None = None) -> CaseClock | None:
    clock = _new_clock(case, facts, terms)
    try:
        with transaction.atomic():
            clock.save(force_insert=True)
    except IntegrityError:  # another worker started it a moment ago
        return None
    return clock  # its audit event: "sla.deadlines" (reason "started"), written by _sync_case


def reconcile(case_id: int, now: datetime | None = None) -> CaseClock | None:
    """Start or update one case's clocks and three-touch state from its rows."""
    now = now or timezone.now()
    with audit_last():  # the chain head after the case and its clock (carewatch.audit.chain)
        case = Case.objects.select_for_update(no_key=True).filter(pk=case_id).first()
        if case is None:
            return None
        facts = facts_for(case)
        clock = CaseClock.objects.select_for_update().filter(pk=case_id).first()
        writes = _Writes()
        clock = _reconcile_locked(case, clock, facts, now, None, writes)
        writes.flush()
        return clock


def reconcile_cases(case_ids: list[int], now: datetime | None = None) -> None:
    """``reconcile`` for a batch of cases in one transaction: the cases locked in ascending id,
    their facts, clients and clocks read with one query per kind for the whole batch (then
    each case's clock and three-touch state as ``reconcile`` does it). The clocks that start are
    inserted together, and the clocks and cases changed written together at the end (a clock
    already there, from a writer that did not hold its case's lock, fails the batch: the caller
    does it again case by case)."""
    now = now or timezone.now()
    with audit_last():  # the chain head after the cases and their clocks (carewatch.audit.chain)
        cases = list(Case.objects.select_for_update(no_key=True).filter(pk__in=case_ids).order_by("pk"))
        if not cases:
            return
        ids = [case.pk for case in cases]
        clients = Client.objects.in_bulk({case.client_id for case in cases})
        facts = facts_for_cases(ids, {case.pk: case for case in cases})
        clocks = {clock.pk: clock for clock in CaseClock.objects.select_for_update().filter(pk__in=ids).order_by("pk")}
        # Their three-touch sequences too (a missing one is made under its case's lock, held here).
        sequences: dict[int, TouchSequence | None] = dict.fromkeys(ids)
        sequences.update((seq.pk, seq) for seq in TouchSequence.objects.select_for_update().filter(pk__in=ids)
                         .order_by("pk"))
        for case in cases:
            case.client = clients[case.client_id]
        terms = {case.pk: _terms(case, facts[case.pk]) for case in cases}  # once per case: start and compare
        started = {case.pk: _new_clock(case, facts[case.pk], terms[case.pk]) for case in cases
                   if case.pk not in clocks and case.is_open}
        if started:
            CaseClock.objects.bulk_create([started[pk] for pk in sorted(started)])
            clocks.update(started)
        writes = _Writes()
        for case in cases:
            _reconcile_locked(case, clocks.get(case.pk), facts[case.pk], now, sequences, writes, case.pk in started,
                              terms[case.pk])
        writes.flush()


def _reconcile_locked(case: Case, clock: CaseClock | None, facts: CaseFacts, now: datetime,
                      sequences: dict[int, TouchSequence | None] | None, writes: _Writes,
                      started: bool = False, terms: SlaTerms | None = None) -> CaseClock | None:
    """``started``: ``clock`` was inserted a moment ago by the caller (its "started" event is due).
    ``terms``: the case's ``_terms``, when the caller has them."""
    terms = terms or _terms(case, facts)
    if clock is None:
        if not case.is_open:
            return None
        new = _start(case, facts, now, terms)
        clock = new or CaseClock.objects.select_for_update().get(pk=case.pk)
        started = new is not None
    _reconcile(case, clock, facts, now, writes, terms, started=started, sequences=sequences)
    return clock


def _reconcile(case: Case, clock: CaseClock, facts: CaseFacts, now: datetime, writes: _Writes, terms: SlaTerms,
               started: bool = False, sequences: dict[int, TouchSequence | None] | None = None) -> None:
    """``terms``: the case's ``_terms`` (a clock started a moment ago was made with them)."""
    writes.seen(clock)
    recompute = False
    as_dict = terms.as_dict()
    if as_dict != clock.terms or facts.safety != clock.safety or case.priority != clock.priority:
        before = {"terms": clock.terms, "priority": clock.priority, "safety": clock.safety}
        clock.terms, clock.calendar = as_dict, terms.calendar
        clock.priority, clock.safety = case.priority, facts.safety
        _audit(case, "sla.recalculate", {"from": before, "to": {"terms": clock.terms, "priority": clock.priority,
                                                                 "safety": clock.safety}})
        recompute = True
    cal = calendar_for(clock, case)
    if case.is_open:
        if clock.resolution_met_at is not None:
            clock.resolution_met_at = None  # reopened by hand: the resolution clock runs again
            recompute = True
        recompute = _pause_or_resume(case, clock, facts, cal, now) or recompute
    if recompute:  # answers are measured against deadlines that count the pauses and the new terms
        _compute(clock, cal)
    recompute = _responses(case, clock, facts, terms, now) or recompute
    if not case.is_open:
        if clock.resolution_met_at is None:
            clock.resolution_met_at = case.closed_at or now
            if _late(clock, clock.resolution_due, clock.resolution_met_at):
                _mark(case, clock, "resolution", "breach", now, late_at=clock.resolution_met_at)
        clock.paused_at = None
        clock.next_started_at = None
        recompute = True
    if recompute:
        _compute(clock, cal)
    sequence = _reconcile_touches(case, facts, now, sequences)
    _set_due(case, clock, sequence)
    clock.active = case.is_open
    clock.facts_key = facts.key
    clock.reconciled_at = now
    writes.clocks[clock.pk] = clock
    _sync_case(case, clock, "started" if started else "recalculated", writes, force=started)


def _set_due(case: Case, clock: CaseClock, sequence: TouchSequence | None) -> None:
    candidates: list[tuple[datetime, str]] = []
    if case.is_open and clock.paused_at is None:
        for kind in CLOCKS:
            due = getattr(clock, f"{kind}_due")
            if clock.running(kind) and due is not None:
                candidates.append((due, CLOCK_LABELS[kind]))
    if sequence is not None and sequence.next_touch_number and sequence.next_touch_due and case.is_open:
        candidates.append((sequence.next_touch_due, f"touch {sequence.next_touch_number}"))
    due, kind = min(candidates, default=(None, ""))
    clock.due_at, clock.due_kind = due, kind


# ------------------------------------------------------------------ three touches
def _eligible(case: Case, policy: TouchPolicy) -> bool:
    if not policy.enabled:
        return False
    names = set(CaseTag.objects.filter(case_id=case.pk).values_list("tag__name", flat=True))
    return bool(names & policy.labels)


def _after_touch(sequence: TouchSequence, policy: TouchPolicy) -> None:
    hours = policy.intervals_hours
    last = sequence.last_touch_at
    sequence.next_touch_due = sequence.close_due = None
    if last is None or sequence.touches == 0:
        return
    if sequence.touches < 3:
        sequence.next_touch_due = last + timedelta(hours=hours[sequence.touches - 1])
    else:
        sequence.close_due = last + timedelta(hours=hours[2])


def _add_touch(case: Case, sequence: TouchSequence, policy: TouchPolicy, at: datetime, channel: str,
               agent_id: int | None, source: str, reference: str, actor: User | None = None) -> None:
    number = sequence.touches + 1
    try:
        with transaction.atomic():
            Touch.objects.create(case=case, client_id=case.client_id, cycle=sequence.cycle, number=number, at=at,
                                 agent_id=agent_id, channel=channel, source=source, reference=reference)
    except IntegrityError:
        return
    sequence.touches = number
    sequence.last_touch_at = at
    _after_touch(sequence, policy)
    _audit(case, "three_touch.touch", {"number": number, "cycle": sequence.cycle, "at": _iso(at),
                                       "channel": channel, "source": source, "reference": reference,
                                       "agent": agent_id, "next_touch_due": _iso(sequence.next_touch_due),
                                       "close_due": _iso(sequence.close_due)},
           actor=actor, label="three-touch")


def _reconcile_touches(case: Case, facts: CaseFacts, now: datetime,
                       sequences: dict[int, TouchSequence | None] | None = None) -> TouchSequence | None:
    """``sequences``: the batch's sequences, read (and locked) together by ``reconcile_cases``."""
    policy = touch_policy_for(case.client)
    if sequences is not None and case.pk in sequences:
        sequence = sequences[case.pk]
    else:
        sequence = TouchSequence.objects.select_for_update().filter(pk=case.pk).first()
    eligible = case.is_open and not facts.safety and _eligible(case, policy)
    if sequence is None:
        if not eligible:
            return None
        sequence = TouchSequence(case=case, client_id=case.client_id, state=TouchState.ACTIVE,
                                 policy=policy.as_dict(), cycle_started_at=facts.last_in or case.created_at)
        sequence.save(force_insert=True)
        _audit(case, "three_touch.start", {"policy": sequence.policy}, label="three-touch")
    if sequence.state in (TouchState.CLOSED, TouchState.STOPPED):
        return sequence
    if facts.safety:
        # Never for a safety case: the follow-ups stop and automation will not close the case.
        sequence.state = TouchState.STOPPED
        sequence.next_touch_due = sequence.close_due = None
        sequence.save()
        _audit(case, "three_touch.stop", {"reason": "safety case"}, label="three-touch")
        return sequence
    if not eligible:
        if sequence.state == TouchState.ACTIVE:
            sequence.state = TouchState.IDLE
            sequence.next_touch_due = sequence.close_due = None
            sequence.save()
        return sequence
    if sequence.state == TouchState.IDLE:
        sequence.state = TouchState.ACTIVE
        _after_touch(sequence, policy)
    last_in = facts.last_in
    if last_in is not None and last_in > sequence.cycle_started_at:
        if sequence.touches:
            # The customer answered: the sequence starts again with the next reply as touch 1.
            _audit(case, "three_touch.reset", {"cycle": sequence.cycle, "touches": sequence.touches,
                                               "answered_at": _iso(last_in)}, label="three-touch")
            sequence.cycle += 1
            sequence.resets += 1
            sequence.touches = 0
            sequence.last_touch_at = None
            sequence.next_touch_due = sequence.close_due = None
        sequence.cycle_started_at = last_in
    for reply in facts.replies:
        if sequence.touches >= 3:
            break
        since = sequence.last_touch_at or sequence.cycle_started_at
        if reply.at <= since:
            continue
        if sequence.touches and sequence.next_touch_due is not None and reply.at < sequence.next_touch_due:
            continue  # part of the same conversation, not yet the follow-up
        _add_touch(case, sequence, policy, reply.at, reply.channel, reply.agent_id, Touch.Source.REPLY,
                   reply.reference)
    sequence.policy = policy.as_dict()
    sequence.save()
    return sequence


def do_record_touch(actor: User, case: Case) -> TouchSequence:
    """An agent records the next touch made outside the desk (e.g. a private message)."""
    require_role(actor, case.client_id, CASE_WRITE_ROLES)
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        sequence = TouchSequence.objects.select_for_update().filter(pk=case.pk).first()
        if sequence is None or sequence.state != TouchState.ACTIVE or sequence.touches >= 3:
            raise ValidationError("this case has no follow-up touch to record")
        if not locked.is_open:
            raise ValidationError("the case is closed")
        policy = touch_policy_for(locked.client)
        _add_touch(locked, sequence, policy, timezone.now(), policy.channel, actor.pk, Touch.Source.MANUAL,
                   f"user:{actor.pk}", actor=actor)
        sequence.save()
        clock = CaseClock.objects.select_for_update().filter(pk=case.pk).first()
        if clock is not None:
            _set_due(locked, clock, sequence)
            clock.save(update_fields=["due_at", "due_kind"])
    return sequence


def _close_unanswered(sequence_id: int, now: datetime) -> bool:
    """Close a case whose touch 3 went unanswered: claimed once, never for a safety case."""
    reconcile(sequence_id, now)  # a customer's answer the hook missed resets the sequence first
    with audit_last():
        case = Case.objects.select_for_update(no_key=True).select_related("client").get(pk=sequence_id)
        claimed = TouchSequence.objects.filter(pk=sequence_id, state=TouchState.ACTIVE, touches=3,
                                               close_due__lte=now).update(state=TouchState.CLOSED)
        if not claimed:
            return False
        if Case.objects.filter(pk=case.pk).filter(safety_exists()).exists():
            TouchSequence.objects.filter(pk=sequence_id).update(state=TouchState.STOPPED, close_due=None)
            _audit(case, "three_touch.stop", {"reason": "safety case"}, label="three-touch")
            return False
        if case.status in OPEN_STATUSES:
            try:
                do_set_status(system_actor(), case, CaseStatus.CLOSED, CLOSE_REASON)
            except ValidationError as exc:
                TouchSequence.objects.filter(pk=sequence_id).update(state=TouchState.STOPPED, close_due=None)
                _audit(case, "three_touch.stop", {"reason": "; ".join(exc.messages)}, label="three-touch")
                return False
        _audit(case, "three_touch.close", {"reason": CLOSE_REASON}, label="three-touch")
        TouchSequence.objects.filter(pk=sequence_id).update(close_due=None)
        CaseClock.objects.filter(pk=sequence_id).update(due_at=None, due_kind="")
    reconcile(sequence_id, now)
    return True


# ------------------------------------------------------------------ the sweeper's work
def _clock_filters(kind: str, event: str, now: datetime) -> Q:
    due = f"{kind}_due"
    q = Q(active=True, paused_at__isnull=True, case__status__in=OPEN_STATUSES, **{f"{kind}_breached_at__isnull": True})
    if kind != "next":
        q &= Q(**{f"{kind}_met_at__isnull": True})
    if kind == "first":
        q &= Q(case__first_responded_at__isnull=True)
    if event == "warning":
        q &= Q(**{f"{kind}_warn_at__lte": now, f"{kind}_warned_at__isnull": True, f"{due}__gt": now})
    else:
        q &= Q(**{f"{due}__lte": now})
    return q


RECORD_CHUNK = 50  # warnings or breaches recorded per transaction by the sweeper


def record_due(now: datetime | None = None) -> dict[str, int]:
    """Warnings and breaches now due, each claimed once with its audit event, ``RECORD_CHUNK``
    clocks per transaction (an import of old mentions brings thousands due at once)."""
    now = now or timezone.now()
    counts = {"warnings": 0, "breaches": 0}
    for event in ("breach", "warning"):
        for kind in CLOCKS:
            condition = _clock_filters(kind, event, now)
            ids = list(CaseClock.objects.filter(condition).order_by("pk").values_list("pk", flat=True)[:BATCH])
            for start in range(0, len(ids), RECORD_CHUNK):
                recorded = _record_chunk(ids[start:start + RECORD_CHUNK], kind, event, condition, now)
                counts["warnings" if event == "warning" else "breaches"] += recorded
    return counts


def _record_chunk(ids: list[int], kind: str, event: str, condition: Q, now: datetime) -> int:
    """Claim and record one chunk of due clocks in one transaction; returns how many it recorded."""
    column = f"{kind}_{'warned' if event == 'warning' else 'breached'}_at"
    with transaction.atomic(), audit_last():
        # The claim locks the clocks not yet recorded, in ascending id (one lock order), and tests
        # the row's own column: PostgreSQL re-checks that after waiting for another sweeper's lock,
        # so a clock that sweeper recorded drops out here (on SQLite the write lock serialises).
        locked = list(CaseClock.objects.select_for_update().filter(pk__in=ids, **{f"{column}__isnull": True})
                      .order_by("pk").values_list("pk", flat=True))
        if not locked:
            return 0
        # The condition through the case, read once the locks are held (a statement of its own
        # sees what committed before it): the cases that moved on drop out.
        clocks = list(CaseClock.objects.filter(condition, pk__in=locked).select_related("case").order_by("pk"))
        if not clocks:
            return 0
        updates: dict[str, Any] = {column: now}
        if kind == "next" and event == "breach":
            updates["next_breaches"] = F("next_breaches") + 1
        CaseClock.objects.filter(pk__in=[clock.pk for clock in clocks]).update(**updates)
        for clock in clocks:
            _audit(clock.case, f"sla.{event}", {
                "clock": kind, "label": CLOCK_LABELS[kind], "due": _iso(getattr(clock, f"{kind}_due")),
                "calendar": clock.calendar})
    return len(clocks)


# A marked case with a customer's message still waiting for triage is left to the pipeline, which
# reconciles it once the message is screened (a lost triage task is sent through the pipeline again
# by sources.tasks.sweep_unscreened): during an import's backlog the sweep would otherwise start and
# compute every new case's clocks before triage, and the pipeline again after it. Its marks stay;
# a message unscreened for longer than this no longer holds its case back.
TRIAGE_GRACE = timedelta(minutes=15)


def reconcile_changed(now: datetime | None = None) -> int:
    """Reconcile the cases marked changed since the sweep last looked (``sla/marks.py``: a
    database trigger marks a case in the transaction of any change its clocks are computed from,
    and a new case): the sweep reads the marks, not every open case. The marks are read BATCH at
    a time; those read are deleted once their cases are reconciled, so a mark written meanwhile
    (a new row) stays for the next sweep, and a sweep that fails leaves its marks in place. A
    case the pipeline reconciled already has an unchanged key and is not written again; one
    whose new message triage has not screened yet keeps its marks (``TRIAGE_GRACE``)."""
    now = now or timezone.now()
    done = 0
    after = 0
    while True:
        marks = list(FactsChanged.objects.filter(pk__gt=after).order_by("pk").values_list("pk", "case_id")[:BATCH])
        if not marks:
            return done
        after = marks[-1][0]
        case_ids = sorted({case_id for _, case_id in marks})
        waiting = set(Mention.objects.filter(case_id__in=case_ids, direction=Direction.INBOUND, triaged_at__isnull=True,
                                             received_at__gt=now - TRIAGE_GRACE).exclude(text="")
                      .values_list("case_id", flat=True))
        done += _reconcile_if_changed([pk for pk in case_ids if pk not in waiting], now)
        FactsChanged.objects.filter(pk__in=[pk for pk, case_id in marks if case_id not in waiting]).delete()


def _reconcile_if_changed(case_ids: list[int], now: datetime) -> int:
    """Reconcile those of these cases whose clock's key differs from their rows' (an open case
    without a clock starts one; a closed case whose clock stopped is left alone)."""
    clocks = {pk: (key, active) for pk, key, active in
              CaseClock.objects.filter(pk__in=case_ids).values_list("pk", "facts_key", "active")}
    changed = []
    for row in with_fact_columns(Case.objects.filter(pk__in=case_ids).order_by("pk")):
        stored = clocks.get(row[0])
        is_open = row[1] in OPEN_STATUSES
        if stored is None:
            if is_open:
                changed.append(row[0])
        elif (stored[1] or is_open) and key_of(row) != stored[0]:
            changed.append(row[0])
    _reconcile_in_chunks(changed, now)
    return len(changed)


def reconcile_all(now: datetime | None = None) -> int:
    """The backstop (every ``CAREWATCH_SLA_BACKSTOP_MINUTES``): compare every open clock, and
    every clock of a case reopened since it last looked, with its case's rows, and start the
    clocks of open cases that have none, whether or not a change was marked (a trigger missing,
    a mark lost). Read BATCH at a time in key order (a page is read after the previous one was
    reconciled; the sweep holds one page, not every open clock's key)."""
    now = now or timezone.now()
    done = 0
    after = 0
    while True:
        missing = list(Case.objects.filter(status__in=OPEN_STATUSES, sla_clock__isnull=True, pk__gt=after)
                       .order_by("pk").values_list("pk", flat=True)[:BATCH])
        if not missing:
            break
        after = missing[-1]
        _reconcile_in_chunks(missing, now)
        done += len(missing)
    for clocks in (CaseClock.objects.filter(active=True),
                   CaseClock.objects.filter(active=False, case__status__in=OPEN_STATUSES)):
        for stored in _pages(clocks):
            changed = [row[0] for row in with_fact_columns(Case.objects.filter(pk__in=list(stored)))
                       if key_of(row) != stored[row[0]]]
            _reconcile_in_chunks(changed, now)
            done += len(changed)
    return done


def _pages(clocks: QuerySet[CaseClock]) -> Iterator[dict[int, str]]:
    """``{clock pk: facts_key}`` of ``clocks``, at most BATCH per page, in ascending pk (keyset
    pagination: a page is read after the previous one was reconciled)."""
    after = 0
    while True:
        page = dict(clocks.filter(pk__gt=after).order_by("pk").values_list("pk", "facts_key")[:BATCH])
        if not page:
            return
        yield page
        after = max(page)


def close_unanswered(now: datetime | None = None) -> int:
    now = now or timezone.now()
    ids = list(TouchSequence.objects.filter(state=TouchState.ACTIVE, touches=3, close_due__lte=now)
               .order_by("pk").values_list("pk", flat=True)[:BATCH])
    return sum(1 for pk in ids if _close_unanswered(pk, now))


def sweep(now: datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    summary = {"reconciled": reconcile_changed(now)}
    summary.update(record_due(now))
    summary["closed"] = close_unanswered(now)
    return summary


RECONCILE_CHUNK = 20  # cases per transaction (SQLite's one write lock is held briefly)


def on_new_mentions(case_ids: list[int]) -> None:
    """The triage hook's work, a chunk of cases per transaction. A failure is logged, never
    raised: the pipeline's triage must go on; the failed chunk is done again case by case, and
    the sweeper reconciles a case that still fails within a minute."""
    _reconcile_in_chunks(sorted(set(case_ids)), None, log_failures=True)


def _reconcile_in_chunks(case_ids: list[int], now: datetime | None, *, log_failures: bool = False) -> None:
    """Reconcile a chunk of cases per transaction; a failing chunk is done again case by case.
    A case that still fails raises (the sweeper), or with ``log_failures`` is logged and left
    to the sweeper (the pipeline's step)."""
    for start in range(0, len(case_ids), RECONCILE_CHUNK):
        chunk = case_ids[start:start + RECONCILE_CHUNK]
        try:
            reconcile_cases(chunk, now)
            continue
        except Exception:
            if len(chunk) > 1:
                pass  # each case alone, below
            elif log_failures:
                log.exception("SLA clocks of case %s: reconcile failed (the sweeper will retry)", chunk[0])
                continue
            else:
                raise
        for pk in chunk:
            try:
                reconcile(pk, now)
            except Exception:
                if not log_failures:
                    raise
                log.exception("SLA clocks of case %s: reconcile failed (the sweeper will retry)", pk)
