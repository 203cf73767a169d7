"""Triage screening in processes of their own, beside the worker (``CAREWATCH_SCREENING_PROCESSES``).

Screening a text (``triage.engine.screen``) is pure CPU, about 40 % of the pipeline's work, and in
the worker it shares one interpreter lock with the threads that write. Here a long-lived child
process (started with ``spawn``: nothing of the worker is inherited, no database connection, no
lock) loads the engine once and screens the batches the worker's triage step sends it, so the
second core screens one thread's batch while the other thread writes. The worker's triage step
(``triage.hook.screen_mentions``) sends a batch as plain data and waits for the results (the wait
releases the interpreter lock).

What screening reads besides text and context is read in the worker and sent along, so a result is
the one screened in place: the client's campaign index's answer for each text (``spam.answer_for``;
the index lives in the worker, fed by the pipeline's step 1) and the registry's model choice for each
context (``registry.reference``: the model file, the operating point). The child never reads the
database: a choice not sent makes that batch fail there (``registry.ChoiceNotSent``).

If a child dies, hangs past ``timeout`` or fails a batch, that batch is screened in place in the
worker (nothing is lost, nothing differs) and a dead or hung child is replaced by a new one.
``close`` (the worker's shutdown) stops every child; a child whose worker is gone sees its pipe
closed and exits. The web process never starts one: only ``ops.worker.run_worker`` does.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import signal
import threading
from contextlib import suppress
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from carewatch.triage import registry
from carewatch.triage.context import ScreenContext
from carewatch.triage.detectors import spam
from carewatch.triage.detectors.model import choice_args

log = logging.getLogger(__name__)

#: A text's screening as plain data: language, positive labels, the contract (``as_contract``) without its id.
Screened = tuple[str, list[str], dict[str, Any]]
ChoiceKey = tuple[str, int | None, str, str]
#: What a child is sent: the batch's contexts, the model choice for each, and (text, context's
#: position, the campaign index's answer) for each text.
Batch = tuple[list[ScreenContext], dict[ChoiceKey, registry.ChoiceRef], list[tuple[str, int, Any]]]

WARM_UP = "warm-up before the first batch"
START_SECONDS = 180.0  # a new child's start (Django, the engine's dictionaries and models) on a busy machine
SECONDS_PER_TEXT = 0.5  # beyond which a batch is taken as hung: ~1 ms is usual


def screened(text: str, context: ScreenContext) -> Screened:
    """One text screened in this process, as plain data."""
    from carewatch.triage.engine import screen

    result = screen(text, context)
    return result.language, result.labels, result.as_contract(None)


def batch_for(items: list[tuple[str, ScreenContext]]) -> Batch:
    """What a child needs to screen ``items`` as this process would (read here: the campaign index's
    answers and the model choices). Raises ``registry.ChoiceNotSent`` for a model not from a file."""
    contexts: list[ScreenContext] = []
    position: dict[int, int] = {}
    choices: dict[ChoiceKey, registry.ChoiceRef] = {}
    rows: list[tuple[str, int, Any]] = []
    for text, context in items:
        at = position.get(id(context))
        if at is None:
            at = position[id(context)] = len(contexts)
            contexts.append(context)
            args = choice_args(context)
            if args not in choices:
                choices[args] = registry.reference(registry.choose(*args))
        rows.append((text, at, spam.answer_for(context.client_id, text)))
    return contexts, choices, rows


def screen_batch(batch: Batch) -> list[Screened]:
    """In a child: each text of ``batch`` screened with what the worker sent."""
    contexts, choices, rows = batch
    registry.install(choices)
    out: list[Screened] = []
    try:
        for text, at, answer in rows:
            context = contexts[at]
            spam.answer_with(context.client_id, answer)
            out.append(screened(text, context))
    finally:
        spam.answer_with(None, None)
    return out


def serve(conn: Connection, settings_module: str) -> None:
    """The child: load the engine, say ("ready",), then answer each batch with ("ok", results) or
    ("error", why) until it receives None or its pipe closes."""
    import gc

    # The worker's process group gets ^C / SIGTERM on shutdown: the worker stops this process itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
    import django

    django.setup()
    # The shipped model for the warm-up (no registry read); then only the choices the worker sends.
    screened(WARM_UP, ScreenContext(extra={"ae_model": "shipped"}))
    registry.install({})
    gc.collect()
    gc.freeze()
    try:
        conn.send(("ready", os.getpid()))
        while True:
            batch = conn.recv()
            if batch is None:
                return
            try:
                reply: tuple[str, Any] = ("ok", screen_batch(batch))
            except Exception as exc:  # the worker screens this batch itself
                reply = ("error", f"{type(exc).__name__}: {exc}")
            conn.send(reply)
    except (EOFError, OSError):  # the worker is gone
        pass
    finally:
        with suppress(OSError):
            conn.close()


class _Child:
    def __init__(self, process: BaseProcess, conn: Connection) -> None:
        self.process = process
        self.conn = conn
        self.ready = False

    def wait_ready(self, timeout: float) -> None:
        if not self.ready:
            if not self.conn.poll(timeout):
                raise TimeoutError("the screening process did not start in time")
            message = self.conn.recv()
            if message[0] != "ready":
                raise OSError(f"unexpected message from the screening process: {message[0]!r}")
            self.ready = True

    def stop(self, grace: float = 5.0) -> None:
        with suppress(OSError):
            self.conn.send(None)
        with suppress(OSError):
            self.conn.close()
        self.process.join(timeout=grace)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=10)


class ScreeningProcesses:
    """``processes`` children; each batch goes to a free one (a thread waits for one when all are busy)."""

    def __init__(self, processes: int = 1) -> None:
        from django.conf import settings

        self._context = multiprocessing.get_context("spawn")
        self._settings_module = str(settings.SETTINGS_MODULE)
        self._free: queue.Queue[_Child] = queue.Queue()
        self._lock = threading.Lock()
        self._children: list[_Child] = []
        self.closed = False
        self.batches = self.texts = self.in_place = self.restarts = 0
        for _ in range(processes):
            self._free.put(self._start())

    def _start(self) -> _Child:
        ours, theirs = self._context.Pipe(duplex=True)
        process = self._context.Process(target=serve, args=(theirs, self._settings_module),
                                        name="carewatch-screening", daemon=True)
        process.start()
        theirs.close()
        child = _Child(process, ours)
        with self._lock:
            self._children.append(child)
        return child

    def _replace(self, child: _Child) -> _Child:
        child.stop(grace=0.5)
        with self._lock:
            if child in self._children:
                self._children.remove(child)
            self.restarts += 1
        return self._start()

    @property
    def pids(self) -> list[int]:
        with self._lock:
            return [c.process.pid for c in self._children if c.process.pid is not None]

    def wait_ready(self, timeout: float = START_SECONDS) -> None:
        """Wait until every child has loaded the engine (the worker's start-up)."""
        with self._lock:
            children = list(self._children)
        for child in children:
            with suppress(TimeoutError, EOFError, OSError):
                child.wait_ready(timeout)

    def screen(self, items: list[tuple[str, ScreenContext]]) -> list[Screened] | None:
        """The results of ``items``, in order, screened by a child; None: screen them in place (the
        child failed: it was replaced if it died or hung)."""
        if self.closed or not items:
            return None
        try:
            batch = batch_for(items)
        except Exception as exc:  # screened in place, which behaves as it would have (raises the same)
            log.warning("screening in place: %s: %s", type(exc).__name__, exc)
            return self._in_place()
        child = self._free.get()
        try:
            child.wait_ready(START_SECONDS)
            child.conn.send(batch)
            if not child.conn.poll(START_SECONDS / 3 + SECONDS_PER_TEXT * len(items)):
                raise TimeoutError("the screening process did not answer in time")
            reply = child.conn.recv()
        except (EOFError, OSError, TimeoutError) as exc:
            log.warning("screening process %s lost (%s: %s): batch screened in place, process restarted",
                        child.process.pid, type(exc).__name__, exc)
            if self.closed:
                child.stop(grace=0.5)
            else:
                child = self._replace(child)
            return self._in_place()
        finally:
            self._free.put(child)
        if reply[0] != "ok" or len(reply[1]) != len(items):
            why = reply[1] if reply[0] != "ok" else "results missing"
            log.warning("screening process failed a batch (%s): screened in place", why)
            return self._in_place()
        with self._lock:
            self.batches += 1
            self.texts += len(items)
        result: list[Screened] = reply[1]
        return result

    def _in_place(self) -> list[Screened] | None:
        with self._lock:
            self.in_place += 1
        return None

    def close(self) -> None:
        """Stop every child (the worker's shutdown); later batches are screened in place."""
        self.closed = True
        with self._lock:
            children = list(self._children)
            self._children.clear()
        for child in children:
            child.stop()
        log.info("screening processes: %d batches (%d texts) screened there, %d in place, %d restarts",
                 self.batches, self.texts, self.in_place, self.restarts)


_active: ScreeningProcesses | None = None


def active() -> ScreeningProcesses | None:
    """The screening processes the triage step uses in this process (None: screen in place)."""
    return _active


def start(processes: int) -> ScreeningProcesses | None:
    """Start ``processes`` children and screen through them from now on (0: none, screen in place)."""
    global _active
    if processes <= 0:
        return None
    _active = ScreeningProcesses(processes)
    return _active


def stop() -> None:
    """Stop the children; screening is in place again."""
    global _active
    current, _active = _active, None
    if current is not None:
        current.close()
