"""Giveaways: §1.10 checks on definition, entries from ingested comments with reasons, a
reproducible audited draw that `carewatch giveaway verify` re-runs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from click.testing import CliRunner
from django.core.exceptions import PermissionDenied, ValidationError

from carewatch.audit.models import AuditEvent
from carewatch.programs.actions import collect_entries, do_define_giveaway, do_draw
from carewatch.programs.cli import giveaway as giveaway_cli
from carewatch.programs.draw import draw, entries_hash, verify_draw
from carewatch.programs.models import Giveaway, Influencer
from tests.programs.conftest import Send

RULES = "https://northwind.example/giveaway-rules"
ANNOUNCEMENT = (f"🎁 Win a Northwind wellness kit! Comment your favourite morning habit to enter. No purchase "
                f"necessary. 18+, US residents. Official rules: {RULES}. By entering you release Instagram from any "
                "liability. This promotion is not sponsored, endorsed or administered by, or associated with, "
                "Instagram.")


def spec(**overrides: Any) -> dict[str, Any]:
    now = datetime.now(UTC)
    base: dict[str, Any] = {
        "name": "Winter wellness kit", "rules_url": RULES, "starts_at": now - timedelta(days=1),
        "ends_at": now + timedelta(hours=1), "platforms": ["instagram"], "entry_method": "comment",
        "min_age": 18, "countries": ["US"], "winners_count": 2, "alternates_count": 1,
        "prize": "Wellness kit (water bottle, yoga mat)", "prize_value": Decimal("80"), "announcement": ANNOUNCEMENT,
    }
    base.update(overrides)
    return base


def test_a_compliant_giveaway_is_defined_with_its_checks(roster: Influencer, sam: Any) -> None:
    g = do_define_giveaway(sam, roster.client, spec())
    assert g.reference == "NORTHWIND-GW-0001" and g.status == "open"
    assert g.checks == []


@pytest.mark.parametrize("overrides,rule", [
    ({"prize": "A 3-month supply of Glucavio"}, "giveaway.rx_prize"),
    ({"prize_is_rx": True}, "giveaway.rx_prize"),
    ({"platforms": ["facebook"], "announcement": ANNOUNCEMENT.replace("Instagram", "Facebook")
      + " Share this post on your timeline to enter!"}, "giveaway.facebook_share_or_tag"),
    ({"platforms": ["facebook"], "entry_method": "comment_tag",
      "announcement": ANNOUNCEMENT.replace("Instagram", "Facebook")}, "giveaway.facebook_share_or_tag"),
    ({"rules_url": ""}, "giveaway.rules_link"),
    ({"announcement": ANNOUNCEMENT.replace("you release Instagram from any liability", "you agree")},
     "giveaway.platform_release"),
    ({"announcement": ANNOUNCEMENT.split(" This promotion")[0]}, "giveaway.non_affiliation"),
    ({"purchase_required": True}, "giveaway.consideration"),
    ({"min_age": 16}, "giveaway.min_age"),
])
def test_a_giveaway_breaking_a_rule_is_refused(roster: Influencer, sam: Any, overrides: dict[str, Any],
                                               rule: str) -> None:
    from carewatch.programs.giveaway_rules import check_giveaway

    g = Giveaway(client=roster.client, **spec(**overrides))
    assert rule in [f["rule"] for f in check_giveaway(g, roster.client) if f["level"] == "fail"]
    with pytest.raises(ValidationError):
        do_define_giveaway(sam, roster.client, spec(**overrides))


def test_instagram_comment_and_tag_entry_is_allowed(roster: Influencer, sam: Any) -> None:
    assert do_define_giveaway(sam, roster.client, spec(entry_method="comment_tag")).checks == []


def test_a_big_prize_without_ny_and_fl_registration_warns(roster: Influencer, sam: Any) -> None:
    g = do_define_giveaway(sam, roster.client, spec(prize_value=Decimal("3000")))
    assert [f["rule"] for f in g.checks] == ["giveaway.registration", "giveaway.registration"]
    g2 = do_define_giveaway(sam, roster.client, spec(prize_value=Decimal("3000"),
                                                     registration={"NY": "NY-2026-1", "FL": "FL-2026-9"}))
    assert g2.checks == []


def test_only_supervisors_define_giveaways(roster: Influencer, alice: Any) -> None:
    with pytest.raises(PermissionDenied):
        do_define_giveaway(alice, roster.client, spec())


def _run(roster: Influencer, sam: Any, send: Send) -> Giveaway:
    g = do_define_giveaway(sam, roster.client, spec())
    send(roster.client, ANNOUNCEMENT, author="northwind", kind="post", external_id="gw-post")
    from carewatch.tenancy.models import Channel

    channel = Channel.objects.get(client=roster.client, platform="instagram")
    g.posts = [{"channel_id": channel.pk, "thread_key": "gw-post"}]
    g.excluded_handles = ["staffer"]
    g.save()
    for author, text in [("ana", "Stretching first!"), ("ben", "Coffee then a walk"), ("ana", "Again me!"),
                         ("cy", "Yoga"), ("staffer", "Me too"), ("dee", "Journaling"), ("eve", "Glucavio gave me a "
                                                                                          "horrible rash lol")]:
        send(roster.client, text, author=author, kind="comment", thread="gw-post")
    return g


def test_entries_are_collected_with_duplicate_and_ineligible_reasons(roster: Influencer, sam: Any,
                                                                     send: Send) -> None:
    g = _run(roster, sam, send)
    counts = collect_entries(g)
    assert counts == {"eligible": 5, "duplicate": 1, "ineligible": 1}
    reasons = dict(g.entries.exclude(status="eligible").values_list("author_handle", "reason"))
    assert "one entry per person" in reasons["ana"] and "excluded" in reasons["staffer"]
    assert collect_entries(g) == counts  # idempotent
    assert g.entries.count() == 7


def test_the_draw_is_recorded_and_verified_by_the_cli(roster: Influencer, sam: Any, send: Send) -> None:
    g = _run(roster, sam, send)
    collect_entries(g)
    with pytest.raises(ValidationError, match="still open"):
        do_draw(sam, g)
    with time_machine.travel(g.ends_at + timedelta(minutes=1)):
        g = do_draw(sam, g)
    assert len(g.seed) == 64 and len(g.winners) == 2 and len(g.alternates) == 1
    assert g.entries_sha256 == entries_hash(g.frozen_entries) and len(g.frozen_entries) == 5
    assert AuditEvent.objects.filter(action="programs.giveaway.draw", data__seed=g.seed).exists()
    result = CliRunner().invoke(giveaway_cli, ["verify", g.reference])
    assert result.exit_code == 0, result.output
    for w in g.winners:
        assert f"@{w['handle']}" in result.output or w["handle"] in result.output
    assert "verified" in result.output and g.seed in result.output
    with pytest.raises(ValidationError, match="drawn already"):
        do_draw(sam, g)


def test_a_tampered_entry_list_fails_verification(roster: Influencer, sam: Any, send: Send) -> None:
    g = _run(roster, sam, send)
    collect_entries(g)
    with time_machine.travel(g.ends_at + timedelta(minutes=1)):
        g = do_draw(sam, g)
    g.frozen_entries = g.frozen_entries[1:]
    g.save()
    assert not verify_draw(g).ok
    result = CliRunner().invoke(giveaway_cli, ["verify", str(g.pk)])
    assert result.exit_code == 1


def test_the_draw_depends_only_on_the_seed_and_the_list() -> None:
    entries = [{"entry": i, "handle": f"h{i}"} for i in range(50)]
    seed = "ab" * 32
    first = draw(entries, seed, 5)
    assert first == draw(list(entries), seed, 5)
    assert first != draw(entries, "cd" * 32, 5)
    assert len({e["entry"] for e in first}) == 5


def test_an_entry_reporting_a_side_effect_still_opens_a_safety_case(roster: Influencer, sam: Any,
                                                                     send: Send) -> None:
    from carewatch.inbox.models import Mention
    from carewatch.safety.models import SafetyCase

    _run(roster, sam, send)
    rash = Mention.objects.get(author__handle="eve")
    assert SafetyCase.objects.filter(case=rash.case).exists()


def test_winners_are_notified_and_a_forfeit_notifies_the_next_alternate_without_changing_the_draw(
        roster: Influencer, sam: Any, send: Send) -> None:
    from carewatch.programs.actions import do_forfeit_winner, do_notify_winners

    g = _run(roster, sam, send)
    collect_entries(g)
    with time_machine.travel(g.ends_at + timedelta(minutes=1)):
        g = do_draw(sam, g)
    g = do_notify_winners(sam, g)
    assert [n["handle"] for n in g.notifications] == [w["handle"] for w in g.winners]
    assert RULES in g.notifications[0]["message"]
    g = do_forfeit_winner(sam, g, g.winners[0]["handle"], "no answer in 72 hours")
    assert g.notifications[0]["status"] == "forfeited"
    assert g.notifications[-1] == {**g.notifications[-1], "handle": g.alternates[0]["handle"], "role": "alternate"}
    assert verify_draw(g).ok
