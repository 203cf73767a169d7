"""Outbox leftovers: an X DM's echo is found in its conversation, and a platform's "retry
after" on a failed send becomes the row's ``not_before``. X's responses are the recorded shapes
of platforms.md §2.6 (respx); nothing else is replaced."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
import respx
from django.db import transaction
from django.utils import timezone

from carewatch.inbox.ingest import apply_changes
from carewatch.inbox.normalised import AuthorRef, ChangeKind, MentionChange
from carewatch.replies.models import OutboundAction, OutboundStatus
from carewatch.replies.outbox import _echo, do_queue_outbound, reconcile, send_now
from carewatch.tenancy.models import Channel, Client

API = "https://api.x.com/2"
TOKEN = "x-oauth2-user-token"
BRAND = "123"
CUSTOMER = "456"


@pytest.fixture
def brand(db: Any) -> Channel:
    from carewatch.lib.secrets import seal

    client = Client.objects.create(slug="zammad", name="Zammad")
    return Channel.objects.create(client=client, platform="x", handle="zammadhq", external_id=BRAND,
                                  secrets={"consumer_secret": seal("DDD"), "access_token": seal(TOKEN)})


def queue(channel: Channel, verb: str, target: str, body: str) -> OutboundAction:
    with transaction.atomic():
        return do_queue_outbound(None, channel, verb, target, body)


def dm_echo(channel: Channel, external_id: str, text: str, to: str = CUSTOMER) -> None:
    """What the X parser makes of our own DM coming back (direct_message_events, sender = brand)."""
    with transaction.atomic():
        apply_changes([MentionChange(
            change=ChangeKind.UPSERT, channel_id=channel.id, platform="x", external_id=external_id, kind="dm",
            direction="out", text=text, author=AuthorRef(BRAND, "zammadhq"), thread_key=f"dm:{to}",
            created_at=datetime.now(UTC), extra={"echo": True, "recipient_id": to})])


@respx.mock
def test_an_unknown_x_dm_is_settled_by_its_echo_in_the_conversation(brand: Channel) -> None:
    respx.post(f"{API}/dm_conversations/with/{CUSTOMER}/messages").mock(side_effect=httpx.ReadTimeout("slow"))
    action = queue(brand, "dm", CUSTOMER, "Hey! Hello &amp; welcome")
    send_now(action.pk)
    action.refresh_from_db()
    assert action.status == OutboundStatus.UNKNOWN
    dm_echo(brand, "1063149937223974916", "Hey!  Hello & welcome")
    echo = _echo(action)
    assert echo is not None and echo.external_id == "1063149937223974916"
    with respx.mock(assert_all_called=False) as router:
        assert reconcile(action) == "sent"
        assert not router.calls
    action.refresh_from_db()
    assert action.external_id == "1063149937223974916"


def test_a_dm_echo_in_another_conversation_or_already_settled_is_not_ours(brand: Channel) -> None:
    first = queue(brand, "dm", CUSTOMER, "Thanks, we will call you")
    OutboundAction.objects.filter(pk=first.pk).update(status=OutboundStatus.SENT, external_id="900")
    dm_echo(brand, "900", "Thanks, we will call you")  # the first send's own echo
    dm_echo(brand, "901", "Thanks, we will call you", to="789")  # the same words to someone else
    second = queue(brand, "dm", CUSTOMER, "Thanks, we will call you")
    assert _echo(second) is None
    dm_echo(brand, "902", "Thanks, we will call you")
    echo = _echo(second)
    assert echo is not None and echo.external_id == "902"


@respx.mock
def test_a_send_x_rate_limits_waits_until_the_reset_x_gave(brand: Channel) -> None:
    reset = int(time.time()) + 300
    respx.post(f"{API}/dm_conversations/with/{CUSTOMER}/messages").mock(return_value=httpx.Response(
        429, json={"errors": [{"code": 88, "message": "Rate limit exceeded"}]},
        headers={"x-rate-limit-limit": "15", "x-rate-limit-remaining": "0", "x-rate-limit-reset": str(reset)}))
    action = queue(brand, "dm", CUSTOMER, "We are on it")
    send_now(action.pk)
    action.refresh_from_db()
    assert action.status == OutboundStatus.FAILED and action.error_code == "rate_limited"
    assert action.not_before is not None
    wait = action.not_before - timezone.now()
    assert timedelta(seconds=280) <= wait <= timedelta(seconds=301)


@respx.mock
def test_a_failure_without_a_retry_after_leaves_not_before_empty(brand: Channel) -> None:
    respx.post(f"{API}/dm_conversations/with/{CUSTOMER}/messages").mock(return_value=httpx.Response(
        403, json={"detail": "You cannot send messages to this user.", "title": "Forbidden", "status": 403}))
    action = queue(brand, "dm", CUSTOMER, "We are on it")
    send_now(action.pk)
    action.refresh_from_db()
    assert action.status == OutboundStatus.FAILED and action.not_before is None
