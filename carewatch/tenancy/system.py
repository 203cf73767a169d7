"""The actor automation changes cases as, through the inbox's own actions.

An agency-admin ``User`` that is never saved: it passes the actions' role checks for every
client, and the audit log records its changes with no actor id and the label "system". No row
means no one can log in as it, and it never appears among the agency's admins (escalation
``role:admin`` recipients, config export, assignee lists).
"""

from __future__ import annotations

from carewatch.tenancy.models import User

SYSTEM_EMAIL = "system@carewatch.invalid"


def system_actor() -> User:
    return User(email=SYSTEM_EMAIL, username=SYSTEM_EMAIL, name="Carewatch automation",
                is_agency_admin=True, is_active=True)
