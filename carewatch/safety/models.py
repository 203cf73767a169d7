"""Safety cases: an adverse event or product complaint found in the desk, on its way to the
client's pharmacovigilance (PV) or quality team, with the evidence frozen when it was found.

Only ``safety/actions.py`` changes these rows (each change with its audit event). No automation
ever closes or dismisses one: those two states need a human of the safety reviewer role and a
reason, and the database refuses a closed or dismissed case without both (see the constraints).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q


class SafetyKind(models.TextChoices):
    ADVERSE_EVENT = "adverse_event", "Adverse event"
    PRODUCT_COMPLAINT = "product_complaint", "Product complaint"


class SafetyStatus(models.TextChoices):
    FLAGGED = "flagged", "Flagged"
    IN_REVIEW = "in_review", "In review"
    FORWARDED = "forwarded", "Forwarded"
    ACKNOWLEDGED = "acknowledged", "Acknowledged by PV"
    FOLLOW_UP_REQUESTED = "follow_up_requested", "Follow-up requested"
    FOLLOW_UP_SENT = "follow_up_sent", "Follow-up sent"
    CLOSED = "closed", "Closed by PV"
    DISMISSED = "dismissed", "Dismissed"


# Not yet in the recipient's hands: these count against the forward deadline.
NOT_FORWARDED = (SafetyStatus.FLAGGED, SafetyStatus.IN_REVIEW)
ENDED = (SafetyStatus.CLOSED, SafetyStatus.DISMISSED)


class ElementState(models.TextChoices):
    PRESENT = "present", "Present"
    ABSENT = "absent", "Absent"
    UNKNOWN = "unknown", "Unknown"


MINIMUM_ELEMENTS = ("patient", "reporter", "product", "event")

# E2B E.i.3.2a-f, plus FDA's E.i.3.2h.
SERIOUSNESS_CRITERIA = (
    "death", "life_threatening", "hospitalisation", "disability", "congenital_anomaly",
    "medically_important", "required_intervention",
)

SPECIAL_SITUATIONS = (
    "pregnancy", "breastfeeding", "overdose", "misuse_abuse", "medication_error", "off_label",
    "lack_of_efficacy", "paediatric", "occupational_exposure", "infectious_agent_transmission",
)


class ReporterType(models.TextChoices):
    CONSUMER = "consumer", "Consumer or other non-health professional"
    HCP = "hcp", "Health care professional"
    UNKNOWN = "unknown", "Unknown"


class DayZeroBasis(models.TextChoices):
    POSTED = "posted", "Posted on a company-sponsored channel"
    FIRST_SEEN = "first_seen", "First seen by the agency (third-party channel)"
    MANUAL = "manual", "Set by a reviewer"


class SafetyCase(models.Model):
    client = models.ForeignKey("tenancy.Client", on_delete=models.PROTECT, related_name="safety_cases")
    number = models.PositiveIntegerField()  # per client: the reference is "<SLUG>-AE-000042"
    kind = models.CharField(max_length=20, choices=SafetyKind.choices)
    status = models.CharField(max_length=20, choices=SafetyStatus.choices, default=SafetyStatus.FLAGGED)
    case = models.ForeignKey("inbox.Case", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="safety_cases")
    # {"patient": {"state": "present", "evidence": [{"text", "start", "end", "mention_id"}],
    #              "verify": "how existence can be verified"}, ...}
    elements = models.JSONField(default=dict)
    serious = models.BooleanField(default=False)
    seriousness = models.JSONField(default=list, blank=True)  # SERIOUSNESS_CRITERIA
    special_situations = models.JSONField(default=list, blank=True)
    products = models.JSONField(default=list, blank=True)  # [{"name", "as_reported", "role", "lot"}]
    reactions = models.JSONField(default=list, blank=True)  # [{"text", "language", "outcome"}]
    reporter_type = models.CharField(max_length=10, choices=ReporterType.choices, default=ReporterType.CONSUMER)
    patient = models.JSONField(default=dict, blank=True)  # {"age", "age_unit", "sex", "initials"}: never a name
    narrative = models.TextField(blank=True)
    solicited = models.BooleanField(default=False)  # organised data collection (PSP, market research)

    day0 = models.DateTimeField()
    day0_basis = models.CharField(max_length=12, choices=DayZeroBasis.choices)
    source_tz = models.CharField(max_length=64, blank=True)
    forward_due = models.DateTimeField()
    regulatory_due = models.DateTimeField()  # day 0 + 15 calendar days, for information
    detected_at = models.DateTimeField()
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")  # None: opened by triage
    detection = models.JSONField(default=dict, blank=True)  # labels, scores, detector versions at detection

    forwarded_at = models.DateTimeField(null=True, blank=True)
    forwarded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    forwarded_to = models.JSONField(default=list, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.CharField(max_length=254, blank=True)  # a PV address or a user's e-mail
    pv_reference = models.CharField(max_length=100, blank=True)  # the PV system's own case number
    follow_up_requested_at = models.DateTimeField(null=True, blank=True)
    follow_up_sent_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+")
    end_reason = models.TextField(blank=True)
    breach_recorded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["client", "number"], name="uniq_safety_case_number"),
            # The invariant, enforced by the database as well as the actions: a case ends only by
            # a named person with a reason.
            models.CheckConstraint(
                condition=~Q(status__in=["closed", "dismissed"])
                | (Q(ended_by__isnull=False) & Q(ended_at__isnull=False) & ~Q(end_reason="")),
                name="safety_case_ended_by_a_person_with_a_reason",
            ),
        ]
        indexes: ClassVar[list[Any]] = [
            models.Index(fields=["status", "forward_due"], name="safety_due"),
            models.Index(fields=["client", "-detected_at"], name="safety_client_detected"),
            models.Index(fields=["case", "kind", "status"], name="safety_by_case"),
        ]
        ordering: ClassVar[list[str]] = ["-detected_at", "-id"]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        prefix = "AE" if self.kind == SafetyKind.ADVERSE_EVENT else "PC"
        slug = self.client.slug.upper() if self.client_id else "?"
        return f"{slug}-{prefix}-{self.number:06d}"

    @property
    def present_count(self) -> int:
        return sum(1 for name in MINIMUM_ELEMENTS
                   if self.elements.get(name, {}).get("state") == ElementState.PRESENT)

    @property
    def follow_up_needed(self) -> bool:
        """Fewer than four elements: still forwarded, marked for follow-up (never dropped)."""
        return self.present_count < len(MINIMUM_ELEMENTS)

    @property
    def is_forwarded(self) -> bool:
        return self.forwarded_at is not None

    @property
    def is_ended(self) -> bool:
        return self.status in ENDED


class SafetyCaseMention(models.Model):
    """A mention attached to a safety case, with what it said when it was attached (frozen)."""

    safety_case = models.ForeignKey(SafetyCase, on_delete=models.PROTECT, related_name="links")
    mention = models.ForeignKey("inbox.Mention", on_delete=models.PROTECT, related_name="safety_links")
    # {"text", "author_handle", "author_id", "url", "platform", "kind", "created_at", "received_at",
    #  "thread": [{"id", "author", "text", "created_at", "direction"}], "labels", "frozen_at"}
    snapshot = models.JSONField()
    snapshot_hash = models.CharField(max_length=64)  # SHA-256 of the canonical snapshot
    is_primary = models.BooleanField(default=False)
    added_at = models.DateTimeField(auto_now_add=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")

    class Meta:
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["safety_case", "mention"], name="uniq_safety_mention"),
        ]
        indexes: ClassVar[list[Any]] = [models.Index(fields=["mention"], name="safety_mention")]

    def __str__(self) -> str:
        return f"mention {self.mention_id} in {self.safety_case_id}"
