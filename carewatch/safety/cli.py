"""`carewatch safety ...`: the PV package and the proof reports from the command line (for
operators and scheduled jobs). Every export is an audit event, as it is from the UI."""

from __future__ import annotations

import re
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import click


def _setup() -> None:
    from carewatch.lib.boot import setup

    setup()


_REFERENCE = re.compile(r"^(?P<slug>[A-Z0-9-]+)-(?P<kind>AE|PC)-(?P<number>\d+)$")


def _find(reference: str) -> Any:
    from carewatch.safety.models import SafetyCase, SafetyKind

    match = _REFERENCE.match(reference.strip().upper())
    if not match:
        raise click.BadParameter(f"{reference!r} is not a safety case reference like NORTHWIND-AE-000042")
    kind = SafetyKind.ADVERSE_EVENT if match["kind"] == "AE" else SafetyKind.PRODUCT_COMPLAINT
    found = (SafetyCase.objects.select_related("client")
             .filter(client__slug=match["slug"].lower(), kind=kind, number=int(match["number"])).first())
    if found is None:
        raise click.BadParameter(f"no safety case {reference}")
    return found


def _day(value: str | None, default: date) -> date:
    if not value:
        return default
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


@click.group()
def safety() -> None:
    """Safety cases: PV packages, line listings and the reconciliation report."""


@safety.command("export")
@click.argument("references", nargs=-1)
@click.option("--client", "client_slug", help="Every case of this client detected in the period.")
@click.option("--since", help="First day (YYYY-MM-DD, the client's time zone); default 7 days ago.")
@click.option("--until", help="Last day (YYYY-MM-DD); default today.")
@click.option("--format", "fmt", type=click.Choice(["e2b", "medwatch", "medwatch-csv"]), default="e2b",
              show_default=True)
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path(),
              show_default=True, help="Folder for the files (one per case; one CSV for medwatch-csv).")
def safety_export(references: tuple[str, ...], client_slug: str | None, since: str | None, until: str | None,
                  fmt: str, out_dir: Path) -> None:
    """Write the PV package of the named cases (e.g. NORTHWIND-AE-000042), or of a client's period."""
    _setup()
    import json

    from django.db import transaction

    from carewatch.audit.chain import append
    from carewatch.safety.e2b import render_e2b
    from carewatch.safety.medwatch import medwatch_csv, medwatch_record
    from carewatch.safety.models import SafetyCase
    from carewatch.safety.policy import policy_for
    from carewatch.tenancy.models import Client

    cases = [_find(r) for r in references]
    if client_slug:
        client = Client.objects.filter(slug=client_slug).first()
        if client is None:
            raise click.BadParameter(f"no client {client_slug}")
        today = date.today()
        first, last = _day(since, today - timedelta(days=7)), _day(until, today)
        cases += list(SafetyCase.objects.select_related("client").filter(
            client=client, detected_at__date__gte=first, detected_at__date__lte=last).order_by("number"))
    if not cases:
        raise click.UsageError("name case references or a --client")
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    if fmt == "medwatch-csv":
        path = out_dir / "medwatch.csv"
        path.write_text(medwatch_csv(cases), encoding="utf-8")
        written.append(path)
    for case in cases if fmt != "medwatch-csv" else []:
        if fmt == "e2b":
            path = out_dir / f"{case.reference}-e2b.xml"
            path.write_bytes(render_e2b(case, sender=policy_for(case.client).sender))
        else:
            path = out_dir / f"{case.reference}-medwatch.json"
            path.write_text(json.dumps(medwatch_record(case), indent=2, default=str), encoding="utf-8")
        written.append(path)
    with transaction.atomic():
        for case in cases:
            append("safety.export", actor_label="cli", client_id=case.client_id, obj=case,
                   data={"reference": case.reference, "format": fmt})
    for path in written:
        click.echo(str(path))


@safety.command("reconcile")
@click.option("--client", "client_slug", required=True)
@click.option("--since", help="First day (YYYY-MM-DD); default 30 days ago.")
@click.option("--until", help="Last day (YYYY-MM-DD); default today.")
@click.option("--format", "fmt", type=click.Choice(["text", "csv", "pdf"]), default="text", show_default=True)
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path), help="File (default stdout; "
              "a PDF needs a file).")
def safety_reconcile(client_slug: str, since: str | None, until: str | None, fmt: str, out_file: Path | None) -> None:
    """The reconciliation report for a client and period. Exits 1 if anything flagged is past due
    and not forwarded, so a scheduled job can alert on it."""
    _setup()
    from django.db import transaction

    from carewatch.audit.chain import append
    from carewatch.safety.line_listing import reconciliation_csv
    from carewatch.safety.reconciliation import reconcile
    from carewatch.safety.report_pdf import reconciliation_pdf
    from carewatch.tenancy.models import Client

    client = Client.objects.filter(slug=client_slug).first()
    if client is None:
        raise click.BadParameter(f"no client {client_slug}")
    today = date.today()
    rec = reconcile(client, _day(since, today - timedelta(days=30)), _day(until, today))
    if fmt == "pdf":
        if out_file is None:
            raise click.UsageError("--format pdf needs --out FILE")
        out_file.write_bytes(reconciliation_pdf(rec, generated_by="carewatch safety reconcile"))
    else:
        text = reconciliation_csv(rec) if fmt == "csv" else _summary(rec)
        if out_file is None:
            click.echo(text, nl=False)
        else:
            out_file.write_text(text, encoding="utf-8")
    with transaction.atomic():
        append("safety.report.export", actor_label="cli", client_id=client.pk,
               data={"report": "reconciliation", "format": fmt, "overdue": len(rec.overdue)})
    if rec.overdue:
        sys.exit(1)


def _summary(rec: Any) -> str:
    lines = [rec.headline, ""]
    for name, value in vars(rec.totals).items():
        lines.append(f"{name.replace('_', ' ')}: {value}")
    return "\n".join(lines) + "\n"
