"""Changes to routing rules, each with its audit event: edits in the desk (supervisors and
admins) and the config-as-code loader; and routing new cases by those rules (the pipeline's
step and the routing sweeper, as the system actor), applying what ``routing.engine`` decides."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from carewatch.audit.chain import append, audit_last
from carewatch.inbox.actions import do_assign, do_set_priority, do_tag
from carewatch.inbox.models import Case
from carewatch.routing.engine import Decision, decide, facts_for, next_agent, open_load, pool, routable, rules_for
from carewatch.routing.models import CaseRouting, RoundRobin, RoutingRule, RuleFiring, RuleSource
from carewatch.routing.policy import RuleSpec, check_rule, parse_routing
from carewatch.tenancy.access import require_role
from carewatch.tenancy.calendar import client_calendar
from carewatch.tenancy.models import CASE_WRITE_ROLES, Client, Role, User

log = logging.getLogger(__name__)

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


# ------------------------------------------------------------------ routing cases
def do_route_cases(actor: User, case_ids: Iterable[int], now: datetime | None = None) -> int:
    """Route each of these cases once by its client's rules; returns how many were routed.

    The batch reads once which of them are open, unrouted and of a client with enabled rules
    (``engine.routable``); only those take a transaction of their own. A failure is logged and
    leaves that case unrouted (in the queue as it is, for the sweeper): it never stops the
    pipeline's triage. The actor (the system actor in the pipeline and the sweeper) must be
    allowed to work the cases of every client concerned.
    """
    todo, rules = routable(case_ids)
    for client_id in sorted(client_id for client_id, client_rules in rules.items() if client_rules):
        require_role(actor, client_id, CASE_WRITE_ROLES)
    routed = 0
    for pk in todo:
        try:
            routed += do_route_case(actor, pk, now, rules_cache=rules) is not None
        except Exception:
            log.exception("routing of case %s failed; it stays in the queue unrouted", pk)
    return routed


def do_route_case(actor: User, case_id: int, now: datetime | None = None,
                  rules_cache: dict[int, list[RoutingRule]] | None = None) -> CaseRouting | None:
    """Route a case once: None if it was routed before, is closed or its client has no enabled
    rule. ``rules_cache`` (client id -> its rules) spares a query per case when routing many."""
    now = now or timezone.now()
    with audit_last():  # the chain head after the case (the lock order in carewatch.audit.chain)
        case = (Case.objects.select_for_update(of=("self",), no_key=True).select_related("client", "author")
                .filter(pk=case_id).first())
        if case is None or not case.is_open:
            return None
        require_role(actor, case.client_id, CASE_WRITE_ROLES)
        if rules_cache is None:
            rules = rules_for(case.client_id)
        else:
            if case.client_id not in rules_cache:
                rules_cache[case.client_id] = rules_for(case.client_id)
            rules = rules_cache[case.client_id]
        if not rules:
            return None
        try:
            with transaction.atomic():
                routing = CaseRouting.objects.create(case=case, client_id=case.client_id, routed_at=now)
        except IntegrityError:
            return None  # routed already (by another worker, or an earlier message)
        decision = decide(facts_for(case), rules, client_calendar(case.client))
        _apply(actor, case, routing, decision, now)
        routing.save()
        return routing


def _apply(actor: User, case: Case, routing: CaseRouting, decision: Decision, now: datetime) -> None:
    """Each firing through the inbox's actions (each with its audit event), recorded on the case
    and audited; then the routing outcome (saved by the caller)."""
    for position, firing in enumerate(decision.firings, start=1):
        case.refresh_from_db()
        changes = firing.changes
        if firing.priority is not None:
            do_set_priority(actor, case, firing.priority)
        for name in firing.tags:
            do_tag(actor, case, name)
        if firing.assign is not None and case.assignee_id is None:
            agent = _pick_agent(case.client, firing.assign)
            if agent is not None:
                do_assign(actor, case, agent)
                changes["assignee"] = agent.email
            else:
                changes["assignee"] = None  # everyone in the pool is at capacity: stays in the queue
        if firing.escalate is not None:
            from carewatch.escalation.actions import start_escalation

            escalation = start_escalation(case.client, firing.escalate, case_id=case.pk,
                                          trigger={"rule": firing.rule.name, "case": case.pk})
            changes["escalation"] = escalation.pk if escalation is not None else None
        RuleFiring.objects.create(case=case, rule=firing.rule, rule_name=firing.rule.name, position=position,
                                  at=now, changes=changes)
        append("routing.fire", actor=actor, actor_label="routing", client_id=case.client_id, obj=case,
               data={"rule": firing.rule.name, "rule_id": firing.rule.pk, "pass": firing.number,
                     "changes": changes, "stop": firing.rule.stop})
    routing.team, routing.passes = decision.team, decision.passes
    routing.requires_approval, routing.approval_tier = decision.requires_approval, decision.approval_tier
    routing.loop_guard_tripped = decision.loop_guard_tripped
    if decision.loop_guard_tripped:
        append("routing.loop_guard", actor=actor, actor_label="routing", client_id=case.client_id, obj=case,
               data={"passes": decision.passes, "fired": [f.rule.name for f in decision.firings]})
        log.warning("routing of case %s stopped by the loop guard after %s passes", case.pk, decision.passes)


def _pick_agent(client: Client, spec: dict[str, Any]) -> User | None:
    """The pool's next agent under capacity (``engine.next_agent``), the pool's pointer moved to
    them; None if everyone is full. One picker of a pool at a time (its pointer row's lock)."""
    key, agents, capacity = pool(client, spec)
    if not agents:
        return None
    pointer, _ = RoundRobin.objects.get_or_create(client=client, pool=key)
    pointer = RoundRobin.objects.select_for_update().get(pk=pointer.pk)
    agent = next_agent(agents, capacity, open_load(agents), pointer.last_user_id)
    if agent is not None:
        pointer.last_user_id = agent.pk
        pointer.save(update_fields=["last_user_id"])
    return agent
