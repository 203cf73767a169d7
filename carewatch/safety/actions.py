"""Every change to a safety case: the permission check, the change and its audit event, in one
transaction. Views, the API, the CLI, triage and the sweepers call these; nothing else writes
safety rows.

Automation (triage, sweepers) may open a case and attach mentions to it. It never closes,
dismisses, hides or deletes one: ``do_dismiss`` and ``do_close`` need a user of the safety reviewer
role and a reason, and the database's check constraint refuses an ended case without both.
"""

from __future__ import annotations

import functools
import hashlib
import operator
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F, Max, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from carewatch.audit.chain import append, audit_last
from carewatch.hooks_out import emitters
from carewatch.inbox.models import Author, Direction, Mention
from carewatch.lib.canonical import canonical_json
from carewatch.safety import signals
from carewatch.safety.clocks import clocks_for, day_zero
from carewatch.safety.models import (
    ENDED,
    MINIMUM_ELEMENTS,
    NOT_FORWARDED,
    SERIOUSNESS_CRITERIA,
    SPECIAL_SITUATIONS,
    ElementState,
    ReporterType,
    SafetyCase,
    SafetyCaseMention,
    SafetyKind,
    SafetyStatus,
)
from carewatch.safety.policy import policy_for
from carewatch.tenancy.access import require_role
from carewatch.tenancy.models import SAFETY_DECIDE_ROLES, SAFETY_WORK_ROLES, Client, User

AE_LABELS = frozenset({"adverse_event", "serious", "special_situation"})
COMPLAINT_LABELS = frozenset({"product_complaint"})
THREAD_LIMIT = 50
MIN_REASON = 10  # a dismissal or closure reason a reviewer would accept, not "ok"


def kinds_for(labels: Iterable[str]) -> list[str]:
    """The safety case kinds a mention with these triage labels must be in."""
    found = set(labels)
    kinds = []
    if found & AE_LABELS:
        kinds.append(SafetyKind.ADVERSE_EVENT.value)
    if found & COMPLAINT_LABELS:
        kinds.append(SafetyKind.PRODUCT_COMPLAINT.value)
    return kinds


# --------------------------------------------------------------------------------------------------
# Evidence frozen at detection.


def _thread_item(pk: int, handle: str, direction: str, text: str, created_at: Any) -> dict[str, Any]:
    return {"id": pk, "author": handle, "direction": direction, "text": text, "created_at": created_at.isoformat()}


def read_threads(mentions: Iterable[Mention], threads: dict[tuple[int, str], list[dict[str, Any]]]) -> None:
    """The threads of these mentions not in ``threads`` yet, read into it with one query: each
    thread's first ``THREAD_LIMIT`` messages, as ``snapshot_of`` reads one thread."""
    wanted: dict[int, set[str]] = {}
    for mention in mentions:
        if (mention.channel_id, mention.thread_key) not in threads:
            wanted.setdefault(mention.channel_id, set()).add(mention.thread_key)
    if not wanted:
        return
    where = functools.reduce(operator.or_, (Q(channel_id=channel_id, thread_key__in=sorted(keys))
                                            for channel_id, keys in sorted(wanted.items())))
    rows = (Mention.objects.filter(where)
            .annotate(_position=Window(RowNumber(), partition_by=[F("channel_id"), F("thread_key")],
                                       order_by=[F("created_at").asc(), F("id").asc()]))
            .filter(_position__lte=THREAD_LIMIT)
            .order_by("channel_id", "thread_key", "created_at", "id")
            .values_list("channel_id", "thread_key", "pk", "author__handle", "direction", "text", "created_at"))
    for channel_id, keys in wanted.items():
        for thread_key in keys:
            threads[(channel_id, thread_key)] = []
    for channel_id, thread_key, pk, handle, direction, text, created_at in rows:
        threads[(channel_id, thread_key)].append(_thread_item(pk, handle, direction, text, created_at))


def snapshot_of(mention: Mention, threads: dict[tuple[int, str], list[dict[str, Any]]] | None = None
                ) -> dict[str, Any]:
    """What the mention and its thread said when it was attached. Later edits, hides or deletions
    on the platform change the mention row (which keeps its own history), never this.
    ``threads``: the threads already read in this transaction (a batch's mentions share threads)."""
    key = (mention.channel_id, mention.thread_key)
    thread = threads.get(key) if threads is not None else None
    if thread is None:
        thread = [_thread_item(*row) for row in
                  Mention.objects.filter(channel_id=mention.channel_id, thread_key=mention.thread_key)
                  .order_by("created_at", "id").values_list("pk", "author__handle", "direction", "text",
                                                            "created_at")[:THREAD_LIMIT]]
        if threads is not None:
            threads[key] = thread
    return {
        "mention_id": mention.pk,
        "external_id": mention.external_id,
        "platform": mention.platform,
        "kind": mention.kind,
        "text": mention.text,
        "language": mention.language,
        "author_handle": mention.author.handle,
        "author_external_id": mention.author.external_id,
        "author_url": (mention.author.flags or {}).get("profile_url", ""),
        "url": mention.url,
        "created_at": mention.created_at.isoformat(),
        "received_at": mention.received_at.isoformat(),
        "source_tz": mention.source_tz,
        "is_hidden": mention.is_hidden,
        "is_deleted": mention.is_deleted,
        "labels": list(mention.labels or []),
        "thread": [dict(item) for item in thread],
        "frozen_at": timezone.now().isoformat(),
    }


