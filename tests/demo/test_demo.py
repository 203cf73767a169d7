"""The demo agency: what `carewatch demo` loads into an empty database, and how it reads."""

from __future__ import annotations

import random
import re
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from click.testing import CliRunner
from django.contrib.auth.password_validation import validate_password
from django.db.models import Count
from django.utils import timezone

from carewatch.audit.chain import verify
from carewatch.audit.models import AuditEvent
from carewatch.cli import main
from carewatch.demo import texts
from carewatch.demo.load import DEMO_LOGINS, DEMO_PASSWORD, database_is_empty, load_demo
from carewatch.demo.traffic import DM_MARKERS, SPAN, ChannelInfo, Planner
from carewatch.inbox.models import Author, Case, CaseStatus, Mention, Priority, Tag
from carewatch.safety.models import SafetyStatus
from carewatch.tenancy.models import Channel, Client, Membership, Platform, Role, Sponsorship, User

SMALL = 300


@pytest.fixture
def small_demo(db: Any) -> str:
    return load_demo(mentions=SMALL)


def fake_channels() -> list[ChannelInfo]:
    """One channel per platform for each demo client, without a database."""
    channels = []
    ident = 0
    for client, tz in (("northwind", "America/New_York"), ("halcyon", "America/Toronto"),
                       ("riverbend", "America/Chicago")):
        for platform in Platform.values:
            ident += 1
            sponsorship = "third_party" if platform == "feed" else "owned"
            channels.append(ChannelInfo(ident, platform, f"{client}-{platform}", f"{ident}000", sponsorship, client,
                                        client.title(), tz, ["examplesub"]))
    return channels


# ------------------------------------------------------------------ texts and plan (no database)
def test_every_template_reply_and_post_fills_all_its_slots_for_every_client() -> None:
    pharma_only = {"praise", "cost", "insurance", "stock", "usage", "shipping", "service", "device", "quality",
                   "ae_first", "ae_third", "phi", "offlabel", "hcp", "chatter", "linkedin", "safety", "access",
                   "influencer"}
    groups: list[tuple[str, dict[str, list[str]]]] = [(f"template {k}", v) for k, v in texts.TEMPLATES.items()]
    groups += [(f"reply {k}", v) for k, v in texts.REPLIES.items()]
    groups += [(f"bystander {k}", v) for k, v in texts.BYSTANDERS.items()]
    groups += [("followup", texts.FOLLOWUPS), ("dm details", texts.DM_DETAILS), ("dm closing", texts.DM_CLOSINGS),
               ("opener", texts.OPENERS), ("closer", texts.CLOSERS), ("title", texts.TITLES)]
    filled = 0
    for name, by_language in groups:
        hospital = name.split()[-1].startswith("h_")
        for client in ("northwind", "halcyon", "riverbend"):
            if (client == "riverbend" and name.split()[-1] in pharma_only) or (client != "riverbend" and hospital):
                continue
            for lang, templates in by_language.items():
                for template in templates:
                    for seed in range(3):
                        slots = texts.Slots(random.Random(seed), lang, client, first="Ana",
                                            fullname="Ana Ruiz")
                        text = slots.fill(template)
                        assert "{" not in text and "}" not in text, (name, lang, template)
                        filled += 1
    for client, posts in texts.POSTS.items():
        slot_client = "halcyon" if client == "influencer" else client
        for lang, templates in posts.items():
            for template in templates:
                assert "{" not in texts.Slots(random.Random(1), lang, slot_client).fill(template)
    assert filled > 1000


def test_every_reply_the_brand_may_send_in_a_dm_has_a_version_that_does_not_ask_for_a_dm() -> None:
    for group, by_language in texts.REPLIES.items():
        if group.endswith("_dm"):
            continue
        for lang, options in by_language.items():
            if all(any(marker in option for marker in DM_MARKERS) for option in options):
                assert lang in texts.REPLIES.get(f"{group}_dm", {}), (group, lang)


def test_the_same_seed_plans_the_same_traffic_and_another_seed_other_traffic() -> None:
    now = datetime(2026, 5, 4, 15, 0, tzinfo=UTC)
    first = Planner(fake_channels(), now, 7).plan(200)
    again = Planner(fake_channels(), now, 7).plan(200)
    other = Planner(fake_channels(), now, 8).plan(200)
    assert [(p.change.external_id, p.change.text) for p in first] == [(p.change.external_id, p.change.text) for p in again]
    assert [p.change.text for p in first] != [p.change.text for p in other]


