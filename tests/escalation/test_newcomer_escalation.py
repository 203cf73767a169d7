"""Issue 13: an escalation's state follows its notifications; severities are graded."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from carewatch.escalation.actions import graded_severity
from carewatch.escalation.models import Escalation, EscalationState, Notification, NotificationState, Severity
from carewatch.tenancy.models import Client
from tests.escalation.test_escalation_flow import (  # noqa: F401 (ae_protocol is a fixture)
    MONDAY,
    SERIOUS_TEXT,
    Run,
    ae_protocol,
    open_ae,
    sweep_at,
)


def test_an_escalation_whose_mail_is_still_being_retried_is_not_called_exhausted(
        ae_protocol: Client, make_mention: Any, run_on_commit: Run, smtp: Any) -> None:  # noqa: F811
    open_ae(run_on_commit, make_mention, ae_protocol)
    sweep_at(run_on_commit, MONDAY + timedelta(minutes=61))
    escalation = Escalation.objects.get()
    assert escalation.current_step == 1
    # The last step's mail failed and waits for its retry (as with a mail server down).
    retry_at = MONDAY + timedelta(hours=3)
    Notification.objects.filter(escalation=escalation, step=1).update(
        state=NotificationState.PENDING, attempts=3, due_at=retry_at, last_error="connection refused")
    sweep_at(run_on_commit, MONDAY + timedelta(minutes=95))
    escalation.refresh_from_db()
    assert escalation.state == EscalationState.OPEN and escalation.escalate_at is not None
    # Once delivery has settled (sent or failed for good), nobody having acknowledged, it is exhausted.
    Notification.objects.filter(escalation=escalation, step=1).update(state=NotificationState.FAILED)
    sweep_at(run_on_commit, MONDAY + timedelta(minutes=101))
    escalation.refresh_from_db()
    assert escalation.state == EscalationState.EXHAUSTED


def test_a_serious_adverse_event_escalates_as_critical(ae_protocol: Client, make_mention: Any, run_on_commit: Run,  # noqa: F811
                                                       smtp: Any) -> None:
    open_ae(run_on_commit, make_mention, ae_protocol, text=SERIOUS_TEXT)
    assert Escalation.objects.get().severity == Severity.CRITICAL


class _Case:
    def __init__(self, serious: bool, event: str) -> None:
        self.serious = serious
        self.elements = {"event": {"state": event}}


def test_severity_is_graded_by_what_the_safety_case_says() -> None:
    assert graded_severity("adverse_event", Severity.HIGH, None) == Severity.HIGH
    assert graded_severity("adverse_event", Severity.HIGH, _Case(False, "present")) == Severity.HIGH
    assert graded_severity("adverse_event", Severity.HIGH, _Case(True, "present")) == Severity.CRITICAL
    assert graded_severity("adverse_event", Severity.HIGH, _Case(False, "absent")) == Severity.MEDIUM
    assert graded_severity("product_complaint", Severity.MEDIUM, _Case(False, "absent")) == Severity.MEDIUM
