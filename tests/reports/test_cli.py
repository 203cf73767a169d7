"""`carewatch report`: PDF, CSV and JSON files of a client report; `rebuild`."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from carewatch.audit.models import AuditEvent
from carewatch.cli import main
from carewatch.reports.models import DailyRollup
from carewatch.reports.rollups import refresh
from carewatch.tenancy.models import Client
from tests.conftest import MentionFactory


def _history(northwind: Client, make_mention: MentionFactory) -> None:
    question = make_mention(northwind, "Is the pen covered?", created=datetime(2026, 11, 13, 22, 30, tzinfo=UTC))
    make_mention(northwind, "Please DM us.", author="NorthwindRx", direction="out", parent=question.external_id,
                 thread=question.thread_key, created=datetime(2026, 11, 16, 14, 45, tzinfo=UTC))
    make_mention(northwind, "Thank you, lovely team!", author="kim", created=datetime(2026, 11, 17, 15, tzinfo=UTC))
    refresh()


def run(*args: str) -> Any:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def test_the_json_report_has_the_summary_contract_and_the_tables(
        northwind: Client, make_mention: MentionFactory, tmp_path: Path) -> None:
    _history(northwind, make_mention)
    out = tmp_path / "r.json"
    run("report", "--client", "northwind", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "json",
        "-o", str(out))
    body = json.loads(out.read_text())
    assert body["first_response_minutes"]["calendar"]["p50"] == 3855
    assert body["first_response_minutes"]["business"]["p50"] == 75
    assert (body["mentions"], body["replied"]) == (2, 1)
    assert len(body["daily"]) == 30
    assert AuditEvent.objects.filter(action="report.export", client_id=northwind.pk).count() == 1


def test_the_csv_report_has_every_table_and_one_table_alone_is_plain_csv(
        northwind: Client, make_mention: MentionFactory, tmp_path: Path) -> None:
    _history(northwind, make_mention)
    out = tmp_path / "r.csv"
    run("report", "--client", "northwind", "--from", "2026-11-13", "--to", "2026-11-19", "--format", "csv",
        "-o", str(out))
    text = out.read_text()
    for name in ("summary", "daily", "platforms", "agents", "safety_late", "heatmap"):
        assert f"# table: {name}" in text
    one = tmp_path / "daily.csv"
    run("report", "--client", "northwind", "--from", "2026-11-13", "--to", "2026-11-19", "--format", "csv",
        "--table", "daily", "-o", str(one))
    lines = one.read_text().splitlines()
    assert lines[0].startswith("Day,Inbound messages,Cases,Replied")
    assert lines[1] == "2026-11-13,1,1,1,3855,75,0,0,0,0" or lines[1].startswith("2026-11-13,1,1,1,3855,75,0,")
    assert len(lines) == 8


def test_the_pdf_report_names_the_client_and_period_and_numbers_its_pages(
        northwind: Client, make_mention: MentionFactory, tmp_path: Path) -> None:
    from carewatch.reports.document import build
    from carewatch.reports.figures import Period
    from carewatch.reports.pdf import report_pdf

    _history(northwind, make_mention)
    out = tmp_path / "r.pdf"
    run("report", "--client", "northwind", "--from", "2026-11-13", "--to", "2026-11-19", "--format", "pdf",
        "-o", str(out))
    assert out.read_bytes().startswith(b"%PDF")
    raw = report_pdf(build(northwind, Period(datetime(2026, 11, 13).date(), datetime(2026, 11, 19).date())),
                     compress=False).decode("latin-1")
    assert "Northwind Pharma" in raw and "2026-11-13 to 2026-11-19" in raw
    assert "page 1 of ) Tj (4)" in raw and "page 4 of ) Tj (4)" in raw
    assert " re" in raw and " l" in raw  # vector shapes: rectangles and lines, not images
    assert "/Subtype /Image" not in raw


def test_rebuild_derives_the_same_rollups_again(northwind: Client, make_mention: MentionFactory) -> None:
    _history(northwind, make_mention)
    before = sorted(DailyRollup.objects.values_list("day", "mentions", "replied", "calendar_hist"))
    DailyRollup.objects.all().delete()
    result = run("report", "rebuild")
    assert "cells" in result.output
    assert sorted(DailyRollup.objects.values_list("day", "mentions", "replied", "calendar_hist")) == before


def test_another_client_s_slug_or_a_bad_period_is_refused(northwind: Client, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["report", "--client", "nobody", "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code != 0 and "no client" in result.output
    result = CliRunner().invoke(main, ["report", "--client", "northwind", "--from", "2026-12-01", "--to",
                                       "2026-11-01", "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code != 0 and "after" in result.output
