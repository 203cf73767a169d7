"""SQLite with a fair writer queue.

SQLite lets one writer in at a time; the others poll with sleeps that grow to 100 ms (its busy
handler), so under concurrent writes a short transaction can wait far longer than the one
ahead of it took. Here every write transaction first takes an exclusive ``flock`` on a lock
file beside the database: the kernel wakes the next writer the moment the lock is released,
in every thread and process alike. SQLite's own locking still guards correctness; the file
lock only makes waiting prompt. Reads never take it (WAL lets them run beside a writer).
A background worker lets waiting web writers go first, for a bounded time (``writers.py``).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.backends.sqlite3 import base

from carewatch.lib.sqlite.writers import WriterQueue, is_background_writer


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._writers: WriterQueue | None = None

    def get_new_connection(self, conn_params: Any) -> Any:
        conn = super().get_new_connection(conn_params)
        if is_background_writer():
            # The worker: no memory-mapped reads, a smaller page cache (settings.py says why).
            mmap_size = int(getattr(settings, "SQLITE_WORKER_MMAP_SIZE", 0))
            cache_kib = int(getattr(settings, "SQLITE_WORKER_CACHE_KIB", 16000))
            conn.execute(f"PRAGMA mmap_size={mmap_size}")
            conn.execute(f"PRAGMA cache_size={-cache_kib}")
        return conn

    def _lock_path(self) -> str | None:
        name = str(self.settings_dict.get("NAME") or "")
        if not name or self.is_in_memory_db():
            return None
        return name + ".writer-lock"

    def _take_writer_lock(self) -> None:
        if self._writers is None:
            path = self._lock_path()
            if path is None:
                return
            self._writers = WriterQueue(path)
        self._writers.acquire()

    def _release_writer_lock(self) -> None:
        if self._writers is not None:
            self._writers.release()

    def _start_transaction_under_autocommit(self) -> None:
        self._take_writer_lock()
        try:
            super()._start_transaction_under_autocommit()  # type: ignore[misc]
        except BaseException:
            self._release_writer_lock()
            raise

    def _commit(self) -> None:
        try:
            super()._commit()  # type: ignore[misc]
        finally:
            self._release_writer_lock()

    def _rollback(self) -> None:
        try:
            super()._rollback()  # type: ignore[misc]
        finally:
            self._release_writer_lock()

    def _close(self) -> None:
        try:
            super()._close()  # type: ignore[misc]
        finally:
            if self._writers is not None:
                self._writers.close()
                self._writers = None
