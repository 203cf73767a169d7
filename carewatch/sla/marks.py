# ruff: noqa: S608  (the SQL below is built from the models' table and column names, never from input)
"""Change marks: which cases the minute sweep must look at.

A case's clocks are computed from its row (status, priority, closed and first-responded times,
``updated_at``, which every ``save()`` moves), its mentions (direction, time), its sent outbound
replies and its safety cases: what ``facts.with_fact_columns`` reads. A database trigger on each
of those tables writes a row to ``sla_facts_changed`` (``FactsChanged``) in the transaction of the
change itself, whatever code made it (an action, a bulk ``update()``, a migration's SQL), so a
change is marked if and only if it commits. The minute sweep reconciles the marked cases and
deletes the marks it read (``actions.reconcile_changed``): it reads what changed, not every open
case. Marks are appended, never updated: two writers marking the same case take no lock on a
shared row, and a mark written while the sweep works is not one the sweep deletes.

What the triggers cannot see (a trigger missing, e.g. while SQLite rebuilds a table in a
migration, or a mark deleted by hand) the backstop finds: ``actions.reconcile_all`` compares
every open clock with its case, every ``CAREWATCH_SLA_BACKSTOP_MINUTES``.

SQLite: ``CREATE TRIGGER IF NOT EXISTS`` after every ``migrate`` (a migration that alters one of
these tables on SQLite remakes it without its triggers). PostgreSQL: two plpgsql functions and
the triggers, made again after every ``migrate`` when one is missing.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any

from django.db import DatabaseError, connections, transaction

from carewatch.inbox.models import Case, Mention
from carewatch.replies.models import OutboundAction
from carewatch.safety.models import SafetyCase
from carewatch.sla.models import FactsChanged

MARKS = FactsChanged._meta.db_table


@dataclass(frozen=True)
class Watched:
    table: str
    columns: tuple[str, ...]  # an UPDATE that changes one of these marks the case
    key: str  # the column holding the case's id


def watched() -> list[Watched]:
    """The tables and columns ``facts.with_fact_columns`` reads."""
    return [
        Watched(Case._meta.db_table, ("status", "priority", "closed_at", "first_responded_at", "updated_at"), "id"),
        Watched(Mention._meta.db_table, ("case_id", "created_at", "direction"), "case_id"),
        Watched(OutboundAction._meta.db_table, ("case_id", "status", "sent_at", "verb"), "case_id"),
        Watched(SafetyCase._meta.db_table, ("case_id", "status"), "case_id"),
    ]


def trigger_names() -> list[str]:
    return [f"sla_mark_{w.table}_{op}" for w in watched() for op in ("ai", "au", "ad") if not _case_delete(w, op)]


def _case_delete(w: Watched, op: str) -> bool:
    return w.key == "id" and op == "ad"  # a deleted case has no clock left to reconcile


def _sqlite_statements() -> list[str]:
    statements = []
    for w in watched():
        name = f"sla_mark_{w.table}"
        changed = " OR ".join(f"old.{c} IS NOT new.{c}" for c in w.columns)
        statements.append(f"CREATE TRIGGER IF NOT EXISTS {name}_ai AFTER INSERT ON {w.table} "
                          f"WHEN new.{w.key} IS NOT NULL BEGIN INSERT INTO {MARKS}(case_id) VALUES (new.{w.key}); END")
        statements.append(f"CREATE TRIGGER IF NOT EXISTS {name}_au AFTER UPDATE ON {w.table} WHEN {changed} BEGIN "
                          f"INSERT INTO {MARKS}(case_id) SELECT new.{w.key} WHERE new.{w.key} IS NOT NULL; "
                          f"INSERT INTO {MARKS}(case_id) SELECT old.{w.key} WHERE old.{w.key} IS NOT NULL "
                          f"AND old.{w.key} IS NOT new.{w.key}; END")
        if not _case_delete(w, "ad"):
            statements.append(f"CREATE TRIGGER IF NOT EXISTS {name}_ad AFTER DELETE ON {w.table} "
                              f"WHEN old.{w.key} IS NOT NULL BEGIN "
                              f"INSERT INTO {MARKS}(case_id) VALUES (old.{w.key}); END")
    return statements


def _postgres_statements() -> list[str]:
    statements = [
        "CREATE OR REPLACE FUNCTION sla_mark_case() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"INSERT INTO {MARKS}(case_id) VALUES (NEW.id); RETURN NULL; END $$",
        "CREATE OR REPLACE FUNCTION sla_mark_child() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"IF TG_OP <> 'DELETE' AND NEW.case_id IS NOT NULL THEN INSERT INTO {MARKS}(case_id) VALUES (NEW.case_id); "
        "END IF; "
        "IF TG_OP <> 'INSERT' AND OLD.case_id IS NOT NULL "
        "AND (TG_OP = 'DELETE' OR OLD.case_id IS DISTINCT FROM NEW.case_id) THEN "
        f"INSERT INTO {MARKS}(case_id) VALUES (OLD.case_id); END IF; RETURN NULL; END $$",
    ]
    for w in watched():
        name = f"sla_mark_{w.table}"
        function = "sla_mark_case()" if w.key == "id" else "sla_mark_child()"
        changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in w.columns)
        whens = {"ai": ("INSERT", f"NEW.{w.key} IS NOT NULL"), "au": ("UPDATE", changed),
                 "ad": ("DELETE", f"OLD.{w.key} IS NOT NULL")}
        for op, (event, when) in whens.items():
            if _case_delete(w, op):
                continue
            statements.append(f"DROP TRIGGER IF EXISTS {name}_{op} ON {w.table}")
            statements.append(f"CREATE TRIGGER {name}_{op} AFTER {event} ON {w.table} FOR EACH ROW "
                              f"WHEN ({when}) EXECUTE FUNCTION {function}")
    return statements


def triggers_present(using: str = "default") -> int:
    """How many of the triggers exist."""
    connection = connections[using]
    names = trigger_names()
    marks = ", ".join(["%s"] * len(names))
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN ({marks})",
                           names)
        else:
            cursor.execute(f"SELECT count(DISTINCT tgname) FROM pg_trigger WHERE tgname IN ({marks})",
                           names)
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def ensure_triggers(using: str = "default") -> bool:
    """Create the triggers that are missing; True if any was."""
    connection = connections[using]
    if triggers_present(using) == len(trigger_names()):
        return False
    statements = _sqlite_statements() if connection.vendor == "sqlite" else _postgres_statements()
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
    return True


def after_migrate(sender: Any, using: str = "default", **kwargs: Any) -> None:
    # As inbox.fulltext: a partial migrate may not have made every table yet (the next one
    # completes it); the savepoint keeps a failure from aborting a caller's transaction.
    with contextlib.suppress(DatabaseError), transaction.atomic(using=using):
        ensure_triggers(using)
