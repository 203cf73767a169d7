"""Triage screening in a process of its own beside the worker (carewatch.triage.screening_process):
the same results as screening in place, a killed process replaced with nothing lost, off when the
setting says 0, never started by the web process."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from carewatch.inbox.models import Mention
from carewatch.tenancy.models import Client
from carewatch.triage import registry, screening_process
from carewatch.triage.classifier import LinearTextModel, shipped_arrays_path
from carewatch.triage.context import ScreenContext
from carewatch.triage.detectors import spam
from carewatch.triage.engine import context_for_client
from carewatch.triage.hook import screen_mentions
from carewatch.triage.learned_training import record_context

DATA = Path(screening_process.__file__).resolve().parent / "data"
CAMPAIGN = "Cheap pens without prescription, DM me now, fast shipping worldwide, best price guaranteed today"


@pytest.fixture(scope="module")
def processes() -> Iterator[screening_process.ScreeningProcesses]:
    started = screening_process.ScreeningProcesses(1)
    started.wait_ready()
    yield started
    started.close()


@pytest.fixture(autouse=True)
def _fresh_state() -> Iterator[None]:
    spam.forget_all()
    registry.clear_cache()
    yield
    spam.forget_all()
    registry.clear_cache()


def _records() -> list[dict[str, Any]]:
    out = []
    for path in sorted(DATA.glob("*.jsonl")):
        out.extend(json.loads(row) for row in path.read_text(encoding="utf-8").splitlines() if row.strip())
    return out


def _context(record: dict[str, Any], client_id: int | None) -> ScreenContext:
    context: ScreenContext = replace(record_context(record), client_id=client_id)
    return context

def test_every_labelled_text_screened_in_a_screening_process_equals_the_text_screened_in_place(
        processes: screening_process.ScreeningProcesses, northwind: Client, contoso: Client) -> None:
    contoso.settings = {registry.PIN_KEY: registry.RULES_ONLY}  # a client without the model: sent as such
    contoso.save()
    for author in ("a", "b", "c", "d", "e", "f"):  # a copy-paste campaign in northwind's index
        spam.remember(northwind.pk, CAMPAIGN, author)
    records = _records()[::2]  # every other one: the test's time
    assert len(records) > 2500
    clients = (northwind.pk, contoso.pk, None)
    items = [(str(r["text"]), _context(r, clients[n % 3])) for n, r in enumerate(records)]
    items += [(CAMPAIGN, context_for_client(northwind.pk, "owned")), (CAMPAIGN, context_for_client(contoso.pk))]
    items += [("Glucavio gave me a rash, week 2", ScreenContext(client_id=northwind.pk, extra={"ae_operating_point": "f1"}))]
    there = processes.screen(items)
    assert there is not None
    here = [screening_process.screened(text, context) for text, context in items]
    assert len(there) == len(here) == len(items)
    differing = [n for n, (a, b) in enumerate(zip(there, here, strict=True)) if a != b]
    assert differing == []
    assert "spam" in here[-3][1] and "campaign" in here[-3][2]["details"]["spam"]["kinds"]  # the index was read
    assert any("adverse_event" in labels for _, labels, _ in here)


def test_the_triage_step_screens_a_batch_of_mentions_there_as_it_does_in_place(
        processes: screening_process.ScreeningProcesses, northwind: Client, make_mention: Any,
        monkeypatch: pytest.MonkeyPatch) -> None:
    texts = ["week 3 on Glucavio and I've been nauseous every morning", "Is Glucavio covered by my insurance?",
             "my son swallowed two of my pills, what do we do??", "love this brand"]
    ids = [make_mention(northwind, text, author=f"p{n}").pk for n, text in enumerate(texts)]
    in_place = screen_mentions(list(Mention.objects.filter(pk__in=ids).order_by("pk")))
    before = processes.texts
    monkeypatch.setattr(screening_process, "_active", processes)
    there = screen_mentions(list(Mention.objects.filter(pk__in=ids).order_by("pk")))
    assert processes.texts == before + len(texts)  # they were screened there
    assert [(m.pk, m.language, m.labels, m.triage) for m in there] \
        == [(m.pk, m.language, m.labels, m.triage) for m in in_place]
    assert [m.triage["id"] for m in there] == sorted(ids)


def test_a_killed_screening_process_is_restarted_and_its_batch_screened_in_place(
        processes: screening_process.ScreeningProcesses, northwind: Client, make_mention: Any,
        monkeypatch: pytest.MonkeyPatch) -> None:
    ids = [make_mention(northwind, f"Glucavio pen {n} arrived broken and leaking", author=f"k{n}").pk for n in range(3)]
    [old_pid] = processes.pids
    os.kill(old_pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(c.pid == old_pid for c in multiprocessing.active_children()):
        time.sleep(0.05)
    restarts, in_place = processes.restarts, processes.in_place
    monkeypatch.setattr(screening_process, "_active", processes)
    mentions = screen_mentions(list(Mention.objects.filter(pk__in=ids).order_by("pk")))
    assert [m.pk for m in mentions] == sorted(ids)  # nothing lost
    assert all("product_complaint" in m.labels and m.triage["id"] == m.pk for m in mentions)
    assert processes.restarts == restarts + 1 and processes.in_place == in_place + 1
    [new_pid] = processes.pids
    assert new_pid != old_pid
    texts = processes.texts
    again = screen_mentions(list(Mention.objects.filter(pk__in=ids).order_by("pk")))  # the new process screens
    assert processes.texts == texts + 3
    assert [(m.labels, m.triage) for m in again] == [(m.labels, m.triage) for m in mentions]


def test_a_batch_the_process_cannot_screen_as_the_worker_would_is_screened_in_place(
        processes: screening_process.ScreeningProcesses) -> None:
    loose = LinearTextModel.load(shipped_arrays_path("adverse_event"))  # not through the registry's files
    with registry._lock:  # a model the worker holds that was not loaded from a file: it cannot be sent
        registry._choices[("adverse_event", None, "|")] = (float("inf"), registry.Choice(loose))
    in_place = processes.in_place
    assert processes.screen([("I got a rash", ScreenContext())]) is None
    assert processes.in_place == in_place + 1


def _screening_children() -> set[int | None]:
    return {c.pid for c in multiprocessing.active_children() if c.name == "carewatch-screening"}


def test_no_screening_process_when_the_setting_says_0(northwind: Client, make_mention: Any) -> None:
    before = _screening_children()  # (this module's own, if its other tests ran first)
    assert settings.CAREWATCH_SCREENING_PROCESSES == 0  # off in the tests' settings
    assert screening_process.start(0) is None
    assert screening_process.active() is None
    mention = make_mention(northwind, "Glucavio gave me a terrible headache")
    [screened] = screen_mentions([mention])
    assert "adverse_event" in screened.labels
    assert _screening_children() == before


def test_the_web_process_starts_no_screening_process(client: Any, alice: Any) -> None:
    before = _screening_children()
    client.force_login(alice)
    assert client.get("/").status_code in (200, 302)
    assert screening_process.active() is None
    assert _screening_children() == before


def test_stopping_the_screening_processes_ends_the_child() -> None:
    started = screening_process.start(1)
    assert started is not None and screening_process.active() is started
    started.wait_ready()
    [pid] = started.pids
    children = [c for c in multiprocessing.active_children() if c.pid == pid]
    screening_process.stop()
    assert screening_process.active() is None
    assert children and not children[0].is_alive()
    assert started.screen([("hello", ScreenContext())]) is None  # closed: in place
