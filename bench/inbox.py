"""The queue page under a year of a large agency's data, on SQLite and on PostgreSQL.

A deterministic data set (default 1,200,000 mentions: 8 clients, 41 channels, ~800,000 cases
of which a few % are open, tags on about a third, assignees, brand replies) is loaded straight
into the tables (bulk inserts on SQLite, COPY on PostgreSQL; indexes built after the load).
The SQLite file is kept under bench/out/ keyed by size and data version, and the PostgreSQL
database (``carewatch_bench`` unless ``--pg-db``) keeps a marker, so a re-run only migrates and measures.

Then GET /inbox/ with each common filter goes through Django's test Client (the whole stack:
middleware, session, view, template) as an agency admin and as an agent who sees 3 of the 8
clients: warm-up requests, then ``--requests`` timed ones; p50/p95/max per filter in ms.

    .venv/bin/python bench/inbox.py [--db sqlite|postgres|both] [--mentions 1200000]
                                    [--requests 30] [--no-analyze] [--reload] [--explain]
                                    [--pg-db carewatch_bench]

Prints a table per engine and, last, one JSON line with every number. Target: p95 < 150 ms for
every filter on both engines.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from _common import OUT, ROOT, BackgroundLoad, Deadline, django_setup, env_for, percentile

DATA_VERSION = 2  # bump when the generated data changes shape
PG_SERVER = "postgres://postgres@127.0.0.1:5432/"
PG_DEFAULT_DB = "carewatch_bench"
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
TARGET_MS = 150.0
CHANNELS_PER_CLIENT = [9, 7, 6, 5, 5, 4, 3, 2]  # 41 channels over 8 clients
PLATFORMS = ["facebook", "instagram", "x", "tiktok", "youtube", "linkedin", "reddit", "feed"]
PLATFORM_WEIGHT = [30, 25, 18, 10, 8, 4, 3, 2]
AGENT_CLIENTS = (1, 2, 4)  # indices of the clients the measured agent works for
LANGS = ["en", "es", "de", "fr", "pt", "it", ""]
LANG_WEIGHT = [68, 12, 6, 6, 3, 3, 2]
PRIORITY_WEIGHT = {1: 8, 2: 75, 3: 14, 4: 3}
TAGS = [
    "question", "side-effects", "shipping", "billing", "insurance", "refill", "praise", "complaint",
    "pharmacy", "copay-card", "dosing", "storage", "travel", "availability", "app", "login",
    "adverse-event", "product-quality", "escalate-legal", "vip",
]
LABELS = ["adverse_event", "product_complaint", "phi", "urgent", "off_label"]
SEARCH_WORD = "refund"  # ~1% of mentions
COMMON_WORD = "insurance"  # ~10% of mentions
RARE_WORD = "counterfeit"  # a few dozen mentions


# ------------------------------------------------------------------ text
def _vocabulary(rng: random.Random) -> tuple[list[str], list[float]]:
    common_text = (
        "i the to and my a is it of for this on was have not but with you me so just be can what are they do "
        "if at will after did we about how when why been any anyone still again"
    )
    common = common_text.split()
    domain_text = (
        "dose pen refill pharmacy doctor prescription side effects nausea headache tired dizzy appetite "
        "weight shipping delivery order late missing price cost expensive covered denied appeal thanks thank "
        "love great amazing helped working better worse stopped started week month days help please support "
        "call phone hold website app login account error broken cold storage fridge travel needle injection "
        "shortage stock available pharmacist nurse clinic trial results label warning recall batch lot "
        "expired packaging leaking bruise rash itchy swelling sleep stomach copay coupon card savings program "
        "enrol form fax email reply waiting days hours answer"
    )
    domain = domain_text.split()
    syllable = "bcdfghklmnprstvz"
    rare = sorted({"".join(rng.choice(syllable) + rng.choice("aeiou") for _ in range(3)) for _ in range(3000)})
    words = common + domain + rare
    weights = [1 / (rank + 8) ** 1.05 for rank in range(len(words))]
    total = sum(weights)
    # The two measured search words get fixed shares of all words (~1% / ~10% of mentions).
    words += [SEARCH_WORD, COMMON_WORD, RARE_WORD]
    weights += [total * 0.0004, total * 0.0045, total * 0.0000017]
    cumulative: list[float] = []
    running = 0.0
    for w in weights:
        running += w
        cumulative.append(running)
    return words, cumulative


class TextMaker:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.words, self.cum = _vocabulary(rng)

    def __call__(self) -> str:
        length = int(min(400, max(50, self.rng.lognormvariate(4.9, 0.5))))
        words = self.rng.choices(self.words, cum_weights=self.cum, k=max(4, length // 6))
        text = " ".join(words)[:length]
        return text[0].upper() + text[1:]


# ------------------------------------------------------------------ generation
class Plan:
    """Clients, channels, staff and author pools (small; made with the ORM)."""

    def __init__(self, mentions: int, seed: int = 11) -> None:
        self.rng = random.Random(seed)
        self.mentions = mentions
        self.cases_estimate = int(mentions / 1.5)
        self.authors_total = max(1000, mentions // 5)
        self.anchor = datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def _dt(value: datetime | None, vendor: str) -> Any:
    """A naive-UTC datetime in the form the engine's column takes (as Django would write it)."""
    if value is None:
        return None
    return str(value) if vendor == "sqlite" else value.replace(tzinfo=UTC)


