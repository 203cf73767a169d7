"""The ``carewatch`` command."""

from __future__ import annotations

import gc
import json
import os
import signal
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from carewatch.lib.boot import migrate as _migrate
from carewatch.lib.boot import setup as _setup


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


@click.group()
def main() -> None:
    """Carewatch: the social customer-care and compliance desk."""


# ------------------------------------------------------------------ serve / worker
@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--web-only", is_flag=True, help="Serve the web and API only; run workers apart.")
@click.option("--web-workers", default=int(os.environ.get("CAREWATCH_WEB_WORKERS", "2")), show_default=True)
@click.option("--threads", default=int(os.environ.get("CAREWATCH_WEB_THREADS", "8")), show_default=True)
@click.option("--worker-nice", default=int(os.environ.get("CAREWATCH_WORKER_NICE", "10")), show_default=True,
              type=click.IntRange(0, 19), help="CPU niceness of the worker: the web answers first.")
@click.option("--worker-threads", default=int(os.environ.get("CAREWATCH_WORKER_THREADS", "1")),
              show_default=True, type=click.IntRange(1, 64))
def serve(host: str, port: int, web_only: bool, web_workers: int, threads: int, worker_nice: int,
          worker_threads: int) -> None:
    """Migrate, then serve the desk (with its background worker unless --web-only).

    The worker runs at a lower CPU priority: webhooks and pages are answered first when both
    want the CPU, and the worker (whose work is queued durably) catches up in the gaps. It runs
    one thread: a Python process computes on one core at a time anyway, and a second thread
    would make the thread holding SQLite's write lock wait for the interpreter, keeping the web
    waiting for the lock longer (scale out with more `carewatch worker` processes instead).
    """
    _setup()
    _migrate()
    from django.conf import settings

    from carewatch.lib.served import announce

    # Links in replies and e-mails follow the address served (unless CAREWATCH_BASE_URL is set);
    # the worker started below inherits it through the environment.
    settings.CAREWATCH_BASE_URL = announce(host, port, Path(settings.DATA_DIR))
    worker: subprocess.Popen[bytes] | None = None
    if not web_only:
        # Niceness is per thread on Linux and inherited: set it before exec, so every thread of
        # the worker has it from the start. (serve has started no thread yet.)
        command = [sys.executable, "-m", "carewatch.cli", "worker", "--threads", str(worker_threads)]
        worker = subprocess.Popen(command, preexec_fn=(lambda: os.nice(worker_nice)) if worker_nice else None)  # noqa: S603
    # Import the URLconf, the views and the sources now, before the web workers fork, so their
    # first requests do not pay for it (nothing here opens a database connection).
    from django.urls import get_resolver

    import carewatch.sources.registry  # noqa: F401

    resolver = get_resolver()
    resolver.resolve("/hooks/meta/")
    len(resolver.reverse_dict)  # walks (and imports) every included URLconf
    # What is loaded now lives as long as the server: keep it out of the garbage collector's
    # full passes (≈40 ms each, holding every thread of a web worker) and shared after fork.
    gc.collect()
    gc.freeze()
    click.echo(f"Carewatch is serving on http://{host}:{port}/" + ("" if web_only else " with its worker"))
    try:
        _run_gunicorn(host, port, web_workers, threads)
    finally:
        if worker is not None and worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
            try:
                worker.wait(timeout=15)
            except subprocess.TimeoutExpired:
                worker.kill()


#: Seconds the server keeps an idle client connection open. Clients reusing connections must retire
#: them sooner (``sources.simulate.KEEPALIVE_EXPIRY_S``): see there.
KEEPALIVE_S = 5


def _run_gunicorn(host: str, port: int, workers: int, threads: int) -> None:
    from gunicorn.app.base import BaseApplication

    from carewatch.wsgi import application

    class App(BaseApplication):
        def load_config(self) -> None:
            options = {
                "bind": f"{host}:{port}",
                "workers": workers,
                "worker_class": "gthread",
                "threads": threads,
                "timeout": 60,
                "graceful_timeout": 10,
                "keepalive": KEEPALIVE_S,
                # Paths only: query strings can carry search terms, and those can carry PHI.
                "accesslog": "-" if _env_flag("CAREWATCH_ACCESS_LOG") else None,
                "access_log_format": '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms',
                "proc_name": "carewatch-web",
            }
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return application

    App().run()


@main.command()
@click.option("--threads", default=int(os.environ.get("CAREWATCH_WORKER_THREADS", "2")), show_default=True)
@click.option("--no-periodic", is_flag=True, help="Do not run the periodic sweepers here.")
def worker(threads: int, no_periodic: bool) -> None:
    """Run a background worker (the pipeline, sweepers). Run any number of them."""
    _setup()
    from carewatch.ops.worker import run_worker

    run_worker(threads=threads, periodic=not no_periodic)


