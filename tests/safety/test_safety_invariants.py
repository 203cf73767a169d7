"""The two safety invariants, over randomized sequences of arriving mentions, people's actions
(every role, another client's agent, empty and real reasons) and the automation's own steps
(sweepers, breach recording):

1. no safety case ends closed or dismissed without a human of the safety reviewer role and a reason;
2. no flagged mention is left without a safety case of each kind its labels call for.
"""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from carewatch.audit.models import AuditEvent
from carewatch.inbox.models import Direction, Mention
from carewatch.safety import actions
from carewatch.safety.models import ENDED, SafetyCase, SafetyCaseMention
from carewatch.tenancy.access import role_for
from carewatch.tenancy.models import Client, Role, User
from tests.conftest import make_user

TEXTS = (
    "Since starting Glucavio I have terrible nausea and headaches",
    "My dad (70) was hospitalised after his Glucavio injection, pancreatitis they said",
    "The Glucavio pen arrived cracked and leaking, lot ZX9981",
    "Where can I buy Glucavio near Boston?",
    "Glucavio gives me dizziness every morning, also my sister (F, 40) had a rash",
    "Thank you Northwind, great support team!",
)
OPS = ("review", "assess", "forward", "acknowledge", "request_follow_up", "send_follow_up", "dismiss", "close",
       "attach", "open_by_hand")
REASONS = ("", "no", "Not an adverse event: a general question about side effects.",
           "PV closed the case after processing it.")

step = st.one_of(
    st.tuples(st.just("arrive"), st.integers(0, len(TEXTS) - 1), st.integers(0, 3)),
    st.tuples(st.just("act"), st.sampled_from(OPS), st.integers(0, 5), st.integers(0, 30),
              st.integers(0, len(REASONS) - 1)),
    st.tuples(st.just("sweep"),),
    st.tuples(st.just("breach"), st.integers(0, 30)),
)


@pytest.fixture
def people(northwind: Client, contoso: Client) -> list[User]:
    northwind.settings = {"pv_forward_to": ["pv@northwind.test"]}
    northwind.save()
    return [
        make_user("agent@agency.test", Role.AGENT, northwind),
        make_user("viewer@agency.test", Role.VIEWER, northwind),
        make_user("super@agency.test", Role.SUPERVISOR, northwind),
        make_user("safety@agency.test", Role.SAFETY, northwind),
        make_user("reviewer@agency.test", Role.REVIEWER, northwind),
        make_user("other@agency.test", Role.SAFETY, contoso),  # a safety reviewer of another client
    ]


def _act(op: str, user: User, case: SafetyCase, mention: Mention | None, reason: str) -> None:
    if op == "review":
        actions.do_start_review(user, case)
    elif op == "assess":
        actions.do_update_assessment(user, case, serious=not case.serious, seriousness=["medically_important"])
    elif op == "forward":
        actions.do_forward(user, case)
    elif op == "acknowledge":
        actions.do_acknowledge(case, actor=user)
    elif op == "request_follow_up":
        actions.do_request_follow_up(user, case, reason)
    elif op == "send_follow_up":
        actions.do_send_follow_up(user, case, reason)
    elif op == "dismiss":
        actions.do_dismiss(user, case, reason)
    elif op == "close":
        actions.do_close(user, case, reason)
    elif op == "attach" and mention is not None:
        actions.do_attach_mention(user, case, mention)
    elif op == "open_by_hand" and mention is not None:
        actions.do_open_by_hand(user, mention, "adverse_event", reason)


def _check_invariants(northwind: Client) -> None:
    for case in SafetyCase.objects.filter(status__in=ENDED).select_related("ended_by"):
        assert case.ended_by is not None and case.ended_at is not None, case
        assert role_for(case.ended_by, case.client_id) == Role.SAFETY, (case, case.ended_by)
        assert len(case.end_reason.strip()) >= actions.MIN_REASON, case
        event = AuditEvent.objects.get(action=f"safety.{case.status}", object_id=str(case.pk))
        assert event.actor_id == case.ended_by_id
    flagged = Mention.objects.filter(client=northwind, direction=Direction.INBOUND).exclude(labels=[])
    for mention in flagged:
        for kind in actions.kinds_for(mention.labels):
            assert SafetyCaseMention.objects.filter(mention=mention, safety_case__kind=kind).exists(), (
                mention.text, kind)
    # No automation ended anything: every end has a person as its actor.
    assert not AuditEvent.objects.filter(action__in=["safety.closed", "safety.dismissed"], actor__isnull=True).exists()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(step, min_size=5, max_size=40))
def test_no_case_ends_without_a_safety_reviewer_and_no_flagged_mention_without_a_case(
        steps: list[tuple[Any, ...]], northwind: Client, people: list[User], make_mention: Any) -> None:
    with transaction.atomic():
        for item in steps:
            kind = item[0]
            if kind == "arrive":
                _, text, thread = item
                make_mention(northwind, TEXTS[text], thread=f"thread-{thread}", author=f"author{thread}")
            elif kind == "sweep":
                actions.sweep_unopened()
            elif kind == "breach":
                cases = list(SafetyCase.objects.order_by("id"))
                if cases:
                    actions.record_forward_breach(cases[item[1] % len(cases)].pk)
            else:
                _, op, who, which, reason = item
                cases = list(SafetyCase.objects.order_by("id"))
                mentions = list(Mention.objects.filter(client=northwind).order_by("id"))
                if not cases:
                    continue
                case = cases[which % len(cases)]
                mention = mentions[which % len(mentions)] if mentions else None
                with contextlib.suppress(PermissionDenied, ValidationError, Http404):  # refusals are fine
                    _act(op, people[who], case, mention, REASONS[reason])
            _check_invariants(northwind)
        transaction.set_rollback(True)  # each example starts from the same empty desk
