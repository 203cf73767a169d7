"""Changes to routing rules, each with its audit event: edits in the desk (supervisors and
admins) and the config-as-code loader; and routing new cases by those rules (the pipeline's
step and the routing sweeper, as the system actor), applying what ``routing.engine`` decides."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from carewatch.audit.chain import append, audit_last
from carewatch.inbox.actions import CaseChanges, clean_tag_name
from carewatch.inbox.models import OPEN_STATUSES, Case, CaseStatus, Tag
from carewatch.lib.canonical import canonical_json
from carewatch.routing.engine import (
    Decision,
    decide,
    facts_for_cases,
    next_agent,
    open_load,
    pool,
    routable,
    rules_for,
)
from carewatch.routing.models import CaseRouting, RoundRobin, RoutingRule, RuleFiring, RuleSource
from carewatch.routing.policy import RuleSpec, check_rule, parse_routing
from carewatch.tenancy.access import require_role
from carewatch.tenancy.calendar import BusinessCalendar, client_calendar
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
CHUNK = 25  # cases routed per transaction (SQLite's one write lock is held briefly; cf. pipeline.order.WRITE_CHUNK)


def do_route_cases(actor: User, case_ids: Iterable[int], now: datetime | None = None) -> int:
    """Route each of these cases once by its client's rules; returns how many were routed.

    The batch reads once which of them are open, unrouted and of a client with enabled rules
    (``engine.routable``); those are routed set-wise, ``CHUNK`` cases per transaction (``_route``).
    A chunk that fails is routed again case by case; a case that still fails is logged and left
    unrouted (in the queue as it is, for the sweeper): it never stops the pipeline's triage. The
    actor (the system actor in the pipeline and the sweeper) must be allowed to work the cases of
    every client concerned.
    """
    todo, rules = routable(case_ids)
    for client_id in sorted(client_id for client_id, client_rules in rules.items() if client_rules):
        require_role(actor, client_id, CASE_WRITE_ROLES)
    now = now or timezone.now()
    routed = 0
    for start in range(0, len(todo), CHUNK):
        chunk = todo[start:start + CHUNK]
        try:
            routed += len(_route(actor, chunk, rules, now))
            continue
        except Exception:
            if len(chunk) == 1:
                log.exception("routing of case %s failed; it stays in the queue unrouted", chunk[0])
                continue
            log.warning("routing %d cases together failed; routing them one by one", len(chunk), exc_info=True)
        for pk in chunk:
            try:
                routed += len(_route(actor, [pk], rules, now))
            except Exception:
                log.exception("routing of case %s failed; it stays in the queue unrouted", pk)
    return routed


def do_route_case(actor: User, case_id: int, now: datetime | None = None,
                  rules_cache: dict[int, list[RoutingRule]] | None = None) -> CaseRouting | None:
    """Route a case once: None if it was routed before, is closed or its client has no enabled
    rule. ``rules_cache`` (client id -> its rules) spares a query when routing many."""
    client_id = Case.objects.filter(pk=case_id).values_list("client_id", flat=True).first()
    if client_id is None:
        return None
    require_role(actor, client_id, CASE_WRITE_ROLES)
    rules = rules_cache if rules_cache is not None else {}
    if client_id not in rules:
        rules[client_id] = rules_for(client_id)
    return _route(actor, [case_id], rules, now or timezone.now()).get(case_id)


def _route(actor: User, case_ids: list[int], rules: dict[int, list[RoutingRule]],
           now: datetime) -> dict[int, CaseRouting]:
    """Route these cases (ascending id) in one transaction; returns the routings made, by case.

    Set-wise: the cases are locked in one read, their facts read together (``engine.facts_for_cases``),
    the rules evaluated in memory (``engine.decide``) and the writes grouped (``_Batch``): one
    UPDATE of the changed cases, one INSERT each of their tags, firings and routings. Each change
    still has its own audit event, in the order routing case by case wrote them (per case:
    priority, tags, assignment, escalation, the firing; then the loop guard). The tags and
    round-robin pointers the cases need are created first, outside the transaction (a row inserted
    inside would make another worker inserting the same row wait for the whole transaction, a
    lock outside the lock order), from a decision on the facts read without a lock; the decision
    that counts is made again under the lock, on facts read then."""
    _prepare_rows(case_ids, rules)
    with audit_last():  # the chain head after the cases (the lock order in carewatch.audit.chain)
        locked = list(Case.objects.select_for_update(of=("self",), no_key=True).select_related("client", "author")
                      .filter(pk__in=case_ids).order_by("pk"))
        # Read after the lock: a routing another worker made while we waited is seen.
        routed_before = set(CaseRouting.objects.filter(pk__in=case_ids).values_list("pk", flat=True))
        cases = [c for c in locked if c.is_open and c.pk not in routed_before and rules.get(c.client_id)]
        if not cases:
            return {}
        decisions = _decide(cases, rules)
        batch = _Batch(actor, now, cases)  # the actor's permission for each client checked (CaseChanges)
        batch.lock_pointers(cases, decisions)
        routings: dict[int, CaseRouting] = {}
        for case in cases:
            decision = decisions[case.pk]
            batch.apply(case, decision)
            routings[case.pk] = CaseRouting(
                case=case, client_id=case.client_id, routed_at=now, team=decision.team, passes=decision.passes,
                requires_approval=decision.requires_approval, approval_tier=decision.approval_tier,
                loop_guard_tripped=decision.loop_guard_tripped)
        batch.flush()
        CaseRouting.objects.bulk_create(list(routings.values()))
        return routings


def _decide(cases: list[Case], rules: dict[int, list[RoutingRule]]) -> dict[int, Decision]:
    """Each case's decision on its facts (read for all at once), in memory."""
    facts = facts_for_cases(cases)
    calendars: dict[int, BusinessCalendar] = {}
    decisions = {}
    for case in cases:
        if case.client_id not in calendars:
            calendars[case.client_id] = client_calendar(case.client)
        decisions[case.pk] = decide(facts[case.pk], rules[case.client_id], calendars[case.client_id])
    return decisions


