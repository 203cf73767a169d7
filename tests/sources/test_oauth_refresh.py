from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
import respx

from carewatch.lib.secrets import SecretError, reveal, seal
from carewatch.sources.models import ChannelState
from carewatch.sources.oauth import GOOGLE, REDDIT, access_token
from carewatch.tenancy.models import Channel, Client


@pytest.fixture
def channel(db: Any) -> Channel:
    client = Client.objects.create(slug="acme", name="Acme")
    return Channel.objects.create(client=client, platform="youtube", handle="AcmeTV", external_id="UC1",
                                  secrets={"refresh_token": seal("r-1"), "client_secret": seal("cs"),
                                           "client_id": seal("cid")})


@respx.mock
def test_a_missing_access_token_is_fetched_with_the_refresh_token_and_kept_encrypted(channel: Channel) -> None:
    route = respx.post("https://oauth2.googleapis.com/token").mock(
        return_value=httpx.Response(200, json={"access_token": "ya29.new", "expires_in": 3599}))
    assert access_token(channel, GOOGLE) == "ya29.new"
    sent = dict(httpx.QueryParams(route.calls.last.request.content.decode()))
    assert sent == {"grant_type": "refresh_token", "refresh_token": "r-1", "client_id": "cid", "client_secret": "cs"}
    channel.refresh_from_db()
    assert channel.secrets["access_token"].startswith("enc:") and reveal(channel.secrets["access_token"]) == "ya29.new"
    expires = ChannelState.objects.get(channel=channel).token_expires_at
    assert expires is not None and expires > datetime.now(UTC) + timedelta(minutes=55)
    assert access_token(channel, GOOGLE) == "ya29.new" and route.call_count == 1, "a fresh token is reused"


@respx.mock
def test_an_expired_token_is_refreshed_and_reddit_uses_basic_auth(channel: Channel) -> None:
    channel.secrets["access_token"] = seal("old")
    channel.save()
    ChannelState.objects.create(channel=channel, token_expires_at=datetime.now(UTC) + timedelta(seconds=30))
    route = respx.post("https://www.reddit.com/api/v1/access_token").mock(
        return_value=httpx.Response(200, json={"access_token": "r-new", "expires_in": 86400}))
    assert access_token(channel, REDDIT, user_agent="carewatch:test") == "r-new"
    request = route.calls.last.request
    assert request.headers["Authorization"].startswith("Basic ") and request.headers["User-Agent"] == "carewatch:test"


@respx.mock
def test_a_refused_refresh_says_to_reconnect(channel: Channel) -> None:
    respx.post("https://oauth2.googleapis.com/token").mock(
        return_value=httpx.Response(400, json={"error": "invalid_grant"}))
    with pytest.raises(SecretError, match=r"invalid_grant.*reconnect"):
        access_token(channel, GOOGLE)
