"""Apply normalised mention changes: authors, mentions, threads and cases, in bulk.

Runs inside the pipeline task's transaction. Idempotent on (channel, external_id): a
redelivered message changes nothing; an edit keeps the previous text in the history; a
removal or hide marks the mention and never deletes it.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Iterable, Sequence
from datetime import timedelta
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import connections, router, transaction
from django.db.models import Field, Model, Q
from django.utils import timezone

from carewatch.inbox.models import OPEN_STATUSES, Author, Case, CaseStatus, Direction, Mention
from carewatch.inbox.normalised import ChangeKind, MentionChange
from carewatch.tenancy.models import Channel

# The one default first-response target (minutes) when a client sets none; sla.policy uses it too.
DEFAULT_FIRST_RESPONSE_MINUTES = 240
CHUNK = 500  # ids per IN (...) lookup

ScreenStep = Callable[[list[Mention]], None]
_screening: ScreenStep | None = None


def set_screening(step: ScreenStep) -> None:
    """Called once at start-up by ``carewatch.pipeline`` with the order of the steps after ingest."""
    global _screening
    _screening = step


def run_triage(mentions: list[Mention]) -> None:
    """Hand new mentions to the pipeline's steps after ingest (``carewatch.pipeline.order``)."""
    if _screening is None:
        raise ImproperlyConfigured("carewatch.pipeline is not in INSTALLED_APPS: new mentions cannot be screened")
    _screening(mentions)


def channels_for(changes: Iterable[MentionChange]) -> dict[int, Channel]:
    """The changes' channels with their clients (a caller writing many chunks reads them once)."""
    ids = {c.channel_id for c in changes}
    return {ch.id: ch for ch in Channel.objects.filter(id__in=ids).select_related("client")}


def _scoped(groups: dict[Any, list[str]], scope: Callable[[Any], Q], column: str) -> Iterable[Q]:
    """One ``Q`` per ``CHUNK`` values: each group's ``scope`` AND ``column IN (its values)``,
    ORed together, so a chunk spread over a few channels (or clients and platforms) is one query
    (each term served by the unique index that starts with the scope's columns)."""
    terms: list[tuple[Any, list[str]]] = [(key, values[start:start + CHUNK]) for key, values in groups.items()
                                          for start in range(0, len(values), CHUNK)]
    batch: list[Q] = []
    size = 0
    for key, values in terms:
        batch.append(scope(key) & Q(**{f"{column}__in": values}))
        size += len(values)
        if size >= CHUNK:
            yield _any(batch)
            batch, size = [], 0
    if batch:
        yield _any(batch)


def _any(terms: list[Q]) -> Q:
    return functools.reduce(operator.or_, terms)


def _find_authors(keys: Iterable[tuple[int, str, str]]) -> dict[tuple[int, str, str], Author]:
    """The authors with these (client, platform, external id) keys: one query for a chunk of
    keys over every client and platform, served by the unique identity index."""
    by_scope: dict[tuple[int, str], list[str]] = {}
    for client_id, platform, external_id in keys:
        by_scope.setdefault((client_id, platform), []).append(external_id)
    found: dict[tuple[int, str, str], Author] = {}
    for where in _scoped(by_scope, lambda key: Q(client_id=key[0], platform=key[1]), "external_id"):
        for a in Author.objects.filter(where):
            found[(a.client_id, a.platform, a.external_id)] = a
    return found


def _authors(changes: list[MentionChange], channels: dict[int, Channel]) -> dict[tuple[int, str, str], Author]:
    wanted: dict[tuple[int, str, str], MentionChange] = {}
    for change in changes:
        if change.author is not None:
            channel = channels[change.channel_id]
            wanted[(channel.client_id, channel.platform, change.author.external_id)] = change
    if not wanted:
        return {}
    found = _find_authors(wanted)
    missing = []
    for key, change in wanted.items():
        author = found.get(key)
        assert change.author is not None
        if author is None:
            missing.append(
                Author(
                    client_id=key[0], platform=key[1], external_id=key[2],
                    handle=change.author.handle[:200], display_name=change.author.name[:200],
                )
            )
        elif change.author.handle and author.handle != change.author.handle:
            author.handle = change.author.handle[:200]  # handles change; ids do not
            author.save(update_fields=["handle"])
    if missing:
        Author.objects.bulk_create(missing, ignore_conflicts=True)
        found.update(_find_authors((a.client_id, a.platform, a.external_id) for a in missing))
    return found