def _prepare_rows(case_ids: list[int], rules: dict[int, list[RoutingRule]]) -> None:
    """The tags and round-robin pointers these cases' firings will need, created if missing (each
    in its own short transaction, in the order routing meets them), from a decision made on the
    facts as they are now, without a lock. Idempotent rows: the decision made under the lock
    creates what this one could not foresee. Not on SQLite: its one writer never waits for a row
    another transaction inserted, and this read costs as much as the routing (the demo's batches
    are of one or two cases)."""
    if connection.vendor == "sqlite":
        return
    cases = [c for c in Case.objects.select_related("client", "author").filter(pk__in=case_ids, routing__isnull=True)
             .exclude(status=CaseStatus.CLOSED).order_by("pk") if rules.get(c.client_id)]
    if not cases:
        return
    decisions = _decide(cases, rules)
    tags: dict[tuple[int, str], None] = {}
    pools: dict[tuple[int, str], tuple[Client, dict[str, Any]]] = {}
    for case in cases:
        assigning = case.assignee_id is None
        for firing in decisions[case.pk].firings:
            for name in firing.tags:
                tags[(case.client_id, clean_tag_name(name))] = None
            if firing.assign is not None and assigning:
                pools.setdefault((case.client_id, canonical_json(firing.assign)), (case.client, firing.assign))
                assigning = False  # a later pool only if this one is full: left to the decision under the lock
    existing = set(Tag.objects.filter(client_id__in={c for c, _ in tags}, name__in={n for _, n in tags})
                   .values_list("client_id", "name")) if tags else set()
    for client_id, name in tags:
        if (client_id, name) not in existing:
            Tag.objects.get_or_create(client_id=client_id, name=name)
    for client, spec in pools.values():
        key, agents, _ = pool(client, spec)
        if agents:
            RoundRobin.objects.get_or_create(client=client, pool=key)


