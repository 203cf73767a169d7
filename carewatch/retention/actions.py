"""Retention and data-subject requests: anonymise what has no safety relevance, keep and explain
what pharmacovigilance law requires. Each run is one audited action.

A mention has safety relevance when a safety case holds it (its frozen evidence), or triage
labelled it an adverse event, product complaint, special situation or serious. Such mentions are
never anonymised here, nor are safety cases, audit events or signatures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from carewatch.audit.chain import append
from carewatch.inbox.models import Author, Mention
from carewatch.retention.policy import policy_for
from carewatch.safety.models import SafetyCaseMention
from carewatch.sources.models import InboundEvent
from carewatch.tenancy.models import Client, User

SAFETY_RELEVANT_LABELS = ("adverse_event", "product_complaint", "special_situation", "serious")
REMOVED = "[removed: retention]"
KEPT_BECAUSE = ("kept: pharmacovigilance law requires safety information to be retained "
                "(EU GVP Module VI; 21 CFR 314.80 / 600.80 records)")
CHUNK = 500


def _labelled_safety(qs: QuerySet[Mention]) -> QuerySet[Mention]:
    condition = Q()
    for label in SAFETY_RELEVANT_LABELS:
        condition |= Q(labels__contains=[label]) if _json_contains() else Q(labels__icontains=f'"{label}"')
    return qs.filter(condition)


def _json_contains() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"


def safety_relevant_ids(qs: QuerySet[Mention]) -> set[int]:
    linked = set(SafetyCaseMention.objects.filter(mention__in=qs).values_list("mention_id", flat=True))
    return linked | set(_labelled_safety(qs).values_list("pk", flat=True))


@dataclass
class Outcome:
    anonymised: int = 0
    kept_for_safety: int = 0
    events_cleared: int = 0
    authors_anonymised: int = 0
    kept: list[dict[str, Any]] = field(default_factory=list)


def _anonymise(mentions: list[Mention], now: datetime, why: str) -> tuple[int, int]:
    """Blank the personal content of these mentions and of raw events that only they came from."""
    ids = [m.pk for m in mentions]
    event_ids = {m.inbound_event_id for m in mentions if m.inbound_event_id}
    Mention.objects.filter(pk__in=ids).update(text=REMOVED, edit_history=[], url="", triage={},
                                              platform_meta={"retention": {"at": now.isoformat(), "why": why}})
    # A raw delivery may carry several messages: keep it while a message not anonymised came from it.
    still_used = set(Mention.objects.filter(inbound_event_id__in=event_ids).exclude(text=REMOVED)
                     .values_list("inbound_event_id", flat=True))
    cleared = InboundEvent.objects.filter(pk__in=event_ids - still_used).exclude(raw_body=b"").update(
        raw_body=b"", headers={})
    return len(ids), cleared


def _anonymise_authors(author_ids: set[int]) -> int:
    done = 0
    for author in Author.objects.filter(pk__in=author_ids):
        if Mention.objects.filter(author=author).exclude(text=REMOVED).exists():
            continue  # something of theirs is kept (safety evidence, or still within retention)
        author.handle = author.display_name = ""
        author.external_id = f"anonymised-{author.pk}"
        author.flags = {}
        author.save(update_fields=["handle", "display_name", "external_id", "flags"])
        done += 1
    return done


def do_apply_retention(client: Client, now: datetime | None = None, actor: User | None = None) -> Outcome:
    """Anonymise the client's mentions older than its ``mentions_days`` that have no safety
    relevance; nothing under legal hold; audited (counts only)."""
    now = now or timezone.now()
    policy = policy_for(client)
    outcome = Outcome()
    if policy.legal_hold or not policy.mentions_days:
        return outcome
    cutoff = now - timedelta(days=policy.mentions_days)
    old = Mention.objects.filter(client=client, created_at__lt=cutoff).exclude(text=REMOVED)
    with transaction.atomic():
        keep = safety_relevant_ids(old)
        authors: set[int] = set()
        batch: list[Mention] = []
        for mention in old.only("pk", "inbound_event_id", "author_id").iterator(chunk_size=CHUNK):
            if mention.pk in keep:
                continue
            batch.append(mention)
            authors.add(mention.author_id)
            if len(batch) >= CHUNK:
                n, cleared = _anonymise(batch, now, f"older than {policy.mentions_days} days")
                outcome.anonymised += n
                outcome.events_cleared += cleared
                batch = []
        if batch:
            n, cleared = _anonymise(batch, now, f"older than {policy.mentions_days} days")
            outcome.anonymised += n
            outcome.events_cleared += cleared
        outcome.kept_for_safety = len(keep)
        outcome.authors_anonymised = _anonymise_authors(authors)
        if outcome.anonymised:
            append("retention.apply", actor=actor, actor_label=None if actor else "retention", client_id=client.pk,
                   obj=client, data={"mentions_days": policy.mentions_days, "anonymised": outcome.anonymised,
                                     "kept_for_safety": outcome.kept_for_safety,
                                     "events_cleared": outcome.events_cleared,
                                     "authors_anonymised": outcome.authors_anonymised})
    return outcome


# ------------------------------------------------------------------ data-subject requests
def _author_mentions(client: Client, platform: str, handle: str) -> QuerySet[Mention]:
    handle = handle.lstrip("@")
    return Mention.objects.filter(client=client, author__platform=platform, author__handle__iexact=handle)


def subject_export(client: Client, platform: str, handle: str, actor: User | None = None) -> dict[str, Any]:
    """What we hold about one author of this client (a data-subject access request), audited."""
    mentions = list(_author_mentions(client, platform, handle).order_by("created_at")
                    .select_related("author"))
    relevant = safety_relevant_ids(_author_mentions(client, platform, handle))
    out = {
        "client": client.slug, "platform": platform, "handle": handle.lstrip("@"),
        "mentions": [{"id": m.pk, "created_at": m.created_at.isoformat(), "kind": m.kind, "url": m.url,
                      "text": m.text, "labels": m.labels, "safety_relevant": m.pk in relevant}
                     for m in mentions],
        "safety_evidence": [{"safety_case": link.safety_case.reference, "frozen_at": link.snapshot.get("frozen_at"),
                             "text": link.snapshot.get("text", ""), "note": KEPT_BECAUSE}
                            for link in SafetyCaseMention.objects.filter(mention__in=[m.pk for m in mentions])
                            .select_related("safety_case")],
    }
    with transaction.atomic():
        append("subject.export", actor=actor, actor_label=None if actor else "cli", client_id=client.pk, obj=client,
               data={"platform": platform, "mentions": len(mentions)})
    return out


def do_subject_erase(client: Client, platform: str, handle: str, reason: str,
                     actor: User | None = None, now: datetime | None = None) -> Outcome:
    """Erase what we hold about one author (a data-subject erasure request), except what
    pharmacovigilance law requires us to keep, which is listed with the reason; audited."""
    if len(reason.strip()) < 10:
        raise ValueError("say why (the request's reference), at least 10 characters")
    if policy_for(client).legal_hold:
        raise ValueError(f"{client.slug} is under legal hold: nothing can be erased until it is lifted")
    now = now or timezone.now()
    outcome = Outcome()
    with transaction.atomic():
        mentions = list(_author_mentions(client, platform, handle).exclude(text=REMOVED))
        keep = safety_relevant_ids(_author_mentions(client, platform, handle))
        erase = [m for m in mentions if m.pk not in keep]
        outcome.kept = [{"id": m.pk, "created_at": m.created_at.isoformat(), "why": KEPT_BECAUSE}
                        for m in mentions if m.pk in keep]
        outcome.kept_for_safety = len(outcome.kept)
        if erase:
            outcome.anonymised, outcome.events_cleared = _anonymise(erase, now, "data-subject erasure request")
            outcome.authors_anonymised = _anonymise_authors({m.author_id for m in erase})
        append("subject.erase", actor=actor, actor_label=None if actor else "cli", client_id=client.pk, obj=client,
               data={"platform": platform, "reason": reason.strip()[:300], "anonymised": outcome.anonymised,
                     "kept_for_safety": outcome.kept_for_safety})
    return outcome
