"""The queue: filters, full-text search and keyset paging over cases a user may see.

The page is read in two steps: first the ids of the page (a lean query over inbox_case alone),
then those cases with their author, client, channel and assignee. How the ids are found is
chosen here rather than left to the planner, which (SQLite above all, and without ANALYZE
statistics) cannot tell a few % of open cases from the whole table, nor a rare word from a
common one; queue() explains the rules. bench/inbox.py measures every filter on both engines.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.apps import apps
from django.db import connection
from django.db.models import BooleanField, DateTimeField, Exists, F, OuterRef, Q, QuerySet, Value, When
from django.db.models import Case as SqlCase
from django.db.models.expressions import Func, RawSQL
from django.db.models.functions import Upper
from django.utils import timezone

from carewatch.inbox.models import OPEN_STATUSES, Author, Case, CaseStatus, CaseTag, Mention, Priority, Tag
from carewatch.lib.apischema import fits_int64
from carewatch.tenancy.access import visible_client_ids
from carewatch.tenancy.models import Client, Platform, User

PAGE_SIZE = 50
DUE_SOON = timedelta(hours=1)
_TOKEN = re.compile(r"\w+", re.UNICODE)
# A tag or a search word linked to more rows than this is tested case by case as the queue is
# walked; up to this many, the linked cases are looked up directly. Testing a case is cheap for a
# tag (an index probe) and for a word (on SQLite its mention ids against the FTS5 matches, read
# once; on PostgreSQL the stored vector of each of the case's mentions). On PostgreSQL a tag's
# case ids come from an index alone (casetag_by_tag), so far longer lists are read; a word's
# matches cost a table read each, so the list is worth it while it is shorter than the walk
# (about a page times cases per matching case).
MANY_LINKS = 2_000
MANY_LINKS_PG = 10_000
MANY_MENTIONS_PG = 6_000


# The filter value for the one status "open": "open" itself means every open status.
ONLY_OPEN = "open-only"


@dataclass
class QueueFilters:
    client: str = ""
    platform: str = ""
    status: str = "open"  # "open" (every open status), "all", one status, or ONLY_OPEN (status "open" alone)
    priority: str = ""
    tag: str = ""
    lang: str = ""
    assignee: str = ""  # user id, or "none"
    mine: bool = False
    due: str = ""  # "soon": an SLA deadline or follow-up touch due within the hour (or overdue)
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
        return {
            k: v for k, v in values.items()
            if v and not (k == "status" and v == "open") and not (k == "sort" and v == "activity")
        }


@dataclass
class QueuePage:
    cases: list[Case]
    next_cursor: str = ""
    filters: QueueFilters = field(default_factory=QueueFilters)


def _tokens(query: str) -> list[str]:
    return _TOKEN.findall(query.lower())[:8]


def _fts_match(tokens: list[str]) -> str:
    return " ".join('"' + t.replace('"', "") + '"' for t in tokens)


class _TextMatches(Func):
    """PostgreSQL: ``text_search @@ plainto_tsquery('simple', words)``. ``text_search`` is
    to_tsvector('simple', text) stored beside the text (migration 0006, not a model field) and
    GIN-indexed; reading it costs nothing, recomputing it tens of µs per mention."""

    output_field = BooleanField()

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:  # type: ignore[override]
        text_sql, text_params = compiler.compile(self.source_expressions[0])
        words_sql, words_params = compiler.compile(self.source_expressions[1])
        table, _, column = text_sql.rpartition(".")
        if column != '"text"' or text_params:
            raise ValueError(f"_TextMatches reads the vector beside a text column, not {text_sql}")
        return f'{table}."text_search" @@ plainto_tsquery(\'simple\', {words_sql})', list(words_params)


def _matching_mentions(tokens: list[str]) -> QuerySet[Mention]:
    """Mentions whose text has every token (FTS5 on SQLite, the GIN index on PostgreSQL)."""
    if connection.vendor == "sqlite":
        rowids = RawSQL("SELECT rowid FROM inbox_mention_fts WHERE inbox_mention_fts MATCH %s", [_fts_match(tokens)])
        return Mention.objects.filter(id__in=rowids)
    return Mention.objects.filter(_TextMatches(F("text"), Value(" ".join(tokens))))


def _fts_has_many(tokens: list[str]) -> bool:
    """SQLite: whether more than MANY_LINKS mentions match, counted in the FTS5 index alone."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM inbox_mention_fts WHERE inbox_mention_fts MATCH %s LIMIT 1 OFFSET %s",
            [_fts_match(tokens), MANY_LINKS],
        )
        return cursor.fetchone() is not None


