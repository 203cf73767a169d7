"""The demo's safety history: what an agency's last two weeks look like. Triage opened a safety
case for every flagged mention as the demo traffic went in; here the staff work them as they
would have, at the times they would have (each action runs with the clock set to its moment,
so the audit trail and the reconciliation report tell one consistent story):

* cases whose forward deadline has passed were reviewed and forwarded in time (one a little late,
  so the reports have something to show), most acknowledged by PV, some since closed by PV;
* about one in eight was dismissed by the safety reviewer, with a reason;
* cases still within their deadline are waiting: the queue has its countdowns.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from unittest import mock

from django.core.exceptions import ValidationError

from carewatch.safety import actions
from carewatch.safety.models import SafetyCase, SafetyStatus
from carewatch.safety.policy import policy_for
from carewatch.tenancy.models import User

DISMISS_REASONS = (
    "Not an adverse event: a general question about side effects, no experience reported.",
    "Duplicate of an earlier case from the same person about the same event.",
    "Not our product: the author names a competitor's medicine only.",
)


@contextmanager
def demo_clock(at: datetime) -> Iterator[None]:
    """Django's clock set to ``at`` (the demo's history is written as it would have happened)."""
    with mock.patch("django.utils.timezone.now", new=lambda: at):
        yield


def walk_safety_cases(rng: random.Random, now: datetime) -> int:
    agent = User.objects.filter(email="supervisor@agency.test").first()
    reviewer = User.objects.filter(email="safety@agency.test").first()
    if agent is None or reviewer is None:
        return 0
    done = 0
    late_shown = False
    for case in SafetyCase.objects.filter(status=SafetyStatus.FLAGGED).select_related("client").order_by("day0", "id"):
        if case.forward_due > now:
            continue  # today's work: still within its deadline, counting down in the queue
        start = case.detected_at + timedelta(minutes=rng.randint(10, 60))
        try:
            if rng.random() < 0.12:
                with demo_clock(start):
                    actions.do_dismiss(reviewer, case, rng.choice(DISMISS_REASONS))
                done += 1
                continue
            if not policy_for(case.client).recipients_for(case.kind):
                continue
            room = max(case.forward_due - start, timedelta(minutes=20))
            forward_at = start + room * rng.uniform(0.1, 0.8)
            if not late_shown and not case.serious and case.forward_due + timedelta(minutes=95) < now:
                forward_at = case.forward_due + timedelta(minutes=95)  # one late forward, for the reports
                late_shown = True
            forward_at = min(forward_at, now)
            with demo_clock(start):
                case = actions.do_start_review(agent, case)
            with demo_clock(forward_at):
                case = actions.do_forward(agent, case)
            done += 2
            ack_at = forward_at + timedelta(minutes=rng.randint(15, 360))
            if rng.random() < 0.85 and ack_at < now:
                with demo_clock(ack_at):
                    reference = f"PV-{case.client.slug[:2].upper()}-{case.number + 4100}"
                    case = actions.do_acknowledge(case, actor_label=case.forwarded_to[0], via="link",
                                                  pv_reference=reference)
                done += 1
                closed_at = ack_at + timedelta(days=rng.randint(2, 5))
                if rng.random() < 0.4 and closed_at < now:
                    with demo_clock(closed_at):
                        actions.do_close(reviewer, case, "PV closed the case after processing (per PV e-mail).")
                    done += 1
        except ValidationError:
            continue
    return done
