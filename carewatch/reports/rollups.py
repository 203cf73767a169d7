"""Derive each case's facts and the daily rollups from the recorded history; keep them current.

The only writer of ``CaseFact``, ``DailyRollup`` and ``RollupCursor``. Nothing here is a state
change a person makes (no audit event): these rows are a cache of figures that
``rebuild`` re-derives from the mentions, the outbox, the safety cases, the link clicks and the
audit trail at any time, with the same result as the incremental ``refresh``.

Incremental: ``refresh`` reads three change feeds past its cursors (new mentions by id, new link
clicks by id, new audit events by sequence number: every state change of a case, a send or a
safety case writes one), re-derives the facts of the cases they touch and recomputes only the
(client, platform, local day) cells those changes fall in. A cell is recomputed from its rows,
never incremented, so running twice, or two workers at once, gives the same rows.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from carewatch.audit.models import AuditEvent
from carewatch.inbox.ingest import DEFAULT_FIRST_RESPONSE_MINUTES
from carewatch.inbox.models import Case, CaseStatus, Direction, Mention
from carewatch.replies.models import LinkClick, OutboundAction, OutboundStatus, ReplyDraft, Verb
from carewatch.reports.models import ALL_PLATFORMS, CaseFact, DailyRollup, MonthlyRollup, RollupCursor
from carewatch.reports.totals import ROW_FIELDS, Totals, slot
from carewatch.routing.models import CaseRouting
from carewatch.safety.models import SafetyCase, SafetyStatus
from carewatch.sla.models import CaseClock, Touch, TouchSequence, TouchState
from carewatch.tenancy.calendar import BusinessCalendar, business_minutes_between, client_calendar
from carewatch.tenancy.models import Client

REPLY_VERBS = (Verb.REPLY, Verb.PRIVATE_REPLY, Verb.DM)
EXCLUDED_REASONS = frozenset({"spam", "no reply needed"})
BATCH = 2000
# A mention not yet screened by triage (no sentiment yet) is read again on later runs, for up
# to this long after it arrived.
TRIAGE_GRACE = timedelta(hours=1)

Cell = tuple[int, str, date]  # client id, platform, local day


def target_minutes(client: Client) -> int:
    """The client's first-response target in calendar minutes (``reports.target_minutes`` in
    the client's settings; when unset, the one default first-response target, 240)."""
    value = ((client.settings or {}).get("reports") or {}).get("target_minutes", DEFAULT_FIRST_RESPONSE_MINUTES)
    try:
        minutes = int(value)
    except (TypeError, ValueError):
        return DEFAULT_FIRST_RESPONSE_MINUTES
    return minutes if minutes > 0 else DEFAULT_FIRST_RESPONSE_MINUTES


def day_bounds(tz: Any, first: date, last: date) -> tuple[datetime, datetime]:
    """[start of ``first``, start of the day after ``last``) in ``tz``, as UTC instants."""
    start = datetime.combine(first, time(0), tzinfo=tz).astimezone(UTC)
    end = datetime.combine(last + timedelta(days=1), time(0), tzinfo=tz).astimezone(UTC)
    return start, end


def whole_minutes(minutes: float) -> int:
    """Minutes rounded up to the whole minute (a reply 4 min 1 s after counts as 5 minutes), so
    "within N minutes" read off a histogram is exact."""
    return max(0, math.ceil(round(minutes, 6)))


class _Clients:
    """Client rows, calendars and time zones, loaded once per run."""

    def __init__(self) -> None:
        self._clients: dict[int, Client] = {}
        self._calendars: dict[int, BusinessCalendar] = {}

    def get(self, client_id: int) -> Client:
        if client_id not in self._clients:
            self._clients[client_id] = Client.objects.get(pk=client_id)
        return self._clients[client_id]

    def calendar(self, client_id: int) -> BusinessCalendar:
        if client_id not in self._calendars:
            self._calendars[client_id] = client_calendar(self.get(client_id))
        return self._calendars[client_id]

    def day(self, client_id: int, at: datetime) -> date:
        return at.astimezone(self.get(client_id).tz).date()