# PostgreSQL, open cases: a list of case ids longer than this is tested against each entry of
# the open cases' index (case_open_queue, a few % of the table, read in queue order with no table
# access) instead of probing the table once per id (~4 pages each, most of them closed cases).
OPEN_SCAN_IDS_PG = 500


def _case_id_in(ids: list[int], open_only: bool = False) -> Any:
    """``id IN ids``; on PostgreSQL as ``= ANY(array)``, one parameter rather than thousands, and
    for a long list over open cases as ``id + 0 = ANY(array)``, which no index on id serves."""
    if connection.vendor == "postgresql":
        column = '("inbox_case"."id" + 0)' if open_only and len(ids) > OPEN_SCAN_IDS_PG else '"inbox_case"."id"'
        # bigint[] as the column: the driver sends small ints as integer[], and bigint = integer
        # cannot be tested through a hash of the list (each row would scan the whole array).
        return RawSQL(f"{column} = ANY(%s::bigint[])", (ids,), output_field=BooleanField())  # noqa: S611 - constant SQL
    return Q(id__in=ids)


def _estimated_rows(qs: QuerySet[Any]) -> int:
    """PostgreSQL's estimate of the rows ``qs`` returns (from its statistics; no rows are read).
    Exact enough for words common enough to be in the tsvector statistics."""
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


def _few_case_ids(links: QuerySet[Any], limit: int = MANY_LINKS) -> list[int] | None:
    """The case ids of ``links`` (rows with a ``case_id``) if they are at most ``limit``, else
    None. Reads at most ``limit + 1`` rows; on PostgreSQL none when its statistics already tell
    they are more (reading them would cost more than the page)."""
    if connection.vendor == "postgresql" and _estimated_rows(links) > limit:
        return None
    found = list(links.values_list("case_id", flat=True)[: limit + 1])
    if len(found) > limit:
        return None
    return sorted({case_id for case_id in found if case_id is not None})


def _cases_with_mentions_in(qs: QuerySet[Case], tokens: list[str]) -> QuerySet[Case]:
    """SQLite, many matching mentions: join each candidate case to its mentions (the case_id
    index) and test each mention against the matches, read once from FTS5. Looking the matches
    up instead costs a table read per matching mention; an EXISTS would run the FTS5 query again
    for every case."""
    rowids = RawSQL("SELECT rowid FROM inbox_mention_fts WHERE inbox_mention_fts MATCH %s", [_fts_match(tokens)])
    return qs.alias(_mention=_Unindexed(F("mentions__id"))).filter(_mention__in=rowids).distinct()


class _Unindexed(Func):
    """The column, which on SQLite (as ``+column``) no index may serve. Ordering by it makes
    SQLite find the matching rows through its best filter index and sort them, rather than walk
    an index in queue order hoping for an early stop (which reads the whole table when the
    matches are few or old). Other engines get the plain column and plan by cost."""

    template = "%(expressions)s"

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        sql, params = compiler.compile(self.source_expressions[0])
        return f"+{sql}", params


def _column(qs: QuerySet[Case], name: str, indexed: bool) -> tuple[QuerySet[Case], str]:
    """The column to filter on: itself, or (``indexed=False``) as an expression no index serves."""
    if indexed or connection.vendor != "sqlite":
        return qs, name
    alias = f"_plain_{name}"
    return qs.alias(**{alias: _Unindexed(F(name))}), alias


def _where(qs: QuerySet[Case], indexed: bool, **lookups: Any) -> QuerySet[Case]:
    for lookup, value in lookups.items():
        name, _, operator = lookup.partition("__")
        qs, column = _column(qs, name, indexed)
        qs = qs.filter(**{f"{column}__{operator}" if operator else column: value})
    return qs