@dataclass
class _Batch:
    """What one batch of triage's mentions reads once: known-unlinked, threads, triage contexts."""

    threads: dict[tuple[int, str], list[dict[str, Any]]] = field(default_factory=dict)
    contexts: dict[int, Any] = field(default_factory=dict)


def _link(safety_case: SafetyCase, mention: Mention, actor: User | None, primary: bool,
          batch: _Batch | None = None) -> SafetyCaseMention | None:
    """The mention in the case, with its evidence snapshot (None if it was in it already). With
    ``batch`` the caller has checked that the mention is in no case of this kind."""
    if batch is None and SafetyCaseMention.objects.filter(safety_case=safety_case, mention=mention).exists():
        return None
    link = _link_row(safety_case, mention, actor, primary, batch)
    link.save(force_insert=True)
    return link


def _link_row(safety_case: SafetyCase, mention: Mention, actor: User | None, primary: bool,
              batch: _Batch | None = None) -> SafetyCaseMention:
    """The link with its evidence snapshot, not yet saved."""
    snapshot = snapshot_of(mention, batch.threads if batch is not None else None)
    return SafetyCaseMention(
        safety_case=safety_case, mention=mention, snapshot=snapshot, is_primary=primary, added_by=actor,
        snapshot_hash=hashlib.sha256(canonical_json(snapshot).encode()).hexdigest(),
    )


# --------------------------------------------------------------------------------------------------
# What triage found, as a first assessment a reviewer corrects.


def _finding_details(mention: Mention, label: str) -> dict[str, Any]:
    details = (mention.triage or {}).get("details") or {}
    value = details.get(label) or {}
    return value if isinstance(value, dict) else {}


def assessment_from_triage(mention: Mention, kind: str, contexts: dict[int, Any] | None = None) -> dict[str, Any]:
    ae = _finding_details(mention, "adverse_event")
    states = ae.get("minimum_elements") or {}
    evidence = (mention.triage or {}).get("evidence") or {}

    def spans(items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{"text": str(e.get("text", "")), "start": e.get("start"), "end": e.get("end"),
                 "mention_id": mention.pk} for e in items if e.get("text")]

    events = [e for e in ae.get("events", []) if e.get("status", "asserted") == "asserted"] or ae.get("events", [])
    if kind == SafetyKind.PRODUCT_COMPLAINT:
        events = list(evidence.get("product_complaint", [])) or events
    products = ([p for p in ae.get("products", []) if p.get("name") or p.get("text")]
                or _products_in_text(mention, contexts))
    elements = {
        "patient": {"state": states.get("patient", ElementState.UNKNOWN),
                    "evidence": spans(ae.get("patient_evidence", [])), "verify": ""},
        "reporter": {"state": states.get("reporter", ElementState.PRESENT),
                     "evidence": [{"text": f"@{mention.author.handle}" if mention.author.handle else "",
                                   "start": None, "end": None, "mention_id": mention.pk}],
                     "verify": _how_to_verify(mention)},
        "product": {"state": states.get("product", ElementState.PRESENT if products else ElementState.UNKNOWN),
                    "evidence": spans(products), "verify": ""},
        "event": {"state": states.get("event", ElementState.PRESENT if events else ElementState.UNKNOWN),
                  "evidence": spans(events), "verify": ""},
    }
    for element in elements.values():
        if element["state"] not in ElementState.values:
            element["state"] = ElementState.UNKNOWN
    serious = _finding_details(mention, "serious")
    special = _finding_details(mention, "special_situation")
    lots = _finding_details(mention, "product_complaint").get("lot_numbers", [])
    seen: set[str] = set()
    product_rows: list[dict[str, Any]] = []
    for p in products:
        name = str(p.get("name") or p.get("text"))
        if name.lower() in seen:
            continue
        seen.add(name.lower())
        product_rows.append({"name": name, "as_reported": str(p.get("text") or name), "role": "suspect",
                             "lot": lots[0] if lots and len(product_rows) == 0 else ""})
    criteria = [c for c in serious.get("criteria", []) if c in SERIOUSNESS_CRITERIA]
    return {
        "elements": elements,
        "serious": "serious" in (mention.labels or []),
        "seriousness": criteria,
        "special_situations": [s for s in special.get("situations", []) if s in SPECIAL_SITUATIONS],
        "products": product_rows,
        "reactions": [{"text": e["text"], "language": mention.language or "und", "outcome": "unknown"}
                      for e in spans(events)][:10],
    }


