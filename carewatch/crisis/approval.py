"""During a declared incident, a reply on a crisis case waits for the incident's approver.

The playbook names the roles on duty; when the incident has an approver, a reply composed on a
case bearing the client's crisis tag is held for that person (or the incident lead, the back-up)
whatever the client's ordinary approval rules say. Registered with the reply gate
(``replies.gate.register_hold``) by this app's AppConfig, so the replies app knows nothing of
crises. When the incident stands down, replies still held this way go to the ordinary supervisor
tier (``actions.release_held_replies``): nobody is left waiting on a role that no longer exists.
"""

from __future__ import annotations

from typing import Any

from carewatch.crisis.config import params_for
from carewatch.crisis.queries import active_incident
from carewatch.replies.gate import Hold

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
