"""The safety proof reports: the reconciliation (rows, totals, headline, coverage; page, CSV, PDF)
and the daily line listing, built on safety cases and labelled mentions made with the ORM.

Northwind is in America/New_York (UTC-5 in late November); 2026-11-26 is its holiday. The clock
reads 2026-12-01 12:00 UTC.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
import zlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client as HttpClient
from django.urls import include, path

from carewatch import urls as root_urls
from carewatch.audit.models import AuditEvent
from carewatch.inbox.models import Mention
from carewatch.safety.line_listing import LINE_LISTING_HEADER, line_listing_csv, reconciliation_csv, safe_cell
from carewatch.safety.models import SafetyCase, SafetyCaseMention, SafetyKind, SafetyStatus
from carewatch.safety.reconciliation import Coverage, Outcome, Reconciliation, Scope, reconcile
from carewatch.safety.report_pdf import latin1, reconciliation_pdf
from carewatch.tenancy.models import Client, Role, User
from tests.conftest import make_user

# This module doubles as the URLconf of its view tests, until the project's includes the reports.
urlpatterns = list(root_urls.urlpatterns)
if not any(getattr(p, "namespace", None) == "safety_reports" for p in urlpatterns):
    urlpatterns.append(path("safety/reports/", include("carewatch.safety.report_urls")))

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
NOV_START, NOV_END = date(2026, 11, 1), date(2026, 11, 30)
HOLIDAY = "2026-11-26"


def utc(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


def make_case(client: Client, number: int, detected: datetime, *, kind: str = SafetyKind.ADVERSE_EVENT,
              hours: float = 24, status: str = SafetyStatus.FLAGGED, forwarded: datetime | None = None,
              acknowledged: datetime | None = None, serious: bool = False, **extra: Any) -> SafetyCase:
    if forwarded is not None and status == SafetyStatus.FLAGGED:
        status = SafetyStatus.ACKNOWLEDGED if acknowledged else SafetyStatus.FORWARDED
    return SafetyCase.objects.create(
        client=client, number=number, kind=kind, status=status, serious=serious,
        day0=detected, day0_basis="first_seen", forward_due=detected + timedelta(hours=hours),
        regulatory_due=detected + timedelta(days=15), detected_at=detected,
        forwarded_at=forwarded, forwarded_to=["pv@northwind.test"] if forwarded else [],
        acknowledged_at=acknowledged, acknowledged_by="pv@northwind.test" if acknowledged else "",
        pv_reference=f"PV-{number}" if acknowledged else "", **extra,
    )


def flag(mention: Mention, labels: list[str], received: datetime, created: datetime | None = None) -> Mention:
    Mention.objects.filter(pk=mention.pk).update(labels=labels, received_at=received, created_at=created or received)
    return Mention.objects.get(pk=mention.pk)


def attach(sc: SafetyCase, mention: Mention) -> None:
    SafetyCaseMention.objects.create(safety_case=sc, mention=mention, snapshot={"text": mention.text},
                                     snapshot_hash="0" * 64, is_primary=True)


@dataclass
class World:
    northwind: Client
    contoso: Client
    on_time: SafetyCase
    late: SafetyCase
    overdue: SafetyCase
    dismissed: SafetyCase
    saturday: SafetyCase
    holiday: SafetyCase
    orphan: Mention
    held: Mention
    contoso_overdue: SafetyCase


@pytest.fixture
def world(northwind: Client, contoso: Client, make_mention: Any, sam: User) -> World:
    northwind.holidays = [HOLIDAY, "not-a-date"]
    northwind.save()
    sofia = make_user("sofia@agency.test", Role.SAFETY, northwind)
    on_time = make_case(northwind, 1, utc(10, 14), forwarded=utc(10, 17), acknowledged=utc(10, 19))  # Tuesday
    late = make_case(northwind, 2, utc(11, 14), forwarded=utc(12, 20))  # Wednesday, forwarded 30 h later
    overdue = make_case(northwind, 3, utc(27, 15), hours=4, serious=True)  # Friday, due 19:00 UTC, never forwarded
    dismissed = make_case(northwind, 4, utc(12, 15), kind=SafetyKind.PRODUCT_COMPLAINT,
                          status=SafetyStatus.DISMISSED, ended_at=utc(12, 18), ended_by=sofia,
                          end_reason="A question about the price, no complaint")
    saturday = make_case(northwind, 5, utc(14, 16), forwarded=utc(14, 22))  # 11:00 local Saturday, 6 h
    holiday = make_case(northwind, 6, utc(26, 17), forwarded=utc(27, 13))  # Thanksgiving, 20 h
    held = flag(make_mention(northwind), ["adverse_event"], utc(10, 14))
    attach(on_time, held)
    orphan = flag(make_mention(northwind, author="lost"), ["adverse_event", "urgent"], utc(20, 15), utc(20, 14))
    # Labelled but not a safety item: "urgent" alone has its own protocol; outbound is our own reply.
    flag(make_mention(northwind, author="crisis"), ["urgent"], utc(21, 15))
    flag(make_mention(northwind, author="agent", direction="out"), ["adverse_event"], utc(21, 16))
    contoso_overdue = make_case(contoso, 1, utc(20, 10))
    contoso_orphan = make_mention(contoso, author="ctpatient")
    flag(contoso_orphan, ["product_complaint"], utc(20, 10))
    return World(northwind, contoso, on_time, late, overdue, dismissed, saturday, holiday, orphan, held,
                 contoso_overdue)


def november(world: World) -> Reconciliation:
    return reconcile(world.northwind, NOV_START, NOV_END, now=NOW)


def row(rec: Reconciliation, reference: str) -> Any:
    (found,) = [r for r in rec.rows + rec.carried_over if r.reference == reference]
    return found


# ------------------------------------------------------------------ the computation
def test_a_case_forwarded_within_its_deadline_reads_on_time_and_is_no_breach(world: World) -> None:
    r = row(november(world), "NORTHWIND-AE-000001")
    assert r.outcome == Outcome.FORWARDED_ON_TIME and not r.is_breach and r.finding == ""
    assert r.hours_to_forward == 3.0
    assert r.acknowledged_at == utc(10, 19) and r.pv_reference == "PV-1"
    assert r.mention_ids == (world.held.pk,) and r.labels == ("adverse_event",)


def test_a_case_forwarded_after_its_deadline_reads_late_by_how_much(world: World) -> None:
    r = row(november(world), "NORTHWIND-AE-000002")
    assert r.outcome == Outcome.FORWARDED_LATE and r.is_breach and not r.is_overdue
    assert r.late_by == timedelta(hours=6) and r.finding == "Forwarded 6 h 00 min after due"


def test_a_flagged_case_past_due_is_named_in_the_headline_with_how_overdue(world: World) -> None:
    rec = november(world)
    r = row(rec, "NORTHWIND-AE-000003")
    assert r.outcome == Outcome.OVERDUE and r.late_by == NOW - utc(27, 19)
    assert "NORTHWIND-AE-000003 (past due by 3 d 17 h 00 min)" in rec.headline
    assert rec.headline.startswith("Flagged but not forwarded and past due: 2 — ")
    assert [o.reference for o in rec.overdue] == [f"mention {world.orphan.pk}", "NORTHWIND-AE-000003"]


def test_the_headline_reads_zero_when_nothing_flagged_is_left_past_due(world: World) -> None:
    rec = reconcile(world.northwind, date(2026, 11, 9), date(2026, 11, 15), now=NOW)
    assert rec.headline == "Flagged but not forwarded and past due: 0"
    assert rec.totals.overdue == 0 and rec.carried_over == []


def test_a_case_in_review_past_due_counts_as_not_forwarded(world: World) -> None:
    SafetyCase.objects.filter(pk=world.overdue.pk).update(status=SafetyStatus.IN_REVIEW)
    assert row(november(world), "NORTHWIND-AE-000003").outcome == Outcome.OVERDUE


def test_a_case_marked_forwarded_without_a_forward_time_counts_as_not_forwarded(world: World) -> None:
    SafetyCase.objects.filter(pk=world.overdue.pk).update(status=SafetyStatus.FORWARDED)
    assert row(november(world), "NORTHWIND-AE-000003").outcome == Outcome.OVERDUE


def test_a_case_not_yet_due_is_open_within_due_and_not_in_the_headline(world: World) -> None:
    make_case(world.northwind, 7, NOW - timedelta(hours=2), hours=24)
    rec = reconcile(world.northwind, date(2026, 11, 30), date(2026, 12, 1), now=NOW)
    assert row(rec, "NORTHWIND-AE-000007").outcome == Outcome.PENDING
    assert rec.totals.pending == 1 and "000007" not in rec.headline


def test_a_dismissed_case_shows_who_ended_it_when_and_why(world: World) -> None:
    r = row(november(world), "NORTHWIND-PC-000004")
    assert r.outcome == Outcome.DISMISSED and not r.is_breach and r.status == "dismissed"
    assert (r.ended_at, r.ended_by, r.end_reason) == (utc(12, 18), "sofia@agency.test",
                                                       "A question about the price, no complaint")


def test_a_case_dismissed_after_its_deadline_is_a_breach(world: World) -> None:
    SafetyCase.objects.filter(pk=world.dismissed.pk).update(ended_at=utc(13, 18))
    r = row(november(world), "NORTHWIND-PC-000004")
    assert r.is_breach and r.ended_after_due and r.late_by == timedelta(hours=3)
    assert r.finding == "Dismissed 3 h 00 min after due, never forwarded"


def test_items_detected_on_a_saturday_or_a_client_holiday_count_as_off_hours(world: World) -> None:
    rec = november(world)
    assert row(rec, "NORTHWIND-AE-000005").coverage == Coverage.WEEKEND
    assert row(rec, "NORTHWIND-AE-000006").coverage == Coverage.HOLIDAY
    assert row(rec, "NORTHWIND-AE-000001").coverage == Coverage.WEEKDAY
    by = {c.coverage: c for c in rec.coverage}
    assert (by[Coverage.WEEKEND].items, by[Coverage.WEEKEND].forwarded, by[Coverage.WEEKEND].median_hours) == (1, 1, 6.0)
    assert (by[Coverage.HOLIDAY].items, by[Coverage.HOLIDAY].worst_hours) == (1, 20.0)
    assert by[Coverage.HOLIDAY].worst_reference == "NORTHWIND-AE-000006"
    # Weekdays: on time 3 h, late 30 h (median 16.5 h, worst the late one); two past due still open.
    weekday = by[Coverage.WEEKDAY]
    assert (weekday.forwarded, weekday.median_hours, weekday.worst_hours, weekday.worst_reference) == (
        2, 16.5, 30.0, "NORTHWIND-AE-000002")
    assert (weekday.late, weekday.overdue) == (1, 2)
    assert {r.reference for r in rec.off_hours_rows} == {"NORTHWIND-AE-000005", "NORTHWIND-AE-000006"}


def test_weekend_days_are_the_client_s_local_days_not_utc(world: World) -> None:
    # Sunday 2026-11-15 02:00 UTC is still Saturday evening in New York, and Monday 03:00 UTC is Sunday there.
    make_case(world.northwind, 8, utc(15, 2), forwarded=utc(15, 3))
    make_case(world.northwind, 9, utc(16, 3), forwarded=utc(16, 4))
    make_case(world.northwind, 10, utc(14, 3), forwarded=utc(14, 4))  # Saturday 03:00 UTC: Friday in New York
    rec = november(world)
    assert row(rec, "NORTHWIND-AE-000008").coverage == Coverage.WEEKEND
    assert row(rec, "NORTHWIND-AE-000009").coverage == Coverage.WEEKEND
    assert row(rec, "NORTHWIND-AE-000010").coverage == Coverage.WEEKDAY


def test_a_flagged_mention_without_a_safety_case_is_named_and_counted_past_due(world: World) -> None:
    rec = november(world)
    r = row(rec, f"mention {world.orphan.pk}")
    assert r.outcome == Outcome.NO_CASE and r.source == "mention" and r.safety_case_id is None
    assert r.labels == ("adverse_event",)  # "urgent" is not a safety label here
    # An owned channel: day 0 is the post time, 14:00, so it was due at 14:00 the next day.
    assert r.day0 == utc(20, 14) and r.forward_due == utc(21, 14) and r.late_by == NOW - utc(21, 14)
    assert r.finding.startswith("Flagged mention without an adverse event safety case, past due by 9 d 22 h 00 min")
    assert rec.without_case == [r]
    assert rec.totals.mentions_without_case == 1 and rec.totals.flagged_mentions == 2


def test_a_mention_labelled_both_ways_needs_a_case_of_each_kind(world: World, make_mention: Any) -> None:
    both = flag(make_mention(world.northwind, author="both"), ["adverse_event", "product_complaint"], utc(18, 15))
    attach(world.late, both)  # an adverse event case: the complaint is still missing
    rec = november(world)
    assert row(rec, f"mention {both.pk} (PC)").kind == SafetyKind.PRODUCT_COMPLAINT
    assert not [r for r in rec.rows if r.reference == f"mention {both.pk} (AE)"]


def test_a_mention_held_by_its_case_is_not_a_finding_and_adds_its_case_if_older(world: World, make_mention: Any) -> None:
    older = make_case(world.northwind, 11, utc(25, 15, month=10), forwarded=utc(25, 16, month=10))
    follow_up = flag(make_mention(world.northwind, author="again"), ["adverse_event"], utc(3, 15))
    attach(older, follow_up)
    rec = november(world)
    r = row(rec, "NORTHWIND-AE-000011")
    assert r.scope == Scope.LINKED and r.outcome == Outcome.FORWARDED_ON_TIME
    assert not [x for x in rec.rows if x.reference == f"mention {follow_up.pk}"]


def test_another_client_s_cases_and_mentions_never_appear(world: World) -> None:
    rec = november(world)
    text = rec.headline + reconciliation_csv(rec) + line_listing_csv(world.northwind, date(2026, 11, 20))
    assert "CONTOSO" not in text.upper()
    assert all(r.reference.startswith(("NORTHWIND-", "mention ")) for r in rec.rows)
    contoso_ids = set(Mention.objects.filter(client=world.contoso).values_list("id", flat=True))
    assert not {m for r in rec.rows for m in r.mention_ids} & contoso_ids
    # ...and Contoso's own report sees its own.
    theirs = reconcile(world.contoso, NOV_START, NOV_END, now=NOW)
    assert {r.reference for r in theirs.overdue} == {"CONTOSO-AE-000001",
                                                      f"mention {Mention.objects.get(client=world.contoso).pk}"}


def test_period_boundaries_are_midnights_in_the_client_s_time_zone(world: World) -> None:
    make_case(world.northwind, 12, utc(1, 3, 30), forwarded=utc(1, 4))  # 23:30 on 31 October in New York
    make_case(world.northwind, 13, utc(1, 4, 30, month=12), forwarded=utc(1, 5, month=12))  # 23:30 on 30 November
    refs = {r.reference for r in november(world).rows}
    assert "NORTHWIND-AE-000012" not in refs and "NORTHWIND-AE-000013" in refs
    rec = november(world)
    assert rec.start_at == datetime(2026, 11, 1, 4, 0, tzinfo=UTC)  # EDT until 2 a.m. that day
    assert rec.end_at == datetime(2026, 12, 1, 5, 0, tzinfo=UTC)  # EST


def test_an_older_case_still_past_due_is_never_hidden_by_the_period(world: World) -> None:
    make_case(world.northwind, 14, utc(20, 10, month=10))
    rec = november(world)
    assert [r.reference for r in rec.carried_over] == ["NORTHWIND-AE-000014"]
    assert rec.carried_over[0].scope == Scope.CARRIED_OVER
    assert "NORTHWIND-AE-000014" in rec.headline and rec.totals.carried_over_overdue == 1


def test_the_totals_add_up(world: World) -> None:
    t = november(world).totals
    assert (t.safety_cases, t.adverse_events, t.product_complaints, t.serious) == (6, 5, 1, 1)
    assert (t.forwarded, t.forwarded_on_time, t.forwarded_late, t.acknowledged) == (4, 3, 1, 1)
    assert (t.awaiting_acknowledgement, t.pending, t.overdue, t.dismissed) == (3, 0, 2, 1)
    assert t.breaches == 3  # the late forward, the past-due case, the mention without a case


def test_an_end_before_the_start_is_refused(world: World) -> None:
    with pytest.raises(ValueError, match="ends before it starts"):
        reconcile(world.northwind, NOV_END, NOV_START)


# ------------------------------------------------------------------ CSV
def parse(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_the_reconciliation_csv_has_one_line_per_item(world: World) -> None:
    make_case(world.northwind, 14, utc(20, 10, month=10))
    rec = november(world)
    lines = parse(reconciliation_csv(rec))
    assert len(lines) == 1 + len(rec.rows) + 1 == 9  # header, 7 items of November, 1 carried over
    header = lines[0]
    by_ref = {line[0]: dict(zip(header, line, strict=True)) for line in lines[1:]}
    assert by_ref["NORTHWIND-AE-000003"]["outcome"] == "overdue"
    assert by_ref["NORTHWIND-AE-000014"]["scope"] == "carried_over"
    assert by_ref["NORTHWIND-AE-000002"]["late_by"] == "6 h 00 min"
    assert by_ref["NORTHWIND-AE-000005"]["coverage"] == "weekend"
    assert by_ref["NORTHWIND-AE-000005"]["detected_local"] == "2026-11-14T11:00:00-05:00"


def test_csv_cells_starting_like_a_formula_are_quoted(world: World) -> None:
    SafetyCase.objects.filter(pk=world.dismissed.pk).update(end_reason="=HYPERLINK(\"http://x\",\"y\")")
    SafetyCase.objects.filter(pk=world.on_time.pk).update(pv_reference="+1-555", acknowledged_by="@pv",
                                                          products=[{"name": "-Glucavio"}])
    rec = november(world)
    by_ref = {line[0]: line for line in parse(reconciliation_csv(rec))}
    assert "'=HYPERLINK(\"http://x\",\"y\")" in by_ref["NORTHWIND-PC-000004"]
    assert "'+1-555" in by_ref["NORTHWIND-AE-000001"] and "'@pv" in by_ref["NORTHWIND-AE-000001"]
    listing = parse(line_listing_csv(world.northwind, date(2026, 11, 10)))
    assert "'-Glucavio" in listing[1]
    assert [safe_cell(v) for v in ("=1+1", "-2", "\tx", "plain", 3, -1.5, None, True)] == [
        "'=1+1", "'-2", "'\tx", "plain", "3", "-1.5", "", "yes"]


def test_the_line_listing_has_one_line_per_event_of_the_local_day(world: World) -> None:
    # 10 November: case 1 opened 09:00, forwarded 12:00, acknowledged 14:00 (local).
    lines = parse(line_listing_csv(world.northwind, date(2026, 11, 10)))
    assert lines[0] == list(LINE_LISTING_HEADER)
    assert [(line[0], line[3]) for line in lines[1:]] == [
        ("opened", "NORTHWIND-AE-000001"), ("forwarded", "NORTHWIND-AE-000001"),
        ("acknowledged", "NORTHWIND-AE-000001")]
    assert lines[2][2] == "2026-11-10T12:00:00-05:00" and lines[3][17] == "PV-1"
    # 12 November: case 4 opened and dismissed, case 2 forwarded late.
    lines = parse(line_listing_csv(world.northwind, date(2026, 11, 12)))
    events = [(line[0], line[3], line[12]) for line in lines[1:]]
    assert events == [("opened", "NORTHWIND-PC-000004", ""), ("dismissed", "NORTHWIND-PC-000004", ""),
                      ("forwarded", "NORTHWIND-AE-000002", "yes")]
    # A day with nothing: the header alone.
    assert len(parse(line_listing_csv(world.northwind, date(2026, 11, 2)))) == 1


def test_the_line_listing_day_is_the_client_s_local_day(world: World) -> None:
    make_case(world.northwind, 15, utc(18, 3))  # 22:00 on 17 November in New York
    assert "NORTHWIND-AE-000015" in line_listing_csv(world.northwind, date(2026, 11, 17))
    assert "NORTHWIND-AE-000015" not in line_listing_csv(world.northwind, date(2026, 11, 18))


# ------------------------------------------------------------------ PDF
def pdf_text(data: bytes) -> str:
    """The text a PDF shows, from its content streams (inflated if compressed)."""
    chunks = []
    # The end-of-line before ``endstream`` stays in the match: a compressed stream may itself end in
    # CR or LF, and stripping it made ``zlib.decompress`` fail on about one PDF in a few hundred. A
    # zlib stream ends itself; what follows it (the end-of-line) is left in ``unused_data``.
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        body = match.group(1)
        with contextlib.suppress(zlib.error):
            body = zlib.decompressobj().decompress(body)
        chunks.append(body.decode("latin-1"))
    return "".join(chunks)


def test_the_pdf_starts_with_pdf_and_names_the_overdue_reference(world: World) -> None:
    data = reconciliation_pdf(november(world), generated_by="sam@agency.test", compress=False)
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    text = pdf_text(data)
    for expected in ("Safety reconciliation report", "Northwind Pharma", "2026-11-01 to 2026-11-30",
                     "Flagged but not forwarded and past due: 2", "NORTHWIND-AE-000003",
                     f"mention {world.orphan.pk}", "NORTHWIND-AE-000001", "Forwarded late", "sam@agency.test"):
        assert expected in text, expected


def test_the_compressed_pdf_holds_the_same_text(world: World) -> None:
    data = reconciliation_pdf(november(world))
    assert data.startswith(b"%PDF-") and b"NORTHWIND-AE-000003" not in data
    assert "NORTHWIND-AE-000003" in pdf_text(data)


def test_the_headline_of_a_clean_period_reads_zero_in_the_pdf(world: World) -> None:
    rec = reconcile(world.northwind, date(2026, 11, 9), date(2026, 11, 15), now=NOW)
    assert "Flagged but not forwarded and past due: 0" in pdf_text(reconciliation_pdf(rec, compress=False))


def test_the_pdf_survives_text_outside_latin1(world: World) -> None:
    SafetyCase.objects.filter(pk=world.dismissed.pk).update(end_reason="Pas une réclamation — “prix” 💊 Ωmega ő")
    Client.objects.filter(pk=world.northwind.pk).update(name="Northwind Pharma – Łódź")
    world.northwind.refresh_from_db()
    text = pdf_text(reconciliation_pdf(november(world), compress=False))
    for piece in ("r\xe9clamation", '"prix"', "?mega", "Northwind Pharma - L\xf3dz"):
        assert piece in text, piece
    assert latin1("naïve ‘quote’ … → ≥") == "naïve 'quote' ... -> >="


# ------------------------------------------------------------------ the views
RECON = "/safety/reports/reconciliation/"
CSV_URL = "/safety/reports/reconciliation.csv"
PDF_URL = "/safety/reports/reconciliation.pdf"
LISTING = "/safety/reports/line-listing.csv"
NOV = "?client=northwind&start=2026-11-01&end=2026-11-30"


def logged_in(user: User) -> HttpClient:
    client = HttpClient()
    client.force_login(user)
    return client


@pytest.fixture
def clock() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("role", [Role.AGENT, Role.SUPERVISOR, Role.SAFETY, Role.REVIEWER, Role.VIEWER])
def test_every_role_of_the_client_may_read_the_page_and_each_view_is_audited(
    world: World, clock: Any, role: str
) -> None:
    user = make_user(f"{role}@northwind.test", role, world.northwind)
    response = logged_in(user).get(RECON + NOV)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Flagged but not forwarded and past due: 2" in page and "NORTHWIND-AE-000003" in page
    assert f"mention {world.orphan.pk}" in page and "A question about the price, no complaint" in page
    assert f'<a href="/inbox/case/{world.orphan.case_id}/">mention {world.orphan.pk}</a>' in page
    assert f'href="{CSV_URL}?client=northwind&amp;start=2026-11-01&amp;end=2026-11-30"' in page
    assert f'href="{PDF_URL}?client=northwind&amp;start=2026-11-01&amp;end=2026-11-30"' in page
    event = AuditEvent.objects.get(action="safety.report.view")
    assert (event.actor_id, event.client_id) == (user.pk, world.northwind.pk)
    assert event.data == {"report": "reconciliation", "format": "html", "start": "2026-11-01",
                          "end": "2026-11-30", "rows": 7, "overdue": 2}


@pytest.mark.urls(__name__)
def test_the_page_defaults_to_the_last_30_days_of_the_first_client(world: World, clock: Any, alice: User) -> None:
    response = logged_in(alice).get(RECON)
    assert response.status_code == 200
    rec = response.context["rec"]
    assert (rec.client, rec.start, rec.end) == (world.northwind, date(2026, 11, 2), date(2026, 12, 1))
    page = response.content.decode()
    assert "Weekend and holiday coverage" in page and "NORTHWIND-AE-000005" in page


@pytest.mark.urls(__name__)
def test_a_bad_date_falls_back_and_a_reversed_period_is_turned_round(world: World, clock: Any, sam: User) -> None:
    rec = logged_in(sam).get(RECON + "?client=northwind&start=2026-11-30&end=2026-11-01").context["rec"]
    assert (rec.start, rec.end) == (NOV_START, NOV_END)
    rec = logged_in(sam).get(RECON + "?client=northwind&start=nope&end=2026-11-30").context["rec"]
    assert (rec.start, rec.end) == (date(2026, 11, 1), NOV_END)
    rec = logged_in(sam).get(RECON + "?client=northwind&start=0001-01-01&end=9999-12-31").context["rec"]
    assert (rec.start, rec.end) == (date(2026, 11, 2), date(2026, 12, 1))


@pytest.mark.urls(__name__)
def test_the_csv_and_pdf_exports_are_downloads_and_are_audited(world: World, clock: Any, victor: User) -> None:
    client = logged_in(victor)
    response = client.get(CSV_URL + NOV)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == (
        'attachment; filename="carewatch-reconciliation-northwind-2026-11-01-2026-11-30.csv"')
    assert "no-store" in response["Cache-Control"]
    assert len(parse(response.content.decode())) == 8
    response = client.get(PDF_URL + NOV)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-") and "NORTHWIND-AE-000003" in pdf_text(response.content)
    exports = list(AuditEvent.objects.filter(action="safety.report.export").order_by("seq"))
    assert [(e.data["format"], e.actor_id, e.client_id) for e in exports] == [
        ("csv", victor.pk, world.northwind.pk), ("pdf", victor.pk, world.northwind.pk)]


@pytest.mark.urls(__name__)
def test_the_line_listing_download_is_audited_with_its_day(world: World, clock: Any, sam: User) -> None:
    response = logged_in(sam).get(LISTING + "?client=northwind&date=2026-11-10")
    assert response.status_code == 200
    assert len(parse(response.content.decode())) == 4
    assert 'filename="carewatch-line-listing-northwind-2026-11-10.csv"' in response["Content-Disposition"]
    event = AuditEvent.objects.get(action="safety.report.export")
    assert event.data == {"report": "line_listing", "format": "csv", "date": "2026-11-10", "rows": 3}
    # No day: yesterday in the client's time zone (30 November in New York).
    logged_in(sam).get(LISTING + "?client=northwind")
    assert AuditEvent.objects.filter(action="safety.report.export").order_by("-seq")[0].data["date"] == "2026-11-30"


@pytest.mark.urls(__name__)
def test_another_client_s_agent_gets_404_for_its_slug_and_nothing_is_audited(world: World, clock: Any,
                                                                               bob: User) -> None:
    client = logged_in(bob)
    for url in (RECON, CSV_URL, PDF_URL, LISTING):
        for query in (NOV, f"?client={world.northwind.pk}"):
            response = client.get(url + query)
            assert response.status_code == 404, (url, query)
            assert b"NORTHWIND-AE" not in response.content
    assert not AuditEvent.objects.filter(action__startswith="safety.report").exists()


@pytest.mark.urls(__name__)
def test_another_client_s_agent_sees_only_his_own_client_by_default(world: World, clock: Any, bob: User) -> None:
    response = logged_in(bob).get(RECON)
    assert response.status_code == 200
    page = response.content.decode()
    assert "CONTOSO-AE-000001" in page and "Northwind" not in page and "NORTHWIND" not in page


@pytest.mark.urls(__name__)
def test_anonymous_users_are_sent_to_the_login_page(world: World) -> None:
    client = HttpClient()
    for url in (RECON, CSV_URL, PDF_URL, LISTING):
        response = client.get(url + NOV)
        assert response.status_code == 302 and response["Location"].startswith("/login/"), url
    assert not AuditEvent.objects.filter(action__startswith="safety.report").exists()


@pytest.mark.urls(__name__)
def test_the_reports_answer_only_get(world: World, sam: User) -> None:
    client = logged_in(sam)
    for url in (RECON, CSV_URL, PDF_URL, LISTING):
        assert client.post(url + NOV).status_code == 405, url


def test_the_pdf_carries_the_signature_manifest_and_marks_a_signature_no_longer_valid(world: World, sam: User) -> None:
    from carewatch.identity.models import Meaning
    from carewatch.identity.signatures import record_signature
    from carewatch.safety.models import SafetyCase

    case = SafetyCase.objects.get(client=world.northwind, number=1)
    signature = record_signature(sam, "password", meaning=Meaning.FORWARDED, record=case, client_id=case.client_id)
    text = pdf_text(reconciliation_pdf(november(world), compress=False))
    assert r"Electronic signatures \(1\)" in text and "Forwarded to pharmacovigilance" in text  # ( ) escaped in PDF
    assert signature.content_hash[:16] in text and "valid" in text and "NOT VALID" not in text
    SafetyCase.objects.filter(pk=case.pk).update(narrative="changed after it was signed")
    assert "NOT VALID" in pdf_text(reconciliation_pdf(november(world), compress=False))  # the cell wraps the rest
