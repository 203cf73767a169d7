"""Triage's state changes: permission check, the change, its audit event. Reviewers' decisions
on flags; model versions registered, activated and pinned (the CLI acts as the system actor).

A reviewer confirms or dismisses each label triage raised on a mention. The decision is labelled
data for ``carewatch triage train --client SLUG`` and evidence of human review, nothing else: it
never changes ``Mention.labels`` or the case's label tags, never detaches the mention from its
safety case and never dismisses or closes a safety case. Ending a safety case is the qualified
safety reviewer's own action (``carewatch.safety.actions.do_dismiss``), because automation and
a flag review must not suppress a safety item.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from carewatch.audit.chain import append
from carewatch.inbox.models import Mention
from carewatch.tenancy.access import require_role
from carewatch.tenancy.models import CASE_WRITE_ROLES, Client, Role, User
from carewatch.triage import registry
from carewatch.triage.classifier import LinearTextModel
from carewatch.triage.models import ModelVersion, ReviewDecision
from carewatch.triage.result import SAFETY_LABELS

# Who may confirm or dismiss a flag: those who work cases, and the safety reviewer.
REVIEW_ROLES = frozenset(CASE_WRITE_ROLES | {Role.SAFETY})
MIN_DISMISS_REASON = 10  # a reason a reviewer (and an auditor) would accept, not "ok"
MAX_REASON = 1000
CONFIRM, DISMISS = "confirm", "dismiss"
DECISIONS = (CONFIRM, DISMISS)


def flagged_labels(mention: Mention) -> list[str]:
    """The labels triage raised on the mention: the flags a reviewer can confirm or dismiss."""
    return [str(label) for label in (mention.labels or [])]


def do_review_flag(actor: User, mention: Mention, label: str, decision: str, reason: str = "") -> ReviewDecision:
    """Record ``actor``'s ``decision`` ("confirm" or "dismiss") on the flag ``label`` of ``mention``.

    Dismissing a safety label (adverse event, serious, special situation, product complaint,
    urgent) needs a reason of at least ``MIN_DISMISS_REASON`` characters. Deciding again replaces
    the earlier decision; the audit trail keeps every one."""
    require_role(actor, mention.client_id, REVIEW_ROLES)
    if decision not in DECISIONS:
        raise ValidationError(f"unknown decision {decision!r}: confirm or dismiss")
    if label not in flagged_labels(mention):
        raise ValidationError(f"this message has no {label!r} flag to review")
    reason = " ".join(reason.split())
    if len(reason) > MAX_REASON:
        raise ValidationError(f"a reason is at most {MAX_REASON} characters")
    confirmed = decision == CONFIRM
    safety = label in SAFETY_LABELS
    if not confirmed and safety and len(reason) < MIN_DISMISS_REASON:
        raise ValidationError(f"dismissing the {label.replace('_', ' ')} flag needs a reason of at least "
                              f"{MIN_DISMISS_REASON} characters")
    with transaction.atomic():
        before = ReviewDecision.objects.select_for_update().filter(mention=mention, label=label).first()
        if before is not None and before.confirmed == confirmed and before.reason == reason:
            return before
        row = registry.record_decision(mention, label, confirmed, actor, reason)
        data: dict[str, Any] = {
            "label": label, "decision": decision, "reason": reason,
            "before": None if before is None else (CONFIRM if before.confirmed else DISMISS),
            "score": row.score, "safety_label": safety,
            "versions": {k: v for k, v in row.detector_versions.items() if k in (label, "ae_model")},
        }
        append(f"triage.flag_{decision}", actor=actor, client_id=mention.client_id, obj=mention, data=data)
    return row


def decisions_for(mention_ids: list[int]) -> dict[tuple[int, str], ReviewDecision]:
    """The current decisions on these mentions, by (mention id, label)."""
    rows = ReviewDecision.objects.filter(mention_id__in=mention_ids).select_related("decided_by")
    return {(row.mention_id, row.label): row for row in rows}


# ---------------------------------------------------------------------------- model versions
def _require_model_admin(actor: User, client: Client | None) -> None:
    """A client's model is its admins' to change; the global model is the agency admins'."""
    if client is None:
        if not actor.is_agency_admin:
            raise PermissionDenied("only an agency admin changes the global triage model")
    else:
        require_role(actor, client.pk, {Role.ADMIN})


def do_register_model(actor: User, model: LinearTextModel, client: Client | None = None,
                      activate: bool = True) -> ModelVersion:
    """Write the model under CAREWATCH_DATA_DIR/models/ and record it; ``activate`` makes it the
    client's (or the global) model for its label, deactivating the one before."""
    from carewatch.triage.models import models_dir

    _require_model_admin(actor, client)
    version = model.version
    base, n = version, 1
    while ModelVersion.objects.filter(version=version).exists():
        n += 1
        version = f"{base}-{n}"
    model = LinearTextModel(model.vectorizer, model.coef, model.intercept, {**model.meta, "version": version})
    name = f"{version}.skops"
    model.save(models_dir() / name)
    languages = model.languages
    with transaction.atomic():
        before: list[str] = []
        if activate:
            active = ModelVersion.objects.filter(label=model.label, client=client, is_active=True)
            before = list(active.values_list("version", flat=True))
            active.update(is_active=False)
        row = ModelVersion.objects.create(
            client=client, label=model.label, version=version, language=languages[0] if len(languages) == 1 else "",
            data_hash=str(model.meta.get("data_hash", "")), metrics=model.meta.get("metrics", {}),
            threshold=model.threshold, high_recall_threshold=model.high_recall_threshold, path=name,
            is_active=activate,
        )
        append("triage.model_registered", actor=actor, client_id=client.pk if client else None, obj=row,
               data={"label": model.label, "version": version, "active": activate, "replaced": before,
                     "data_hash": row.data_hash})
    registry.clear_cache()
    return row


def do_pin_model(actor: User, client: Client, version: str) -> None:
    """Pin a registered version (or "rules-only", or "" to unpin) for a client."""
    _require_model_admin(actor, client)
    if version and version not in (registry.RULES_ONLY, "shipped"):
        row = ModelVersion.objects.filter(version=version).first()
        if row is None:
            raise LookupError(f"no model version {version!r}")
        if row.client_id not in (None, client.pk):
            raise LookupError(f"model version {version!r} belongs to another client")
    with transaction.atomic():
        client = Client.objects.select_for_update().get(pk=client.pk)
        settings = dict(client.settings or {})
        before = settings.get(registry.PIN_KEY, "")
        if version:
            settings[registry.PIN_KEY] = version
        else:
            settings.pop(registry.PIN_KEY, None)
        client.settings = settings
        client.save(update_fields=["settings"])
        append("triage.model_pinned", actor=actor, client_id=client.pk, obj=client,
               data={"from": before, "to": version})
    registry.clear_cache()