class _Batch:
    """The routing of a chunk of locked cases, applied in memory and written together.

    Applies each firing through ``inbox.actions.CaseChanges`` (set priority, tag, assign: the
    inbox's checks and audit events, appended in the same order as case by case) and as
    ``_pick_agent`` would (the pool's next agent under capacity, its pointer moved); ``flush``
    writes the changed cases and their new tags (``CaseChanges.flush``), the firings (one INSERT)
    and the pointers. An escalation (which reads and writes rows of its own) runs after a flush,
    and the case is read again after it, as routing case by case did."""

    def __init__(self, actor: User, now: datetime, cases: list[Case]) -> None:
        self.actor, self.now = actor, now
        self.changes = CaseChanges(actor, cases)
        self.firings: list[RuleFiring] = []
        self.pools: dict[tuple[int, str], tuple[str, list[User], dict[int, int]]] = {}
        self.pointers: dict[tuple[int, str], RoundRobin] = {}
        self.moved: set[int] = set()  # pointers to save
        self.load: dict[int, int] = {}  # open assigned cases per agent, kept up to date as cases are assigned

    def _pool(self, client: Client, spec: dict[str, Any]) -> tuple[str, list[User], dict[int, int]]:
        key = (client.pk, canonical_json(spec))
        if key not in self.pools:
            self.pools[key] = pool(client, spec)
        return self.pools[key]

    def lock_pointers(self, cases: list[Case], decisions: dict[int, Decision]) -> None:
        """The round-robin pointers the decisions may move, locked together in ascending id, after
        the cases (a pointer made since ``_prepare_rows`` is made and locked when first used)."""
        wanted = Q(pk__in=[])
        for case in cases:
            for firing in decisions[case.pk].firings:
                if firing.assign is not None and case.assignee_id is None:
                    key, agents, _ = self._pool(case.client, firing.assign)
                    if agents:
                        wanted |= Q(client_id=case.client_id, pool=key)
        for pointer in RoundRobin.objects.select_for_update().filter(wanted).order_by("pk"):
            self.pointers[(pointer.client_id, pointer.pool)] = pointer

    def apply(self, case: Case, decision: Decision) -> None:
        for position, firing in enumerate(decision.firings, start=1):
            changes = firing.changes
            if firing.priority is not None:
                self.changes.set_priority(case, firing.priority)
            for name in firing.tags:
                self.changes.tag(case, name)
            if firing.assign is not None and case.assignee_id is None:
                agent = self._pick_agent(case.client, firing.assign)
                if agent is not None:
                    if self.changes.assign(case, agent) and case.status in OPEN_STATUSES:
                        self.load[agent.pk] = self.load.get(agent.pk, 0) + 1
                    changes["assignee"] = agent.email
                else:
                    changes["assignee"] = None  # everyone in the pool is at capacity: stays in the queue
            if firing.escalate is not None:
                from carewatch.escalation.actions import start_escalation

                self.flush()
                escalation = start_escalation(case.client, firing.escalate, case_id=case.pk,
                                              trigger={"rule": firing.rule.name, "case": case.pk})
                changes["escalation"] = escalation.pk if escalation is not None else None
                case.refresh_from_db(fields=["priority", "assignee", "status", "updated_at"])
            self.firings.append(RuleFiring(case=case, rule=firing.rule, rule_name=firing.rule.name,
                                           position=position, at=self.now, changes=changes))
            append("routing.fire", actor=self.actor, actor_label="routing", client_id=case.client_id, obj=case,
                   data={"rule": firing.rule.name, "rule_id": firing.rule.pk, "pass": firing.number,
                         "changes": changes, "stop": firing.rule.stop})
        if decision.loop_guard_tripped:
            append("routing.loop_guard", actor=self.actor, actor_label="routing", client_id=case.client_id,
                   obj=case, data={"passes": decision.passes, "fired": [f.rule.name for f in decision.firings]})
            log.warning("routing of case %s stopped by the loop guard after %s passes", case.pk, decision.passes)

    def _pick_agent(self, client: Client, spec: dict[str, Any]) -> User | None:
        """``_pick_agent`` of routing case by case: the pool's next agent under capacity, the pool's
        pointer moved to them; None if everyone is full."""
        key, agents, capacity = self._pool(client, spec)
        if not agents:
            return None
        pointer = self.pointers.get((client.pk, key))
        if pointer is None:
            RoundRobin.objects.get_or_create(client=client, pool=key)  # made by _prepare_rows, but for a race
            pointer = RoundRobin.objects.select_for_update().get(client=client, pool=key)
            self.pointers[(client.pk, key)] = pointer
        unknown = [u for u in agents if u.pk not in self.load]
        if unknown:
            self.load.update({u.pk: 0 for u in unknown})
            self.load.update(open_load(unknown))
        agent = next_agent(agents, capacity, self.load, pointer.last_user_id)
        if agent is not None:
            pointer.last_user_id = agent.pk
            self.moved.add(pointer.pk)
        return agent

    def flush(self) -> None:
        self.changes.flush()
        if self.firings:
            RuleFiring.objects.bulk_create(self.firings)
            self.firings.clear()
        for pointer in self.pointers.values():
            if pointer.pk in self.moved:
                pointer.save(update_fields=["last_user_id"])
        self.moved.clear()