class Table:
    """Rows for one model: columns in model order, defaults for every field not given."""

    def __init__(self, model: Any, vendor: str) -> None:
        from django.db import connection
        from django.db.models import JSONField

        self.model = model
        self.vendor = vendor
        self.fields = list(model._meta.concrete_fields)
        self.columns = [f.column for f in self.fields]
        self.index = {f.attname: i for i, f in enumerate(self.fields)}
        template: list[Any] = []
        for f in self.fields:
            default = f.get_default()  # "" for blank text fields, None for nullable ones
            if isinstance(f, JSONField):
                template.append(json.dumps(default if default is not None else None))
            elif default is None:
                template.append(None)
            else:
                template.append(f.get_db_prep_save(default, connection))
        self.template = template
        self.rows: list[list[Any]] = []

    def add(self, **values: Any) -> None:
        row = self.template.copy()
        for name, value in values.items():
            row[self.index[name]] = value
        self.rows.append(row)


def generate(plan: Plan, vendor: str, staff: dict[str, Any], flush: Any) -> dict[str, int]:
    """Make every author, case, case tag and mention; ``flush(tables)`` writes them in chunks."""
    from carewatch.inbox.models import Author, Case, CaseTag, Mention

    rng = plan.rng
    text = TextMaker(random.Random(plan.rng.random()))
    authors = Table(Author, vendor)
    cases = Table(Case, vendor)
    casetags = Table(CaseTag, vendor)
    mentions = Table(Mention, vendor)
    dt = _dt
    counts = {"authors": 0, "cases": 0, "casetags": 0, "mentions": 0, "open_cases": 0, "outbound": 0}

    # Authors: pools per (client, platform), sized by the channel volume; one brand author per channel.
    channels = staff["channels"]  # [(id, client_id, platform, weight)]
    volume: dict[tuple[int, str], float] = {}
    for _, client_id, platform, weight in channels:
        volume[(client_id, platform)] = volume.get((client_id, platform), 0) + weight
    total_volume = sum(volume.values())
    pools: dict[tuple[int, str], tuple[int, int]] = {}  # -> (first author id, size)
    next_author = 1
    first_names = ["maria", "jo", "sam", "alex", "li", "noor", "kim", "dev", "ana", "tom", "eva", "raj", "lea"]
    for (client_id, platform), v in sorted(volume.items()):
        size = max(20, int(plan.authors_total * v / total_volume))
        pools[(client_id, platform)] = (next_author, size)
        for i in range(size):
            name = rng.choice(first_names)
            handle = f"{name.title() if i % 3 == 0 else name}{client_id}_{i}"
            authors.add(id=next_author, client_id=client_id, platform=platform,
                        external_id=f"{platform[:2]}{next_author}",
                        handle=handle, display_name=f"{name.title()} {i}", first_seen_at=dt(plan.anchor, vendor))
            next_author += 1
    brand_author: dict[int, int] = {}
    for channel_id, client_id, platform, _ in channels:
        brand_author[channel_id] = next_author
        authors.add(id=next_author, client_id=client_id, platform=platform, external_id=f"brand-{channel_id}",
                    handle=f"brand{channel_id}", display_name="Brand", first_seen_at=dt(plan.anchor, vendor))
        next_author += 1
    counts["authors"] = next_author - 1
    flush([authors])

    channel_ids = [c[0] for c in channels]
    channel_weights = [c[3] for c in channels]
    channel_info = {c[0]: (c[1], c[2]) for c in channels}
    agents_for = staff["agents_for"]  # client_id -> [user ids]
    tags_for = staff["tags_for"]  # client_id -> [(tag id, weight)]
    tag_cum = {cid: _cumulative([w for _, w in tags]) for cid, tags in tags_for.items()}
    threads: dict[int, list[str]] = {cid: [] for cid in channel_ids}
    thread_seq = 0
    start = plan.anchor - timedelta(days=365)
    step = 365 * 86400 / plan.cases_estimate
    case_id = 0
    mention_id = 0
    statuses = ["new", "open", "waiting", "escalated", "closed"]
    mixes = [  # by age of last activity: (max age in days, weights of statuses)
        (1, [45, 20, 12, 5, 18]), (3, [15, 20, 20, 5, 40]), (14, [6, 14, 15, 5, 60]),
        (10**6, [0.05, 0.25, 0.2, 0.1, 99.4]),
    ]
    prio_values = list(PRIORITY_WEIGHT)
    prio_weights = list(PRIORITY_WEIGHT.values())
    while mention_id < plan.mentions:
        case_id += 1
        channel_id = rng.choices(channel_ids, channel_weights)[0]
        client_id, platform = channel_info[channel_id]
        first_author, pool_size = pools[(client_id, platform)]
        author_id = first_author + int(pool_size * rng.random() ** 2)
        created = start + timedelta(seconds=case_id * step + rng.random() * step)
        if created > plan.anchor:
            created = plan.anchor - timedelta(seconds=rng.random() * 60)
        recent = threads[channel_id]
        if recent and rng.random() < 0.4:
            thread = rng.choice(recent)
        else:
            thread_seq += 1
            thread = f"{platform}-{channel_id}-p{thread_seq}"
            recent.append(thread)
            if len(recent) > 40:
                recent.pop(0)
        inbound = 1
        while rng.random() < 0.28 and inbound < 30:
            inbound += 1
        inbound = min(inbound, plan.mentions - mention_id)
        outbound = 1 if rng.random() < 0.1 and mention_id + inbound < plan.mentions else 0
        span = timedelta(minutes=rng.expovariate(1 / 180)) if inbound > 1 or outbound else timedelta(0)
        last = min(created + span, plan.anchor)
        age_days = (plan.anchor - last).total_seconds() / 86400
        weights = next(w for limit, w in mixes if age_days < limit)
        status = rng.choices(statuses, weights)[0]
        language = rng.choices(LANGS, LANG_WEIGHT)[0]
        texts = [text() for _ in range(inbound)]
        agents = agents_for[client_id]
        assign_p = {"closed": 0.9, "new": 0.15}.get(status, 0.8)
        assignee = rng.choice(agents) if agents and rng.random() < assign_p else None
        due = created + timedelta(hours=4 if client_id % 2 else 2)
        responded = None
        answered_p = 0.95 if status == "closed" else 0.85 if status in ("open", "waiting", "escalated") else 0.0
        if answered_p and rng.random() < answered_p:  # no draw for new cases (keeps the data set as it was)
            responded = created + timedelta(minutes=5 + rng.expovariate(1 / 120))
        if outbound and responded is None and status != "new":
            responded = last
        closed_at = last + timedelta(minutes=rng.random() * 600) if status == "closed" else None
        cases.add(
            id=case_id, client_id=client_id, channel_id=channel_id, platform=platform, author_id=author_id,
            thread_key=thread, subject=texts[0][:240], language=language, status=status,
            priority=rng.choices(prio_values, prio_weights)[0], assignee_id=assignee, mention_count=inbound,
            created_at=dt(created, vendor), updated_at=dt(closed_at or last, vendor),
            last_activity_at=dt(last, vendor), first_response_due=dt(due, vendor),
            first_responded_at=dt(responded, vendor), closed_at=dt(closed_at, vendor),
            close_reason="resolved" if status == "closed" else "",
        )
        counts["open_cases"] += status != "closed"
        if rng.random() < 0.35:
            picked = {tags_for[client_id][i][0] for i in _pick(rng, tag_cum[client_id], 1 + int(rng.random() ** 3 * 3))}
            for tag_id in picked:
                counts["casetags"] += 1
                casetags.add(id=counts["casetags"], case_id=case_id, tag_id=tag_id)
        first_mention = mention_id + 1
        for n in range(inbound + outbound):
            mention_id += 1
            is_out = n >= inbound
            when = created + (span * n / max(1, inbound + outbound - 1) if n else timedelta(0))
            mentions.add(
                id=mention_id, client_id=client_id, channel_id=channel_id, platform=platform,
                kind="reply" if n else ("comment" if platform != "x" else "mention"),
                direction="out" if is_out else "in", external_id=f"m{mention_id}",
                parent_id=first_mention if n else None, parent_external_id=f"m{first_mention}" if n else "",
                thread_key=thread, author_id=brand_author[channel_id] if is_out else author_id,
                text="Thanks for reaching out, we sent you a direct message." if is_out else texts[n],
                language=language, created_at=dt(when, vendor), received_at=dt(when + timedelta(seconds=2), vendor),
                url=f"https://{platform}.example/{thread}/m{mention_id}", case_id=case_id,
                labels=json.dumps(["complaint"]) if n == 0 and rng.random() < 0.05 else "[]",
            )
            counts["outbound"] += is_out
        if len(mentions.rows) >= 50_000:
            flush([cases, casetags, mentions])
    flush([cases, casetags, mentions])
    counts["cases"] = case_id
    counts["mentions"] = mention_id
    return counts


