"""Changes to routing rules, each with its audit event: edits in the desk (supervisors and
admins) and the config-as-code loader."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from carewatch.audit.chain import append
from carewatch.routing.models import RoutingRule, RuleSource
from carewatch.routing.policy import RuleSpec, check_rule, parse_routing
from carewatch.tenancy.access import require_role
from carewatch.tenancy.models import Client, Role, User

RULE_ROLES = frozenset({Role.ADMIN, Role.SUPERVISOR})
FIELDS = ("order", "name", "conditions", "actions", "stop", "enabled")


def _snapshot(rule: RoutingRule) -> dict[str, Any]:
    return {name: getattr(rule, name) for name in FIELDS}


def do_save_rule(actor: User, client: Client, rule: RoutingRule | None, data: dict[str, Any]) -> RoutingRule:
    """Create (``rule`` None) or change a rule; ``data`` holds name, order, conditions, actions,
    stop and enabled. Raises ValidationError naming what is wrong."""
    require_role(actor, client.id, RULE_ROLES)
    if rule is not None and rule.client_id != client.id:
        raise ValidationError("this rule belongs to another client")
    try:
        spec = check_rule({k: data[k] for k in ("name", "conditions", "actions", "stop", "enabled") if k in data},
                          "rule")
    except ValueError as exc:
        raise ValidationError(str(exc)) from None
    order = data.get("order", rule.order if rule else 100)
    if not isinstance(order, int) or isinstance(order, bool) or not -10_000 <= order <= 10_000:
        raise ValidationError("order: a whole number between -10000 and 10000")
    with transaction.atomic():
        clash = RoutingRule.objects.filter(client=client, name=spec.name)
        if rule is not None:
            clash = clash.exclude(pk=rule.pk)
        if clash.exists():
            raise ValidationError(f"a rule named {spec.name!r} exists already")
        before = _snapshot(rule) if rule is not None else None
        target = rule or RoutingRule(client=client)
        _fill(target, spec, order)
        target.updated_by = actor
        if before is not None and before == _snapshot(target):
            return target
        target.save()
        append("routing.rule.update" if before else "routing.rule.create", actor=actor, client_id=client.id,
               obj=target, data={"from": before, "to": _snapshot(target)})
    return target


def _fill(rule: RoutingRule, spec: RuleSpec, order: int) -> None:
    rule.name, rule.conditions, rule.actions = spec.name, spec.conditions, spec.actions
    rule.stop, rule.enabled, rule.order = spec.stop, spec.enabled, order


def load_rules(client: Client) -> list[str]:
    """Write the client's ``routing.rules`` (from its settings) to rule rows; returns the changes.

    Rules are matched by name. A rule the block names is created or updated (source "config",
    order as written); a config rule the block no longer names is disabled, never deleted; rules
    made in the desk are left alone unless the block names them. Call inside the transaction of
    the config apply (each change writes its audit event).
    """
    policy = parse_routing(client.settings or {}, f"client {client.slug}")
    changes: list[str] = []
    named = set()
    for index, spec in enumerate(policy.rules):
        named.add(spec.name)
        order = (index + 1) * 10
        rule = RoutingRule.objects.filter(client=client, name=spec.name).first()
        before = _snapshot(rule) if rule is not None else None
        target = rule or RoutingRule(client=client)
        _fill(target, spec, order)
        if before is not None and before == _snapshot(target):
            continue  # as written (a rule made in the desk and exported stays the desk's: apply is a no-op)
        target.source = RuleSource.CONFIG
        target.save()
        append("routing.rule.update" if before else "routing.rule.create", actor=None, actor_label="config",
               client_id=client.id, obj=target, data={"from": before, "to": _snapshot(target)})
        changes.append(f"{'update' if before else 'create'} routing rule {client.slug}/{spec.name}")
    for rule in RoutingRule.objects.filter(client=client, source=RuleSource.CONFIG, enabled=True).exclude(
            name__in=named):
        rule.enabled = False
        rule.save(update_fields=["enabled", "updated_at"])
        append("routing.rule.update", actor=None, actor_label="config", client_id=client.id, obj=rule,
               data={"enabled": {"from": True, "to": False}, "reason": "no longer in the config"})
        changes.append(f"disable routing rule {client.slug}/{rule.name}")
    return changes
