"""On SQLite a webhook's event is spooled in a database file of its own, so the answer never waits
for the main database's writer (held by the worker's transactions); the worker moves spooled
events in exactly once, even when killed halfway through a move (``carewatch/sources/spool.py``)."""

from __future__ import annotations

import fcntl
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import RequestFactory

from carewatch.inbox.models import Mention
from carewatch.lib.secrets import seal
from carewatch.sources import spool
from carewatch.sources.meta.verify import sign
from carewatch.sources.models import EventState, InboundEvent
from carewatch.sources.webhooks import webhook_view
from carewatch.tenancy.models import Channel, Client
from tests.sources.test_connectors_webhooks import PAGE, SECRET, comment_body

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def spooling(transactional_db: Any) -> Iterator[Channel]:
    if not spool.enabled():
        pytest.skip("the webhook spool is for SQLite only: PostgreSQL has row locks")
    spool.move(run_pipeline=False)  # nothing left over from another test, no move pending
    InboundEvent.objects.all().delete()
    client = Client.objects.create(slug="northwind", name="Northwind")
    yield Channel.objects.create(client=client, platform="facebook", handle="NorthwindRx", external_id=PAGE,
                                 secrets={"app_secret": seal(SECRET)})
    spool.move(run_pipeline=False)  # nothing left for the next test


def post(body: bytes, secret: str = SECRET) -> Any:
    request = RequestFactory().post("/hooks/meta/", data=body, content_type="application/json",
                                    headers={"X-Hub-Signature-256": sign(body, secret)})
    return webhook_view(request, "meta")


