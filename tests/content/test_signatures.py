"""MLR approvals of the content calendar are electronic signatures (21 CFR Part 11): the reviewer
re-authenticates at the moment of signing; the signature names who, when, its meaning and the
SHA-256 of the exact version; an edit of the post afterwards shows that the signature no longer
applies (on the approval and in the post's history); a signed version changed behind the
application's back fails ``carewatch audit verify``."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pyotp
import pytest
import time_machine
from click.testing import CliRunner
from django.test import Client as HttpClient

from carewatch.audit.models import AuditEvent
from carewatch.cli import main
from carewatch.content import actions
from carewatch.content.models import Post, PostApproval, PostStatus, PostVersion
from carewatch.content.signing import approval_content, signed_approvals
from carewatch.identity import actions as identity
from carewatch.identity.models import Signature
from carewatch.identity.signatures import check, content_hash
from carewatch.tenancy.models import Client, User
from tests.conftest import PASSWORD
from tests.content.conftest import draft


def logged_in(user: User) -> HttpClient:
    http = HttpClient()
    http.force_login(user)
    return http


def in_review(author: User, client: Client) -> Post:
    post = actions.do_submit(author, draft(author, client, platforms=("x",)))
    assert post.current is not None
    return post


def approve(reviewer: User, post: Post, discipline: str, signature: str) -> str:
    assert post.current is not None
    page = logged_in(reviewer).post(f"/content/post/{post.pk}/approve/", {
        "discipline": discipline, "hash": post.current.content_hash, "signature": signature}, follow=True)
    assert page.status_code == 200
    return page.content.decode()


def verify() -> tuple[int, str]:
    result = CliRunner().invoke(main, ["audit", "verify"])
    return result.exit_code, result.output


def test_approving_a_post_without_re_authentication_approves_and_signs_nothing(
        content_client: Client, alice: User, mona: User) -> None:
    post = in_review(alice, content_client)
    assert "Sign with your password" in approve(mona, post, "medical", "")
    assert "nothing was signed" in approve(mona, post, "medical", "not my password")
    assert not PostApproval.objects.exists() and not Signature.objects.exists()
    assert AuditEvent.objects.filter(action="signature.refused", actor=mona).count() == 1
    assert not AuditEvent.objects.filter(action="post.approve").exists()


def test_an_mlr_approval_is_signed_with_its_meaning_and_the_version_s_hash_and_shown_on_the_post(
        content_client: Client, alice: User, mona: User) -> None:
    post = in_review(alice, content_client)
    page = logged_in(mona).get(f"/content/post/{post.pk}/").content.decode()
    assert 'name="signature"' in page and "Approving is an electronic signature" in page
    page = approve(mona, post, "medical", PASSWORD)
    approval = PostApproval.objects.get()
    signature = Signature.objects.get()
    assert (signature.signer, signature.meaning, signature.method) == (mona, "approved", "password")
    assert (signature.object_type, signature.object_id) == ("content.postapproval", str(approval.pk))
    assert signature.content_hash == content_hash(approval_content(approval, "approved"))
    assert approval_content(approval, "approved")["content_hash"] == approval.version.content_hash
    assert approval_content(approval, "approved")["discipline"] == "medical"
    assert "Approved</strong> by Mona (mona@agency.test)" in page and "valid: matches the version signed" in page
    assert AuditEvent.objects.filter(action="signature.sign", actor=mona).count() == 1
    assert verify()[0] == 0


def test_an_edit_after_signing_shows_on_the_post_and_in_its_history_that_the_signature_no_longer_applies(
        content_client: Client, alice: User, mona: User) -> None:
    post = in_review(alice, content_client)
    approve(mona, post, "medical", PASSWORD)
    assert post.current is not None
    logged_in(alice).post(f"/content/post/{post.pk}/edit/", {"text_x": "New words for the post.",
                                                            "channels": post.current.channel_ids})
    post.refresh_from_db()
    assert post.status == PostStatus.IN_REVIEW and post.current.number == 2
    [signed] = signed_approvals(post)
    assert signed.state == "superseded" and not signed.applies
    page = logged_in(mona).get(f"/content/post/{post.pk}/").content.decode()
    history = page[page.index('id="approval-history"'):]
    assert "medical approval of v1 by Mona" in history
    assert "NO LONGER APPLIES: the post was edited after it was signed (signed v1, now v2)" in history
    assert "superseded: its approvals no longer apply" in page
    assert '<tr data-discipline="medical"><td>Medical</td><td>waiting</td>' in page
    # The signed version itself is unchanged: the signature is still true of v1.
    assert all(c.valid for c in signed.checks) and verify()[0] == 0


def test_a_signed_version_changed_behind_the_application_s_back_fails_the_signature_everywhere(
        content_client: Client, alice: User, mona: User) -> None:
    post = in_review(alice, content_client)
    approve(mona, post, "medical", PASSWORD)
    assert post.current is not None
    PostVersion.objects.filter(pk=post.current.pk).update(variants={"x": "Words nobody approved."})
    assert not check(Signature.objects.get()).valid
    page = logged_in(alice).get(f"/content/post/{post.pk}/").content.decode()
    assert "NOT VALID: the record changed after it was signed" in page
    code, output = verify()
    assert code == 1 and "SIGNATURE NOT VALID: approved by mona@agency.test" in output
    assert "content.postapproval" in output


def test_a_code_from_the_reviewer_s_authenticator_signs_an_approval_too(
        content_client: Client, alice: User, mona: User) -> None:
    post = in_review(alice, content_client)
    secret = pyotp.random_base32()
    identity.do_enrol_totp(mona, secret, pyotp.TOTP(secret).now())
    http = logged_in(mona)
    session = http.session
    session["carewatch.mfa"] = "ok"
    session.save()
    assert post.current is not None
    with time_machine.travel(datetime.now(UTC) + timedelta(minutes=1), tick=False):
        http.post(f"/content/post/{post.pk}/approve/", {"discipline": "medical", "hash": post.current.content_hash,
                                                       "signature": pyotp.TOTP(secret).now()})
    signature = Signature.objects.get()
    assert signature.method == "totp" and check(signature).valid


def test_a_refused_approval_after_re_authentication_leaves_no_signature(
        content_client: Client, alice: User, mona: User) -> None:
    post = in_review(alice, content_client)
    page = approve(mona, post, "medical", PASSWORD)
    assert Signature.objects.count() == 1
    page = approve(mona, post, "legal", PASSWORD)  # one reviewer, one discipline per version
    assert "already approved this version" in page
    assert Signature.objects.count() == 1 and PostApproval.objects.count() == 1


def test_a_viewer_cannot_sign_an_approval(content_client: Client, alice: User, victor: User) -> None:
    post = in_review(alice, content_client)
    assert post.current is not None
    answer = logged_in(victor).post(f"/content/post/{post.pk}/approve/", {
        "discipline": "medical", "hash": post.current.content_hash, "signature": PASSWORD})
    assert answer.status_code == 403 and not Signature.objects.exists()


def test_the_2253_record_pdf_carries_the_signatures_of_the_listed_version_s_approvals(
        content_client: Client, alice: User, mona: User) -> None:
    from carewatch.content.record import Line, as_pdf
    from tests.safety.test_reconciliation import pdf_text

    post = in_review(alice, content_client)
    approve(mona, post, "medical", PASSWORD)
    assert post.current is not None
    line = Line(post.pk, post.title, "", "", 1, post.current.content_hash, "medical: Mona",
                datetime(2026, 12, 2, 14, 0, tzinfo=UTC), "x", "@northwind_rx", "https://x.com/i/1")
    text = pdf_text(as_pdf(content_client, [line], datetime(2026, 12, 1).date(), datetime(2026, 12, 31).date(),
                           "alice@agency.test"))
    signature = Signature.objects.get()
    assert r"Electronic signatures \(1\)" in text and f"post {post.pk} v1 medical" in text
    assert "Mona <mona@agency.test>" in text and signature.content_hash[:16] in text and "NOT VALID" not in text
    empty = pdf_text(as_pdf(content_client, [], datetime(2026, 12, 1).date(), datetime(2026, 12, 31).date(), "a"))
    assert "No electronic signature on these versions' approvals." in empty


@pytest.mark.django_db(transaction=True)
def test_a_refused_signature_is_audited_outside_any_request_transaction(
        content_client: Client, alice: User, mona: User) -> None:
    # As served (no test transaction around the request): a wrong password is a message, never a 500.
    post = in_review(alice, content_client)
    assert "nothing was signed" in approve(mona, post, "medical", "not my password")
    assert AuditEvent.objects.filter(action="signature.refused", actor=mona).count() == 1
    assert not PostApproval.objects.exists() and not Signature.objects.exists()
