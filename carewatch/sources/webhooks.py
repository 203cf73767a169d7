"""The one webhook endpoint every push platform shares: /hooks/<source>/.

GET answers the platform's handshake. POST: size check (413), route by the account id inside
the payload (404 if unknown), signature over the raw bytes with that channel's secret (403,
nothing stored, counted), store the raw event (a valid signature on a body that is not JSON is
kept as rejected, 400), answer 200 at once, and enqueue the pipeline once the answer is sent.

The acknowledgement waits only for the one INSERT that makes the event durable. On SQLite that
INSERT goes to the webhook spool, a database file of its own (``spool.py``): the main database's
single writer lock is the worker's most of the time under load, and the answer must not wait for
it; the worker moves spooled events in, exactly once. On PostgreSQL it goes to ``InboundEvent``.
Putting the task on the queue is another write (to the queue's own database, or Redis) that the
platform need not wait for: it runs when the server closes the response, after the bytes went
out, and the events of concurrent requests share one task (``_Batcher``). If it fails, the event
stays spooled (or ``received``) and the sweeper moves (or enqueues) it a minute later.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from carewatch.lib.secrets import SecretError
from carewatch.lib.storable import storable_text
from carewatch.sources import spool
from carewatch.sources.base import PushSource
from carewatch.sources.models import ChannelState, EventState, InboundEvent
from carewatch.sources.tasks import enqueue_events
from carewatch.tenancy.models import Channel

log = logging.getLogger("carewatch.webhooks")
security = logging.getLogger("carewatch.security")

_DROP_HEADERS = {"cookie", "authorization", "proxy-authorization"}


# No platform nests a payload more than a dozen levels deep; Python's JSON decoder recurses
# once per level and a body of nothing but brackets would raise RecursionError (a 500).
MAX_JSON_DEPTH = 128
_JSON_TOKEN = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')


def nesting_depth(raw: bytes, limit: int = MAX_JSON_DEPTH) -> int:
    """How deeply the JSON text ``raw`` nests (brackets inside strings do not count), found
    without recursion; counting stops once it passes ``limit``."""
    depth = deepest = 0
    for match in _JSON_TOKEN.finditer(raw):
        token = match.group()
        if token in (b"[", b"{"):
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    return deepest
        elif token in (b"]", b"}"):
            depth = max(0, depth - 1)
    return deepest


def _headers(request: HttpRequest) -> dict[str, str]:
    return {storable_text(k.lower()): storable_text(v) for k, v in request.headers.items()
            if k.lower() not in _DROP_HEADERS}


def _channels(source: PushSource) -> list[Channel]:
    return list(
        Channel.objects.filter(platform__in=source.platforms, is_active=True).select_related("client")
    )


FOREIGN_ENTRY_PROBLEM = (
    "a delivery signed with another account's secret carried entries for this account: refused"
)


def _count_rejection(channel: Channel | None, source: PushSource, reason: str, request: HttpRequest,
                     problem: str = "") -> None:
    count = None
    if channel is not None:
        state, _ = ChannelState.objects.get_or_create(channel=channel)
        changes: dict[str, Any] = {"events_rejected": F("events_rejected") + 1}
        if problem:  # shown in channel health
            changes.update(last_error=problem[:300], last_error_at=timezone.now())
        ChannelState.objects.filter(pk=state.pk).update(**changes)
        count = state.events_rejected + 1
    security.warning(
        "webhook rejected: source=%s channel=%s reason=%s remote=%s rejected_total=%s",
        source.name, channel.pk if channel else "-", reason, request.META.get("REMOTE_ADDR", ""), count,
    )


def _verified(source: PushSource, raw: bytes, headers: dict[str, str], channel: Channel) -> bool:
    try:
        return source.verify(raw, headers, channel)
    except SecretError:
        log.error("channel %s has no usable secret for %s signatures", channel.pk, source.name)
        return False


def _signers(source: PushSource, raw: bytes, headers: dict[str, str], candidates: list[Channel],
             ) -> tuple[list[Channel], list[Channel]]:
    """The channels the body may write into, split by whether their secret signed it.

    ``signed``: channels whose secret verifies the body; ``foreign``: channels of an account
    none of whose channels' secrets did (a page connected by two clients goes only to the one
    that signed). Every account the body names is checked, not just the first.
    """
    by_account: dict[str, list[Channel]] = {}
    for channel in candidates:
        by_account.setdefault(channel.external_id, []).append(channel)
    signed: list[Channel] = []
    foreign: list[Channel] = []
    for channels in by_account.values():
        ok = [c for c in channels if _verified(source, raw, headers, c)]
        if ok:
            signed.extend(ok)
        else:
            foreign.extend(channels)
    signed.sort(key=lambda c: c.pk)
    return signed, foreign


class _Batcher[T]:
    """Enqueues the pipeline for stored events, one task for the events of concurrent requests.

    The first request thread to arrive enqueues; the threads that arrive meanwhile only add
    their event and return, and the enqueuing thread takes their events along in its next
    task. Fewer, larger tasks: fewer writes to the queue, less work for the worker.
    """

    def __init__(self, hand_on: Callable[[list[T]], None]) -> None:
        self._hand_on = hand_on
        self._lock = threading.Lock()
        self._ids: list[T] = []
        self._flushing = False

    def busy(self) -> bool:
        """Whether stored events are still being handed on (with immediate tasks, as in the
        tests, that includes the pipeline's run over them)."""
        with self._lock:
            return self._flushing or bool(self._ids)

    def add(self, event_id: T) -> None:
        with self._lock:
            self._ids.append(event_id)
            if self._flushing:
                return  # the thread enqueuing now takes this one along
            self._flushing = True
        try:
            while True:
                with self._lock:
                    ids, self._ids = self._ids, []
                    if not ids:
                        self._flushing = False
                        return
                try:
                    self._hand_on(ids)
                except Exception:  # the events are stored: the sweeper enqueues what this could not
                    log.exception("could not enqueue %s stored webhook event(s); the sweeper will", len(ids))
        except BaseException:
            with self._lock:
                self._flushing = False
            raise


def _move_spooled(keys: list[str]) -> None:
    """One move task for these spooled events and any others waiting (it takes the spool's oldest)."""
    spool.move_spooled_events.enqueue()


_batcher: _Batcher[int] = _Batcher(enqueue_events)
_spooled: _Batcher[str] = _Batcher(_move_spooled)


def handing_on() -> bool:
    """Whether a request thread is still handing stored events on: a served process (or a test's
    live server) waits for this before it closes its database."""
    return _batcher.busy() or _spooled.busy()


class AckResponse(HttpResponse):
    """The 200 a platform waits for; ``after_sent`` runs once the server has sent it.

    WSGI servers call ``close()`` after writing the body (gunicorn, runserver, the test client).
    """

    def __init__(self, after_sent: Callable[[], None] | None = None) -> None:
        super().__init__("ok", content_type="text/plain")
        self.after_sent = after_sent

    def close(self) -> None:
        after, self.after_sent = self.after_sent, None
        try:
            if after is not None:
                after()
        finally:
            super().close()


def _already_stored(source: str, dedup_key: str) -> bool:
    """Whether the main database holds this delivery already (a read: no write lock). Plain SQL:
    the ORM's compilation of the same query cost a webhook more CPU than running it."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM {InboundEvent._meta.db_table} WHERE source = %s AND dedup_key = %s"  # noqa: S608
                       " LIMIT 1", [source, dedup_key])
        return cursor.fetchone() is not None


def _store(source: PushSource, raw: bytes, headers: dict[str, str], channel: Channel, payload: Any,
           state: str = EventState.RECEIVED, reason: str = "") -> Callable[[], None] | None:
    """Store the raw event durably (one INSERT); what hands it on once the answer is sent, or
    None for a redelivery."""
    key = storable_text(source.dedup_key(raw, payload))[:255] if payload is not None else None
    if spool.enabled():
        # A read (no write lock): a delivery already moved in is not spooled again. One moved in
        # meanwhile is caught by the move (the same unique key): never stored twice.
        if key is not None and _already_stored(source.name, key):
            return None
        spooled = spool.put(source.name, raw, headers, channel.pk, channel.client_id, key, timezone.now(),
                            state, reason)
        if spooled is None or not spooled.request_move:
            return None  # a redelivery, or a move is already pending: it will take this event along
        return lambda: _spooled.add(spooled.key)
    try:
        with transaction.atomic():
            event = InboundEvent.objects.create(
                source=source.name, channel=channel, client_id=channel.client_id, raw_body=raw, headers=headers,
                signature_ok=True, dedup_key=key, received_at=timezone.now(), state=state, reason=reason,
            )
    except IntegrityError:
        return None  # the same delivery again: already stored, nothing to do
    event_id = int(event.pk)
    return lambda: _batcher.add(event_id)


def _malformed(source: PushSource, raw: bytes, headers: dict[str, str], request: HttpRequest,
               reason: str) -> HttpResponse:
    """Keep a malformed body for inspection only if one of our secrets signed it."""
    for channel in _channels(source):
        if _verified(source, raw, headers, channel):
            hand_on = _store(source, raw, headers, channel, None, EventState.REJECTED, reason)
            if hand_on is not None:  # a spooled one is moved in soon for inspection (a rare answer)
                hand_on()
            log.warning("webhook %s: signed but malformed (%s); kept as rejected", source.name, reason)
            return JsonResponse({"error": reason}, status=400)
    _count_rejection(None, source, f"unsigned malformed body ({reason})", request)
    return JsonResponse({"error": "invalid signature"}, status=403)


def handle(source: PushSource, request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return source.handshake(request, _channels(source))
    if request.method != "POST":
        return HttpResponse(status=405, headers={"Allow": "GET, POST"})
    length = request.META.get("CONTENT_LENGTH") or "0"
    if (length.isdigit() and int(length) > source.max_body_bytes) or len(request.body) > source.max_body_bytes:
        _count_rejection(None, source, "body too large", request)
        return JsonResponse({"error": "body too large"}, status=413)
    raw = request.body
    headers = _headers(request)
    if nesting_depth(raw) > MAX_JSON_DEPTH:
        return _malformed(source, raw, headers, request, f"body is nested more than {MAX_JSON_DEPTH} levels deep")
    try:
        payload = json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError):
        payload = None
    if payload is None or not isinstance(payload, dict):
        return _malformed(source, raw, headers, request, "body is not a JSON object")
    try:
        account_ids = [storable_text(str(a)) for a in source.account_ids(payload) if a not in (None, "")]
    except (KeyError, TypeError, ValueError, AttributeError):
        account_ids = []
    if not account_ids:
        return _malformed(source, raw, headers, request, "no account id in the payload")
    candidates = list(
        Channel.objects.filter(platform__in=source.platforms, external_id__in=account_ids, is_active=True)
        .select_related("client").order_by("id")
    )
    if not candidates:
        log.warning("webhook %s: no channel for account(s) %s", source.name, ",".join(account_ids)[:200])
        return JsonResponse({"error": "unknown account"}, status=404)
    signed, foreign = _signers(source, raw, headers, candidates)
    if not signed:
        for channel in foreign:
            _count_rejection(channel, source, "bad or missing signature", request)
        return JsonResponse({"error": "invalid signature"}, status=403)
    if foreign:
        # A body signed with one account's secret carries entries for another account whose
        # secret did not sign it: the whole delivery is refused (never a partial write).
        for channel in foreign:
            _count_rejection(channel, source, "entries for this account in a body another account's secret signed",
                             request, problem=FOREIGN_ENTRY_PROBLEM)
        return JsonResponse({"error": "the body carries entries for an account whose secret did not sign it"},
                            status=403)
    channel = signed[0]
    return AckResponse(_store(source, raw, headers, channel, payload))


@csrf_exempt
def webhook_view(request: HttpRequest, source_name: str) -> HttpResponse:
    from carewatch.sources.registry import push_source

    source = push_source(source_name)
    if source is None:
        return JsonResponse({"error": "unknown source"}, status=404)
    return handle(source, request)