def _cumulative(weights: list[float]) -> list[float]:
    out: list[float] = []
    running = 0.0
    for w in weights:
        running += w
        out.append(running)
    return out


def _pick(rng: random.Random, cum: list[float], k: int) -> list[int]:
    import bisect

    return [bisect.bisect_left(cum, rng.random() * cum[-1]) for _ in range(k)]


# ------------------------------------------------------------------ loading (child process)
def _make_staff(plan: Plan) -> dict[str, Any]:
    """Clients, channels, users, memberships and tags through the ORM; ids for the generator."""
    from carewatch.inbox.models import Tag
    from carewatch.tenancy.models import Channel, Client, Membership, Role, User

    rng = random.Random(5)
    clients = []
    for n in range(len(CHANNELS_PER_CLIENT)):
        clients.append(Client.objects.create(slug=f"client-{n + 1}", name=f"Client {n + 1} Pharma",
                                             settings={"sla": {"first_response_minutes": 240 if n % 2 else 120}}))
    channels = []
    for client, size in zip(clients, CHANNELS_PER_CLIENT, strict=True):
        used: set[tuple[str, str]] = set()
        for k in range(size):
            platform = PLATFORMS[k] if k < len(PLATFORMS) else rng.choices(PLATFORMS, PLATFORM_WEIGHT)[0]
            handle = f"{client.slug}-{platform}-{k}"
            used.add((platform, handle))
            ch = Channel.objects.create(client=client, platform=platform, handle=handle,
                                        external_id=f"{client.pk}{k:03d}")
            weight = PLATFORM_WEIGHT[PLATFORMS.index(platform)] * size
            channels.append((ch.pk, client.pk, platform, weight))
    admin = User.objects.create(email="admin@bench.test", username="admin@bench.test", name="Ada Admin",
                                is_agency_admin=True, password=UNUSABLE)
    agent = User.objects.create(email="agent@bench.test", username="agent@bench.test", name="Aggie Agent",
                                password=UNUSABLE)
    agents_for: dict[int, list[int]] = {c.pk: [] for c in clients}
    for idx in AGENT_CLIENTS:
        Membership.objects.create(user=agent, client=clients[idx], role=Role.AGENT)
        agents_for[clients[idx].pk].append(agent.pk)
    for i in range(46):
        user = User.objects.create(email=f"staff{i}@bench.test", username=f"staff{i}@bench.test",
                                   name=f"Staff {i:02d}", password=UNUSABLE)
        role = Role.SUPERVISOR if i % 8 == 0 else Role.AGENT
        for client in rng.sample(clients, 1 + i % 3):
            Membership.objects.create(user=user, client=client, role=role)
            if role == Role.AGENT:
                agents_for[client.pk].append(user.pk)
    tags_for: dict[int, list[tuple[int, float]]] = {}
    for client in clients:
        rows = [Tag(client=client, name=name, kind=Tag.Kind.TAG) for name in TAGS]
        rows += [Tag(client=client, name=name, kind=Tag.Kind.LABEL) for name in LABELS]
        Tag.objects.bulk_create(rows)
        made = list(Tag.objects.filter(client=client).order_by("id"))
        tags_for[client.pk] = [(t.pk, 1 / (rank + 1)) for rank, t in enumerate(made)]
    return {"channels": channels, "agents_for": agents_for, "tags_for": tags_for,
            "admin": admin.pk, "agent": agent.pk}


