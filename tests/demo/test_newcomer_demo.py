"""Issue 13: the demo desk is set up as a real one — approved templates for every client,
language and category, routing rules, SLA and three-touch policies, on-call rotations."""

from __future__ import annotations

from typing import Any

import pytest

from carewatch.demo.load import load_demo
from carewatch.responses.models import Category, Template, TemplateVersion, VersionStatus
from carewatch.routing.models import RoutingRule
from carewatch.tenancy.models import Client

SEEDED = {Category.AE_ACKNOWLEDGEMENT, Category.MEDICAL_INFORMATION, Category.COMPLAINT,
          Category.PRODUCT_COMPLAINT, Category.GENERAL_QUESTION, Category.UGC_RIGHTS_REQUEST, Category.GIVEAWAY,
          Category.FOLLOW_UP_TOUCH_2, Category.FOLLOW_UP_TOUCH_3}


@pytest.fixture
def demo(db: Any) -> str:
    return load_demo(mentions=120)


def test_every_client_has_an_approved_template_per_language_and_category(demo: str) -> None:
    for client in Client.objects.all():
        for language in client.languages:
            categories = set(TemplateVersion.objects.filter(
                client=client, status=VersionStatus.APPROVED, template__language=language)
                .values_list("template__category", flat=True))
            assert categories == SEEDED, (client.slug, language)
    assert not TemplateVersion.objects.filter(status=VersionStatus.IN_REVIEW, source="config").exists()
    assert Template.objects.count() == 9 * 6


def test_the_demo_clients_have_routing_sla_three_touch_and_on_call(demo: str) -> None:
    for client in Client.objects.all():
        assert RoutingRule.objects.filter(client=client, enabled=True).exists(), client.slug
        settings = client.settings
        assert settings["sla"]["first_response_minutes"] and settings["three_touch"]["labels"]
        assert settings["oncall"] and settings["contact_points"]
