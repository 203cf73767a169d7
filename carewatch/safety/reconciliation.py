"""The reconciliation report: every flagged item of one client in a period and what became of it.

A flagged item is a mention that triage labelled adverse event, serious, special situation or
product complaint (``urgent`` alone is a crisis, not a safety item) and every safety case. Each
item's fate is its safety case: when it was detected, forwarded and acknowledged, or who ended it
and why. The report exists to prove one sentence, "nothing flagged was left unforwarded past its
due time", so it names every exception rather than summarising it away:

- a case still not forwarded after its forward deadline (the headline);
- a case forwarded after its deadline, or ended unforwarded after it;
- a flagged mention with no safety case at all (the sweeper should make that impossible, which
  is exactly why the report must show it if it happens);
- a case detected before the period and still past due (never hidden by a period filter).

Period boundaries are midnights in the client's time zone, both dates inclusive; "weekend" and
"holiday" are the client's Saturdays, Sundays and ``Client.holidays`` in that zone. Pure reads:
nothing here writes.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from django.db.models import Q, QuerySet
from django.utils import timezone

from carewatch.inbox.models import Direction, Mention
from carewatch.safety.actions import kinds_for
from carewatch.safety.clocks import day_zero
from carewatch.safety.models import ENDED, SafetyCase, SafetyCaseMention, SafetyKind, SafetyStatus
from carewatch.safety.policy import policy_for
from carewatch.tenancy.models import Client
from carewatch.triage.result import SAFETY_LABELS

# What makes a mention a safety item. "urgent" (crisis, self-harm) has its own protocol.
FLAG_LABELS = frozenset(SAFETY_LABELS - {"urgent"})


class Outcome(StrEnum):
    FORWARDED_ON_TIME = "forwarded_on_time"
    FORWARDED_LATE = "forwarded_late"
    OVERDUE = "overdue"  # not forwarded, past its forward deadline
    PENDING = "pending"  # not forwarded, not yet due
    DISMISSED = "dismissed"  # ended by a safety reviewer without forwarding
    CLOSED = "closed"  # closed without a forward on record
    NO_CASE = "no_safety_case"  # a flagged mention no safety case holds


OUTCOME_LABELS: dict[str, str] = {
    Outcome.FORWARDED_ON_TIME: "Forwarded on time",
    Outcome.FORWARDED_LATE: "Forwarded late",
    Outcome.OVERDUE: "Not forwarded, past due",
    Outcome.PENDING: "Not forwarded yet, within due",
    Outcome.DISMISSED: "Dismissed",
    Outcome.CLOSED: "Closed without forward",
    Outcome.NO_CASE: "No safety case",
}


class Coverage(StrEnum):
    WEEKDAY = "weekday"
    WEEKEND = "weekend"
    HOLIDAY = "holiday"


class Scope(StrEnum):
    PERIOD = "period"  # detected in the period
    LINKED = "linked"  # detected outside the period, holds a flagged mention of the period
    CARRIED_OVER = "carried_over"  # detected before the period, still not forwarded and past due


@dataclass(frozen=True)
class Row:
    source: str  # "case" or "mention"
    reference: str  # "NORTHWIND-AE-000042", or "mention 17" for a mention without a case
    scope: Scope
    outcome: Outcome
    kind: str
    serious: bool
    status: str  # the safety case's status; "" for a mention without a case
    labels: tuple[str, ...]
    mention_ids: tuple[int, ...]
    day0: datetime
    detected_at: datetime
    forward_due: datetime
    coverage: Coverage
    detected_local: datetime  # detected_at in the client's time zone
    safety_case_id: int | None = None
    inbox_case_id: int | None = None  # the conversation in the inbox, where the item can be opened
    forwarded_at: datetime | None = None
    forwarded_by: str = ""
    forwarded_to: tuple[str, ...] = ()
    acknowledged_at: datetime | None = None
    acknowledged_by: str = ""
    pv_reference: str = ""
    ended_at: datetime | None = None
    ended_by: str = ""
    end_reason: str = ""
    # Forwarded late: how late. Overdue: how long past due at ``now``. Ended after due: how late.
    late_by: timedelta | None = None
    ended_after_due: bool = False

    @property
    def hours_to_forward(self) -> float | None:
        """Wall-clock hours from day 0 to the forward: what the forward deadline counts."""
        if self.forwarded_at is None:
            return None
        return round((self.forwarded_at - self.day0).total_seconds() / 3600, 2)

    @property
    def is_overdue(self) -> bool:
        """Flagged, not forwarded, past due: a case, or a mention no case holds."""
        return self.outcome == Outcome.OVERDUE or (self.outcome == Outcome.NO_CASE and self.late_by is not None)

    @property
    def is_breach(self) -> bool:
        """Not in the recipient's hands by the deadline, however it ended."""
        return self.is_overdue or self.outcome == Outcome.FORWARDED_LATE or self.ended_after_due

    @property
    def kind_label(self) -> str:
        return str(SafetyKind(self.kind).label) if self.kind in SafetyKind.values else self.kind

    @property
    def late_text(self) -> str:
        return format_duration(self.late_by)

    @property
    def outcome_label(self) -> str:
        label = OUTCOME_LABELS[self.outcome]
        if self.outcome == Outcome.NO_CASE and self.late_by is not None:
            label += ", past due"
        return label

    @property
    def finding(self) -> str:
        """The exception in one sentence, or "" when the item went as it should."""
        late = format_duration(self.late_by) if self.late_by is not None else ""
        if self.outcome == Outcome.NO_CASE:
            what = "an adverse event" if self.kind == SafetyKind.ADVERSE_EVENT else "a product complaint"
            text = f"Flagged mention without {what} safety case"
            return f"{text}, past due by {late}" if late else text
        if self.outcome == Outcome.OVERDUE:
            return f"Not forwarded, past due by {late}"
        if self.outcome == Outcome.FORWARDED_LATE:
            return f"Forwarded {late} after due"
        if self.ended_after_due:
            return f"{OUTCOME_LABELS[self.outcome]} {late} after due, never forwarded"
        return ""


