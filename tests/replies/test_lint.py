"""The compliance lint: each rule with a text it passes and a text it blocks."""

from __future__ import annotations

from typing import Any

from carewatch.inbox.models import Case
from carewatch.replies import library
from carewatch.replies.lint import lint, short_link_prefix
from carewatch.replies.models import TemplateVersion
from carewatch.replies.policy import policy_for
from carewatch.tenancy.models import Client, User
from tests.conftest import MentionFactory
from tests.replies.conftest import ISI_URL, MI_PHONE, RISK


def rules(findings: list[Any], blocking: bool | None = True) -> set[str]:
    return {f.rule for f in findings if blocking is None or f.blocking == blocking}


def rendered(version: TemplateVersion, case: Case, user: User | None = None) -> str:
    return library.render(version.body, library.values_for(case.client, case, user))


def test_phi_in_a_reply_blocks_with_the_offending_words(policy: Client) -> None:
    text = "Hi, we tried you at 555-867-5309 and wrote to jane.doe@example.com."
    findings = [f for f in lint(policy, text) if f.rule == "phi"]
    assert {text[f.start:f.end] for f in findings} == {"555-867-5309", "jane.doe@example.com"}
    assert all(f.blocking for f in findings)


def test_the_client_s_own_phone_number_names_and_pages_are_not_phi(policy: Client, alice: User) -> None:
    text = (f"Hi, this is Northwind Pharma. Please call {MI_PHONE} or see https://facebook.com/NorthwindRx. "
            f"Regards, {alice.display_name}")
    assert "phi" not in rules(lint(policy, text, user=alice))
    assert "phi" in rules(lint(policy, "We saw https://facebook.com/pat.jones.77 post about it"))


def test_a_reply_to_an_adverse_event_that_is_not_the_ae_script_blocks(
        templates: dict[str, TemplateVersion], make_mention: MentionFactory) -> None:
    mention = make_mention(templates["ae"].template.client,
                           "Since starting Glucavio I have terrible nausea and headaches")
    case = mention.case
    assert case is not None and case.safety_cases.filter(kind="adverse_event").exists()
    findings = lint(case.client, "So sorry! Drink plenty of water and it will pass.", case)
    assert "ae_script" in rules(findings)
    ae = next(f for f in findings if f.rule == "ae_script")
    assert (ae.start, ae.end) == (0, len("So sorry! Drink plenty of water and it will pass."))


def test_the_ae_script_as_approved_passes_on_an_adverse_event_case(
        templates: dict[str, TemplateVersion], make_mention: MentionFactory) -> None:
    mention = make_mention(templates["ae"].template.client,
                           "Since starting Glucavio I have terrible nausea and headaches")
    case = mention.case
    assert case is not None
    assert rules(lint(case.client, rendered(templates["ae"], case), case)) == set()
    # an edited script is not the script
    edited = rendered(templates["ae"], case).replace("We take every report seriously; ", "")
    assert "ae_script" in rules(lint(case.client, edited, case))


def test_a_free_text_answer_to_an_off_label_question_blocks_and_the_mi_template_passes(
        templates: dict[str, TemplateVersion], make_mention: MentionFactory) -> None:
    mention = make_mention(templates["mi"].template.client, "Can I use Glucavio for weight loss?")
    case = mention.case
    assert case is not None and "off_label" in library.case_labels(case)
    findings = lint(case.client, "Yes, lots of people use it for that!", case)
    assert "medical_content" in rules(findings)
    assert rules(lint(case.client, rendered(templates["mi"], case), case)) == set()


def test_medical_advice_in_a_reply_blocks_and_plain_service_words_pass(policy: Client) -> None:
    text = "You can take it with food, and 2 mg is fine."
    findings = [f for f in lint(policy, text) if f.rule == "medical_content"]
    assert {text[f.start:f.end] for f in findings} >= {"You can take", "2 mg"}
    assert "medical_content" in rules(lint(policy, "Many people use Glucavio for weight loss."))
    assert rules(lint(policy, "Thanks for reaching out! Your replacement pen is on its way.")) == set()


def test_a_benefit_claim_without_fair_balance_blocks(policy: Client) -> None:
    text = "Glucavio lowers blood sugar in weeks!"
    finding = next(f for f in lint(policy, text) if f.rule == "fair_balance")
    assert finding.blocking and text[finding.start:finding.end] == "lowers"
    assert "semaglutide" in finding.message and RISK in finding.message and ISI_URL in finding.message


def test_a_benefit_claim_with_brand_generic_risk_and_isi_link_passes(policy: Client) -> None:
    text = f"Glucavio (semaglutide) lowers blood sugar; it {RISK}. Risk information: {ISI_URL}"
    assert "fair_balance" not in rules(lint(policy, text), None)


def test_a_reply_longer_than_the_platform_takes_blocks(policy: Client, make_mention: MentionFactory) -> None:
    case = make_mention(policy, "@northwind_rx where is the leaflet", platform="x").case
    assert case is not None
    too_long = "Thanks! " * 40
    finding = next(f for f in lint(policy, too_long, case) if f.rule == "length")
    assert finding.blocking and finding.start == 280
    assert "length" not in rules(lint(policy, "Thanks! " * 30, case))
    # X counts a link as 23 characters, however long it is
    assert "length" not in rules(lint(policy, "See https://northwind.example/" + "a" * 300, case))


def test_the_client_s_banned_words_block(policy: Client) -> None:
    text = "A Miracle for your mornings"
    finding = next(f for f in lint(policy, text) if f.rule == "banned_word")
    assert finding.blocking and text[finding.start:finding.end] == "Miracle"
    assert "banned_word" not in rules(lint(policy, "A great start to your mornings"))


def test_untracked_links_are_noted_without_blocking_and_tracked_ones_pass(policy: Client) -> None:
    text = "Details: https://northwind.example/help."
    finding = next(f for f in lint(policy, text) if f.rule == "untracked_link")
    assert not finding.blocking and text[finding.start:finding.end] == "https://northwind.example/help"
    tracked = f"Details: {short_link_prefix(policy_for(policy))}AbCd1234"
    assert "untracked_link" not in rules(lint(policy, tracked), None)


def test_an_unfilled_variable_blocks(policy: Client) -> None:
    assert "variable" in rules(lint(policy, "Call us at {hotline}"))
    assert "variable" not in rules(lint(policy, "Call us at 1-800-555-0100"))
