"""The reply policy blocks of a client's settings: read with defaults, refused when malformed
(config apply names the key), and a hand-edited broken block gives the strict policy."""

from __future__ import annotations

from typing import Any

import pytest

from carewatch.replies.policy import parse_policy, policy_for, validate_settings
from carewatch.tenancy.models import Client
from tests.replies.conftest import POLICY


def test_the_defaults_allow_free_text_with_approval_and_a_fifth_of_edits() -> None:
    policy = parse_policy({})
    assert policy.free_text and policy.max_edit_ratio == 0.2 and policy.approvals_required == 1
    assert policy.approval.free_text and policy.approval.edited_template and not policy.approval.always
    assert policy.char_limit("x") == 280 and policy.char_limit("facebook", dm=True) == 2000


def test_a_full_policy_is_read() -> None:
    policy = parse_policy(POLICY)
    assert policy.variables["mi_phone"] == "1-800-555-0100"
    assert policy.approval.tiers == {"adverse_event": "supervisor"}
    assert policy.product_risk["Glucavio"].isi_url == "https://glucavio.example/isi"
    assert validate_settings(POLICY, "client northwind") == POLICY


@pytest.mark.parametrize(("block", "key"), [
    ({"template_approvals_required": 0}, "template_approvals_required"),
    ({"reply_policy": {"max_edit_ratio": 2}}, "max_edit_ratio"),
    ({"reply_policy": {"free_txt": True}}, "unknown key"),
    ({"reply_policy": {"char_limits": {"myspace": 10}}}, "char_limits"),
    ({"approval": {"tiers": {"adverse_event": "boss"}}}, "approval.tiers.adverse_event"),
    ({"approval": {"always": "yes"}}, "approval.always"),
    ({"banned_words": "cure"}, "banned_words"),
    ({"product_risk": {"Glucavio": {"risk": "x"}}}, "product_risk.Glucavio"),
    ({"template_variables": {"mi phone": "1"}}, "template_variables"),
    ({"link_base_url": "go.example"}, "link_base_url"),
])
def test_a_malformed_block_is_refused_naming_the_key(block: dict[str, Any], key: str) -> None:
    with pytest.raises(ValueError, match=key):
        validate_settings(block, "client northwind")


def test_a_broken_block_edited_by_hand_gives_the_strict_policy(northwind: Client) -> None:
    northwind.settings = {"reply_policy": {"max_edit_ratio": "lots"}}
    policy = policy_for(northwind)
    assert not policy.free_text and policy.max_edit_ratio == 0 and policy.approval.always
