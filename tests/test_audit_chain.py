from __future__ import annotations

from typing import Any

import pytest
from click.testing import CliRunner
from django.db import connection, transaction

from carewatch.audit.chain import append, verify
from carewatch.audit.models import AuditEvent
from carewatch.cli import main


def _write(n: int) -> None:
    for i in range(n):
        with transaction.atomic():
            append("test.event", actor_label="tester", object_type="thing", object_id=i, data={"i": i, "word": "añejo"})


def test_an_untouched_chain_verifies(db: Any) -> None:
    _write(5)
    result = verify()
    assert result.ok, result.problem
    assert result.checked == 5


def test_appending_outside_a_transaction_is_refused(db: Any) -> None:
    # pytest-django wraps each test in a transaction, so leave it to prove the guard.
    with pytest.raises(RuntimeError):
        connection.in_atomic_block = False
        try:
            append("test.event", actor_label="tester")
        finally:
            connection.in_atomic_block = True


@pytest.mark.parametrize("field,value", [
    ("data", {"i": 999}),
    ("action", "case.close"),
    ("actor_label", "someone-else"),
    ("object_id", "42"),
])
def test_changing_any_field_of_any_row_is_detected(db: Any, field: str, value: Any) -> None:
    _write(6)
    AuditEvent.objects.filter(seq=3).update(**{field: value})
    result = verify()
    assert not result.ok
    assert result.seq == 3
    assert "changed" in result.problem


def test_deleting_a_row_in_the_middle_is_detected(db: Any) -> None:
    _write(6)
    AuditEvent.objects.filter(seq=4).delete()
    result = verify()
    assert not result.ok
    assert result.seq == 4
    assert "missing" in result.problem


def test_deleting_the_last_row_is_detected_through_the_head(db: Any) -> None:
    _write(6)
    AuditEvent.objects.filter(seq=6).delete()
    result = verify()
    assert not result.ok
    assert "removed from the end" in result.problem


def test_rehashing_a_changed_row_still_breaks_the_next_link(db: Any) -> None:
    from carewatch.audit.chain import row_hash

    _write(6)
    event = AuditEvent.objects.get(seq=2)
    event.data = {"i": "forged"}
    event.hash = row_hash(event)
    event.save()
    result = verify()
    assert not result.ok
    assert result.seq == 3
    assert "does not link" in result.problem


def test_audit_verify_command_reports_ok_and_the_first_broken_link(transactional_db: Any) -> None:
    _write(3)
    runner = CliRunner()
    ok = runner.invoke(main, ["audit", "verify"])
    assert ok.exit_code == 0, ok.output
    assert ok.output.startswith("OK: 3 events")
    AuditEvent.objects.filter(seq=2).update(data={"tampered": True})
    broken = runner.invoke(main, ["audit", "verify"])
    assert broken.exit_code == 1
    assert "BROKEN at event #2" in broken.output
