"""A client's safety policy, read from its settings (config-as-code), with the industry defaults.

```yaml
pv_forward_hours: 24            # forward each adverse event to PV within this many hours of day 0
pv_fast_track_hours: 4          # serious cases (optional; defaults to pv_forward_hours)
complaint_forward_hours: 24     # product complaints to the quality/complaints contact
pv_forward_to: [pv@client.test]            # where "Forward to PV" sends the case
complaint_forward_to: [quality@client.test]
pv_package_by_email: false      # attach the E2B XML and MedWatch record to the forward e-mail
pv_sender:                      # E2B C.3 sender details (the MAH's safety department)
  organisation: Northwind Pharma Inc.
  department: Drug Safety
  country: US
  email: drugsafety@northwind.test
```
Hours are wall-clock hours: weekends and holidays included, as safety agreements count them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from carewatch.safety.models import SafetyKind
from carewatch.tenancy.models import Client

DEFAULT_FORWARD_HOURS = 24.0
REGULATORY_DAYS = 15
KEYS = ("pv_forward_hours", "pv_fast_track_hours", "complaint_forward_hours", "pv_forward_to",
        "complaint_forward_to", "pv_package_by_email", "pv_sender")


@dataclass(frozen=True)
class SafetyPolicy:
    forward_hours: float = DEFAULT_FORWARD_HOURS
    fast_track_hours: float | None = None
    complaint_hours: float = DEFAULT_FORWARD_HOURS
    pv_forward_to: list[str] = field(default_factory=list)
    complaint_forward_to: list[str] = field(default_factory=list)
    package_by_email: bool = False
    sender: dict[str, str] = field(default_factory=dict)

    def hours_for(self, kind: str, serious: bool) -> float:
        if kind == SafetyKind.PRODUCT_COMPLAINT:
            return self.complaint_hours
        if serious and self.fast_track_hours is not None:
            return min(self.fast_track_hours, self.forward_hours)
        return self.forward_hours

    def recipients_for(self, kind: str) -> list[str]:
        if kind == SafetyKind.PRODUCT_COMPLAINT:
            return self.complaint_forward_to or self.pv_forward_to
        return self.pv_forward_to


def _hours(value: Any, key: str, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 24 * 30:
        raise ValueError(f"{where}: {key} must be a number of hours between 0 and 720, not {value!r}")
    return float(value)


def _addresses(value: Any, key: str, where: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and "@" in v for v in value):
        raise ValueError(f"{where}: {key} must be a list of e-mail addresses")
    return [v.strip() for v in value]


def parse_policy(settings: dict[str, Any], where: str = "client") -> SafetyPolicy:
    """The policy in ``settings``; ValueError naming the key for anything malformed."""
    forward = _hours(settings.get("pv_forward_hours", DEFAULT_FORWARD_HOURS), "pv_forward_hours", where)
    fast = settings.get("pv_fast_track_hours")
    return SafetyPolicy(
        forward_hours=forward,
        fast_track_hours=None if fast is None else _hours(fast, "pv_fast_track_hours", where),
        complaint_hours=_hours(settings.get("complaint_forward_hours", forward), "complaint_forward_hours", where),
        pv_forward_to=_addresses(settings.get("pv_forward_to", []), "pv_forward_to", where),
        complaint_forward_to=_addresses(settings.get("complaint_forward_to", []), "complaint_forward_to", where),
        package_by_email=bool(settings.get("pv_package_by_email", False)),
        sender=_sender(settings.get("pv_sender", {}), where),
    )


def _sender(value: Any, where: str) -> dict[str, str]:
    from carewatch.safety.e2b import SENDER_KEYS

    if not isinstance(value, dict) or not all(isinstance(v, str | int) for v in value.values()):
        raise ValueError(f"{where}: pv_sender must be a mapping of text values")
    unknown = set(value) - SENDER_KEYS
    if unknown:
        raise ValueError(f"{where}: pv_sender has unknown key(s) {', '.join(sorted(unknown))}; "
                         f"known: {', '.join(sorted(SENDER_KEYS))}")
    return {str(k): str(v) for k, v in value.items()}


def policy_for(client: Client) -> SafetyPolicy:
    try:
        return parse_policy(client.settings or {}, f"client {client.slug}")
    except ValueError:
        # Config apply refuses a malformed policy; a row edited by hand falls back to the safe default.
        return SafetyPolicy()
