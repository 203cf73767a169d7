from __future__ import annotations

import fcntl
import os
from typing import Any

import pytest
from django.db import connection, transaction

from carewatch.audit.chain import append


def _lock_is_free(path: str) -> bool:
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        fcntl.flock(fd, fcntl.LOCK_UN)
        return True
    except BlockingIOError:
        return False
    finally:
        os.close(fd)


def test_a_write_transaction_holds_the_writer_lock_until_it_commits_or_rolls_back(transactional_db: Any) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("the writer queue is for SQLite only; PostgreSQL has row locks")
    path = str(connection.settings_dict["NAME"]) + ".writer-lock"
    with transaction.atomic():
        append("test.lock", actor_label="t")
        assert not _lock_is_free(path), "another writer waits while this transaction is open"
    assert _lock_is_free(path), "released at commit"
    with pytest.raises(RuntimeError), transaction.atomic():
        append("test.lock", actor_label="t")
        raise RuntimeError("roll back")
    assert _lock_is_free(path), "released at rollback"
