"""The queue: filters, full-text search and keyset paging over cases a user may see."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from carewatch.inbox.models import OPEN_STATUSES, Case, CaseStatus, Mention, Priority
from carewatch.tenancy.access import visible_client_ids
from carewatch.tenancy.models import Client, Platform, User

PAGE_SIZE = 50
DUE_SOON = timedelta(hours=1)
_TOKEN = re.compile(r"\w+", re.UNICODE)


@dataclass
class QueueFilters:
    client: str = ""
    platform: str = ""
    status: str = "open"  # "open" (every open status), "all", or one status
    priority: str = ""
    tag: str = ""
    lang: str = ""
    assignee: str = ""  # user id, or "none"
    mine: bool = False
    due: str = ""  # "soon": first response due within the hour (or overdue)
    q: str = ""
    sort: str = "activity"  # or "due"
    after: str = ""  # keyset cursor

    @classmethod
    def from_params(cls, params: Any) -> QueueFilters:
        def get(name: str) -> str:
            return str(params.get(name, "") or "").strip()[:200]

        return cls(
            client=get("client"), platform=get("platform"), status=get("status") or "open",
            priority=get("priority"), tag=get("tag"), lang=get("lang"), assignee=get("assignee"),
            mine=get("mine") in ("1", "true", "on"), due=get("due"), q=get("q"),
            sort=get("sort") or "activity", after=get("after"),
        )

    def as_params(self, **override: Any) -> dict[str, str]:
        values = {
            "client": self.client, "platform": self.platform, "status": self.status,
            "priority": self.priority, "tag": self.tag, "lang": self.lang,
            "assignee": self.assignee, "mine": "1" if self.mine else "", "due": self.due,
            "q": self.q, "sort": self.sort,
        }
        values.update({k: str(v) for k, v in override.items()})
        return {k: v for k, v in values.items() if v and not (k == "status" and v == "open") and not (k == "sort" and v == "activity")}


@dataclass
class QueuePage:
    cases: list[Case]
    next_cursor: str = ""
    filters: QueueFilters = field(default_factory=QueueFilters)


def search_mentions_sql(query: str) -> tuple[str, list[Any]] | None:
    """SQL selecting case ids whose mentions match ``query`` (all words), per engine."""
    tokens = _TOKEN.findall(query.lower())[:8]
    if not tokens:
        return None
    if connection.vendor == "sqlite":
        match = " ".join('"' + t.replace('"', "") + '"' for t in tokens)
        return (
            "SELECT m.case_id FROM inbox_mention_fts f JOIN inbox_mention m ON m.id = f.rowid "
            "WHERE inbox_mention_fts MATCH %s AND m.case_id IS NOT NULL",
            [match],
        )
    return (
        "SELECT m.case_id FROM inbox_mention m WHERE to_tsvector('simple', m.text) "
        "@@ plainto_tsquery('simple', %s) AND m.case_id IS NOT NULL",
        [" ".join(tokens)],
    )


def queue(user: User, filters: QueueFilters, page_size: int = PAGE_SIZE) -> QueuePage:
    client_ids = visible_client_ids(user)
    qs: QuerySet[Case] = Case.objects.filter(client_id__in=client_ids)
    if filters.client:
        client = Client.objects.filter(slug=filters.client, id__in=client_ids).first()
        qs = qs.filter(client_id=client.id if client else -1)
    if filters.status == "open":
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif filters.status in CaseStatus.values:
        qs = qs.filter(status=filters.status)
    if filters.platform in Platform.values:
        qs = qs.filter(platform=filters.platform)
    if filters.priority.isdigit() and int(filters.priority) in Priority.values:
        qs = qs.filter(priority=int(filters.priority))
    if filters.lang:
        qs = qs.filter(language=filters.lang)
    if filters.mine:
        qs = qs.filter(assignee=user)
    elif filters.assignee == "none":
        qs = qs.filter(assignee__isnull=True)
    elif filters.assignee.isdigit():
        qs = qs.filter(assignee_id=int(filters.assignee))
    if filters.tag:
        qs = qs.filter(casetag__tag__name=filters.tag.lower())
    if filters.due == "soon":
        qs = qs.filter(
            first_responded_at__isnull=True,
            first_response_due__lte=timezone.now() + DUE_SOON,
        )
    if filters.q:
        handle = filters.q.strip()
        if handle.startswith("@") and len(handle) > 1:
            qs = qs.filter(author__handle__iexact=handle[1:])
        else:
            sql = search_mentions_sql(filters.q)
            if sql is None:
                qs = qs.none()
            else:
                qs = qs.filter(id__in=RawSQL(*sql))
    if filters.sort == "due":
        qs = qs.filter(first_response_due__isnull=False).order_by("first_response_due", "id")
        qs = _after(qs, filters.after, "first_response_due", ascending=True)
    else:
        qs = qs.order_by("-last_activity_at", "-id")
        qs = _after(qs, filters.after, "last_activity_at", ascending=False)
    rows = list(
        qs.select_related("author", "client", "assignee", "channel")[: page_size + 1]
    )
    cursor = ""
    if len(rows) > page_size:
        rows = rows[:page_size]
        last = rows[-1]
        stamp = last.first_response_due if filters.sort == "due" else last.last_activity_at
        if stamp is not None:
            cursor = f"{stamp.isoformat()}|{last.pk}"
    _attach_tags(rows)
    return QueuePage(cases=rows, next_cursor=cursor, filters=filters)


def _after(qs: QuerySet[Case], cursor: str, field_name: str, ascending: bool) -> QuerySet[Case]:
    if not cursor or "|" not in cursor:
        return qs
    stamp_text, _, pk_text = cursor.partition("|")
    try:
        stamp = datetime.fromisoformat(stamp_text)
        pk = int(pk_text)
    except ValueError:
        return qs
    if ascending:
        return qs.filter(Q(**{f"{field_name}__gt": stamp}) | Q(**{field_name: stamp, "id__gt": pk}))
    return qs.filter(Q(**{f"{field_name}__lt": stamp}) | Q(**{field_name: stamp, "id__lt": pk}))


def _attach_tags(cases: list[Case]) -> None:
    from carewatch.inbox.models import CaseTag

    by_case: dict[int, list[Any]] = {c.pk: [] for c in cases}
    for link in CaseTag.objects.filter(case_id__in=list(by_case)).select_related("tag"):
        by_case[link.case_id].append(link.tag)
    for case in cases:
        case.tag_list = sorted(by_case[case.pk], key=lambda t: (t.kind != "label", t.name))  # type: ignore[attr-defined]


def thread_for(case: Case) -> list[Mention]:
    """The case's mentions with the thread around them (parent post, brand replies), in order."""
    return list(
        Mention.objects.filter(channel_id=case.channel_id, thread_key=case.thread_key)
        .filter(Q(case=case) | Q(case__isnull=True) | Q(direction="out"))
        .select_related("author")
        .order_by("created_at", "id")[:500]
    )


def author_history(case: Case, limit: int = 20) -> list[Case]:
    return list(
        Case.objects.filter(client_id=case.client_id, author_id=case.author_id)
        .exclude(pk=case.pk)
        .order_by("-last_activity_at")[:limit]
    )