@dataclass(frozen=True)
class _Reply:
    at: datetime
    agent_id: int | None


# ------------------------------------------------------------------ case facts
def derive_facts(case_ids: Iterable[int], clients: _Clients | None = None) -> set[Cell]:
    """Re-derive the facts of these cases; the cells whose figures may have changed (where
    each case counted before and where it counts now)."""
    clients = clients or _Clients()
    ids = sorted(set(case_ids))
    cells: set[Cell] = set()
    for start in range(0, len(ids), BATCH):
        cells |= _derive_chunk(ids[start:start + BATCH], clients)
    return cells


def _next_responses(inbound: list[datetime], answers: list[_Reply]) -> list[float]:
    """Calendar minutes of each next response: from the first customer message after a brand
    reply to the brand's next reply (a spell still waiting is not counted)."""
    events = sorted([(r.at, 0) for r in answers] + [(at, 1) for at in inbound])  # a reply first on a tie
    out: list[float] = []
    answered = False
    waiting: datetime | None = None
    for at, kind in events:
        if kind == 0:
            if answered and waiting is not None:
                out.append((at - waiting).total_seconds() / 60)
            waiting = None
            answered = True
        elif answered and waiting is None:
            waiting = at
    return out


def _sla_outcomes(clock: dict[str, Any] | None) -> dict[str, int]:
    """The case's SLA clock as counts: each clock ran / met (stopped before its deadline) /
    warned / breached; next response: cases with a breach and breaches (every cycle)."""
    if clock is None:
        return {}
    out: dict[str, int] = {}
    for kind in ("first", "resolution"):
        if clock[f"{kind}_due"] is None and clock[f"{kind}_breached_at"] is None:
            continue
        out[f"{kind}_ran"] = 1
        out[f"{kind}_met"] = int(clock[f"{kind}_met_at"] is not None and clock[f"{kind}_breached_at"] is None)
        out[f"{kind}_warned"] = int(clock[f"{kind}_warned_at"] is not None)
        out[f"{kind}_breached"] = int(clock[f"{kind}_breached_at"] is not None)
    breaches = int(clock["next_breaches"] or 0)
    if breaches:
        out["next_cases_breached"] = 1
        out["next_breaches"] = breaches
    return {k: v for k, v in out.items() if v}


def _touch_outcomes(cycles: dict[int, int], sequence: tuple[int, str] | None) -> dict[str, int]:
    """Each three-touch cycle that made a touch, by how it ended: ``answered_N`` (the customer
    wrote after touch N, which started a new cycle), ``closed_no_response`` (closed after touch
    3 without an answer), ``following_up`` (still running) or ``stopped`` (a safety case, or
    the case closed by a person)."""
    out: dict[str, int] = {}
    for cycle, touches in cycles.items():
        if sequence is not None and cycle < sequence[0]:
            key = f"answered_{touches}"
        elif sequence is not None and sequence[1] == TouchState.CLOSED:
            key = "closed_no_response"
        elif sequence is not None and sequence[1] == TouchState.ACTIVE:
            key = "following_up"
        else:
            key = "stopped"
        out[key] = out.get(key, 0) + 1
    return out


CLOCK_FIELDS = ("case_id", "first_due", "first_met_at", "first_warned_at", "first_breached_at", "resolution_due",
                "resolution_met_at", "resolution_warned_at", "resolution_breached_at", "next_breaches")


