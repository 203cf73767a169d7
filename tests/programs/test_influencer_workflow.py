"""Roster posts arriving through the pipeline are checked; a failing one opens a task for the
agency owner with the correction request; an edit is checked again; the history is kept; comments
under a sponsored post are the client's own."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from carewatch.audit.models import AuditEvent
from carewatch.configuration.as_code import apply_config
from carewatch.programs.actions import do_close_task, do_recheck, do_save_influencer, recheck_edited
from carewatch.programs.config import apply_roster
from carewatch.programs.models import Influencer, PostCheck, ProgramTask, SponsoredPost
from carewatch.safety.models import SafetyCase
from carewatch.tenancy.config import ConfigError
from tests.programs.conftest import Send

FAILING = "Obsessed with my Glucavio pen routine!\nLink in bio ✨"
PASSING = "#ad Obsessed with my Glucavio pen routine!\nLink in bio ✨"


def test_a_failing_roster_post_opens_a_task_for_the_owner_with_the_correction_request(
        roster: Influencer, alice: Any, send: Send) -> None:
    post = send(roster.client, FAILING, author="MayaGlows", kind="post")
    check = PostCheck.objects.get(mention=post)
    assert check.verdict == "fail" and check.influencer == roster
    task = ProgramTask.objects.get(external_id=post.external_id)
    assert task.assignee == alice and task.status == "open"
    assert "Maya" in task.message and "#ad" in task.message and "Northwind Pharma" in task.message
    assert AuditEvent.objects.filter(action="programs.post.check", object_id=str(check.pk)).exists()


def test_an_edited_post_is_checked_again_and_the_task_closes_when_it_passes(
        roster: Influencer, send: Send) -> None:
    post = send(roster.client, FAILING, author="mayaglows", kind="post", external_id="ig-post-1")
    send(roster.client, PASSING, author="mayaglows", kind="post", external_id="ig-post-1", edit=True)
    rechecked = recheck_edited()
    assert [c.verdict for c in rechecked] == ["pass"]
    history = list(PostCheck.objects.filter(mention=post).order_by("id").values_list("verdict", "trigger"))
    assert history == [("fail", "ingest"), ("pass", "edit")]
    task = ProgramTask.objects.get(external_id="ig-post-1")
    assert task.status == "done" and "pass" in task.close_reason
    assert recheck_edited() == []  # nothing changed since


def test_the_same_text_is_not_checked_twice_by_the_pipeline(roster: Influencer, send: Send) -> None:
    post = send(roster.client, PASSING, author="mayaglows", kind="post", external_id="same")
    send(roster.client, PASSING, author="mayaglows", kind="post", external_id="same")
    assert PostCheck.objects.filter(mention=post).count() == 1


def test_a_post_by_someone_off_the_roster_is_not_checked(roster: Influencer, send: Send) -> None:
    send(roster.client, FAILING, author="randomfan", kind="post")
    assert not PostCheck.objects.exists()


def test_a_comment_under_a_sponsored_post_is_the_clients_own_with_day_zero_at_the_comment(
        roster: Influencer, send: Send) -> None:
    post = send(roster.client, PASSING, author="mayaglows", kind="post", external_id="sp-1")
    assert SponsoredPost.objects.filter(thread_key=post.thread_key, influencer=roster).exists()
    comment = send(roster.client, "I started Glucavio after your post and got terrible nausea and vomiting for 3 days",
                   author="jo", kind="comment", thread="sp-1", external_id="c-1")
    assert comment.platform_meta.get("program_sponsorship") == "influencer"
    safety = SafetyCase.objects.get(case=comment.case)
    assert safety.day0 == comment.created_at
    assert safety.day0_basis == "posted"


def test_a_recheck_by_hand_is_a_new_history_row(roster: Influencer, alice: Any, send: Send) -> None:
    post = send(roster.client, PASSING, author="mayaglows", kind="post")
    do_recheck(alice, post)
    assert PostCheck.objects.filter(mention=post).count() == 2


def test_a_viewer_cannot_close_a_task_and_another_clients_agent_gets_a_404(
        roster: Influencer, victor: Any, bob: Any, alice: Any, send: Send) -> None:
    from django.http import Http404

    send(roster.client, FAILING, author="mayaglows", kind="post")
    task = ProgramTask.objects.get()
    with pytest.raises(PermissionDenied):
        do_close_task(victor, task, "done")
    with pytest.raises(Http404):
        do_close_task(bob, task, "done")
    assert do_close_task(alice, task, "asked by DM").status == "done"


def test_the_roster_comes_from_the_config_file_idempotently(northwind: Any) -> None:
    text = """
