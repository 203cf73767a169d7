"""A batch of triage's flagged mentions reads their threads for the evidence snapshots in one query:
the same messages, in the same order and up to the same limit, as reading each thread alone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from carewatch.safety.actions import THREAD_LIMIT, read_threads, snapshot_of
from carewatch.tenancy.models import Client
from tests.conftest import MentionFactory

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def test_threads_read_together_hold_what_each_thread_read_alone_holds_up_to_the_limit(
        northwind: Client, make_mention: MentionFactory) -> None:
    long = [make_mention(northwind, f"reply {n}", author=f"a{n % 3}", thread="long",
                         created=T0 + timedelta(minutes=n % 7, seconds=n)) for n in range(THREAD_LIMIT + 5)]
    short = [make_mention(northwind, f"other {n}", author="b", thread="short", created=T0 + timedelta(minutes=n))
             for n in range(3)]
    alone_in_thread = make_mention(northwind, "a thread of one", author="c", thread="one", created=T0)
    mentions = [long[-1], short[0], alone_in_thread]
    threads: dict[tuple[int, str], list[dict[str, Any]]] = {}
    with CaptureQueriesContext(connection) as captured:
        read_threads(mentions, threads)
    assert len(captured) == 1
    for mention in mentions:
        alone = snapshot_of(mention)["thread"]
        assert threads[(mention.channel_id, mention.thread_key)] == alone
    assert len(threads[(long[0].channel_id, "long")]) == THREAD_LIMIT
    assert [item["id"] for item in threads[(short[0].channel_id, "short")]] == [m.pk for m in short]
