"""A reply the server refuses comes back in the composer to be corrected, not retyped; a PHI
finding names the detail in plain words."""

from __future__ import annotations

from django.test import Client as HttpClient

from carewatch.replies.lint import lint
from carewatch.replies.models import ReplyDraft, TemplateVersion
from carewatch.tenancy.models import Client, User
from tests.conftest import MentionFactory

RISKY = "Hi pat, we tried you at 555-867-5309 and wrote to jane.doe@example.com about your coverage."


def test_a_refused_reply_comes_back_in_the_composer_with_its_template_once(
        templates: dict[str, TemplateVersion], alice: User, make_mention: MentionFactory) -> None:
    case = make_mention(templates["general"].client, "Is Glucavio covered by my insurance?").case
    assert case is not None
    agent = HttpClient()
    agent.force_login(alice)
    answer = agent.post(f"/replies/case/{case.pk}/compose/",
                        {"template_version": str(templates["general"].pk), "text": RISKY})
    assert answer.status_code == 302 and not ReplyDraft.objects.filter(case=case).exists()

    page = agent.get(f"/inbox/case/{case.pk}/").content.decode()
    assert "allows at most 20%" in page  # refused: too far from the approved words
    assert f'hx-sync="this:replace">{RISKY}</textarea>' in page
    assert f'<option value="{templates["general"].pk}" selected ' in page

    again = agent.get(f"/inbox/case/{case.pk}/").content.decode()  # shown once, then the composer is fresh
    assert RISKY not in again and 'hx-sync="this:replace"></textarea>' in again


def test_a_phi_finding_names_the_detail_in_plain_words(policy: Client) -> None:
    messages = {f.message for f in lint(policy, RISKY) if f.rule == "phi"}
    assert "“jane.doe@example.com” looks like an e-mail address: a public reply must not repeat personal details" \
        in messages
    assert "“555-867-5309” looks like a phone number: a public reply must not repeat personal details" in messages
