"""`carewatch safety export` and `carewatch safety reconcile`."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import e2br3
from click.testing import CliRunner

from carewatch.audit.models import AuditEvent
from carewatch.cli import main
from carewatch.safety.models import SafetyCase
from carewatch.tenancy.models import Client

AE_TEXT = "Since starting Glucavio I have terrible nausea and headaches"


def test_export_writes_an_e2b_file_per_named_case_and_audits_it(northwind: Client, make_mention: Any,
                                                                 tmp_path: Path) -> None:
    case = SafetyCase.objects.get(links__mention=make_mention(northwind, AE_TEXT))
    result = CliRunner().invoke(main, ["safety", "export", case.reference.lower(), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    path = tmp_path / f"{case.reference}-e2b.xml"
    assert result.output.strip() == str(path)
    assert e2br3.parse(path.read_bytes()) is not None
    assert AuditEvent.objects.filter(action="safety.export", object_id=str(case.pk), actor_label="cli").exists()


def test_export_refuses_a_reference_that_names_no_case(northwind: Client, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["safety", "export", "NORTHWIND-AE-000999", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "no safety case NORTHWIND-AE-000999" in result.output


def test_reconcile_exits_1_and_names_what_is_past_due(northwind: Client, make_mention: Any) -> None:
    old = make_mention(northwind, AE_TEXT, created=datetime.now(UTC) - timedelta(hours=30))
    case = SafetyCase.objects.get(links__mention=old)
    result = CliRunner().invoke(main, ["safety", "reconcile", "--client", "northwind"])
    assert result.exit_code == 1
    assert result.output.startswith("Flagged but not forwarded and past due: 1")
    assert case.reference in result.output


def test_reconcile_exits_0_when_nothing_is_past_due_and_writes_a_pdf(northwind: Client, make_mention: Any,
                                                                     tmp_path: Path) -> None:
    make_mention(northwind, AE_TEXT)  # due in 24 h
    out = tmp_path / "rec.pdf"
    result = CliRunner().invoke(main, ["safety", "reconcile", "--client", "northwind", "--format", "pdf",
                                       "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF-")
