from __future__ import annotations

from django.db import connection

from carewatch.inbox.fulltext import ensure_fulltext
from carewatch.inbox.queries import QueueFilters, queue
from carewatch.tenancy.models import Client, User
from tests.conftest import MentionFactory


def test_full_text_search_finds_a_word_in_any_mention_of_a_case(northwind: Client, alice: User, make_mention: MentionFactory) -> None:
    make_mention(northwind, "The injector pen jammed again this morning", author="pat")
    make_mention(northwind, "Great customer service, thanks!", author="lee")
    page = queue(alice, QueueFilters(q="jammed"))
    assert [c.author.handle for c in page.cases] == ["pat"]
    assert queue(alice, QueueFilters(q="JAMMED pen")).cases, "case-insensitive, all words"
    assert not queue(alice, QueueFilters(q="refund")).cases


def test_search_survives_a_migration_that_dropped_the_triggers(northwind: Client, alice: User, make_mention: MentionFactory) -> None:
    if connection.vendor != "sqlite":
        assert ensure_fulltext() is False  # PostgreSQL: the GIN index is simply ensured
        return
    make_mention(northwind, "before the table was remade", author="pat")
    with connection.cursor() as cursor:  # what SQLite's table remake does to triggers
        for name in ("ai", "ad", "au"):
            cursor.execute(f"DROP TRIGGER inbox_mention_fts_{name}")
        cursor.execute("INSERT INTO inbox_mention_fts(inbox_mention_fts) VALUES ('delete-all')")
    assert ensure_fulltext() is True
    assert ensure_fulltext() is False, "idempotent"
    make_mention(northwind, "after the triggers came back", author="lee")
    assert queue(alice, QueueFilters(q="remade")).cases and queue(alice, QueueFilters(q="triggers")).cases
