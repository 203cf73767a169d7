"""Northwind with a reply policy, approved templates and the people who write and approve replies."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction

from carewatch.lib.secrets import seal
from carewatch.replies import actions
from carewatch.replies.models import Template, TemplateVersion
from carewatch.tenancy.models import Channel, Client, Role, User
from tests.conftest import make_user

PAGE_TOKEN = "EAAB-northwind-page-token"
MI_PHONE = "1-800-555-0100"
ISI_URL = "https://glucavio.example/isi"
RISK = "may cause thyroid tumors"

MI_BODY = ("Hi {handle}, thank you for your question. Our Medical Information team can answer it: "
           "please call {mi_phone}.")
AE_BODY = ("Hi {handle}, we are sorry to hear this. We take every report seriously; our safety team will "
           "contact you privately. You can also reach us at {mi_phone}.")
GENERAL_BODY = "Hi {handle}, thanks for reaching out! You will find the details at https://northwind.example/help"

POLICY: dict[str, Any] = {
    "template_variables": {"mi_phone": MI_PHONE, "isi_url": ISI_URL},
    "reply_policy": {"free_text": True, "max_edit_ratio": 0.2},
    "approval": {"free_text": True, "edited_template": True, "influencer_or_vip": True,
                 "labels": ["off_label", "medical_inquiry", "adverse_event"], "tiers": {"adverse_event": "supervisor"}},
    "banned_words": ["miracle", "guaranteed"],
    "product_risk": {"Glucavio": {"risk": RISK, "isi_url": ISI_URL}},
}


@pytest.fixture
def policy(northwind: Client) -> Client:
    northwind.settings = {**POLICY}
    northwind.save()
    Channel.objects.filter(client=northwind).update(secrets={"page_access_token": seal(PAGE_TOKEN)})
    return northwind


@pytest.fixture
def rita(northwind: Client) -> User:
    """Northwind's client reviewer: approves templates and replies, writes no case."""
    return make_user("rita@agency.test", Role.REVIEWER, northwind)


@pytest.fixture
def tess(northwind: Client) -> User:
    """A second Northwind reviewer (for templates needing two approvals)."""
    return make_user("tess@agency.test", Role.REVIEWER, northwind)


def approved(client: Client, key: str, category: str, body: str, author: User, reviewer: User,
             language: str = "en") -> TemplateVersion:
    with transaction.atomic():
        template = Template.objects.filter(client=client, key=key, language=language).first()
        if template is None:
            template = actions.do_create_template(author, client, key, language, category)
        version = actions.do_new_version(author, template, body, submit=True)
        return actions.do_approve_version(reviewer, version)


@pytest.fixture
def templates(policy: Client, sam: User, rita: User) -> dict[str, TemplateVersion]:
    return {
        "mi": approved(policy, "mi-referral", "medical_information", MI_BODY, sam, rita),
        "ae": approved(policy, "ae-ack", "ae_acknowledgement", AE_BODY, sam, rita),
        "general": approved(policy, "general", "general_question", GENERAL_BODY, sam, rita),
    }