BULK_TABLES = ("inbox_author", "inbox_case", "inbox_casetag", "inbox_mention")
UNUSABLE = "!"  # an unusable password hash: the benchmark logs in with force_login


def _sqlite_drop_indexes(cursor: Any) -> list[str]:
    placeholders = ",".join("?" * len(BULK_TABLES))
    cursor.execute(f"SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') "  # noqa: S608
                   f"AND tbl_name IN ({placeholders}) AND sql IS NOT NULL", BULK_TABLES)
    saved = list(cursor.fetchall())
    for kind, name, _ in saved:
        cursor.execute(f'DROP {kind.upper()} "{name}"')
    return [sql for kind, _, sql in sorted(saved, key=lambda r: r[0] != "index")]


def _pg_drop_indexes(cursor: Any) -> list[str]:
    cursor.execute(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = 'public' AND i.tablename = ANY(%s) "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.indexname))::regclass)",
        [list(BULK_TABLES)],
    )
    saved = list(cursor.fetchall())
    for name, _ in saved:
        cursor.execute(f'DROP INDEX "{name}"')
    return [sql for _, sql in saved]


def _child_load(mentions: int, analyze: bool) -> None:
    django_setup()
    from django.core.management import call_command
    from django.core.management.color import no_style
    from django.db import connection, transaction

    from carewatch.inbox.models import Author, Case, CaseTag, Mention

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    vendor = connection.vendor
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_meta (key varchar(40) PRIMARY KEY, value text)")
        cursor.execute("SELECT value FROM bench_meta WHERE key = 'dataset'")
        row = cursor.fetchone()
    wanted = {"mentions": mentions, "version": DATA_VERSION}
    if row is not None:
        meta = json.loads(row[0])
        if {k: meta.get(k) for k in wanted} == wanted:
            stats = None
            if analyze and not meta.get("analyzed"):
                stats = _analyze(connection)
                meta = {**meta, "analyzed": True}
                _set_meta(connection, meta)
            elif not analyze and meta.get("analyzed") and vendor == "sqlite":
                _drop_sqlite_stats(connection)  # as a database the product never analyzed
                meta = {**meta, "analyzed": False}
                _set_meta(connection, meta)
            print(json.dumps({"cached": True, "migrate_s": round(time.perf_counter() - started, 1), **meta,
                              "analyze_s": stats}))
            return
        raise SystemExit(f"the database holds another data set ({meta}); run with --reload")
    plan = Plan(mentions)
    with transaction.atomic():
        staff = _make_staff(plan)
    connection.ensure_connection()
    raw = connection.connection
    with connection.cursor() as cursor:
        if vendor == "sqlite":
            cursor.execute("PRAGMA synchronous=OFF")
            recreate = _sqlite_drop_indexes(cursor)
        else:
            cursor.execute("SET session_replication_role = replica")  # no FK triggers during the load
            recreate = _pg_drop_indexes(cursor)
    written = {"rows": 0}

    def flush(tables: list[Table]) -> None:
        with transaction.atomic():
            for table in tables:
                if not table.rows:
                    continue
                cols = ", ".join(f'"{c}"' for c in table.columns)
                name = table.model._meta.db_table
                if vendor == "sqlite":
                    marks = ", ".join("?" * len(table.columns))
                    raw.executemany(f'INSERT INTO "{name}" ({cols}) VALUES ({marks})', table.rows)  # noqa: S608
                else:
                    with raw.cursor() as cur, cur.copy(f'COPY "{name}" ({cols}) FROM STDIN') as copy:
                        for r in table.rows:
                            copy.write_row(r)
                written["rows"] += len(table.rows)
                table.rows.clear()

    counts = generate(plan, vendor, staff, flush)
    generated_s = time.perf_counter() - started
    with connection.cursor() as cursor:
        if vendor == "postgresql":
            cursor.execute("SET maintenance_work_mem = '512MB'")
        for sql in recreate:
            cursor.execute(sql)
        if vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'inbox_mention_fts'")
            if cursor.fetchone()[0]:
                cursor.execute("INSERT INTO inbox_mention_fts(inbox_mention_fts) VALUES ('rebuild')")
        else:
            cursor.execute("SET session_replication_role = DEFAULT")
            for sql in connection.ops.sequence_reset_sql(no_style(), [Author, Case, CaseTag, Mention]):
                cursor.execute(sql)
    indexed_s = time.perf_counter() - started - generated_s
    stats = _analyze(connection) if analyze else None
    meta = {**wanted, **counts, "anchor": plan.anchor.isoformat(), "analyzed": analyze,
            "admin": staff["admin"], "agent": staff["agent"]}
    _set_meta(connection, meta)
    if vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    print(json.dumps({"cached": False, **meta, "load_s": round(generated_s, 1), "index_s": round(indexed_s, 1),
                      "analyze_s": stats, "rows": written["rows"]}))


