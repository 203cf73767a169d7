"""Import a file of mentions (JSONL, or CSV with a header) for one client.

Each good record becomes an InboundEvent (source ``import``) and goes through the same pipeline
as a webhook. Batches are committed one at a time and counted only after their commit, so a
crash loses nothing that was reported imported; re-running skips what is already there.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.db import transaction
from django.utils import timezone

from carewatch.audit.chain import append
from carewatch.lib.canonical import canonical_json
from carewatch.sources.importer.records import ChannelResolver, RecordError, to_stored, validate
from carewatch.sources.models import InboundEvent
from carewatch.sources.tasks import enqueue_events
from carewatch.tenancy.models import Client, User

BATCH = 1000


@dataclass
class LineError:
    line: int
    reason: str


@dataclass
class ImportReport:
    total: int = 0
    imported: int = 0
    already_present: int = 0
    errors: list[LineError] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "imported": self.imported,
            "already_present": self.already_present,
            "rejected": len(self.errors),
        }


def detect_format(path: Path, explicit: str | None) -> str:
    if explicit:
        return explicit
    return "csv" if path.suffix.lower() == ".csv" else "jsonl"


def _records(handle: IO[str], fmt: str) -> Iterator[tuple[int, Any]]:
    """(line number, record or an exception to report) for each record in the file."""
    if fmt == "csv":
        reader = csv.DictReader(handle)
        if not reader.fieldnames:
            return
        for row in reader:
            if None in row:
                yield reader.line_num, RecordError("more fields than the header names")
                continue
            yield reader.line_num, {k.strip(): v for k, v in row.items() if k}
        return
    for number, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, RecordError(f"not valid JSON ({exc.msg} at column {exc.colno})")


def import_file(
    path: Path,
    client: Client,
    *,
    actor: User | None = None,
    fmt: str | None = None,
    progress: Callable[[int], None] | None = None,
    batch_size: int = BATCH,
) -> ImportReport:
    fmt = detect_format(path, fmt)
    if fmt not in ("csv", "jsonl"):
        raise ValueError(f"unknown format {fmt!r}: use jsonl or csv")
    report = ImportReport()
    channels = ChannelResolver(client.id)
    pending: list[tuple[str, dict[str, Any]]] = []
    with path.open("r", encoding="utf-8", errors="replace", newline="") as handle:
        for number, record in _records(handle, fmt):
            report.total += 1
            if isinstance(record, Exception):
                report.errors.append(LineError(number, str(record)))
                continue
            try:
                if "\ufffd" in json.dumps(record, ensure_ascii=False):
                    raise RecordError("the line is not valid UTF-8")
                change = validate(record, channels)
            except RecordError as exc:
                report.errors.append(LineError(number, str(exc)))
                continue
            pending.append((f"{change.channel_id}:{change.external_id}", to_stored(change)))
            if len(pending) >= batch_size:
                _commit_batch(pending, client, report, progress)
                pending = []
    if pending:
        _commit_batch(pending, client, report, progress)
    with transaction.atomic():
        append(
            "import.file",
            actor=actor,
            client_id=client.id,
            object_type="import",
            object_id=path.name[:64],
            data={"format": fmt, **report.as_dict()},
        )
    return report


def _commit_batch(
    pending: list[tuple[str, dict[str, Any]]],
    client: Client,
    report: ImportReport,
    progress: Callable[[int], None] | None,
) -> None:
    # The same record twice in one file counts once.
    unique: dict[str, dict[str, Any]] = {}
    for key, stored in pending:
        unique.setdefault(key, stored)
    duplicates_in_batch = len(pending) - len(unique)
    with transaction.atomic():
        present = set(
            InboundEvent.objects.filter(source="import", dedup_key__in=list(unique)).values_list(
                "dedup_key", flat=True
            )
        )
        now = timezone.now()
        rows = [
            InboundEvent(
                source="import",
                client_id=client.id,
                channel_id=stored["channel_id"],
                raw_body=canonical_json(stored).encode(),
                signature_ok=None,
                dedup_key=key,
                received_at=now,
            )
            for key, stored in unique.items()
            if key not in present
        ]
        created = InboundEvent.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)
        ids = [row.pk for row in created if row.pk is not None]
        if len(ids) != len(rows):  # engines that do not return ids with ignore_conflicts
            ids = list(
                InboundEvent.objects.filter(
                    source="import", dedup_key__in=[r.dedup_key for r in rows], processed_at__isnull=True
                ).values_list("id", flat=True)
            )
        enqueue_events(ids)
    report.imported += len(rows)
    report.already_present += len(present) + duplicates_in_batch
    if progress is not None:
        progress(len(pending))
