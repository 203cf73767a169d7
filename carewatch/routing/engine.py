"""Decide which of a client's rules fire on a new case and what they change, and preview a rule
(dry-run). Decisions only: ``carewatch.routing.actions.do_route_cases`` applies them.

Rules run in order. A rule whose conditions hold fires: its actions apply (through the inbox's
own actions, each with its audit event) and the firing is recorded on the case. A rule with
``stop`` (first match) ends the evaluation; one without lets the later rules run. When a pass
changed what rules look at (priority, tags, team), the rules that have not fired are tried again
from the top, so an earlier rule can react to a later one. The loop guard: each rule fires at
most once per case, and after MAX_PASSES passes evaluation ends (recorded on the case and in
the audit log), so no set of rules can keep changing a case.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count
from django.utils import timezone

from carewatch.inbox.models import OPEN_STATUSES, Case, CaseStatus, CaseTag, Direction, Mention
from carewatch.routing.models import CaseRouting, RoutingRule
from carewatch.routing.policy import routing_policy_for
from carewatch.routing.rules import Facts, as_list, matches, priority_value
from carewatch.tenancy.calendar import BusinessCalendar, client_calendar
from carewatch.tenancy.models import CASE_WRITE_ROLES, Client, User

MAX_PASSES = 5
REPEAT_CASES = 3  # an author with this many earlier cases in REPEAT_DAYS is a repeat complainer
REPEAT_DAYS = 90
PREVIEW_LIMIT = 5000
APPROVAL_TAG = "require-approval"  # carewatch.replies.gate.REQUIRE_APPROVAL_TAG


# ------------------------------------------------------------------ facts
@dataclass
class Known:
    """What facts_for would look up case by case, read once for many cases (a batch being routed,
    the dry-run), of any clients."""

    tags: dict[int, set[str]] = field(default_factory=dict)
    teams: dict[int, str] = field(default_factory=dict)
    # (client, author) -> the start times of the author's cases (sorted)
    author_cases: dict[tuple[int, int], list[datetime]] = field(default_factory=dict)

    @classmethod
    def for_cases(cls, cases: list[Case]) -> Known:
        known = cls()
        ids = [c.pk for c in cases]
        if not ids:
            return known
        for case_id, name in CaseTag.objects.filter(case_id__in=ids).values_list("case_id", "tag__name"):
            known.tags.setdefault(case_id, set()).add(name)
        known.teams = dict(CaseRouting.objects.filter(pk__in=ids).values_list("pk", "team"))
        since = min(c.created_at for c in cases) - timedelta(days=REPEAT_DAYS)
        rows = Case.objects.filter(client_id__in={c.client_id for c in cases},
                                   author_id__in={c.author_id for c in cases},
                                   created_at__gte=since).values_list("client_id", "author_id", "created_at")
        for client_id, author_id, created in rows:
            known.author_cases.setdefault((client_id, author_id), []).append(created)
        for times in known.author_cases.values():
            times.sort()
        return known

    def earlier_cases(self, case: Case) -> int:
        times = self.author_cases.get((case.client_id, case.author_id), [])
        return bisect_left(times, case.created_at) - bisect_left(times, case.created_at - timedelta(days=REPEAT_DAYS))


def inbound_mentions(case_ids: Iterable[int]) -> dict[int, list[Mention]]:
    """The customer's messages of each case, oldest first (what the facts are made of), in one read."""
    out: dict[int, list[Mention]] = {}
    for mention in (Mention.objects.filter(case_id__in=list(case_ids), direction=Direction.INBOUND)
                    .only("case_id", "kind", "language", "labels", "triage", "text", "created_at")
                    .order_by("created_at", "pk")):
        assert mention.case_id is not None
        out.setdefault(mention.case_id, []).append(mention)
    return out


def facts_for_cases(cases: list[Case]) -> dict[int, Facts]:
    """``facts_for`` of each of these cases (``author`` selected with them), in four reads for all."""
    mentions = inbound_mentions(c.pk for c in cases)
    known = Known.for_cases(cases)
    return {case.pk: facts_for(case, mentions.get(case.pk, []), known) for case in cases}


