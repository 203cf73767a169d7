"""Planned times in the client's zone across DST changes, and the lint on each platform variant."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from carewatch.content import actions
from carewatch.content.checks import lint_once_per_text, lint_variant
from carewatch.content.times import parse_local, to_utc
from carewatch.tenancy.models import Client, Product, User
from tests.content.conftest import ISI_URL, RISK, channel, draft


def test_a_wall_clock_time_becomes_utc_with_the_offset_of_that_day() -> None:
    # New York: EDT (UTC-4) before 1 Nov 2026, EST (UTC-5) after.
    assert to_utc(datetime(2026, 10, 31, 9, 0), "America/New_York") == datetime(2026, 10, 31, 13, 0, tzinfo=UTC)
    assert to_utc(datetime(2026, 11, 2, 9, 0), "America/New_York") == datetime(2026, 11, 2, 14, 0, tzinfo=UTC)
    # Berlin: CEST → CET on 25 Oct 2026.
    assert to_utc(datetime(2026, 10, 26, 9, 0), "Europe/Berlin") == datetime(2026, 10, 26, 8, 0, tzinfo=UTC)


def test_a_time_skipped_when_the_clocks_go_forward_is_refused() -> None:
    with pytest.raises(ValidationError, match="does not exist"):
        to_utc(datetime(2026, 3, 8, 2, 30), "America/New_York")
    with pytest.raises(ValidationError, match="does not exist"):
        to_utc(datetime(2026, 3, 29, 2, 15), "Europe/Berlin")


def test_a_time_repeated_when_the_clocks_go_back_is_the_first_unless_the_second_is_asked_for() -> None:
    first = to_utc(datetime(2026, 11, 1, 1, 30), "America/New_York")
    second = to_utc(datetime(2026, 11, 1, 1, 30), "America/New_York", second=True)
    assert first == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)  # still EDT
    assert second == datetime(2026, 11, 1, 6, 30, tzinfo=UTC)  # EST, an hour later


def test_a_form_time_is_read_as_a_wall_clock_time() -> None:
    assert parse_local("2026-12-20T10:00") == datetime(2026, 12, 20, 10, 0)
    assert parse_local("2026-12-20 10:00") == datetime(2026, 12, 20, 10, 0)
    with pytest.raises(ValidationError):
        parse_local("next tuesday")


def test_a_post_planned_in_the_client_s_zone_keeps_that_zone(content_client: Client, alice: User) -> None:
    post = draft(alice, content_client, planned=datetime(2026, 7, 4, 9, 0))
    assert post.planned_at == datetime(2026, 7, 4, 13, 0, tzinfo=UTC)
    assert post.planned_tz == "America/New_York"


def test_rescheduling_across_the_dst_change_keeps_the_wall_clock_time(content_client: Client, alice: User) -> None:
    post = draft(alice, content_client, planned=datetime(2026, 10, 30, 9, 0))
    post = actions.do_reschedule(alice, post, datetime(2026, 11, 6, 9, 0))
    assert post.planned_at == datetime(2026, 11, 6, 14, 0, tzinfo=UTC)
    with pytest.raises(ValidationError, match="does not exist"):
        actions.do_reschedule(alice, post, datetime(2027, 3, 14, 2, 30))


# ------------------------------------------------------------------ lint
def rules(client: Client, platform: str, text: str, media: list[dict[str, str]] | None = None) -> set[str]:
    return {f.rule for f in lint_variant(client, platform, text, media or []) if f.blocking}


def test_each_variant_is_checked_against_its_own_platform_s_length(content_client: Client) -> None:
    text = "Talk to your doctor about your diabetes care plan today. " * 6  # ~340 characters
    assert "length" in rules(content_client, "x", text)
    assert "length" not in rules(content_client, "facebook", text)
    assert "length" not in rules(content_client, "linkedin", text)


def test_x_counts_a_link_as_23_characters(content_client: Client) -> None:
    long_link = "https://northwind.example/" + "care/" * 40  # 226 characters, counted as 23
    assert "length" not in rules(content_client, "x", "a" * 250 + " " + long_link)  # 274
    assert "length" in rules(content_client, "x", "a" * 250 + " " + long_link + " " + "b" * 10)  # 285


def test_a_product_claim_needs_fair_balance_and_the_isi_link(content_client: Client) -> None:
    claim = "Glucavio lowers A1C."
    assert "fair_balance" in rules(content_client, "facebook", claim)
    balanced = f"Glucavio (semaglutide) lowers A1C. Glucavio {RISK}. Full risk information: {ISI_URL}"
    assert "fair_balance" not in rules(content_client, "facebook", balanced)


def test_off_label_use_medical_advice_phi_and_banned_words_block(content_client: Client) -> None:
    Product.objects.filter(client=content_client).update(indications=["type 2 diabetes"])
    assert "medical_content" in rules(content_client, "facebook", "You can double the dose if you miss one.")
    assert "phi" in rules(content_client, "facebook", "Congratulations John Smith, DOB 04/12/1961, MRN 12345678!")
    assert "banned_word" in rules(content_client, "instagram", "A guaranteed result", [{"url": "https://a.example/i.jpg",
                                                                                          "kind": "image"}])


def test_a_bulk_load_lints_each_distinct_variant_once_and_gets_the_same_findings(
        content_client: Client, alice: User, django_assert_num_queries: Any) -> None:
    claim = "Glucavio lowers A1C. A guaranteed result."
    expected = lint_variant(content_client, "facebook", claim, [], alice)
    assert {"fair_balance", "banned_word"} <= {f.rule for f in expected}
    with lint_once_per_text():
        assert lint_variant(content_client, "facebook", claim, [], alice) == expected
        with django_assert_num_queries(0):  # the same variant again: the findings are reused
            assert lint_variant(content_client, "facebook", claim, [], alice) == expected
        assert lint_variant(content_client, "x", claim, [], alice) != []  # another platform is linted anew
    # Outside the block nothing is reused: a change of the client's banned words is seen at once.
    content_client.settings = {**(content_client.settings or {}), "banned_words": []}
    content_client.save(update_fields=["settings"])
    assert "banned_word" not in {f.rule for f in lint_variant(content_client, "facebook", claim, [], alice)}


def test_instagram_needs_media_and_tiktok_a_video(content_client: Client) -> None:
    assert "media" in rules(content_client, "instagram", "Hello")
    assert "media" not in rules(content_client, "instagram", "Hello", [{"url": "https://a.example/i.jpg",
                                                                       "kind": "image"}])
    assert "media" in rules(content_client, "tiktok", "Hello", [{"url": "https://a.example/i.jpg", "kind": "image"}])


def test_instagram_takes_thirty_hashtags_at_most(content_client: Client) -> None:
    media = [{"url": "https://a.example/i.jpg", "kind": "image"}]
    assert "hashtags" in rules(content_client, "instagram", " ".join(f"#tag{i}" for i in range(31)), media)
    assert "hashtags" not in rules(content_client, "instagram", " ".join(f"#tag{i}" for i in range(30)), media)


def test_the_findings_of_every_variant_are_kept_on_the_version(content_client: Client, alice: User) -> None:
    post = actions.do_create_post(alice, content_client, "Claims", {
        "facebook": "Glucavio lowers A1C.", "x": "Talk to your doctor."},
        [channel(content_client, "facebook").pk, channel(content_client, "x").pk])
    assert post.current is not None
    assert {f["rule"] for f in post.current.lint["facebook"]} >= {"fair_balance"}
    assert not [f for f in post.current.lint["x"] if f["blocking"]]


def test_a_target_channel_needs_its_platform_s_text(content_client: Client, alice: User) -> None:
    with pytest.raises(ValidationError, match="has no X text"):
        actions.do_create_post(alice, content_client, "t", {"facebook": "Hi"},
                               [channel(content_client, "facebook").pk, channel(content_client, "x").pk])
