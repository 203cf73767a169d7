"""Routing rules per client, which of them fired on each case, and round-robin pointers.

Only ``routing/actions.py`` changes these rows (with audit events); ``routing/engine.py`` decides.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models


class RuleSource(models.TextChoices):
    UI = "ui", "Edited in the desk"
    CONFIG = "config", "Config as code"


class RoutingRule(models.Model):
    client = models.ForeignKey("tenancy.Client", on_delete=models.CASCADE, related_name="routing_rules")
    order = models.IntegerField(default=100)
    name = models.CharField(max_length=120)
    conditions = models.JSONField(default=dict, blank=True)  # see carewatch.routing.rules
    actions = models.JSONField(default=dict)
    stop = models.BooleanField(default=True)  # first match: no later rule runs once this one fired
    enabled = models.BooleanField(default=True)
    source = models.CharField(max_length=8, choices=RuleSource.choices, default=RuleSource.UI)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["client", "name"], name="uniq_routing_rule_name"),
        ]
        ordering: ClassVar[list[str]] = ["client_id", "order", "id"]

    def __str__(self) -> str:
        return self.name


class CaseRouting(models.Model):
    """A case's routing outcome; its existence means the case was routed (exactly once)."""

    case = models.OneToOneField("inbox.Case", on_delete=models.CASCADE, primary_key=True, related_name="routing")
    client = models.ForeignKey("tenancy.Client", on_delete=models.CASCADE, related_name="+")
    team = models.CharField(max_length=60, blank=True)
    requires_approval = models.BooleanField(default=False)  # read by the replies' approval gate
    approval_tier = models.CharField(max_length=40, blank=True)
    passes = models.PositiveSmallIntegerField(default=0)
    loop_guard_tripped = models.BooleanField(default=False)
    routed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"routing of case {self.case_id}"


class RuleFiring(models.Model):
    case = models.ForeignKey("inbox.Case", on_delete=models.CASCADE, related_name="rule_firings")
    rule = models.ForeignKey(RoutingRule, null=True, blank=True, on_delete=models.SET_NULL, related_name="firings")
    rule_name = models.CharField(max_length=120)  # kept if the rule is renamed or deleted
    position = models.PositiveSmallIntegerField()  # 1st, 2nd, ... rule to fire on this case
    at = models.DateTimeField()
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["case_id", "position"]
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["case", "rule"], name="uniq_rule_firing"),
        ]

    def __str__(self) -> str:
        return f"{self.rule_name} on case {self.case_id}"


class RoundRobin(models.Model):
    """Who was assigned last from one pool of agents (per client and pool)."""

    client = models.ForeignKey("tenancy.Client", on_delete=models.CASCADE, related_name="+")
    pool = models.CharField(max_length=200)
    last_user_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["client", "pool"], name="uniq_round_robin_pool"),
        ]

    def __str__(self) -> str:
        return f"{self.client_id}/{self.pool}"