def facts_for(case: Case, mentions: list[Mention] | None = None, known: Known | None = None) -> Facts:
    if mentions is None:
        mentions = inbound_mentions([case.pk]).get(case.pk, [])
    labels = {str(label) for m in mentions for label in (m.labels or [])}
    if known is not None:
        labels |= known.tags.get(case.pk, set())
    else:
        labels |= set(CaseTag.objects.filter(case_id=case.pk).values_list("tag__name", flat=True))
    scores: dict[str, float] = {}
    for mention in mentions:
        for label, score in ((mention.triage or {}).get("scores") or {}).items():
            scores[label] = max(scores.get(label, 0.0), float(score))
    first = mentions[0] if mentions else None
    sentiment = ((first.triage or {}).get("sentiment") or {}).get("label", "") if first else ""
    flags = {k: bool(v) for k, v in (case.author.flags or {}).items()}
    if not flags.get("repeat_complainer"):
        if known is not None:
            earlier = known.earlier_cases(case)
        else:
            since = case.created_at - timedelta(days=REPEAT_DAYS)
            earlier = Case.objects.filter(client_id=case.client_id, author_id=case.author_id, created_at__gte=since,
                                          created_at__lt=case.created_at).count()
        flags["repeat_complainer"] = earlier >= REPEAT_CASES
    if known is not None:
        team = known.teams.get(case.pk, "")
    else:
        team = CaseRouting.objects.filter(pk=case.pk).values_list("team", flat=True).first() or ""
    return Facts(
        platform=case.platform, kind=first.kind if first else "", labels={label.lower() for label in labels},
        scores=scores, language=(case.language or (first.language if first else "")).lower(),
        sentiment=str(sentiment), flags=flags, text="\n".join(m.text for m in mentions).lower(),
        began_at=first.created_at if first else case.created_at, priority=case.priority, team=team,
    )


# ------------------------------------------------------------------ round robin
def pool(client: Client, spec: dict[str, Any]) -> tuple[str, list[User], dict[int, int]]:
    """The pool's key, its available agents (by id) and each one's capacity."""
    policy = routing_policy_for(client)
    members = User.objects.filter(is_active=True, memberships__client=client,
                                  memberships__role__in=CASE_WRITE_ROLES).distinct().order_by("pk")
    emails: list[str] = []
    if spec.get("agents"):
        emails = as_list(spec["agents"])
    elif spec.get("team"):
        emails = list(policy.teams.get(str(spec["team"]).lower(), ()))
    if spec.get("agents") or spec.get("team"):
        members = members.filter(email__in=emails)
    agents = [u for u in members if policy.agents.get(u.email, {}).get("available", True)]
    default = int(spec.get("capacity") or policy.capacity)
    capacity = {u.pk: int(policy.agents.get(u.email, {}).get("capacity", default)) for u in agents}
    key = "team:" + str(spec["team"]) if spec.get("team") else ("agents:" + ",".join(sorted(emails)) if emails
                                                                 else "all")
    return key[:200], agents, capacity


def open_load(agents: list[User]) -> dict[int, int]:
    """Each agent's open assigned cases (for any client)."""
    return dict(Case.objects.filter(assignee__in=agents, status__in=OPEN_STATUSES)
                .values_list("assignee_id").annotate(n=Count("id")).values_list("assignee_id", "n"))


def next_agent(agents: list[User], capacity: dict[int, int], load: dict[int, int],
               last_user_id: int | None) -> User | None:
    """The next agent of the pool (``agents`` by id) after the last one picked whose load is under
    their capacity; None if everyone is full."""
    ids = [u.pk for u in agents]
    start = next((i for i, pk in enumerate(ids) if last_user_id is not None and pk > last_user_id), 0)
    for offset in range(len(ids)):
        agent = agents[(start + offset) % len(ids)]
        if load.get(agent.pk, 0) < capacity[agent.pk]:
            return agent
    return None


# ------------------------------------------------------------------ decisions
@dataclass
class Firing:
    """A rule that fires on a case and what it changes there. ``changes`` is what the firing
    records; applying the firing adds the assignee and the escalation it got."""

    rule: RoutingRule
    number: int  # the pass it fired in
    priority: int | None = None
    tags: list[str] = field(default_factory=list)  # in order: the team's, the rule's, the approval tag
    assign: dict[str, Any] | None = None  # the pool, if the case has no assignee when the firing is applied
    escalate: str | None = None
    changes: dict[str, Any] = field(default_factory=dict)


@dataclass
class Decision:
    """What routing a case does: the firings in order and the routing outcome."""

    team: str = ""
    requires_approval: bool = False
    approval_tier: str = ""
    passes: int = 0
    loop_guard_tripped: bool = False
    firings: list[Firing] = field(default_factory=list)


def rules_for(client_id: int) -> list[RoutingRule]:
    return list(RoutingRule.objects.filter(client_id=client_id, enabled=True).order_by("order", "pk"))


def decide(facts: Facts, rules: list[RoutingRule], calendar: BusinessCalendar) -> Decision:
    """Which of the rules fire on a case with these facts, in order, and what each changes.

    Reads and writes nothing: ``facts`` change as the rules change them (priority, tags, team), and
    ``carewatch.routing.actions`` applies the decision.
    """
    decision = Decision(team=facts.team)
    done: set[int] = set()
    for number in range(1, MAX_PASSES + 1):
        decision.passes = number
        changed = stop = False
        for rule in rules:
            if rule.pk in done or not matches(rule.conditions, facts, calendar):
                continue
            done.add(rule.pk)
            firing, facts_changed = _firing(rule, number, facts, decision)
            decision.firings.append(firing)
            changed = changed or facts_changed
            if rule.stop:
                stop = True
                break
        if stop or not changed:
            return decision
    decision.loop_guard_tripped = True
    return decision


