"""Retention, legal hold and data-subject requests never touch safety evidence."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from carewatch.audit.chain import verify
from carewatch.audit.models import AuditEvent
from carewatch.cli import main
from carewatch.configuration.as_code import apply_config
from carewatch.inbox.models import Author, Mention
from carewatch.retention.actions import REMOVED, do_apply_retention, do_subject_erase, subject_export
from carewatch.safety.models import SafetyCase, SafetyCaseMention
from carewatch.tenancy.config import ConfigError
from carewatch.tenancy.models import Client
from tests.conftest import MentionFactory

NOW = datetime.now(UTC)
AE = "I started Glucavio last week and now I have terrible nausea and vomiting every morning"
QUESTION = "Is Glucavio covered by my insurance plan this year?"


def keep_days(client: Client, days: int, hold: bool = False) -> None:
    client.settings = {**(client.settings or {}), "retention": {"mentions_days": days, "legal_hold": hold}}
    client.save()


def snapshot_of_safety() -> list[tuple[Any, ...]]:
    return sorted((link.pk, link.snapshot_hash, json.dumps(link.snapshot, sort_keys=True))
                  for link in SafetyCaseMention.objects.all())


def test_old_mentions_without_safety_relevance_are_anonymised_and_safety_evidence_is_kept(
        northwind: Client, make_mention: MentionFactory) -> None:
    old_question = make_mention(northwind, QUESTION, author="asker", created=NOW - timedelta(days=400))
    old_ae = make_mention(northwind, AE, author="patient", created=NOW - timedelta(days=400))
    recent = make_mention(northwind, QUESTION, author="asker2", created=NOW - timedelta(days=10))
    keep_days(northwind, 365)
    evidence = snapshot_of_safety()
    outcome = do_apply_retention(northwind, NOW)
    assert (outcome.anonymised, outcome.kept_for_safety) == (1, 1)
    old_question.refresh_from_db()
    assert old_question.text == REMOVED and old_question.url == ""
    assert Author.objects.get(pk=old_question.author_id).handle == ""
    assert Mention.objects.get(pk=old_ae.pk).text == AE
    assert Mention.objects.get(pk=recent.pk).text == QUESTION
    assert snapshot_of_safety() == evidence
    event = AuditEvent.objects.get(action="retention.apply")
    assert event.data["anonymised"] == 1 and QUESTION not in json.dumps(event.data)
    assert verify().ok


def test_a_client_under_legal_hold_keeps_everything(northwind: Client, make_mention: MentionFactory) -> None:
    make_mention(northwind, QUESTION, author="asker", created=NOW - timedelta(days=400))
    keep_days(northwind, 365, hold=True)
    assert do_apply_retention(northwind, NOW).anonymised == 0
    assert not Mention.objects.filter(text=REMOVED).exists()
    with pytest.raises(ValueError, match="legal hold"):
        do_subject_erase(northwind, "facebook", "asker", "DSR-2026-001 erasure request")


def test_the_retention_block_is_checked_by_config_apply(northwind: Client) -> None:
    with pytest.raises(ConfigError, match="mentions_days"):
        apply_config("clients:\n- slug: northwind\n  name: Northwind Pharma\n  timezone: America/New_York\n"
                     "  retention: {mentions_days: 5}\n")


def test_a_data_subject_export_lists_everything_and_marks_what_safety_keeps(
        northwind: Client, make_mention: MentionFactory) -> None:
    make_mention(northwind, QUESTION, author="pat")
    make_mention(northwind, AE, author="pat")
    data = subject_export(northwind, "facebook", "@Pat")
    assert len(data["mentions"]) == 2
    assert sorted(m["safety_relevant"] for m in data["mentions"]) == [False, True]
    assert data["safety_evidence"] and "pharmacovigilance" in data["safety_evidence"][0]["note"]
    assert AuditEvent.objects.filter(action="subject.export").exists()


def test_a_data_subject_erasure_keeps_and_explains_what_pharmacovigilance_requires(
        northwind: Client, make_mention: MentionFactory) -> None:
    question = make_mention(northwind, QUESTION, author="pat")
    adverse = make_mention(northwind, AE, author="pat")
    evidence = snapshot_of_safety()
    result = CliRunner().invoke(main, ["subject", "erase", "--client", "northwind", "--platform", "facebook",
                                       "--handle", "pat", "--reason", "DSR-2026-014 by e-mail"])
    assert result.exit_code == 0, result.output
    assert "1 message(s) anonymised; 1 kept for pharmacovigilance" in result.output
    assert f"kept #{adverse.pk}" in result.output
    assert Mention.objects.get(pk=question.pk).text == REMOVED
    assert Mention.objects.get(pk=adverse.pk).text == AE
    assert snapshot_of_safety() == evidence
    assert AuditEvent.objects.get(action="subject.erase").data["kept_for_safety"] == 1


ARRIVAL = st.tuples(st.sampled_from([AE, QUESTION, "Thanks for the quick answer yesterday!"]),
                    st.integers(min_value=0, max_value=900), st.sampled_from(["ann", "ben", "cy"]))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(arrivals=st.lists(ARRIVAL, min_size=1, max_size=8), days=st.integers(min_value=30, max_value=800),
       erase=st.sampled_from(["", "ann", "ben"]))
def test_no_retention_run_or_erasure_ever_changes_safety_evidence_or_a_safety_relevant_mention(
        northwind: Client, make_mention: MentionFactory, arrivals: list[tuple[str, int, str]], days: int,
        erase: str) -> None:
    Mention.objects.filter(client=northwind).update(text=REMOVED)  # earlier examples' mentions, out of the way
    made = [make_mention(northwind, text, author=author, created=NOW - timedelta(days=age))
            for text, age, author in arrivals]
    relevant = {m.pk: m.text for m in made
                if SafetyCaseMention.objects.filter(mention=m).exists() or "adverse_event" in m.labels}
    evidence = snapshot_of_safety()
    cases = sorted(SafetyCase.objects.values_list("pk", "status", "elements"))
    keep_days(northwind, days)
    do_apply_retention(northwind, NOW)
    if erase:
        do_subject_erase(northwind, "facebook", erase, "DSR property test request")
    assert snapshot_of_safety() == evidence
    assert sorted(SafetyCase.objects.values_list("pk", "status", "elements")) == cases
    for pk, text in relevant.items():
        assert Mention.objects.get(pk=pk).text == text
    for mention in made:
        mention.refresh_from_db()
        if mention.pk not in relevant and mention.created_at >= NOW - timedelta(days=days) and not erase:
            assert mention.text != REMOVED
    assert verify().ok
