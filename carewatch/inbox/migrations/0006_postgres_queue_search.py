"""PostgreSQL only: the queue's search and its open-case pages without reading the whole table.

* ``inbox_mention.text_search``: to_tsvector('simple', text) stored as a generated column, with
  a GIN index in place of the expression index of 0003. Testing a case's mentions against a word
  then reads the vector instead of recomputing it from the text (tens of µs per mention), which
  is what a search over many matches does case by case.
* ``case_open_queue``: the open cases (a few % of the table) in queue order, carrying the
  columns the queue filters on, so open-case filters and searches read this small index rather
  than probing the table case by case.
* ``case_open_first_due``: unanswered open cases by first-response deadline, for "due soonest"
  when the case has no SLA clock.

Adding the column rewrites inbox_mention under an exclusive lock (about a minute of CPU per
million mentions for the vectors, plus the GIN index): run it in a quiet window on a large
database. The column is not in the model (Django never reads or writes it; PostgreSQL computes it on every
INSERT and UPDATE of text). A later migration that alters ``inbox_mention.text`` on PostgreSQL
must drop the column first and add it back. SQLite keeps its FTS5 table (migration 0003) and its
indexes; nothing here runs there.
"""

from django.db import migrations

OPEN = "('new', 'open', 'waiting', 'escalated')"
PG_FORWARD = [
    # Dropped first: adding a stored column rewrites the table and rebuilds its every index.
    "DROP INDEX IF EXISTS inbox_mention_fts",
    "ALTER TABLE inbox_mention ADD COLUMN IF NOT EXISTS text_search tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, text)) STORED",
    "CREATE INDEX IF NOT EXISTS inbox_mention_search ON inbox_mention USING gin (text_search)",
    "CREATE INDEX IF NOT EXISTS case_open_queue ON inbox_case (last_activity_at DESC, id DESC) "
    "INCLUDE (client_id, status, platform, priority, language, assignee_id, first_response_due, "
    f"first_responded_at) WHERE status IN {OPEN}",
    "CREATE INDEX IF NOT EXISTS case_open_first_due ON inbox_case (first_response_due, id) INCLUDE (client_id) "
    f"WHERE first_responded_at IS NULL AND first_response_due IS NOT NULL AND status IN {OPEN}",
    # The planner's word frequencies for the new column (queries.py reads its estimates).
    "ANALYZE inbox_mention (text_search)",
]
PG_BACKWARD = [
    "DROP INDEX IF EXISTS case_open_first_due",
    "DROP INDEX IF EXISTS case_open_queue",
    "CREATE INDEX IF NOT EXISTS inbox_mention_fts ON inbox_mention USING gin (to_tsvector('simple', text))",
    "DROP INDEX IF EXISTS inbox_mention_search",
    "ALTER TABLE inbox_mention DROP COLUMN IF EXISTS text_search",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in PG_FORWARD:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in PG_BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("inbox", "0005_queue_indexes")]
    operations = [migrations.RunPython(forward, backward)]