@pytest.mark.parametrize("total", [1, 7, 300])
def test_the_plan_has_exactly_the_number_asked_for_within_two_weeks_and_replies_after_their_parents(total: int) -> None:
    now = datetime(2026, 5, 4, 15, 0, tzinfo=UTC)
    plan = Planner(fake_channels(), now, 3).plan(total)
    assert len(plan) == total
    by_key = {(p.change.channel_id, p.change.external_id): p.change for p in plan}
    assert len(by_key) == total  # ids unique per channel
    for item in plan:
        change = item.change
        assert change.created_at is not None and now - SPAN <= change.created_at < now
        parent = by_key.get((change.channel_id, change.parent_external_id))
        if parent is not None:
            assert parent.created_at is not None and parent.created_at < change.created_at


# ------------------------------------------------------------------ the loaded agency
def test_database_is_empty_until_the_demo_is_loaded(db: Any) -> None:
    assert database_is_empty()
    load_demo(mentions=20)
    assert not database_is_empty()


def test_the_demo_has_three_clients_with_hours_holidays_and_languages_and_the_right_products(small_demo: str) -> None:
    clients = {c.slug: c for c in Client.objects.prefetch_related("products")}
    assert set(clients) == {"northwind", "halcyon", "riverbend"}
    for client in clients.values():
        assert client.timezone != "UTC" and client.business_hours and client.holidays and client.languages
    assert {lang for c in clients.values() for lang in c.languages} >= {"en", "es", "fr"}
    glucavio = clients["northwind"].products.get(name="Glucavio")
    assert "type 2 diabetes" in glucavio.indications and "semaglutide" in glucavio.generic
    velantra = clients["halcyon"].products.get()
    assert "rheumatoid arthritis" in velantra.indications and "adalimumab" in velantra.generic
    assert not clients["riverbend"].products.exists()
    assert small_demo.startswith("3 clients") and f"{SMALL} mentions" in small_demo


def test_the_demo_has_channels_on_every_platform_mostly_owned_with_paid_influencer_and_third_party(small_demo: str) -> None:
    channels = list(Channel.objects.all())
    assert {c.platform for c in channels} == set(Platform.values)
    sponsorship = Counter(c.sponsorship for c in channels)
    assert sponsorship[Sponsorship.PAID] == 1 and sponsorship[Sponsorship.INFLUENCER] == 1
    assert sponsorship[Sponsorship.OWNED] > len(channels) / 2
    assert all(c.sponsorship == Sponsorship.THIRD_PARTY for c in channels if c.platform == "feed")


def test_channel_secrets_are_never_plain_text_and_the_demo_can_be_simulated(small_demo: str) -> None:
    from carewatch.lib.secrets import reveal
    from carewatch.sources.simulate import simulate_for_client

    secrets = [value for channel in Channel.objects.all() for value in channel.secrets.values()]
    assert secrets
    assert all(re.fullmatch(r"env:[A-Z][A-Z0-9_]+|enc:\S+", value) for value in secrets), secrets
    assert all(reveal(value).startswith("demo-") for value in secrets if value.startswith("enc:"))
    platforms = {c.platform for c, _, _ in simulate_for_client("northwind").builders}
    assert {"facebook", "instagram", "x", "tiktok"} <= platforms


def test_the_demo_has_staff_of_every_role_and_each_login_works_with_the_printed_password(small_demo: str) -> None:
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == {Role.SUPERVISOR, Role.AGENT, Role.REVIEWER, Role.SAFETY, Role.VIEWER}
    assert User.objects.filter(is_agency_admin=True).exists()
    agents = Membership.objects.filter(role=Role.AGENT).values("user").annotate(n=Count("client"))
    assert any(a["n"] == 2 for a in agents) and len(agents) >= 3
    reviewers = Membership.objects.filter(role=Role.REVIEWER)
    assert all(Membership.objects.filter(user=r.user).count() == 1 for r in reviewers)
    assert all(email.endswith(".test") for email, _, _ in DEMO_LOGINS)
    assert {password for _, _, password in DEMO_LOGINS} == {DEMO_PASSWORD}
    for email, _, password in DEMO_LOGINS:
        user = User.objects.get(email=email)
        assert user.check_password(password), email
        validate_password(password, user)


def test_the_audit_trail_records_the_setup_and_the_case_work_and_its_chain_verifies(small_demo: str) -> None:
    result = verify()
    assert result.ok, result.problem
    assert AuditEvent.objects.filter(action="config.client.create").count() == 3
    assert AuditEvent.objects.filter(action="config.channel.create").count() == Channel.objects.count()
    assert AuditEvent.objects.filter(action="config.user.create").count() == User.objects.count()
    supervisor = User.objects.get(email="supervisor@agency.test")
    work = AuditEvent.objects.filter(action__startswith="case.")
    # People's work is the supervisor's; the rest is the clients' routing rules (seeds.yaml), no actor.
    assert work.exists() and set(work.exclude(actor=None).values_list("actor_id", flat=True)) == {supervisor.pk}
    assert work.filter(action="case.assign").count() >= Case.objects.exclude(assignee=None).count()


