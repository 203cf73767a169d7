"""A client's SLA and three-touch policies, read from its settings (config-as-code).

```yaml
sla:
  first_response_minutes: 120     # default 240 (the inbox's own default)
  next_response_minutes: 240      # after the customer writes again; off when absent
  resolution_minutes: 2880        # from the first message to closing; off when absent
  warn_at: 0.75                   # warn when this share of a clock has run (0 < warn_at < 1)
  calendar: business              # or 24x7; business = the client's hours, holidays, time zone
  platforms:                      # overrides per platform ...
    x: {first_response_minutes: 60}
  priorities:                     # ... per priority (low, normal, high, urgent or 1-4) ...
    urgent: {first_response_minutes: 30, calendar: 24x7}
  overrides:                      # ... and per platform and priority together (most specific wins)
    - {platform: x, priority: urgent, first_response_minutes: 15}
three_touch:
  labels: [complaint, issue]      # case tags or triage labels that put a case in the process
  intervals_hours: [24, 48]       # touch 2 due 24 h after touch 1, touch 3 48 h after touch 2;
                                  # a third number: hours after touch 3 before the case closes
                                  # (default: the last interval)
  channel: public                 # or private: how touches 2 and 3 are sent
  templates: {2: follow-up-1, 3: follow-up-2}   # the replies' templates for touches 2 and 3
                                  # (default: the categories follow_up_touch_2 and _3)
```

Safety cases always run on 24x7 clocks, whatever ``calendar`` says, and never enter the
three-touch process.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from carewatch.inbox.ingest import DEFAULT_FIRST_RESPONSE_MINUTES
from carewatch.inbox.models import Priority
from carewatch.tenancy.models import Platform

DEFAULT_WARN_AT = 0.75
CALENDARS = ("business", "24x7")
CLOCK_KEYS = ("first_response_minutes", "next_response_minutes", "resolution_minutes", "warn_at", "calendar")
SLA_KEYS = (*CLOCK_KEYS, "platforms", "priorities", "overrides")
TOUCH_KEYS = ("labels", "categories", "intervals_hours", "channel", "templates", "enabled")
PRIORITY_NAMES = {p.name.lower(): int(p.value) for p in Priority}
MAX_MINUTES = 366 * 24 * 60
# The replies' template categories for the follow-ups (carewatch.replies.models.Category).
DEFAULT_TEMPLATES = {"2": "follow_up_touch_2", "3": "follow_up_touch_3"}


@dataclass(frozen=True)
class SlaTerms:
    """The clocks one case runs on."""

    first_response_minutes: float | None = DEFAULT_FIRST_RESPONSE_MINUTES
    next_response_minutes: float | None = None
    resolution_minutes: float | None = None
    warn_at: float = DEFAULT_WARN_AT
    calendar: str = "business"

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in CLOCK_KEYS}


@dataclass(frozen=True)
class SlaPolicy:
    base: dict[str, Any] = field(default_factory=dict)
    platforms: dict[str, dict[str, Any]] = field(default_factory=dict)
    priorities: dict[int, dict[str, Any]] = field(default_factory=dict)
    overrides: tuple[tuple[str, int, dict[str, Any]], ...] = ()

    def terms(self, platform: str, priority: int, safety: bool = False) -> SlaTerms:
        values: dict[str, Any] = SlaTerms().as_dict()
        values.update(self.base)
        values.update(self.platforms.get(platform, {}))
        values.update(self.priorities.get(priority, {}))
        for on_platform, on_priority, extra in self.overrides:
            if on_platform == platform and on_priority == priority:
                values.update(extra)
        if safety:
            values["calendar"] = "24x7"
        return SlaTerms(**values)


@dataclass(frozen=True)
class TouchPolicy:
    labels: frozenset[str] = frozenset()
    intervals_hours: tuple[float, float, float] = (24.0, 48.0, 48.0)
    channel: str = "public"
    templates: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_TEMPLATES))

    @property
    def enabled(self) -> bool:
        return bool(self.labels)

    def as_dict(self) -> dict[str, Any]:
        return {"labels": sorted(self.labels), "intervals_hours": list(self.intervals_hours),
                "channel": self.channel, "templates": dict(self.templates)}


def _minutes(value: Any, where: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= MAX_MINUTES:
        raise ValueError(f"{where}: a number of minutes between 1 and {MAX_MINUTES} (or null for no clock)")
    return float(value)


def _clock_values(spec: Any, where: str) -> dict[str, Any]:
    if not isinstance(spec, dict):
        raise ValueError(f"{where}: must be a mapping")
    out: dict[str, Any] = {}
    for key, value in spec.items():
        if key in ("platform", "priority"):
            continue
        if key not in CLOCK_KEYS:
            raise ValueError(f"{where}: unknown key {key!r} (known: {', '.join(CLOCK_KEYS)})")
        if key == "warn_at":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < 1:
                raise ValueError(f"{where}.warn_at: a share of the clock between 0 and 1, e.g. 0.75")
            out[key] = float(value)
        elif key == "calendar":
            if value not in CALENDARS:
                raise ValueError(f"{where}.calendar: one of {', '.join(CALENDARS)}")
            out[key] = value
        else:
            out[key] = _minutes(value, f"{where}.{key}")
    return out


def _priority(value: Any, where: str) -> int:
    if isinstance(value, str) and value.lower() in PRIORITY_NAMES:
        return PRIORITY_NAMES[value.lower()]
    if isinstance(value, int) and not isinstance(value, bool) and value in Priority.values:
        return value
    if isinstance(value, str) and value.isdigit() and int(value) in Priority.values:
        return int(value)
    raise ValueError(f"{where}: priority must be one of {', '.join(PRIORITY_NAMES)} or 1-4")


def _platform(value: Any, where: str) -> str:
    if value not in Platform.values:
        raise ValueError(f"{where}: platform must be one of {', '.join(Platform.values)}")
    return str(value)


def parse_sla(settings: dict[str, Any], where: str = "client") -> SlaPolicy:
    """The ``sla:`` block; raises ValueError naming the offending key."""
    spec = settings.get("sla")
    if spec is None:
        return SlaPolicy()
    where = f"{where} sla"
    if not isinstance(spec, dict):
        raise ValueError(f"{where}: must be a mapping")
    unknown = set(spec) - set(SLA_KEYS)
    if unknown:
        raise ValueError(f"{where}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
    base = _clock_values({k: v for k, v in spec.items() if k in CLOCK_KEYS}, where)
    platforms: dict[str, dict[str, Any]] = {}
    for name, values in (spec.get("platforms") or {}).items():
        platforms[_platform(name, f"{where}.platforms")] = _clock_values(values, f"{where}.platforms.{name}")
    priorities: dict[int, dict[str, Any]] = {}
    for name, values in (spec.get("priorities") or {}).items():
        priorities[_priority(name, f"{where}.priorities")] = _clock_values(values, f"{where}.priorities.{name}")
    overrides = []
    entries = spec.get("overrides") or []
    if not isinstance(entries, list):
        raise ValueError(f"{where}.overrides: must be a list")
    for index, entry in enumerate(entries):
        at = f"{where}.overrides[{index}]"
        if not isinstance(entry, dict) or "platform" not in entry or "priority" not in entry:
            raise ValueError(f"{at}: needs a platform and a priority (use platforms: or priorities: for one)")
        overrides.append((_platform(entry["platform"], at), _priority(entry["priority"], at),
                          _clock_values(entry, at)))
    return SlaPolicy(base, platforms, priorities, tuple(overrides))


def parse_three_touch(settings: dict[str, Any], where: str = "client") -> TouchPolicy:
    """The ``three_touch:`` block; raises ValueError naming the offending key."""
    spec = settings.get("three_touch")
    if spec is None:
        return TouchPolicy()
    where = f"{where} three_touch"
    if not isinstance(spec, dict):
        raise ValueError(f"{where}: must be a mapping")
    unknown = set(spec) - set(TOUCH_KEYS)
    if unknown:
        raise ValueError(f"{where}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
    labels: set[str] = set()
    for key in ("labels", "categories"):
        values = spec.get(key) or []
        if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
            raise ValueError(f"{where}.{key}: a list of tag or label names")
        labels.update(" ".join(v.lower().split()) for v in values)
    intervals = spec.get("intervals_hours", [24, 48])
    if (not isinstance(intervals, list) or len(intervals) not in (2, 3)
            or not all(isinstance(h, (int, float)) and not isinstance(h, bool) and 0 < h <= 24 * 90
                       for h in intervals)):
        raise ValueError(f"{where}.intervals_hours: two or three numbers of hours, e.g. [24, 48]")
    hours = [float(h) for h in intervals]
    if len(hours) == 2:
        hours.append(hours[-1])
    channel = spec.get("channel", "public")
    if channel not in ("public", "private"):
        raise ValueError(f"{where}.channel: public or private")
    templates = spec.get("templates") or {}
    if not isinstance(templates, dict) or not all(str(k) in ("1", "2", "3") and isinstance(v, str)
                                                  for k, v in templates.items()):
        raise ValueError(f"{where}.templates: a mapping of touch number (2, 3) to a template name")
    if spec.get("enabled", True) is False:
        labels = set()
    return TouchPolicy(frozenset(labels), (hours[0], hours[1], hours[2]), str(channel),
                       {**DEFAULT_TEMPLATES, **{str(k): str(v) for k, v in templates.items()}})


def validate_settings(settings: dict[str, Any], where: str) -> dict[str, Any]:
    """For ``carewatch config apply``: raise ValueError for a malformed sla or three_touch block."""
    parse_sla(settings, where)
    parse_three_touch(settings, where)
    return settings


def sla_policy_for(client: Any) -> SlaPolicy:
    """The client's SLA policy; a block edited by hand that no longer parses gives the defaults."""
    try:
        return parse_sla(client.settings or {}, f"client {client.slug}")
    except ValueError:
        return SlaPolicy()


def touch_policy_for(client: Any) -> TouchPolicy:
    try:
        return parse_three_touch(client.settings or {}, f"client {client.slug}")
    except ValueError:
        return TouchPolicy()
