"""What a routing rule may say, checked; and whether a case's facts meet its conditions (pure).

Conditions (all given must hold):

| key | value | holds when |
|---|---|---|
| ``platform`` | a platform or a list | the case's platform is one of them |
| ``kind`` | post, comment, reply, dm, mention, review, listening (or a list) | the case's first message is |
| ``labels_any`` / ``labels_all`` / ``labels_none`` | triage labels or tags | any / all / none on the case |
| ``scores`` | ``{label: minimum}`` | every label's triage score is at least its minimum |
| ``language`` | a code or a list | the case's language is one of them |
| ``sentiment`` | negative, neutral, positive (or a list) | the first message's sentiment is |
| ``author`` | ``[influencer, vip, repeat_complainer]`` or ``{flag: true/false}`` | the author's flags |
| ``keywords_any`` / ``keywords_all`` | words or phrases | any / all appear (whole words, any case) |
| ``time`` | ``{days: [mon, ...], from: "18:00", to: "08:00"}`` | the case began then (client's time zone) |
| ``business_hours`` | true / false | the case began inside / outside the client's business hours |
| ``priority_at_least`` | low, normal, high, urgent or 1-4 | the case's priority is at least |
| ``team`` | a team name | an earlier rule routed the case to it |

A ``time`` window whose ``from`` is after its ``to`` spans midnight.

Actions: ``set_priority`` (low … urgent, 1-4), ``route`` (a team queue: the case gets the tag
``team:<name>``), ``assign`` (``round_robin``, or ``{round_robin: true, team: <name>, agents:
[e-mails], capacity: N}``: the next available agent with fewer open assigned cases than their
capacity), ``tag`` (a tag or a list), ``require_approval`` (true, or a tier name: the case is
tagged ``require-approval``, on which the replies' approval gate holds every reply, and the tier is
kept on the case's routing), ``escalate`` (an escalation category: the client's protocol starts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any

from carewatch.inbox.models import MentionKind, Priority
from carewatch.tenancy.calendar import BusinessCalendar, is_open
from carewatch.tenancy.models import Platform

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
FLAGS = ("influencer", "vip", "repeat_complainer")
SENTIMENTS = ("negative", "neutral", "positive")
PRIORITY_NAMES = {p.name.lower(): int(p.value) for p in Priority}
CONDITION_KEYS = ("platform", "kind", "labels_any", "labels_all", "labels_none", "scores", "language", "sentiment",
                  "author", "keywords_any", "keywords_all", "time", "business_hours", "priority_at_least", "team")
ACTION_KEYS = ("set_priority", "route", "assign", "tag", "require_approval", "escalate")
_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_TEAM = re.compile(r"^[a-z0-9][a-z0-9 _-]{0,49}$")


class RuleError(ValueError):
    pass


@dataclass
class Facts:
    """What rules look at, gathered once per case (and updated as rules act)."""

    platform: str = ""
    kind: str = ""
    labels: set[str] = field(default_factory=set)
    scores: dict[str, float] = field(default_factory=dict)
    language: str = ""
    sentiment: str = ""
    flags: dict[str, bool] = field(default_factory=dict)
    text: str = ""  # the customer's messages, lower case
    began_at: datetime | None = None
    priority: int = Priority.NORMAL
    team: str = ""


def _names(value: Any, where: str, allowed: tuple[str, ...] | None = None) -> list[str]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items or not all(isinstance(v, str) and v.strip() for v in items):
        raise RuleError(f"{where}: a name or a list of names")
    out = [" ".join(v.lower().split()) for v in items]
    if allowed is not None:
        bad = [v for v in out if v not in allowed]
        if bad:
            raise RuleError(f"{where}: {', '.join(bad)} (known: {', '.join(allowed)})")
    return out


def priority_value(value: Any, where: str) -> int:
    if isinstance(value, str) and value.lower() in PRIORITY_NAMES:
        return PRIORITY_NAMES[value.lower()]
    if isinstance(value, int) and not isinstance(value, bool) and value in Priority.values:
        return value
    raise RuleError(f"{where}: one of {', '.join(PRIORITY_NAMES)} or 1-4")


def team_name(value: Any, where: str) -> str:
    if not isinstance(value, str) or not _TEAM.match(value.strip().lower()):
        raise RuleError(f"{where}: a team name (letters, digits, spaces, - and _; up to 50)")
    return value.strip().lower()


def check_conditions(spec: Any, where: str = "conditions") -> dict[str, Any]:
    if spec is None:
        return {}
    if not isinstance(spec, dict):
        raise RuleError(f"{where}: a mapping of condition to value")
    unknown = sorted(set(map(str, spec)) - set(CONDITION_KEYS))
    if unknown:
        raise RuleError(f"{where}: unknown condition(s) {', '.join(unknown)} (known: {', '.join(CONDITION_KEYS)})")
    for key, value in spec.items():
        at = f"{where}.{key}"
        if key == "platform":
            _names(value, at, tuple(Platform.values))
        elif key == "kind":
            _names(value, at, tuple(MentionKind.values))
        elif key in ("labels_any", "labels_all", "labels_none", "keywords_any", "keywords_all", "language"):
            _names(value, at)
        elif key == "sentiment":
            _names(value, at, SENTIMENTS)
        elif key == "scores":
            if not isinstance(value, dict) or not value or not all(
                    isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v <= 1 for v in value.values()):
                raise RuleError(f"{at}: a mapping of label to a minimum score between 0 and 1")
        elif key == "author":
            if isinstance(value, dict):
                _names(list(value), at, FLAGS)
                if not all(isinstance(v, bool) for v in value.values()):
                    raise RuleError(f"{at}: each flag is true or false")
            else:
                _names(value, at, FLAGS)
        elif key == "time":
            _check_time(value, at)
        elif key == "business_hours":
            if not isinstance(value, bool):
                raise RuleError(f"{at}: true or false")
        elif key == "priority_at_least":
            priority_value(value, at)
        elif key == "team":
            team_name(value, at)
    return dict(spec)


def _check_time(value: Any, where: str) -> None:
    if not isinstance(value, dict) or not value or set(value) - {"days", "from", "to"}:
        raise RuleError(f"{where}: a mapping with days, from and/or to")
    if "days" in value:
        _names(value["days"], f"{where}.days", DAYS)
    if ("from" in value) != ("to" in value):
        raise RuleError(f"{where}: from and to go together")
    for key in ("from", "to"):
        if key in value and not (isinstance(value[key], str) and _HHMM.match(value[key])):
            raise RuleError(f"{where}.{key}: a time like 18:00")


def check_actions(spec: Any, where: str = "actions") -> dict[str, Any]:
    from carewatch.escalation.models import Category

    if not isinstance(spec, dict) or not spec:
        raise RuleError(f"{where}: a mapping of at least one action")
    unknown = sorted(set(map(str, spec)) - set(ACTION_KEYS))
    if unknown:
        raise RuleError(f"{where}: unknown action(s) {', '.join(unknown)} (known: {', '.join(ACTION_KEYS)})")
    for key, value in spec.items():
        at = f"{where}.{key}"
        if key == "set_priority":
            priority_value(value, at)
        elif key == "route":
            team_name(value, at)
        elif key == "tag":
            names = _names(value, at)
            if any(len(n) > 60 for n in names):
                raise RuleError(f"{at}: a tag is at most 60 characters")
        elif key == "require_approval":
            if not (value is True or (isinstance(value, str) and 0 < len(value.strip()) <= 40)):
                raise RuleError(f"{at}: true, or the name of an approval tier")
        elif key == "escalate":
            if value not in Category.values:
                raise RuleError(f"{at}: one of {', '.join(Category.values)}")
        elif key == "assign":
            _check_assign(value, at)
    return dict(spec)


def _check_assign(value: Any, where: str) -> None:
    if value == "round_robin":
        return
    if not isinstance(value, dict) or value.get("round_robin") is not True:
        raise RuleError(f"{where}: round_robin, or a mapping with round_robin: true")
    unknown = set(value) - {"round_robin", "team", "agents", "capacity"}
    if unknown:
        raise RuleError(f"{where}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
    if "team" in value:
        team_name(value["team"], f"{where}.team")
    if "agents" in value:
        _names(value["agents"], f"{where}.agents")
    capacity = value.get("capacity", 1)
    if not isinstance(capacity, int) or isinstance(capacity, bool) or not 0 < capacity <= 1000:
        raise RuleError(f"{where}.capacity: a number of open cases between 1 and 1000")


def as_list(value: Any) -> list[str]:
    items = [value] if isinstance(value, str) else list(value or [])
    return [" ".join(str(v).lower().split()) for v in items]


def _has_words(text: str, phrase: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", text) is not None


def _in_window(spec: dict[str, Any], local: datetime) -> bool:
    if "days" in spec and DAYS[local.weekday()] not in as_list(spec["days"]):
        return False
    if "from" in spec:
        start, end, now = time.fromisoformat(spec["from"]), time.fromisoformat(spec["to"]), local.time()
        inside = start <= now < end if start <= end else (now >= start or now < end)
        if not inside:
            return False
    return True


def matches(conditions: dict[str, Any], facts: Facts, calendar: BusinessCalendar) -> bool:
    """Whether every condition holds for these facts."""
    return all(_holds(key, value, facts, calendar) for key, value in conditions.items())


def _holds(key: str, value: Any, facts: Facts, calendar: BusinessCalendar) -> bool:
    if key == "platform":
        return facts.platform in as_list(value)
    if key == "kind":
        return facts.kind in as_list(value)
    if key == "labels_any":
        return bool(facts.labels & set(as_list(value)))
    if key == "labels_all":
        return set(as_list(value)) <= facts.labels
    if key == "labels_none":
        return not facts.labels & set(as_list(value))
    if key == "scores":
        return all(facts.scores.get(label, 0.0) >= float(minimum) for label, minimum in value.items())
    if key == "language":
        return facts.language.lower() in as_list(value)
    if key == "sentiment":
        return facts.sentiment in as_list(value)
    if key == "author":
        wanted = value if isinstance(value, dict) else dict.fromkeys(as_list(value), True)
        return all(bool(facts.flags.get(flag)) == bool(want) for flag, want in wanted.items())
    if key == "keywords_any":
        return any(_has_words(facts.text, w) for w in as_list(value))
    if key == "keywords_all":
        return all(_has_words(facts.text, w) for w in as_list(value))
    if key in ("time", "business_hours"):
        if facts.began_at is None:
            return False
        if key == "business_hours":
            return is_open(calendar, facts.began_at) == bool(value)
        return _in_window(value, facts.began_at.astimezone(calendar.tz))
    if key == "priority_at_least":
        return facts.priority >= priority_value(value, key)
    if key == "team":
        return facts.team == str(value).strip().lower()
    return False