def test_loading_again_adds_fresh_traffic_and_leaves_existing_clients_and_users_alone(db: Any) -> None:
    load_demo(mentions=80)
    agent = User.objects.get(email="mateo@agency.test")
    agent.set_password("a changed password 42")
    agent.name = "Mateo F."
    agent.save()
    load_demo(mentions=80)
    assert Mention.objects.count() == 160 and Client.objects.count() == 3 and Channel.objects.count() == 23
    agent.refresh_from_db()
    assert agent.check_password("a changed password 42") and agent.name == "Mateo F."
    assert Membership.objects.filter(user=agent).count() == 2
    assert verify().ok


def test_the_default_load_is_two_weeks_of_varied_healthcare_traffic_that_forms_cases(db: Any) -> None:
    load_demo()  # how long it takes is bench/demo.py's to measure, not a test's
    now = timezone.now()
    mentions = list(Mention.objects.all())
    assert len(mentions) == 2000
    times = [m.created_at for m in mentions]
    assert max(times) <= now and timedelta(days=13) < max(times) - min(times) <= SPAN
    languages = Counter(m.language for m in mentions)
    assert 0.06 < languages["es"] / 2000 < 0.17 and 0.03 < languages["fr"] / 2000 < 0.10
    assert set(languages) == {"en", "es", "fr"}
    text = "\n".join(m.text for m in mentions)
    assert len({m.text for m in mentions}) > 1400  # composed, not a handful of repeated lines
    assert "lorem" not in text.lower()
    checks = {
        "adverse event, first person": r"ended up in (urgent care|the ER)|I've had .* every single day|side effect",
        "adverse event, third person": r"(my|My) (mom|dad|husband|wife|grandma|grandpa|aunt|uncle|brother|sister|partner|mother-in-law|father-in-law) \(\d\d\)",
        "lot numbers": r"LOT \d[A-Z]\d\d[A-Z]",
        "phone numbers": r"\(\d{3}\) 555-01\d\d",
        "e-mail addresses": r"@example\.(com|net|org)",
        "dates of birth": r"DOB \d\d/\d\d/\d{4}",
        "member ids": r"Member ID [A-Z]+\d+",
        "spam": r"crypto|DM me for cheap|Link in bio",
        "off-label": r"breastfeeding|weight loss|pregnant",
        "access": r"copay|prior auth|Medicare|shortage|backorder|in stock",
        "hospital": r"ER waiting room|parking|bill|appointment|nurse",
        "spanish": r"¿|urgencias|gracias",
        "french": r"J'ai|Bonjour|merci|Merci",
    }
    for what, pattern in checks.items():
        assert re.search(pattern, text), what
    kinds = Counter((m.kind, m.direction) for m in mentions)
    for kind in ("comment", "reply", "dm", "review", "mention", "listening"):
        assert kinds[(kind, "in")] > 0, kind
    assert kinds[("post", "out")] > 0 and kinds[("reply", "out")] > 0 and kinds[("dm", "out")] > 0
    answers = Mention.objects.filter(direction="out", parent__direction="in", case__isnull=False)
    assert answers.count() > 100
    assert all(a.case_id == a.parent.case_id for a in answers.select_related("parent")[:200])
    assert not Mention.objects.exclude(parent_external_id="").filter(parent__isnull=True).exists()
    assert not Mention.objects.filter(kind="dm", direction="out", case__isnull=True).exists()  # DM answers join the case
    assert Case.objects.count() > 800
    assert Case.objects.filter(first_responded_at__isnull=False).count() > 200
    assert Mention.objects.filter(direction="in", case__isnull=True).count() == 0
    assert Author.objects.annotate(n=Count("cases")).filter(n__gte=2).exists()  # repeat authors
    assert Mention.objects.filter(kind="review").exclude(platform_meta__rating=None).exists()
    assert Mention.objects.filter(is_hidden=True).exists()  # PHI in public and spam, hidden by the brand
    statuses = set(Case.objects.values_list("status", flat=True))
    assert statuses >= {CaseStatus.NEW, CaseStatus.OPEN, CaseStatus.WAITING, CaseStatus.ESCALATED, CaseStatus.CLOSED}
    assert Case.objects.exclude(assignee=None).count() >= 20
    # The desk's history reads as worked: most older cases closed with a reason, the open ones mostly recent or
    # waiting for an answer, and no case holding a safety item closed by the load.
    closed = Case.objects.filter(status=CaseStatus.CLOSED)
    assert closed.count() > Case.objects.count() / 2
    assert set(closed.values_list("close_reason", flat=True)) >= {"resolved", "spam", "no reply needed"}
    # Overdue among what the simulated desk works: cases holding a safety item are left open for the safety
    # workflow (the load never closes them, and the triage rounds flag more of them), so they are not counted here.
    overdue = (Case.objects.exclude(status=CaseStatus.CLOSED).filter(first_responded_at=None, first_response_due__lt=now)
               .exclude(safety_cases__isnull=False))
    assert overdue.count() < Case.objects.count() / 8
    assert not closed.filter(safety_cases__status__in=(SafetyStatus.FLAGGED, SafetyStatus.IN_REVIEW)).exists()
    assert Case.objects.filter(priority=Priority.URGENT).exists()
    assert {"pricing", "safety", "device"} <= set(Tag.objects.values_list("name", flat=True))