def _products_in_text(mention: Mention, contexts: dict[int, Any] | None = None) -> list[dict[str, Any]]:
    """The client's products named in the text (for a complaint, where the AE rules found none):
    triage's product matcher (brand, generic or alias, on word boundaries), first mention of each."""
    from carewatch.triage.detectors.care import Text, product_spans
    from carewatch.triage.engine import context_for_client

    if contexts is None:
        context = context_for_client(mention.client_id)
    elif mention.client_id in contexts:
        context = contexts[mention.client_id]
    else:
        context = contexts[mention.client_id] = context_for_client(mention.client_id)
    found: list[dict[str, Any]] = []
    named: set[str] = set()
    for start, end, product in sorted(product_spans(Text(mention.text), context),
                                      key=lambda span: span[0]):
        if product.name not in named:
            named.add(product.name)
            found.append({"name": product.name, "text": mention.text[start:end], "start": start, "end": end})
    return found


def refuse_close_while_pending(case: Any) -> None:
    """A conversation with an adverse event or complaint not yet forwarded (nor dismissed by a
    safety reviewer) stays open: closing it would drop the report from everyone's queue.
    (A close guard of ``inbox.actions``, registered in ``SafetyConfig.ready``.)"""
    pending = SafetyCase.objects.filter(case=case, status__in=NOT_FORWARDED).first()
    if pending is not None:
        raise ValidationError(f"{pending.reference} is not yet forwarded: forward it (or have a safety "
                              "reviewer dismiss it) before closing this case")


def case_page_panel(case: Any, role: str | None) -> dict[str, Any]:
    """The safety part of the inbox's case page (registered in ``SafetyConfig.ready``)."""
    return {"safety_cases": list(SafetyCase.objects.filter(case=case).select_related("client").order_by("id")),
            "can_open_safety": role in SAFETY_WORK_ROLES, "safety_kinds": SafetyKind.choices}


def _how_to_verify(mention: Mention) -> str:
    where = "direct-message thread" if mention.kind == "dm" else "public profile"
    return f"{mention.get_platform_display()} {where} of the author (account id {mention.author.external_id})"


def lock_numbering(client_ids: Iterable[int]) -> None:
    """Take the safety-case numbering lock of these clients, in ascending id, before any safety case
    row is locked (see the lock order in ``carewatch.audit.chain``).

    The lock is the client's row, FOR NO KEY UPDATE: it queues two workers numbering cases for one
    client, but not the inserts of rows referring to the client (their foreign-key check takes a
    KEY SHARE lock, which FOR UPDATE would have blocked until this transaction ended)."""
    ids = sorted(set(client_ids))
    if ids and connection.vendor == "postgresql":
        list(Client.objects.select_for_update(no_key=True).filter(pk__in=ids).order_by("pk")
             .values_list("pk", flat=True))


def _next_number(client_id: int) -> int:
    lock_numbering([client_id])  # already held when the caller took it first, as it should
    top = SafetyCase.objects.filter(client_id=client_id).aggregate(top=Max("number"))["top"]
    return int(top or 0) + 1


def _audit(safety_case: SafetyCase, action: str, data: dict[str, Any], actor: User | None = None,
           actor_label: str | None = None) -> None:
    append(action, actor=actor, actor_label=actor_label, client_id=safety_case.client_id, obj=safety_case,
           data={"reference": safety_case.reference, **data})


def _open(mention: Mention, kind: str, actor: User | None, reason: str, number: int | None = None,
          batch: _Batch | None = None) -> SafetyCase:
    """A new safety case for this mention (``number``: the client's next, when the caller holds
    the numbering lock and counts them itself; ``batch``: what triage's batch has read)."""
    opening = _opening(mention, kind, actor, reason, number, batch)
    opening.case.save(force_insert=True)
    opening.link.safety_case = opening.case
    opening.link.save(force_insert=True)
    _announce(opening)
    return opening.case


@dataclass
class _Opening:
    """A safety case about to be opened: the row, its primary link, and why (not yet saved)."""

    case: SafetyCase
    link: SafetyCaseMention
    mention: Mention
    actor: User | None
    reason: str


