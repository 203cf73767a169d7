"""Fixtures the safety desk's page tests share."""

from __future__ import annotations

from typing import Any

import pytest

from carewatch.safety.models import SafetyCase
from carewatch.tenancy.models import Client

AE_TEXT = "Since starting Glucavio I have terrible nausea and headaches"


@pytest.fixture
def flagged(northwind: Client, make_mention: Any) -> SafetyCase:
    """The adverse-event safety case of one Northwind comment, with a PV address to forward to."""
    northwind.settings = {"pv_forward_to": ["pv@northwind.test"]}
    northwind.save()
    mention = make_mention(northwind, AE_TEXT, author="nwpatient")
    return SafetyCase.objects.get(links__mention=mention, kind="adverse_event")
