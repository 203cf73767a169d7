"""`carewatch triage …`: batch screening for PV teams (a stable contract), evaluation, training."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from typing import IO, Any

import click


def _read(handle: IO[str], fmt: str) -> Iterator[tuple[int, dict[str, Any] | None, str]]:
    """(line number, object or None, error) per input record."""
    if fmt == "csv":
        reader = csv.DictReader(handle)
        for row in reader:
            record: dict[str, Any] = dict(row)
            if isinstance(record.get("products"), str):
                record["products"] = [p.strip() for p in record["products"].split("|") if p.strip()]
            yield reader.line_num, record, ""
        return
    for number, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, None, f"not valid JSON ({exc.msg})"
            continue
        if not isinstance(value, dict):
            yield number, None, "a record must be a JSON object"
            continue
        yield number, value, ""


@click.group()
def triage() -> None:
    """Screen texts for adverse events, PHI, urgency and more."""


@triage.command("run")
@click.argument("source", default="-", type=click.File("r", encoding="utf-8"))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
def triage_run(source: IO[str], fmt: str) -> None:
    """Read objects with `text` (and optionally id, lang, products, sponsorship, client);
    write one JSON result per input line to standard output."""
    from carewatch.cli import _setup

    _setup()
    from carewatch.tenancy.models import Client
    from carewatch.triage.engine import context_for_client, screen

    client_ids: dict[str, int | None] = {}
    bad = 0
    for number, record, error in _read(source, fmt):
        if record is None or not isinstance(record.get("text"), str):
            bad += 1
            click.echo(f"line {number}: {error or 'needs a text field'}", err=True)
            continue
        slug = str(record.get("client") or "")
        if slug and slug not in client_ids:
            client_ids[slug] = Client.objects.filter(slug=slug).values_list("id", flat=True).first()
            if client_ids[slug] is None:
                click.echo(f"line {number}: unknown client {slug!r}; screening without its products", err=True)
        products = record.get("products") or []
        context = context_for_client(
            client_ids.get(slug) if slug else None, str(record.get("sponsorship") or ""),
            str(record.get("lang") or ""), [str(p) for p in products] if isinstance(products, list) else [],
        )
        result = screen(record["text"], context)
        click.echo(json.dumps(result.as_contract(record.get("id", number)), ensure_ascii=False))
    if bad:
        sys.exit(2)