def _open_many(openings: list[_Opening]) -> None:
    """Triage's new cases of a batch: the cases inserted together, then their links together,
    then each one's audit event, signal and outbound-webhook event, as ``_open`` does."""
    if not openings:
        return
    SafetyCase.objects.bulk_create([o.case for o in openings])
    for opening in openings:
        opening.link.safety_case = opening.case  # the case's id, now that it has one
    SafetyCaseMention.objects.bulk_create([o.link for o in openings])
    for opening in openings:
        _announce(opening)


def _announce(opening: _Opening) -> None:
    safety_case, mention, actor = opening.case, opening.mention, opening.actor
    _audit(safety_case, "safety.open", {
        "kind": safety_case.kind, "mention": mention.pk, "labels": list(mention.labels or []),
        "by": "person" if actor else "triage",
        "day0": safety_case.day0.isoformat(), "day0_basis": safety_case.day0_basis,
        "forward_due": safety_case.forward_due.isoformat(),
        "serious": safety_case.serious, "elements": {k: v["state"] for k, v in safety_case.elements.items()},
        "reason": opening.reason,
    }, actor=actor, actor_label=None if actor else "triage")
    signals.case_opened.send(sender=SafetyCase, safety_case=safety_case)
    emitters.safety_case(safety_case, "safety_case.opened")


def _opening(mention: Mention, kind: str, actor: User | None, reason: str, number: int | None = None,
             batch: _Batch | None = None) -> _Opening:
    client = mention.client
    policy = policy_for(client)
    assessment = assessment_from_triage(mention, kind, batch.contexts if batch is not None else None)
    day0, basis = day_zero(mention, mention.channel.sponsorship)
    clocks = clocks_for(day0, basis, policy, kind, assessment["serious"] and kind == SafetyKind.ADVERSE_EVENT)
    number = number if number is not None else _next_number(client.pk)
    safety_case = SafetyCase(
        client=client, number=number, kind=kind, case_id=mention.case_id,
        elements=assessment["elements"], serious=assessment["serious"] and kind == SafetyKind.ADVERSE_EVENT,
        seriousness=assessment["seriousness"], special_situations=assessment["special_situations"],
        products=assessment["products"], reactions=assessment["reactions"], reporter_type=ReporterType.CONSUMER,
        solicited=bool((mention.channel.settings or {}).get("solicited", False)),
        day0=clocks.day0, day0_basis=clocks.basis, source_tz=mention.source_tz, forward_due=clocks.forward_due,
        regulatory_due=clocks.regulatory_due, detected_at=timezone.now(), opened_by=actor,
        detection={"labels": list(mention.labels or []), "scores": (mention.triage or {}).get("scores", {}),
                   "versions": (mention.triage or {}).get("versions", {}), "mention_id": mention.pk,
                   "reason": reason},
    )
    return _Opening(safety_case, _link_row(safety_case, mention, actor, primary=True, batch=batch), mention,
                    actor, reason)


def _open_case_for(mention: Mention, kind: str) -> SafetyCase | None:
    """The case this mention's report belongs with: the same conversation's case of this kind that
    has not yet ended (a follow-up comment about the same experience)."""
    if mention.case_id is None:
        return None
    return (SafetyCase.objects.select_for_update().filter(case_id=mention.case_id, kind=kind)
            .exclude(status__in=ENDED).order_by("-id").first())


