"""Shared fixtures: two clients, and users of every role, so every view can be tested for
another client's user (404) and a read-only role (403)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction

from carewatch.inbox.ingest import apply_changes, run_triage
from carewatch.inbox.models import Case, Mention
from carewatch.inbox.normalised import AuthorRef, ChangeKind, MentionChange
from carewatch.tenancy.models import Channel, Client, Membership, Product, Role, User

PASSWORD = "correct horse battery staple"
REQUIRE_SERVICES = os.environ.get("CAREWATCH_REQUIRE_SERVICES") == "1"


def need(condition: bool, reason: str) -> None:
    """Skip with a clear reason, unless CI demands the service (then fail)."""
    if condition:
        return
    if REQUIRE_SERVICES:
        pytest.fail(f"required service missing: {reason}")
    pytest.skip(reason)


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(autouse=True)
def _empty_webhook_spool() -> Any:
    """Each test starts with an empty webhook spool (SQLite: ``sources/spool.py``, a file beside
    the test database that outlives a test's rolled-back transaction): an event one test spooled
    and never moved must not turn up in the next test's inbox."""
    yield
    from django.db import connection

    if connection.vendor != "sqlite":
        return
    from carewatch.lib.sqlite.spool import spool_path

    path = spool_path(str(connection.settings_dict["NAME"]), "spool")
    if not Path(path).exists():
        return
    import sqlite3

    db = sqlite3.connect(path, timeout=30, isolation_level=None)
    try:
        db.execute("DELETE FROM spooled_event")
        db.execute("UPDATE move_request SET requested_at = NULL")
    except sqlite3.OperationalError:  # the spool's tables are made on its first use
        pass
    finally:
        db.close()


@pytest.fixture
def northwind(db: Any) -> Client:
    client = Client.objects.create(
        slug="northwind", name="Northwind Pharma", timezone="America/New_York",
        business_hours={d: ["09:00", "18:00"] for d in ("mon", "tue", "wed", "thu", "fri")},
        languages=["en", "es"],
    )
    Product.objects.create(client=client, name="Glucavio", generic="semaglutide",
                           aliases=["glucavio pen"], indications=["type 2 diabetes"])
    Channel.objects.create(client=client, platform="facebook", handle="NorthwindRx", external_id="1234567890")
    Channel.objects.create(client=client, platform="x", handle="northwind_rx", external_id="555")
    return client


@pytest.fixture
def contoso(db: Any) -> Client:
    client = Client.objects.create(slug="contoso", name="Contoso Health", timezone="Europe/Berlin")
    Channel.objects.create(client=client, platform="facebook", handle="ContosoHealth", external_id="999")
    return client


def make_user(email: str, role: str | None = None, client: Client | None = None, admin: bool = False) -> User:
    user = User.objects.create_user(email, PASSWORD, name=email.split("@")[0].title(), is_agency_admin=admin)
    if role and client:
        Membership.objects.create(user=user, client=client, role=role)
    return user


@pytest.fixture
def alice(northwind: Client) -> User:
    """An agent for Northwind."""
    return make_user("alice@agency.test", Role.AGENT, northwind)


@pytest.fixture
def bob(contoso: Client) -> User:
    """An agent for Contoso only: every Northwind object is a 404 for him."""
    return make_user("bob@agency.test", Role.AGENT, contoso)


@pytest.fixture
def victor(northwind: Client) -> User:
    """A read-only viewer for Northwind: every write is a 403 for him."""
    return make_user("victor@agency.test", Role.VIEWER, northwind)


@pytest.fixture
def sam(northwind: Client) -> User:
    """A Northwind supervisor."""
    return make_user("sam@agency.test", Role.SUPERVISOR, northwind)


@pytest.fixture
def quinn(northwind: Client) -> User:
    """Northwind's safety reviewer: the only role that may dismiss or close a safety case."""
    return make_user("quinn@agency.test", Role.SAFETY, northwind)


@pytest.fixture
def admin(db: Any) -> User:
    return make_user("root@agency.test", admin=True)


MentionFactory = Callable[..., Mention]


@pytest.fixture
def make_mention(db: Any) -> MentionFactory:
    counter = {"n": 0}

    def make(client: Client, text: str = "Is Glucavio covered by my insurance?", *,
             platform: str = "facebook", author: str = "pat", thread: str = "",
             created: datetime | None = None, kind: str = "comment", direction: str = "in",
             parent: str = "", language: str = "en") -> Mention:
        counter["n"] += 1
        channel = Channel.objects.filter(client=client, platform=platform).first()
        assert channel is not None
        external_id = f"m{counter['n']}"
        change = MentionChange(
            change=ChangeKind.UPSERT, channel_id=channel.id, platform=platform, external_id=external_id,
            kind=kind, direction=direction, text=text,
            author=AuthorRef(external_id=f"id-{author}", handle=author, name=author.title()),
            created_at=created or datetime.now(UTC) - timedelta(minutes=counter["n"]),
            parent_external_id=parent, thread_key=thread or external_id, language=language,
        )
        with transaction.atomic():
            run_triage(apply_changes([change]))  # what the pipeline does
        return Mention.objects.get(channel=channel, external_id=external_id)

    return make


@pytest.fixture
def case_of(make_mention: MentionFactory) -> Callable[[Client], Case]:
    def make(client: Client) -> Case:
        mention = make_mention(client)
        assert mention.case is not None
        return mention.case

    return make


# ---------------------------------------------------------------------------------------------- CI
# CI runs the suite twice: on the embedded default (SQLite + SqliteHuey) and on the scale-out engines
# (PostgreSQL + Redis). A test that touches neither the database nor a process using it (pure rules,
# calendars, parsers: about a third of the suite) proves nothing new the second time, so the
# scale-out pass skips it when CAREWATCH_ENGINE_TESTS_ONLY=1 (set by .ci/run). A test that starts
# Carewatch in another process says so with @pytest.mark.engines and always runs.
DATABASE_FIXTURES = frozenset({"db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback",
                               "live_server"})


def uses_an_engine(item: pytest.Item) -> bool:
    return (item.get_closest_marker("django_db") is not None or item.get_closest_marker("engines") is not None
            or bool(DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get("CAREWATCH_ENGINE_TESTS_ONLY") != "1":
        return
    keep, skip = [], []
    for item in items:
        (keep if uses_an_engine(item) else skip).append(item)
    if skip:
        config.hook.pytest_deselected(items=skip)
        items[:] = keep