def _firing(rule: RoutingRule, number: int, facts: Facts, decision: Decision) -> tuple[Firing, bool]:
    """What a rule's actions change; and whether facts rules read changed."""
    firing = Firing(rule=rule, number=number)
    changes = firing.changes
    facts_changed = False
    spec = rule.actions
    if "set_priority" in spec:
        wanted = priority_value(spec["set_priority"], "set_priority")
        if wanted != facts.priority:
            firing.priority = wanted
            changes["priority"] = wanted
            facts.priority = wanted
            facts_changed = True
    if "route" in spec:
        team = str(spec["route"]).strip().lower()
        if team != decision.team:
            decision.team = team
            firing.tags.append(f"team:{team}")
            changes["team"] = team
            facts.team = team
            facts.labels.add(f"team:{team}")
            facts_changed = True
    for name in as_list(spec.get("tag")):
        if name not in facts.labels:
            firing.tags.append(name)
            changes.setdefault("tags", []).append(name)
            facts.labels.add(name)
            facts_changed = True
    if "require_approval" in spec:
        decision.requires_approval = True
        decision.approval_tier = "" if spec["require_approval"] is True else str(spec["require_approval"])[:40]
        changes["require_approval"] = decision.approval_tier or True
        if APPROVAL_TAG not in facts.labels:
            firing.tags.append(APPROVAL_TAG)  # the replies' approval gate holds every reply of a case so tagged
            facts.labels.add(APPROVAL_TAG)
            facts_changed = True
    if "assign" in spec:
        firing.assign = spec["assign"] if isinstance(spec["assign"], dict) else {}
    if "escalate" in spec:
        firing.escalate = str(spec["escalate"])
    return firing, facts_changed


def routable(case_ids: Iterable[int]) -> tuple[list[int], dict[int, list[RoutingRule]]]:
    """Read once for a batch: which of these cases are open, unrouted and of a client with
    enabled rules (ascending id, the lock order), and the rules of their clients (client id ->
    rules, also for the clients without any). The bulk of a backlog, for a client without rules,
    costs these two queries, not a transaction per case; routing checks each case again under
    its lock."""
    rules: dict[int, list[RoutingRule]] = {}  # rules do not change while one batch is routed
    candidates = dict(Case.objects.filter(pk__in=set(case_ids), routing__isnull=True).exclude(status=CaseStatus.CLOSED)
                      .values_list("pk", "client_id"))
    for rule in (RoutingRule.objects.filter(client_id__in=set(candidates.values()), enabled=True)
                 .order_by("client_id", "order", "pk")):
        rules.setdefault(rule.client_id, []).append(rule)
    for client_id in set(candidates.values()):
        rules.setdefault(client_id, [])
    return sorted(pk for pk, client_id in candidates.items() if rules[client_id]), rules


# ------------------------------------------------------------------ dry-run
@dataclass
class Preview:
    days: int
    scanned: int = 0
    matched: list[Case] = field(default_factory=list)
    would: dict[str, int] = field(default_factory=dict)  # action -> cases it would change
    truncated: bool = False

    @property
    def count(self) -> int:
        return len(self.matched)


def preview(client: Client, conditions: dict[str, Any], actions: dict[str, Any], days: int,
            now: datetime | None = None) -> Preview:
    """Which of the client's cases of the last ``days`` days the rule would fire on, and what it
    would change. Reads only: nothing is written."""
    now = now or timezone.now()
    days = max(1, min(int(days), 90))
    result = Preview(days=days)
    calendar: BusinessCalendar = client_calendar(client)
    cases = list(Case.objects.filter(client=client, created_at__gte=now - timedelta(days=days))
                 .select_related("author", "client", "assignee").order_by("-created_at")[:PREVIEW_LIMIT + 1])
    result.truncated = len(cases) > PREVIEW_LIMIT
    cases = cases[:PREVIEW_LIMIT]
    mentions = inbound_mentions(c.pk for c in cases)
    known = Known.for_cases(cases)
    for case in cases:
        result.scanned += 1
        facts = facts_for(case, mentions.get(case.pk, []), known)
        if not matches(conditions, facts, calendar):
            continue
        result.matched.append(case)
        for action, value in actions.items():
            if _would_change(action, value, case, facts):
                result.would[action] = result.would.get(action, 0) + 1
    return result


def _would_change(action: str, value: Any, case: Case, facts: Facts) -> bool:
    if action == "set_priority":
        return priority_value(value, action) != case.priority
    if action == "route":
        return str(value).strip().lower() != facts.team
    if action == "tag":
        return any(name not in facts.labels for name in as_list(value))
    if action == "assign":
        return case.assignee_id is None
    return True