def _existing_mentions(keys: set[tuple[int, str]]) -> dict[tuple[int, str], Mention]:
    if not keys:
        return {}
    by_channel: dict[int, list[str]] = {}
    for channel_id, external_id in keys:
        by_channel.setdefault(channel_id, []).append(external_id)
    found: dict[tuple[int, str], Mention] = {}
    for where in _scoped(by_channel, lambda channel_id: Q(channel_id=channel_id), "external_id"):
        for mention in Mention.objects.filter(where):
            found[(mention.channel_id, mention.external_id)] = mention
    return found


def first_response_due(channel: Channel, created: Any) -> Any:
    sla = channel.client.settings.get("sla", {}) if isinstance(channel.client.settings, dict) else {}
    minutes = int(sla.get("first_response_minutes", DEFAULT_FIRST_RESPONSE_MINUTES))
    return created + timedelta(minutes=minutes)


def _open_cases(keys: set[tuple[int, str, int]]) -> dict[tuple[int, str, int], Case]:
    """The open case of each (channel, thread, author) key (the oldest, if several): one query
    per channel for a chunk of keys, served by the ``case_grouping`` index (channel, thread,
    author, status) over all its columns, so a busy thread's other authors' cases stay unread."""
    if not keys:
        return {}
    by_channel: dict[int, list[tuple[str, int]]] = {}
    for channel_id, thread_key, author_id in keys:
        by_channel.setdefault(channel_id, []).append((thread_key, author_id))
    rows: list[Case] = []
    terms: list[Q] = []
    for channel_id, pairs in by_channel.items():
        pairs.sort()
        for start in range(0, len(pairs), CHUNK):
            chunk = pairs[start:start + CHUNK]
            terms.append(Q(channel_id=channel_id, thread_key__in={t for t, _ in chunk},
                           author_id__in={a for _, a in chunk}))
    for start in range(0, len(terms), 8):  # a few channels' terms per query
        # No ORDER BY here: SQLite would then walk the channel's whole FK index in id order.
        rows.extend(Case.objects.filter(_any(terms[start:start + 8]), status__in=OPEN_STATUSES))
    found: dict[tuple[int, str, int], Case] = {}
    for case in sorted(rows, key=lambda c: c.pk):
        key = (case.channel_id, case.thread_key, case.author_id)
        if key in keys:
            found.setdefault(key, case)
    return found


def apply_changes(changes: list[MentionChange], event_ids: dict[int, int] | None = None, *,
                  filled: list[Mention] | None = None, channels: dict[int, Channel] | None = None) -> list[Mention]:
    """Apply changes; return the mentions that are new (for triage). ``event_ids`` maps
    ``id(change)`` to the inbound event it came from. Stored mentions that were thin (the
    platform sent no text: ``needs_fetch``) and that a change now gives their text are added to
    ``filled`` (they were never screened: triage them too). ``channels``: the changes' channels
    (``channels_for``), when the caller has read them already."""
    if not changes:
        return []
    event_ids = event_ids or {}
    now = timezone.now()
    if channels is None or any(c.channel_id not in channels for c in changes):
        channels = channels_for(changes)
    authors = _authors([c for c in changes if c.change == ChangeKind.UPSERT], channels)
    # The mentions these changes name, and the parents new ones may reply to: one read.
    parent_keys = {(c.channel_id, c.parent_external_id) for c in changes
                   if c.change == ChangeKind.UPSERT and c.parent_external_id}
    keys = {(c.channel_id, c.external_id) for c in changes}
    stored = _existing_mentions(keys | parent_keys)
    existing = {key: stored[key] for key in keys if key in stored}
    parents = {key: stored[key] for key in parent_keys if key in stored}
    new: dict[tuple[int, str], Mention] = {}
    touched: dict[int, Mention] = {}

    for change in changes:
        key = (change.channel_id, change.external_id)
        mention = existing.get(key) or new.get(key)
        channel = channels[change.channel_id]
        if change.change == ChangeKind.UPSERT:
            if mention is not None:
                if change.text and _is_thin(mention):
                    _fill(mention, change, authors.get((channel.client_id, channel.platform,
                                                        change.author.external_id if change.author else "")))
                    touched[mention.pk or id(mention)] = mention
                    if mention.pk is not None and filled is not None:
                        filled.append(mention)
                elif change.text and mention.text != change.text and change.extra.get("is_edit"):
                    _record_edit(mention, change.text, now)
                    touched[mention.pk or id(mention)] = mention
                continue
            assert change.author is not None
            author = authors[(channel.client_id, channel.platform, change.author.external_id)]
            new[key] = Mention(
                client_id=channel.client_id,
                channel_id=channel.id,
                platform=channel.platform,
                kind=change.kind,
                direction=change.direction,
                external_id=change.external_id,
                parent_external_id=change.parent_external_id,
                thread_key=change.thread_key or change.parent_external_id or change.external_id,
                author=author,
                text=change.text,
                language=change.language,
                created_at=change.created_at or now,
                received_at=now,
                source_tz=change.source_tz,
                url=change.url,
                platform_meta={k: v for k, v in change.extra.items() if k != "is_edit" and v not in (None, "", False)},
                inbound_event_id=event_ids.get(id(change)),
            )
        elif mention is None:
            continue  # an edit/hide/delete of a message we never had: nothing to mark
        elif change.change == ChangeKind.EDIT:
            if change.text != mention.text:
                _record_edit(mention, change.text, now)
                touched[mention.pk or id(mention)] = mention
        elif change.change in (ChangeKind.HIDE, ChangeKind.UNHIDE):
            mention.is_hidden = change.change == ChangeKind.HIDE
            touched[mention.pk or id(mention)] = mention
        elif change.change == ChangeKind.DELETE:
            mention.is_deleted = True
            touched[mention.pk or id(mention)] = mention

    created = list(new.values())
    if created:
        _link_parents(created, {**parents, **existing})
        _attach_cases(created, channels)
        Mention.objects.bulk_create(created, batch_size=500)
        _link_parents_in_batch(created)
    saved = [m for m in touched.values() if m.pk is not None]
    if saved:
        update_rows(saved, ["text", "edit_history", "is_hidden", "is_deleted", "platform_meta", "author"])
        for mention in saved:
            if mention.case_id is not None and mention.text:
                Case.objects.filter(pk=mention.case_id, subject="").update(subject=mention.text[:240])
    return created


