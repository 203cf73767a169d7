"""Connector leftovers in the ingest step: thin mentions filled in by a later delivery, replies
whose parent arrives in the same batch, the case a brand reply answers, and channel problems
that parsers report for the channel's health."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from django.db import transaction

from carewatch.inbox.ingest import apply_changes
from carewatch.inbox.models import Case, Mention
from carewatch.inbox.normalised import AuthorRef, ChangeKind, MentionChange
from carewatch.sources.health import health_of
from carewatch.sources.models import ChannelState, EventState, InboundEvent
from carewatch.tenancy.models import Channel, Client

T0 = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def change(channel: Channel, ext: str, text: str = "hello", author: str = "pat", *, thread: str = "post1",
           parent: str = "", direction: str = "in", minutes: int = 0, **extra: object) -> MentionChange:
    return MentionChange(
        change=ChangeKind.UPSERT, channel_id=channel.id, platform=channel.platform, external_id=ext, text=text,
        author=AuthorRef(author if author.startswith("unknown:") else f"id-{author}", author, author), created_at=T0 + timedelta(minutes=minutes),
        thread_key=thread, parent_external_id=parent, direction=direction, extra=dict(extra),
    )


def apply(*changes: MentionChange, filled: list[Mention] | None = None) -> list[Mention]:
    with transaction.atomic():
        return apply_changes(list(changes), filled=filled)


# ------------------------------------------------------------------ thin mentions
def _instagram(client: Client) -> Channel:
    return Channel.objects.create(client=client, platform="instagram", handle="northwind.ig", external_id="1784100077")


def test_a_thin_mention_gets_the_text_a_later_delivery_carries(northwind: Client) -> None:
    ig = _instagram(northwind)
    thin = change(ig, "mention:1790", text="", author="unknown:1790", thread="1790", needs_fetch=True, media_id="1790")
    apply(thin)
    case = Case.objects.get()
    assert case.subject == ""
    filled: list[Mention] = []
    full = change(ig, "mention:1790", text="My pen from @bench.ig leaked again", author="fan_account", thread="1790")
    assert apply(full, filled=filled) == [], "not a new mention"
    mention = Mention.objects.get()
    assert mention.text == "My pen from @bench.ig leaked again"
    assert "needs_fetch" not in mention.platform_meta and mention.platform_meta["media_id"] == "1790"
    assert mention.edit_history in ([], None), "filling in is not an edit"
    assert mention.author.external_id == "id-fan_account"
    assert [m.pk for m in filled] == [mention.pk], "handed back for triage: it was never screened"
    case.refresh_from_db()
    assert case.subject == "My pen from @bench.ig leaked again"


def test_a_thin_mention_and_its_full_text_in_one_batch_make_one_mention_with_the_text(northwind: Client) -> None:
    ig = _instagram(northwind)
    created = apply(change(ig, "mention:7", text="", author="unknown:7", thread="7", needs_fetch=True),
                    change(ig, "mention:7", text="Is this safe in pregnancy?", author="mom_of_two", thread="7"))
    assert [m.text for m in created] == ["Is this safe in pregnancy?"]
    assert "needs_fetch" not in Mention.objects.get().platform_meta


def test_a_full_mention_is_not_rewritten_by_a_redelivery_with_other_text(northwind: Client) -> None:
    fb = northwind.channels.get(platform="facebook")
    apply(change(fb, "c1", text="first words"))
    filled: list[Mention] = []
    apply(change(fb, "c1", text="other words"), filled=filled)
    assert Mention.objects.get().text == "first words" and filled == []


def test_a_filled_in_mention_is_screened_by_the_pipeline(
        northwind: Client, django_capture_on_commit_callbacks: Any) -> None:
    from carewatch.sources.tasks import process_inbound_events

    fb = northwind.channels.get(platform="facebook")
    apply(change(fb, "c1", text="", author="unknown:c1", needs_fetch=True))
    assert Mention.objects.get().triaged_at is None
    page = fb.external_id
    body = {"object": "page", "entry": [{"id": page, "time": 1763640000, "changes": [{"field": "feed", "value": {
        "item": "comment", "verb": "add", "comment_id": "c1", "post_id": f"{page}_1", "parent_id": f"{page}_1",
        "from": {"id": "9001", "name": "Pat Doe"}, "created_time": 1763640000,
        "message": "I got dizzy after my second dose"}}]}]}
    event = InboundEvent.objects.create(source="meta", channel=fb, client=northwind, raw_body=json.dumps(body).encode(),
                                        received_at=T0, signature_ok=True)
    with django_capture_on_commit_callbacks(execute=True):
        process_inbound_events.call([event.pk])
    mention = Mention.objects.get()
    assert mention.text == "I got dizzy after my second dose"
    assert mention.triaged_at is not None, "screened once its text arrived"


# ------------------------------------------------------------------ replies and their parents in one batch
def test_a_reply_in_the_same_batch_as_its_parent_is_linked_to_it(northwind: Client) -> None:
    fb = northwind.channels.get(platform="facebook")
    apply(change(fb, "c1", author="pat", minutes=0), change(fb, "c2", author="lee", parent="c1", minutes=1))
    parent, reply = Mention.objects.get(external_id="c1"), Mention.objects.get(external_id="c2")
    assert reply.parent_id == parent.pk


def test_a_brand_reply_joins_the_case_of_the_comment_it_answers_in_the_same_batch(northwind: Client) -> None:
    fb = northwind.channels.get(platform="facebook")
    apply(change(fb, "c1", author="pat", minutes=0), change(fb, "c2", author="lee", minutes=1),
          change(fb, "r2", author="brand", parent="c2", direction="out", minutes=2))
    reply = Mention.objects.get(external_id="r2")
    lees = Case.objects.get(author__external_id="id-lee")
    assert reply.parent_id == Mention.objects.get(external_id="c2").pk
    assert reply.case_id == lees.pk
    assert lees.first_responded_at == T0 + timedelta(minutes=2)
    assert Case.objects.get(author__external_id="id-pat").first_responded_at is None


def test_a_brand_post_in_a_thread_without_a_known_parent_answers_its_most_recently_active_case(
        northwind: Client) -> None:
    fb = northwind.channels.get(platform="facebook")
    apply(change(fb, "c1", author="pat", minutes=0))
    apply(change(fb, "c2", author="lee", minutes=5))
    apply(change(fb, "r9", author="brand", parent="gone", direction="out", minutes=6))
    assert Mention.objects.get(external_id="r9").case_id == Case.objects.get(author__external_id="id-lee").pk


# ------------------------------------------------------------------ channel problems reported by parsers
def _tiktok(northwind: Client) -> Channel:
    return Channel.objects.create(client=northwind, platform="tiktok", handle="northwind_rx", external_id="act.77")


def _tiktok_event(channel: Channel, name: str, content: dict[str, Any], sent: datetime) -> InboundEvent:
    body = {"client_key": "k", "event": name, "create_time": int(sent.timestamp()), "user_openid": channel.external_id,
            "content": json.dumps(content)}
    return InboundEvent.objects.create(source="tiktok", channel=channel, client=channel.client,
                                       raw_body=json.dumps(body).encode(), received_at=sent, signature_ok=True)


def test_parsers_report_channel_problems_and_never_write_while_parsing(
        northwind: Client, django_assert_max_num_queries: Any) -> None:
    from carewatch.sources.lookup import nothing_stored
    from carewatch.sources.registry import parser_for

    channel = _tiktok(northwind)
    event = _tiktok_event(channel, "authorization.removed", {"reason": 1}, T0)
    event = InboundEvent.objects.select_related("channel").get(pk=event.pk)
    with django_assert_max_num_queries(0):
        result = parser_for("tiktok")(event, nothing_stored)
    assert result.channel_problem.startswith("TikTok authorization removed") and "reconnect" in result.channel_problem
    assert result.reported_at == T0
    assert not ChannelState.objects.filter(channel=channel).exists(), "the pipeline writes, not the parser"


def test_a_channel_problem_a_parser_reports_shows_in_the_channels_health_until_resolved(northwind: Client) -> None:
    from carewatch.sources.tasks import process_inbound_events

    channel = _tiktok(northwind)
    removed = _tiktok_event(channel, "authorization.removed", {"reason": 1}, datetime.now(UTC) - timedelta(minutes=1))
    process_inbound_events.call([removed.pk])
    assert InboundEvent.objects.get(pk=removed.pk).state == EventState.IGNORED
    assert "reconnect" in ChannelState.objects.get(channel=channel).last_error
    assert health_of(channel).status == "failing"
    comment = _tiktok_event(channel, "comment.update", {
        "comment_id": "71", "video_id": "7109", "text": "Where can I get the copay card?", "comment_action": "created",
        "create_time": int(datetime.now(UTC).timestamp()), "user_id": "u1", "username": "fan"}, datetime.now(UTC))
    process_inbound_events.call([comment.pk])
    assert ChannelState.objects.get(channel=channel).last_error == ""
    assert health_of(channel).status == "ok"
