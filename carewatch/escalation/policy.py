"""A client's escalation protocols and on-call rotations, read from its settings (config-as-code).

```yaml
pv_forward_hours: 24
escalation:
  - category: adverse_event         # adverse_event, serious_adverse_event, product_complaint,
                                    # urgent, phi_exposure, legal_media, crisis (one entry each;
                                    # crisis: spike and cluster alerts, see carewatch.crisis)
    severity: high                  # optional: critical, high, medium, low (default per category)
    hours: 24x7                     # or business; the default for every step (see below)
    include: [case_reference]       # optional extra content (see CONTENT below)
    steps:
      - {notify: ["pv@northwind.test"], wait_ack_minutes: 60}
      - {notify: ["pv-backup@northwind.test", "https://hooks.example/slack"], wait_ack_minutes: 30}
      - {notify: ["oncall:pv", "role:supervisor"], wait_ack_minutes: 30, hours: business}
oncall: {pv: {...}}                 # see carewatch.escalation.oncall
escalation_breach_notify: ["role:supervisor"]   # who hears of a forward deadline near or past
escalation_breach_warning_minutes: 120          # default: 2 h, or a quarter of a shorter window
escalation_ack_link_hours: 72                   # how long a signed acknowledgement link works
```

``notify`` entries: an e-mail address; an ``https://`` webhook URL (Slack/Teams incoming-webhook
compatible; ``http://`` only to a loopback host, for local relays and tests); ``oncall:<rotation>``
(whoever is on call when the step fires); ``role:<role>`` (the e-mail addresses of the client's
users of that role: supervisor, safety, agent, reviewer; ``role:admin`` is the agency admins).

``hours``: ``24x7`` sends at once; ``business`` waits for the client's business hours (its
calendar, holidays and time zone). Every category defaults to 24x7 except ``legal_media``, which
defaults to business hours. ``wait_ack_minutes`` (default 60) counts wall-clock minutes from the
moment the step's notifications are due.

What a notification says is the protocol's choice. It always carries the category, client,
severity, due time, the escalation's reference and the links (no PHI, no post text). ``include``
may add: ``case_reference`` (the safety case's reference, the inbox case number), ``labels`` (the
triage labels or matched terms), ``platform`` (platform and channel handle), ``author`` (the
author's handle) and ``post_text`` (the mention's text: it may hold PHI; opt in knowingly).
"""

from __future__ import annotations

import copy
import logging
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from carewatch.escalation.models import DEFAULT_SEVERITY, Category, Severity
from carewatch.escalation.oncall import Rotation, parse_rotation

log = logging.getLogger(__name__)

KEYS = ("escalation", "oncall", "escalation_breach_notify", "escalation_breach_warning_minutes",
        "escalation_ack_link_hours")
CONTENT = ("case_reference", "labels", "platform", "author", "post_text")
ROLES = ("supervisor", "safety", "agent", "reviewer", "admin")
HOURS = ("24x7", "business")
BUSINESS_DEFAULT = frozenset({Category.LEGAL_MEDIA})
DEFAULT_WAIT_MINUTES = 60
MAX_WAIT_MINUTES = 7 * 24 * 60
DEFAULT_ACK_LINK_HOURS = 72.0
DEFAULT_BREACH_NOTIFY = ("role:supervisor",)
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
_EMAIL = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+$")


@dataclass(frozen=True)
class Step:
    notify: tuple[str, ...]
    wait_ack_minutes: int = DEFAULT_WAIT_MINUTES
    hours: str = "24x7"


@dataclass(frozen=True)
class Protocol:
    category: str
    severity: str
    steps: tuple[Step, ...]
    include: frozenset[str] = frozenset()


@dataclass(frozen=True)
class EscalationPolicy:
    protocols: dict[str, Protocol] = field(default_factory=dict)
    rotations: dict[str, Rotation] = field(default_factory=dict)
    breach_notify: tuple[str, ...] = DEFAULT_BREACH_NOTIFY
    breach_warning_minutes: int | None = None
    ack_link_hours: float = DEFAULT_ACK_LINK_HOURS


def is_webhook(target: str) -> bool:
    return target.startswith(("https://", "http://"))


def check_target(target: Any, rotations: set[str], where: str) -> str:
    """One ``notify`` entry, checked; returns it cleaned."""
    if not isinstance(target, str) or not target.strip():
        raise ValueError(f"{where}: each notify entry is an e-mail address, a webhook URL, oncall:<name> "
                         "or role:<role>")
    target = target.strip()
    if target.startswith("oncall:"):
        name = target.split(":", 1)[1]
        if name not in rotations:
            raise ValueError(f"{where}: {target} names no rotation of the oncall block")
        return target
    if target.startswith("role:"):
        role = target.split(":", 1)[1]
        if role not in ROLES:
            raise ValueError(f"{where}: {target}: the role is one of {', '.join(ROLES)}")
        return target
    if is_webhook(target):
        parts = urlsplit(target)
        if not parts.hostname:
            raise ValueError(f"{where}: {parts.scheme}://…: a webhook URL needs a host")
        if parts.scheme != "https" and parts.hostname not in LOOPBACK:
            raise ValueError(f"{where}: webhook URLs must use https:// ({parts.hostname})")
        return target
    if _EMAIL.match(target):
        return target.lower()
    raise ValueError(f"{where}: {target!r} is not an e-mail address, a webhook URL, oncall:<name> or role:<role>")


def _minutes(value: Any, where: str, low: int = 1, high: int = MAX_WAIT_MINUTES) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{where}: must be a whole number of minutes from {low} to {high}, not {value!r}")
    return value


