"""``emit``: what other apps call, inside the transaction of the change they report.

    emit(client_id, "case.closed", {"case": {"id": 12, "status": "closed"}, "links": {...}},
         phi={"text": mention.text})

One ``Delivery`` row per active endpoint of the client that takes the event type, written in the
caller's transaction (a rolled-back change sends nothing) and sent after commit by the worker. The
``phi`` part (post text, handles, names) goes only to endpoints whose ``allow_phi`` is set. It
never raises into the caller: a problem here is logged and the caller's change goes on.

Inside ``endpoints_read_once()`` (the pipeline's batch) each client's endpoints are read once for
all the events of the block, not once per event; a client with none costs no query after the first.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction
from django.utils import timezone

from carewatch.hooks_out.models import EVENT_TYPES, Delivery, Endpoint
from carewatch.hooks_out.signing import new_message_id

log = logging.getLogger(__name__)

_local = threading.local()


@contextmanager
def endpoints_read_once() -> Iterator[None]:
    """Within this block (this thread), each client's active endpoints are read at its first
    event and kept for the block's other events: an endpoint added or disabled meanwhile counts
    from the next block. Re-entrant."""
    outer = getattr(_local, "endpoints", None) is None
    if outer:
        _local.endpoints = {}
    try:
        yield
    finally:
        if outer:
            _local.endpoints = None


def _active_endpoints(client_id: int) -> list[Endpoint]:
    cache: dict[int, list[Endpoint]] | None = getattr(_local, "endpoints", None)
    if cache is not None and client_id in cache:
        return cache[client_id]
    with transaction.atomic():  # a savepoint: a failed read leaves the caller's transaction usable
        endpoints = list(Endpoint.objects.filter(client_id=client_id, is_active=True))
    if cache is not None:
        cache[client_id] = endpoints
    return endpoints


def body_for(event_type: str, payload: dict[str, Any], at: str, phi: dict[str, Any] | None) -> str:
    data = dict(payload)
    if phi:
        data["phi"] = phi
    return json.dumps({"type": event_type, "timestamp": at, "data": data}, sort_keys=True, separators=(",", ":"),
                      default=str)


def emit(client_id: int, event_type: str, payload: dict[str, Any], phi: dict[str, Any] | None = None) -> int:
    """Queue ``event_type`` for the client's endpoints; returns how many deliveries were queued."""
    return emit_built(client_id, event_type, lambda: (payload, phi))


def emit_built(client_id: int, event_type: str,
               build: Callable[[], tuple[dict[str, Any], dict[str, Any] | None]]) -> int:
    """``emit``, the payload and its ``phi`` part made by ``build`` only when some endpoint of the
    client wants the event (the usual client has none: nothing to build, no URL to reverse)."""
    if event_type not in EVENT_TYPES:
        raise ValueError(f"unknown webhook event type {event_type!r}")
    try:
        endpoints = [e for e in _active_endpoints(client_id) if e.wants(event_type)]
    except Exception:
        log.exception("webhook event %s for client %s could not be queued", event_type, client_id)
        return 0
    if not endpoints:
        return 0
    payload, phi = build()  # as the caller's own code (before), its errors are the caller's
    try:
        with transaction.atomic():
            now = timezone.now()
            at = now.isoformat(timespec="seconds")
            message_id = new_message_id()
            rows = Delivery.objects.bulk_create([
                Delivery(endpoint=e, client_id=client_id, message_id=message_id, event_type=event_type,
                         body=body_for(event_type, payload, at, phi if e.allow_phi else None), due_at=now)
                for e in endpoints
            ])
            from carewatch.hooks_out.delivery import send_deliveries

            send_deliveries.enqueue([r.pk for r in rows])  # after commit
            return len(rows)
    except Exception:
        log.exception("webhook event %s for client %s could not be queued", event_type, client_id)
        return 0