def _is_thin(mention: Mention) -> bool:
    """Stored without its text: the platform's notification carried none (fetched later)."""
    return not mention.text or bool((mention.platform_meta or {}).get("needs_fetch"))


def _fill(mention: Mention, change: MentionChange, author: Author | None) -> None:
    """A thin mention gets the text (and what else) a later, full delivery carries. Not an
    edit: there was no text to keep in the history."""
    mention.text = change.text
    meta = dict(mention.platform_meta or {})
    meta.pop("needs_fetch", None)
    meta.update({k: v for k, v in change.extra.items()
                 if k not in ("is_edit", "needs_fetch") and v not in (None, "", False)})
    mention.platform_meta = meta
    if change.language and not mention.language:
        mention.language = change.language
    if change.url and not mention.url:
        mention.url = change.url
    # A thin notification names no one ("unknown:..."); the full delivery names the author.
    if author is not None and mention.author_id != author.pk and (
            mention.author_id is None or mention.author.external_id.startswith("unknown:")):
        mention.author = author


def _record_edit(mention: Mention, text: str, now: Any) -> None:
    history = list(mention.edit_history or [])
    history.append({"text": mention.text, "replaced_at": now.isoformat()})
    mention.edit_history = history
    mention.text = text


def _link_parents(created: list[Mention], parents: dict[tuple[int, str], Mention]) -> None:
    """``parents``: the stored mentions the new ones may reply to (read with the changes' own)."""
    for mention in created:
        if mention.parent_external_id:
            parent = parents.get((mention.channel_id, mention.parent_external_id))
            if parent is not None and parent.pk is not None:
                mention.parent_id = parent.pk


def _link_parents_in_batch(created: list[Mention]) -> None:
    """Replies whose parent arrived in the same batch: linked once the parents have ids."""
    by_key = {(m.channel_id, m.external_id): m for m in created}
    linked = []
    for mention in created:
        if mention.parent_id is None and mention.parent_external_id:
            parent = by_key.get((mention.channel_id, mention.parent_external_id))
            if parent is not None and parent is not mention and parent.pk is not None:
                mention.parent_id = parent.pk
                linked.append(mention)
    if linked:
        update_rows(linked, ["parent"])