def _derive_chunk(ids: list[int], clients: _Clients) -> set[Cell]:
    cells: set[Cell] = {
        (c, p, d) for c, p, d in CaseFact.objects.filter(case_id__in=ids).values_list("client_id", "platform", "day")
    }
    cases = {row[0]: row[1:] for row in Case.objects.filter(pk__in=ids).values_list(
        "pk", "client_id", "platform", "status", "close_reason", "channel_id", "language", "closed_at")}
    inbound: dict[int, list[datetime]] = {}
    for case_id, created_at in Mention.objects.filter(case_id__in=ids, direction=Direction.INBOUND).values_list(
            "case_id", "created_at"):
        inbound.setdefault(case_id, []).append(created_at)
    replies: dict[int, list[_Reply]] = {}
    sent_ids: dict[int, set[str]] = {}
    for case_id, sent_at, external_id, agent_id in OutboundAction.objects.filter(
            case_id__in=ids, status=OutboundStatus.SENT, verb__in=REPLY_VERBS, sent_at__isnull=False,
    ).values_list("case_id", "sent_at", "external_id", "created_by_id"):
        if sent_at is not None:
            replies.setdefault(case_id, []).append(_Reply(sent_at, agent_id))
        if external_id:
            sent_ids.setdefault(case_id, set()).add(external_id)
    for case_id, created_at, external_id in Mention.objects.filter(
            case_id__in=ids, direction=Direction.OUTBOUND).values_list("case_id", "created_at", "external_id"):
        if external_id in sent_ids.get(case_id, ()):
            continue  # the platform's echo of our own send is that send
        replies.setdefault(case_id, []).append(_Reply(created_at, None))
    safety = set(SafetyCase.objects.filter(case_id__in=ids).exclude(status=SafetyStatus.DISMISSED)
                 .values_list("case_id", flat=True))
    teams = dict(CaseRouting.objects.filter(case_id__in=ids).values_list("case_id", "team"))
    reopened: dict[int, int] = {}
    for object_id, data in AuditEvent.objects.filter(
            object_type="inbox.case", object_id__in=[str(pk) for pk in ids], action="case.status",
    ).values_list("object_id", "data"):
        if isinstance(data, dict) and data.get("from") == CaseStatus.CLOSED and data.get("to") != CaseStatus.CLOSED:
            reopened[int(object_id)] = reopened.get(int(object_id), 0) + 1
    clocks = {row["case_id"]: row for row in CaseClock.objects.filter(case_id__in=ids).values(*CLOCK_FIELDS)}
    cycles: dict[int, dict[int, int]] = {}
    for case_id, cycle, number in Touch.objects.filter(case_id__in=ids).values_list("case_id", "cycle", "number"):
        per = cycles.setdefault(case_id, {})
        per[cycle] = max(per.get(cycle, 0), number)
    sequences = {pk: (cycle, state) for pk, cycle, state in
                 TouchSequence.objects.filter(case_id__in=ids).values_list("case_id", "cycle", "state")}
    facts: list[CaseFact] = []
    for pk, (client_id, platform, status, reason, channel_id, language, closed_at) in cases.items():
        arrivals = inbound.get(pk)
        if not arrivals:
            continue  # no inbound message (yet): not a case the reports count
        began = min(arrivals)
        answers = sorted((r for r in replies.get(pk, []) if r.at >= began), key=lambda r: r.at)
        first = answers[0] if answers else None
        closed = status == CaseStatus.CLOSED and closed_at is not None
        fact = CaseFact(
            case_id=pk, client_id=client_id, platform=platform, day=clients.day(client_id, began),
            first_in_at=began, replies=len(answers),
            excluded=status == CaseStatus.CLOSED and (reason or "").strip().lower() in EXCLUDED_REASONS,
            safety=pk in safety, channel_id=channel_id, language=language or "", team=teams.get(pk, "") or "",
            next_minutes=[round(m, 4) for m in _next_responses(arrivals, answers)],
            resolution_minutes=max(0.0, (closed_at - began).total_seconds() / 60) if closed and closed_at else None,
            reopened=reopened.get(pk, 0), sla=_sla_outcomes(clocks.get(pk)),
            touches=_touch_outcomes(cycles.get(pk, {}), sequences.get(pk)),
        )
        if first is not None:
            fact.first_reply_at = first.at
            fact.first_reply_agent_id = first.agent_id
            fact.calendar_minutes = (first.at - began).total_seconds() / 60
            fact.business_minutes = business_minutes_between(began, first.at, clients.calendar(client_id))
        facts.append(fact)
        cells.add((client_id, platform, fact.day))
    with transaction.atomic():
        kept = {f.case_id for f in facts}
        gone = [pk for pk in ids if pk not in kept]
        if gone:
            CaseFact.objects.filter(case_id__in=gone).delete()
        CaseFact.objects.bulk_create(
            facts, batch_size=500, update_conflicts=True, unique_fields=["case"],
            update_fields=["client", "platform", "day", "first_in_at", "first_reply_at", "first_reply_agent",
                           "calendar_minutes", "business_minutes", "replies", "excluded", "safety", "channel",
                           "language", "team", "next_minutes", "resolution_minutes", "reopened", "sla", "touches",
                           "computed_at"],
        )
    return cells


