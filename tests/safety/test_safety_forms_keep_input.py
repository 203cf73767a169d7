"""The safety case page as a newcomer meets it: a refused workflow step (a mistyped signature)
comes back with what the user typed, not with empty fields; counts and deadlines read as English."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from carewatch.safety.models import SafetyCase, SafetyStatus
from carewatch.safety.templatetags.safety_tags import countdown
from carewatch.tenancy.models import User
from tests.safety.test_safety_views import logged_in


def test_a_mistyped_signature_keeps_the_dismissal_reason_the_reviewer_typed(flagged: SafetyCase,
                                                                            quinn: User) -> None:
    reason = "Not an adverse event: the author quotes a news story."
    page = logged_in(quinn).post(f"/safety/{flagged.pk}/act/",
                                 {"op": "dismiss", "reason": reason, "signature": "not-my-password"}, follow=True)
    body = page.content.decode()
    assert "The password or code is not right" in body
    assert f'rows="2">{reason}</textarea>' in body
    flagged.refresh_from_db()
    assert flagged.status == SafetyStatus.FLAGGED


def test_a_mistyped_signature_keeps_the_forwarding_note_and_recipients(flagged: SafetyCase, alice: User) -> None:
    page = logged_in(alice).post(f"/safety/{flagged.pk}/act/", {
        "op": "forward", "recipients": "pv@northwind.test", "note": "Patient asked for a call back",
        "signature": "not-my-password"}, follow=True)
    body = page.content.decode()
    assert "The password or code is not right" in body
    assert 'value="pv@northwind.test"' in body and 'value="Patient asked for a call back"' in body
    # the dismissal form (another reviewer's step) does not receive the forwarding note
    flagged.refresh_from_db()
    assert flagged.status == SafetyStatus.FLAGGED


def test_a_frozen_thread_of_one_message_says_one_message(flagged: SafetyCase, alice: User) -> None:
    body = logged_in(alice).get(f"/safety/{flagged.pk}/").content.decode()
    assert "(1 message)" in body and "(1 messages)" not in body


def test_a_deadline_passed_seconds_ago_reads_overdue_by_less_than_a_minute() -> None:
    now = datetime(2026, 12, 7, 17, 7, 37, tzinfo=UTC)
    assert countdown(now - timedelta(seconds=20), now) == "overdue by less than a minute"
    assert countdown(now + timedelta(seconds=20), now) == "due in less than a minute"
    assert countdown(now - timedelta(minutes=65), now) == "overdue by 1 h 5 min"
