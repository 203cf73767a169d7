"""What the rest of the desk tells the escalation app. Each is called inside the transaction of
the change it reports; anything sent goes out after commit, through the worker.

(Interface owned by carewatch.safety and carewatch.triage; the bodies belong to this app.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from carewatch.inbox.models import Mention
    from carewatch.safety.models import SafetyCase


def safety_case_opened(safety_case: SafetyCase) -> None:
    """Start the client's protocol for the case's category (adverse_event, serious_adverse_event
    or product_complaint)."""


def safety_case_forwarded(safety_case: SafetyCase, recipients: list[str]) -> None:
    """Send the forward notice to ``recipients`` with a signed, expiring acknowledgement link."""


def safety_case_settled(safety_case: SafetyCase) -> None:
    """The case was acknowledged by PV, dismissed or closed: stop its pending escalation steps."""


def mentions_screened(mentions: list[Mention]) -> None:
    """Mentions triage just labelled: start urgent/crisis, PHI-exposure and legal/media protocols."""