def _hours_choice(value: Any, where: str) -> str:
    text = str(value).strip().lower().replace("\u00d7", "x").replace("/", "x")
    if text in ("24x7", "always"):
        return "24x7"
    if text == "business":
        return "business"
    raise ValueError(f"{where}: hours is 24x7 or business, not {value!r}")


def _notify_list(value: Any, rotations: set[str], where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        raise ValueError(f"{where}: list at least one recipient")
    return tuple(check_target(t, rotations, where) for t in value)


def parse_protocol(spec: Any, rotations: set[str], where: str) -> Protocol:
    if not isinstance(spec, dict):
        raise ValueError(f"{where}: each entry is a mapping with category and steps")
    unknown = set(spec) - {"category", "severity", "hours", "include", "steps"}
    if unknown:
        raise ValueError(f"{where}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
    category = str(spec.get("category", ""))
    if category not in Category.values:
        raise ValueError(f"{where}.category: one of {', '.join(Category.values)}, not {category!r}")
    where = f"{where} ({category})"
    severity = str(spec.get("severity", DEFAULT_SEVERITY[category]))
    if severity not in Severity.values:
        raise ValueError(f"{where}.severity: one of {', '.join(Severity.values)}")
    default_hours = _hours_choice(spec.get("hours", "business" if category in BUSINESS_DEFAULT else "24x7"),
                                  f"{where}.hours")
    include = spec.get("include") or []
    if isinstance(include, str):
        include = [include]
    if not isinstance(include, list) or not set(include) <= set(CONTENT):
        raise ValueError(f"{where}.include: choose from {', '.join(CONTENT)}")
    steps_in = spec.get("steps")
    if not isinstance(steps_in, list) or not steps_in:
        raise ValueError(f"{where}.steps: list at least one step")
    steps = []
    for i, step in enumerate(steps_in):
        key = f"{where}.steps[{i}]"
        if not isinstance(step, dict):
            raise ValueError(f"{key}: each step is a mapping with notify and wait_ack_minutes")
        unknown = set(step) - {"notify", "wait_ack_minutes", "hours"}
        if unknown:
            raise ValueError(f"{key}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
        steps.append(Step(
            notify=_notify_list(step.get("notify"), rotations, f"{key}.notify"),
            wait_ack_minutes=_minutes(step.get("wait_ack_minutes", DEFAULT_WAIT_MINUTES), f"{key}.wait_ack_minutes"),
            hours=_hours_choice(step.get("hours", default_hours), f"{key}.hours"),
        ))
    return Protocol(category=category, severity=severity, steps=tuple(steps), include=frozenset(include))


def parse_policy(settings: dict[str, Any], where: str = "client", default_tz: str = "UTC") -> EscalationPolicy:
    """The escalation policy in ``settings``; ValueError naming the key for anything malformed."""
    oncall = settings.get("oncall") or {}
    if not isinstance(oncall, dict):
        raise ValueError(f"{where}: oncall must be a mapping of rotation names to rotations")
    rotations = {str(name): parse_rotation(str(name), spec, default_tz, where) for name, spec in oncall.items()}
    blocks = settings.get("escalation") or []
    if not isinstance(blocks, list):
        raise ValueError(f"{where}: escalation must be a list of protocols (one per category)")
    protocols: dict[str, Protocol] = {}
    for i, spec in enumerate(blocks):
        protocol = parse_protocol(spec, set(rotations), f"{where} escalation[{i}]")
        if protocol.category in protocols:
            raise ValueError(f"{where} escalation[{i}].category: {protocol.category} is listed twice")
        protocols[protocol.category] = protocol
    breach = settings.get("escalation_breach_notify", list(DEFAULT_BREACH_NOTIFY))
    warning = settings.get("escalation_breach_warning_minutes")
    link_hours = settings.get("escalation_ack_link_hours", DEFAULT_ACK_LINK_HOURS)
    if isinstance(link_hours, bool) or not isinstance(link_hours, int | float) or not 0 < link_hours <= 24 * 30:
        raise ValueError(f"{where}: escalation_ack_link_hours must be a number of hours from 0 to 720")
    return EscalationPolicy(
        protocols=protocols, rotations=rotations,
        breach_notify=_notify_list(breach, set(rotations), f"{where} escalation_breach_notify"),
        breach_warning_minutes=None if warning is None else _minutes(
            warning, f"{where} escalation_breach_warning_minutes", high=30 * 24 * 60),
        ack_link_hours=float(link_hours),
    )


def _json_clean(value: Any) -> Any:
    """YAML gives dates and datetimes; the settings column holds JSON."""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _json_clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_clean(v) for v in value]
    return value


def validate_settings(settings: dict[str, Any], where: str) -> dict[str, Any]:
    """Raise ValueError naming the offending key for a malformed escalation or oncall block.

    Returns a copy of ``settings`` whose escalation keys are JSON-clean (YAML dates become ISO
    strings), ready for ``Client.settings``; other keys are returned untouched.
    """
    parse_policy(settings, where)
    clean = copy.copy(settings)
    for key in KEYS:
        if key in clean:
            clean[key] = _json_clean(clean[key])
    return clean


def policy_for(client: Any) -> EscalationPolicy:
    """The client's policy. Config apply refuses a malformed block; a row edited by hand that no
    longer parses gives no protocols (and a warning in the sweeper's log), never a crash."""
    try:
        return parse_policy(client.settings or {}, f"client {client.slug}", str(client.timezone or "UTC"))
    except ValueError as exc:
        log.warning("escalation settings of client %s are malformed, so no protocol runs: %s", client.slug, exc)
        return EscalationPolicy()
