"""What the rest of the desk tells the escalation app. Each is called inside the transaction of
the change it reports; anything sent goes out after commit, through the worker.

(Interface owned by carewatch.safety and carewatch.triage; the bodies belong to this app.)

- ``safety_case_opened``: the client's ``serious_adverse_event`` protocol for a serious adverse
  event (``adverse_event`` if the client has no serious one), ``adverse_event`` otherwise,
  ``product_complaint`` for a complaint. Idempotent: calling it again for a case that turned
  serious starts the serious protocol beside the running one, and nothing else.
- ``safety_case_forwarded``: the forward notice, with a signed acknowledgement link per recipient;
  the click records PV's acknowledgement (``safety.actions.do_acknowledge``, ``via="link"``).
- ``safety_case_settled``: stops the case's open escalations (cancels what is not yet sent).
- ``mentions_screened``: "urgent" → ``urgent``; "phi" on a public (non-DM) mention →
  ``phi_exposure``; legal or media words (``legal.legal_media_terms``) → ``legal_media``. One
  open escalation per inbox case and category; clients without the protocol cost one query.

The three safety-case functions are receivers of ``carewatch.safety.signals`` (connected in
``EscalationConfig.ready``): safety sits below escalation and never imports it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from carewatch.inbox.models import Mention
    from carewatch.safety.models import SafetyCase


def _category_for(safety_case: SafetyCase, protocols: dict[str, Any]) -> str:
    from carewatch.escalation.models import Category
    from carewatch.safety.models import SafetyKind

    if safety_case.kind == SafetyKind.PRODUCT_COMPLAINT:
        return Category.PRODUCT_COMPLAINT
    if safety_case.serious and (Category.SERIOUS_ADVERSE_EVENT in protocols or Category.ADVERSE_EVENT not in protocols):
        return Category.SERIOUS_ADVERSE_EVENT
    return Category.ADVERSE_EVENT


def safety_case_opened(safety_case: SafetyCase) -> None:
    """Start the client's protocol for the case's category (adverse_event, serious_adverse_event
    or product_complaint)."""
    from carewatch.escalation.actions import start_escalation
    from carewatch.escalation.policy import policy_for

    client = safety_case.client
    protocols = policy_for(client).protocols
    if not protocols:
        return
    category = _category_for(safety_case, protocols)
    start_escalation(client, category, safety_case=safety_case, due_at=safety_case.forward_due,
                     trigger={"kind": safety_case.kind, "serious": safety_case.serious,
                              "labels": list((safety_case.detection or {}).get("labels", [])),
                              "mention_id": (safety_case.detection or {}).get("mention_id")})


def safety_case_forwarded(safety_case: SafetyCase, recipients: list[str]) -> None:
    """Send the forward notice to ``recipients`` with a signed, expiring acknowledgement link."""
    from carewatch.escalation.actions import queue_forward_notices

    queue_forward_notices(safety_case, recipients)


def safety_case_settled(safety_case: SafetyCase) -> None:
    """The case was acknowledged by PV, dismissed or closed: stop its pending escalation steps."""
    from carewatch.escalation.actions import stop_for_safety_case

    stop_for_safety_case(safety_case)


def categories_for(mention: Mention) -> dict[str, dict[str, Any]]:
    """The escalation categories a screened mention calls for, each with its evidence (labels or
    matched words, never the text)."""
    from carewatch.escalation.legal import legal_media_terms
    from carewatch.escalation.models import Category
    from carewatch.inbox.models import Direction, MentionKind

    if mention.direction != Direction.INBOUND:
        return {}
    labels = set(mention.labels or [])
    found: dict[str, dict[str, Any]] = {}
    if "urgent" in labels:
        found[Category.URGENT] = {"labels": ["urgent"]}
    if "phi" in labels and mention.kind != MentionKind.DM:
        found[Category.PHI_EXPOSURE] = {"labels": ["phi"], "public": True}
    terms = legal_media_terms(mention.text)
    if terms:
        found[Category.LEGAL_MEDIA] = {"terms": terms}
    return found


def mentions_screened(mentions: list[Mention]) -> None:
    """Mentions triage just labelled: start urgent/crisis, PHI-exposure and legal/media protocols."""
    from carewatch.escalation.actions import start_escalation
    from carewatch.escalation.models import Category
    from carewatch.escalation.policy import policy_for
    from carewatch.inbox.models import Case
    from carewatch.tenancy.models import Client

    case_categories = {Category.URGENT, Category.PHI_EXPOSURE, Category.LEGAL_MEDIA}
    client_ids = {m.client_id for m in mentions}
    if not client_ids:
        return
    clients = Client.objects.in_bulk(client_ids)
    wanted = {cid: set(policy_for(client).protocols) & case_categories for cid, client in clients.items()}
    found = [(mention, category, evidence) for mention in mentions if wanted.get(mention.client_id)
             for category, evidence in categories_for(mention).items() if category in wanted[mention.client_id]]
    if not found:
        return
    cases = Case.objects.in_bulk({m.case_id for m, _, _ in found if m.case_id is not None})  # one read per batch
    for mention, category, evidence in found:
        case = cases.get(mention.case_id) if mention.case_id is not None else None
        start_escalation(clients[mention.client_id], category, case_id=mention.case_id,
                         due_at=case.first_response_due if case is not None else None,
                         trigger={"mention_id": mention.pk, **evidence})


def _opened(sender: Any, *, safety_case: SafetyCase, **kwargs: Any) -> None:
    safety_case_opened(safety_case)


def _forwarded(sender: Any, *, safety_case: SafetyCase, recipients: list[str], **kwargs: Any) -> None:
    safety_case_forwarded(safety_case, recipients)


def _settled(sender: Any, *, safety_case: SafetyCase, **kwargs: Any) -> None:
    safety_case_settled(safety_case)


def connect() -> None:
    """Listen to the safety app's signals (called once, from ``EscalationConfig.ready``)."""
    from carewatch.safety import signals

    signals.case_opened.connect(_opened, dispatch_uid="escalation.safety_case_opened")
    signals.case_forwarded.connect(_forwarded, dispatch_uid="escalation.safety_case_forwarded")
    signals.case_settled.connect(_settled, dispatch_uid="escalation.safety_case_settled")
