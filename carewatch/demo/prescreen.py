"""The demo's triage, screened on the machine's other core.

Screening a text is pure CPU (``triage.engine.screen``: nothing read from or written to the
database once the client's context is known), and the demo knows every text of its history before
it loads it. So a helper process, forked when the load starts, readies the triage (its lexicons,
automata and model: most of a second) while the loader applies the agency, then screens the planned
history in the order it will arrive and streams the results back, while the loader writes batch
after batch (SQLite's one writer). The pipeline's triage step (``triage.hook.screen_mentions``)
takes a text's result from that stream when it has come; any other text (not planned: the
programs' mentions) it asks the helper for when the helper is idle; what is late it screens itself
(see ``Screener``). Nothing else changes: the same batches, the
same writes, in the same order, at the same clock.

A result from the helper equals the one screened in place. Its context is the loader's (built
there, sent along, compared on use), and the one thing screening reads besides text and context,
the client's in-process campaign index (``spam.SpamDetector``: how many authors posted
near-duplicates), is the loader's too: a result screened ahead (with no index) is used only when
the loader's index holds no near-duplicates by enough authors to matter; otherwise the loader asks
for the text with its index's answer, which the helper's spam detector then reads. Each use gets
its own copy (unpickled), as a fresh screen would. If the helper fails, the loader screens in
place: slower, never different.
"""

from __future__ import annotations

import logging
import multiprocessing
import pickle
import time
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from multiprocessing.connection import Connection
from typing import Any

from asgiref.local import Local
from django.db import connections

from carewatch.triage import engine
from carewatch.triage.context import ScreenContext
from carewatch.triage.detectors import spam
from carewatch.triage.hook import screening_with
from carewatch.triage.result import TriageResult

log = logging.getLogger(__name__)

Key = tuple[str, str]  # (text, repr of the context)
WARM_UP = "I took my new medicine and got a rash, is that normal? @brand"


def _key(text: str, context: ScreenContext) -> Key:
    return text, repr(context)


class _Fixed:
    """The loader's campaign index, as its answer for one text (all the spam detector reads)."""

    def __init__(self, answer: spam.NearDuplicates) -> None:
        self.answer = answer

    def near_duplicates(self, text: str) -> spam.NearDuplicates:
        return self.answer


def _screen(text: str, context: ScreenContext, dupes: spam.NearDuplicates | None) -> bytes:
    spam.forget_all()
    if dupes is not None:
        spam._INDEXES[context.client_id] = _Fixed(dupes)  # type: ignore[assignment]
    try:
        return pickle.dumps(engine.screen(text, context), pickle.HIGHEST_PROTOCOL)
    finally:
        spam.forget_all()


_INHERITED: list[Any] = []


def _own_connections() -> None:
    """In the helper: database connections of its own. The loader's, copied by the fork, are not
    used (a SQLite connection must not cross a fork) nor closed (kept referenced until the helper
    exits without cleaning up): the triage's model registry reads the clients' settings."""
    _INHERITED.append(connections._connections)  # type: ignore[attr-defined]
    connections._connections = Local(connections.thread_critical)  # type: ignore[attr-defined]


def _serve(conn: Connection) -> None:
    """The helper. Messages in: ("ahead", [(text, context)]), ("screen", text, context, dupes), None
    (stop). Out: ("ahead", key, result) for each planned text as it is screened, ("done",) when the
    plan is, ("answer", result) for each "screen" (read between any two texts: answered first)."""
    try:
        _own_connections()
        spam.forget_all()  # what the loader indexed before the fork is not this process's to read
        engine.screen(WARM_UP, ScreenContext())
        pending: deque[tuple[str, ScreenContext]] = deque()
        seen: set[Key] = set()
        while True:
            while conn.poll(0 if pending else None):
                message: Any = conn.recv()
                if message is None:
                    return
                if message[0] == "ahead":
                    pending.extend(message[1])
                else:
                    _, text, context, dupes = message
                    conn.send(("answer", _screen(text, context, dupes)))
            if pending:
                text, context = pending.popleft()
                key = _key(text, context)
                if key not in seen:
                    seen.add(key)
                    conn.send(("ahead", key, _screen(text, context, None)))
                if not pending:
                    conn.send(("done",))
    except (EOFError, OSError, KeyboardInterrupt):  # the loader is gone or stopping
        pass
    finally:
        with suppress(OSError):
            conn.close()


