"""Full-text search over mention text, kept in place after every migration.

SQLite: an FTS5 external-content table kept by triggers. Any migration that alters
inbox_mention remakes the table on SQLite and drops its triggers, so they are (re)created
after every ``migrate`` (idempotent) and the index is rebuilt when it is out of step.
PostgreSQL: a GIN index over ``inbox_mention.text_search``, to_tsvector('simple', text) kept
as a stored generated column (migration 0006; the column is not in the model).
"""

from __future__ import annotations

import contextlib
from typing import Any

from django.db import DatabaseError, connections, transaction

SQLITE_OBJECTS = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS inbox_mention_fts USING fts5(text, content='inbox_mention', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS inbox_mention_fts_ai AFTER INSERT ON inbox_mention BEGIN "
    "INSERT INTO inbox_mention_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER IF NOT EXISTS inbox_mention_fts_ad AFTER DELETE ON inbox_mention BEGIN "
    "INSERT INTO inbox_mention_fts(inbox_mention_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER IF NOT EXISTS inbox_mention_fts_au AFTER UPDATE OF text ON inbox_mention BEGIN "
    "INSERT INTO inbox_mention_fts(inbox_mention_fts, rowid, text) VALUES ('delete', old.id, old.text); "
    "INSERT INTO inbox_mention_fts(rowid, text) VALUES (new.id, new.text); END",
]
POSTGRES_OBJECTS = [
    "ALTER TABLE inbox_mention ADD COLUMN IF NOT EXISTS text_search tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, text)) STORED",
    "CREATE INDEX IF NOT EXISTS inbox_mention_search ON inbox_mention USING gin (text_search)",
]


def ensure_fulltext(using: str = "default") -> bool:
    """Create what is missing; rebuild the SQLite index if triggers were missing. True if it rebuilt."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor != "sqlite":
            cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = 'inbox_mention_search'")
            if cursor.fetchone() is None:
                for sql in POSTGRES_OBJECTS:
                    cursor.execute(sql)
            return False
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'inbox_mention_fts_%'")
        complete = cursor.fetchone()[0] == 3
        for sql in SQLITE_OBJECTS:
            cursor.execute(sql)
        if not complete:
            cursor.execute("INSERT INTO inbox_mention_fts(inbox_mention_fts) VALUES ('rebuild')")
            return True
    return False


def after_migrate(sender: Any, using: str = "default", **kwargs: Any) -> None:
    # A partial migrate may not have created inbox_mention yet; the next migrate completes it. The
    # savepoint keeps a failure here from aborting a caller's transaction on PostgreSQL (a command
    # such as `triage train` migrates inside whatever transaction it was called in).
    with contextlib.suppress(DatabaseError), transaction.atomic(using=using):
        ensure_fulltext(using)
