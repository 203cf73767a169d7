"""Bulk import through the whole pipeline, on the embedded default (SQLite + SqliteHuey) or on
PostgreSQL + Redis (``--database-url`` and ``--redis-url``: an empty database of your own, and a
Redis database of your own that this script empties first).

A realistic JSONL file (default 100,000 mentions: six channels on five platforms, ~20,000
authors, threads of several comments, texts of 50-400 characters, sorted by time as exports
are) is imported with ``import_file`` (what ``carewatch import`` runs) in one process while
``carewatch worker`` processes (the default: one, with two threads) run the pipeline. The clock
runs from the start of the import until every InboundEvent is processed and every Mention row
exists. Peak RSS is sampled for the importing process and for each worker (its screening processes, when it
has any, on their own line: ``workerN.screening``).

    .venv/bin/python bench/import.py [--mentions 100000] [--workers 1] [--threads 2]
                                     [--mode worker|immediate|both] [--timeout 900]
                                     [--database-url postgres://... --redis-url redis://.../N]

Before the run, the same rows are inserted with plain SQL (one ``executemany`` of 500 rows per
transaction, into a table shaped like the mentions, dropped after; no ORM, no pipeline): that
rate is printed beside the end-to-end one as the ceiling the database itself sets.

``--mode immediate`` runs the pipeline inside the importing process instead
(CAREWATCH_TASKS_IMMEDIATE=1, no worker). Prints readable lines and, last, one JSON line with
every number. Targets: >= 2,000 mentions/s end to end, peak RSS < 400 MB per process.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psutil
from _common import ROOT, BackgroundLoad, Deadline, RssSampler, django_setup, env_for, mib, stop_process

SLUG = "bench-import"
# (platform, handle): two Facebook pages, one account on each other platform.
CHANNELS = [
    ("facebook", "BenchRx"), ("facebook", "BenchRxCares"), ("instagram", "bench.rx"),
    ("x", "bench_rx"), ("tiktok", "benchrx"), ("youtube", "BenchRxTV"),
]
PLATFORM_WEIGHT = {"facebook": 35, "instagram": 25, "x": 20, "tiktok": 12, "youtube": 8}
ROOT_KIND = {"facebook": "comment", "instagram": "comment", "x": "mention", "tiktok": "comment", "youtube": "comment"}

_WORD_TEXT = (
    "the a to and of my i it is for this on was with you have not but be just your so can what are they "
    "do me if at will after did we about when how why dose pen refill pharmacy insurance copay coupon "
    "doctor prescription side effects nausea headache tired dizzy appetite weight shipping delivery order "
    "late missing refund price cost expensive covered denied appeal thanks thank love great amazing "
    "helped working better worse stopped started week month days again still anyone else experience "
    "question help please support call phone hold website app login account error broken cold storage "
    "fridge travel needle injection shortage stock available pharmacist nurse clinic trial study results "
    "label warning recall batch lot expired packaging leaking bruise rash itchy swelling sleep stomach"
)
WORDS = _WORD_TEXT.split()
ENDINGS = ["", "", "", "?", "!", " :(", " 🙏", " — any advice?", " #help", " ¿alguien más?"]
LANGS = ["en"] * 14 + ["es", "es", "de", "fr", ""]


def _text(rng: random.Random) -> str:
    target = int(min(400, max(50, rng.lognormvariate(4.8, 0.55))))
    words: list[str] = []
    size = 0
    while size < target:
        word = rng.choice(WORDS)
        words.append(word)
        size += len(word) + 1
    text = " ".join(words)[: target - 2].rstrip()
    return text[0].upper() + text[1:] + rng.choice(ENDINGS)


def generate(path: Path, total: int, n_authors: int, seed: int = 7) -> dict[str, int]:
    """Write ``total`` records; returns what was generated (threads, authors, per platform)."""
    rng = random.Random(seed)
    by_platform: dict[str, list[str]] = {}
    for platform, handle in CHANNELS:
        by_platform.setdefault(platform, []).append(handle)
    platforms = list(PLATFORM_WEIGHT)
    weights = [PLATFORM_WEIGHT[p] for p in platforms]
    # Authors belong to one platform; each appears at least once, a few appear very often.
    authors: dict[str, list[tuple[str, str, str]]] = {p: [] for p in platforms}
    for i in range(n_authors):
        platform = rng.choices(platforms, weights)[0]
        handle = f"{rng.choice(['jo', 'sam', 'alex', 'maria', 'li', 'noor', 'kim', 'dev'])}_{i}"
        authors[platform].append((f"{platform[:2]}{100000 + i}", handle, handle.replace("_", " ").title()))
    unused = {p: list(range(len(a))) for p, a in authors.items()}
    for indices in unused.values():
        rng.shuffle(indices)

    def pick_author(platform: str) -> tuple[str, str, str]:
        pool = authors[platform]
        if unused[platform] and rng.random() < 0.2 + 0.8 * (n_authors / total):
            return pool[unused[platform].pop()]
        return pool[min(len(pool) - 1, int(rng.paretovariate(0.9)) - 1)] if rng.random() < 0.3 else rng.choice(pool)

    start = datetime(2026, 1, 1, tzinfo=UTC)
    span = 90 * 86400
    records: list[tuple[datetime, dict[str, Any]]] = []
    threads = 0
    while len(records) < total:
        threads += 1
        platform = rng.choices(platforms, weights)[0]
        channel = rng.choice(by_platform[platform])
        t0 = start + timedelta(seconds=rng.randrange(span))
        size = 1 if rng.random() < 0.25 else min(60, 2 + int(rng.expovariate(1 / 6)))
        size = min(size, total - len(records))
        on_brand_post = platform != "x" and rng.random() < 0.7  # comments under the page's own post
        root_id = f"{platform}-t{threads}"
        thread_authors = [pick_author(platform)]
        ids: list[str] = []
        when = t0
        for j in range(size):
            if j == 0 or rng.random() < 0.45:
                author = thread_authors[0] if j == 0 or rng.random() < 0.6 else rng.choice(thread_authors)
            else:
                author = pick_author(platform)
                thread_authors.append(author)
            ext = f"{root_id}-{j}"
            if on_brand_post:
                parent = root_id if j == 0 or rng.random() < 0.5 else rng.choice(ids)
                kind = "comment" if parent == root_id else "reply"
                thread = root_id
            else:
                parent = "" if j == 0 else rng.choice(ids)
                kind = ROOT_KIND[platform] if j == 0 else "reply"
                thread = ids[0] if ids else ext
            record: dict[str, Any] = {
                "platform": platform, "channel": channel, "external_id": ext, "kind": kind,
                "text": _text(rng), "author": {"id": author[0], "handle": author[1], "name": author[2]},
                "created_at": when.isoformat().replace("+00:00", "Z"),
                "url": f"https://{platform}.example/{channel}/{ext}", "lang": rng.choice(LANGS),
            }
            if parent:
                record["parent_id"] = parent
            if thread != ext:
                record["thread_id"] = thread
            records.append((when, record))
            ids.append(ext)
            when += timedelta(seconds=int(rng.expovariate(1 / 1800)) + 5)
    records.sort(key=lambda r: r[0])
    with path.open("w", encoding="utf-8") as fh:
        for _, record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    distinct = {r["author"]["id"] for _, r in records}
    return {"records": len(records), "threads": threads, "authors": len(distinct), "bytes": path.stat().st_size}


# ------------------------------------------------------------------ children (Django processes)
def _child_setup() -> None:
    django_setup()
    from django.core.management import call_command

    from carewatch.tenancy.models import Channel, Client

    call_command("migrate", interactive=False, verbosity=0)
    client = Client.objects.create(slug=SLUG, name="Bench Import Pharma", timezone="UTC", languages=["en", "es"])
    for n, (platform, handle) in enumerate(CHANNELS):
        Channel.objects.create(client=client, platform=platform, handle=handle, external_id=f"80000{n}")
    print(json.dumps({"client": client.pk}))


def _child_raw(path: Path) -> None:
    """The raw insert ceiling: the file's rows into a temporary table with plain SQL."""
    django_setup()
    from django.db import connection, transaction

    rows = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            r = json.loads(line)
            meta = {k: r[k] for k in ("url", "lang", "kind", "thread_id", "parent_id") if k in r}
            rows.append((n + 1, r["channel"], r["external_id"], r["author"]["id"], r["author"]["handle"],
                         r["text"], r["created_at"], json.dumps(meta)))
    with connection.cursor() as cursor:  # a table of the database itself (a temporary one skips its journal)
        cursor.execute("CREATE TABLE bench_raw (id integer PRIMARY KEY, channel varchar(200), "
                       "external_id varchar(200), author_id varchar(200), handle varchar(200), body text, "
                       "created_at varchar(40), meta text)")
    started = time.perf_counter()
    for start in range(0, len(rows), 500):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany("INSERT INTO bench_raw VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                               rows[start:start + 500])
    seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_raw")
    print(json.dumps({"rows": len(rows), "raw_s": round(seconds, 3),
                      "raw_per_s": round(len(rows) / seconds, 1) if seconds else None}))


def _child_import(path: Path) -> None:
    django_setup()
    from carewatch.sources.importer.run import import_file
    from carewatch.tenancy.models import Client

    client = Client.objects.get(slug=SLUG)
    started = time.perf_counter()
    report = import_file(path, client)
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    peak = usage.ru_maxrss * 1024
    print(json.dumps({**report.as_dict(), "import_s": round(seconds, 2), "ru_maxrss": peak,
                      "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
                      "errors_sample": [f"{e.line}: {e.reason}" for e in report.errors[:5]]}))


def _child_check() -> None:
    django_setup()
    from django.db.models import Count

    from carewatch.inbox.models import Author, Case, Mention
    from carewatch.sources.models import InboundEvent

    states = dict(InboundEvent.objects.values_list("state").annotate(n=Count("id")).values_list("state", "n"))
    duplicated = Mention.objects.values("channel_id", "external_id").annotate(n=Count("id")).filter(n__gt=1).count()
    print(json.dumps({
        "mentions": Mention.objects.count(), "mentions_without_case": Mention.objects.filter(case__isnull=True).count(),
        "mentions_with_parent": Mention.objects.filter(parent__isnull=False).count(),
        "cases": Case.objects.count(), "authors": Author.objects.count(), "events": states,
        "duplicated_mentions": duplicated,
        "case_mention_sum": sum(Case.objects.values_list("mention_count", flat=True)),
    }))


# ------------------------------------------------------------------ orchestration
def _child(env: dict[str, str], *args: str, timeout: float = 600) -> dict[str, Any]:
    result = subprocess.run([sys.executable, __file__, *args], env=env, cwd=ROOT, capture_output=True,
                            text=True, timeout=timeout)
    if result.returncode != 0:
        raise SystemExit(f"child {args[0]} failed:\n{result.stderr[-3000:]}")
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


_PROGRESS = ("SELECT count(*) FROM sources_inboundevent",
             "SELECT count(*) FROM sources_inboundevent WHERE state='received'",
             "SELECT count(*) FROM inbox_mention",
             "SELECT count(*) FROM inbox_mention WHERE triaged_at IS NULL AND direction = 'in' AND text != ''")


def _progress(db: Path, screening: bool, database_url: str = "") -> tuple[int, int, int, int]:
    """(events stored, events still received, mentions, inbound mentions not yet screened by
    triage), read straight from the database (the SQLite file, or PostgreSQL)."""
    queries = _PROGRESS if screening else _PROGRESS[:3]
    if database_url:
        import psycopg

        try:
            with psycopg.connect(database_url, autocommit=True) as pg:
                counts = [int(pg.execute(q).fetchone()[0]) for q in queries]  # type: ignore[index]
        except psycopg.Error:
            return 0, 0, 0, 0
    else:
        try:
            with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
                counts = [int(conn.execute(q).fetchone()[0]) for q in queries]
        except sqlite3.Error:
            return 0, 0, 0, 0
    events, waiting, mentions = counts[:3]
    return events, waiting, mentions, counts[3] if screening else -1


def _wait_for_workers(db: Path, database_url: str, workers: int, timeout: float) -> float:
    """Seconds until ``workers`` heartbeat rows exist (each worker writes its own before taking work)."""
    started = time.perf_counter()
    query = "SELECT count(*) FROM ops_workerheartbeat"
    while time.perf_counter() - started < timeout:
        try:
            if database_url:
                import psycopg

                with psycopg.connect(database_url, autocommit=True) as pg:
                    count = int(pg.execute(query).fetchone()[0])  # type: ignore[index]
            else:
                with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
                    count = int(conn.execute(query).fetchone()[0])
        except Exception:  # not there yet
            count = 0
        if count >= workers:
            return time.perf_counter() - started
        time.sleep(0.2)
    raise SystemExit(f"the workers did not start within {timeout:.0f} s")


def run_mode(mode: str, data_file: Path, total: int, args: argparse.Namespace) -> dict[str, Any]:
    how = f"{args.workers} worker process(es) x {args.threads} threads" if mode == "worker" else "pipeline in-process"
    print(f"--- mode {mode}: {how}" + ("; clock stops when mentions are written" if args.no_triage else ""))
    background = BackgroundLoad()
    with tempfile.TemporaryDirectory(prefix="carewatch-bench-import-") as tmp:
        data = Path(tmp)
        extra = {"REDIS_URL": args.redis_url} if args.redis_url else {}
        env = env_for(data, args.database_url, immediate=mode == "immediate", **extra)
        if args.redis_url:
            import redis

            redis.Redis.from_url(args.redis_url).flushdb()  # the task queue of an earlier run
        _child(env, "_setup")
        raw = _child(env, "_raw", str(data_file))
        print(f"  raw insert ceiling: {raw['rows']} rows in {raw['raw_s']} s = {raw['raw_per_s']:,.0f} rows/s "
              "(plain SQL, 500 rows per transaction)")
        db = data / "carewatch.sqlite3"
        sampler = RssSampler(interval=0.1).start()
        workers: list[subprocess.Popen[bytes]] = []
        worker_cpu: dict[str, float] = {}
        deadline = Deadline(args.timeout)
        try:
            if mode == "worker":
                for n in range(args.workers):
                    proc = subprocess.Popen(
                        [sys.executable, "-m", "carewatch.cli", "worker", "--threads", str(args.threads)],
                        env=env, cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL,
                        stderr=(data / f"worker{n}.log").open("wb"))
                    workers.append(proc)
                    sampler.watch(f"worker{n}", proc.pid, children_apart=".screening")
                # The clock starts once every worker is taking work (its heartbeat row is written
                # after the triage engine's warm-up), as in a deployment whose workers are running:
                # a worker's start-up (~5-15 s of CPU, more under load) is not the pipeline's rate.
                ready_s = _wait_for_workers(db, args.database_url, args.workers, timeout=180)
                print(f"  {args.workers} worker(s) taking work after {ready_s:.1f} s")
                time.sleep(0.5)
            background.__enter__()
            started = time.perf_counter()
            importer = subprocess.Popen([sys.executable, __file__, "_import", str(data_file)], env=env, cwd=ROOT,
                                        start_new_session=True, stdout=subprocess.PIPE,
                                        stderr=(data / "import.log").open("wb"), text=True)
            sampler.watch("importer", importer.pid)
            last_print = 0.0
            import_done_s = None
            elapsed = None
            report: dict[str, Any] = {}
            while not deadline.passed():
                if import_done_s is None and importer.poll() is not None:
                    import_done_s = time.perf_counter() - started
                    out = importer.stdout.read() if importer.stdout else ""
                    if importer.returncode != 0:
                        raise SystemExit(f"import failed: {(data / 'import.log').read_text()[-3000:]}")
                    report = json.loads(out.strip().splitlines()[-1])
                events, waiting, mentions, unscreened = _progress(db, elapsed is not None, args.database_url)
                now = time.perf_counter() - started
                if elapsed is None and import_done_s is not None and waiting == 0 and mentions >= total:
                    elapsed = now  # every event processed, every mention stored
                if elapsed is not None and (args.no_triage or unscreened == 0):
                    break
                if now - last_print >= 5:
                    last_print = now
                    print(f"  {now:6.1f}s: {events} events stored, {waiting} waiting, {mentions} mentions"
                          + ("" if args.no_triage or unscreened < 0 else f", {unscreened} not yet screened"))
                time.sleep(0.2)  # the counts read the whole table: poll gently, the machine has 2 cores
            finished = time.perf_counter() - started
            elapsed = elapsed if elapsed is not None else finished
            background.__exit__()
            timed_out = deadline.passed()
            if importer.poll() is None:
                stop_process(importer, signal.SIGTERM, timeout=10)
        finally:
            for n, proc in enumerate(workers):  # CPU time (user + system) the worker used, until now
                try:
                    worker = psutil.Process(proc.pid)
                    times = worker.cpu_times()
                    worker_cpu[f"worker{n}"] = round(times.user + times.system + times.children_user
                                                     + times.children_system, 2)
                    # Its screening processes (CAREWATCH_SCREENING_PROCESSES), still running: their own line.
                    kids = [kid.cpu_times() for kid in worker.children(recursive=True)]
                    if kids:
                        worker_cpu[f"worker{n}.screening"] = round(sum(t.user + t.system for t in kids), 2)
                except psutil.Error:
                    pass
            for proc in workers:
                stop_process(proc, signal.SIGINT, timeout=30)
            peaks = sampler.stop()
            private = dict(sampler.peak_private)
            anon = dict(sampler.peak_anon)
        check = _child(env, "_check")
    import_peak = max(peaks.get("importer", 0), int(report.get("ru_maxrss", 0)))
    worker_peaks = {k: v for k, v in peaks.items() if k.startswith("worker")}
    rate = total / elapsed if elapsed else 0.0
    cpu = {"importer": float(report.get("cpu_s", 0.0)), **worker_cpu}
    cpu_total = sum(cpu.values())
    events = check["events"]
    ok = (check["mentions"] == total and not events.get("received") and not events.get("failed")
          and check["duplicated_mentions"] == 0 and not timed_out)
    print(f"  import alone: {report.get('import_s')} s ({report.get('imported')} imported, "
          f"{report.get('rejected')} rejected); import process done at {import_done_s and round(import_done_s, 1)} s")
    print(f"  end to end: {total} mentions in {elapsed:.1f} s = {rate:,.0f} mentions/s")
    if not args.no_triage:
        print(f"  triage (its own task after the pipeline): all screened at {finished:.1f} s "
              f"= {total / finished:,.0f} mentions/s")
    print(f"  peak RSS: importer {mib(import_peak)} MiB"
          + "".join(f", {k} {mib(v)} MiB" for k, v in sorted(worker_peaks.items()))
          + "  (unique to the process (USS, with the database file's pages only it maps): "
          + ", ".join(f"{k} {mib(v)} MiB" for k, v in sorted(private.items()))
          + "; anonymous, its own allocations without any mapped file: "
          + ", ".join(f"{k} {mib(v)} MiB" for k, v in sorted(anon.items())) + ")")
    print("  CPU time: " + ", ".join(f"{k} {v:.1f} s" for k, v in cpu.items())
          + f" = {cpu_total / total * 1000:.2f} ms per mention ({total / cpu_total if cpu_total else 0:,.0f} "
          "mentions per CPU-second; less sensitive to other load than the wall clock)")
    if background.cores >= 0.2:
        print(f"  note: other processes kept {background.cores} cores busy meanwhile: {background.top}")
    print(f"  check: {check['mentions']} mentions, {check['cases']} cases, {check['authors']} authors, "
          f"events {events}, duplicated {check['duplicated_mentions']} -> {'OK' if ok else 'WRONG'}")
    return {
        "mode": mode, "workers": args.workers if mode == "worker" else 0, "threads": args.threads,
        "elapsed_s": round(elapsed, 2), "mentions_per_s": round(rate, 1),
        "screened_s": None if args.no_triage else round(finished, 2),
        "screened_per_s": None if args.no_triage else round(total / finished, 1),
        "import_only_s": report.get("import_s"), "import_process_done_s": import_done_s and round(import_done_s, 2),
        "peak_rss_mib": {"importer": mib(import_peak), **{k: mib(v) for k, v in worker_peaks.items()}},
        "peak_private_mib": {k: mib(v) for k, v in private.items()},
        "peak_anon_mib": {k: mib(v) for k, v in anon.items()}, "triage": not args.no_triage,
        "cpu_s": cpu, "cpu_ms_per_mention": round(cpu_total / total * 1000, 3) if total else None,
        "mentions_per_cpu_s": round(total / cpu_total, 1) if cpu_total else None,
        "background_cpu_cores": background.cores, "background_top": background.top,
        "report": {k: v for k, v in report.items() if k not in ("ru_maxrss", "cpu_s")}, "check": check,
        "correct": ok, "timed_out": timed_out, "raw_insert_per_s": raw["raw_per_s"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mentions", type=int, default=100_000)
    parser.add_argument("--authors", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=1, help="worker processes (mode worker)")
    parser.add_argument("--threads", type=int, default=2, help="threads per worker (the CLI default is 2)")
    parser.add_argument("--mode", choices=["worker", "immediate", "both"], default="worker")
    parser.add_argument("--timeout", type=float, default=900, help="seconds allowed per mode")
    parser.add_argument("--no-triage", action="store_true",
                        help="stop the clock when the mentions are written, without waiting for screening "
                             "(no setting can switch triage off: it still runs)")
    parser.add_argument("--database-url", default="", help="PostgreSQL: an empty database of your own")
    parser.add_argument("--redis-url", default="", help="the task queue on Redis (a database of your own: emptied)")
    args = parser.parse_args()

    engine = "postgresql" if args.database_url else "sqlite"
    results: dict[str, Any] = {"benchmark": "import", "engine": engine, "mentions": args.mentions}
    with tempfile.TemporaryDirectory(prefix="carewatch-bench-importfile-") as tmp:
        data_file = Path(tmp) / "mentions.jsonl"
        t0 = time.perf_counter()
        generated = generate(data_file, args.mentions, args.authors)
        print(f"generated {generated['records']} records ({generated['threads']} threads, {generated['authors']} "
              f"authors, {mib(generated['bytes'])} MiB) in {time.perf_counter() - t0:.1f} s")
        results["generated"] = generated
        modes = ["worker", "immediate"] if args.mode == "both" else [args.mode]
        results["runs"] = [run_mode(mode, data_file, generated["records"], args) for mode in modes]
    first = results["runs"][0]
    results["targets"] = {
        "rate_ge_2000_per_s": all(r["mentions_per_s"] >= 2000 for r in results["runs"]),
        "peak_rss_lt_400mb": all(max(r["peak_rss_mib"].values()) * 2**20 < 400e6 for r in results["runs"]),
        "correct": all(r["correct"] for r in results["runs"]),
    }
    results["mentions_per_s"] = first["mentions_per_s"]
    print(json.dumps(results))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_setup":
        _child_setup()
    elif len(sys.argv) > 1 and sys.argv[1] == "_import":
        _child_import(Path(sys.argv[2]))
    elif len(sys.argv) > 1 and sys.argv[1] == "_raw":
        _child_raw(Path(sys.argv[2]))
    elif len(sys.argv) > 1 and sys.argv[1] == "_check":
        _child_check()
    else:
        main()