@main.command()
def migrate() -> None:
    """Create or update the database schema."""
    _setup()
    _migrate(verbosity=1)


# ------------------------------------------------------------------ demo
@main.command()
@click.option("--force", is_flag=True, help="Load the demo even if the database has data.")
@click.option("--mentions", default=2000, show_default=True)
def demo(force: bool, mentions: int) -> None:
    """Load the demo agency (three fictional clients) into an empty database."""
    _setup()
    _migrate()
    from carewatch.demo.load import DEMO_LOGINS, database_is_empty, load_demo, progress_total

    if not force and not database_is_empty():
        click.echo("The database already has data; demo not loaded (use --force to add it anyway).")
        return
    with click.progressbar(length=progress_total(mentions), label="Loading the demo", show_eta=True,
                           show_percent=True, file=sys.stderr,
                           item_show_func=lambda label: label or "") as bar:
        summary = load_demo(mentions=mentions, progress=lambda steps, label: bar.update(steps, label))
    click.echo(f"Demo loaded: {summary}")
    for line in logins_table(DEMO_LOGINS):
        click.echo(line)


def logins_table(logins: Sequence[tuple[str, str, str]]) -> list[str]:
    """The demo's logins as aligned columns, each as wide as its longest entry."""
    widths = [max(len(row[i]) for row in logins) for i in range(2)]
    return ["Demo logins (e-mail, role, password):"] + [
        f"  {email:{widths[0]}s}  {role:{widths[1]}s}  {password}" for email, role, password in logins]


# ------------------------------------------------------------------ config as code
@main.group()
def config() -> None:
    """Configure the agency as code."""


@config.command("apply")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Print what would change; change nothing.")
def config_apply(file: Path, dry_run: bool) -> None:
    """Apply FILE (YAML); idempotent; prints each change."""
    _setup()
    _migrate()
    from carewatch.configuration.as_code import apply_config
    from carewatch.tenancy.config import ConfigError

    warnings: list[str] = []
    try:
        changes = apply_config(file.read_text(encoding="utf-8"), dry_run=dry_run, warnings=warnings)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from exc
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    for line in changes:
        click.echo(("would " if dry_run else "") + line)
    click.echo(f"{len(changes)} change(s)" + (" (dry run: nothing written)" if dry_run else ""))


@config.command("export")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None)
def config_export(output: Path | None) -> None:
    """Write the current configuration as YAML (secrets as env: references or encrypted)."""
    _setup()
    from carewatch.configuration.as_code import export_config

    text = export_config()
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}")


# ------------------------------------------------------------------ import
@main.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--client", "client_slug", required=True, help="The client's slug.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default=None)
@click.option("--user", "user_email", default=None, help="Who is importing (for the audit trail).")
def import_(file: Path, client_slug: str, fmt: str | None, user_email: str | None) -> None:
    """Import mentions from a JSONL or CSV file; idempotent; bad lines are reported."""
    _setup()
    _migrate()
    from carewatch.sources.importer.run import import_file
    from carewatch.tenancy.models import Client, User

    client = Client.objects.filter(slug=client_slug).first()
    if client is None:
        raise click.ClickException(f"no client with slug {client_slug!r}")
    actor = User.objects.filter(email=user_email.lower()).first() if user_email else None
    if user_email and actor is None:
        raise click.ClickException(f"no user {user_email}")
    size = file.stat().st_size
    lines = sum(1 for _ in file.open("rb")) if size else 0
    with click.progressbar(length=max(lines, 1), label=f"Importing {file.name}", file=sys.stderr) as bar:
        report = import_file(file, client, actor=actor, fmt=fmt, progress=bar.update)
    for error in report.errors:
        click.echo(f"line {error.line}: {error.reason}", err=True)
    click.echo(
        f"{report.imported} imported, {report.already_present} already present, "
        f"{len(report.errors)} rejected (of {report.total} records)"
    )
    if report.errors:
        sys.exit(2)


# ------------------------------------------------------------------ simulate
def _rate(value: str) -> float:
    number = value.strip().removesuffix("/s")
    try:
        rate = float(number)
    except ValueError:
        raise click.BadParameter("use a number of requests per second, e.g. 20/s") from None
    if not 0 < rate <= 5000:
        raise click.BadParameter("the rate must be between 0 and 5000 per second")
    return rate


@main.command()
@click.option("--url", default=None, help="The Carewatch server [default: CAREWATCH_BASE_URL, else where "
              "`carewatch serve` last served from this data directory, else http://127.0.0.1:8000].")
