"""The migration history of the former ``responses`` app (label ``responses``), merged into
``carewatch.replies`` (issue 14). No code and no models live here.

Databases made before the merge applied these migrations and hold its tables (``responses_*``).
The models now belong to ``replies`` (``replies/models.py``, each with ``Meta.db_table`` naming the
old table), moved by Django's pattern for moving a model between apps: ``replies`` 0003 adds them
to its state only, ``content`` 0002 points its foreign key at the new model (state only) and
``responses`` 0005 removes them from this label's state only. No table is created, renamed or
copied, so the rows stay where they are.

The label stays installed because other migrations name it (``content`` 0001 depends on
``responses`` 0002). It can go once every database has applied ``responses`` 0005 and the
migrations that name it are squashed.
"""
