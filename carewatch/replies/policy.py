"""A client's reply policy, read from ``Client.settings`` (config-as-code policy blocks).

```yaml
template_variables: {mi_phone: "1-800-555-0100", isi_url: "https://glucavio.example/isi"}
template_approvals_required: 2          # reviewers per template version (default 1)
reply_policy:
  free_text: false                      # replies without a template allowed? (default true)
  max_edit_ratio: 0.2                   # how far an approved template may be edited (difflib)
  char_limits: {x: 280}                 # per platform, overriding the defaults below
approval:                               # which replies wait for a reviewer
  always: false
  free_text: true
  edited_template: true
  influencer_or_vip: true
  labels: [off_label, medical_inquiry, adverse_event]
  tiers: {adverse_event: supervisor}    # label -> who may approve (default: reviewer)
banned_words: ["cure", "miracle"]
product_risk:                           # fair balance for benefit claims, per product (brand name)
  Glucavio: {risk: "may cause thyroid tumors", isi_url: "https://glucavio.example/isi"}
link_base_url: "https://go.northwind.example"   # short links; default CAREWATCH_BASE_URL
contact_points: ["1-800-555-0100", "medinfo@northwind.example", "https://northwind.example/contact"]
                                        # the client's own numbers, addresses and pages: never PHI in a reply
```
"""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass, field
from typing import Any

from carewatch.tenancy.models import Client, Platform

log = logging.getLogger(__name__)

KEYS = ("template_variables", "template_approvals_required", "reply_policy", "approval", "banned_words",
        "product_risk", "link_base_url", "contact_points")

# Characters per reply. X counts every link as 23 (t.co); the lint applies that.
DEFAULT_CHAR_LIMITS: dict[str, int] = {
    Platform.FACEBOOK: 8000, Platform.INSTAGRAM: 2200, Platform.X: 280, Platform.TIKTOK: 150,
    Platform.YOUTUBE: 10000, Platform.LINKEDIN: 1250, Platform.REDDIT: 10000,
}
DM_CHAR_LIMITS: dict[str, int] = {Platform.FACEBOOK: 2000, Platform.INSTAGRAM: 1000, Platform.X: 10000,
                                  Platform.TIKTOK: 6000, Platform.LINKEDIN: 8000, Platform.REDDIT: 10000}
TIERS = ("reviewer", "supervisor")


@dataclass(frozen=True)
class ApprovalRules:
    always: bool = False
    free_text: bool = True
    edited_template: bool = True
    influencer_or_vip: bool = True
    labels: tuple[str, ...] = ()
    tiers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ProductRisk:
    risk: str
    isi_url: str


@dataclass(frozen=True)
class ReplyPolicy:
    variables: dict[str, str] = field(default_factory=dict)
    approvals_required: int = 1
    free_text: bool = True
    max_edit_ratio: float = 0.2
    char_limits: dict[str, int] = field(default_factory=dict)
    approval: ApprovalRules = field(default_factory=ApprovalRules)
    banned_words: tuple[str, ...] = ()
    product_risk: dict[str, ProductRisk] = field(default_factory=dict)
    link_base_url: str = ""
    contact_points: tuple[str, ...] = ()

    def char_limit(self, platform: str, dm: bool = False) -> int | None:
        if platform in self.char_limits:
            return self.char_limits[platform]
        table = DM_CHAR_LIMITS if dm else DEFAULT_CHAR_LIMITS
        return table.get(platform)


