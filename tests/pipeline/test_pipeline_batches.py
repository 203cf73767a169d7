"""The pipeline's steps work set-wise on a batch: the look-ups of a step cost the same number of
queries for a batch of 3 as for a batch of 12 (behaviour, not timing), and one triage task
screens the mentions waiting after its own, so a backlog is not screened two at a time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from carewatch.inbox.ingest import apply_changes
from carewatch.inbox.models import Mention
from carewatch.inbox.normalised import AuthorRef, ChangeKind, MentionChange
from carewatch.routing.actions import do_route_cases
from carewatch.sla.facts import facts_for, facts_for_cases
from carewatch.sources.tasks import triage_mentions
from carewatch.tenancy.models import Channel, Client
from carewatch.tenancy.system import system_actor

T0 = datetime.now(UTC) - timedelta(hours=1)


def _mentions(client: Client, count: int, prefix: str) -> list[Mention]:
    """``count`` new inbound mentions, each by its own author (so each in its own case), not screened."""
    channel = Channel.objects.filter(client=client, platform="facebook").first()
    assert channel is not None
    changes = [
        MentionChange(change=ChangeKind.UPSERT, channel_id=channel.id, platform="facebook",
                      external_id=f"{prefix}{n}", text=f"Question {n} about my refill", kind="comment",
                      direction="in", author=AuthorRef(f"id-{prefix}{n}", f"{prefix}{n}", f"{prefix}{n}"),
                      created_at=T0 + timedelta(minutes=n), thread_key=f"{prefix}{n}")
        for n in range(count)
    ]
    with transaction.atomic():
        return apply_changes(changes)


def _queries(run: object) -> int:
    with CaptureQueriesContext(connection) as captured:
        run()  # type: ignore[operator]
    return len(captured)


def test_the_sla_facts_of_a_batch_of_cases_cost_the_same_queries_for_3_cases_as_for_12(northwind: Client) -> None:
    few = [m.case_id for m in _mentions(northwind, 3, "a") if m.case_id is not None]
    many = [m.case_id for m in _mentions(northwind, 12, "b") if m.case_id is not None]
    assert len(set(few)) == 3 and len(set(many)) == 12
    assert _queries(lambda: facts_for_cases(many)) == _queries(lambda: facts_for_cases(few)) <= 5


def test_the_batch_facts_are_those_of_each_case_alone(northwind: Client) -> None:
    cases = [m.case_id for m in _mentions(northwind, 4, "c") if m.case_id is not None]
    together = facts_for_cases(cases)
    for case in Mention.objects.filter(case_id__in=cases).select_related("case"):
        assert case.case is not None
        assert together[case.case.pk] == facts_for(case.case)


def test_routing_a_batch_for_a_client_without_rules_costs_the_same_queries_for_3_cases_as_for_12(
        northwind: Client) -> None:
    few = [m.case_id for m in _mentions(northwind, 3, "d") if m.case_id is not None]
    many = [m.case_id for m in _mentions(northwind, 12, "e") if m.case_id is not None]
    system = system_actor()
    assert (_queries(lambda: do_route_cases(system, many)) == _queries(lambda: do_route_cases(system, few))
            <= 3)


def test_one_triage_task_screens_the_mentions_waiting_after_its_own_and_the_later_tasks_find_theirs_done(
        northwind: Client) -> None:
    mentions = _mentions(northwind, 6, "f")
    assert triage_mentions.call([mentions[0].pk]) == 6, "its own mention and the five waiting after it"
    assert not Mention.objects.filter(pk__in=[m.pk for m in mentions], triaged_at__isnull=True).exists()
    assert triage_mentions.call([mentions[3].pk]) == 0, "a later task of the backlog finds its mention screened"


def test_a_write_transaction_that_took_half_its_budget_is_followed_by_one_twice_as_large() -> None:
    from carewatch.sources.tasks import next_chunk

    assert next_chunk(8, 0.010, 0.020) == 16


def test_write_chunks_stay_between_the_first_size_and_the_largest_whatever_the_pace() -> None:
    from carewatch.sources.tasks import MAX_WRITE_CHUNK, WRITE_CHUNK, next_chunk

    assert next_chunk(4, 1.0, 0.020) == WRITE_CHUNK  # a slow transaction: back to the smallest
    assert next_chunk(MAX_WRITE_CHUNK, 0.0001, 0.020) == MAX_WRITE_CHUNK
    assert next_chunk(4, 0.0, 0.020) == 8  # an unmeasurably quick one: at most double


def test_a_fast_write_chunk_grows_by_at_most_double_and_a_slow_one_shrinks_to_fit_the_budget() -> None:
    from carewatch.sources.tasks import next_chunk

    assert next_chunk(10, 0.001, 0.020) == 20
    assert next_chunk(40, 0.040, 0.020) == 20


def test_the_facts_key_made_from_the_locked_cases_equals_the_one_the_sweeper_reads(northwind: Client) -> None:
    from carewatch.inbox.models import Case
    from carewatch.sla.facts import keys_for

    mentions = _mentions(northwind, 4, "k")
    cases = [m.case_id for m in mentions if m.case_id is not None]
    # Vary what the key covers: a reply from the brand, a closed case, a raised priority.
    brand = Channel.objects.filter(client=northwind, platform="facebook").first()
    assert brand is not None
    with transaction.atomic():
        apply_changes([MentionChange(change=ChangeKind.UPSERT, channel_id=brand.id, platform="facebook",
                                     external_id="k0-reply", text="We are sorry to hear that", kind="comment",
                                     direction="out", author=AuthorRef("brand", "brand", "Brand"),
                                     created_at=T0 + timedelta(minutes=30), thread_key="k0",
                                     parent_external_id="k0")])
    Case.objects.filter(pk=cases[1]).update(status="closed", closed_at=T0 + timedelta(hours=1))
    Case.objects.filter(pk=cases[2]).update(priority=3)
    rows = Case.objects.in_bulk(cases)
    from_rows = facts_for_cases(cases, rows)
    read = keys_for(cases)
    assert {pk: f.key for pk, f in from_rows.items()} == read
    assert {pk: f.key for pk, f in facts_for_cases(cases).items()} == read
    assert len(set(read.values())) == 4


def test_live_deliveries_on_sqlite_keep_the_small_write_chunks_and_imports_grow_theirs(northwind: Client) -> None:
    from carewatch.sources.models import InboundEvent
    from carewatch.sources.tasks import (
        SQLITE_IMPORT_BUDGET_S,
        WRITE_BUDGET_S,
        WRITE_CHUNK,
        _Parsed,
        _write_budget,
        next_chunk,
    )

    imported = _Parsed(InboundEvent(source="import"), None)
    delivered = _Parsed(InboundEvent(source="meta"), None)
    if connection.vendor == "sqlite":
        assert _write_budget([imported, imported]) == SQLITE_IMPORT_BUDGET_S
        assert _write_budget([imported, delivered]) == 0.0
        assert next_chunk(WRITE_CHUNK, 0.0001, 0.0) == WRITE_CHUNK
    else:  # no single writer lock: every batch grows its chunks
        assert _write_budget([imported, delivered]) == WRITE_BUDGET_S
