"""Triage of the demo's history screened ahead, on the machine's other core.

Screening a text is pure CPU (``triage.engine.screen``: nothing read from or written to the
database once the client's context is known), and the demo knows every text of its history before
it loads it. So while the loader writes batch after batch (one writer: SQLite), a forked helper
process screens the planned texts in the order they will arrive and sends the results back; the
pipeline's triage step (``triage.hook.screen_mentions``) takes a text's result from there when it
has come, and screens the text itself when it has not. Nothing else changes: the same batches, the
same writes, in the same order, at the same clock.

A result screened ahead equals the one screened in place: the helper screens with the same
client context (read before the fork, compared on use) and no campaign index, and a result is
used only when the client's campaign index holds no near-duplicates of the text by enough
authors to matter (``spam.SpamDetector``'s one reading of the index; otherwise the text is
screened in place, with the index). Each use gets its own copy (unpickled), as a fresh screen
would. If the helper fails or is late, every text is screened in place: the load is as slow as
before, never different.
"""

from __future__ import annotations

import logging
import multiprocessing
import pickle
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from multiprocessing.connection import Connection
from typing import Any
from unittest import mock

from django.db import connections

from carewatch.triage import engine
from carewatch.triage.context import ScreenContext
from carewatch.triage.detectors import spam
from carewatch.triage.result import TriageResult

log = logging.getLogger(__name__)

SEND_EVERY = 16  # results per message from the helper
Key = tuple[str, str]  # (text, repr of the context)


def _key(text: str, context: ScreenContext) -> Key:
    return text, repr(context)


def _screen_ahead(items: Sequence[tuple[str, ScreenContext]], out: Connection) -> None:
    """The helper: screen each text, send (key, pickled result) in small lists, then None."""
    spam.forget_all()  # screened as with no campaign index; the loader checks its own on use
    seen: set[Key] = set()
    chunk: list[tuple[Key, bytes]] = []
    try:
        for text, context in items:
            key = _key(text, context)
            if key in seen:
                continue
            seen.add(key)
            chunk.append((key, pickle.dumps(engine.screen(text, context), pickle.HIGHEST_PROTOCOL)))
            if len(chunk) >= SEND_EVERY:
                out.send(chunk)
                chunk = []
        out.send(chunk)
        out.send(None)
    except (BrokenPipeError, EOFError, OSError):  # the loader stopped listening
        pass
    finally:
        out.close()


class _Results:
    """The loader's side: results received so far, the stream read without waiting."""

    def __init__(self, conn: Connection) -> None:
        self.conn: Connection | None = conn
        self.results: dict[Key, bytes] = {}
        self.used = self.missed = 0

    def _drain(self) -> None:
        conn = self.conn
        try:
            while conn is not None and conn.poll():
                message: Any = conn.recv()
                if message is None:
                    self._close()
                    return
                self.results.update(message)
        except (EOFError, OSError):  # the helper is gone: screen in place from here on
            self._close()

    def _close(self) -> None:
        if self.conn is not None:
            with suppress(OSError):
                self.conn.close()
            self.conn = None

    def screen(self, text: str, context: ScreenContext | None = None) -> TriageResult:
        if context is not None:
            self._drain()
            ahead = self.results.get(_key(text, context))
            if ahead is not None and not _campaign_matters(text, context):
                self.used += 1
                result: TriageResult = pickle.loads(ahead)  # noqa: S301 - our own helper's results
                return result
        self.missed += 1
        return engine.screen(text, context)


def _campaign_matters(text: str, context: ScreenContext) -> bool:
    """Whether the client's campaign index would add to the spam finding (see SpamDetector.detect)."""
    index = spam.campaign_index(context.client_id, create=False)
    return index is not None and index.near_duplicates(text).authors >= spam.MIN_AUTHORS


def contexts_for(channels: dict[int, tuple[int, str]]) -> dict[int, ScreenContext]:
    """Each channel's screening context, as the triage step builds it (client, sponsorship)."""
    by_client: dict[tuple[int, str], ScreenContext] = {}
    out = {}
    for channel_id, (client_id, sponsorship) in channels.items():
        if (client_id, sponsorship) not in by_client:
            by_client[client_id, sponsorship] = engine.context_for_client(client_id, sponsorship)
        out[channel_id] = by_client[client_id, sponsorship]
    return out


@contextmanager
def screened_ahead(items: Sequence[tuple[str, ScreenContext]]) -> Iterator[_Results | None]:
    """Within the block, the pipeline's triage step uses the helper's results for ``items`` (texts
    with their contexts, in the order they will be screened). Without ``fork`` (or with nothing to
    screen) the block runs as it would without this."""
    if not items or "fork" not in multiprocessing.get_all_start_methods():
        yield None
        return
    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    connections.close_all()  # no SQLite connection crosses the fork (the helper never uses one)
    helper = ctx.Process(target=_screen_ahead, args=(items, send), name="carewatch-demo-prescreen", daemon=True)
    helper.start()
    send.close()
    results = _Results(receive)
    try:
        with mock.patch("carewatch.triage.hook.screen", new=results.screen):
            yield results
    finally:
        results._close()
        helper.join(timeout=0.5)
        if helper.is_alive():  # still screening texts no longer needed (nothing to clean up there)
            helper.terminate()
            helper.join(timeout=10)
        log.info("demo triage screened ahead: %d used, %d screened in place", results.used, results.missed)
