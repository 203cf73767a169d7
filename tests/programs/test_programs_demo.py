"""The demo's programs: 12 influencers with passing and failing posts, UGC in every state, one
finished giveaway whose draw verifies."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from carewatch.audit.chain import verify
from carewatch.demo.load import load_demo
from carewatch.inbox.models import Mention
from carewatch.programs.draw import verify_draw
from carewatch.programs.models import Giveaway, Influencer, PostCheck, ProgramTask, RightsRequest, SponsoredPost


def test_the_demo_has_a_roster_of_twelve_with_a_mix_of_verdicts_ugc_in_every_state_and_a_drawn_giveaway(
        db: Any) -> None:
    summary = load_demo(mentions=600)
    assert "600 mentions" in summary and Mention.objects.count() == 600
    assert Influencer.objects.count() == 12
    verdicts = set(PostCheck.objects.values_list("verdict", flat=True))
    assert verdicts >= {"pass", "fail", "warn", "needs_review"}
    assert ProgramTask.objects.filter(status="open").exists()
    assert ProgramTask.objects.filter(status="done", close_reason__startswith="re-check").exists()
    assert SponsoredPost.objects.exists()
    assert set(RightsRequest.objects.values_list("status", flat=True)) == {
        "requested", "granted", "declined", "revoked", "expired"}
    g = Giveaway.objects.get()
    assert g.status == "drawn" and len(g.winners) == 2
    assert verify_draw(g).ok
    assert g.entries.filter(status="duplicate").exists() and g.entries.filter(status="ineligible").exists()
    assert verify().ok
    times = list(Mention.objects.values_list("created_at", flat=True))
    assert max(times) - min(times) <= timedelta(days=15)  # the programs stay within the demo's two weeks
    assert set(Mention.objects.values_list("language", flat=True)) <= {"en", "es", "fr"}
