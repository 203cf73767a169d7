"""`carewatch report ...`: a client report as PDF, CSV or JSON, and the rollups' rebuild."""

from __future__ import annotations

from pathlib import Path

import click


def _setup() -> None:
    from carewatch.lib.boot import setup

    setup()


@click.group(invoke_without_command=True)
@click.option("--client", "client_slug", help="The client's slug.")
@click.option("--from", "first", help="First day (YYYY-MM-DD, the client's time zone).")
@click.option("--to", "last", help="Last day, inclusive (YYYY-MM-DD).")
@click.option("--format", "fmt", type=click.Choice(["pdf", "csv", "json"]), default="pdf", show_default=True)
@click.option("--table", "table_name", help="CSV: only this table (summary, daily, platforms, agents, "
                                           "safety_late, heatmap).")
@click.option("--by", "by", type=click.Choice(["platform", "channel", "agent", "team", "tag", "label", "language"]),
              default="platform", show_default=True, help="The dimension of the breakdown table.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="The file to write.")
@click.pass_context
def report(ctx: click.Context, client_slug: str | None, first: str | None, last: str | None, fmt: str,
           table_name: str | None, by: str, output: Path | None) -> None:
    """A client's report for whole days: PDF (charts and tables), CSV (every table) or JSON.

    Figures come from the daily rollups the worker keeps current; `carewatch report rebuild`
    derives them again from the recorded history."""
    if ctx.invoked_subcommand is not None:
        return
    if not client_slug or not output:
        raise click.UsageError("--client and -o FILE are needed (or a subcommand: rebuild)")
    _setup()
    from django.core.exceptions import ValidationError

    from carewatch.reports.actions import record_export
    from carewatch.reports.document import build, report_csv, report_json, table_csv
    from carewatch.reports.pdf import report_pdf
    from carewatch.reports.queries import parse_period
    from carewatch.tenancy.models import Client

    client = Client.objects.filter(slug=client_slug).first()
    if client is None:
        raise click.ClickException(f"no client with slug {client_slug!r}")
    try:
        period = parse_period(first, last)
    except ValidationError as exc:
        raise click.BadParameter("; ".join(exc.messages)) from None
    doc = build(client, period, by)
    if fmt == "pdf":
        output.write_bytes(report_pdf(doc))
    elif fmt == "json":
        output.write_text(report_json(doc), encoding="utf-8")
    elif table_name:
        table = doc.table(table_name)
        if table is None:
            raise click.BadParameter(f"no table {table_name!r}: {', '.join(t.name for t in doc.tables)}")
        output.write_text(table_csv(table), encoding="utf-8", newline="")
    else:
        output.write_text(report_csv(doc), encoding="utf-8", newline="")
    record_export(client, period, fmt, actor_label="command line", table=table_name or "")
    click.echo(f"{output} ({fmt}, {client.slug}, {period.first} to {period.last})")


@report.command("rebuild")
@click.option("--client", "client_slug", help="Only this client (default: every client).")
def rebuild_command(client_slug: str | None) -> None:
    """Derive every case's facts and every daily rollup again from the recorded history."""
    _setup()
    from carewatch.reports.rollups import rebuild
    from carewatch.tenancy.models import Client

    client = None
    if client_slug:
        client = Client.objects.filter(slug=client_slug).first()
        if client is None:
            raise click.ClickException(f"no client with slug {client_slug!r}")
    summary = rebuild(client)
    click.echo(", ".join(f"{v} {k.replace('_', ' ')}" for k, v in summary.as_dict().items()))


@report.command("refresh")
def refresh_command() -> None:
    """Bring the rollups up to date now (what the worker does every minute)."""
    _setup()
    from carewatch.reports.rollups import refresh

    summary = refresh()
    click.echo(", ".join(f"{v} {k.replace('_', ' ')}" for k, v in summary.as_dict().items()))
