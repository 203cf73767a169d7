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
    from carewatch.lib.boot import setup as _setup

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


# ---------------------------------------------------------------------------- eval
def _engine_context(client_slug: str, model: str, rules_only: bool, point: str) -> Any:
    """A screening context for evaluation: the client's products, and which model (or none) to use."""
    from dataclasses import replace

    from carewatch.tenancy.models import Client
    from carewatch.triage.engine import context_for_client

    client_id = None
    if client_slug:
        client_id = Client.objects.filter(slug=client_slug).values_list("id", flat=True).first()
        if client_id is None:
            raise click.UsageError(f"no client {client_slug!r}")
    extra: dict[str, str] = {}
    if rules_only:
        extra["ae_model"] = "rules-only"
    elif model:
        extra["ae_model"] = model
    if point:
        extra["ae_operating_point"] = point
    return replace(context_for_client(client_id), extra=extra)


def _print_metrics(c: dict[str, int], seconds: float, n: int, as_json: bool, extra: dict[str, Any]) -> None:
    from carewatch.triage.training import prf

    scores = prf(c)
    rate = n / seconds if seconds > 0 else float("inf")
    click.echo(f"precision {scores['precision']:.3f}  recall {scores['recall']:.3f}  F1 {scores['f1']:.3f}")
    click.echo("confusion matrix (rows: truth, columns: predicted)")
    click.echo(f"{'':>14}{'predicted +':>14}{'predicted -':>14}")
    click.echo(f"{'truth +':>14}{c['tp']:>14}{c['fn']:>14}")
    click.echo(f"{'truth -':>14}{c['fp']:>14}{c['tn']:>14}")
    click.echo(f"speed: {rate:,.0f} mentions/s ({n} in {seconds:.2f} s, one thread)")
    if as_json:
        click.echo(json.dumps({**extra, **scores, **c, "records": n, "mentions_per_s": round(rate, 1)}))


@triage.command("eval")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--text-field", default="text", show_default=True)
@click.option("--label-field", default="label", show_default=True,
              help="1/0, true/false, the label's name, or a list of label names.")
@click.option("--label", "label", default="adverse_event", show_default=True)
@click.option("--model", default="", help="A registered version, a .skops path, or 'shipped' (default: as configured).")
@click.option("--rules-only", is_flag=True, help="The engine without the trained model.")
@click.option("--model-only", is_flag=True, help="The model's score alone (no rules).")
@click.option("--operating-point", "point", type=click.Choice(["high_recall", "f1"]), default=None,
              help="Which of the model's thresholds (default: the client's setting, else high_recall).")
@click.option("--client", "client_slug", default="", help="Screen with this client's products and model.")
@click.option("--limit", type=int, default=0, help="Evaluate the first N records only.")
@click.option("--json", "as_json", is_flag=True, help="Also print the numbers as one JSON line.")
def triage_eval(path: str, text_field: str, label_field: str, label: str, model: str, rules_only: bool,
                model_only: bool, point: str | None, client_slug: str, limit: int, as_json: bool) -> None:
    """Precision, recall, F1, confusion matrix and speed of the triage engine for one label on a
    labelled TSV (header row, e.g. SMM4H: --text-field tweet --label-field class), CSV or JSONL file.
    Texts are never printed."""
    import time
    from pathlib import Path

    from carewatch.lib.boot import setup as _setup

    _setup()
    from carewatch.triage.engine import screen
    from carewatch.triage.registry import choose
    from carewatch.triage.training import TrainingError, counts, load_labelled

    if rules_only and (model or model_only):
        raise click.UsageError("--rules-only excludes --model and --model-only")
    try:
        texts, truth = load_labelled(Path(path), text_field, label_field, label)
    except TrainingError as exc:
        raise click.UsageError(str(exc)) from exc
    if limit:
        texts, truth = texts[:limit], truth[:limit]
    context = _engine_context(client_slug, model, rules_only, point or "")
    try:
        choice = None if rules_only else choose(label, context.client_id, context.extra.get("ae_model", ""),
                                                point or "")
    except LookupError as exc:
        raise click.UsageError(str(exc)) from exc
    if model_only:
        if choice is None:
            raise click.UsageError(f"no {label} model to evaluate")
        mode = f"model only: {choice.model.version} at {choice.operating_point} (threshold {choice.threshold:.4f})"
    elif choice is None or label != "adverse_event":
        mode = "rules only" if label == "adverse_event" else "engine"
    else:
        mode = (f"engine: rules OR model {choice.model.version} at {choice.operating_point} "
                f"(threshold {choice.threshold:.4f})")
    click.echo(f"{Path(path).name}: {len(texts)} records, {sum(truth)} {label}; {mode}")
    started = time.perf_counter()
    if model_only and choice is not None:
        scores = [choice.model.score_one(t) for t in texts]
        predicted = [s >= choice.threshold for s in scores]
    else:
        predicted = [label in screen(t, context).labels for t in texts]
    seconds = time.perf_counter() - started
    _print_metrics(counts(truth, predicted), seconds, len(texts), as_json, {"file": Path(path).name, "mode": mode})


# ---------------------------------------------------------------------------- train
@triage.command("train")
@click.option("--client", "client_slug", default="",
              help="Train on this client's reviewer decisions (confirmed/dismissed) and register the model for it.")