# ------------------------------------------------------------------ cells
def recompute_cells(cells: Iterable[Cell], clients: _Clients | None = None) -> int:
    """Recompute these (client, platform, day) rows, then each touched day's all-platform row
    and each touched month's rows."""
    clients = clients or _Clients()
    done = sorted({cell for cell in cells if cell[1] != ALL_PLATFORMS})
    for client_id, platform, day in done:
        recompute_cell(client_id, platform, day, clients=clients)
    resum(done)
    return len(done)


def resum(cells: Iterable[Cell]) -> None:
    """Rewrite the all-platform rows of these cells' days and the monthly rows of their months
    from the daily rows (already current)."""
    days: set[tuple[int, date]] = set()
    months: set[tuple[int, str, date]] = set()
    for client_id, platform, day in cells:
        days.add((client_id, day))
        months.add((client_id, platform, day.replace(day=1)))
        months.add((client_id, ALL_PLATFORMS, day.replace(day=1)))
    for client_id, day in sorted(days):
        _sum_rows(DailyRollup, DailyRollup.objects.filter(client_id=client_id, day=day)
                  .exclude(platform=ALL_PLATFORMS), {"client_id": client_id, "day": day, "platform": ALL_PLATFORMS})
    for client_id, platform, month in sorted(months):
        nxt = (month + timedelta(days=32)).replace(day=1)
        rows = DailyRollup.objects.filter(client_id=client_id, platform=platform, day__gte=month, day__lt=nxt)
        _sum_rows(MonthlyRollup, rows, {"client_id": client_id, "month": month, "platform": platform})


def _upsert(model: type[DailyRollup] | type[MonthlyRollup], where: dict[str, Any], values: dict[str, Any]) -> None:
    """Insert the row at ``where`` or overwrite its figures (one statement on both engines)."""
    keys = list(where)
    row: Any = model(**where, **values)
    model.objects.bulk_create(
        [row], update_conflicts=True,
        unique_fields=[k.removesuffix("_id") for k in keys], update_fields=[*values, "updated_at"])


def _sum_rows(model: type[DailyRollup] | type[MonthlyRollup], rows: Any, where: dict[str, Any]) -> None:
    """Write the sum of ``rows`` as the ``model`` row at ``where`` (deleted when there is
    nothing to sum)."""
    totals = Totals()
    found = False
    for row in rows.values(*ROW_FIELDS):
        totals.add_row(row)
        found = True
    with transaction.atomic():
        if not found:
            model.objects.filter(**where).delete()
        else:
            _upsert(model, where, totals.as_row())


