"""Escalations and the notifications they send. The database is the source of truth.

An ``Escalation`` is one run of a client's protocol for one category (an adverse event, a crisis
post...) about one safety case or inbox case. Its steps are activated one after the other:
activating step *k* writes one ``Notification`` row per resolved recipient, due now (or at the
next business-hours opening for a ``hours: business`` step), and sets ``escalate_at`` to that
time plus the step's ``wait_ack_minutes``. Whoever acknowledges first (a signed link, or a user
in the app) ends the run; otherwise the sweeper activates step *k + 1* at ``escalate_at``, and
after the last step the escalation is ``exhausted`` (still acknowledgeable, nothing more sent).

A ``Notification`` is also used, without an escalation, for the forward notice sent to PV with
a safety case (``purpose=forward``) and for the supervisors' forward-deadline warnings
(``breach_warning``, ``breach``).

Idempotency, across any number of workers, lives in the rows:
- a notification is sent by whoever moves it ``pending → sending`` (a conditional UPDATE);
- a step is activated by whoever moves ``current_step`` from *k* to *k + 1* (a conditional UPDATE),
  and the unique constraints refuse a second copy of a step's or a breach alert's rows;
- one escalation per (safety case, category) and per (inbox case, category) is open at a time.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from django.db.models import Q


class Category(models.TextChoices):
    ADVERSE_EVENT = "adverse_event", "Adverse event"
    SERIOUS_ADVERSE_EVENT = "serious_adverse_event", "Serious adverse event"
    PRODUCT_COMPLAINT = "product_complaint", "Product complaint"
    URGENT = "urgent", "Urgent / crisis"
    PHI_EXPOSURE = "phi_exposure", "PHI exposure"
    LEGAL_MEDIA = "legal_media", "Legal or media threat"
    CRISIS = "crisis", "Crisis signal (spike or cluster)"


class Severity(models.TextChoices):
    CRITICAL = "critical", "Critical"
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


DEFAULT_SEVERITY: dict[str, str] = {
    Category.ADVERSE_EVENT: Severity.HIGH,
    Category.SERIOUS_ADVERSE_EVENT: Severity.CRITICAL,
    Category.PRODUCT_COMPLAINT: Severity.MEDIUM,
    Category.URGENT: Severity.CRITICAL,
    Category.PHI_EXPOSURE: Severity.HIGH,
    Category.LEGAL_MEDIA: Severity.MEDIUM,
    Category.CRISIS: Severity.HIGH,
}


class EscalationState(models.TextChoices):
    OPEN = "open", "Open"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    EXHAUSTED = "exhausted", "Exhausted (every step sent, nobody acknowledged)"
    STOPPED = "stopped", "Stopped (the safety case was settled)"


LIVE_STATES = (EscalationState.OPEN, EscalationState.EXHAUSTED)  # may still be acknowledged


class AckVia(models.TextChoices):
    LINK = "link", "Signed link"
    APP = "app", "In the app"


class Escalation(models.Model):
    client = models.ForeignKey("tenancy.Client", on_delete=models.PROTECT, related_name="escalations")
    category = models.CharField(max_length=24, choices=Category.choices)
    severity = models.CharField(max_length=10, choices=Severity.choices)
    safety_case = models.ForeignKey("safety.SafetyCase", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="escalations")
    case = models.ForeignKey("inbox.Case", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="escalations")
    # Why it started, without the post's text: the labels or matched terms, the mention id.
    trigger = models.JSONField(default=dict, blank=True)
    opened_at = models.DateTimeField()
    due_at = models.DateTimeField(null=True, blank=True)  # e.g. the safety case's forward deadline
    state = models.CharField(max_length=12, choices=EscalationState.choices, default=EscalationState.OPEN)
    current_step = models.PositiveSmallIntegerField(default=0)
    step_count = models.PositiveSmallIntegerField(default=0)
    escalate_at = models.DateTimeField(null=True, blank=True)  # when the current step's wait runs out
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.CharField(max_length=254, blank=True)  # a recipient's address or a user's e-mail
    acknowledged_via = models.CharField(max_length=4, choices=AckVia.choices, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)  # exhausted or stopped
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["safety_case", "category"], condition=Q(state="open"),
                                    name="uniq_open_escalation_per_safety_case"),
            models.UniqueConstraint(fields=["case", "category"],
                                    condition=Q(state="open") & Q(safety_case__isnull=True),
                                    name="uniq_open_escalation_per_case"),
        ]
        indexes: ClassVar[list[Any]] = [
            models.Index(fields=["state", "escalate_at"], name="escalation_due"),
            models.Index(fields=["client", "-opened_at"], name="escalation_client"),
        ]
        ordering: ClassVar[list[str]] = ["-opened_at", "-id"]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"ESC-{self.pk or 0:06d}"

    @property
    def is_live(self) -> bool:
        return self.state in LIVE_STATES


class Purpose(models.TextChoices):
    STEP = "step", "Protocol step"
    FORWARD = "forward", "Forward notice to PV"
    BREACH_WARNING = "breach_warning", "Forward deadline near"
    BREACH = "breach", "Forward deadline breached"


class Route(models.TextChoices):
    EMAIL = "email", "E-mail"
    WEBHOOK = "webhook", "Webhook"


class NotificationState(models.TextChoices):
    PENDING = "pending", "Pending"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    CANCELLED = "cancelled", "Cancelled (acknowledged or stopped first)"


class Notification(models.Model):
    client = models.ForeignKey("tenancy.Client", on_delete=models.PROTECT, related_name="+")
    escalation = models.ForeignKey(Escalation, null=True, blank=True, on_delete=models.CASCADE,
                                   related_name="notifications")
    safety_case = models.ForeignKey("safety.SafetyCase", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="notifications")
    purpose = models.CharField(max_length=16, choices=Purpose.choices, default=Purpose.STEP)
    step = models.PositiveSmallIntegerField(default=0)
    route = models.CharField(max_length=8, choices=Route.choices)
    # An e-mail address or a webhook URL (its path is a secret: shown and logged redacted).
    recipient = models.CharField(max_length=500)
    target = models.CharField(max_length=120, blank=True)  # how the recipient was named: "oncall:pv"...
    due_at = models.DateTimeField()
    state = models.CharField(max_length=10, choices=NotificationState.choices, default=NotificationState.PENDING)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    ack_token_id = models.CharField(max_length=32, blank=True)  # the random part of the signed ack link
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["escalation", "step", "recipient"], condition=Q(purpose="step"),
                                    name="uniq_step_notification"),
            models.UniqueConstraint(fields=["safety_case", "purpose", "recipient"],
                                    condition=Q(purpose__in=["breach_warning", "breach"]),
                                    name="uniq_breach_notification"),
        ]
        indexes: ClassVar[list[Any]] = [
            models.Index(fields=["state", "due_at"], name="notification_due"),
            models.Index(fields=["ack_token_id"], name="notification_token"),
        ]
        ordering: ClassVar[list[str]] = ["due_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} {self.pk} ({self.route})"
