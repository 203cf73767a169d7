from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import time_machine
from django.test import Client as HttpClient

from carewatch.sources.health import health_of
from carewatch.sources.models import ChannelState
from carewatch.tenancy.models import Channel, Client, User
from tests.conftest import MentionFactory

T0 = datetime(2026, 11, 10, 12, 0, tzinfo=UTC)


def hourly(make_mention: MentionFactory, client: Client, count: int = 20) -> None:
    for i in range(count):
        make_mention(client, f"message {i}", author=f"a{i}", created=T0 + timedelta(hours=i))


def test_a_channel_is_silent_when_nothing_arrived_for_much_longer_than_its_usual_gap(northwind: Client, make_mention: MentionFactory) -> None:
    hourly(make_mention, northwind)
    channel = northwind.channels.get(platform="facebook")
    last = T0 + timedelta(hours=19)
    assert not health_of(channel, now=last + timedelta(hours=5)).silent  # under the 6 h floor
    health = health_of(channel, now=last + timedelta(hours=7))
    assert health.usual_gap == timedelta(hours=1)
    assert health.silent and health.status == "silent"


def test_a_failing_poll_and_an_expiring_token_show_in_the_status(northwind: Client) -> None:
    channel = northwind.channels.get(platform="facebook")
    now = datetime.now(UTC)
    state = ChannelState.objects.create(channel=channel, last_error="the access token has expired",
                                        last_error_at=now, token_expires_at=now + timedelta(days=3))
    assert health_of(channel, state).status == "failing"
    state.last_poll_ok_at = now + timedelta(seconds=1)
    assert health_of(channel, state).status == "token expiring"
    state.token_expires_at = now - timedelta(days=1)
    assert health_of(channel, state).status == "token expired"


def test_healthz_reports_channel_problems_without_names_and_stays_200_for_them(northwind: Client, settings: Any) -> None:
    from carewatch.ops.models import WorkerHeartbeat

    now = datetime.now(UTC)
    WorkerHeartbeat.objects.create(name="w:1", started_at=now, last_seen_at=now)
    channel = northwind.channels.get(platform="facebook")
    ChannelState.objects.create(channel=channel, last_error="token expired", last_error_at=now, events_rejected=3)
    response = HttpClient().get("/healthz")
    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["channels"]["rejected_events"] == 3
    assert body["channels"]["problems"] == [{"channel_id": channel.pk, "platform": "facebook", "status": "failing"}]
    assert "Northwind" not in response.content.decode() and "NorthwindRx" not in response.content.decode()


def test_the_channels_page_shows_only_the_users_clients(northwind: Client, contoso: Client, alice: User, bob: User) -> None:
    http = HttpClient()
    http.force_login(bob)
    page = http.get("/channels/").content.decode()
    assert "ContosoHealth" in page and "NorthwindRx" not in page
    http.force_login(alice)
    page = http.get("/channels/").content.decode()
    assert "NorthwindRx" in page and "ContosoHealth" not in page


def test_silence_is_judged_at_the_current_time(northwind: Client, make_mention: MentionFactory) -> None:
    hourly(make_mention, northwind)
    channel: Channel = northwind.channels.get(platform="facebook")
    with time_machine.travel(T0 + timedelta(days=2), tick=False):
        assert health_of(channel).silent


def test_the_usual_gap_reads_in_words(northwind: Client, make_mention: MentionFactory) -> None:
    hourly(make_mention, northwind)
    assert health_of(northwind.channels.get(platform="facebook")).usual_gap_text == "every 1 h"


def test_the_audit_link_shows_only_for_roles_that_may_open_it(northwind: Client, alice: User, sam: User) -> None:
    http = HttpClient()
    http.force_login(alice)
    assert 'href="/audit/"' not in http.get("/inbox/").content.decode()
    http.force_login(sam)
    assert 'href="/audit/"' in http.get("/inbox/").content.decode()