def recompute_cell(client_id: int, platform: str, day: date, *, clients: _Clients | None = None) -> None:
    """Recompute one (client, platform, local day) row from the rows it summarises."""
    clients = clients or _Clients()
    tz = clients.get(client_id).tz
    start, end = day_bounds(tz, day, day)
    totals = Totals()
    sums = totals.sums
    kinds = totals.counters["by_kind"]
    for kind, hidden, deleted, label, created_at in Mention.objects.filter(
            client_id=client_id, platform=platform, direction=Direction.INBOUND,
            created_at__gte=start, created_at__lt=end,
    ).values_list("kind", "is_hidden", "is_deleted", "triage__sentiment__label", "created_at"):
        sums["mentions"] += 1
        kinds[kind] += 1
        sums["hidden"] += bool(hidden)
        sums["removed"] += bool(deleted)
        local = created_at.astimezone(tz)
        totals.heat_in[slot(local.weekday(), local.hour)] += 1
        if label in ("negative", "neutral", "positive"):
            sums[f"sentiment_{label}"] += 1
    agents = totals.counters["agents"]
    for (excluded, replied_at, cal, bus, safety, agent_id, next_minutes, resolution, reopened, sla,
         touches) in CaseFact.objects.filter(client_id=client_id, platform=platform, day=day).values_list(
            "excluded", "first_reply_at", "calendar_minutes", "business_minutes", "safety", "first_reply_agent_id",
            "next_minutes", "resolution_minutes", "reopened", "sla", "touches"):
        sums["cases"] += 1
        sums["safety_cases"] += bool(safety)
        sums["reopened"] += bool(reopened)
        if sla:
            totals.counters["sla"].update(sla)
        if touches:
            totals.counters["touches"].update(touches)
        if not excluded:
            for minutes in next_minutes or []:
                totals.add_minutes("next_hist", whole_minutes(minutes))
                sums["next_sum"] += minutes
            if resolution is not None:
                totals.add_minutes("resolution_hist", whole_minutes(resolution))
                sums["resolution_sum"] += resolution
        if replied_at is not None:
            sums["replied"] += 1
            agents[str(agent_id or "")] += 1
            local = replied_at.astimezone(tz)
            totals.heat_out[slot(local.weekday(), local.hour)] += 1
        if excluded:
            continue
        sums["counted"] += 1
        if replied_at is not None and cal is not None and bus is not None:
            sums["answered"] += 1
            totals.add_minutes("calendar_hist", whole_minutes(cal))
            totals.add_minutes("business_hist", whole_minutes(bus))
            sums["calendar_sum"] += cal
            sums["business_sum"] += bus
    clicks = LinkClick.objects.filter(link__client_id=client_id, link__platform=platform,
                                      at__gte=start, at__lt=end).aggregate(
        human=Count("pk", filter=Q(bot=False)), bot=Count("pk", filter=Q(bot=True)))
    sums["clicks"], sums["bot_clicks"] = clicks["human"], clicks["bot"]
    where: dict[str, Any] = {"client_id": client_id, "platform": platform, "day": day}
    with transaction.atomic():
        if not (sums["mentions"] or sums["cases"] or sums["clicks"] or sums["bot_clicks"]):
            DailyRollup.objects.filter(**where).delete()
            return
        _upsert(DailyRollup, where, totals.as_row())


# ------------------------------------------------------------------ incremental refresh
def _cursor(name: str) -> int:
    return RollupCursor.objects.filter(name=name).values_list("position", flat=True).first() or 0


def _move(name: str, position: int) -> None:
    RollupCursor.objects.update_or_create(name=name, defaults={"position": position})


def _cases_of_audit(rows: list[tuple[str, str]]) -> set[int]:
    """The cases a batch of audit events is about."""
    ids: dict[str, set[int]] = {}
    for object_type, object_id in rows:
        if object_id.isdigit():
            ids.setdefault(object_type, set()).add(int(object_id))
    found = set(ids.get("inbox.case", set()))
    # A reply's events before the merge of the responses app into replies carry its old label.
    for model, labels in ((OutboundAction, ("replies.outboundaction",)), (SafetyCase, ("safety.safetycase",)),
                          (ReplyDraft, ("replies.replydraft", "responses.replydraft"))):
        pks = set().union(*(ids.get(label, set()) for label in labels))
        if pks:
            found.update(c for c in model.objects.filter(pk__in=pks).values_list("case_id", flat=True)
                         if c is not None)
    return found


@dataclass
class RefreshSummary:
    mentions: int = 0
    clicks: int = 0
    audit_events: int = 0
    cases: int = 0
    cells: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