def _set_meta(connection: Any, meta: dict[str, Any]) -> None:
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM bench_meta WHERE key = 'dataset'")
        cursor.execute("INSERT INTO bench_meta (key, value) VALUES ('dataset', %s)", [json.dumps(meta)])


def _drop_sqlite_stats(connection: Any) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name LIKE 'sqlite_stat%'")
        for (name,) in cursor.fetchall():
            cursor.execute(f"DELETE FROM {name}")  # noqa: S608 - SQLite's own table names


def _analyze(connection: Any) -> float:
    started = time.perf_counter()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("ANALYZE")
        else:
            old = connection.get_autocommit()
            connection.set_autocommit(True)
            cursor.execute("VACUUM (ANALYZE)")
            connection.set_autocommit(old)
    return round(time.perf_counter() - started, 1)


# ------------------------------------------------------------------ measuring (child process)
def _filters(meta: dict[str, Any], user: Any) -> list[tuple[str, dict[str, str]]]:
    from django.db.models import Count

    from carewatch.inbox.models import Case, Tag
    from carewatch.inbox.queries import QueueFilters, queue
    from carewatch.tenancy.access import visible_client_ids

    visible = visible_client_ids(user)
    open_statuses = ["new", "open", "waiting", "escalated"]
    client_slug = Case.objects.filter(client_id__in=visible).values_list("client__slug", flat=True).first() or ""
    busy = (Case.objects.filter(client_id__in=visible, status__in=open_statuses, assignee__isnull=False)
            .values("assignee_id").annotate(n=Count("id")).order_by("-n").first())
    tags = list(Tag.objects.filter(client_id__in=visible, kind="tag").values("name").annotate(n=Count("casetag"))
                .order_by("-n", "name").values_list("name", flat=True))
    tag_name, rare_tag = (tags[0], tags[-1]) if tags else ("question", "vip")
    handle_case = (Case.objects.filter(client_id__in=visible, status__in=open_statuses).select_related("author")
                   .order_by("-last_activity_at")[7:8].first())
    handle = handle_case.author.handle if handle_case else "nobody"
    cursor_open = queue(user, QueueFilters()).next_cursor
    cursor_closed = queue(user, QueueFilters(status="closed")).next_cursor
    return [
        ("default", {}),
        ("refresh (htmx rows)", {"partial": "rows"}),
        ("client", {"client": client_slug}),
        ("platform", {"platform": "instagram"}),
        ("status=new", {"status": "new"}),
        ("status=closed", {"status": "closed"}),
        ("status=all", {"status": "all"}),
        ("priority=urgent", {"priority": "4"}),
        ("tag", {"tag": tag_name}),
        ("tag (rare)", {"tag": rare_tag}),
        ("lang=es", {"lang": "es"}),
        ("assignee", {"assignee": str(busy["assignee_id"]) if busy else "none"}),
        ("assignee=none", {"assignee": "none"}),
        ("mine", {"mine": "1"}),
        ("due=soon", {"due": "soon"}),
        ("q=word", {"q": SEARCH_WORD}),
        ("q=common word", {"q": COMMON_WORD}),
        ("q=rare word", {"q": RARE_WORD}),
        ("q=word, status=all", {"q": SEARCH_WORD, "status": "all"}),
        ("q=@handle", {"q": "@" + handle.upper()}),
        ("sort=due", {"sort": "due"}),
        ("page 2", {"after": cursor_open}),
        ("page 2, closed", {"status": "closed", "after": cursor_closed}),
    ]


