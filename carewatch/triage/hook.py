"""The pipeline's triage step (see ``carewatch.pipeline.order``): screen each new inbound mention,
keep the result with its evidence, and put the labels on the case (as triage-label tags) so the
queue can filter them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.db import connection
from django.utils import timezone

from carewatch.inbox.actions import CaseLabels, do_label_cases
from carewatch.inbox.ingest import update_rows
from carewatch.inbox.models import Direction, Mention, Priority, Tag
from carewatch.tenancy.system import system_actor
from carewatch.triage import screening_process
from carewatch.triage.context import ScreenContext
from carewatch.triage.engine import context_for_client, screen
from carewatch.triage.result import TriageResult

PRIORITY_FOR = {"urgent": Priority.URGENT, "serious": Priority.URGENT, "adverse_event": Priority.HIGH,
                "product_complaint": Priority.HIGH, "phi": Priority.HIGH}


#: What screens a text here: the engine, unless ``screening_with`` supplies results computed elsewhere.
_screen: Callable[[str, ScreenContext], TriageResult] = screen


@contextmanager
def screening_with(screener: Callable[[str, ScreenContext], TriageResult]) -> Iterator[None]:
    """Screen with ``screener`` instead of the engine inside this block. For the demo loader, whose
    screener returns the engine's own results computed ahead on the other core (``demo.prescreen``).
    It applies to the whole process, so it is for a process that runs nothing else meanwhile."""
    global _screen
    previous, _screen = _screen, screener
    try:
        yield
    finally:
        _screen = previous


def screen_mentions(mentions: list[Mention]) -> list[Mention]:
    """Screen each inbound mention with text (pure CPU, nothing written): the result is kept on
    the mention object (language, labels, the triage contract) for ``record_results``. In the
    worker the batch is screened in a screening process when there is one
    (``triage.screening_process``), else (or when it fails) here: the same results either way."""
    contexts: dict[tuple[int, int], ScreenContext] = {}
    items: list[tuple[Mention, ScreenContext]] = []
    for mention in mentions:
        if mention.direction != Direction.INBOUND or not mention.text:
            continue
        key = (mention.client_id, mention.channel_id)
        if key not in contexts:
            contexts[key] = context_for_client(mention.client_id, mention.channel.sponsorship)
        items.append((mention, contexts[key]))
    processes = screening_process.active() if _screen is screen else None
    results = processes.screen([(m.text, c) for m, c in items]) if processes is not None else None
    if results is None:
        results = [_in_place(m.text, c) for m, c in items]
    now = timezone.now()
    screened: list[Mention] = []
    for (mention, _), (language, labels, contract) in zip(items, results, strict=True):
        if not mention.language and language != "und":
            mention.language = language
        mention.labels = labels
        contract["id"] = mention.pk  # the contract's first key, as ``as_contract(mention.pk)`` puts it
        mention.triage = contract
        mention.triaged_at = now
        screened.append(mention)
    return screened


def _in_place(text: str, context: ScreenContext) -> screening_process.Screened:
    result = _screen(text, context)
    return result.language, result.labels, result.as_contract(None)


def prepare_label_tags(screened: list[Mention]) -> None:
    """The clients' label tags these results need, created before the pipeline's transaction:
    a tag inserted there would make another worker inserting the same tag wait for the whole
    transaction (a lock outside the pipeline's lock order)."""
    wanted = {(m.client_id, label) for m in screened for label in m.labels}
    for client_id, name in sorted(wanted):
        Tag.objects.get_or_create(client_id=client_id, name=name, defaults={"kind": Tag.Kind.LABEL})


def record_results(screened: list[Mention]) -> list[Mention]:
    """Write what ``screen_mentions`` found: the mentions' labels, and the label tags, priority
    and language of their cases. Called inside the pipeline's transaction. Returns the mentions
    written: those still unscreened, claimed for this transaction (on PostgreSQL one another
    worker is writing are skipped: a mention is screened once, even if it was queued twice)."""
    ids = sorted(m.pk for m in screened)
    claimed = Mention.objects.filter(pk__in=ids, triaged_at__isnull=True).order_by("pk")
    if connection.vendor == "postgresql":
        claimed = claimed.select_for_update(skip_locked=True, no_key=True)
    keep = set(claimed.values_list("pk", flat=True))
    screened = sorted((m for m in screened if m.pk in keep), key=lambda m: m.pk)
    if not screened:
        return []
    # One UPDATE run for every mention (executemany), not bulk_update's CASE WHEN per row and field.
    update_rows(screened, ["language", "labels", "triage", "triaged_at"])
    _label_cases(screened)
    return screened


def _label_cases(mentions: list[Mention]) -> None:
    """The labels as tags, priority and language of the mentions' cases, through the inbox's
    bulk action (checked and audited, as the system actor)."""
    wanted = {(m.client_id, label) for m in mentions if m.case_id is not None for label in m.labels}
    tags: dict[tuple[int, str], Tag] = {  # one read for the batch (prepare_label_tags made them)
        (tag.client_id, tag.name): tag
        for tag in Tag.objects.filter(client_id__in={c for c, _ in wanted}, name__in={n for _, n in wanted})
    } if wanted else {}
    labels: dict[int, CaseLabels] = {}
    for mention in mentions:
        if mention.case_id is None:
            continue
        change = labels.setdefault(mention.case_id, CaseLabels(client_id=mention.client_id))
        if mention.language and not change.language:
            change.language = mention.language
        for label in mention.labels:
            key = (mention.client_id, label)
            if key not in tags:
                tags[key], _ = Tag.objects.get_or_create(client_id=mention.client_id, name=label,
                                                         defaults={"kind": Tag.Kind.LABEL})
            change.tags.add(tags[key])
            change.priority = max(change.priority, PRIORITY_FOR.get(label, 0))
    if labels:
        do_label_cases(system_actor(), labels)