def _mapping(value: Any, key: str, where: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValueError(f"{where}: {key} must be a mapping")
    return value


def _bool(value: Any, key: str, where: str, default: bool) -> bool:
    if value is None:
        return default
    if not isinstance(value, bool):
        raise ValueError(f"{where}: {key} must be true or false")
    return value


def _strings(value: Any, key: str, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError(f"{where}: {key} must be a list of words")
    return tuple(v.strip() for v in value)


def parse_policy(settings: dict[str, Any], where: str = "client") -> ReplyPolicy:
    """The policy in ``settings``; ValueError naming the key for anything malformed."""
    variables = _mapping(settings.get("template_variables"), "template_variables", where)
    for name, value in variables.items():
        if not str(name).isidentifier() or not isinstance(value, str | int | float):
            raise ValueError(f"{where}: template_variables.{name} must be a name with a text value")
    required = settings.get("template_approvals_required", 1)
    if not isinstance(required, int) or isinstance(required, bool) or not 1 <= required <= 10:
        raise ValueError(f"{where}: template_approvals_required must be a whole number from 1 to 10")
    reply = _mapping(settings.get("reply_policy"), "reply_policy", where)
    unknown = set(reply) - {"free_text", "max_edit_ratio", "char_limits"}
    if unknown:
        raise ValueError(f"{where}: reply_policy has unknown key(s) {', '.join(sorted(unknown))}")
    ratio = reply.get("max_edit_ratio", 0.2)
    if not isinstance(ratio, int | float) or isinstance(ratio, bool) or not 0 <= ratio <= 1:
        raise ValueError(f"{where}: reply_policy.max_edit_ratio must be a number from 0 to 1")
    limits = _mapping(reply.get("char_limits"), "reply_policy.char_limits", where)
    for platform, limit in limits.items():
        if platform not in Platform.values or not isinstance(limit, int) or limit < 1:
            raise ValueError(f"{where}: reply_policy.char_limits.{platform} must be a platform and a positive number")
    approval = _mapping(settings.get("approval"), "approval", where)
    unknown = set(approval) - {"always", "free_text", "edited_template", "influencer_or_vip", "labels", "tiers"}
    if unknown:
        raise ValueError(f"{where}: approval has unknown key(s) {', '.join(sorted(unknown))}")
    tiers = _mapping(approval.get("tiers"), "approval.tiers", where)
    for label, tier in tiers.items():
        if tier not in TIERS:
            raise ValueError(f"{where}: approval.tiers.{label} must be one of {', '.join(TIERS)}")
    risks: dict[str, ProductRisk] = {}
    for product, spec in _mapping(settings.get("product_risk"), "product_risk", where).items():
        if not isinstance(spec, dict) or not isinstance(spec.get("risk"), str) or not isinstance(
                spec.get("isi_url"), str) or not str(spec["isi_url"]).startswith(("https://", "http://")):
            raise ValueError(f"{where}: product_risk.{product} needs risk (text) and isi_url (a web address)")
        risks[str(product)] = ProductRisk(spec["risk"].strip(), spec["isi_url"].strip())
    base = settings.get("link_base_url", "")
    if not isinstance(base, str) or (base and not base.startswith(("https://", "http://"))):
        raise ValueError(f"{where}: link_base_url must be a web address")
    return ReplyPolicy(
        variables={str(k): str(v) for k, v in variables.items()},
        approvals_required=required,
        free_text=_bool(reply.get("free_text"), "reply_policy.free_text", where, True),
        max_edit_ratio=float(ratio),
        char_limits={str(k): int(v) for k, v in limits.items()},
        approval=ApprovalRules(
            always=_bool(approval.get("always"), "approval.always", where, False),
            free_text=_bool(approval.get("free_text"), "approval.free_text", where, True),
            edited_template=_bool(approval.get("edited_template"), "approval.edited_template", where, True),
            influencer_or_vip=_bool(approval.get("influencer_or_vip"), "approval.influencer_or_vip", where, True),
            labels=_strings(approval.get("labels"), "approval.labels", where),
            tiers={str(k): str(v) for k, v in tiers.items()},
        ),
        banned_words=_strings(settings.get("banned_words"), "banned_words", where),
        product_risk=risks,
        link_base_url=base.rstrip("/"),
        contact_points=_strings(settings.get("contact_points"), "contact_points", where),
    )


def validate_settings(settings: dict[str, Any], where: str) -> dict[str, Any]:
    """For config apply: raise ValueError naming the key for a malformed reply policy block;
    returns a JSON-clean copy of ``settings`` (other keys untouched)."""
    parse_policy(settings, where)
    return copy.deepcopy(settings)


def policy_for(client: Client) -> ReplyPolicy:
    """The client's policy. Config apply refuses a malformed block; a row edited by hand that no
    longer parses gives the strictest sensible policy (no free text, approval always), never a crash."""
    try:
        return parse_policy(client.settings or {}, f"client {client.slug}")
    except ValueError as exc:
        log.warning("reply settings of client %s are malformed; using a strict policy: %s", client.slug, exc)
        return ReplyPolicy(free_text=False, max_edit_ratio=0.0, approval=ApprovalRules(always=True))
