"""`carewatch influencers check` (a stable contract: JSONL in, JSONL out) and
`carewatch giveaway verify ID` (re-runs a recorded draw and prints the same winners)."""

from __future__ import annotations

import json
import sys
from typing import IO, Any

import click


def _setup() -> None:
    from carewatch.lib.boot import setup

    setup()


@click.group()
def influencers() -> None:
    """Influencer programs: FTC disclosure and fair-balance checks."""


def _client_rules(slug: str, cache: dict[str, Any]) -> Any:
    from django.db import DatabaseError

    from carewatch.programs.check import InputError
    from carewatch.programs.rules import rules_for_client_slug

    if slug not in cache:
        try:
            cache[slug] = rules_for_client_slug(slug)
        except DatabaseError as exc:
            raise InputError(f"cannot read client {slug!r} from the database ({exc.__class__.__name__})") from None
    if cache[slug] is None:
        raise InputError(f"unknown client {slug!r}")
    return cache[slug]


@influencers.command("check")
@click.argument("file", type=click.File("r", encoding="utf-8"), default="-")
def check(file: IO[str]) -> None:
    """Check posts (JSONL: id, platform, text, material_connection, optional client, media).

    Writes one JSON object per input line: id, verdict, disclosure, fair_balance, findings.
    A bad line is reported on stderr with its number; the others are still checked and the
    exit code is 1.
    """
    from carewatch.programs.check import InputError, check_post, parse_record

    errors = 0
    cache: dict[str, Any] = {}
    setup_done = False
    for number, line in enumerate(file, start=1):
        if not line.strip():
            continue
        try:
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"not valid JSON ({exc.msg})") from None
            post = parse_record(record)
            rules = None
            if post.client:
                if not setup_done:
                    _setup()
                    setup_done = True
                rules = _client_rules(post.client, cache)
            result = check_post(post, rules)
            result["id"] = record["id"]  # echoed as given (a number stays a number)
        except InputError as exc:
            errors += 1
            click.echo(f"line {number}: {exc}", err=True)
            continue
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
        sys.stdout.flush()
    if errors:
        click.echo(f"{errors} line(s) could not be checked", err=True)
        sys.exit(1)


@click.group()
def giveaway() -> None:
    """Giveaways: verify a recorded draw."""


@giveaway.command("verify")
@click.argument("ident")
def verify(ident: str) -> None:
    """Re-run the recorded draw of giveaway ID (number or reference) and print its winners."""
    _setup()
    from carewatch.programs.draw import verify_draw
    from carewatch.programs.models import Giveaway

    found = Giveaway.objects.filter(pk=int(ident)).first() if ident.isdigit() else \
        Giveaway.objects.filter(reference__iexact=ident).first()
    if found is None:
        raise click.BadParameter(f"no giveaway {ident}")
    report = verify_draw(found)
    click.echo(f"giveaway {found.reference}: {found.name}")
    click.echo(f"algorithm: {report.algorithm}")
    click.echo(f"seed: {report.seed}")
    click.echo(f"entries: {report.entry_count} (sha256 {report.entries_hash})")
    for i, handle in enumerate(report.winners, start=1):
        click.echo(f"winner {i}: {handle}")
    for i, handle in enumerate(report.alternates, start=1):
        click.echo(f"alternate {i}: {handle}")
    if not report.ok:
        click.echo(f"MISMATCH: {report.problem}", err=True)
        sys.exit(1)
    click.echo("verified: the same winners as recorded")
