"""Each case's SLA clocks and its three-touch follow-up state.

Only ``sla/actions.py`` changes these rows. Warnings and breaches are claimed with a conditional
UPDATE on their ``*_warned_at`` / ``*_breached_at`` column (NULL → now), in the transaction that
writes their audit event: however many sweepers run, each is recorded once.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models

CLOCKS = ("first", "next", "resolution")
CLOCK_LABELS = {"first": "first response", "next": "next response", "resolution": "resolution"}


class CaseClock(models.Model):
    case = models.OneToOneField("inbox.Case", on_delete=models.CASCADE, primary_key=True, related_name="sla_clock")
    client = models.ForeignKey("tenancy.Client", on_delete=models.CASCADE, related_name="+")
    calendar = models.CharField(max_length=8, default="business")  # as applied: business | 24x7
    terms = models.JSONField(default=dict)  # the minutes and warn_at this case runs on
    priority = models.PositiveSmallIntegerField(default=2)  # the case's priority the terms were chosen for
    safety = models.BooleanField(default=False)  # a safety case (not dismissed): 24x7
    started_at = models.DateTimeField()
    active = models.BooleanField(default=True)  # the case is open: the sweeper looks at this clock

    # Paused while the case waits on the customer; the business minutes of each pause are added
    # to the clocks that were running.
    paused_at = models.DateTimeField(null=True, blank=True)
    paused_minutes = models.FloatField(default=0)

    first_due = models.DateTimeField(null=True, blank=True)
    first_warn_at = models.DateTimeField(null=True, blank=True)
    first_paused = models.FloatField(default=0)
    first_met_at = models.DateTimeField(null=True, blank=True)
    first_warned_at = models.DateTimeField(null=True, blank=True)
    first_breached_at = models.DateTimeField(null=True, blank=True)

    # The current next-response clock: from the customer's first message after the brand's last
    # reply until the brand replies again.
    next_started_at = models.DateTimeField(null=True, blank=True)
    next_due = models.DateTimeField(null=True, blank=True)
    next_warn_at = models.DateTimeField(null=True, blank=True)
    next_paused = models.FloatField(default=0)
    next_warned_at = models.DateTimeField(null=True, blank=True)
    next_breached_at = models.DateTimeField(null=True, blank=True)
    next_breaches = models.PositiveIntegerField(default=0)

    resolution_due = models.DateTimeField(null=True, blank=True)
    resolution_warn_at = models.DateTimeField(null=True, blank=True)
    resolution_paused = models.FloatField(default=0)
    resolution_met_at = models.DateTimeField(null=True, blank=True)
    resolution_warned_at = models.DateTimeField(null=True, blank=True)
    resolution_breached_at = models.DateTimeField(null=True, blank=True)

    # What the queue sorts and filters on: the nearest running deadline or due touch.
    due_at = models.DateTimeField(null=True, blank=True)
    due_kind = models.CharField(max_length=20, blank=True)
    facts_key = models.CharField(max_length=64, blank=True)  # the case's state when last reconciled
    reconciled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes: ClassVar[list[Any]] = [
            models.Index(fields=["due_at"], name="slaclock_due"),
            models.Index(fields=["active"], name="slaclock_active", condition=models.Q(active=True)),
            models.Index(fields=["first_warn_at"], name="slaclock_first_warn",
                         condition=models.Q(first_warned_at__isnull=True, first_met_at__isnull=True)),
            models.Index(fields=["next_warn_at"], name="slaclock_next_warn",
                         condition=models.Q(next_warned_at__isnull=True)),
            models.Index(fields=["resolution_warn_at"], name="slaclock_resolution_warn",
                         condition=models.Q(resolution_warned_at__isnull=True, resolution_met_at__isnull=True)),
        ]

    def __str__(self) -> str:
        return f"SLA clock of case {self.case_id}"

    def running(self, clock: str) -> bool:
        """Whether ``clock`` (first, next, resolution) is counting down."""
        if clock == "first":
            return self.first_due is not None and self.first_met_at is None
        if clock == "next":
            return self.next_due is not None
        return self.resolution_due is not None and self.resolution_met_at is None


class TouchState(models.TextChoices):
    IDLE = "idle", "Not in the process"
    ACTIVE = "active", "Following up"
    CLOSED = "closed", "Closed — no response"
    STOPPED = "stopped", "Stopped (safety case)"


class TouchSequence(models.Model):
    """The three-touch process of one case. A customer's answer starts a new cycle."""

    case = models.OneToOneField("inbox.Case", on_delete=models.CASCADE, primary_key=True,
                                related_name="touch_sequence")
    client = models.ForeignKey("tenancy.Client", on_delete=models.CASCADE, related_name="+")
    state = models.CharField(max_length=8, choices=TouchState.choices, default=TouchState.IDLE)
    policy = models.JSONField(default=dict)
    cycle = models.PositiveIntegerField(default=1)
    cycle_started_at = models.DateTimeField()  # the customer's last message before this cycle's touches
    touches = models.PositiveSmallIntegerField(default=0)  # in this cycle
    last_touch_at = models.DateTimeField(null=True, blank=True)
    next_touch_due = models.DateTimeField(null=True, blank=True)  # touch 2 or 3
    close_due = models.DateTimeField(null=True, blank=True)  # after touch 3
    resets = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes: ClassVar[list[Any]] = [models.Index(fields=["state", "close_due"], name="touch_close_due")]

    def __str__(self) -> str:
        return f"three-touch of case {self.case_id}: {self.touches} in cycle {self.cycle}"

    @property
    def next_touch_number(self) -> int | None:
        return self.touches + 1 if self.state == TouchState.ACTIVE and self.touches < 3 else None


class Touch(models.Model):
    """One touch, for reports: per case, per agent, per cycle."""

    class Source(models.TextChoices):
        REPLY = "reply", "A brand reply"
        MANUAL = "manual", "Recorded by an agent"

    case = models.ForeignKey("inbox.Case", on_delete=models.CASCADE, related_name="touches")
    client = models.ForeignKey("tenancy.Client", on_delete=models.CASCADE, related_name="+")
    cycle = models.PositiveIntegerField()
    number = models.PositiveSmallIntegerField()  # 1, 2, 3
    at = models.DateTimeField()
    agent = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    channel = models.CharField(max_length=8)  # public | private
    source = models.CharField(max_length=8, choices=Source.choices)
    reference = models.CharField(max_length=80, blank=True)  # "outbound:12" or "mention:34"

    class Meta:
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["case", "cycle", "number"], name="uniq_touch_per_cycle"),
        ]
        indexes: ClassVar[list[Any]] = [
            models.Index(fields=["client", "at"], name="touch_client_at"),
            models.Index(fields=["agent", "at"], name="touch_agent_at"),
        ]
        ordering: ClassVar[list[str]] = ["case_id", "cycle", "number"]

    def __str__(self) -> str:
        return f"touch {self.number} on case {self.case_id}"


class FactsChanged(models.Model):
    """A mark that something a case's clocks are computed from changed: one row per change,
    written by database triggers (``carewatch/sla/marks.py``) in the transaction of the change
    itself, whatever code made it. The minute sweep reconciles the marked cases and deletes the
    marks it read; nothing else reads this table. No foreign key: a mark may outlive its case."""

    case_id = models.BigIntegerField()

    class Meta:
        db_table = "sla_facts_changed"

    def __str__(self) -> str:
        return f"facts of case {self.case_id} changed"
