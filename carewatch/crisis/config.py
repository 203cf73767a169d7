"""A client's crisis settings and playbooks, read from its settings (config-as-code).

```yaml
crisis:
  window_minutes: 15        # the detection window
  baseline_weeks: 8         # the same window of the week in each of these previous weeks
  min_history_days: 14      # less history than this: only the absolute floor applies
  min_count: 10             # no spike on fewer mentions in the window than this
  z: 4.0                    # robust z-score a spike needs
  min_ratio: 2.0            # ... and at least this many times the expected count
  share_lift: 0.2           # negative share must also exceed its baseline by 20 points
  negative_prior: 0.2       # the negative share assumed before there is history
  floor: {negative: 30, minutes: 15}   # no history: this many negative mentions alarm
  quiet_minutes: 60         # a spike quiet this long is over; the next one is a new alert
  dimensions: [platform, product, label, tag]
  clusters: {lot: 3, defect: 5, ae: 3, hours: 24, replies: 20}  # distinct authors within the hours;
                            # replies: to one post in an hour, 3x the hour before
  crisis_tag: "team:crisis"
crisis_playbooks:
  viral_complaint:
    title: Viral complaint
    roles: [lead, approver, on_call]
    first_actions: ["Pin the holding statement", "Tell the client's comms lead"]
    holding_statements: [holding-viral]       # reply template keys (category holding_statement)
    stand_down: ["Volume back to baseline for 24 h", "Every crisis case answered"]
```

Every client has the six built-in playbook classes (``DEFAULT_PLAYBOOKS``); its own
``crisis_playbooks`` entries replace or add to them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)

LABEL_DIMENSIONS = ("adverse_event", "product_complaint", "urgent", "phi")
DIMENSIONS = ("platform", "product", "label", "tag")
ROLE_NAMES = {"lead": "Incident lead", "approver": "Approver", "pv_contact": "PV contact", "on_call": "On call"}


@dataclass(frozen=True)
class Params:
    window_minutes: int = 15
    baseline_weeks: int = 8
    min_history_days: int = 14
    min_count: int = 10
    z: float = 4.0
    min_ratio: float = 2.0
    share_lift: float = 0.2
    negative_prior: float = 0.2
    floor_negative: int = 30
    floor_minutes: int = 15
    quiet_minutes: int = 60
    dimensions: tuple[str, ...] = DIMENSIONS
    lot_cluster: int = 3
    defect_cluster: int = 5
    ae_cluster: int = 3
    cluster_hours: int = 24
    reply_burst: int = 20
    crisis_tag: str = "team:crisis"


@dataclass(frozen=True)
class Playbook:
    key: str
    title: str
    roles: tuple[str, ...] = ("lead", "approver", "on_call")
    first_actions: tuple[str, ...] = ()
    holding_statements: tuple[str, ...] = ()
    stand_down: tuple[str, ...] = ()
    checklist: tuple[str, ...] = field(default=())

    def items(self) -> list[tuple[str, str]]:
        """The checklist: (id, text) for the first actions, then the stand-down criteria."""
        return ([(f"a{i}", t) for i, t in enumerate(self.first_actions)]
                + [(f"s{i}", t) for i, t in enumerate(self.stand_down)])


DEFAULT_PLAYBOOKS: dict[str, dict[str, Any]] = {
    "viral_complaint": {
        "title": "Viral complaint",
        "roles": ["lead", "approver", "on_call"],
        "first_actions": ["Post the approved holding statement under the original post",
                          "Tell the client's communications lead", "Move the original complainant to DM"],
        "holding_statements": ["holding-viral-complaint"],
        "stand_down": ["Volume back to baseline for 24 hours", "Every crisis case answered"],
    },
    "staff_privacy_breach": {
        "title": "Staff privacy breach",
        "roles": ["lead", "approver", "on_call"],
        "first_actions": ["Hide the reply that exposed PHI", "Tell the client's privacy officer",
                          "Record what was exposed and for how long"],
        "holding_statements": ["holding-privacy"],
        "stand_down": ["Privacy officer has the breach report", "Exposed content removed"],
    },
    "recall": {
        "title": "Recall",
        "roles": ["lead", "approver", "pv_contact", "on_call"],
        "first_actions": ["Pin the recall holding statement", "Send every complaint to the quality team",
                          "Check every adverse event is forwarded to PV"],
        "holding_statements": ["holding-recall"],
        "stand_down": ["Quality team confirms the recall notice is out", "No unforwarded safety case"],
    },
    "misinformation": {
        "title": "Misinformation",
        "roles": ["lead", "approver"],
        "first_actions": ["Collect the posts and their reach", "Answer with the approved fact statement only"],
        "holding_statements": ["holding-misinformation"],
        "stand_down": ["Volume back to baseline for 24 hours"],
    },
    "threat": {
        "title": "Threat",
        "roles": ["lead", "on_call"],
        "first_actions": ["Call security and, if there is immediate danger, emergency services",
                          "Preserve the posts (screenshots, links)"],
        "holding_statements": [],
        "stand_down": ["Security has closed the matter"],
    },
    "media_inquiry": {
        "title": "Media inquiry",
        "roles": ["lead", "approver"],
        "first_actions": ["Route the journalist to the press office", "Do not comment beyond the holding statement"],
        "holding_statements": ["holding-media"],
        "stand_down": ["Press office has answered"],
    },
}


def _num(spec: dict[str, Any], key: str, default: Any, where: str, low: float, high: float) -> Any:
    value = spec.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise ValueError(f"{where}.{key}: a number from {low:g} to {high:g}, not {value!r}")
    return type(default)(value)


def parse_params(settings: dict[str, Any], where: str = "client") -> Params:
    spec = settings.get("crisis") or {}
    if not isinstance(spec, dict):
        raise ValueError(f"{where}: crisis must be a mapping")
    where = f"{where} crisis"
    floor = spec.get("floor") or {}
    clusters = spec.get("clusters") or {}
    if not isinstance(floor, dict) or not isinstance(clusters, dict):
        raise ValueError(f"{where}: floor and clusters are mappings")
    dims = spec.get("dimensions", list(DIMENSIONS))
    if not isinstance(dims, list) or not set(dims) <= set(DIMENSIONS):
        raise ValueError(f"{where}.dimensions: choose from {', '.join(DIMENSIONS)}")
    d = Params()
    return Params(
        window_minutes=_num(spec, "window_minutes", d.window_minutes, where, 1, 24 * 60),
        baseline_weeks=_num(spec, "baseline_weeks", d.baseline_weeks, where, 1, 52),
        min_history_days=_num(spec, "min_history_days", d.min_history_days, where, 0, 365),
        min_count=_num(spec, "min_count", d.min_count, where, 1, 100000),
        z=_num(spec, "z", d.z, where, 1, 50),
        min_ratio=_num(spec, "min_ratio", d.min_ratio, where, 1, 100),
        share_lift=_num(spec, "share_lift", d.share_lift, where, 0, 1),
        negative_prior=_num(spec, "negative_prior", d.negative_prior, where, 0.01, 0.99),
        floor_negative=_num(floor, "negative", d.floor_negative, f"{where}.floor", 1, 100000),
        floor_minutes=_num(floor, "minutes", d.floor_minutes, f"{where}.floor", 1, 24 * 60),
        quiet_minutes=_num(spec, "quiet_minutes", d.quiet_minutes, where, 1, 7 * 24 * 60),
        dimensions=tuple(str(x) for x in dims),
        lot_cluster=_num(clusters, "lot", d.lot_cluster, f"{where}.clusters", 2, 10000),
        defect_cluster=_num(clusters, "defect", d.defect_cluster, f"{where}.clusters", 2, 10000),
        ae_cluster=_num(clusters, "ae", d.ae_cluster, f"{where}.clusters", 2, 10000),
        cluster_hours=_num(clusters, "hours", d.cluster_hours, f"{where}.clusters", 1, 24 * 30),
        reply_burst=_num(clusters, "replies", d.reply_burst, f"{where}.clusters", 2, 100000),
        crisis_tag=str(spec.get("crisis_tag", d.crisis_tag))[:60],
    )


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError(f"{where}: a list of texts")
    return tuple(v.strip() for v in value)


def parse_playbooks(settings: dict[str, Any], where: str = "client") -> dict[str, Playbook]:
    own = settings.get("crisis_playbooks") or {}
    if not isinstance(own, dict):
        raise ValueError(f"{where}: crisis_playbooks must be a mapping of class names to playbooks")
    merged = {**DEFAULT_PLAYBOOKS, **own}
    books: dict[str, Playbook] = {}
    for key, spec in merged.items():
        w = f"{where} crisis_playbooks.{key}"
        if not isinstance(spec, dict):
            raise ValueError(f"{w}: a mapping with title, roles, first_actions, holding_statements, stand_down")
        unknown = set(spec) - {"title", "roles", "first_actions", "holding_statements", "stand_down"}
        if unknown:
            raise ValueError(f"{w}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
        roles = _strings(spec.get("roles", ["lead", "approver", "on_call"]), f"{w}.roles")
        if not set(roles) <= set(ROLE_NAMES):
            raise ValueError(f"{w}.roles: choose from {', '.join(ROLE_NAMES)}")
        books[str(key)] = Playbook(
            key=str(key), title=str(spec.get("title") or str(key).replace("_", " ").capitalize()), roles=roles,
            first_actions=_strings(spec.get("first_actions"), f"{w}.first_actions"),
            holding_statements=_strings(spec.get("holding_statements"), f"{w}.holding_statements"),
            stand_down=_strings(spec.get("stand_down"), f"{w}.stand_down"),
        )
    return books


def validate_settings(settings: dict[str, Any], where: str) -> dict[str, Any]:
    """For config apply: ValueError naming the key of a malformed crisis block."""
    parse_params(settings, where)
    parse_playbooks(settings, where)
    return settings


def params_for(client: Any) -> Params:
    try:
        return parse_params(client.settings or {}, f"client {client.slug}")
    except ValueError as exc:
        log.warning("crisis settings of client %s are malformed, defaults apply: %s", client.slug, exc)
        return Params()


def playbooks_for(client: Any) -> dict[str, Playbook]:
    try:
        return parse_playbooks(client.settings or {}, f"client {client.slug}")
    except ValueError as exc:
        log.warning("crisis playbooks of client %s are malformed, defaults apply: %s", client.slug, exc)
        return parse_playbooks({}, "defaults")
