"""The REST API under /api/v1/ (django-ninja). Every call goes through the access helpers and
the same actions as the UI, so permissions and the audit trail are identical."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Query, Schema, Status
from ninja.security import HttpBearer, SessionAuth

from carewatch.content.api import router as content_router
from carewatch.crisis.api import router as crisis_router
from carewatch.inbox import actions
from carewatch.inbox.models import Case, Mention
from carewatch.inbox.queries import QueueFilters, queue
from carewatch.lib.apischema import CarewatchAPI, Int64, ObjectBody, fits_int64
from carewatch.ops.health import health
from carewatch.programs.api import router as programs_router
from carewatch.replies.api import router as replies_router
from carewatch.reports.api import router as reports_router
from carewatch.safety.api import router as safety_router
from carewatch.tenancy.access import access_client, access_object, role_for, visible_client_ids
from carewatch.tenancy.actions import token_for
from carewatch.tenancy.models import User

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def scope_needed(request: HttpRequest) -> str:
    if request.method in READ_METHODS:
        return "read"
    return "safety" if "/safety-cases/" in request.path else "write"


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        found = token_for(token)
        if found is None:
            return None
        needed = scope_needed(request)
        if needed not in found.scopes:
            raise PermissionDenied(f"This token's scopes ({', '.join(found.scopes)}) do not include {needed}")
        request.user = found.user
        return found.user


class Session(SessionAuth):
    """The browser's session, CSRF-checked. A request that no session logs in is refused like a
    wrong token (401), not as a CSRF failure (403)."""

    def __call__(self, request: HttpRequest) -> User | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        return super().__call__(request)


api = CarewatchAPI(
    title="Carewatch API",
    version="1",
    urls_namespace="api",
    auth=[BearerToken(), Session()],
    docs_url="/docs",
)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or "Forbidden"}, status=403)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": "Not found"}, status=404)


@api.exception_handler(DjangoValidationError)
def _invalid(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    return api.create_response(request, {"detail": "; ".join(exc.messages)}, status=422)


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


# ------------------------------------------------------------------ schemas
class MentionOut(Schema):
    id: int
    external_id: str
    platform: str
    kind: str
    direction: str
    client: str
    channel: str
    text: str
    language: str
    author_handle: str
    created_at: datetime
    received_at: datetime
    url: str
    parent_external_id: str
    thread_key: str
    is_hidden: bool
    is_deleted: bool
    edited: bool
    labels: list[str]
    case_id: int | None


class MentionList(Schema):
    items: list[MentionOut]
    count: int


class CaseOut(Schema):
    id: int
    client: str
    platform: str
    channel: str
    author_handle: str
    subject: str
    language: str
    status: str
    priority: int
    assignee: str | None
    tags: list[str]
    mention_count: int
    created_at: datetime
    last_activity_at: datetime
    first_response_due: datetime | None
    first_responded_at: datetime | None
    closed_at: datetime | None


class CaseList(Schema):
    items: list[CaseOut]
    next_cursor: str


class CasePatch(ObjectBody):
    assignee: str | None = None  # e-mail, "me", or "" to unassign
    status: str | None = None
    close_reason: str = ""
    priority: int | None = None
    add_tags: list[str] = []
    remove_tags: list[str] = []


class NoteIn(ObjectBody):
    body: str


class NoteOut(Schema):
    id: int
    case_id: int
    author: str
    created_at: datetime


class Error(Schema):
    detail: str


def _mention_out(m: Mention) -> dict[str, Any]:
    return {
        "id": m.pk, "external_id": m.external_id, "platform": m.platform, "kind": m.kind,
        "direction": m.direction, "client": m.client.slug, "channel": m.channel.handle,
        "text": m.text, "language": m.language, "author_handle": m.author.handle,
        "created_at": m.created_at, "received_at": m.received_at, "url": m.url,
        "parent_external_id": m.parent_external_id, "thread_key": m.thread_key,
        "is_hidden": m.is_hidden, "is_deleted": m.is_deleted, "edited": bool(m.edit_history),
        "labels": list(m.labels or []), "case_id": m.case_id,
    }


def _case_out(c: Case) -> dict[str, Any]:
    tags = getattr(c, "tag_list", None)
    if tags is None:
        tags = list(c.tags.all())
    return {
        "id": c.pk, "client": c.client.slug, "platform": c.platform, "channel": c.channel.handle,
        "author_handle": c.author.handle, "subject": c.subject, "language": c.language,
        "status": c.status, "priority": c.priority,
        "assignee": c.assignee.email if c.assignee else None, "tags": [t.name for t in tags],
        "mention_count": c.mention_count, "created_at": c.created_at,
        "last_activity_at": c.last_activity_at, "first_response_due": c.first_response_due,
        "first_responded_at": c.first_responded_at, "closed_at": c.closed_at,
    }


# ------------------------------------------------------------------ mentions
class MentionFilters(Schema):
    client: str | None = None
    platform: str | None = None
    kind: str | None = None
    case_id: Int64 | None = None
    since: datetime | None = None
    limit: Int64 = 50
    offset: Int64 = 0


@api.get("/mentions", response={200: MentionList, 404: Error}, tags=["mentions"])
def list_mentions(request: HttpRequest, filters: Query[MentionFilters]) -> dict[str, Any]:
    user = _user(request)
    qs = Mention.objects.filter(client_id__in=visible_client_ids(user))
    if filters.client:
        qs = qs.filter(client=access_client(user, filters.client))
    if filters.platform:
        qs = qs.filter(platform=filters.platform)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.case_id is not None:
        qs = qs.filter(case_id=filters.case_id)
    if filters.since is not None:
        qs = qs.filter(created_at__gte=filters.since)
    limit = max(1, min(filters.limit, 500))
    offset = max(0, filters.offset)
    items = qs.select_related("client", "channel", "author").order_by("-created_at", "-id")[offset:offset + limit]
    return {"items": [_mention_out(m) for m in items], "count": qs.count()}


@api.get("/mentions/{mention_id}", response={200: MentionOut, 404: Error}, tags=["mentions"])
def get_mention(request: HttpRequest, mention_id: int) -> dict[str, Any]:
    mention = access_object(_user(request), Mention.objects.select_related("client", "channel", "author"), mention_id)
    return _mention_out(mention)


# ------------------------------------------------------------------ cases
class CaseFilters(Schema):
    client: str | None = None
    platform: str | None = None
    status: str | None = None
    priority: Int64 | None = None
    tag: str | None = None
    lang: str | None = None
    assignee: str | None = None
    mine: bool = False
    due: str | None = None
    q: str | None = None
    sort: str = "activity"
    after: str | None = None
    limit: Int64 = 50


@api.get("/cases", response={200: CaseList, 404: Error}, tags=["cases"])
def list_cases(request: HttpRequest, filters: Query[CaseFilters]) -> dict[str, Any]:
    user = _user(request)
    if filters.client:
        access_client(user, filters.client)
    assignee = filters.assignee or ""
    if assignee.isdigit() and not fits_int64(assignee):
        raise DjangoValidationError("assignee: a user id must fit in 64 bits")
    if assignee and "@" in assignee:
        found = User.objects.filter(email=assignee.lower()).first()
        assignee = str(found.pk) if found else "0"
    page = queue(user, QueueFilters(
        client=filters.client or "", platform=filters.platform or "", status=filters.status or "open",
        priority=str(filters.priority or ""), tag=filters.tag or "", lang=filters.lang or "",
        assignee=assignee, mine=filters.mine, due=filters.due or "", q=filters.q or "",
        # a cursor's "+00:00" arrives as " 00:00" when a client forgets to URL-encode it
        sort=filters.sort, after=(filters.after or "").replace(" ", "+"),
    ), page_size=max(1, min(filters.limit, 200)))
    return {"items": [_case_out(c) for c in page.cases], "next_cursor": page.next_cursor}


def _load_case(request: HttpRequest, case_id: int) -> Case:
    return access_object(
        _user(request), Case.objects.select_related("client", "channel", "author", "assignee"), case_id
    )


@api.get("/cases/{case_id}", response={200: CaseOut, 404: Error}, tags=["cases"])
def get_case(request: HttpRequest, case_id: int) -> dict[str, Any]:
    return _case_out(_load_case(request, case_id))


@api.patch("/cases/{case_id}", response={200: CaseOut, 403: Error, 404: Error, 422: Error}, tags=["cases"])
def update_case(request: HttpRequest, case_id: int, patch: CasePatch) -> dict[str, Any]:
    user = _user(request)
    case = _load_case(request, case_id)
    actions.ensure_can_write(user, case)
    with transaction.atomic():  # all of the patch or none of it
        if patch.assignee is not None:
            if patch.assignee == "":
                assignee: User | None = None
            elif patch.assignee == "me":
                assignee = user
            else:
                assignee = User.objects.filter(email=patch.assignee.lower(), is_active=True).first()
                # Another client's staff get the same answer as nobody (no cross-client lookup).
                if assignee is None or role_for(assignee, case.client_id) is None:
                    raise DjangoValidationError(f"no user {patch.assignee} works for this client")
            case = actions.do_assign(user, case, assignee)
        if patch.status is not None:
            case = actions.do_set_status(user, case, patch.status, patch.close_reason)
        if patch.priority is not None:
            case = actions.do_set_priority(user, case, patch.priority)
        for name in patch.add_tags:
            actions.do_tag(user, case, name)
        for name in patch.remove_tags:
            actions.do_untag(user, case, name)
    return _case_out(_load_case(request, case_id))


@api.post("/cases/{case_id}/notes", response={201: NoteOut, 403: Error, 404: Error, 422: Error}, tags=["cases"])
def add_note(request: HttpRequest, case_id: int, note: NoteIn) -> Status[dict[str, Any]]:
    user = _user(request)
    case = _load_case(request, case_id)
    created = actions.do_add_note(user, case, note.body)
    return Status(201, {"id": created.pk, "case_id": case.pk, "author": user.email, "created_at": created.created_at})


# ------------------------------------------------------------------ safety
api.add_router("/", safety_router)
api.add_router("/", replies_router)
api.add_router("/", reports_router)
api.add_router("/", programs_router)
api.add_router("/", crisis_router)
api.add_router("/", content_router)


# ------------------------------------------------------------------ health
@api.get("/health", auth=None, tags=["ops"])
def api_health(request: HttpRequest) -> HttpResponse:
    ok, report = health()
    return api.create_response(request, report, status=200 if ok else 503)