def open_from_triage(mentions: Iterable[Mention]) -> list[SafetyCase]:
    """Triage's step: every inbound mention with a safety label ends up in a safety case of each
    kind its labels call for: a new one, or the open one of the same conversation. Idempotent.

    Set-wise for the batch: the links already made, the conversations' open safety cases (locked,
    by client and conversation), the clients and each client's next number are read once, not per
    mention; a case opened here serves the batch's later mentions of the same conversation. The
    new cases are inserted together, then their links (``_open_many``); a later mention of a case
    opened in this batch is attached once that case is written."""
    touched: list[SafetyCase] = []
    # Lock order: the clients' numbering, then the safety cases, by client and conversation.
    mentions = sorted((m for m in mentions if m.direction == Direction.INBOUND and kinds_for(m.labels or [])),
                      key=lambda m: (m.client_id, m.case_id or 0, m.pk))
    if not mentions:
        return touched
    with audit_last():
        lock_numbering(m.client_id for m in mentions)
        linked = set(SafetyCaseMention.objects.filter(mention__in=[m.pk for m in mentions])
                     .values_list("mention_id", "safety_case__kind"))
        kinds = {kind for m in mentions for kind in kinds_for(m.labels or [])}
        open_cases: dict[tuple[int, str], SafetyCase] = {}
        for row in (SafetyCase.objects.select_for_update()
                    .filter(case_id__in={m.case_id for m in mentions if m.case_id is not None}, kind__in=kinds)
                    .exclude(status__in=ENDED).order_by("client_id", "case_id", "kind", "-id")):
            assert row.case_id is not None
            open_cases.setdefault((row.case_id, row.kind), row)
        clients = Client.objects.in_bulk({m.client_id for m in mentions})
        authors = Author.objects.in_bulk({m.author_id for m in mentions})
        numbers: dict[int, int] = {}
        batch = _Batch()  # (mention, kind) not in ``linked``: in no case of that kind, so unlinked
        # The threads of the mentions about to be linked, for their evidence snapshots: one read.
        read_threads([m for m in mentions if any((m.pk, kind) not in linked for kind in kinds_for(m.labels or []))],
                     batch.threads)
        openings: list[_Opening] = []
        later: list[tuple[Mention, SafetyCase]] = []  # to attach to a case opened in this batch
        for mention in mentions:
            mention.client = clients[mention.client_id]
            if mention.author_id in authors:
                mention.author = authors[mention.author_id]
            for kind in kinds_for(mention.labels or []):
                if (mention.pk, kind) in linked:
                    continue
                existing = open_cases.get((mention.case_id, kind)) if mention.case_id is not None else None
                if existing is not None:
                    if existing.pk is None:
                        later.append((mention, existing))
                    else:
                        _attach_from_triage(existing, mention, batch, touched)
                    continue
                if mention.client_id not in numbers:
                    numbers[mention.client_id] = _next_number(mention.client_id)  # the lock is held
                opening = _opening(mention, kind, None, "flagged by triage", number=numbers[mention.client_id],
                                   batch=batch)
                numbers[mention.client_id] += 1
                openings.append(opening)
                if mention.case_id is not None:
                    open_cases[(mention.case_id, kind)] = opening.case
                touched.append(opening.case)
        _open_many(openings)
        for mention, existing in later:
            _attach_from_triage(existing, mention, batch, touched)
    return touched


def _attach_from_triage(existing: SafetyCase, mention: Mention, batch: _Batch, touched: list[SafetyCase]) -> None:
    """A flagged mention joins the open case of its conversation (of that kind)."""
    if _link(existing, mention, None, primary=False, batch=batch) is not None:
        _audit(existing, "safety.attach", {"mention": mention.pk, "by": "triage",
                                           "labels": list(mention.labels or [])},
               actor_label="triage")
        _reassess_seriousness(existing, mention)
        touched.append(existing)


def _reassess_seriousness(safety_case: SafetyCase, mention: Mention) -> None:
    """A later comment that makes the case serious moves it to the fast track (never the other way)."""
    if safety_case.kind != SafetyKind.ADVERSE_EVENT or safety_case.serious or "serious" not in (mention.labels or []):
        return
    criteria = assessment_from_triage(mention, safety_case.kind)["seriousness"]
    _set_serious(safety_case, True, criteria, None)


def _set_serious(safety_case: SafetyCase, serious: bool, criteria: list[str], actor: User | None) -> None:
    policy = policy_for(safety_case.client)
    clocks = clocks_for(safety_case.day0, safety_case.day0_basis, policy, safety_case.kind, serious)
    before = safety_case.forward_due
    safety_case.serious = serious
    safety_case.seriousness = criteria
    if safety_case.status in NOT_FORWARDED:
        safety_case.forward_due = clocks.forward_due
    safety_case.save(update_fields=["serious", "seriousness", "forward_due", "updated_at"])
    _audit(safety_case, "safety.seriousness", {"serious": serious, "criteria": criteria,
                                               "forward_due": {"from": before.isoformat(),
                                                               "to": safety_case.forward_due.isoformat()}},
           actor=actor, actor_label=None if actor else "triage")
    if serious:
        # starts the serious-AE protocol (idempotent)
        signals.case_opened.send(sender=SafetyCase, safety_case=safety_case)


# --------------------------------------------------------------------------------------------------
# People's actions.


def _lock(safety_case: SafetyCase) -> SafetyCase:
    return SafetyCase.objects.select_for_update(of=("self",)).select_related("client").get(pk=safety_case.pk)


def _require_status(safety_case: SafetyCase, allowed: Iterable[str], doing: str) -> None:
    if safety_case.status not in set(allowed):
        raise ValidationError(f"{safety_case.reference} is {safety_case.get_status_display().lower()}: "
                              f"it cannot be {doing}")


