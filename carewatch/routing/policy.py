"""A client's ``routing:`` block (config-as-code).

```yaml
routing:
  capacity: 20                      # open assigned cases an agent takes by round robin (default 20)
  agents:                           # per agent: capacity, and available: false while away
    alice@agency.test: {capacity: 5}
    bob@agency.test: {available: false}
  teams:                            # team queues and who works them (for assign: {team: ...})
    seniors: [alice@agency.test]
  rules:                            # loaded as rows (source "config"); order as written
    - name: VIP authors to seniors
      conditions: {author: [vip]}
      actions: {set_priority: high, route: seniors, assign: {round_robin: true, team: seniors}}
      stop: true                    # first match (default); false: later rules run too
      enabled: true
```

Rule rows are what runs: ``carewatch.routing.actions.load_rules`` writes this block's rules to
them, and supervisors edit rules in the desk as well.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from carewatch.routing.rules import RuleError, check_actions, check_conditions, team_name

log = logging.getLogger(__name__)

DEFAULT_CAPACITY = 20
KEYS = ("capacity", "agents", "teams", "rules")
RULE_KEYS = ("name", "conditions", "actions", "stop", "enabled")


@dataclass(frozen=True)
class RuleSpec:
    name: str
    conditions: dict[str, Any]
    actions: dict[str, Any]
    stop: bool = True
    enabled: bool = True


@dataclass(frozen=True)
class RoutingPolicy:
    capacity: int = DEFAULT_CAPACITY
    agents: dict[str, dict[str, Any]] = field(default_factory=dict)
    teams: dict[str, tuple[str, ...]] = field(default_factory=dict)
    rules: tuple[RuleSpec, ...] = ()


def _capacity(value: Any, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value <= 1000:
        raise ValueError(f"{where}: a number of open cases between 1 and 1000")
    return value


def check_rule(spec: Any, where: str) -> RuleSpec:
    if not isinstance(spec, dict):
        raise ValueError(f"{where}: a mapping with name, conditions and actions")
    unknown = set(map(str, spec)) - set(RULE_KEYS)
    if unknown:
        raise ValueError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    name = spec.get("name")
    if not isinstance(name, str) or not name.strip() or len(name.strip()) > 120:
        raise ValueError(f"{where}: a rule needs a name (up to 120 characters)")
    where = f"{where} ({name.strip()})"
    for key in ("stop", "enabled"):
        if key in spec and not isinstance(spec[key], bool):
            raise ValueError(f"{where}.{key}: true or false")
    try:
        conditions = check_conditions(spec.get("conditions"), f"{where}.conditions")
        actions = check_actions(spec.get("actions"), f"{where}.actions")
    except RuleError as exc:
        raise ValueError(str(exc)) from None
    return RuleSpec(name.strip(), conditions, actions, bool(spec.get("stop", True)), bool(spec.get("enabled", True)))


def parse_routing(settings: dict[str, Any], where: str = "client") -> RoutingPolicy:
    spec = settings.get("routing")
    if spec is None:
        return RoutingPolicy()
    where = f"{where} routing"
    if not isinstance(spec, dict):
        raise ValueError(f"{where}: must be a mapping")
    unknown = set(map(str, spec)) - set(KEYS)
    if unknown:
        raise ValueError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    capacity = _capacity(spec.get("capacity", DEFAULT_CAPACITY), f"{where}.capacity")
    agents: dict[str, dict[str, Any]] = {}
    raw_agents = spec.get("agents") or {}
    if not isinstance(raw_agents, dict):
        raise ValueError(f"{where}.agents: a mapping of e-mail to {{capacity, available}}")
    for email, values in raw_agents.items():
        at = f"{where}.agents.{email}"
        if not isinstance(values, dict) or set(values) - {"capacity", "available"}:
            raise ValueError(f"{at}: a mapping with capacity and/or available")
        entry: dict[str, Any] = {}
        if "capacity" in values:
            entry["capacity"] = _capacity(values["capacity"], f"{at}.capacity")
        if "available" in values:
            if not isinstance(values["available"], bool):
                raise ValueError(f"{at}.available: true or false")
            entry["available"] = values["available"]
        agents[str(email).strip().lower()] = entry
    teams: dict[str, tuple[str, ...]] = {}
    raw_teams = spec.get("teams") or {}
    if not isinstance(raw_teams, dict):
        raise ValueError(f"{where}.teams: a mapping of team name to a list of e-mail addresses")
    for name, members in raw_teams.items():
        try:
            team = team_name(name, f"{where}.teams")
        except RuleError as exc:
            raise ValueError(str(exc)) from None
        if not isinstance(members, list) or not all(isinstance(m, str) and "@" in m for m in members):
            raise ValueError(f"{where}.teams.{name}: a list of e-mail addresses")
        teams[team] = tuple(m.strip().lower() for m in members)
    rules = spec.get("rules") or []
    if not isinstance(rules, list):
        raise ValueError(f"{where}.rules: a list of rules")
    parsed = tuple(check_rule(rule, f"{where}.rules[{i}]") for i, rule in enumerate(rules))
    names = [r.name for r in parsed]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ValueError(f"{where}.rules: rule names must be unique ({', '.join(duplicates)})")
    return RoutingPolicy(capacity, agents, teams, parsed)


def validate_settings(settings: dict[str, Any], where: str) -> dict[str, Any]:
    """For ``carewatch config apply``: raise ValueError for a malformed routing block."""
    parse_routing(settings, where)
    return settings


def routing_policy_for(client: Any) -> RoutingPolicy:
    try:
        return parse_routing(client.settings or {}, f"client {client.slug}")
    except ValueError as exc:
        log.warning("routing settings of client %s are malformed: %s", client.slug, exc)
        return RoutingPolicy()
