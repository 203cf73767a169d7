"""An assignment notifies the new assignee whether its audit event is written at once or at the end of
an ``audit_last()`` block with others (where the events are inserted together and no post_save fires)."""

from __future__ import annotations

from carewatch.audit.chain import audit_last
from carewatch.inbox.actions import do_assign
from carewatch.inbox.models import Case
from carewatch.notifications.models import DeskNotification, Kind
from carewatch.tenancy.models import Client, User
from tests.conftest import MentionFactory


def test_an_assignment_written_at_the_end_of_an_audit_block_notifies_as_one_written_at_once(
        northwind: Client, sam: User, alice: User, make_mention: MentionFactory) -> None:
    first = make_mention(northwind, "Where is my refill?", author="a1").case
    second = make_mention(northwind, "Still no refill", author="a2").case
    assert isinstance(first, Case) and isinstance(second, Case)
    do_assign(sam, first, alice)
    with audit_last():
        do_assign(sam, second, alice)
    notes = {n.text.split()[1]: n for n in DeskNotification.objects.filter(user=alice, kind=Kind.ASSIGNED)}
    assert set(notes) == {str(first.pk), str(second.pk)}
    assert notes[str(second.pk)].text == notes[str(first.pk)].text.replace(str(first.pk), str(second.pk), 1)
    assert notes[str(second.pk)].text.endswith(f"by {sam.display_name}")


def test_no_one_is_notified_of_assigning_a_case_to_themselves_inside_an_audit_block(
        northwind: Client, alice: User, make_mention: MentionFactory) -> None:
    case = make_mention(northwind, "Where is my refill?", author="a3").case
    assert isinstance(case, Case)
    with audit_last():
        do_assign(alice, case, alice)
    assert not DeskNotification.objects.filter(kind=Kind.ASSIGNED).exists()
