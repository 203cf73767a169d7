"""What the reports are read from: each case's derived facts and a daily rollup per client,
platform and day (the client's local day). Both are derived from the recorded history and can
be rebuilt from it at any time (``carewatch report rebuild``); only ``reports/rollups.py``
writes them. Definitions of every figure: docs/reports.md.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models


class CaseFact(models.Model):
    """One case's contribution to the reports, as last derived from its rows."""

    case = models.OneToOneField("inbox.Case", on_delete=models.CASCADE, primary_key=True, related_name="+")
    client = models.ForeignKey("tenancy.Client", on_delete=models.CASCADE, related_name="+")
    platform = models.CharField(max_length=16)
    day = models.DateField()  # the client's local day of the case's first inbound message
    first_in_at = models.DateTimeField()
    first_reply_at = models.DateTimeField(null=True, blank=True)
    first_reply_agent = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                          on_delete=models.SET_NULL, related_name="+")
    calendar_minutes = models.FloatField(null=True, blank=True)  # exact, not rounded
    business_minutes = models.FloatField(null=True, blank=True)
    replies = models.PositiveIntegerField(default=0)  # brand replies in the case
    excluded = models.BooleanField(default=False)  # closed as spam / no reply needed
    safety = models.BooleanField(default=False)  # has a safety case (not dismissed)
    # What the breakdowns group by (the case's own values when last derived).
    channel = models.ForeignKey("tenancy.Channel", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    language = models.CharField(max_length=8, blank=True)
    team = models.CharField(max_length=60, blank=True)  # the routing team
    # Later speed: calendar minutes of each next response (a customer message after a brand
    # reply, to the next brand reply), and first inbound message to close (closed cases).
    next_minutes = models.JSONField(default=list, blank=True)
    resolution_minutes = models.FloatField(null=True, blank=True)
    reopened = models.PositiveIntegerField(default=0)  # times a closed case was opened again
    # {"first_met": 1, "first_warned": 0, ...}: the SLA clock's outcomes (sla app's CaseClock).
    sla = models.JSONField(default=dict, blank=True)
    # {"answered_1": 1, "closed_no_response": 1, ...}: three-touch cycles by outcome.
    touches = models.JSONField(default=dict, blank=True)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes: ClassVar[list[Any]] = [
            models.Index(fields=["client", "platform", "day"], name="casefact_cell"),
            models.Index(fields=["client", "day"], name="casefact_client_day"),
        ]

    def __str__(self) -> str:
        return f"facts of case {self.case_id}"


ALL_PLATFORMS = ""  # the platform of a rollup row that adds up every platform of its client and day


class RollupFigures(models.Model):
    """The figures of one client and platform (or all: ``ALL_PLATFORMS``) over a span of days.
    Histograms map whole minutes (rounded up) to how many cases took that long, so percentiles
    over any range of rows are exact."""

    client = models.ForeignKey("tenancy.Client", on_delete=models.CASCADE, related_name="+")
    platform = models.CharField(max_length=16, blank=True)
    # Inbound messages created in the span.
    mentions = models.PositiveIntegerField(default=0)
    by_kind = models.JSONField(default=dict, blank=True)
    hidden = models.PositiveIntegerField(default=0)
    removed = models.PositiveIntegerField(default=0)
    sentiment_negative = models.PositiveIntegerField(default=0)
    sentiment_neutral = models.PositiveIntegerField(default=0)
    sentiment_positive = models.PositiveIntegerField(default=0)
    # Cases whose first inbound message is in the span.
    cases = models.PositiveIntegerField(default=0)
    counted = models.PositiveIntegerField(default=0)  # not spam / no reply needed
    replied = models.PositiveIntegerField(default=0)  # with a brand reply (all cases)
    answered = models.PositiveIntegerField(default=0)  # counted cases with a brand reply
    # {"k": [whole minutes, ascending], "n": [cases]}: first responses of counted cases.
    calendar_hist = models.JSONField(default=dict, blank=True)
    business_hist = models.JSONField(default=dict, blank=True)
    calendar_sum = models.FloatField(default=0)  # exact minutes, for the mean
    business_sum = models.FloatField(default=0)
    p50_calendar = models.PositiveIntegerField(null=True, blank=True)  # of this row alone
    p50_business = models.PositiveIntegerField(null=True, blank=True)
    safety_cases = models.PositiveIntegerField(default=0)
    agents = models.JSONField(default=dict, blank=True)  # {"user id" or "": cases answered first}
    # Human clicks (bots excluded) on tracked links in the span.
    clicks = models.PositiveIntegerField(default=0)
    bot_clicks = models.PositiveIntegerField(default=0)
    # {"in": [168 counts of inbound messages], "out": [168 counts of the span's cases' first
    # replies]} by local hour of the week, Monday 00:00 first.
    heat = models.JSONField(default=dict, blank=True)
    # Later speed of the span's cases (counted ones): next responses and resolutions, whole
    # calendar minutes rounded up; reopened cases; SLA and three-touch outcome counters.
    next_hist = models.JSONField(default=dict, blank=True)
    next_sum = models.FloatField(default=0)
    resolution_hist = models.JSONField(default=dict, blank=True)
    resolution_sum = models.FloatField(default=0)
    reopened = models.PositiveIntegerField(default=0)
    sla = models.JSONField(default=dict, blank=True)
    touches = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class DailyRollup(RollupFigures):
    """One client, platform and local day."""

    day = models.DateField()

    class Meta:
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["client", "platform", "day"], name="uniq_rollup_cell"),
        ]

    def __str__(self) -> str:
        return f"{self.client_id}/{self.platform or 'all'}/{self.day}"


class MonthlyRollup(RollupFigures):
    """One client, platform and local calendar month (``month`` is its first day): the sum of
    its days, so a long period reads a dozen rows instead of hundreds."""

    month = models.DateField()

    class Meta:
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["client", "platform", "month"], name="uniq_rollup_month"),
        ]

    def __str__(self) -> str:
        return f"{self.client_id}/{self.platform or 'all'}/{self.month:%Y-%m}"


class RollupCursor(models.Model):
    """How far the incremental refresh has read each change feed (ids only grow)."""

    name = models.CharField(max_length=32, primary_key=True)  # mention | click | audit
    position = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.name}@{self.position}"


class SendingState(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed (gave up)"


class ReportSending(models.Model):
    """One scheduled report of one client for one period: sent once to the recipients the
    client's configuration names (``reports.schedules``), retried when the SMTP server fails."""

    client = models.ForeignKey("tenancy.Client", on_delete=models.CASCADE, related_name="+")
    every = models.CharField(max_length=8)  # weekly | monthly
    first_day = models.DateField()
    last_day = models.DateField()
    recipients = models.JSONField(default=list)
    state = models.CharField(max_length=8, choices=SendingState.choices, default=SendingState.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    due_at = models.DateTimeField()
    last_error = models.CharField(max_length=300, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["client", "every", "first_day"], name="uniq_report_sending"),
        ]
        indexes: ClassVar[list[Any]] = [models.Index(fields=["state", "due_at"], name="sending_due")]

    def __str__(self) -> str:
        return f"{self.every} report of {self.client_id} for {self.first_day}..{self.last_day} ({self.state})"
