"""Routing set-wise: a batch of new cases is routed in one transaction per chunk (facts read for all,
rules evaluated in memory, writes grouped) with the same outcome, the same audit events in the same
order and the same round-robin turns as routing the cases one by one; its look-ups cost the same
queries for 3 cases as for 12; and two routers working on the same cases at once route each once."""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from carewatch.audit.chain import verify
from carewatch.audit.models import AuditEvent
from carewatch.escalation.models import Escalation
from carewatch.inbox.models import Case, CaseTag
from carewatch.routing.actions import do_route_cases, do_save_rule
from carewatch.routing.engine import facts_for, facts_for_cases
from carewatch.routing.models import CaseRouting, RoundRobin, RuleFiring
from carewatch.tenancy.models import Client, Role, User
from carewatch.tenancy.system import system_actor
from tests.conftest import MentionFactory, make_user

NOW = datetime.now(UTC)
TEXTS = [
    ("My lawyer will hear about this Glucavio pen", "en"),
    ("Is Glucavio covered by my insurance?", "en"),
    ("Hola, ¿dónde compro Glucavio?", "es"),
    ("A press question about Glucavio pricing", "en"),
    ("Mi abogado dice que el lawyer llamará", "es"),
    ("Thanks for the quick help", "en"),
]


def _rules(client: Client, by: User) -> None:
    client.settings = {"routing": {"capacity": 3, "teams": {"legal": ["sam@agency.test", "carl@agency.test"]}},
                       "escalation": [{"category": "legal_media", "steps": [{"notify": ["legal@northwind.test"]}]}]}
    client.save()
    specs: list[tuple[str, dict[str, Any], dict[str, Any], bool]] = [
        ("Lawyers", {"keywords_any": ["lawyer"]},
         {"set_priority": "urgent", "tag": ["legal", "watch"], "route": "legal"}, False),
        ("Legal needs approval", {"labels_any": ["legal"]},
         {"require_approval": "legal", "assign": {"round_robin": True, "team": "legal", "capacity": 2}}, False),
        ("Press", {"keywords_any": ["press"]}, {"escalate": "legal_media", "set_priority": "high"}, False),
        ("Spanish", {"language": ["es"]}, {"route": "spanish", "tag": "es"}, False),
        ("Repeat complainers", {"author": ["repeat_complainer"]}, {"set_priority": "high"}, False),
        ("Share the work", {}, {"assign": "round_robin", "tag": "general"}, True),
    ]
    for order, (name, conditions, actions, stop) in enumerate(specs):
        do_save_rule(by, client, None, {"name": name, "conditions": conditions, "actions": actions, "stop": stop,
                                        "enabled": True, "order": order})


def _cases(client: Client, make_mention: MentionFactory, count: int, prefix: str) -> list[int]:
    """``count`` unrouted cases (made before any rule); a repeat complainer among the authors."""
    ids = []
    for n in range(count):
        text, language = TEXTS[n % len(TEXTS)]
        author = "rex" if n % 4 == 0 else f"{prefix}{n}"
        mention = make_mention(client, f"{text} ({prefix}{n})", author=author, language=language,
                               created=NOW - timedelta(days=count - n))
        assert mention.case_id is not None
        ids.append(mention.case_id)
    return sorted(set(ids))


def _outcome(case_ids: list[int], since_seq: int) -> dict[str, Any]:
    """Everything routing changes, without the times."""
    return {
        "cases": list(Case.objects.filter(pk__in=case_ids).order_by("pk").values_list(
            "pk", "priority", "assignee_id", "status")),
        "tags": sorted(CaseTag.objects.filter(case_id__in=case_ids).values_list("case_id", "tag__name")),
        "firings": list(RuleFiring.objects.filter(case_id__in=case_ids).order_by("case_id", "position").values_list(
            "case_id", "rule_name", "position", "changes")),
        "routings": list(CaseRouting.objects.filter(pk__in=case_ids).order_by("pk").values_list(
            "pk", "team", "requires_approval", "approval_tier", "passes", "loop_guard_tripped")),
        "audit": list(AuditEvent.objects.filter(seq__gt=since_seq).order_by("seq").values_list(
            "action", "object_type", "object_id", "actor_id", "actor_label", "client_id", "data")),
        "escalations": list(Escalation.objects.order_by("pk").values_list("case_id", "category", "trigger")),
        "pointers": sorted(RoundRobin.objects.values_list("pool", "last_user_id")),
    }


def _restart_id_sequences() -> None:
    """PostgreSQL's id sequences back at each table's highest id (a rolled-back transaction keeps
    the ids it drew), so that two runs from the same rows number their new rows alike."""
    from django.apps import apps
    from django.core.management.color import no_style

    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), list(apps.get_models())):
            cursor.execute(statement)


def test_routing_cases_together_changes_them_as_routing_them_one_by_one(
        northwind: Client, sam: User, alice: User, make_mention: MentionFactory) -> None:
    # One instant for both runs, inside Northwind's business hours (Wednesday 10:00 in New York):
    # escalations and deadlines computed from "now" would otherwise differ between the two runs
    # whenever the client's office is open.
    with time_machine.travel(datetime(2026, 12, 9, 15, 0, tzinfo=UTC), tick=False):
        _route_one_by_one_then_together(northwind, sam, make_mention)


