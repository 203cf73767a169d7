"""The routing rules engine: conditions, actions, first match or continue, the loop guard,
round-robin with capacity, dry-run, config as code and the rules pages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client as HttpClient

from carewatch.audit.models import AuditEvent
from carewatch.escalation.models import Escalation
from carewatch.inbox.models import Case, CaseTag, Priority
from carewatch.routing.actions import do_route_cases, do_save_rule, load_rules
from carewatch.routing.engine import MAX_PASSES, decide, preview
from carewatch.routing.models import CaseRouting, RoutingRule, RuleFiring, RuleSource
from carewatch.routing.policy import validate_settings
from carewatch.routing.rules import Facts, RuleError, check_actions, check_conditions, matches
from carewatch.tenancy.calendar import calendar_from
from carewatch.tenancy.models import Client, Role, User
from carewatch.tenancy.system import system_actor
from tests.conftest import MentionFactory, make_user

NY = ZoneInfo("America/New_York")
CAL = calendar_from("America/New_York", {d: ["09:00", "18:00"] for d in ("mon", "tue", "wed", "thu", "fri")}, [])


def rule(client: Client, by: User, name: str, conditions: dict[str, Any], actions: dict[str, Any],
         stop: bool = True, order: int = 100) -> RoutingRule:
    return do_save_rule(by, client, None, {"name": name, "conditions": conditions, "actions": actions,
                                           "stop": stop, "enabled": True, "order": order})


def fired(case_id: int | None) -> list[str]:
    return list(RuleFiring.objects.filter(case_id=case_id).order_by("position").values_list("rule_name", flat=True))


def tags(case_id: int | None) -> set[str]:
    return set(CaseTag.objects.filter(case_id=case_id).values_list("tag__name", flat=True))


# ------------------------------------------------------------------ conditions (pure)
def test_conditions_on_platform_kind_labels_language_keywords_and_author() -> None:
    facts = Facts(platform="x", kind="comment", labels={"medical_inquiry", "pricing"}, language="es",
                  text="quiero un reembolso ya, my lawyer says so", flags={"vip": True, "influencer": False})
    assert matches({"platform": ["x", "facebook"], "kind": "comment", "language": ["es"]}, facts, CAL)
    assert not matches({"platform": "facebook"}, facts, CAL)
    assert matches({"labels_any": ["pricing", "spam"], "labels_none": ["spam"]}, facts, CAL)
    assert not matches({"labels_all": ["pricing", "spam"]}, facts, CAL)
    assert matches({"keywords_any": ["Lawyer", "attorney"], "keywords_all": ["reembolso", "my lawyer"]}, facts, CAL)
    assert not matches({"keywords_any": ["law"]}, facts, CAL)  # whole words only
    assert matches({"author": ["vip"]}, facts, CAL)
    assert not matches({"author": ["influencer"]}, facts, CAL)
    assert matches({"author": {"influencer": False, "vip": True}}, facts, CAL)
    assert matches({}, facts, CAL)


def test_conditions_on_scores_sentiment_priority_and_time_of_day() -> None:
    saturday_night = datetime(2026, 6, 6, 23, 30, tzinfo=NY).astimezone(UTC)
    facts = Facts(scores={"urgent": 0.82, "adverse_event": 0.1}, sentiment="negative", priority=Priority.HIGH,
                  began_at=saturday_night)
    assert matches({"scores": {"urgent": 0.8}, "sentiment": ["negative", "neutral"]}, facts, CAL)
    assert not matches({"scores": {"urgent": 0.9}}, facts, CAL)
    assert matches({"priority_at_least": "high"}, facts, CAL)
    assert not matches({"priority_at_least": "urgent"}, facts, CAL)
    assert matches({"time": {"from": "18:00", "to": "08:00"}}, facts, CAL)  # spans midnight, New York time
    assert matches({"time": {"days": ["sat", "sun"]}, "business_hours": False}, facts, CAL)
    assert not matches({"time": {"days": ["mon"], "from": "09:00", "to": "17:00"}}, facts, CAL)


@pytest.mark.parametrize("conditions", [
    {"platform": "myspace"}, {"colour": "red"}, {"scores": {"urgent": 2}}, {"time": {"from": "25:00", "to": "08:00"}},
    {"time": {"from": "18:00"}}, {"author": ["celebrity"]}, {"sentiment": "angry"}, {"business_hours": "yes"},
])
def test_a_malformed_condition_is_refused(conditions: dict[str, Any]) -> None:
    with pytest.raises(RuleError):
        check_conditions(conditions)


@pytest.mark.parametrize("actions", [
    {}, {"set_priority": "critical"}, {"escalate": "everything"}, {"assign": "random"},
    {"assign": {"round_robin": True, "capacity": 0}}, {"delete": True}, {"tag": ["x" * 61]},
])
def test_a_malformed_action_is_refused(actions: dict[str, Any]) -> None:
    with pytest.raises(RuleError):
        check_actions(actions)


# ------------------------------------------------------------------ evaluation
def test_the_first_matching_rule_stops_the_evaluation(northwind: Client, sam: User,
                                                       make_mention: MentionFactory) -> None:
    rule(northwind, sam, "Refunds to billing", {"keywords_any": ["refund"]},
         {"set_priority": "urgent", "route": "billing", "tag": "money"}, order=10)
    rule(northwind, sam, "Everything else", {}, {"tag": "general"}, order=20)
    refund = make_mention(northwind, "I want a refund for my Glucavio pen", author="ann")
    other = make_mention(northwind, "Where can I buy Glucavio?", author="ben")
    case = Case.objects.get(pk=refund.case_id)
    assert fired(case.pk) == ["Refunds to billing"]
    assert case.priority == Priority.URGENT
    assert {"team:billing", "money"} <= tags(case.pk) and "general" not in tags(case.pk)
    assert CaseRouting.objects.get(pk=case.pk).team == "billing"
    assert fired(other.case_id) == ["Everything else"]
    # The case's next message does not route it again.
    make_mention(northwind, "Hello? refund please", author="ann", thread=refund.thread_key)
    assert fired(case.pk) == ["Refunds to billing"]
    [event] = AuditEvent.objects.filter(action="routing.fire", object_id=str(case.pk))
    assert event.data["rule"] == "Refunds to billing" and event.actor_label == "routing"


def test_continue_lets_later_rules_fire_and_earlier_ones_react(northwind: Client, sam: User,
                                                               make_mention: MentionFactory) -> None:
    rule(northwind, sam, "Legal is urgent", {"labels_any": ["legal"]}, {"set_priority": "urgent"}, order=10)
    rule(northwind, sam, "Spot lawyers", {"keywords_any": ["lawyer", "attorney"]}, {"tag": "legal"},
         stop=False, order=20)
    rule(northwind, sam, "Also tag it", {"keywords_any": ["lawyer"]}, {"tag": "watch"}, stop=False, order=30)
    mention = make_mention(northwind, "My lawyer will hear about this pen", author="cat")
    assert fired(mention.case_id) == ["Spot lawyers", "Also tag it", "Legal is urgent"]
    assert Case.objects.get(pk=mention.case_id).priority == Priority.URGENT
    assert CaseRouting.objects.get(pk=mention.case_id).passes == 2


def test_the_loop_guard_ends_a_chain_of_rules(northwind: Client, sam: User, make_mention: MentionFactory) -> None:
    # Each rule reacts to the tag the next one (in order) adds: one firing per pass.
    for step in range(1, 8):
        conditions = {"keywords_any": ["start"]} if step == 1 else {"labels_any": [f"s{step}"]}
        rule(northwind, sam, f"step {step}", conditions, {"tag": f"s{step + 1}"}, stop=False, order=100 - step)
    mention = make_mention(northwind, "start the chain", author="dan")
    routing = CaseRouting.objects.get(pk=mention.case_id)
    assert routing.loop_guard_tripped and routing.passes == MAX_PASSES
    assert fired(mention.case_id) == [f"step {n}" for n in range(1, MAX_PASSES + 1)]
    assert AuditEvent.objects.filter(action="routing.loop_guard", object_id=str(mention.case_id)).count() == 1


def test_round_robin_assigns_available_agents_up_to_their_capacity(northwind: Client, alice: User, sam: User,
                                                                   victor: User, make_mention: MentionFactory) -> None:
    carl = make_user("carl@agency.test", Role.AGENT, northwind)
    northwind.settings = {"routing": {"capacity": 2, "agents": {"sam@agency.test": {"available": False}}}}
    northwind.save()
    rule(northwind, sam, "Share the work", {}, {"assign": "round_robin"})
    cases = [make_mention(northwind, f"Question number {n} about Glucavio", author=f"a{n}").case_id
             for n in range(5)]
    assignees = [Case.objects.get(pk=pk).assignee for pk in cases]
    assert assignees == [alice, carl, alice, carl, None]  # sam is away, victor only views; then all are full
    assert RuleFiring.objects.get(case_id=cases[4]).changes == {"assignee": None}
    assert Case.objects.get(pk=cases[0]).status == "open"


def test_a_team_pool_and_its_capacity_from_the_rule(northwind: Client, alice: User, sam: User,
                                                    make_mention: MentionFactory) -> None:
    make_user("carl@agency.test", Role.AGENT, northwind)
    northwind.settings = {"routing": {"teams": {"seniors": ["sam@agency.test"]}}}
    northwind.save()
    rule(northwind, sam, "Seniors", {}, {"assign": {"round_robin": True, "team": "seniors", "capacity": 1}})
    first = make_mention(northwind, "First question", author="e1")
    second = make_mention(northwind, "Second question", author="e2")
    assert Case.objects.get(pk=first.case_id).assignee == sam
    assert Case.objects.get(pk=second.case_id).assignee is None


def test_approval_and_escalation_actions(northwind: Client, sam: User, make_mention: MentionFactory) -> None:
    northwind.settings = {"escalation": [{"category": "legal_media", "steps": [{"notify": ["legal@northwind.test"]}]}]}
    northwind.save()
    rule(northwind, sam, "Press", {"keywords_any": ["price"]},
         {"require_approval": "legal", "escalate": "legal_media"})
    mention = make_mention(northwind, "What is the price of a Glucavio pen?", author="fay")
    routing = CaseRouting.objects.get(pk=mention.case_id)
    assert (routing.requires_approval, routing.approval_tier) == (True, "legal")
    assert "require-approval" in tags(mention.case_id)  # what the replies' approval gate holds on
    escalation = Escalation.objects.get(case_id=mention.case_id)
    assert escalation.category == "legal_media" and escalation.trigger["rule"] == "Press"


def test_rules_see_the_triage_labels(northwind: Client, sam: User, make_mention: MentionFactory) -> None:
    rule(northwind, sam, "AE desk", {"labels_any": ["adverse_event"]}, {"route": "safety"})
    mention = make_mention(northwind, "Since starting Glucavio I have terrible nausea and headaches", author="gus")
    assert fired(mention.case_id) == ["AE desk"]


def test_disabled_rules_and_other_clients_rules_never_fire(northwind: Client, contoso: Client, sam: User,
                                                           admin: User, make_mention: MentionFactory) -> None:
    off = rule(northwind, sam, "Off", {}, {"tag": "off"})
    do_save_rule(sam, northwind, off, {"name": "Off", "conditions": {}, "actions": {"tag": "off"}, "enabled": False})
    rule(contoso, admin, "Contoso only", {}, {"tag": "contoso"})
    mention = make_mention(northwind, "Hello", author="hal")
    assert fired(mention.case_id) == []
    assert not CaseRouting.objects.filter(pk=mention.case_id).exists()



def test_the_engine_decides_the_firings_of_a_case_without_touching_the_database() -> None:
    # No database in this test: any query the engine made would fail it.
    rules = [RoutingRule(pk=1, name="Legal is urgent", conditions={"labels_any": ["legal"]},
                         actions={"set_priority": "urgent", "assign": "round_robin"}, stop=True),
             RoutingRule(pk=2, name="Spot lawyers", conditions={"keywords_any": ["lawyer"]},
                         actions={"tag": "legal", "route": "Billing", "require_approval": "legal"}, stop=False)]
    facts = Facts(text="my lawyer will call", priority=Priority.NORMAL)
    decision = decide(facts, rules, CAL)
    assert [(f.rule.name, f.number) for f in decision.firings] == [("Spot lawyers", 1), ("Legal is urgent", 2)]
    spot, legal = decision.firings
    assert spot.tags == ["team:billing", "legal", "require-approval"]
    assert spot.changes == {"team": "billing", "tags": ["legal"], "require_approval": "legal"}
    assert (legal.priority, legal.assign, legal.changes) == (Priority.URGENT, {}, {"priority": Priority.URGENT})
    assert (decision.team, decision.requires_approval, decision.approval_tier, decision.passes) == (
        "billing", True, "legal", 2)
    assert not decision.loop_guard_tripped


def test_routing_cases_needs_a_role_that_works_the_cases(northwind: Client, sam: User, victor: User,
                                                         make_mention: MentionFactory) -> None:
    mention = make_mention(northwind, "Where can I buy Glucavio?", author="ivy")  # no rule yet: not routed
    rule(northwind, sam, "Everything", {}, {"tag": "general"})
    with pytest.raises(PermissionDenied):
        do_route_cases(victor, [mention.case_id])
    assert fired(mention.case_id) == [] and not CaseRouting.objects.filter(pk=mention.case_id).exists()
    assert do_route_cases(system_actor(), [mention.case_id]) == 1
    assert fired(mention.case_id) == ["Everything"]
    assert do_route_cases(system_actor(), [mention.case_id]) == 0, "a case is routed once"


# ------------------------------------------------------------------ dry-run
def snapshot() -> dict[str, Any]:
    return {
        "cases": sorted(Case.objects.values_list("pk", "priority", "assignee_id", "status", "updated_at")),
        "tags": CaseTag.objects.count(), "audit": AuditEvent.objects.count(), "firings": RuleFiring.objects.count(),
        "routings": CaseRouting.objects.count(), "rules": RoutingRule.objects.count(),
    }


def test_a_dry_run_previews_a_rule_without_changing_anything(northwind: Client, contoso: Client, sam: User,
                                                             make_mention: MentionFactory) -> None:
    make_mention(northwind, "I want a refund", author="r1")
    make_mention(northwind, "Refund now please", author="r2")
    make_mention(northwind, "Nice product", author="r3")
    make_mention(contoso, "refund for contoso", author="r4")
    before = snapshot()
    result = preview(northwind, {"keywords_any": ["refund"]}, {"set_priority": "urgent", "assign": "round_robin"}, 7)
    assert (result.scanned, result.count) == (3, 2)
    assert result.would == {"set_priority": 2, "assign": 2}
    assert snapshot() == before
    # The same through the rule page's Preview button.
    client = HttpClient()
    client.force_login(sam)  # (logging in is an audit event of its own)
    before = snapshot()
    response = client.post(f"/routing/{northwind.slug}/new/", {
        "name": "Refunds", "order": "10", "conditions": '{"keywords_any": ["refund"]}',
        "actions": '{"set_priority": "urgent"}', "stop": "on", "enabled": "on", "days": "7", "do": "preview"})
    assert response.status_code == 200
    assert "Preview: 2 of 3 cases from the last 7 days" in response.content.decode()
    bad = client.post(f"/routing/{northwind.slug}/new/", {
        "name": "Refunds", "order": "10", "conditions": '{"keywords_any": ["refund"]}',
        "actions": '{"set_priority": "now"}', "stop": "on", "enabled": "on", "days": "7", "do": "preview"})
    assert bad.status_code == 400 and "set_priority" in bad.content.decode() and "Preview:" not in bad.content.decode()
    assert snapshot() == before


# ------------------------------------------------------------------ config as code
ROUTING_BLOCK: dict[str, Any] = {"routing": {
    "capacity": 5, "agents": {"alice@agency.test": {"capacity": 2}}, "teams": {"seniors": ["sam@agency.test"]},
    "rules": [
        {"name": "VIP", "conditions": {"author": ["vip"]}, "actions": {"set_priority": "high"}},
        {"name": "Refunds", "conditions": {"keywords_any": ["refund"]}, "actions": {"route": "billing"},
         "stop": False},
    ],
}}


def test_the_config_block_is_validated_naming_the_key() -> None:
    validate_settings(ROUTING_BLOCK, "client northwind")
    for bad, message in (({"capacity": 0}, "capacity"), ({"rules": [{"name": "x", "actions": {"nuke": 1}}]}, "nuke"),
                         ({"rules": [{"conditions": {}, "actions": {"tag": "a"}}]}, "name"),
                         ({"teams": {"Bad Team!": []}}, "team"), ({"colour": 1}, "unknown"),
                         ({"rules": [{"name": "a", "actions": {"tag": "x"}}, {"name": "a", "actions": {"tag": "y"}}]},
                          "unique")):
        with pytest.raises(ValueError, match=message):
            validate_settings({"routing": bad}, "client northwind")


def test_the_loader_writes_config_rules_as_rows_and_disables_removed_ones(northwind: Client, sam: User) -> None:
    from django.db import transaction

    rule(northwind, sam, "Desk-made", {}, {"tag": "x"})
    northwind.settings = ROUTING_BLOCK
    northwind.save()
    with transaction.atomic():
        assert load_rules(northwind) == ["create routing rule northwind/VIP", "create routing rule northwind/Refunds"]
    with transaction.atomic():
        assert load_rules(northwind) == []
    vip = RoutingRule.objects.get(client=northwind, name="VIP")
    assert (vip.source, vip.order, vip.stop) == (RuleSource.CONFIG, 10, True)
    assert RoutingRule.objects.get(name="Refunds").stop is False
    northwind.settings = {"routing": {"rules": [ROUTING_BLOCK["routing"]["rules"][1]]}}
    northwind.save()
    with transaction.atomic():
        assert load_rules(northwind) == ["update routing rule northwind/Refunds", "disable routing rule northwind/VIP"]
    assert RoutingRule.objects.get(name="VIP").enabled is False
    assert RoutingRule.objects.get(name="Desk-made").enabled is True


# ------------------------------------------------------------------ pages
def test_the_rules_pages_are_for_the_clients_supervisors_and_admins(northwind: Client, sam: User, alice: User,
                                                                    victor: User, bob: User, admin: User) -> None:
    existing = rule(northwind, sam, "Existing", {}, {"tag": "x"})
    urls = ["/routing/", f"/routing/{northwind.slug}/", f"/routing/{northwind.slug}/new/",
            f"/routing/{northwind.slug}/{existing.pk}/"]
    for url in urls:
        anonymous = HttpClient().get(url)
        assert anonymous.status_code == 302 and anonymous["Location"].startswith("/login/"), url
        for user, status in ((sam, 200), (admin, 200), (alice, 403), (victor, 403)):
            client = HttpClient()
            client.force_login(user)
            assert client.get(url).status_code == status, (url, user)
    client = HttpClient()
    client.force_login(bob)
    assert client.get("/routing/").status_code == 403  # bob supervises nothing
    for url in urls[1:]:
        assert client.get(url).status_code == 404, url
    contoso_boss = make_user("carol@agency.test", Role.SUPERVISOR, Client.objects.get(slug="contoso"))
    client.force_login(contoso_boss)
    for url in urls[1:]:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"name": "Hijack", "conditions": "{}", "actions": '{"tag": "x"}'}).status_code in (
            404, 405), url
    assert RoutingRule.objects.count() == 1


def test_a_supervisor_saves_and_edits_a_rule_in_the_page(northwind: Client, sam: User, victor: User) -> None:
    client = HttpClient()
    client.force_login(sam)
    form = {"name": "Urgent words", "order": "5", "conditions": '{"keywords_any": ["emergency"]}',
            "actions": '{"set_priority": "urgent"}', "stop": "on", "enabled": "on", "do": "save"}
    response = client.post(f"/routing/{northwind.slug}/new/", form)
    assert response.status_code == 302
    saved = RoutingRule.objects.get(name="Urgent words")
    assert (saved.order, saved.stop, saved.updated_by) == (5, True, sam)
    bad = client.post(f"/routing/{northwind.slug}/{saved.pk}/", {**form, "actions": '{"set_priority": "now"}'})
    assert bad.status_code == 400 and "set_priority" in bad.content.decode()
    client.post(f"/routing/{northwind.slug}/{saved.pk}/", {**form, "stop": ""})
    assert RoutingRule.objects.get(pk=saved.pk).stop is False
    assert list(AuditEvent.objects.filter(action__startswith="routing.rule").values_list("action", flat=True)) == [
        "routing.rule.update", "routing.rule.create"]
    viewer = HttpClient()
    viewer.force_login(victor)
    assert viewer.post(f"/routing/{northwind.slug}/{saved.pk}/", {**form, "name": "Mine"}).status_code == 403
    assert RoutingRule.objects.get(pk=saved.pk).name == "Urgent words"


def test_a_repeat_complainer_is_spotted_by_the_rules_and_the_dry_run_alike(northwind: Client, sam: User,
                                                                           make_mention: MentionFactory) -> None:
    now = datetime.now(UTC)
    for n in range(3):
        make_mention(northwind, f"Complaint number {n}", author="rex", created=now - timedelta(days=10 - n))
    assert preview(northwind, {"author": ["repeat_complainer"]}, {"tag": "repeat"}, 30).count == 0
    rule(northwind, sam, "Repeat complainers", {"author": ["repeat_complainer"]}, {"set_priority": "high"})
    fourth = make_mention(northwind, "Complaint number 4", author="rex", created=now - timedelta(minutes=5))
    assert fired(fourth.case_id) == ["Repeat complainers"]
    result = preview(northwind, {"author": ["repeat_complainer"]}, {"tag": "repeat"}, 30)
    assert [c.pk for c in result.matched] == [fourth.case_id]
    assert preview(northwind, {"author": ["repeat_complainer"]}, {"tag": "repeat"}, 1).scanned == 1


def test_the_rules_page_lists_the_rules_in_order(northwind: Client, sam: User) -> None:
    rule(northwind, sam, "Second", {"language": "es"}, {"tag": "spanish"}, order=20)
    rule(northwind, sam, "First", {}, {"set_priority": "high"}, stop=False, order=10)
    client = HttpClient()
    client.force_login(sam)
    page = client.get(f"/routing/{northwind.slug}/").content.decode()
    assert page.index("First") < page.index("Second")
    assert "{&quot;language&quot;: &quot;es&quot;}" in page and "continue" in page


# ------------------------------------------------------------------ recovery
def test_the_sweeper_routes_a_case_whose_routing_failed_and_never_routes_it_twice(
        northwind: Client, sam: User, make_mention: MentionFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    from carewatch.routing import actions
    from carewatch.routing.tasks import sweep_unrouted

    rule(northwind, sam, "Everything", {}, {"tag": "general"})
    real = actions._route

    def broken(actor: User, case_ids: list[int], rules: Any, now: datetime) -> dict[int, CaseRouting]:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(actions, "_route", broken)
    mention = make_mention(northwind, "Where can I buy Glucavio?", author="ann")
    assert fired(mention.case_id) == [], "the failure is logged and the case stays unrouted"
    monkeypatch.setattr(actions, "_route", real)
    assert sweep_unrouted(timezone_now() + timedelta(minutes=1)) == 0, "too recent: its task may still run"
    assert sweep_unrouted(timezone_now() + timedelta(minutes=3)) == 1
    assert fired(mention.case_id) == ["Everything"]
    assert sweep_unrouted(timezone_now() + timedelta(minutes=4)) == 0


def timezone_now() -> datetime:
    from django.utils import timezone

    return timezone.now()
