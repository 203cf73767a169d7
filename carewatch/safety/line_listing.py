"""CSV exports of the safety reports: the daily line listing and the reconciliation table.

The daily line listing has one row per event of one local day (the client's time zone): every
safety case opened (detected), forwarded, acknowledged, dismissed or closed that day, with the
case's clocks, so the day's traffic to PV can be checked line by line against PV's own intake.

Every text cell is defused against formula injection: a spreadsheet would run a cell starting
with ``= + - @`` (or a tab or carriage return), and reaction texts, products and reasons come
from the public or from people; such a cell gets a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from django.db.models import Q

from carewatch.safety.models import MINIMUM_ELEMENTS, SafetyCase, SafetyStatus
from carewatch.safety.reconciliation import Reconciliation, Row, format_duration, local_bounds, recipients
from carewatch.tenancy.models import Client

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | float | bool | datetime | None


def safe_cell(value: Cell) -> str:
    """A CSV cell a spreadsheet shows as text, never evaluates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.isoformat()
    text = str(value)
    if isinstance(value, str) and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def write_csv(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return out.getvalue()


def _texts(items: object, key: str) -> str:
    if not isinstance(items, list):
        return ""
    values = [str(i.get(key, "")) if isinstance(i, dict) else str(i) for i in items]
    return "; ".join(v for v in values if v)


# ------------------------------------------------------------------ the daily line listing
LINE_LISTING_HEADER = (
    "event", "event_at_utc", "event_at_local", "reference", "kind", "serious", "status",
    "day0_utc", "day0_basis", "detected_at_utc", "forward_due_utc", "forwarded_at_utc", "forwarded_late",
    "forwarded_by", "forwarded_to", "acknowledged_at_utc", "acknowledged_by", "pv_reference",
    "ended_at_utc", "ended_by", "end_reason", "products", "reactions", "seriousness", "special_situations",
    "elements_present", "follow_up_needed", "mentions",
)


def _events(sc: SafetyCase) -> list[tuple[str, datetime]]:
    events: list[tuple[str, datetime]] = [("opened", sc.detected_at)]
    if sc.forwarded_at is not None:
        events.append(("forwarded", sc.forwarded_at))
    if sc.acknowledged_at is not None:
        events.append(("acknowledged", sc.acknowledged_at))
    if sc.ended_at is not None and sc.status in (SafetyStatus.DISMISSED, SafetyStatus.CLOSED):
        events.append((str(sc.status), sc.ended_at))
    return events


def line_listing_rows(client: Client, day: date) -> list[list[Cell]]:
    tz = client.tz
    start_at, end_at = local_bounds(tz, day, day)

    def within(name: str) -> Q:
        return Q(**{f"{name}__gte": start_at, f"{name}__lt": end_at})

    cases = (SafetyCase.objects.filter(client=client)
             .filter(within("detected_at") | within("forwarded_at") | within("acknowledged_at") | within("ended_at"))
             .select_related("client", "forwarded_by", "ended_by").prefetch_related("links"))
    rows: list[tuple[datetime, str, list[Cell]]] = []
    for sc in cases:
        mentions = " ".join(str(link.mention_id) for link in sorted(sc.links.all(), key=lambda x: x.mention_id))
        late: bool | None = None if sc.forwarded_at is None else sc.forwarded_at > sc.forward_due
        for event, at in _events(sc):
            if not start_at <= at < end_at:
                continue
            rows.append((at, sc.reference, [
                event, at, at.astimezone(tz), sc.reference, sc.kind, sc.serious, sc.status,
                sc.day0, sc.day0_basis, sc.detected_at, sc.forward_due, sc.forwarded_at, late,
                sc.forwarded_by.email if sc.forwarded_by else "", "; ".join(recipients(sc.forwarded_to)),
                sc.acknowledged_at, sc.acknowledged_by, sc.pv_reference,
                sc.ended_at, sc.ended_by.email if sc.ended_by else "", sc.end_reason,
                _texts(sc.products, "name"), _texts(sc.reactions, "text"), _texts(sc.seriousness, ""),
                _texts(sc.special_situations, ""), f"{sc.present_count}/{len(MINIMUM_ELEMENTS)}",
                sc.follow_up_needed, mentions,
            ]))
    rows.sort(key=lambda r: (r[0], r[1]))
    return [r[2] for r in rows]


def line_listing_csv(client: Client, day: date) -> str:
    """Every safety case of ``client`` opened, forwarded, acknowledged or ended on ``day``."""
    return write_csv(LINE_LISTING_HEADER, line_listing_rows(client, day))


# ------------------------------------------------------------------ the reconciliation table
RECONCILIATION_HEADER = (
    "reference", "source", "scope", "outcome", "finding", "kind", "serious", "status", "labels",
    "coverage", "detected_local", "day0_utc", "detected_at_utc", "forward_due_utc", "forwarded_at_utc",
    "hours_to_forward", "late_by", "forwarded_by", "forwarded_to", "acknowledged_at_utc", "acknowledged_by",
    "pv_reference", "ended_at_utc", "ended_by", "end_reason", "mentions", "inbox_case",
)


def reconciliation_cells(r: Row) -> list[Cell]:
    return [
        r.reference, r.source, str(r.scope), str(r.outcome), r.finding, r.kind, r.serious, r.status,
        " ".join(r.labels), str(r.coverage), r.detected_local, r.day0, r.detected_at, r.forward_due,
        r.forwarded_at, r.hours_to_forward, format_duration(r.late_by), r.forwarded_by, "; ".join(r.forwarded_to),
        r.acknowledged_at, r.acknowledged_by, r.pv_reference, r.ended_at, r.ended_by, r.end_reason,
        " ".join(str(m) for m in r.mention_ids), r.inbox_case_id,
    ]


def reconciliation_csv(rec: Reconciliation) -> str:
    """One line per flagged item of the period, then each older item still past due."""
    return write_csv(RECONCILIATION_HEADER, [reconciliation_cells(r) for r in rec.rows + rec.carried_over])