@dataclass(frozen=True)
class CoverageStats:
    coverage: Coverage
    items: int = 0
    forwarded: int = 0
    late: int = 0
    overdue: int = 0
    median_hours: float | None = None
    worst_hours: float | None = None
    worst_reference: str = ""


@dataclass(frozen=True)
class Totals:
    flagged_mentions: int = 0
    mentions_without_case: int = 0
    safety_cases: int = 0  # cases in the period (detected in it or holding one of its mentions)
    adverse_events: int = 0
    product_complaints: int = 0
    serious: int = 0
    forwarded: int = 0
    forwarded_on_time: int = 0
    forwarded_late: int = 0
    acknowledged: int = 0
    awaiting_acknowledgement: int = 0
    pending: int = 0  # not forwarded, not yet due
    overdue: int = 0  # not forwarded and past due, mentions without a case included
    dismissed: int = 0
    closed_unforwarded: int = 0
    ended_after_due: int = 0
    breaches: int = 0
    carried_over_overdue: int = 0


@dataclass(frozen=True)
class Reconciliation:
    client: Client
    start: date
    end: date
    start_at: datetime  # the local midnights bounding the period (aware, in the client's zone)
    end_at: datetime
    now: datetime
    rows: list[Row]
    carried_over: list[Row]  # detected before the period, still not forwarded and past due
    totals: Totals
    coverage: list[CoverageStats] = field(default_factory=list)

    @property
    def overdue(self) -> list[Row]:
        """Every flagged item not forwarded and past due: the period's first, then older ones."""
        return [r for r in self.rows if r.is_overdue] + self.carried_over

    @property
    def breaches(self) -> list[Row]:
        return [r for r in self.rows if r.is_breach]

    @property
    def without_case(self) -> list[Row]:
        return [r for r in self.rows if r.outcome == Outcome.NO_CASE]

    @property
    def off_hours_rows(self) -> list[Row]:
        return [r for r in self.rows if r.coverage != Coverage.WEEKDAY]

    @property
    def headline(self) -> str:
        overdue = self.overdue
        text = f"Flagged but not forwarded and past due: {len(overdue)}"
        if not overdue:
            return text
        return text + " — " + "; ".join(
            f"{r.reference} (past due by {format_duration(r.late_by)})" for r in overdue if r.late_by is not None
        )


