"""The pipeline's triage step (see ``carewatch.pipeline.order``): screen each new inbound mention,
keep the result with its evidence, and put the labels on the case (as triage-label tags) so the
queue can filter them."""

from __future__ import annotations

from django.db import connection
from django.utils import timezone

from carewatch.inbox.models import CaseTag, Direction, Mention, Priority, Tag
from carewatch.triage.engine import context_for_client, screen

PRIORITY_FOR = {"urgent": Priority.URGENT, "serious": Priority.URGENT, "adverse_event": Priority.HIGH,
                "product_complaint": Priority.HIGH, "phi": Priority.HIGH}


def screen_mentions(mentions: list[Mention]) -> list[Mention]:
    """Screen each inbound mention with text (pure CPU, nothing written): the result is kept on
    the mention object (language, labels, the triage contract) for ``record_results``."""
    contexts: dict[tuple[int, int], object] = {}
    now = timezone.now()
    screened: list[Mention] = []
    for mention in mentions:
        if mention.direction != Direction.INBOUND or not mention.text:
            continue
        key = (mention.client_id, mention.channel_id)
        if key not in contexts:
            contexts[key] = context_for_client(mention.client_id, mention.channel.sponsorship)
        result = screen(mention.text, contexts[key])  # type: ignore[arg-type]
        if not mention.language and result.language != "und":
            mention.language = result.language
        mention.labels = result.labels
        mention.triage = result.as_contract(mention.pk)
        mention.triaged_at = now
        screened.append(mention)
    return screened


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
    Mention.objects.bulk_update(screened, ["language", "labels", "triage", "triaged_at"], batch_size=500)
    _label_cases(screened)
    return screened


def _label_cases(mentions: list[Mention]) -> None:
    from carewatch.inbox.models import Case

    tags: dict[tuple[int, str], Tag] = {}
    links: list[CaseTag] = []
    priorities: dict[int, int] = {}
    languages: dict[int, str] = {}
    for mention in mentions:
        if mention.case_id is None:
            continue
        if mention.language:
            languages.setdefault(mention.case_id, mention.language)
        for label in mention.labels:
            key = (mention.client_id, label)
            if key not in tags:
                tags[key], _ = Tag.objects.get_or_create(client_id=mention.client_id, name=label,
                                                         defaults={"kind": Tag.Kind.LABEL})
            links.append(CaseTag(case_id=mention.case_id, tag=tags[key]))
            wanted = PRIORITY_FOR.get(label)
            if wanted and wanted > priorities.get(mention.case_id, 0):
                priorities[mention.case_id] = wanted
    if links:
        CaseTag.objects.bulk_create(sorted(links, key=lambda link: (link.case_id, link.tag.pk)), ignore_conflicts=True)
    for case_id in sorted(set(priorities) | set(languages)):  # rows in ascending id: the lock order
        if case_id in priorities:
            Case.objects.filter(pk=case_id, priority__lt=priorities[case_id]).update(priority=priorities[case_id])
        if case_id in languages:
            Case.objects.filter(pk=case_id, language="").update(language=languages[case_id])

