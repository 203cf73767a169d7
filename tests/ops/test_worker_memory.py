from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection

from carewatch.lib.sqlite.writers import become_background_writer, become_interactive_writer
from carewatch.ops import heap
from carewatch.ops.heap import Trimmer


@pytest.fixture
def fresh_connection() -> Iterator[None]:
    connection.close()
    yield
    become_interactive_writer()
    connection.close()


def _pragma(name: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA {name}")
        return int(cursor.fetchone()[0])


def test_the_worker_reads_the_sqlite_file_without_a_memory_map_and_with_a_smaller_page_cache(
        transactional_db: Any, fresh_connection: None, settings: Any) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's PRAGMAs")
    settings.SQLITE_WORKER_MMAP_SIZE = 0
    settings.SQLITE_WORKER_CACHE_KIB = 8000
    become_background_writer()
    connection.close()
    assert _pragma("mmap_size") == 0
    assert _pragma("cache_size") == -8000


def test_the_web_keeps_its_memory_map_and_page_cache(transactional_db: Any, fresh_connection: None) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's PRAGMAs")
    become_interactive_writer()
    connection.close()
    assert _pragma("mmap_size") == 268435456
    assert _pragma("cache_size") == -64000


def test_the_heap_is_trimmed_after_every_sweep_and_at_most_every_few_seconds_after_other_tasks() -> None:
    now = [100.0]
    trims: list[float] = []
    trimmer = Trimmer(every=10.0, clock=lambda: now[0], release=lambda: trims.append(now[0]) or True)
    assert not trimmer.after_task(periodic=False), "not yet: the last trim (the start) was just now"
    now[0] = 105.0
    assert trimmer.after_task(periodic=True), "a sweep is always followed by a trim"
    now[0] = 114.0
    assert not trimmer.after_task(periodic=False)
    now[0] = 115.0
    assert trimmer.after_task(periodic=False)
    assert not trimmer.after_task(periodic=False)
    assert trims == [105.0, 115.0]


def test_releasing_the_free_heap_works_or_says_it_cannot(monkeypatch: pytest.MonkeyPatch) -> None:
    assert heap.release_free_heap() is (heap._malloc_trim is not None)
    monkeypatch.setattr(heap, "_malloc_trim", None)
    assert heap.release_free_heap() is False