def queue(user: User, filters: QueueFilters, page_size: int = PAGE_SIZE) -> QueuePage:
    """One page of the cases ``user`` may see that match ``filters``, in queue order.

    * Open cases are a few % of the table: they are found through a filter index and sorted
      (on SQLite the sort column is made unindexable, so it cannot choose to walk the whole
      table in queue order hoping for an early stop).
    * Closed cases are most of it: "closed" and "all" walk an index in queue order and stop
      after a page; the list of visible clients then only tests each case (SQLite would
      otherwise read every listed client's cases through the client index and sort them).
    * A tag or a search word with few links (MANY_LINKS; MANY_MENTIONS_PG for words on
      PostgreSQL) becomes a short list of case ids that drives the query whatever the status;
      on SQLite the other conditions become plain tests, so that without statistics an index
      on status or platform does not win over the list. An @handle is a short list of authors.
    * With many links each case is tested instead: a tag by an EXISTS probe; a word on SQLite
      by joining the case's mentions to the FTS5 matches (read once; an EXISTS would run the
      FTS5 query again for every case), on PostgreSQL by an EXISTS over the case's mentions.
    """
    client_ids = visible_client_ids(user)
    large = filters.status not in ("open", ONLY_OPEN, *OPEN_STATUSES)
    qs: QuerySet[Case] = Case.objects.all()
    # A tag or a search narrows to a short list (of cases, or of authors for @handle), which
    # drives the query, or to many cases, each tested as the query walks the queue.
    drivers: list[Any] = []
    tests: list[Any] = []
    nothing = False
    if filters.tag:
        # Tags belong to one client: only the visible clients' tags can be on a visible case.
        tags = Tag.objects.filter(name=filters.tag.lower(), client_id__in=client_ids)
        tag_ids = list(tags.values_list("id", flat=True))
        links = CaseTag.objects.filter(tag_id__in=tag_ids)
        many = MANY_LINKS_PG if connection.vendor == "postgresql" else MANY_LINKS
        few = _few_case_ids(links, many) if tag_ids else []
        if few is None:
            tests.append(Exists(links.filter(case_id=OuterRef("pk"))))
        else:
            drivers.append(_case_id_in(few, open_only=not large))
            nothing = nothing or not few
    if filters.q:
        handle = filters.q.strip()
        tokens = _tokens(filters.q)
        if handle.startswith("@") and len(handle) > 1:
            # Case-insensitive like the iexact it replaces, through the index on UPPER(handle).
            authors = Author.objects.alias(handle_upper=Upper("handle")).filter(handle_upper=Upper(Value(handle[1:])))
            author_ids = list(authors.values_list("id", flat=True))
            drivers.append(Q(author_id__in=author_ids))
            nothing = nothing or not author_ids
        elif tokens:
            mentions = _matching_mentions(tokens)
            if connection.vendor == "sqlite":
                few = None if _fts_has_many(tokens) else _few_case_ids(mentions)
            else:
                few = _few_case_ids(mentions, MANY_MENTIONS_PG)
            if few is not None:
                drivers.append(_case_id_in(few, open_only=not large))
                nothing = nothing or not few
            elif connection.vendor == "sqlite":
                tests.append(tokens)
            else:
                tests.append(Exists(mentions.filter(case_id=OuterRef("pk"))))
        else:
            nothing = True
    if nothing:
        return QueuePage(cases=[], filters=filters)
    short_list = bool(drivers)
    walk_in_order = large and not short_list
    indexed = not short_list

    if filters.client:
        client = Client.objects.filter(slug=filters.client, id__in=client_ids).first()
        qs = _where(qs, indexed, client_id=client.id if client else -1)
    elif len(client_ids) == 1:
        qs = _where(qs, indexed, client_id=client_ids[0])
    elif client_ids:
        qs = _where(qs, indexed and not large, client_id__in=client_ids)
    else:
        return QueuePage(cases=[], filters=filters)
    if filters.status == "open":
        qs = _where(qs, indexed, status__in=OPEN_STATUSES)
    elif filters.status == ONLY_OPEN:
        qs = _where(qs, indexed, status=CaseStatus.OPEN)
    elif filters.status in CaseStatus.values:
        qs = _where(qs, indexed, status=filters.status)
    if filters.platform in Platform.values:
        qs = _where(qs, indexed, platform=filters.platform)
    if filters.priority.isdigit() and int(filters.priority) in Priority.values:
        qs = _where(qs, indexed, priority=int(filters.priority))
    if filters.lang:
        qs = _where(qs, indexed, language=filters.lang)
    if filters.mine:
        qs = _where(qs, indexed, assignee_id=user.pk)
    elif filters.assignee == "none":
        qs = _where(qs, indexed, assignee_id__isnull=True)
    elif filters.assignee.isdigit():
        # an id no 64-bit column holds is nobody's (not an overflow in the driver)
        qs = _where(qs, indexed, assignee_id=int(filters.assignee) if fits_int64(filters.assignee) else 0)
    clocks = _clocks_installed()
    if clocks and (filters.due == "soon" or filters.sort == "due"):
        qs = qs.alias(due_key=_due_expression())
    if filters.due == "soon":
        if clocks:
            qs = qs.filter(**{"due_key__lte": timezone.now() + DUE_SOON})  # an alias, not a field
        else:
            qs = _where(qs, indexed, first_responded_at__isnull=True,
                        first_response_due__lte=timezone.now() + DUE_SOON)
    for condition in drivers:
        qs = qs.filter(condition)
    for test in tests:
        qs = _cases_with_mentions_in(qs, test) if isinstance(test, list) else qs.filter(test)

    key = ("due_key" if clocks else "first_response_due") if filters.sort == "due" else "last_activity_at"
    if filters.sort == "due" and clocks and connection.vendor == "postgresql":
        ids = _due_first_ids(qs, filters.after, page_size + 1)
    else:
        order = F(key) if walk_in_order else _Unindexed(F(key))
        if filters.sort == "due":
            qs = _where(qs, walk_in_order, **{f"{key}__isnull": False}).order_by(order.asc(), "id")
        else:
            qs = qs.order_by(order.desc(), "-id")
        qs = _after(qs, filters.after, key, ascending=filters.sort == "due", indexed=walk_in_order)
        ids = list(qs.values_list("id", flat=True)[: page_size + 1])
    related = ["author", "client", "assignee", "channel", *(["sla_clock"] if clocks else [])]
    found = Case.objects.select_related(*related).in_bulk(ids)
    rows = [found[pk] for pk in ids if pk in found]
    cursor = ""
    if len(rows) > page_size:
        rows = rows[:page_size]
        last = rows[-1]
        stamp = _due_of(last, clocks)[0] if filters.sort == "due" else last.last_activity_at
        if stamp is not None:
            cursor = f"{stamp.isoformat()}|{last.pk}"
    _attach_tags(rows)
    for case in rows:
        case.due_at, case.due_kind, case.due_paused = _due_of(case, clocks)  # type: ignore[attr-defined]
    return QueuePage(cases=rows, next_cursor=cursor, filters=filters)