@click.option("--client", "client_slug", required=True, help="Whose channels to simulate.")
@click.option("--rate", default="5/s", show_default=True, help="Webhooks per second, e.g. 20/s.")
@click.option("--duration", default=60.0, show_default=True, help="Seconds to run (at most one hour).")
def simulate(url: str | None, client_slug: str, rate: str, duration: float) -> None:
    """Send platform-native, correctly signed webhooks for a client's channels."""
    _setup()
    if url is None:
        from django.conf import settings

        from carewatch.lib.served import default_server_url

        url = default_server_url(os.environ, Path(settings.DATA_DIR))
    import json
    import time

    from carewatch.sources.simulate import run, simulate_for_client, summary

    per_second = _rate(rate)
    duration = max(1.0, min(duration, 3600.0))
    try:
        generator = simulate_for_client(client_slug)
    except Exception as exc:
        raise click.ClickException(f"cannot simulate {client_slug}: {exc}") from exc
    platforms = sorted({c.platform for c, _, _ in generator.builders})
    click.echo(f"Simulating {', '.join(platforms) or 'nothing'} for {client_slug} "
               f"at {per_second:g}/s for {duration:g}s")
    started = time.perf_counter()
    try:
        stats = run(url, generator, per_second, duration,
                    on_progress=lambda s: click.echo(f"  sent {s.sent}, ok {s.ok}, errors {sum(s.errors.values())}",
                                                     err=True))
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(json.dumps(summary(stats, time.perf_counter() - started)))


# ------------------------------------------------------------------ tokens
@main.group()
def token() -> None:
    """Personal API tokens."""


@token.command("create")
@click.option("--user", "email", required=True)
@click.option("--name", default="cli", show_default=True)
@click.option("--scopes", default="read", show_default=True,
              help="comma-separated: read (GET), write (other calls), safety (safety-case steps)")
@click.option("--expires-days", type=click.IntRange(1, 730), default=90, show_default=True)
def token_create(email: str, name: str, scopes: str, expires_days: int) -> None:
    """Create a token for a user and print it (it is stored hashed; shown only now). A token can
    do no more than its user, and only what its scopes name."""
    _setup()
    _migrate()
    from datetime import timedelta

    from django.utils import timezone

    from carewatch.tenancy.actions import do_create_token
    from carewatch.tenancy.models import User

    user = User.objects.filter(email=email.strip().lower()).first()
    if user is None:
        raise click.ClickException(f"no user {email}")
    try:
        raw = do_create_token(user, name, actor=None, scopes=[s.strip() for s in scopes.split(",") if s.strip()],
                              expires_at=timezone.now() + timedelta(days=expires_days))
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(raw)
    click.echo(f"Shown once; stored hashed. To revoke it: carewatch token revoke {raw[:11]}", err=True)


@token.command("revoke")
@click.argument("prefix")
def token_revoke(prefix: str) -> None:
    """Revoke the token(s) whose printed prefix is PREFIX."""
    _setup()
    from carewatch.tenancy.actions import do_revoke_tokens

    count = do_revoke_tokens(prefix, actor=None)
    click.echo(f"{count} token(s) revoked")


# ------------------------------------------------------------------ users
@main.group()
def user() -> None:
    """Staff accounts."""


@user.command("create")
@click.option("--email", required=True)
@click.option("--name", default="")
@click.option("--admin", is_flag=True, help="Agency-wide admin.")
@click.password_option()
def user_create(email: str, name: str, admin: bool, password: str) -> None:
    """Create a staff user (roles per client come from config apply)."""
    _setup()
    _migrate()
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    from carewatch.tenancy.actions import do_create_user
    from carewatch.tenancy.models import User

    if User.objects.filter(email=email.strip().lower()).exists():
        raise click.ClickException(f"a user {email.strip().lower()} already exists")
    try:
        validate_password(password, User(email=email, name=name))
    except ValidationError as exc:
        raise click.ClickException(" ".join(exc.messages)) from exc
    created = do_create_user(email=email, name=name, password=password, is_agency_admin=admin, actor=None)
    click.echo(f"created {created.email}")


@user.command("reset-2fa")
@click.option("--email", required=True)
def user_reset_2fa(email: str) -> None:
    """Remove a user's second factors (authenticator app and security keys / passkeys; a lost phone
    or key): they set one up again at the next sign-in; their sessions end and they are told by
    e-mail. Audited."""
    _setup()
    from carewatch.identity.actions import do_reset_factors
    from carewatch.tenancy.models import User

    target = User.objects.filter(email=email.strip().lower()).first()
    if target is None:
        raise click.ClickException(f"no user {email}")
    do_reset_factors(None, target)
    click.echo(f"second factor of {target.email} reset; their sessions ended")


# ------------------------------------------------------------------ data-subject requests
@main.group()
def subject() -> None:
    """Data-subject requests about one author: export what we hold, or erase it (safety evidence
    that pharmacovigilance law requires is kept, and listed with the reason)."""


def _subject_client(slug: str) -> Any:
    from carewatch.tenancy.models import Client

    client = Client.objects.filter(slug=slug).first()
    if client is None:
        raise click.ClickException(f"no client {slug}")
    return client


