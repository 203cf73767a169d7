"""During a declared incident, a reply on a crisis case waits for the incident's approver.

The playbook names the roles on duty; when the incident has an approver, a reply composed on a
case bearing the client's crisis tag is held for that person (or the incident lead, the back-up)
whatever the client's ordinary approval rules say. Registered with the reply gate
(``responses.gate.register_hold``) by this app's AppConfig, so the replies app knows nothing of
crises. When the incident stands down, replies still held this way go to the ordinary supervisor
tier (``release_held_replies``): nobody is left waiting on a role that no longer exists.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from carewatch.audit.chain import append
from carewatch.crisis.config import params_for
from carewatch.crisis.models import Incident
from carewatch.crisis.queries import active_incident
from carewatch.responses.gate import NAMED, Hold
from carewatch.responses.models import ReplyDraft, ReplyStatus
from carewatch.tenancy.models import User

APPROVING_ROLES = ("approver", "lead")


def incident_hold(case: Any) -> Hold | None:
    incident = active_incident(case.client_id)
    if incident is None:
        return None
    approvers = tuple(e for r in APPROVING_ROLES if (e := str((incident.roles or {}).get(r) or "").strip()))
    if not (incident.roles or {}).get("approver"):
        return None  # the playbook has no approver on duty: the ordinary rules apply
    if not case.tags.filter(name=params_for(incident.client).crisis_tag).exists():
        return None
    return Hold(f"the case is part of incident {incident.reference}: its approver approves the reply", approvers)


def release_held_replies(actor: User, incident: Incident) -> int:
    """At stand-down: replies held for the incident's approver go to the supervisor tier (audited)."""
    with transaction.atomic():
        drafts = list(ReplyDraft.objects.select_for_update().filter(
            client_id=incident.client_id, status=ReplyStatus.PENDING_APPROVAL, required_tier=NAMED))
        for draft in drafts:
            draft.required_tier = "supervisor"
            draft.approver_emails = ""
            draft.approval_reasons = [*draft.approval_reasons,
                                      f"{incident.reference} stood down: a supervisor approves"]
            draft.save(update_fields=["required_tier", "approver_emails", "approval_reasons", "updated_at"])
            append("reply.retier", actor=actor, client_id=draft.client_id, obj=draft,
                   data={"incident": incident.pk, "tier": "supervisor"})
    return len(drafts)