class Screener:
    """The loader's side. ``screen`` stands in for ``triage.engine.screen`` in the triage step.

    It never waits long on the helper (on a machine whose cores are busy, a helper that falls
    behind would hold the load up): a planned text whose result has not come is waited for briefly
    (``WAIT_EACH``, at most ``WAIT_TOTAL`` over the load), then screened in place; another text is
    asked for only when the helper has nothing else to do (or, for a text of a campaign, at once:
    the helper reads requests between any two texts), else screened in place too."""

    WAIT_EACH, WAIT_TOTAL = 0.05, 2.0  # seconds

    def __init__(self, conn: Connection | None) -> None:
        self.conn = conn
        self.ahead: dict[Key, bytes] = {}
        self.planned: set[Key] = set()
        self.idle = True  # the helper has screened all it was given
        self.waited = 0.0
        self.used = self.asked = self.in_place = 0

    def plan(self, items: Sequence[tuple[str, ScreenContext]]) -> None:
        """Texts (with their contexts) in the order the triage step will screen them."""
        if items and self.conn is not None:
            try:
                self.conn.send(("ahead", list(items)))
            except OSError:
                self.close()
                return
            self.planned.update(_key(text, context) for text, context in items)
            self.idle = False

    def _receive(self) -> Any:
        assert self.conn is not None
        message: Any = self.conn.recv()
        if message[0] == "ahead":
            self.ahead[message[1]] = message[2]
        elif message[0] == "done":
            self.idle = True
        return message

    def wait_idle(self, timeout: float) -> bool:
        """Wait until the helper has screened what it was given (at most ``timeout`` seconds)."""
        deadline = time.monotonic() + timeout
        try:
            while not self.idle and self.conn is not None and self.conn.poll(max(0.0, deadline - time.monotonic())):
                self._receive()
        except (EOFError, OSError):
            self.close()
        return self.idle

    def _wait_for(self, key: Key) -> bytes | None:
        started = time.monotonic()
        limit = min(self.WAIT_EACH, self.WAIT_TOTAL - self.waited)
        try:
            while key not in self.ahead and self.conn is not None:
                left = limit - (time.monotonic() - started)
                if left <= 0 or not self.conn.poll(left):
                    break
                self._receive()
        finally:
            self.waited += time.monotonic() - started
        return self.ahead.get(key)

    def screen(self, text: str, context: ScreenContext | None = None) -> TriageResult:
        context = context or ScreenContext()
        index = spam.campaign_index(context.client_id, create=False)
        dupes = index.near_duplicates(text) if index is not None else None
        matters = dupes is not None and dupes.authors >= spam.MIN_AUTHORS
        key = _key(text, context)
        data: bytes | None = None
        try:
            while self.conn is not None and self.conn.poll():
                self._receive()
            if not matters:
                data = self.ahead.get(key)
                if data is None and key in self.planned and not self.idle and self.waited < self.WAIT_TOTAL:
                    data = self._wait_for(key)
                self.used += data is not None
            if data is None and self.conn is not None and (matters or self.idle):
                self.conn.send(("screen", text, context, dupes if matters else None))
                while (message := self._receive())[0] != "answer":
                    pass
                data = message[1]
                self.asked += 1
        except (EOFError, OSError):  # the helper is gone: screen in place from here on
            self.close()
        if data is None:
            self.in_place += 1
            return engine.screen(text, context)
        result: TriageResult = pickle.loads(data)  # noqa: S301 - our own helper's results
        return result

    def close(self) -> None:
        if self.conn is not None:
            with suppress(OSError):
                self.conn.send(None)
            with suppress(OSError):
                self.conn.close()
            self.conn = None


@contextmanager
def screening_helper() -> Iterator[Screener]:
    """Within the block, the pipeline's triage step screens through the helper (see above). Where
    processes cannot be forked, it screens in place, as without this."""
    if "fork" not in multiprocessing.get_all_start_methods():
        screener = Screener(None)
        helper = None
    else:
        ctx = multiprocessing.get_context("fork")
        ours, theirs = ctx.Pipe(duplex=True)
        if not any(c.in_atomic_block for c in connections.all(initialized_only=True)):
            connections.close_all()  # no open SQLite connection crosses the fork (the helper uses none)
        helper = ctx.Process(target=_serve, args=(theirs,), name="carewatch-demo-triage", daemon=True)
        helper.start()
        theirs.close()
        screener = Screener(ours)
    try:
        with screening_with(screener.screen):
            yield screener
    finally:
        screener.close()
        if helper is not None:
            helper.join(timeout=1)
            if helper.is_alive():  # still screening texts no longer needed (nothing to clean up there)
                helper.terminate()
                helper.join(timeout=10)
        log.debug("demo triage: %d screened ahead, %d asked for, %d screened in place",
                 screener.used, screener.asked, screener.in_place)


def contexts_for(channels: dict[int, tuple[int, str]]) -> dict[int, ScreenContext]:
    """Each channel's screening context, as the triage step builds it (client, sponsorship)."""
    by_client: dict[tuple[int, str], ScreenContext] = {}
    out = {}
    for channel_id, (client_id, sponsorship) in channels.items():
        if (client_id, sponsorship) not in by_client:
            by_client[client_id, sponsorship] = engine.context_for_client(client_id, sponsorship)
        out[channel_id] = by_client[client_id, sponsorship]
    return out
