"""A small SQLite database beside the main one, with its own writer lock: a spool.

SQLite lets one writer at a time into a database file. A web request that must only make a
record durable (a webhook's event) need not queue for the main database's lock behind a
background worker's transactions if it writes to another file: this one. The spool is a plain
``sqlite3`` connection per thread (no ORM: it holds one table of short-lived rows, and the
request's CPU matters), in WAL mode, whose write transactions queue on their own
``<spool>.writer-lock`` (``writers.WriterQueue``: prompt and fair; a background writer, the worker
taking rows out, lets waiting web writers go first, for a bounded time).

What the rows mean, and how they move into the main database exactly once, is the caller's
(``carewatch.sources.spool``).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable

from carewatch.lib.sqlite.writers import WriterQueue

PRAGMAS = (
    "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA busy_timeout=30000;"
    "PRAGMA temp_store=MEMORY;"
)


def spool_path(main_database: str, name: str) -> str:
    """``carewatch.sqlite3`` → ``carewatch.<name>.sqlite3`` (beside it)."""
    root, dot, ext = main_database.rpartition(".")
    if not dot or "/" in ext:
        return f"{main_database}.{name}"
    return f"{root}.{name}.{ext}"


class _Connection:
    def __init__(self, path: str, schema: str) -> None:
        self.pid = os.getpid()
        self.db = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=True)
        self.db.executescript(PRAGMAS)
        self.queue = WriterQueue(path + ".writer-lock")
        self.queue.acquire()
        try:
            self.db.executescript(schema)  # CREATE ... IF NOT EXISTS: the spool makes itself
        finally:
            self.queue.release()

    def close(self) -> None:
        try:
            self.db.close()
        finally:
            self.queue.close()


class Spool:
    """One spool file: ``read`` outside any lock, ``write`` in one short transaction under the
    spool's own writer lock. Connections are per thread (and per process: a forked web worker
    opens its own)."""

    def __init__(self, path: str, schema: str) -> None:
        self.path = path
        self.schema = schema
        self._local = threading.local()

    def _connection(self) -> _Connection:
        conn: _Connection | None = getattr(self._local, "conn", None)
        if conn is None or conn.pid != os.getpid():
            conn = _Connection(self.path, self.schema)
            self._local.conn = conn
        return conn

    def read[T](self, work: Callable[[sqlite3.Connection], T]) -> T:
        return work(self._connection().db)

    def write[T](self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``work`` in one IMMEDIATE transaction; committed if it returns, rolled back if it raises."""
        conn = self._connection()
        conn.queue.acquire()
        try:
            conn.db.execute("BEGIN IMMEDIATE")
            try:
                result = work(conn.db)
            except BaseException:
                conn.db.execute("ROLLBACK")
                raise
            conn.db.execute("COMMIT")
            return result
        finally:
            conn.queue.release()

    def close(self) -> None:
        """Close this thread's connection (another thread's stays open)."""
        conn: _Connection | None = getattr(self._local, "conn", None)
        if conn is not None:
            self._local.conn = None
            if conn.pid == os.getpid():
                conn.close()