def do_open_by_hand(actor: User, mention: Mention, kind: str, reason: str) -> SafetyCase:
    """An agent opens a safety case for a mention triage did not flag (or flagged otherwise)."""
    require_role(actor, mention.client_id, SAFETY_WORK_ROLES)
    if kind not in SafetyKind.values:
        raise ValidationError(f"unknown safety case kind {kind!r}")
    if not reason.strip():
        raise ValidationError("say why this is a safety case")
    with audit_last():
        lock_numbering([mention.client_id])
        if SafetyCaseMention.objects.filter(mention=mention, safety_case__kind=kind).exists():
            raise ValidationError("this mention is already in a safety case of that kind")
        return _open(mention, kind, actor, reason.strip())


def do_attach_mention(actor: User, safety_case: SafetyCase, mention: Mention) -> SafetyCase:
    """Attach another mention about the same experience (a follow-up, the same person elsewhere)."""
    require_role(actor, safety_case.client_id, SAFETY_WORK_ROLES)
    if mention.client_id != safety_case.client_id:
        raise ValidationError("that mention belongs to another client")
    with transaction.atomic():
        safety_case = _lock(safety_case)
        _require_status(safety_case, [s for s in SafetyStatus.values if s not in ENDED], "changed")
        if _link(safety_case, mention, actor, primary=False) is None:
            return safety_case
        _audit(safety_case, "safety.attach", {"mention": mention.pk, "by": "person"}, actor=actor)
    return safety_case


def do_start_review(actor: User, safety_case: SafetyCase) -> SafetyCase:
    require_role(actor, safety_case.client_id, SAFETY_WORK_ROLES)
    with transaction.atomic():
        safety_case = _lock(safety_case)
        if safety_case.status == SafetyStatus.IN_REVIEW:
            return safety_case
        _require_status(safety_case, [SafetyStatus.FLAGGED], "put in review")
        safety_case.status = SafetyStatus.IN_REVIEW
        safety_case.save(update_fields=["status", "updated_at"])
        _audit(safety_case, "safety.review", {}, actor=actor)
    return safety_case


ASSESSMENT_FIELDS = ("elements", "serious", "seriousness", "special_situations", "products", "reactions",
                     "reporter_type", "patient", "narrative", "solicited")


def _clean_assessment(changes: dict[str, Any]) -> dict[str, Any]:
    unknown = set(changes) - set(ASSESSMENT_FIELDS)
    if unknown:
        raise ValidationError(f"unknown field(s): {', '.join(sorted(unknown))}")
    clean = dict(changes)
    if "elements" in clean:
        elements = clean["elements"]
        if not isinstance(elements, dict) or set(elements) - set(MINIMUM_ELEMENTS):
            raise ValidationError("elements are patient, reporter, product and event")
        for name, value in elements.items():
            if not isinstance(value, dict) or value.get("state") not in ElementState.values:
                raise ValidationError(f"{name}: state must be present, absent or unknown")
    if "seriousness" in clean and not set(clean["seriousness"]) <= set(SERIOUSNESS_CRITERIA):
        raise ValidationError(f"seriousness criteria are {', '.join(SERIOUSNESS_CRITERIA)}")
    if "special_situations" in clean and not set(clean["special_situations"]) <= set(SPECIAL_SITUATIONS):
        raise ValidationError(f"special situations are {', '.join(SPECIAL_SITUATIONS)}")
    if "reporter_type" in clean and clean["reporter_type"] not in ReporterType.values:
        raise ValidationError("reporter type is consumer, hcp or unknown")
    if "products" in clean:
        for product in clean["products"]:
            if not isinstance(product, dict) or not str(product.get("name", "")).strip():
                raise ValidationError("each product needs a name")
            if product.get("role", "suspect") not in ("suspect", "concomitant", "interacting", "not_administered"):
                raise ValidationError("a product's role is suspect, concomitant, interacting or not_administered")
    if "patient" in clean and isinstance(clean["patient"], dict) and "name" in clean["patient"]:
        raise ValidationError("a patient is recorded by initials, age and sex, never by name")
    return clean


def do_update_assessment(actor: User, safety_case: SafetyCase, **changes: Any) -> SafetyCase:
    """A reviewer corrects triage's first assessment: elements (with evidence and how to verify),
    seriousness, special situations, products and roles, reporter type, patient, narrative."""
    require_role(actor, safety_case.client_id, SAFETY_WORK_ROLES)
    clean = _clean_assessment(changes)
    with transaction.atomic():
        safety_case = _lock(safety_case)
        _require_status(safety_case, [s for s in SafetyStatus.values if s not in ENDED], "changed")
        if safety_case.status == SafetyStatus.FLAGGED:
            safety_case.status = SafetyStatus.IN_REVIEW
        serious = clean.pop("serious", safety_case.serious)
        criteria = clean.pop("seriousness", safety_case.seriousness)
        diff = {k: {"from": getattr(safety_case, k), "to": v} for k, v in clean.items() if getattr(safety_case, k) != v}
        for key, value in clean.items():
            setattr(safety_case, key, value)
        safety_case.save()
        if diff:
            # The narrative may quote the post: the audit keeps that it changed, not its text.
            if "narrative" in diff:
                diff["narrative"] = {"changed": True}
            _audit(safety_case, "safety.assess", diff, actor=actor)
        if bool(serious) != safety_case.serious or list(criteria) != list(safety_case.seriousness):
            _set_serious(safety_case, bool(serious), list(criteria), actor)
    return safety_case