# ------------------------------------------------------------------ helpers
def format_duration(delta: timedelta | None) -> str:
    """``1 d 4 h 05 min``, ``3 h 00 min``, ``12 min``; negative durations read as zero."""
    if delta is None:
        return ""
    minutes = max(0, int(delta.total_seconds() // 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h {mins:02d} min"
    if hours:
        return f"{hours} h {mins:02d} min"
    return f"{mins} min"


def local_bounds(tz: ZoneInfo, start: date, end: date) -> tuple[datetime, datetime]:
    """The instants of local midnight at ``start`` and after ``end`` (both days included)."""
    return (datetime.combine(start, time.min, tzinfo=tz),
            datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz))


def client_holidays(client: Client) -> frozenset[date]:
    days: set[date] = set()
    for value in client.holidays or []:
        try:
            days.add(date.fromisoformat(str(value)))
        except ValueError:
            continue  # config apply validates them; a hand-edited typo must not break the report
    return frozenset(days)


def coverage_of(moment: datetime, tz: ZoneInfo, holidays: frozenset[date]) -> Coverage:
    day = moment.astimezone(tz).date()
    if day in holidays:
        return Coverage.HOLIDAY
    if day.weekday() >= 5:
        return Coverage.WEEKEND
    return Coverage.WEEKDAY


def flagged_labels(labels: Iterable[str] | None) -> tuple[str, ...]:
    return tuple(sorted(set(labels or ()) & FLAG_LABELS))


def _labels_prefilter() -> Q:
    # JSON text match on the quoted label: exact on every engine (SQLite has no JSON containment).
    q = Q()
    for label in sorted(FLAG_LABELS):
        q |= Q(labels__icontains=f'"{label}"')
    return q


def recipients(value: object) -> tuple[str, ...]:
    """``forwarded_to`` as addresses, whether stored as strings or as {"address": ...} objects."""
    if not isinstance(value, list):
        return ()
    out = []
    for item in value:
        if isinstance(item, dict):
            item = item.get("address") or item.get("email") or ""
        if item:
            out.append(str(item))
    return tuple(out)


def _user_label(user: object | None) -> str:
    return str(getattr(user, "email", "") or "") if user is not None else ""


# ------------------------------------------------------------------ rows
def _case_row(sc: SafetyCase, scope: Scope, labels: tuple[str, ...], mention_ids: tuple[int, ...],
              now: datetime, tz: ZoneInfo, holidays: frozenset[date]) -> Row:
    late_by: timedelta | None = None
    ended_after_due = False
    if sc.forwarded_at is not None:
        if sc.forwarded_at > sc.forward_due:
            outcome, late_by = Outcome.FORWARDED_LATE, sc.forwarded_at - sc.forward_due
        else:
            outcome = Outcome.FORWARDED_ON_TIME
    elif sc.status in ENDED:
        outcome = Outcome.DISMISSED if sc.status == SafetyStatus.DISMISSED else Outcome.CLOSED
        if sc.ended_at is not None and sc.ended_at > sc.forward_due:
            ended_after_due, late_by = True, sc.ended_at - sc.forward_due
    elif sc.forward_due < now:
        # Any status that is neither ended nor carries a forward time counts as not forwarded:
        # an inconsistent row must surface here, never pass as forwarded.
        outcome, late_by = Outcome.OVERDUE, now - sc.forward_due
    else:
        outcome = Outcome.PENDING
    return Row(
        source="case",
        reference=sc.reference,
        scope=scope,
        outcome=outcome,
        kind=sc.kind,
        serious=sc.serious,
        status=sc.status,
        labels=labels,
        mention_ids=mention_ids,
        day0=sc.day0,
        detected_at=sc.detected_at,
        forward_due=sc.forward_due,
        coverage=coverage_of(sc.detected_at, tz, holidays),
        detected_local=sc.detected_at.astimezone(tz),
        safety_case_id=sc.pk,
        inbox_case_id=sc.case_id,
        forwarded_at=sc.forwarded_at,
        forwarded_by=_user_label(sc.forwarded_by),
        forwarded_to=recipients(sc.forwarded_to),
        acknowledged_at=sc.acknowledged_at,
        acknowledged_by=sc.acknowledged_by,
        pv_reference=sc.pv_reference,
        ended_at=sc.ended_at,
        ended_by=_user_label(sc.ended_by),
        end_reason=sc.end_reason,
        late_by=late_by,
        ended_after_due=ended_after_due,
    )


def _orphan_row(mention: Mention, kind: str, reference: str, client: Client, now: datetime, tz: ZoneInfo,
                holidays: frozenset[date]) -> Row:
    """A flagged mention no safety case of ``kind`` holds: its clocks as the case it should have had."""
    labels = flagged_labels(mention.labels)
    serious = kind == SafetyKind.ADVERSE_EVENT and "serious" in labels
    day0, _basis = day_zero(mention, mention.channel.sponsorship)
    due = day0 + timedelta(hours=policy_for(client).hours_for(kind, serious))
    return Row(
        source="mention",
        reference=reference,
        scope=Scope.PERIOD,
        outcome=Outcome.NO_CASE,
        kind=kind,
        serious=serious,
        status="",
        labels=labels,
        mention_ids=(mention.pk,),
        inbox_case_id=mention.case_id,
        day0=day0,
        detected_at=mention.received_at,
        forward_due=due,
        coverage=coverage_of(mention.received_at, tz, holidays),
        detected_local=mention.received_at.astimezone(tz),
        late_by=now - due if due < now else None,
    )


def _cases(client: Client) -> QuerySet[SafetyCase]:
    return SafetyCase.objects.filter(client=client).select_related("client", "forwarded_by", "ended_by")


def _coverage(rows: list[Row]) -> list[CoverageStats]:
    out = []
    for cov in Coverage:
        items = [r for r in rows if r.coverage == cov]
        timed = [(r.hours_to_forward, r.reference) for r in items if r.hours_to_forward is not None]
        hours = [h for h, _ in timed]
        worst = max(timed, default=None)
        out.append(CoverageStats(
            coverage=cov,
            items=len(items),
            forwarded=len(timed),
            late=sum(1 for r in items if r.outcome == Outcome.FORWARDED_LATE),
            overdue=sum(1 for r in items if r.is_overdue),
            median_hours=round(statistics.median(hours), 2) if hours else None,
            worst_hours=worst[0] if worst else None,
            worst_reference=worst[1] if worst else "",
        ))
    return out


def _totals(rows: list[Row], carried_over: list[Row], flagged_mentions: int) -> Totals:
    cases = [r for r in rows if r.source == "case"]
    forwarded = [r for r in cases if r.forwarded_at is not None]
    return Totals(
        flagged_mentions=flagged_mentions,
        mentions_without_case=len({r.mention_ids for r in rows if r.outcome == Outcome.NO_CASE}),
        safety_cases=len(cases),
        adverse_events=sum(1 for r in cases if r.kind == SafetyKind.ADVERSE_EVENT),
        product_complaints=sum(1 for r in cases if r.kind == SafetyKind.PRODUCT_COMPLAINT),
        serious=sum(1 for r in cases if r.serious),
        forwarded=len(forwarded),
        forwarded_on_time=sum(1 for r in cases if r.outcome == Outcome.FORWARDED_ON_TIME),
        forwarded_late=sum(1 for r in cases if r.outcome == Outcome.FORWARDED_LATE),
        acknowledged=sum(1 for r in cases if r.acknowledged_at is not None),
        awaiting_acknowledgement=sum(1 for r in forwarded if r.acknowledged_at is None and r.status not in ENDED),
        pending=sum(1 for r in cases if r.outcome == Outcome.PENDING),
        overdue=sum(1 for r in rows if r.is_overdue),
        dismissed=sum(1 for r in cases if r.outcome == Outcome.DISMISSED),
        closed_unforwarded=sum(1 for r in cases if r.outcome == Outcome.CLOSED),
        ended_after_due=sum(1 for r in cases if r.ended_after_due),
        breaches=sum(1 for r in rows if r.is_breach),
        carried_over_overdue=len(carried_over),
    )


# ------------------------------------------------------------------ the report
def reconcile(client: Client, start: date, end: date, now: datetime | None = None) -> Reconciliation:
    """Every flagged item of ``client`` from ``start`` to ``end`` (local dates, inclusive)."""
    if end < start:
        raise ValueError("the period ends before it starts")
    now = now or timezone.now()
    tz = client.tz
    holidays = client_holidays(client)
    start_at, end_at = local_bounds(tz, start, end)

    # Flagged mentions received in the period (the quoted-label pre-filter is exact; checked again).
    candidates = (Mention.objects.filter(client=client, direction=Direction.INBOUND,
                                         received_at__gte=start_at, received_at__lt=end_at)
                  .filter(_labels_prefilter()))
    mentions = {m.pk: m for m in candidates.select_related("channel").only(
        "id", "labels", "received_at", "created_at", "case_id", "channel__sponsorship") if flagged_labels(m.labels)}
    links = list(SafetyCaseMention.objects.filter(mention__in=candidates.values("id"))
                 .values_list("safety_case_id", "mention_id", "safety_case__kind"))
    linked_case_ids = {case_id for case_id, mention_id, _ in links if mention_id in mentions}

    cases = list(_cases(client).filter(
        Q(detected_at__gte=start_at, detected_at__lt=end_at) | Q(id__in=linked_case_ids)
    ).order_by("detected_at", "number"))
    # Every mention each case holds (its labels too), not only the period's.
    held: dict[int, list[tuple[int, list[str]]]] = {}
    for case_id, mention_id, labels in (SafetyCaseMention.objects
                                        .filter(safety_case__in=[c.pk for c in cases])
                                        .order_by("mention_id")
                                        .values_list("safety_case_id", "mention_id", "mention__labels")):
        held.setdefault(case_id, []).append((mention_id, labels or []))

    rows: list[Row] = []
    for sc in cases:
        in_period = start_at <= sc.detected_at < end_at
        items = held.get(sc.pk, [])
        labels = tuple(sorted({label for _, ls in items for label in flagged_labels(ls)}))
        rows.append(_case_row(sc, Scope.PERIOD if in_period else Scope.LINKED, labels,
                              tuple(m for m, _ in items), now, tz, holidays))
    # A flagged mention must be in a case of each kind its labels call for (as the sweeper has it).
    held_kinds = {(mention_id, kind) for _, mention_id, kind in links}
    for mention in sorted(mentions.values(), key=lambda m: (m.received_at, m.pk)):
        wanted = kinds_for(mention.labels or [])
        missing = [k for k in wanted if (mention.pk, k) not in held_kinds]
        for kind in missing:
            reference = f"mention {mention.pk}"
            if len(wanted) > 1:
                reference += " (AE)" if kind == SafetyKind.ADVERSE_EVENT else " (PC)"
            rows.append(_orphan_row(mention, kind, reference, client, now, tz, holidays))
    rows.sort(key=lambda r: (r.detected_at, r.reference))

    # Older cases still past due: a period filter must never hide one.
    carried_over = [
        _case_row(sc, Scope.CARRIED_OVER, (), (), now, tz, holidays)
        for sc in _cases(client).filter(detected_at__lt=start_at, forwarded_at__isnull=True,
                                        forward_due__lt=now)
        .exclude(status__in=ENDED).exclude(id__in=linked_case_ids).order_by("forward_due", "number")
    ]
    return Reconciliation(
        client=client, start=start, end=end, start_at=start_at, end_at=end_at, now=now,
        rows=rows, carried_over=carried_over, totals=_totals(rows, carried_over, len(mentions)),
        coverage=_coverage(rows),
    )
