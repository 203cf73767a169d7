"""Issue 13: toll-free and the client's own contact points are never PHI; approval needs a clean lint."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from carewatch.replies import actions
from carewatch.replies.lint import is_toll_free, lint
from carewatch.replies.models import VersionStatus
from carewatch.tenancy.models import Client, User


def phi_texts(client: Client, text: str) -> set[str]:
    return {text[f.start:f.end] for f in lint(client, text) if f.rule == "phi"}


@pytest.mark.parametrize("number", ["1-800-555-0199", "(888) 555-0123", "+1 877 555 0100", "0800 123 4567",
                                    "+44 808 157 0192", "+800 1234 5678"])
def test_toll_free_numbers_are_recognised(number: str) -> None:
    assert is_toll_free(number)


@pytest.mark.parametrize("number", ["555-867-5309", "(212) 555-0123", "+33 6 12 34 56 78"])
def test_personal_numbers_are_not_toll_free(number: str) -> None:
    assert not is_toll_free(number)


def test_a_toll_free_number_the_client_never_listed_is_not_phi(policy: Client) -> None:
    text = "Our Medical Information line is open 24/7 at (888) 555-0123."
    assert phi_texts(policy, text) == set()


def test_the_client_s_contact_points_are_not_phi_and_a_customer_s_details_still_are(policy: Client) -> None:
    policy.settings = {**policy.settings, "contact_points": [
        "+1 (212) 555-0142", "medinfo@northwind.example", "https://www.northwind.example/contact"]}
    policy.save()
    own = ("Call us at 212.555.0142, write to medinfo@northwind.example or use "
           "https://northwind.example/contact/form.")
    assert phi_texts(policy, own) == set()
    theirs = "We called 212-555-0199 and wrote to pat@example.com."
    assert phi_texts(policy, theirs) == {"212-555-0199", "pat@example.com"}


def test_contact_points_must_be_a_list_of_words() -> None:
    from carewatch.replies.policy import parse_policy

    with pytest.raises(ValueError, match="contact_points"):
        parse_policy({"contact_points": "1-800-555-0100"})


def test_approving_a_template_whose_wording_fails_the_lint_is_refused(policy: Client, sam: User, rita: User) -> None:
    template = actions.do_create_template(sam, policy, "bad-promo", "en", "general_question")
    version = actions.do_new_version(sam, template, "Hi {handle}, this miracle deal is yours!", submit=True)
    with pytest.raises(ValidationError, match="banned_word"):
        actions.do_approve_version(rita, version)
    version.refresh_from_db()
    assert version.status == VersionStatus.IN_REVIEW and not version.approvals.exists()


def test_a_clean_medical_information_referral_is_approved(policy: Client, sam: User, rita: User) -> None:
    template = actions.do_create_template(sam, policy, "mi", "en", "medical_information")
    body = "Hi {handle}, our Medical Information team can answer that: please call {mi_phone}."
    version = actions.do_approve_version(rita, actions.do_new_version(sam, template, body, submit=True))
    assert version.status == VersionStatus.APPROVED
