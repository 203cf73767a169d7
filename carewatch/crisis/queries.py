"""Small reads other apps may call (the composer pins holding statements during an incident)."""

from __future__ import annotations

from typing import Any

from carewatch.crisis.config import playbooks_for
from carewatch.crisis.models import Incident, IncidentState


def active_incident(client_id: int) -> Incident | None:
    return (Incident.objects.filter(client_id=client_id, state=IncidentState.ACTIVE).select_related("client")
            .order_by("-declared_at").first())


def pinned_holding_keys(client_id: int) -> tuple[Any, list[str]] | None:
    """(the active incident, the template keys its playbook names; [] = every holding statement),
    or None when the client is not in crisis mode."""
    incident = active_incident(client_id)
    if incident is None:
        return None
    book = playbooks_for(incident.client).get(incident.playbook)
    return incident, list(book.holding_statements) if book else []
