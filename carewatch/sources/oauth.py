"""OAuth access tokens that refresh themselves (YouTube/Google, Reddit).

A channel keeps a long-lived ``refresh_token`` (with its app's ``client_secret`` and
``client_id``); short-lived access tokens are fetched when missing or about to expire, stored
encrypted in the channel's secrets, and their expiry is shown in channel health. A refused
refresh says in plain words that the channel must be reconnected.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import httpx
from django.db import transaction
from django.utils import timezone

from carewatch.lib.secrets import SecretError, reveal, seal
from carewatch.sources.http import http_for
from carewatch.sources.models import ChannelState
from carewatch.tenancy.models import Channel

MARGIN = timedelta(minutes=2)  # refresh a little before the platform's expiry


@dataclass(frozen=True)
class Provider:
    token_url: str
    basic_auth: bool  # Reddit wants the app's credentials as HTTP basic auth


GOOGLE = Provider("https://oauth2.googleapis.com/token", basic_auth=False)
REDDIT = Provider("https://www.reddit.com/api/v1/access_token", basic_auth=True)


def _client_id(channel: Channel) -> str:
    stored = channel.secrets.get("client_id")
    value = reveal(stored) if stored else str(channel.settings.get("client_id") or "")
    if not value:
        raise SecretError("the channel has a refresh_token but no client_id")
    return value


def _fresh(channel: Channel) -> bool:
    state = ChannelState.objects.filter(channel=channel).first()
    expires = state.token_expires_at if state else None
    return expires is None or expires > timezone.now() + MARGIN


def access_token(channel: Channel, provider: Provider, *, user_agent: str = "carewatch",
                 http: httpx.Client | None = None) -> str | None:
    """A usable access token, refreshed if needed; None when the channel has no OAuth at all."""
    stored = channel.secrets.get("access_token")
    refresh = channel.secrets.get("refresh_token")
    if stored and (not refresh or _fresh(channel)):
        return reveal(stored)
    if not refresh:
        return None
    return _refresh(channel, provider, reveal(refresh), user_agent, http)


def _refresh(channel: Channel, provider: Provider, refresh_token: str, user_agent: str,
             http: httpx.Client | None) -> str:
    secret = channel.secrets.get("client_secret")
    if not secret:
        raise SecretError("the channel has a refresh_token but no client_secret")
    form = {"grant_type": "refresh_token", "refresh_token": refresh_token}
    auth: httpx.Auth | httpx._client.UseClientDefault = httpx.USE_CLIENT_DEFAULT
    if provider.basic_auth:
        auth = httpx.BasicAuth(_client_id(channel), reveal(secret))
    else:
        form.update(client_id=_client_id(channel), client_secret=reveal(secret))
    own = http is None
    http = http or http_for(channel, timeout=httpx.Timeout(10.0))
    try:
        response = http.post(provider.token_url, data=form, auth=auth, headers={"User-Agent": user_agent})
    except httpx.HTTPError as exc:
        raise SecretError(f"could not refresh the access token ({exc.__class__.__name__})") from exc
    finally:
        if own:
            http.close()
    try:
        data = response.json()
    except ValueError:
        data = {}
    token = data.get("access_token") if response.status_code == 200 else None
    if not token:
        reason = data.get("error") or response.status_code
        raise SecretError(f"the platform refused to refresh the access token ({reason}): reconnect the channel")
    expires = timezone.now() + timedelta(seconds=int(data.get("expires_in") or 3600))
    with transaction.atomic():
        locked = Channel.objects.select_for_update().get(pk=channel.pk)
        locked.secrets = {**locked.secrets, "access_token": seal(str(token))}
        if data.get("refresh_token"):  # some providers rotate it
            locked.secrets["refresh_token"] = seal(str(data["refresh_token"]))
        locked.save(update_fields=["secrets"])
        ChannelState.objects.get_or_create(channel=channel)
        ChannelState.objects.filter(channel=channel).update(token_expires_at=expires)
    channel.secrets = locked.secrets
    return str(token)
