"""The one webhook endpoint every push platform shares: /hooks/<source>/.

GET answers the platform's handshake. POST: size check (413), route by the account id inside
the payload (404 if unknown), signature over the raw bytes with that channel's secret (403,
nothing stored, counted), store the raw event (a valid signature on a body that is not JSON is
kept as rejected, 400), enqueue the pipeline on commit, answer 200 at once.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from carewatch.lib.secrets import SecretError
from carewatch.sources.base import PushSource
from carewatch.sources.models import ChannelState, EventState, InboundEvent
from carewatch.sources.tasks import enqueue_events
from carewatch.tenancy.models import Channel

log = logging.getLogger("carewatch.webhooks")
security = logging.getLogger("carewatch.security")

_DROP_HEADERS = {"cookie", "authorization", "proxy-authorization"}


def _headers(request: HttpRequest) -> dict[str, str]:
    return {k.lower(): v for k, v in request.headers.items() if k.lower() not in _DROP_HEADERS}


def _channels(source: PushSource) -> list[Channel]:
    return list(
        Channel.objects.filter(platform__in=source.platforms, is_active=True).select_related("client")
    )


def _count_rejection(channel: Channel | None, source: PushSource, reason: str, request: HttpRequest) -> None:
    count = None
    if channel is not None:
        state, _ = ChannelState.objects.get_or_create(channel=channel)
        ChannelState.objects.filter(pk=state.pk).update(events_rejected=F("events_rejected") + 1)
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


def _store(source: PushSource, raw: bytes, headers: dict[str, str], channel: Channel, payload: Any,
           state: str = EventState.RECEIVED, reason: str = "") -> bool:
    """Store the raw event durably (one INSERT); False for a redelivery of a stored event."""
    key = source.dedup_key(raw, payload) if payload is not None else None
    try:
        with transaction.atomic():
            event = InboundEvent.objects.create(
                source=source.name, channel=channel, client_id=channel.client_id, raw_body=raw, headers=headers,
                signature_ok=True, dedup_key=key, received_at=timezone.now(), state=state, reason=reason,
            )
            if state == EventState.RECEIVED:
                enqueue_events([event.pk])
    except IntegrityError:
        return False  # the same delivery again: already stored, nothing to do
    return True


def _malformed(source: PushSource, raw: bytes, headers: dict[str, str], request: HttpRequest,
               reason: str) -> HttpResponse:
    """Keep a malformed body for inspection only if one of our secrets signed it."""
    for channel in _channels(source):
        if _verified(source, raw, headers, channel):
            _store(source, raw, headers, channel, None, EventState.REJECTED, reason)
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
    try:
        payload = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        payload = None
    if payload is None or not isinstance(payload, dict):
        return _malformed(source, raw, headers, request, "body is not a JSON object")
    try:
        account_ids = [str(a) for a in source.account_ids(payload) if a not in (None, "")]
    except (KeyError, TypeError, ValueError, AttributeError):
        account_ids = []
    if not account_ids:
        return _malformed(source, raw, headers, request, "no account id in the payload")
    channel = (
        Channel.objects.filter(platform__in=source.platforms, external_id__in=account_ids, is_active=True)
        .select_related("client").order_by("id").first()
    )
    if channel is None:
        log.warning("webhook %s: no channel for account(s) %s", source.name, ",".join(account_ids)[:200])
        return JsonResponse({"error": "unknown account"}, status=404)
    if not _verified(source, raw, headers, channel):
        _count_rejection(channel, source, "bad or missing signature", request)
        return JsonResponse({"error": "invalid signature"}, status=403)
    _store(source, raw, headers, channel, payload)
    return HttpResponse("ok", content_type="text/plain")


@csrf_exempt
def webhook_view(request: HttpRequest, source_name: str) -> HttpResponse:
    from carewatch.sources.registry import push_source

    source = push_source(source_name)
    if source is None:
        return JsonResponse({"error": "unknown source"}, status=404)
    return handle(source, request)