def _case_answered_by(
    mention: Mention, in_batch: dict[tuple[int, str], Mention], known: dict[int, Case]
) -> Case | None:
    """The case a brand message answers: its parent's (in this batch or stored), else the most
    recently active open case of its thread. ``known`` holds this batch's cases by id (their
    in-memory state is newer than the rows)."""
    case_id = None
    if mention.parent_external_id:
        parent = in_batch.get((mention.channel_id, mention.parent_external_id))
        if parent is not None:
            case_id = parent.case_id
    if case_id is None and mention.parent_id is not None:
        case_id = Mention.objects.filter(pk=mention.parent_id).values_list("case_id", flat=True).first()
    if case_id is not None:
        return known.get(case_id) or Case.objects.filter(pk=case_id).first()
    candidates = [
        known.get(case.pk, case)
        for case in Case.objects.filter(channel_id=mention.channel_id, thread_key=mention.thread_key,
                                        status__in=OPEN_STATUSES)
    ]
    return max(candidates, key=lambda c: (c.last_activity_at, c.pk), default=None)


def _attach_cases(created: list[Mention], channels: dict[int, Channel]) -> None:
    """Group inbound mentions into open cases (one author, one thread, one channel)."""
    created.sort(key=lambda m: m.created_at)
    inbound = [m for m in created if m.direction == Direction.INBOUND]
    keys = {(m.channel_id, m.thread_key, m.author_id) for m in inbound}
    cases = _open_cases(keys)
    new_cases: dict[tuple[int, str, int], Case] = {}
    for mention in inbound:
        key = (mention.channel_id, mention.thread_key, mention.author_id)
        if key in cases or key in new_cases:
            continue
        channel = channels[mention.channel_id]
        new_cases[key] = Case(
            client_id=mention.client_id,
            channel_id=mention.channel_id,
            platform=mention.platform,
            author_id=mention.author_id,
            thread_key=mention.thread_key,
            subject=mention.text[:240],
            language=mention.language,
            status=CaseStatus.NEW,
            created_at=mention.created_at,
            last_activity_at=mention.created_at,
            first_response_due=first_response_due(channel, mention.created_at),
        )
    if new_cases:
        Case.objects.bulk_create(list(new_cases.values()), batch_size=500)
        cases.update(new_cases)
    changed: dict[int, Case] = {}
    for mention in inbound:
        case = cases[(mention.channel_id, mention.thread_key, mention.author_id)]
        mention.case = case
        case.mention_count += 1
        if mention.created_at > case.last_activity_at:
            case.last_activity_at = mention.created_at
        if case.status == CaseStatus.WAITING:
            case.status = CaseStatus.OPEN  # the customer answered
        changed[case.pk] = case
    # The brand's own messages join the case of what they answer (the parent's, else the
    # thread's open case) and mark its first response.
    in_batch = {(m.channel_id, m.external_id): m for m in created}
    known = {case.pk: case for case in cases.values()}
    for mention in created:
        if mention.direction != Direction.OUTBOUND or mention.case_id is not None:
            continue
        answered = _case_answered_by(mention, in_batch, {**known, **changed})
        if answered is None:
            continue
        mention.case = answered
        if answered.first_responded_at is None or mention.created_at < answered.first_responded_at:
            answered.first_responded_at = mention.created_at
        changed[answered.pk] = answered
    if changed:
        # In ascending id: two workers updating the same cases lock them in one order.
        update_rows(sorted(changed.values(), key=lambda c: c.pk),
                    ["mention_count", "last_activity_at", "status", "first_responded_at"])


def update_rows(objs: Sequence[Model], fields: list[str]) -> None:
    """Write these fields of these saved objects: the same rows and values as
    ``bulk_update(objs, fields)``, as one ``UPDATE ... WHERE id = %s`` run for every object
    (``executemany``). bulk_update's ``CASE WHEN id = ...`` per object makes each row compare
    against every object of the batch, which on SQLite grows with the square of the batch."""
    if not objs:
        return
    opts = objs[0]._meta
    columns: list[Field[Any, Any]] = []
    for name in fields:
        column = opts.get_field(name)
        assert isinstance(column, Field) and column.concrete, name
        columns.append(column)
    pk = opts.pk
    assert pk is not None
    alias = router.db_for_write(type(objs[0]))
    conn = connections[alias]
    quote = conn.ops.quote_name
    sql = (  # identifiers from the model's metadata, values as parameters
        f"UPDATE {quote(opts.db_table)} SET "  # noqa: S608
        + ", ".join(f"{quote(str(f.column))} = %s" for f in columns)
        + f" WHERE {quote(str(pk.column))} = %s"
    )
    params = [
        [f.get_db_prep_save(getattr(obj, f.attname), conn) for f in columns] + [pk.get_db_prep_save(obj.pk, conn)]
        for obj in objs
    ]
    with transaction.atomic(using=alias, savepoint=False), conn.cursor() as cursor:
        cursor.executemany(sql, params)