@subject.command("export")
@click.option("--client", "slug", required=True)
@click.option("--platform", required=True)
@click.option("--handle", required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default="-")
def subject_export_command(slug: str, platform: str, handle: str, output: str) -> None:
    """Everything we hold about an author, as JSON."""
    _setup()
    from carewatch.retention.actions import subject_export

    data = subject_export(_subject_client(slug), platform, handle)
    text = json.dumps(data, indent=2, ensure_ascii=False)
    if output == "-":
        click.echo(text)
    else:
        Path(output).write_text(text + "\n", encoding="utf-8")
        click.echo(f"{len(data['mentions'])} message(s) written to {output}", err=True)


@subject.command("erase")
@click.option("--client", "slug", required=True)
@click.option("--platform", required=True)
@click.option("--handle", required=True)
@click.option("--reason", required=True, help="the request's reference and why")
def subject_erase_command(slug: str, platform: str, handle: str, reason: str) -> None:
    """Anonymise what we hold about an author, except safety information PV law requires."""
    _setup()
    from carewatch.retention.actions import do_subject_erase

    try:
        outcome = do_subject_erase(_subject_client(slug), platform, handle, reason)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{outcome.anonymised} message(s) anonymised; {outcome.kept_for_safety} kept for pharmacovigilance")
    for kept in outcome.kept:
        click.echo(f"  kept #{kept['id']} ({kept['created_at']}): {kept['why']}")


@main.command("retention")
@click.option("--client", "slug", default=None, help="one client (default: every client)")
def retention_command(slug: str | None) -> None:
    """Apply the retention policy now (the worker does it nightly)."""
    _setup()
    from carewatch.retention.actions import do_apply_retention
    from carewatch.tenancy.models import Client

    clients = [_subject_client(slug)] if slug else list(Client.objects.filter(is_active=True))
    for client in clients:
        outcome = do_apply_retention(client)
        click.echo(f"{client.slug}: {outcome.anonymised} anonymised, {outcome.kept_for_safety} kept for safety")


# ------------------------------------------------------------------ audit
@main.group()
def audit() -> None:
    """The tamper-evident audit trail."""


@audit.command("verify")
@click.option("--anchor", "anchor_file", type=click.Path(exists=True, dir_okay=False), default=None,
              help="A head recorded by `carewatch audit anchor`: also detect a cut tail or a rewritten head.")
def audit_verify(anchor_file: str | None) -> None:
    """Check every link of the hash chain; exit 1 at the first broken one."""
    _setup()
    from carewatch.audit.chain import Anchor, verify
    from carewatch.identity.signatures import verify_all

    recorded = None
    if anchor_file:
        try:
            recorded = Anchor.from_json(Path(anchor_file).read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise click.ClickException(f"{anchor_file}: {exc}") from exc
    result = verify(recorded)
    broken_signatures = list(verify_all())
    for bad in broken_signatures:
        sig = bad.signature
        click.echo(f"SIGNATURE NOT VALID: {sig.meaning} by {sig.signer_email} at {sig.signed_at:%Y-%m-%d %H:%M} "
                   f"on {sig.object_type}:{sig.object_id}: {bad.problem}")
    if result.ok and not broken_signatures:
        against = f", reaches anchor #{recorded.seq}" if recorded is not None else ""
        click.echo(f"OK: {result.checked} events, chain head {result.head_hash}{against}; "
                   "every electronic signature matches")
        return
    if not result.ok:
        click.echo(f"BROKEN at event #{result.seq}: {result.problem} ({result.checked} events verified before it)")
    sys.exit(1)


@audit.command("anchor")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), required=True,
              help="Where to write the anchor (keep it off the database's host).")
def audit_anchor(output: str) -> None:
    """Verify the chain and record its head (sequence number and hash) for `verify --anchor`."""
    _setup()
    from carewatch.audit.chain import anchor

    try:
        recorded = anchor()
    except ValueError as exc:
        click.echo(f"BROKEN: {exc}; no anchor written")
        sys.exit(1)
    Path(output).write_text(recorded.as_json() + "\n", encoding="utf-8")
    click.echo(f"anchored event #{recorded.seq} {recorded.hash} in {output}")


# ------------------------------------------------------------------ passthrough
@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args: tuple[str, ...]) -> None:
    """Run a Django management command (for operators)."""
    _setup()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["carewatch manage", *args])


def _register_subcommands() -> None:
    from carewatch.programs.cli import giveaway, influencers
    from carewatch.reports.cli import report
    from carewatch.safety.cli import safety
    from carewatch.triage.cli import triage

    main.add_command(triage)
    main.add_command(safety)
    main.add_command(report)
    main.add_command(influencers)
    main.add_command(giveaway)


_register_subcommands()

if __name__ == "__main__":
    main()