def _due_first_ids(qs: QuerySet[Case], cursor: str, limit: int) -> list[int]:
    """PostgreSQL, "due soonest": the first ``limit`` ids by (nearest deadline, id), read as two
    walks in index order and merged, rather than the deadline computed for every matching case
    and sorted: the cases with an SLA clock by its ``due_at`` (slaclock_due), and those with no
    clock by their first response due while unanswered (case_open_first_due for open cases).
    Each walk stops after ``limit`` rows; together they are the CASE of _due_expression()."""
    walks = [
        (qs.filter(sla_clock__due_at__isnull=False), "sla_clock__due_at"),
        (qs.filter(sla_clock__isnull=True, first_responded_at__isnull=True, first_response_due__isnull=False),
         "first_response_due"),
    ]
    found: list[tuple[datetime, int]] = []
    for part, due in walks:
        part = _after(part, cursor, due, ascending=True)
        found += part.order_by(due, "id").values_list(due, "id")[:limit]
    return [pk for _, pk in sorted(found)[:limit]]


def _clocks_installed() -> bool:
    """Whether the SLA app keeps each case's nearest deadline (``carewatch.sla``'s CaseClock)."""
    return apps.is_installed("carewatch.sla")


def _due_expression() -> Any:
    """A case's nearest deadline: its SLA clock's (first, next response or resolution, or a
    three-touch follow-up; none while paused), or, for a case whose clock has not started yet,
    its first response due while unanswered."""
    return SqlCase(
        When(sla_clock__isnull=False, then=F("sla_clock__due_at")),
        When(first_responded_at__isnull=True, then=F("first_response_due")),
        default=None, output_field=DateTimeField(),
    )


def _due_of(case: Case, clocks: bool) -> tuple[datetime | None, str, bool]:
    """(nearest deadline, what is due, paused) as the queue shows it."""
    clock = getattr(case, "sla_clock", None) if clocks else None
    if clock is not None:
        return clock.due_at, clock.due_kind, clock.paused_at is not None
    if case.first_responded_at is None and case.first_response_due is not None:
        return case.first_response_due, "first response", False
    return None, "", False


def _after(qs: QuerySet[Case], cursor: str, field_name: str, ascending: bool, indexed: bool = True) -> QuerySet[Case]:
    """Rows after the cursor in queue order. Written as a range on the sort column (which an
    index can seek to) narrowed by the id tie-break, rather than as an OR the index cannot use."""
    if not cursor or "|" not in cursor:
        return qs
    stamp_text, _, pk_text = cursor.partition("|")
    try:
        stamp = datetime.fromisoformat(stamp_text)
        pk = int(pk_text)
    except ValueError:
        return qs
    qs, column = _column(qs, field_name, indexed)
    if ascending:
        return qs.filter(Q(**{f"{column}__gte": stamp}), Q(**{f"{column}__gt": stamp}) | Q(id__gt=pk))
    return qs.filter(Q(**{f"{column}__lte": stamp}), Q(**{f"{column}__lt": stamp}) | Q(id__lt=pk))


def _attach_tags(cases: list[Case]) -> None:
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