def _route_one_by_one_then_together(northwind: Client, sam: User, make_mention: MentionFactory) -> None:
    make_user("carl@agency.test", Role.AGENT, northwind)
    ids = _cases(northwind, make_mention, 14, "t")
    _rules(northwind, sam)
    system = system_actor()
    seq = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    _restart_id_sequences()
    with transaction.atomic():
        for pk in ids:
            assert do_route_cases(system, [pk]) == 1
        one_by_one = _outcome(ids, seq)
        transaction.set_rollback(True)
    assert not CaseRouting.objects.exists()
    _restart_id_sequences()
    assert do_route_cases(system, ids) == len(ids)
    together = _outcome(ids, seq)
    assert together == one_by_one
    # The rules did act: every kind of change is in the comparison.
    assert {a for a, *_ in together["audit"]} >= {"case.priority", "case.tag", "case.assign", "routing.fire",
                                                   "escalation.open"}
    assert any(changes.get("assignee") is None for *_, changes in together["firings"] if "assignee" in changes), \
        "a pool at capacity leaves a case unassigned"
    assert any(p[1] for p in together["routings"]) and together["escalations"]
    assert do_route_cases(system, ids) == 0, "a case is routed once"


def test_the_batch_facts_of_routing_are_those_of_each_case_alone(
        northwind: Client, sam: User, make_mention: MentionFactory) -> None:
    ids = _cases(northwind, make_mention, 13, "f")
    cases = list(Case.objects.filter(pk__in=ids).select_related("author").order_by("pk"))
    together = facts_for_cases(cases)
    assert any(f.flags["repeat_complainer"] for f in together.values())
    for case in cases:
        assert together[case.pk] == facts_for(case)


def _queries(run: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        run()
    return len(captured)


def test_routing_a_batch_costs_the_same_queries_for_3_cases_as_for_12(
        northwind: Client, sam: User, alice: User, make_mention: MentionFactory) -> None:
    make_user("carl@agency.test", Role.AGENT, northwind)
    warm = _cases(northwind, make_mention, 4, "w")
    few = _cases(northwind, make_mention, 3, "a")
    many = _cases(northwind, make_mention, 12, "b")
    do_save_rule(sam, northwind, None, {"name": "Everything", "conditions": {}, "stop": True, "enabled": True,
                                        "actions": {"set_priority": "high", "tag": "general",
                                                    "assign": {"round_robin": True, "capacity": 100}}})
    system = system_actor()
    do_route_cases(system, warm)  # the tag and the pool's pointer exist from now on
    assert _queries(lambda: do_route_cases(system, many)) == _queries(lambda: do_route_cases(system, few))
    assignees = set(Case.objects.filter(pk__in=few + many).values_list("assignee__email", flat=True))
    assert assignees == {"alice@agency.test", "carl@agency.test", "sam@agency.test"}


@pytest.mark.django_db(transaction=True)
def test_two_routers_at_once_route_each_case_once(northwind: Client, sam: User, alice: User,
                                                  make_mention: MentionFactory,
                                                  caplog: pytest.LogCaptureFixture) -> None:
    """The pipeline's step and the sweeper (or two workers) on the same new cases at the same time."""
    make_user("carl@agency.test", Role.AGENT, northwind)
    ids = _cases(northwind, make_mention, 30, "c")
    do_save_rule(sam, northwind, None, {"name": "Everything", "conditions": {}, "stop": True, "enabled": True,
                                        "actions": {"tag": ["general", "team-a"],
                                                    "assign": {"round_robin": True, "capacity": 10}}})
    barrier = threading.Barrier(2)
    routed: list[int] = []
    errors: list[BaseException] = []

    def router(case_ids: list[int]) -> None:
        try:
            barrier.wait(timeout=60)
            routed.append(do_route_cases(system_actor(), case_ids))
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    caplog.set_level(logging.WARNING, logger="carewatch.routing.actions")
    threads = [threading.Thread(target=router, args=(ids,)), threading.Thread(target=router, args=(ids[::-1],))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not errors and not any(t.is_alive() for t in threads)
    assert [r.getMessage() for r in caplog.records if r.name == "carewatch.routing.actions"] == []
    assert sum(routed) == len(ids) and CaseRouting.objects.count() == len(ids)
    assert RuleFiring.objects.count() == len(ids)
    assert AuditEvent.objects.filter(action="routing.fire").count() == len(ids)
    assert AuditEvent.objects.filter(action="case.tag").count() == 2 * len(ids)
    assert CaseTag.objects.filter(tag__name__in=["general", "team-a"]).count() == 2 * len(ids)
    loads = sorted(Case.objects.filter(pk__in=ids).values_list("assignee_id", flat=True))
    assert loads.count(alice.pk) == 10 and loads.count(None) == 0, "round robin up to each one's capacity"
    assert verify().ok


def test_each_agent_routing_assigns_a_case_to_is_notified_once_as_when_a_person_assigns_it(
        northwind: Client, sam: User, alice: User, make_mention: MentionFactory) -> None:
    from carewatch.notifications.models import DeskNotification, Kind

    cases = _cases(northwind, make_mention, 4, "n")
    do_save_rule(sam, northwind, None, {"name": "Everyone", "conditions": {}, "stop": True, "enabled": True,
                                        "actions": {"assign": {"round_robin": True, "capacity": 100}}})
    do_route_cases(system_actor(), cases)
    assigned = dict(Case.objects.filter(pk__in=cases).values_list("pk", "assignee_id"))
    assert all(assigned.values())
    notes = DeskNotification.objects.filter(kind=Kind.ASSIGNED)
    assert sorted((n.user_id, n.url) for n in notes) == sorted(
        (assignee, reverse("inbox:case", args=[pk])) for pk, assignee in assigned.items())
    events = {e.seq: e for e in AuditEvent.objects.filter(action="case.assign", object_id__in=[str(c) for c in cases])}
    assert {n.audit_seq for n in notes} == set(events)
    note = notes.first()
    assert note is not None
    # The system actor is no person: no "by ..." (as derive() words it for an event without actor).
    assert note.text == f"Case {events[note.audit_seq].object_id} ({northwind.name}) was assigned to you"