def do_forward(actor: User, safety_case: SafetyCase, recipients: list[str] | None = None,
               note: str = "") -> SafetyCase:
    """Send the case to the client's PV (or quality) contact. Three of four elements is still
    forwarded, marked "follow-up needed": nothing flagged is held back for being incomplete."""
    require_role(actor, safety_case.client_id, SAFETY_WORK_ROLES)
    with transaction.atomic():
        safety_case = _lock(safety_case)
        _require_status(safety_case, NOT_FORWARDED, "forwarded again (send a follow-up instead)")
        to = [r.strip() for r in (recipients or policy_for(safety_case.client).recipients_for(safety_case.kind))
              if r.strip()]
        if not to:
            raise ValidationError(f"{safety_case.client} has no PV forwarding address (pv_forward_to): "
                                  "add one to the client's configuration or name a recipient")
        now = timezone.now()
        safety_case.status = SafetyStatus.FORWARDED
        safety_case.forwarded_at, safety_case.forwarded_by, safety_case.forwarded_to = now, actor, to
        safety_case.save()
        _audit(safety_case, "safety.forward", {
            "to": to, "late": now > safety_case.forward_due, "follow_up_needed": safety_case.follow_up_needed,
            "elements_present": safety_case.present_count, "note": note.strip()[:500],
        }, actor=actor)
        signals.case_forwarded.send(sender=SafetyCase, safety_case=safety_case, recipients=to)
        emitters.safety_case(safety_case, "safety_case.forwarded")
    return safety_case


def do_acknowledge(safety_case: SafetyCase, *, actor: User | None = None, actor_label: str = "",
                   via: str = "app", pv_reference: str = "") -> SafetyCase:
    """PV confirms receipt: in the app (a user of the client) or by the signed link in the forward
    notice (no login; ``actor_label`` names the recipient the link was sent to)."""
    if actor is not None:
        require_role(actor, safety_case.client_id, SAFETY_WORK_ROLES)
    elif not actor_label:
        raise ValidationError("an acknowledgement names who gave it")
    with transaction.atomic():
        safety_case = _lock(safety_case)
        if safety_case.status == SafetyStatus.ACKNOWLEDGED:
            return safety_case
        _require_status(safety_case, [SafetyStatus.FORWARDED, SafetyStatus.FOLLOW_UP_SENT], "acknowledged")
        safety_case.status = SafetyStatus.ACKNOWLEDGED
        safety_case.acknowledged_at = timezone.now()
        safety_case.acknowledged_by = actor.email if actor is not None else actor_label[:254]
        if pv_reference.strip():
            safety_case.pv_reference = pv_reference.strip()[:100]
        safety_case.save()
        _audit(safety_case, "safety.acknowledge", {"via": via, "by": safety_case.acknowledged_by,
                                                   "pv_reference": safety_case.pv_reference},
               actor=actor, actor_label=None if actor else f"{actor_label} (signed link)")
        signals.case_settled.send(sender=SafetyCase, safety_case=safety_case)
        emitters.safety_case(safety_case, "safety_case.acknowledged")
    return safety_case


def do_request_follow_up(actor: User, safety_case: SafetyCase, what: str) -> SafetyCase:
    """PV asks for more information (a missing element, the lot number): the agent follows up."""
    require_role(actor, safety_case.client_id, SAFETY_WORK_ROLES)
    if not what.strip():
        raise ValidationError("say what PV asked for")
    with transaction.atomic():
        safety_case = _lock(safety_case)
        _require_status(safety_case, [SafetyStatus.FORWARDED, SafetyStatus.ACKNOWLEDGED, SafetyStatus.FOLLOW_UP_SENT],
                        "followed up")
        safety_case.status = SafetyStatus.FOLLOW_UP_REQUESTED
        safety_case.follow_up_requested_at = timezone.now()
        safety_case.save()
        _audit(safety_case, "safety.follow_up.request", {"what": what.strip()[:1000]}, actor=actor)
    return safety_case


