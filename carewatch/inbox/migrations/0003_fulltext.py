"""Full-text search over mention text: FTS5 (external content, kept by triggers) on SQLite,
a GIN index over to_tsvector('simple', text) on PostgreSQL."""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE inbox_mention_fts USING fts5(text, content='inbox_mention', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER inbox_mention_fts_ai AFTER INSERT ON inbox_mention BEGIN "
    "INSERT INTO inbox_mention_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER inbox_mention_fts_ad AFTER DELETE ON inbox_mention BEGIN "
    "INSERT INTO inbox_mention_fts(inbox_mention_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER inbox_mention_fts_au AFTER UPDATE OF text ON inbox_mention BEGIN "
    "INSERT INTO inbox_mention_fts(inbox_mention_fts, rowid, text) VALUES ('delete', old.id, old.text); "
    "INSERT INTO inbox_mention_fts(rowid, text) VALUES (new.id, new.text); END",
    "INSERT INTO inbox_mention_fts(inbox_mention_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS inbox_mention_fts_au",
    "DROP TRIGGER IF EXISTS inbox_mention_fts_ad",
    "DROP TRIGGER IF EXISTS inbox_mention_fts_ai",
    "DROP TABLE IF EXISTS inbox_mention_fts",
]
PG_FORWARD = [
    "CREATE INDEX IF NOT EXISTS inbox_mention_fts ON inbox_mention USING gin (to_tsvector('simple', text))",
]
PG_BACKWARD = ["DROP INDEX IF EXISTS inbox_mention_fts"]


def forward(apps, schema_editor):
    statements = SQLITE_FORWARD if schema_editor.connection.vendor == "sqlite" else PG_FORWARD
    for sql in statements:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    statements = SQLITE_BACKWARD if schema_editor.connection.vendor == "sqlite" else PG_BACKWARD
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("inbox", "0002_initial")]
    operations = [migrations.RunPython(forward, backward)]