@click.option("--data", "data_path", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Train on a labelled TSV/CSV/JSONL file instead.")
@click.option("--text-field", default="text", show_default=True)
@click.option("--label-field", default="label", show_default=True)
@click.option("--label", default="adverse_event", show_default=True)
@click.option("--language", "languages", multiple=True, help="Languages the model is for (repeat; default: any).")
@click.option("--out", "out", type=click.Path(dir_okay=False), default=None, help="Also write the model file here.")
@click.option("--register/--no-register", default=True, show_default=True,
              help="Record the version (file under CAREWATCH_DATA_DIR/models/).")
@click.option("--activate/--no-activate", default=True, show_default=True,
              help="Make it the client's (or the global) model for the label.")
def triage_train(client_slug: str, data_path: str | None, text_field: str, label_field: str, label: str,
                 languages: tuple[str, ...], out: str | None, register: bool, activate: bool) -> None:
    """Train a linear classifier for one label; print its cross-validated metrics and thresholds."""
    from pathlib import Path

    from carewatch.lib.boot import setup as _setup

    _setup()
    from carewatch.tenancy.models import Client
    from carewatch.tenancy.system import system_actor
    from carewatch.triage.actions import do_register_model
    from carewatch.triage.registry import client_training_data
    from carewatch.triage.training import TrainingError, default_version, fit, load_labelled

    if not client_slug and not data_path:
        raise click.UsageError("give --client SLUG (reviewer decisions) or --data FILE")
    if register or client_slug:
        _ensure_database()
    client = None
    if client_slug:
        client = Client.objects.filter(slug=client_slug).first()
        if client is None:
            raise click.UsageError(f"no client {client_slug!r}")
    try:
        if data_path:
            texts, labels = load_labelled(Path(data_path), text_field, label_field, label)
            source = f"file {Path(data_path).name}"
        else:
            assert client is not None
            texts, labels = client_training_data(client, label)
            source = f"reviewer decisions of client {client.slug}"
        click.echo(f"training {label} on {len(texts)} records ({sum(labels)} positive) from {source}")
        model = fit(texts, labels, label, languages=languages, source=source)
    except TrainingError as exc:
        raise click.UsageError(str(exc)) from exc
    if client is not None:
        from datetime import datetime

        model.meta["version"] = default_version(label, model.meta["data_hash"],
                                                datetime.fromisoformat(model.meta["created_at"]), client.slug)
    metrics = model.meta["metrics"]
    click.echo(f"evaluated by {metrics['evaluation']}")
    click.echo(f"average precision {metrics['average_precision']:.3f}  ROC AUC {metrics['roc_auc']:.3f}")
    for name, key in (("best F1", "at_threshold"), ("high recall", "at_high_recall")):
        m = metrics[key]
        click.echo(f"{name:>12}: threshold {m['threshold']:.4f}  precision {m['precision']:.3f}  "
                   f"recall {m['recall']:.3f}  F1 {m['f1']:.3f}")
    if register:
        row = do_register_model(system_actor(), model, client, activate=activate)
        click.echo(f"registered {row.version} ({'active' if row.is_active else 'inactive'}) at {row.file}")
    if out:
        size = model.save(Path(out))
        click.echo(f"wrote {out} ({size / 1024:.0f} KiB)")
    click.echo(f"version {model.version}  data sha256 {model.meta['data_hash']}")


def _ensure_database() -> None:
    """Registering a model (or reading a client's decisions) needs the database: an empty data directory
    is migrated first, as ``carewatch import`` and ``config apply`` do; a database that cannot be
    migrated gets a message saying what to run instead of a traceback."""
    from django.db import DatabaseError

    from carewatch.lib.boot import migrate as _migrate

    try:
        _migrate()
    except DatabaseError as exc:
        raise click.ClickException(
            f"the database is not ready ({type(exc).__name__}: {exc}); run `carewatch migrate`, "
            "or train with --no-register --out FILE.skops") from exc


@triage.command("pin")
@click.argument("client_slug")
@click.argument("version", default="")
def triage_pin(client_slug: str, version: str) -> None:
    """Pin a model version for a client ('rules-only' turns the model off; no VERSION unpins)."""
    from carewatch.lib.boot import setup as _setup

    _setup()
    from carewatch.tenancy.models import Client
    from carewatch.tenancy.system import system_actor
    from carewatch.triage.actions import do_pin_model

    client = Client.objects.filter(slug=client_slug).first()
    if client is None:
        raise click.UsageError(f"no client {client_slug!r}")
    try:
        do_pin_model(system_actor(), client, version)
    except LookupError as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(f"{client.slug}: " + (f"pinned {version}" if version else "unpinned (default model)"))


@triage.command("models")
def triage_models() -> None:
    """List registered model versions."""
    from carewatch.lib.boot import setup as _setup

    _setup()
    from carewatch.triage.models import ModelVersion

    for row in ModelVersion.objects.select_related("client"):
        at = row.metrics.get("at_threshold", {})
        click.echo(f"{row.version}  {row.label}  {row.client.slug if row.client else 'global'}  "
                   f"{'active' if row.is_active else 'inactive'}  cv-F1 {at.get('f1', 0):.3f}  "
                   f"thresholds {row.threshold:.4f}/{row.high_recall_threshold:.4f}")
