"""The X push source: /hooks/x/ for Account Activity API and X Activity API webhooks."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse

from carewatch.inbox.normalised import ParseResult
from carewatch.lib.secrets import SecretError, reveal
from carewatch.sources.base import PushSource
from carewatch.sources.lookup import StoredMessages
from carewatch.sources.models import InboundEvent
from carewatch.sources.x.client import XClient
from carewatch.sources.x.parse import account_ids, parse_payload, xaa_dedup_key
from carewatch.sources.x.verify import (
    OAUTH2_SIGNATURE_HEADER,
    OAUTH2_SIGNED_WITH,
    SIGNATURE_HEADER,
    SIGNED_WITH,
    crc_response_token,
    signature_valid,
)
from carewatch.tenancy.models import Channel

log = logging.getLogger(__name__)


def _secret(channel: Channel, name: str) -> str:
    stored = channel.secrets.get(name)
    if not stored:
        return ""
    try:
        return reveal(stored)
    except SecretError:
        log.error("channel %s: its X %s cannot be read", channel.pk, name)
        return ""


class XSource(PushSource):
    name = "x"
    platforms = ("x",)
    # X sends one event per delivery, occasionally a few. The largest legitimate one is a
    # long-form post (up to 25,000 characters in extended_tweet.full_text / note_tweet) quoting
    # another long post, each HTML-escaped and then \u-escaped by X's JSON encoder (`&` becomes
    # `\u0026amp;`, up to ~10 bytes a character): ~500 KB plus the user objects. One MiB keeps
    # that with headroom (a 413 would lose a customer's message) while bounding what an
    # unauthenticated caller can make us read before the signature check.
    max_body_bytes = 1024 * 1024
    outbound = XClient()

    def handshake(self, request: HttpRequest, channels: list[Channel]) -> HttpResponse:
        """X's CRC: ``GET ?crc_token=...`` → ``{"response_token": "sha256=<base64 HMAC>"}``.

        The key is the X app's consumer secret. Channels of different X apps have different
        secrets: X's request does not say which app it is for, so the webhook URL registered for
        each app can carry ``?channel=<handle>``; without it the first channel's secret answers.
        """
        token = request.GET.get("crc_token", "")
        if not token:
            return JsonResponse({"error": "crc_token is required"}, status=400)
        wanted = request.GET.get("channel", "").strip().lstrip("@").lower()
        if wanted:
            channels = [c for c in channels if c.handle.lstrip("@").lower() == wanted or c.external_id == wanted]
            if not channels:
                return JsonResponse({"error": "unknown channel"}, status=404)
        secrets = [s for s in (_secret(c, "consumer_secret") or _secret(c, "client_secret") for c in channels) if s]
        if not secrets:
            return JsonResponse({"error": "no X channel has a consumer secret"}, status=403)
        if len(set(secrets)) > 1:
            log.warning("X CRC without ?channel=: %d different consumer secrets, answering with the first",
                        len(set(secrets)))
        return JsonResponse({"response_token": crc_response_token(token, secrets[0])})

    def account_ids(self, payload: Any) -> list[str]:
        return account_ids(payload)

    def verify(self, raw: bytes, headers: Mapping[str, str], channel: Channel) -> bool:
        """``x-twitter-webhooks-signature`` with the consumer secret; apps that also have an
        OAuth 2.0 client secret (``secrets["client_secret"]``) may sign with
        ``x-twitter-webhooks-signature-oauth2`` instead, which is accepted too."""
        consumer = channel.secrets.get(SIGNED_WITH)
        client = channel.secrets.get(OAUTH2_SIGNED_WITH)
        if not consumer and not client:
            raise SecretError(f"channel {channel.pk} has no {SIGNED_WITH}")
        oauth2 = headers.get(OAUTH2_SIGNATURE_HEADER)
        if client and oauth2 and signature_valid(raw, oauth2, reveal(client)):
            return True
        return bool(consumer) and signature_valid(raw, headers.get(SIGNATURE_HEADER), reveal(consumer))

    def dedup_key(self, raw: bytes, payload: Any) -> str:
        """XAA deliveries carry an event uuid (kept per filtered user and event type); AAA ones
        carry none, and a redelivery is byte-identical: the body's hash."""
        return xaa_dedup_key(payload) or super().dedup_key(raw, payload)

    def parse(self, event: InboundEvent, stored: StoredMessages) -> ParseResult:
        return parse_payload(event, stored)
