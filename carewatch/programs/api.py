"""Programs in the REST API (read): rosters, post checks, UGC rights, giveaways. The same access
helpers as the pages: another client's object is a 404, lists show only the user's clients."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Schema

from carewatch.programs.models import Giveaway, Influencer, PostCheck, RightsRequest
from carewatch.tenancy.access import access_client, access_object, visible_client_ids
from carewatch.tenancy.models import User

router = Router(tags=["programs"])


class Error(Schema):
    detail: Any


class ListFilters(Schema):
    client: str | None = None
    status: str | None = None
    limit: int = 50
    offset: int = 0


class InfluencerOut(Schema):
    id: int
    client: str
    name: str
    handles: dict[str, list[str]]
    contract_start: date | None
    contract_end: date | None
    material_connection: str
    required_tokens: list[str]
    products: list[str]
    owner: str
    is_active: bool


class CheckOut(Schema):
    id: int
    client: str
    influencer_id: int
    mention_id: int | None
    platform: str
    external_id: str
    url: str
    text_sha256: str
    verdict: str
    disclosure: str
    fair_balance: str
    findings: list[dict[str, Any]]
    trigger: str
    checked_at: datetime


class RightsOut(Schema):
    id: int
    client: str
    platform: str
    post_url: str
    author_handle: str
    status: str
    hashtag: str
    terms_url: str
    terms_version: str
    requested_at: datetime
    answered_at: datetime | None
    evidence: dict[str, Any]
    evidence_sha256: str
    expires_at: datetime | None
    usage: list[dict[str, Any]]
    revoked_at: datetime | None
    revocation_sha256: str


class GiveawayOut(Schema):
    id: int
    reference: str
    client: str
    name: str
    status: str
    rules_url: str
    starts_at: datetime
    ends_at: datetime
    platforms: list[str]
    entry_method: str
    prize: str
    prize_value: str
    winners_count: int
    alternates_count: int
    checks: list[dict[str, Any]]
    entries: dict[str, int]
    algorithm: str
    seed: str
    entries_sha256: str
    winners: list[str]
    alternates: list[str]
    drawn_at: datetime | None
    notifications: list[dict[str, Any]]


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _page[T: Model](request: HttpRequest, qs: QuerySet[T], filters: ListFilters) -> tuple[list[T], int]:
    user = _user(request)
    qs = qs.filter(client_id__in=visible_client_ids(user))
    if filters.client:
        qs = qs.filter(client=access_client(user, filters.client))
    limit, offset = max(1, min(filters.limit, 500)), max(0, filters.offset)
    return list(qs[offset:offset + limit]), qs.count()


def _influencer(i: Influencer) -> dict[str, Any]:
    handles: dict[str, list[str]] = {}
    for h in i.handles.all():
        handles.setdefault(h.platform, []).append(h.handle)
    return {"id": i.pk, "client": i.client.slug, "name": i.name, "handles": handles,
            "contract_start": i.contract_start, "contract_end": i.contract_end,
            "material_connection": i.material_connection, "required_tokens": i.required_tokens,
            "products": i.products, "owner": i.owner.email if i.owner else i.owner_email, "is_active": i.is_active}


def _check(c: PostCheck) -> dict[str, Any]:
    return {"id": c.pk, "client": c.client.slug, "influencer_id": c.influencer_id, "mention_id": c.mention_id,
            "platform": c.platform, "external_id": c.external_id, "url": c.url, "text_sha256": c.text_sha256,
            "verdict": c.verdict, "disclosure": c.disclosure, "fair_balance": c.fair_balance, "findings": c.findings,
            "trigger": c.trigger, "checked_at": c.checked_at}


def _rights(r: RightsRequest) -> dict[str, Any]:
    return {"id": r.pk, "client": r.client.slug, "platform": r.platform, "post_url": r.post_url,
            "author_handle": r.author_handle, "status": r.status, "hashtag": r.hashtag, "terms_url": r.terms_url,
            "terms_version": r.terms_version, "requested_at": r.requested_at, "answered_at": r.answered_at,
            "evidence": r.evidence, "evidence_sha256": r.evidence_sha256, "expires_at": r.expires_at,
            "usage": r.usage, "revoked_at": r.revoked_at, "revocation_sha256": r.revocation_sha256}


def _giveaway(g: Giveaway) -> dict[str, Any]:
    counts: dict[str, int] = {}
    for status in g.entries.values_list("status", flat=True):
        counts[status] = counts.get(status, 0) + 1
    return {"id": g.pk, "reference": g.reference, "client": g.client.slug, "name": g.name, "status": g.status,
            "rules_url": g.rules_url, "starts_at": g.starts_at, "ends_at": g.ends_at, "platforms": g.platforms,
            "entry_method": g.entry_method, "prize": g.prize, "prize_value": str(g.prize_value),
            "winners_count": g.winners_count, "alternates_count": g.alternates_count, "checks": g.checks,
            "entries": counts, "algorithm": g.algorithm, "seed": g.seed, "entries_sha256": g.entries_sha256,
            "winners": [w["handle"] for w in g.winners], "alternates": [a["handle"] for a in g.alternates],
            "drawn_at": g.drawn_at, "notifications": g.notifications}


class InfluencerList(Schema):
    items: list[InfluencerOut]
    count: int


class CheckList(Schema):
    items: list[CheckOut]
    count: int


class RightsList(Schema):
    items: list[RightsOut]
    count: int


class GiveawayList(Schema):
    items: list[GiveawayOut]
    count: int


@router.get("/influencers", response={200: InfluencerList, 404: Error})
def list_influencers(request: HttpRequest, filters: Query[ListFilters]) -> dict[str, Any]:
    qs = Influencer.objects.select_related("client", "owner").prefetch_related("handles").order_by("client_id", "name")
    items, count = _page(request, qs, filters)
    return {"items": [_influencer(i) for i in items], "count": count}


@router.get("/influencers/{influencer_id}", response={200: InfluencerOut, 404: Error})
def get_influencer(request: HttpRequest, influencer_id: int) -> dict[str, Any]:
    return _influencer(access_object(_user(request), Influencer.objects.select_related("client", "owner"),
                                     influencer_id))


@router.get("/post-checks", response={200: CheckList, 404: Error})
def list_post_checks(request: HttpRequest, filters: Query[ListFilters]) -> dict[str, Any]:
    """Every check of every roster post (the history: a re-check is a new row); ``status`` filters the verdict."""
    qs = PostCheck.objects.select_related("client").order_by("-checked_at", "-id")
    if filters.status:
        qs = qs.filter(verdict=filters.status)
    items, count = _page(request, qs, filters)
    return {"items": [_check(c) for c in items], "count": count}


@router.get("/rights", response={200: RightsList, 404: Error})
def list_rights(request: HttpRequest, filters: Query[ListFilters]) -> dict[str, Any]:
    qs = RightsRequest.objects.select_related("client").order_by("-requested_at", "-id")
    if filters.status:
        qs = qs.filter(status=filters.status)
    items, count = _page(request, qs, filters)
    return {"items": [_rights(r) for r in items], "count": count}


@router.get("/rights/{rights_id}", response={200: RightsOut, 404: Error})
def get_rights(request: HttpRequest, rights_id: int) -> dict[str, Any]:
    return _rights(access_object(_user(request), RightsRequest.objects.select_related("client"), rights_id))


@router.get("/giveaways", response={200: GiveawayList, 404: Error})
def list_giveaways(request: HttpRequest, filters: Query[ListFilters]) -> dict[str, Any]:
    qs = Giveaway.objects.select_related("client").order_by("-starts_at", "-id")
    if filters.status:
        qs = qs.filter(status=filters.status)
    items, count = _page(request, qs, filters)
    return {"items": [_giveaway(g) for g in items], "count": count}


@router.get("/giveaways/{giveaway_id}", response={200: GiveawayOut, 404: Error})
def get_giveaway(request: HttpRequest, giveaway_id: int) -> dict[str, Any]:
    return _giveaway(access_object(_user(request), Giveaway.objects.select_related("client"), giveaway_id))
