"""Day 0 and the deadlines that run from it (compliance reference §1.2-1.4).

Day 0 is when the company (or its agency) is deemed aware: on a channel the company owns, pays
for or has an influencer run on its behalf, the moment the post went up; on a third-party channel,
when it first reached our queue. Forward deadlines are wall-clock hours from day 0, weekends and
holidays included; the regulatory clock (15 calendar days) is shown for information.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from carewatch.inbox.models import Mention
from carewatch.safety.models import DayZeroBasis
from carewatch.safety.policy import REGULATORY_DAYS, SafetyPolicy
from carewatch.tenancy.models import Sponsorship

SPONSORED = frozenset({Sponsorship.OWNED, Sponsorship.PAID, Sponsorship.INFLUENCER})


@dataclass(frozen=True)
class Clocks:
    day0: datetime
    basis: str
    forward_due: datetime
    regulatory_due: datetime


def day_zero(mention: Mention, sponsorship: str) -> tuple[datetime, str]:
    # A comment under a sponsored influencer post is the client's own whatever channel brought it
    # (programs.actions.mark_sponsored_comments sets this).
    sponsorship = (mention.platform_meta or {}).get("program_sponsorship") or sponsorship
    first_seen = mention.received_at
    if sponsorship in SPONSORED and mention.created_at is not None:
        # min(): a post dated after we saw it (clock skew at the platform) cannot move day 0 later.
        return min(mention.created_at, first_seen), DayZeroBasis.POSTED
    return first_seen, DayZeroBasis.FIRST_SEEN


def clocks_for(day0: datetime, basis: str, policy: SafetyPolicy, kind: str, serious: bool) -> Clocks:
    return Clocks(
        day0=day0,
        basis=basis,
        forward_due=day0 + timedelta(hours=policy.hours_for(kind, serious)),
        regulatory_due=day0 + timedelta(days=REGULATORY_DAYS),
    )