def do_send_follow_up(actor: User, safety_case: SafetyCase, note: str = "") -> SafetyCase:
    """The follow-up information goes to PV (the same recipients as the forward)."""
    require_role(actor, safety_case.client_id, SAFETY_WORK_ROLES)
    with transaction.atomic():
        safety_case = _lock(safety_case)
        _require_status(safety_case, [SafetyStatus.FOLLOW_UP_REQUESTED], "sent a follow-up")
        safety_case.status = SafetyStatus.FOLLOW_UP_SENT
        safety_case.follow_up_sent_at = timezone.now()
        safety_case.save()
        _audit(safety_case, "safety.follow_up.send", {"to": safety_case.forwarded_to, "note": note.strip()[:500],
                                                      "elements_present": safety_case.present_count}, actor=actor)
        signals.case_forwarded.send(sender=SafetyCase, safety_case=safety_case,
                                    recipients=list(safety_case.forwarded_to))
    return safety_case


def _end(actor: User, safety_case: SafetyCase, status: str, reason: str, allowed: Iterable[str],
         doing: str) -> SafetyCase:
    require_role(actor, safety_case.client_id, SAFETY_DECIDE_ROLES)
    reason = reason.strip()
    if len(reason) < MIN_REASON:
        raise ValidationError(f"a reason of at least {MIN_REASON} characters is required to {doing} a safety case")
    with transaction.atomic():
        safety_case = _lock(safety_case)
        _require_status(safety_case, allowed, f"{doing}ed".replace("ee", "e"))
        safety_case.status = status
        safety_case.ended_at, safety_case.ended_by, safety_case.end_reason = timezone.now(), actor, reason
        safety_case.save()
        _audit(safety_case, f"safety.{status}", {"reason": reason}, actor=actor)
        signals.case_settled.send(sender=SafetyCase, safety_case=safety_case)
    return safety_case


def do_dismiss(actor: User, safety_case: SafetyCase, reason: str) -> SafetyCase:
    """A safety reviewer decides the flag was wrong (not an AE, a duplicate of another case...)."""
    return _end(actor, safety_case, SafetyStatus.DISMISSED, reason, NOT_FORWARDED, "dismiss")


def do_close(actor: User, safety_case: SafetyCase, reason: str) -> SafetyCase:
    """PV has closed its case: the safety reviewer records it, with PV's word as the reason."""
    return _end(actor, safety_case, SafetyStatus.CLOSED, reason,
                [SafetyStatus.FORWARDED, SafetyStatus.ACKNOWLEDGED, SafetyStatus.FOLLOW_UP_SENT,
                 SafetyStatus.FOLLOW_UP_REQUESTED], "close")


def record_forward_breach(safety_case_id: int) -> bool:
    """Mark a case's forward deadline as breached, once (a conditional UPDATE: two sweepers in two
    workers cannot both record it). True for the caller that recorded it."""
    now = timezone.now()
    with transaction.atomic():
        claimed = SafetyCase.objects.filter(pk=safety_case_id, status__in=NOT_FORWARDED, forward_due__lt=now,
                                            breach_recorded_at__isnull=True).update(breach_recorded_at=now)
        if not claimed:
            return False
        safety_case = SafetyCase.objects.select_related("client").get(pk=safety_case_id)
        _audit(safety_case, "safety.forward_breach",
               {"forward_due": safety_case.forward_due.isoformat(),
                "overdue_minutes": int((now - safety_case.forward_due) / timedelta(minutes=1))},
               actor_label="sweeper")
    return True


def unopened_flagged_mentions(since: timedelta = timedelta(days=2)) -> list[tuple[Mention, str]]:
    """Inbound mentions screened in the window whose labels call for a safety case they are not in."""
    cutoff = timezone.now() - since
    candidates = (Mention.objects.filter(triaged_at__gte=cutoff, direction=Direction.INBOUND)
                  .only("id", "labels").order_by("id"))
    missing: list[tuple[int, str]] = []
    for mention_id, labels in candidates.values_list("id", "labels").iterator(chunk_size=2000):
        for kind in kinds_for(labels or []):
            missing.append((mention_id, kind))
    if not missing:
        return []
    linked = set(SafetyCaseMention.objects.filter(mention_id__in={m for m, _ in missing})
                 .values_list("mention_id", "safety_case__kind"))
    wanted = [(m, k) for m, k in missing if (m, k) not in linked]
    by_id = {m.pk: m for m in Mention.objects.filter(pk__in={m for m, _ in wanted})
             .select_related("client", "channel", "author")}
    return [(by_id[m], k) for m, k in wanted if m in by_id]


def sweep_unopened(since: timedelta = timedelta(days=2)) -> int:
    """Belt and braces for 'no flagged mention is left without a case': triage opens cases in the
    transaction that writes the labels; this finds any that a crash or a relabel left out."""
    found = unopened_flagged_mentions(since)
    if found:
        open_from_triage([m for m, _ in found])
    return len(found)