clients:
  - slug: northwind
    name: Northwind Pharma
    timezone: America/New_York
    programs: {rights_hashtag: "#YesNorthwind", terms_url: "https://northwind.example/terms"}
    influencers:
      - name: Lena Vogel
        handles: {instagram: lenavogel, youtube: [LenaVogelDE]}
        contract_start: 2026-02-01
        contract_end: 2026-08-31
        material_connection: free_product
        required_tokens: ["#werbung"]
        products: [Glucavio]
        owner: alice@agency.test
"""
    changes = apply_config(text)
    assert "create influencer Lena Vogel for northwind" in changes
    lena = Influencer.objects.get(name="Lena Vogel")
    assert sorted(lena.handles.values_list("platform", "handle")) == [("instagram", "lenavogel"),
                                                                     ("youtube", "lenavogelde")]
    assert lena.material_connection == "free_product"
    assert not any("influencer" in c for c in apply_config(text))
    from carewatch.configuration.as_code import export_config

    exported = export_config()
    assert "Lena Vogel" in exported and "lenavogelde" in exported
    assert not any("influencer" in c for c in apply_config(exported))  # the export applies as no change
    assert AuditEvent.objects.filter(action="programs.influencer.create").count() == 1


def test_a_malformed_roster_entry_stops_the_config_apply(northwind: Any) -> None:
    with pytest.raises(ConfigError, match="material_connection"):
        apply_config("clients:\n  - slug: northwind\n    influencers:\n      - name: X\n"
                     "        material_connection: bribe\n")
    with pytest.raises(ConfigError, match="unknown platform"):
        apply_config("clients:\n  - slug: northwind\n    influencers:\n      - name: X\n"
                     "        handles: {myspace: x}\n")


def test_a_handle_belongs_to_one_influencer_per_client(roster: Influencer, sam: Any) -> None:
    with pytest.raises(ValidationError, match="already Maya Reyes"):
        do_save_influencer(sam, roster.client, {"name": "Other", "handles": {"instagram": "mayaglows"}})


def test_only_admins_and_supervisors_change_the_roster(roster: Influencer, alice: Any, sam: Any) -> None:
    with pytest.raises(PermissionDenied):
        do_save_influencer(alice, roster.client, {"name": "New One", "handles": {"x": "newone"}})
    inf = do_save_influencer(sam, roster.client, {"name": "New One", "handles": {"x": "@NewOne"},
                                                  "contract_end": "2027-01-31"})
    assert inf.handles.get().handle == "newone"


def test_a_failing_video_needs_a_human_check_task(roster: Influencer, send: Send) -> None:
    from carewatch.tenancy.models import Channel

    Channel.objects.create(client=roster.client, platform="tiktok", handle="northwind_tt", external_id="tt")
    send(roster.client, "#ad my morning routine", platform="tiktok", author="mayaglows", kind="mention")
    task = ProgramTask.objects.get()
    assert task.kind == "influencer_review"
    assert PostCheck.objects.get().verdict == "needs_review"


def test_contract_dates_are_checked(northwind: Any) -> None:
    with pytest.raises(ConfigError, match="ends before it starts"), transaction.atomic():
        apply_roster(northwind, [{"name": "Z", "contract_start": "2026-05-01", "contract_end": "2026-01-01"}], [])
    assert not Influencer.objects.filter(name="Z").exists()


def test_reports_count_posts_checked_and_failing_by_their_latest_check(roster: Influencer, send: Send) -> None:
    from datetime import UTC, datetime

    from carewatch.programs.queries import program_counts

    send(roster.client, FAILING, author="mayaglows", kind="post", external_id="r-1")
    send(roster.client, FAILING, author="mayaglows", kind="post", external_id="r-2")
    send(roster.client, PASSING, author="mayaglows", kind="post", external_id="r-2", edit=True)
    recheck_edited()
    counts = program_counts([roster.client_id], datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))
    assert counts["influencer_posts_checked"] == 2
    assert counts["influencer_posts_failing"] == 1
    assert counts["influencer_checks"] == 3
