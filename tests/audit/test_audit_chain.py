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


# --- issue 17, finding 6: a consistent snapshot, anchors, a missing head ---------------------------


def _cut_tail_and_head(keep: int) -> None:
    """What an intruder with write access does: drop the last events and fix the head to match."""
    from carewatch.audit.models import ChainHead

    AuditEvent.objects.filter(seq__gt=keep).delete()
    last = AuditEvent.objects.get(seq=keep)
    ChainHead.objects.filter(id=1).update(seq=keep, hash=last.hash)


def test_a_missing_head_row_is_reported(db: Any) -> None:
    from carewatch.audit.models import ChainHead

    _write(3)
    ChainHead.objects.all().delete()
    result = verify()
    assert not result.ok
    assert "head row is missing" in result.problem


def test_a_tail_cut_together_with_the_head_passes_alone_but_not_against_an_anchor(db: Any) -> None:
    from carewatch.audit.chain import anchor

    _write(6)
    recorded = anchor()
    assert (recorded.seq, recorded.hash) == (6, AuditEvent.objects.get(seq=6).hash)
    _cut_tail_and_head(4)
    assert verify().ok, "without an anchor the shortened chain is self-consistent"
    result = verify(recorded)
    assert not result.ok
    assert "cut from the end" in result.problem


def test_a_rewritten_last_event_with_a_matching_head_is_caught_by_the_anchor(db: Any) -> None:
    from carewatch.audit.chain import anchor, row_hash
    from carewatch.audit.models import ChainHead

    _write(5)
    recorded = anchor()
    event = AuditEvent.objects.get(seq=5)
    event.data = {"i": "forged"}
    event.hash = row_hash(event)
    event.save()
    ChainHead.objects.filter(id=1).update(hash=event.hash)
    assert verify().ok
    result = verify(recorded)
    assert not result.ok
    assert result.seq == 5
    assert "rewritten" in result.problem


def test_an_anchor_is_still_reached_after_more_events_are_written(db: Any) -> None:
    from carewatch.audit.chain import anchor

    _write(3)
    recorded = anchor()
    _write(4)
    assert verify(recorded).ok


def test_audit_anchor_and_verify_anchor_commands(transactional_db: Any, tmp_path: Any) -> None:
    _write(4)
    runner = CliRunner()
    path = tmp_path / "head.json"
    made = runner.invoke(main, ["audit", "anchor", "-o", str(path)])
    assert made.exit_code == 0, made.output
    assert '"seq": 4' in path.read_text()
    _write(1)
    ok = runner.invoke(main, ["audit", "verify", "--anchor", str(path)])
    assert ok.exit_code == 0, ok.output
    assert "reaches anchor #4" in ok.output
    _cut_tail_and_head(3)
    cut = runner.invoke(main, ["audit", "verify", "--anchor", str(path)])
    assert cut.exit_code == 1
    assert "cut from the end" in cut.output
    bad = tmp_path / "bad.json"
    bad.write_text("not json")
    refused = runner.invoke(main, ["audit", "verify", "--anchor", str(bad)])
    assert refused.exit_code != 0 and "not an audit anchor" in refused.output


@pytest.mark.services
def test_verify_while_another_process_appends_reports_no_tampering(transactional_db: Any, monkeypatch: Any) -> None:
    """Events committed by another connection during the walk are outside verify's snapshot:
    the head it reads is the head of the chain it walked (READ COMMITTED read a newer head)."""
    import threading

    from django.db import connections

    from carewatch.audit import chain
    if connection.vendor != "postgresql":  # the SQLite run of CI skips it; the PostgreSQL run runs it
        pytest.skip("runs on PostgreSQL (set DATABASE_URL): on SQLite verify's transaction is one snapshot")
    _write(5)
    walked = chain._events

    def concurrent_append() -> None:
        try:
            _write(3)
        finally:
            connections.close_all()

    def events_with_a_writer_meanwhile() -> Any:
        for i, event in enumerate(walked()):
            if i == 2:
                writer = threading.Thread(target=concurrent_append)
                writer.start()
                writer.join(timeout=30)
                assert not writer.is_alive()
            yield event

    monkeypatch.setattr(chain, "_events", events_with_a_writer_meanwhile)
    result = verify()
    assert result.ok, result.problem
    assert result.checked == 5
    assert AuditEvent.objects.count() == 8
    monkeypatch.undo()
    assert verify().ok and verify().checked == 8


# --- issue 17, finding 3: the chain head is the last lock of a worker's transaction -----------


def test_events_appended_inside_audit_last_are_written_together_at_its_end(db: Any) -> None:
    from carewatch.audit.chain import audit_last
    from carewatch.audit.models import ChainHead

    _write(2)
    with audit_last():
        append("test.event", actor_label="worker", data={"n": 1})
        with audit_last():  # re-entrant: an inner block adds to the outer one
            append("test.event", actor_label="worker", data={"n": 2})
        assert AuditEvent.objects.count() == 2, "nothing written (and the head not locked) before the end"
        assert ChainHead.objects.get(id=1).seq == 2
    assert list(AuditEvent.objects.order_by("seq").values_list("seq", "data")) == [
        (1, {"i": 0, "word": "añejo"}), (2, {"i": 1, "word": "añejo"}), (3, {"n": 1}), (4, {"n": 2})]
    assert verify().ok


def test_an_event_appended_in_a_rolled_back_savepoint_is_not_written(db: Any) -> None:
    from carewatch.audit.chain import audit_last

    with audit_last():
        append("test.kept", actor_label="worker")
        try:
            with transaction.atomic():
                append("test.undone", actor_label="worker")
                raise ValueError("the change is rolled back")
        except ValueError:
            pass
    assert list(AuditEvent.objects.values_list("action", flat=True)) == ["test.kept"]
    assert verify().ok


def test_an_error_in_an_audit_last_block_writes_none_of_its_events(db: Any) -> None:
    from carewatch.audit.chain import audit_last

    with pytest.raises(ValueError), audit_last():
        append("test.undone", actor_label="worker")
        raise ValueError("boom")
    with audit_last():
        pass
    assert not AuditEvent.objects.exists()
