from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from django.db import transaction

from carewatch.inbox.ingest import apply_changes
from carewatch.inbox.models import Case, CaseStatus, Mention
from carewatch.inbox.normalised import AuthorRef, ChangeKind, MentionChange
from carewatch.tenancy.models import Channel, Client

T0 = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def change(channel: Channel, ext: str, text: str = "hello", author: str = "pat", kind: ChangeKind = ChangeKind.UPSERT,
           thread: str = "post1", parent: str = "", direction: str = "in", minutes: int = 0) -> MentionChange:
    return MentionChange(
        change=kind, channel_id=channel.id, platform=channel.platform, external_id=ext, text=text,
        author=AuthorRef(f"id-{author}", author, author), created_at=T0 + timedelta(minutes=minutes),
        thread_key=thread, parent_external_id=parent, direction=direction,
    )


def apply(*changes: MentionChange) -> list[Mention]:
    with transaction.atomic():
        return apply_changes(list(changes))


def test_one_authors_messages_in_a_thread_share_one_case(northwind: Client) -> None:
    fb = northwind.channels.get(platform="facebook")
    apply(change(fb, "c1", minutes=0), change(fb, "c2", minutes=5))
    apply(change(fb, "c3", minutes=9))
    assert Case.objects.count() == 1
    case = Case.objects.get()
    assert case.mention_count == 3
    assert case.last_activity_at == T0 + timedelta(minutes=9)


def test_different_authors_in_one_thread_get_their_own_cases(northwind: Client) -> None:
    fb = northwind.channels.get(platform="facebook")
    apply(change(fb, "c1", author="pat"), change(fb, "c2", author="lee"))
    assert Case.objects.count() == 2


def test_a_redelivered_message_changes_nothing(northwind: Client) -> None:
    fb = northwind.channels.get(platform="facebook")
    apply(change(fb, "c1"))
    created = apply(change(fb, "c1"))
    assert created == []
    assert Mention.objects.count() == 1
    assert Case.objects.get().mention_count == 1


def test_an_edit_keeps_the_earlier_text_in_the_history(northwind: Client) -> None:
    fb = northwind.channels.get(platform="facebook")
    apply(change(fb, "c1", text="first words"))
    apply(change(fb, "c1", text="second words", kind=ChangeKind.EDIT))
    mention = Mention.objects.get()
    assert mention.text == "second words"
    assert [h["text"] for h in mention.edit_history] == ["first words"]


def test_a_removal_marks_the_mention_and_never_deletes_it(northwind: Client) -> None:
    fb = northwind.channels.get(platform="facebook")
    apply(change(fb, "c1"))
    apply(change(fb, "c1", kind=ChangeKind.DELETE), change(fb, "c1", kind=ChangeKind.HIDE))
    mention = Mention.objects.get()
    assert mention.is_deleted and mention.is_hidden


def test_a_reply_links_to_its_parent_and_the_brands_answer_marks_first_response(northwind: Client) -> None:
    fb = northwind.channels.get(platform="facebook")
    apply(change(fb, "c1", thread="post1"))
    apply(change(fb, "r1", thread="post1", parent="c1", direction="out", author="NorthwindRx", minutes=30))
    reply = Mention.objects.get(external_id="r1")
    assert reply.parent is not None and reply.parent.external_id == "c1"
    case = Case.objects.get()
    assert reply.case == case
    assert case.first_responded_at == T0 + timedelta(minutes=30)


def test_a_message_after_a_case_is_closed_opens_a_new_case(northwind: Client) -> None:
    fb = northwind.channels.get(platform="facebook")
    apply(change(fb, "c1"))
    Case.objects.update(status=CaseStatus.CLOSED)
    apply(change(fb, "c2", minutes=60))
    assert Case.objects.count() == 2
    assert Case.objects.filter(status=CaseStatus.NEW).count() == 1


def test_a_customer_answer_reopens_a_waiting_case(northwind: Client) -> None:
    fb = northwind.channels.get(platform="facebook")
    apply(change(fb, "c1"))
    Case.objects.update(status=CaseStatus.WAITING)
    apply(change(fb, "c2", minutes=60))
    assert Case.objects.get().status == CaseStatus.OPEN


def test_authors_are_kept_per_client(northwind: Client, contoso: Client) -> None:
    apply(change(northwind.channels.get(platform="facebook"), "c1", author="pat"))
    apply(change(contoso.channels.get(platform="facebook"), "c1", author="pat"))
    from carewatch.inbox.models import Author

    assert Author.objects.filter(external_id="id-pat").count() == 2


SEEN: list[list[str]] = []


def record_triage(mentions: list[Mention]) -> None:
    SEEN.append([m.external_id for m in mentions])


def test_the_triage_hook_sees_each_new_mention_once_after_the_pipeline_commits(transactional_db: Any, northwind: Client, monkeypatch: Any) -> None:
    from carewatch.inbox import ingest

    monkeypatch.setattr(ingest, "_screening", record_triage)
    from carewatch.lib.canonical import canonical_json
    from carewatch.sources.models import InboundEvent
    from carewatch.sources.tasks import process_inbound_events, sweep_unscreened

    fb = northwind.channels.get(platform="facebook")
    body = canonical_json({"channel_id": fb.id, "platform": "facebook", "external_id": "c9", "kind": "comment",
                           "text": "hi", "author": {"id": "a", "handle": "a", "name": ""},
                           "created_at": T0.isoformat(), "thread_id": "p"}).encode()
    SEEN.clear()
    events = [InboundEvent.objects.create(source="import", raw_body=body, received_at=T0, dedup_key=k)
              for k in ("x1", "x2")]
    process_inbound_events.call([e.pk for e in events])
    assert SEEN == [["c9"]]
    assert sweep_unscreened(timedelta(0)) == 1, "the recording hook does not mark it screened: the sweeper would retry it"