def wait_until(predicate: Any, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return bool(predicate())


def test_a_webhook_is_answered_while_the_main_database_writer_is_held_elsewhere(spooling: Channel) -> None:
    name = str(connection.settings_dict["NAME"])
    lock_fd = os.open(name + ".writer-lock", os.O_RDWR | os.O_CREAT, 0o600)
    blocker = sqlite3.connect(name, isolation_level=None)
    answers: list[int] = []
    fcntl.flock(lock_fd, fcntl.LOCK_EX)  # what a worker's transaction holds: the queue and SQLite's lock
    blocker.execute("BEGIN IMMEDIATE")
    try:
        def deliver() -> None:
            response = post(comment_body("1_601"))
            answers.append(response.status_code)  # answered; not closed: the hand-on would need the lock

        thread = threading.Thread(target=deliver)
        thread.start()
        thread.join(timeout=60)
        assert answers == [200], "answered while the main database's writer was busy"
        assert spool.waiting() == 1
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
        fcntl.flock(lock_fd, fcntl.LOCK_UN)
        os.close(lock_fd)
    assert spool.move() == 1
    assert InboundEvent.objects.get().state == EventState.PROCESSED
    assert Mention.objects.get().external_id == "1_601"


def test_a_bad_signature_is_refused_and_nothing_is_spooled(spooling: Channel) -> None:
    response = post(comment_body("1_602"), secret="not-the-channel-secret")
    assert response.status_code == 403
    assert spool.waiting() == 0 and not InboundEvent.objects.exists()


def test_a_redelivery_is_stored_once_whether_still_spooled_or_already_moved(spooling: Channel) -> None:
    body = comment_body("1_603")
    first = post(body)
    again = post(body)  # still in the spool: the spool's own unique key refuses it
    assert first.status_code == again.status_code == 200 and again.after_sent is None
    assert spool.waiting() == 1
    first.close()
    assert InboundEvent.objects.count() == 1 and spool.waiting() == 0
    late = post(body)  # moved already: not spooled again
    assert late.status_code == 200 and late.after_sent is None and spool.waiting() == 0
    assert InboundEvent.objects.count() == 1 and Mention.objects.count() == 1


def test_webhooks_arriving_while_a_move_is_pending_enqueue_no_other_move(spooling: Channel) -> None:
    first = post(comment_body("1_640"))
    others = [post(comment_body(f"1_64{n}")) for n in range(1, 4)]
    assert first.after_sent is not None, "the first requests a move once answered"
    assert all(r.status_code == 200 and r.after_sent is None for r in others), "the pending move takes them along"
    first.close()
    assert spool.waiting() == 0 and InboundEvent.objects.count() == 4 and Mention.objects.count() == 4
    assert post(comment_body("1_645")).after_sent is not None, "the move began: the next event requests another"


def test_a_move_requested_long_ago_and_not_begun_is_requested_again(spooling: Channel) -> None:
    assert post(comment_body("1_650")).after_sent is not None  # its move task is lost: never enqueued
    assert post(comment_body("1_651")).after_sent is None
    spool.spool().write(lambda db: db.execute("UPDATE move_request SET requested_at = requested_at - ?",
                                              (spool.REQUEST_AGAIN_S + 1,)))
    again = post(comment_body("1_652"))
    assert again.after_sent is not None
    again.close()
    assert spool.waiting() == 0 and Mention.objects.count() == 3


def test_moving_the_same_spooled_rows_again_inserts_nothing_twice(spooling: Channel) -> None:
    for n in range(3):
        post(comment_body(f"1_61{n}"))  # not closed: no move task
    rows = spool.spool().read(lambda db: db.execute("SELECT * FROM spooled_event ORDER BY id").fetchall())
    assert spool.move(run_pipeline=False) == 3
    # As if a second mover (or one restarted after a crash) found the same rows still spooled.
    spool.spool().write(lambda db: db.executemany(
        f"INSERT INTO spooled_event VALUES ({','.join('?' * len(rows[0]))})", rows))  # noqa: S608 - placeholders only
    assert spool.waiting() == 3
    assert spool.move() == 3 and spool.waiting() == 0
    assert InboundEvent.objects.count() == 3
    assert sorted(Mention.objects.values_list("external_id", flat=True)) == ["1_610", "1_611", "1_612"]


def test_the_sweeper_moves_what_a_lost_move_task_left_in_the_spool(spooling: Channel) -> None:
    post(comment_body("1_620"))  # answered, but its move task never enqueued (the response not closed)
    assert spool.waiting() == 1 and not InboundEvent.objects.exists()
    spool.sweep_spool.call_local()  # the periodic task's body, as the worker runs it each minute
    assert spool.waiting() == 0
    assert InboundEvent.objects.get().state == EventState.PROCESSED
    assert Mention.objects.get().external_id == "1_620"


MOVER = """
import os, sys, time
import django
django.setup()
from carewatch.sources import spool

def killed_here(ids):  # the main database has committed; the spool has not been told
    print("committed", flush=True)
    time.sleep(600)

spool._remove = killed_here
spool.move(run_pipeline=False)
"""


def test_a_mover_killed_between_the_main_commit_and_the_spool_delete_loses_and_doubles_nothing(
        spooling: Channel) -> None:
    for n in range(3):
        post(comment_body(f"1_63{n}"))
    assert spool.waiting() == 3
    name = str(connection.settings_dict["NAME"])
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{name}", "DJANGO_SETTINGS_MODULE": "carewatch.settings",
           "CAREWATCH_TASKS_IMMEDIATE": "1"}
    env.pop("REDIS_URL", None)
    mover = subprocess.Popen([sys.executable, "-c", MOVER], env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert mover.stdout is not None
        assert mover.stdout.readline().strip() == "committed"
    finally:
        mover.send_signal(signal.SIGKILL)
        mover.wait(timeout=60)
    assert InboundEvent.objects.count() == 3, "the move committed in the main database"
    assert spool.waiting() == 3, "and was killed before it could delete the rows from the spool"
    assert spool.move() == 3 and spool.waiting() == 0
    assert InboundEvent.objects.count() == 3
    assert set(InboundEvent.objects.values_list("state", flat=True)) == {EventState.PROCESSED}
    assert sorted(Mention.objects.values_list("external_id", flat=True)) == ["1_630", "1_631", "1_632"]


def test_the_spool_sits_beside_the_main_database() -> None:
    from carewatch.lib.sqlite.spool import spool_path

    assert spool_path("/d/carewatch.sqlite3", "spool") == "/d/carewatch.spool.sqlite3"
    assert spool_path("/d/test-carewatch.sqlite3", "spool") == "/d/test-carewatch.spool.sqlite3"
    assert spool_path("/d.x/db", "spool") == "/d.x/db.spool"
