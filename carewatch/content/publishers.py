"""Each platform's real publishing call for one ``Publication`` (the content outbox row).

- Facebook Page: ``POST https://graph.facebook.com/{v}/{page-id}/feed`` with ``message`` (and
  ``link``) → ``{"id": "{page-id}_{post-id}"}``.
- Instagram: ``POST /{ig-user-id}/media`` (``image_url`` or ``video_url`` with
  ``media_type=REELS``, ``caption``) → ``{"id": container}``; then
  ``POST /{ig-user-id}/media_publish`` with ``creation_id`` → ``{"id": media-id}``.
- X: ``POST https://api.x.com/2/tweets`` ``{"text"}`` → ``{"data": {"id", "text"}}``.
- LinkedIn: ``POST https://api.linkedin.com/rest/posts`` with the organisation as ``author``,
  ``commentary``, ``visibility: PUBLIC``, ``distribution``, ``lifecycleState: PUBLISHED`` →
  201 with the post URN in ``x-restli-id``.
- TikTok Content Posting API: ``POST https://open.tiktokapis.com/v2/post/publish/video/init/``
  with ``post_info`` and ``source_info: {"source": "PULL_FROM_URL", "video_url"}`` →
  ``{"data": {"publish_id"}, "error": {"code": "ok"}}`` (TikTok then publishes on its own).

Each answers ``sent`` (with the platform's id and the post's address), ``failed`` (the error in
plain words) or ``unknown`` (timeout, 5xx: it may be online). ``find`` looks for an unknown
post on the account so the outbox settles it instead of posting twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import httpx

from carewatch.lib.secrets import SecretError, reveal
from carewatch.sources.meta import client as meta
from carewatch.sources.outbound import SendOutcome, failed, json_or_empty, unknown
from carewatch.sources.x import client as x

if TYPE_CHECKING:
    from carewatch.content.models import Publication
    from carewatch.tenancy.models import Channel

TIKTOK_API = "https://open.tiktokapis.com/v2"


@dataclass
class Published(SendOutcome):
    url: str = ""
    container_id: str = ""


def _sent(external_id: str, url: str = "", container_id: str = "") -> Published:
    return Published("sent", external_id=str(external_id), url=url, container_id=container_id)


def _same(a: str, b: str) -> bool:
    return x.comparable(a) == x.comparable(b)


# ------------------------------------------------------------------ Facebook
def facebook(pub: Publication, channel: Channel, http: httpx.Client) -> SendOutcome:
    try:
        token = meta._token(channel)
    except SecretError as exc:
        return failed(str(exc), "token")
    form = {"message": pub.body}
    links = list(pub.version.links)
    if links and not pub.version.media:
        form["link"] = links[0]
    response = http.post(f"{meta._base(channel)}/{channel.external_id}/feed", data=form,
                         headers={"Authorization": f"Bearer {token}"})
    if response.status_code != 200:
        return meta.explain_error(response)
    new_id = str(json_or_empty(response).get("id") or "")
    if not new_id:
        return unknown("Meta answered without an id; checking")
    return _sent(new_id, f"https://www.facebook.com/{new_id}")


def find_facebook(pub: Publication, channel: Channel, http: httpx.Client) -> str | None:
    token = meta._token(channel)
    response = http.get(f"{meta._base(channel)}/{channel.external_id}/feed",
                        params={"fields": "id,message,created_time", "limit": "25"},
                        headers={"Authorization": f"Bearer {token}"})
    if response.status_code != 200:
        return None
    for item in json_or_empty(response).get("data") or []:
        if _same(str(item.get("message") or ""), pub.body):
            return str(item["id"])
    return None


# ------------------------------------------------------------------ Instagram
def instagram(pub: Publication, channel: Channel, http: httpx.Client) -> SendOutcome:
    try:
        token = meta._token(channel)
    except SecretError as exc:
        return failed(str(exc), "token")
    headers = {"Authorization": f"Bearer {token}"}
    base = f"{meta._base(channel)}/{channel.external_id}"
    media = list(pub.version.media)
    if not media:
        return failed("an Instagram post needs an image or a video", "media")
    first = media[0]
    form = {"caption": pub.body}
    if first.get("kind") == "video":
        form.update(media_type="REELS", video_url=first["url"])
    else:
        form["image_url"] = first["url"]
    container = pub.container_id
    if not container:
        response = http.post(f"{base}/media", data=form, headers=headers)
        if response.status_code != 200:
            outcome = meta.explain_error(response)
            # No container yet: nothing can be online, even on a 5xx.
            return failed(outcome.error, outcome.error_code or "meta") if outcome.status == "unknown" else outcome
        container = str(json_or_empty(response).get("id") or "")
        if not container:
            return failed("Meta answered without a media container id", "meta")
        # The container is kept before the publish call: a retry publishes it, never a second one.
        from carewatch.content.models import Publication as Row

        Row.objects.filter(pk=pub.pk).update(container_id=container)
        pub.container_id = container
    response = http.post(f"{base}/media_publish", data={"creation_id": container}, headers=headers)
    if response.status_code != 200:
        outcome = meta.explain_error(response)
        return outcome
    media_id = str(json_or_empty(response).get("id") or "")
    if not media_id:
        return unknown("Meta answered without a media id; checking")
    url = ""
    try:
        link = http.get(f"{meta._base(channel)}/{media_id}", params={"fields": "permalink"}, headers=headers)
        if link.status_code == 200:
            url = str(json_or_empty(link).get("permalink") or "")
    except httpx.HTTPError:
        url = ""
    return _sent(media_id, url, container)


def find_instagram(pub: Publication, channel: Channel, http: httpx.Client) -> str | None:
    token = meta._token(channel)
    response = http.get(f"{meta._base(channel)}/{channel.external_id}/media",
                        params={"fields": "id,caption,timestamp", "limit": "25"},
                        headers={"Authorization": f"Bearer {token}"})
    if response.status_code != 200:
        return None
    for item in json_or_empty(response).get("data") or []:
        if _same(str(item.get("caption") or ""), pub.body):
            return str(item["id"])
    return None


# ------------------------------------------------------------------ X
def post_on_x(pub: Publication, channel: Channel, http: httpx.Client) -> SendOutcome:
    try:
        token = x._token(channel)
    except SecretError as exc:
        return failed(str(exc), "token")
    response = http.post(f"{x.API}/tweets", json={"text": pub.body}, headers={"Authorization": f"Bearer {token}"})
    if response.status_code not in (200, 201):
        return x.explain_error(response, "post")
    data = json_or_empty(response).get("data") or {}
    new_id = str(data.get("id") or "")
    if not new_id:
        return unknown("X answered without an id; checking")
    return _sent(new_id, f"https://x.com/{channel.handle}/status/{new_id}")


def find_x(pub: Publication, channel: Channel, http: httpx.Client) -> str | None:
    token = x._token(channel)
    response = http.get(f"{x.API}/users/{channel.external_id}/tweets", params={"max_results": "20"},
                        headers={"Authorization": f"Bearer {token}"})
    if response.status_code != 200:
        return None
    for item in json_or_empty(response).get("data") or []:
        if _same(str(item.get("text") or ""), pub.body):
            return str(item["id"])
    return None


# ------------------------------------------------------------------ LinkedIn
def linkedin(pub: Publication, channel: Channel, http: httpx.Client) -> SendOutcome:
    from carewatch.sources.linkedin import client as li
    from carewatch.sources.linkedin.urns import org_urn

    try:
        token = li.token(channel)
    except SecretError as exc:
        return failed(str(exc), "token")
    body = {
        "author": org_urn(channel.external_id), "commentary": pub.body, "visibility": "PUBLIC",
        "distribution": {"feedDistribution": "MAIN_FEED", "targetEntities": [], "thirdPartyDistributionChannels": []},
        "lifecycleState": "PUBLISHED", "isReshareDisabledByAuthor": False,
    }
    response = http.post(f"{li.API}/posts", json=body, headers=li.api_headers(channel, token))
    if response.status_code not in (200, 201):
        return li.explain_error(response)
    urn = response.headers.get("x-restli-id") or str(json_or_empty(response).get("id") or "")
    if not urn:
        return unknown("LinkedIn answered without the post's URN; checking")
    return _sent(urn, f"https://www.linkedin.com/feed/update/{urn}/")


# ------------------------------------------------------------------ TikTok
def tiktok(pub: Publication, channel: Channel, http: httpx.Client) -> SendOutcome:
    stored = channel.secrets.get("content_access_token") or channel.secrets.get("access_token")
    if not stored:
        return failed("the channel has no TikTok access token with video.publish", "token")
    try:
        token = reveal(stored)
    except SecretError as exc:
        return failed(str(exc), "token")
    videos = [m for m in pub.version.media if m.get("kind") == "video"]
    if not videos:
        return failed("a TikTok post needs a video", "media")
    body = {
        "post_info": {"title": pub.body, "privacy_level": str(channel.settings.get("tiktok_privacy_level")
                                                               or "PUBLIC_TO_EVERYONE"),
                      "disable_comment": False, "brand_content_toggle": False, "brand_organic_toggle": True},
        "source_info": {"source": "PULL_FROM_URL", "video_url": videos[0]["url"]},
    }
    response = http.post(f"{TIKTOK_API}/post/publish/video/init/", json=body,
                         headers={"Authorization": f"Bearer {token}",
                                  "Content-Type": "application/json; charset=UTF-8"})
    payload = json_or_empty(response)
    error = payload.get("error") or {} if isinstance(payload, dict) else {}
    if response.status_code >= 500:
        return unknown(f"TikTok answered {response.status_code}; checking before any retry")
    code = str(error.get("code") or "")
    if response.status_code != 200 or (code and code != "ok"):
        detail = str(error.get("message") or response.reason_phrase)[:160]
        if code in ("access_token_invalid", "scope_not_authorized"):
            return failed(f"the TikTok token cannot publish: reconnect with video.publish ({detail})", "token")
        if code in ("spam_risk_too_many_posts", "rate_limit_exceeded", "spam_risk_user_banned_from_posting"):
            return failed(f"TikTok refuses more posts now ({detail})", "rate_limited", retry_after=3600)
        return failed(f"TikTok refused the post ({code or response.status_code}: {detail})", f"tiktok_{code}"[:40])
    publish_id = str((payload.get("data") or {}).get("publish_id") or "")
    if not publish_id:
        return unknown("TikTok answered without a publish_id; checking")
    return _sent(publish_id)


PUBLISHERS = {"facebook": facebook, "instagram": instagram, "x": post_on_x, "linkedin": linkedin, "tiktok": tiktok}
FINDERS = {"facebook": find_facebook, "instagram": find_instagram, "x": find_x}