def _child_measure(requests: int, warmup: int, explain: bool, timeout: float, only: str = "") -> None:
    django_setup()
    from urllib.parse import urlencode

    from django.db import connection
    from django.test import Client as TestClient
    from django.test.utils import CaptureQueriesContext

    from carewatch.tenancy.models import User

    deadline = Deadline(timeout)
    with connection.cursor() as cursor:
        cursor.execute("SELECT value FROM bench_meta WHERE key = 'dataset'")
        meta = json.loads(cursor.fetchone()[0])
    results: dict[str, Any] = {}
    for who in ("admin", "agent"):
        user = User.objects.get(pk=meta[who])
        browser = TestClient()
        browser.force_login(user)
        per_filter: dict[str, Any] = {}
        wanted = [w.strip() for w in only.split(";") if w.strip()]
        for name, params in _filters(meta, user):
            if deadline.passed():
                break
            if wanted and name not in wanted:
                continue
            query = dict(params)
            headers: dict[str, str] = {}
            if query.get("partial") == "rows":
                headers = {"HX-Request": "true", "HX-Current-URL": "http://testserver/inbox/"}
            url = "/inbox/" + ("?" + urlencode(query) if query else "")
            for _ in range(warmup):
                response = browser.get(url, headers=headers)
                assert response.status_code == 200, (url, response.status_code)
            times: list[float] = []
            cpu0, db0 = time.process_time(), _db_cpu_s(connection)
            for _ in range(requests):
                t0 = time.perf_counter()
                response = browser.get(url, headers=headers)
                times.append((time.perf_counter() - t0) * 1000)
            cpu1, db1 = time.process_time(), _db_cpu_s(connection)
            db_cpu = (db1 - db0) * 1000 / requests if db0 is not None and db1 is not None else None
            rows = response.content.count(b'class="case-row')
            with CaptureQueriesContext(connection) as captured:
                browser.get(url, headers=headers)
            slowest = max(captured.captured_queries, key=lambda q: float(q["time"]), default=None)
            entry = {
                "p50": round(percentile(times, 50), 1), "p95": round(percentile(times, 95), 1),
                "max": round(max(times), 1), "rows": rows, "queries": len(captured.captured_queries),
                "slowest_sql_ms": round(float(slowest["time"]) * 1000, 1) if slowest else None,
                # CPU per request, robust on a shared machine: this process, and the database
                # server's backend when it runs here (None when unknown: SQLite is in-process).
                "cpu_ms": round((cpu1 - cpu0) * 1000 / requests, 1),
                "db_cpu_ms": round(db_cpu, 1) if db_cpu is not None else None,
            }
            per_filter[name] = entry
            flag = "" if entry["p95"] < TARGET_MS else "  <-- over target"
            print(f"  {who:5s} {name:22s} p50 {entry['p50']:7.1f}  p95 {entry['p95']:7.1f}  max {entry['max']:7.1f} ms"
                  f"  rows {rows:3d}  queries {entry['queries']:2d}  cpu {entry['cpu_ms']:6.1f}"
                  + (f" + db {entry['db_cpu_ms']:6.1f}" if entry["db_cpu_ms"] is not None else "")
                  + f" ms{flag}", file=sys.stderr, flush=True)
            if explain and slowest is not None and (entry["p95"] >= TARGET_MS or explain):
                _explain(connection, slowest["sql"], name)
        results[who] = per_filter
    print(json.dumps({"meta": meta, "results": results, "timed_out": deadline.passed()}))


