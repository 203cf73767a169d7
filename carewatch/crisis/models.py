"""Crisis signals (alerts) and declared incidents. Only ``crisis/actions.py`` writes these rows.

An ``Alert`` is one signal: a volume or negative-share spike of one series (all mentions, or one
platform, product, label or tag), the absolute floor for a client without history, or a cluster
(several complaints naming one lot number or defect; several adverse events for one product and
event term). Its ``evidence`` keeps the series, the baseline and the mention ids (never text).
While the same signal keeps firing the alert is ``ongoing`` and is only updated (peak, last seen):
one alert per ongoing spike, whatever its state (a dismissed spike does not come back until it
has been quiet for the client's ``quiet_minutes``).

An ``Incident`` is crisis mode for one client: a playbook class, the roles on duty, the checklist,
what mentions belong to it (routed to the crisis team's queue by a tag), and at stand-down its
summary.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q


class AlertKind(models.TextChoices):
    VOLUME = "volume", "Volume spike"
    NEGATIVE = "negative", "Negative-sentiment share spike"
    FLOOR = "floor", "Absolute floor (negative mentions)"
    LOT_CLUSTER = "lot_cluster", "Product complaints naming the same lot or defect"
    AE_CLUSTER = "ae_cluster", "Adverse events for the same product and event"
    ACCELERATION = "acceleration", "Replies to one post accelerating"


class AlertState(models.TextChoices):
    OPEN = "open", "Open"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    DISMISSED = "dismissed", "Dismissed"
    PROMOTED = "promoted", "Promoted to an incident"


class Alert(models.Model):
    client = models.ForeignKey("tenancy.Client", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=AlertKind.choices)
    dimension = models.CharField(max_length=12)  # all, platform, product, label, tag, lot, defect, ae
    value = models.CharField(max_length=200, blank=True)
    key = models.CharField(max_length=255)  # kind:dimension:value, what "the same spike" means
    state = models.CharField(max_length=12, choices=AlertState.choices, default=AlertState.OPEN)
    ongoing = models.BooleanField(default=True)
    opened_at = models.DateTimeField()
    crossed_at = models.DateTimeField()  # when the detector first saw the threshold crossed
    last_seen_at = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)  # in the window when opened
    peak = models.PositiveIntegerField(default=0)
    expected = models.FloatField(default=0.0)
    score = models.FloatField(default=0.0)
    evidence = models.JSONField(default=dict, blank=True)
    escalation = models.ForeignKey("escalation.Escalation", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(max_length=500, blank=True)
    incident = models.ForeignKey("Incident", null=True, blank=True, on_delete=models.SET_NULL, related_name="alerts")

    class Meta:
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["client", "key"], condition=Q(ongoing=True), name="uniq_ongoing_alert"),
        ]
        indexes: ClassVar[list[Any]] = [models.Index(fields=["client", "-opened_at"], name="alert_client")]
        ordering: ClassVar[list[str]] = ["-opened_at", "-id"]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"ALR-{self.pk or 0:06d}"

    @property
    def title(self) -> str:
        what = self.get_kind_display()
        if self.dimension == "all":
            return f"{what}: all mentions"
        return f"{what}: {self.dimension} {self.value}"


class IncidentState(models.TextChoices):
    ACTIVE = "active", "Active"
    STOOD_DOWN = "stood_down", "Stood down"


class Incident(models.Model):
    client = models.ForeignKey("tenancy.Client", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=200)
    playbook = models.CharField(max_length=40)  # a class of the client's playbooks
    state = models.CharField(max_length=12, choices=IncidentState.choices, default=IncidentState.ACTIVE)
    declared_at = models.DateTimeField()
    declared_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    # {"lead": email, "approver": email, "pv_contact": email, "on_call": email}
    roles = models.JSONField(default=dict, blank=True)
    # What belongs to it: {"terms": [...], "platforms": [...], "labels": [...], "products": [...]}
    match = models.JSONField(default=dict, blank=True)
    # {"<item>": {"by": email, "at": iso}} for the playbook's first actions and stand-down criteria
    checklist = models.JSONField(default=dict, blank=True)
    stood_down_at = models.DateTimeField(null=True, blank=True)
    stood_down_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="+")
    summary = models.JSONField(default=dict, blank=True)

    class Meta:
        indexes: ClassVar[list[Any]] = [models.Index(fields=["client", "state"], name="incident_client_state")]
        ordering: ClassVar[list[str]] = ["-declared_at", "-id"]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"INC-{self.pk or 0:05d}"

    @property
    def is_active(self) -> bool:
        return self.state == IncidentState.ACTIVE