def test_mentions_carry_platform_shaped_urls_and_dms_have_none(small_demo: str) -> None:
    prefixes = {
        "facebook": "https://www.facebook.com/", "instagram": "https://www.instagram.com/p/", "x": "https://x.com/",
        "tiktok": "https://www.tiktok.com/@", "youtube": "https://www.youtube.com/watch?v=",
        "linkedin": "https://www.linkedin.com/feed/update/urn:li:", "reddit": "https://www.reddit.com/r/",
    }
    for mention in Mention.objects.all():
        if mention.kind == "dm":
            assert mention.url == "" and mention.thread_key.startswith("dm:")
        elif mention.platform == "feed":
            assert re.match(r"https://[a-z0-9.-]+\.example/", mention.url), mention.url
        else:
            assert mention.url.startswith(prefixes[mention.platform]), (mention.platform, mention.url)


def test_the_demo_command_loads_an_empty_database_prints_the_logins_and_then_refuses(transactional_db: Any) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["demo", "--mentions", "60"])
    assert result.exit_code == 0, result.output
    assert "Demo loaded: 3 clients" in result.output
    for email, role, password in DEMO_LOGINS:
        assert email in result.output and role in result.output and password in result.output
    assert Mention.objects.count() == 60
    again = runner.invoke(main, ["demo", "--mentions", "60"])
    assert again.exit_code == 0 and "already has data" in again.output
    assert Mention.objects.count() == 60
    forced = runner.invoke(main, ["demo", "--mentions", "30", "--force"])
    assert forced.exit_code == 0, forced.output
    assert Mention.objects.count() == 90 and Client.objects.count() == 3
    assert verify().ok


def test_the_demo_s_safety_history_has_nothing_past_due_and_every_ending_is_a_safety_reviewer_s(
        small_demo: str) -> None:
    from carewatch.safety.models import ENDED, SafetyCase
    from carewatch.safety.reconciliation import reconcile

    assert SafetyCase.objects.exists()
    ended = SafetyCase.objects.filter(status__in=ENDED)
    assert all(c.ended_by is not None and c.ended_by.email == "safety@agency.test" for c in ended)
    today = timezone.now().date()
    for client in Client.objects.all():
        rec = reconcile(client, today - timedelta(days=15), today)
        assert rec.overdue == [], rec.headline


def test_the_history_load_schedules_no_spike_detection_unless_a_client_has_an_active_incident(
        db: Any, settings: Any) -> None:
    from django.core.cache import cache

    from carewatch.crisis.models import Incident
    from carewatch.demo.load import apply_agency, demo_channels, ingest

    settings.CAREWATCH_CRISIS_THROTTLE_SECONDS = 3600  # a scheduled detection's mark outlives the test
    channels = demo_channels(apply_agency())
    clients = sorted({c.client_key for c in channels})
    now = timezone.now()
    ids = dict(Client.objects.filter(slug__in=clients).values_list("slug", "pk"))
    cache.delete_many([f"crisis:{mark}:{pk}" for pk in ids.values() for mark in ("detect", "later")])
    ingest(Planner(channels, now, 7, {}).plan(60))
    assert all(cache.get(f"crisis:detect:{ids[slug]}") is None for slug in clients)
    assert settings.CAREWATCH_PIPELINE_OFF == []  # the step is back for the live pipeline

    # With an incident under way, the step runs: new mentions may belong to it.
    Incident.objects.create(client_id=ids[clients[0]], title="Recall rumour", playbook="recall", declared_at=now)
    ingest(Planner(channels, now, 8, {}).plan(60))
    assert cache.get(f"crisis:detect:{ids[clients[0]]}") is not None