def _db_cpu_s(connection: Any) -> float | None:
    """CPU seconds used so far by this connection's PostgreSQL backend, if it runs on this machine
    (read from /proc; clock-tick resolution, so only sums over many requests mean anything)."""
    if connection.vendor != "postgresql":
        return None
    connection.ensure_connection()
    try:
        fields = Path(f"/proc/{connection.connection.info.backend_pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _explain(connection: Any, sql: str, name: str) -> None:
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN (ANALYZE, BUFFERS) "
    try:
        with connection.cursor() as cursor:
            cursor.execute(prefix + sql)
            plan = "\n".join("      " + " ".join(str(c) for c in row) for row in cursor.fetchall())
    except Exception as exc:
        plan = f"      (no plan: {exc})"
    print(f"    plan for {name}: {sql[:300]}\n{plan}", file=sys.stderr)


# ------------------------------------------------------------------ orchestration
def _run_child(env: dict[str, str], args: list[str], timeout: float) -> dict[str, Any]:
    proc = subprocess.run([sys.executable, __file__, *args], env=env, cwd=ROOT, stdout=subprocess.PIPE,
                          stderr=None, text=True, timeout=timeout)
    if proc.returncode != 0:
        raise SystemExit(f"child {args[0]} failed with exit code {proc.returncode}")
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def _pg_database(reload: bool, mentions: int, name: str) -> None:
    """Create the bench database ``name`` if missing; drop it first when asked to or when it holds
    another data set (or an unfinished load)."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    if exists and not reload:
        with psycopg.connect((PG_SERVER + name).replace("postgres://", "postgresql://"), autocommit=True) as conn:
            try:
                row = conn.execute("SELECT value FROM bench_meta WHERE key = 'dataset'").fetchone()
            except psycopg.Error:
                row = None
        meta = json.loads(row[0]) if row else {}
        reload = meta.get("mentions") != mentions or meta.get("version") != DATA_VERSION
        if reload:
            print(f"  {name} holds another data set ({meta.get('mentions')} mentions); loading again")
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        if exists and reload:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
            exists = None
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _sqlite_files(path: Path) -> list[Path]:
    return [path, *(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", ".writer-lock"))]


def run_engine(engine: str, args: argparse.Namespace) -> dict[str, Any]:
    print(f"=== {engine}: {args.mentions:,} mentions")
    deadline = Deadline(args.timeout)
    with tempfile.TemporaryDirectory(prefix="carewatch-bench-inbox-") as tmp:
        data = Path(tmp)
        if engine == "sqlite":
            OUT.mkdir(parents=True, exist_ok=True)
            final = OUT / f"inbox-{args.mentions}-v{DATA_VERSION}.sqlite3"
            if args.reload:
                for f in _sqlite_files(final):
                    f.unlink(missing_ok=True)
            target = final if final.exists() else final.with_name(final.name + ".partial")
            if target != final:
                for f in _sqlite_files(target):
                    f.unlink(missing_ok=True)
            url = f"sqlite:///{target}"
        else:
            _pg_database(args.reload, args.mentions, args.pg_db)
            url = PG_SERVER + args.pg_db
        env = env_for(data, database_url=url)
        load = _run_child(env, ["_load", str(args.mentions), "1" if args.analyze else "0"],
                          timeout=max(60, deadline.left()))
        if engine == "sqlite" and target != final:
            for f in _sqlite_files(target)[1:]:
                f.unlink(missing_ok=True)
            target.rename(final)
            env = env_for(data, database_url=f"sqlite:///{final}")
        if load.get("cached"):
            print(f"  cached data set ({load['mentions']:,} mentions, {load['cases']:,} cases, "
                  f"{load['open_cases']:,} open); migrate {load['migrate_s']} s"
                  + (f", ANALYZE {load['analyze_s']} s" if load.get("analyze_s") else ""))
        else:
            print(f"  loaded {load['mentions']:,} mentions, {load['cases']:,} cases ({load['open_cases']:,} open), "
                  f"{load['authors']:,} authors, {load['casetags']:,} case tags in {load['load_s']} s; "
                  f"indexes {load['index_s']} s; ANALYZE {load['analyze_s']} s")
        with BackgroundLoad() as background:
            measure = _run_child(env, ["_measure", str(args.requests), str(args.warmup), "1" if args.explain else "0",
                                       str(max(30, deadline.left())), args.only],
                                 timeout=max(60, deadline.left() + 60))
        if background.cores >= 0.2:
            print(f"  note: other processes kept {background.cores} cores busy meanwhile: {background.top}")
        size = final.stat().st_size if engine == "sqlite" else 0
    worst = max((f["p95"] for per in measure["results"].values() for f in per.values()), default=math.nan)
    return {"engine": engine, "load": load, "db_bytes": size, "results": measure["results"],
            "background_cpu_cores": background.cores, "background_top": background.top,
            "worst_p95_ms": worst, "all_under_target": worst < TARGET_MS, "timed_out": measure["timed_out"]}


def _table(run: dict[str, Any]) -> None:
    results = run["results"]
    names = list(results.get("admin", {}))
    print(f"\n{run['engine']}: server time per GET /inbox/ (ms), {run['load']['mentions']:,} mentions")
    print(f"  {'filter':22s} | {'admin p50':>9s} {'p95':>7s} {'max':>7s} {'rows':>4s} {'cpu':>6s} | "
          f"{'agent p50':>9s} {'p95':>7s} {'max':>7s} {'rows':>4s} {'cpu':>6s}")
    for name in names:
        cells = []
        for who in ("admin", "agent"):
            f = results.get(who, {}).get(name)
            if not f:
                cells.append(" " * 38)
                continue
            cpu = f.get("cpu_ms", 0) + (f.get("db_cpu_ms") or 0)
            cells.append(f"{f['p50']:9.1f} {f['p95']:7.1f} {f['max']:7.1f} {f['rows']:4d} {cpu:6.1f}")
        over = any(results.get(w, {}).get(name, {}).get("p95", 0) >= TARGET_MS for w in ("admin", "agent"))
        print(f"  {name:22s} | {cells[0]} | {cells[1]}{'  <-- over' if over else ''}")
    print("  (cpu: CPU ms per request, this process plus the PostgreSQL backend)")
    print(f"  worst p95: {run['worst_p95_ms']} ms -> {'OK' if run['all_under_target'] else 'OVER TARGET'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="sqlite")
    parser.add_argument("--mentions", type=int, default=1_200_000)
    parser.add_argument("--requests", type=int, default=30, help="timed requests per filter and user")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--no-analyze", dest="analyze", action="store_false",
                        help="measure without planner statistics: SQLite's are dropped (the product never runs "
                             "ANALYZE); PostgreSQL's autovacuum gathers its own anyway")
    parser.add_argument("--reload", action="store_true", help="drop the cached data set and load it again")
    parser.add_argument("--explain", action="store_true", help="print the plan of each filter's slowest query")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds allowed per engine")
    parser.add_argument("--only", default="", help="measure only these filters (names as printed, separated by ;)")
    parser.add_argument("--pg-db", default=PG_DEFAULT_DB,
                        help="name of the PostgreSQL bench database (created, or dropped and loaded again, here)")
    args = parser.parse_args()
    engines = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    load_before = os.getloadavg()
    runs = [run_engine(engine, args) for engine in engines]
    for run in runs:
        _table(run)
    summary = {
        "benchmark": "inbox", "mentions": args.mentions, "requests": args.requests, "analyze": args.analyze,
        "target_p95_ms": TARGET_MS, "loadavg_before": [round(x, 2) for x in load_before],
        "loadavg_after": [round(x, 2) for x in os.getloadavg()], "cpus": os.cpu_count(),
        "runs": runs, "all_under_target": all(r["all_under_target"] for r in runs),
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_load":
        _child_load(int(sys.argv[2]), sys.argv[3] == "1")
    elif len(sys.argv) > 1 and sys.argv[1] == "_measure":
        _child_measure(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "1", float(sys.argv[5]),
                       sys.argv[6] if len(sys.argv) > 6 else "")
    else:
        main()