def refresh(*, limit: int = 50_000) -> RefreshSummary:
    """Bring the facts and rollups up to date with what happened since the last run."""
    clients = _Clients()
    summary = RefreshSummary()
    cells: set[Cell] = set()
    case_ids: set[int] = set()
    now = timezone.now()

    position = _cursor("mention")
    hold: int | None = None
    last = position
    for pk, client_id, platform, direction, created_at, case_id, triaged_at, received_at in (
            Mention.objects.filter(pk__gt=position).order_by("pk").values_list(
                "pk", "client_id", "platform", "direction", "created_at", "case_id", "triaged_at",
                "received_at")[:limit]):
        summary.mentions += 1
        last = pk
        if direction == Direction.INBOUND and triaged_at is None and received_at > now - TRIAGE_GRACE:
            # Read again until triage has given it a sentiment, and counted then: a backlog's
            # waiting mentions (an import) are not derived again every minute while they wait.
            if hold is None:
                hold = pk - 1
            continue
        if case_id is not None:
            case_ids.add(case_id)
        if direction == Direction.INBOUND:
            cells.add((client_id, platform, clients.day(client_id, created_at)))
    new_mention_position = hold if hold is not None else last

    position = _cursor("click")
    last_click = position
    for pk, client_id, platform, at in LinkClick.objects.filter(pk__gt=position).order_by("pk").values_list(
            "pk", "link__client_id", "link__platform", "at")[:limit]:
        summary.clicks += 1
        last_click = pk
        cells.add((client_id, platform, clients.day(client_id, at)))

    position = _cursor("audit")
    events = list(AuditEvent.objects.filter(seq__gt=position).order_by("seq")
                  .values_list("seq", "object_type", "object_id")[:limit])
    summary.audit_events = len(events)
    case_ids |= _cases_of_audit([(t, o) for _s, t, o in events])
    last_seq = events[-1][0] if events else position

    summary.cases = len(case_ids)
    cells |= derive_facts(case_ids, clients)
    summary.cells = recompute_cells(cells, clients)
    with transaction.atomic():
        _move("mention", new_mention_position)
        _move("click", last_click)
        _move("audit", last_seq)
    return summary


def rebuild(client: Client | None = None) -> RefreshSummary:
    """Throw the facts and rollups away (of one client, or all) and derive them again."""
    clients = _Clients()
    summary = RefreshSummary()
    # The feeds' ends before reading: what arrives meanwhile is read again by the next refresh.
    ends = {
        "mention": Mention.objects.order_by("-pk").values_list("pk", flat=True).first() or 0,
        "click": LinkClick.objects.order_by("-pk").values_list("pk", flat=True).first() or 0,
        "audit": AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0,
    }
    scope = Q(client=client) if client is not None else Q()
    with transaction.atomic():
        CaseFact.objects.filter(scope).delete()
        DailyRollup.objects.filter(scope).delete()
        MonthlyRollup.objects.filter(scope).delete()
    case_qs = Case.objects.filter(client=client) if client is not None else Case.objects.all()
    cells: set[Cell] = set()
    chunk: list[int] = []
    for pk in case_qs.order_by("pk").values_list("pk", flat=True).iterator(chunk_size=BATCH):
        chunk.append(pk)
        if len(chunk) >= BATCH:
            cells |= _derive_chunk(chunk, clients)
            summary.cases += len(chunk)
            chunk = []
    if chunk:
        cells |= _derive_chunk(chunk, clients)
        summary.cases += len(chunk)
    mentions = Mention.objects.filter(direction=Direction.INBOUND)
    if client is not None:
        mentions = mentions.filter(client=client)
    for client_id, platform, created_at in mentions.values_list("client_id", "platform", "created_at").iterator(
            chunk_size=5000):
        summary.mentions += 1
        cells.add((client_id, platform, clients.day(client_id, created_at)))
    clicks = LinkClick.objects.all() if client is None else LinkClick.objects.filter(link__client=client)
    for client_id, platform, at in clicks.values_list("link__client_id", "link__platform", "at").iterator(
            chunk_size=5000):
        summary.clicks += 1
        cells.add((client_id, platform, clients.day(client_id, at)))
    summary.cells = recompute_cells(cells, clients)
    if client is None:
        with transaction.atomic():
            for name, position in ends.items():
                _move(name, position)
    return summary
