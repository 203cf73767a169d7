"""The pipeline's order lives in carewatch/pipeline/order.py, and no setting removes a compliance step."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured

from carewatch.inbox import ingest
from carewatch.pipeline import order
from carewatch.pipeline.apps import PipelineConfig
from carewatch.safety.models import SafetyCase
from carewatch.tenancy.models import Client
from tests.conftest import MentionFactory


def test_the_ingest_task_hands_new_mentions_to_the_pipeline_s_order() -> None:
    assert ingest._screening is order.screen_new_mentions


def test_without_the_pipeline_new_mentions_are_refused_rather_than_left_unscreened(monkeypatch: Any) -> None:
    monkeypatch.setattr(ingest, "_screening", None)
    with pytest.raises(ImproperlyConfigured, match="cannot be screened"):
        ingest.run_triage([])


def test_an_adverse_event_opens_its_safety_case_whatever_the_optional_steps(
        northwind: Client, make_mention: MentionFactory, settings: Any) -> None:
    settings.CAREWATCH_PIPELINE_OFF = list(order.OPTIONAL_STEPS)
    mention = make_mention(northwind, "I took Glucavio yesterday and woke up with a terrible rash", author="ann")
    assert "adverse_event" in mention.labels
    assert SafetyCase.objects.filter(links__mention=mention).exists()


def test_naming_an_unknown_or_compliance_step_to_switch_off_stops_start_up(settings: Any) -> None:
    import carewatch.pipeline

    settings.CAREWATCH_PIPELINE_OFF = ["triage"]
    with pytest.raises(ImproperlyConfigured, match="compliance steps cannot be switched off"):
        PipelineConfig("carewatch.pipeline", carewatch.pipeline).ready()
    settings.CAREWATCH_PIPELINE_OFF = []
    PipelineConfig("carewatch.pipeline", carewatch.pipeline).ready()
