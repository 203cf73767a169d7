"""Programs fixtures: Northwind's roster and a helper that sends a mention through the pipeline."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from django.db import transaction

from carewatch.inbox.ingest import apply_changes, run_triage
from carewatch.inbox.models import Mention
from carewatch.inbox.normalised import AuthorRef, ChangeKind, MentionChange
from carewatch.programs.config import apply_roster
from carewatch.programs.models import Influencer
from carewatch.tenancy.models import Channel, Client, User

Send = Callable[..., Mention]


@pytest.fixture
def roster(northwind: Client, alice: User) -> Influencer:
    Channel.objects.create(client=northwind, platform="instagram", handle="northwind", external_id="ig-1",
                           sponsorship="third_party")
    northwind.settings = {"programs": {"rights_hashtag": "#YesNorthwind",
                                       "terms_url": "https://northwind.example/ugc-terms",
                                       "terms_version": "2026-01"}}
    northwind.save()
    with transaction.atomic():
        apply_roster(northwind, [{"name": "Maya Reyes", "handles": {"instagram": "@MayaGlows", "tiktok": "mayaglows"},
                                  "contract_start": "2026-01-01", "contract_end": "2026-12-31",
                                  "material_connection": "paid", "required_tokens": [], "products": ["Glucavio"],
                                  "owner": alice.email}], [])
    return Influencer.objects.get(client=northwind, name="Maya Reyes")


@pytest.fixture
def send(db: Any) -> Send:
    counter = {"n": 0}

    def make(client: Client, text: str, *, platform: str = "instagram", author: str = "pat",
             kind: str = "comment", thread: str = "", external_id: str = "", created: datetime | None = None,
             edit: bool = False, extra: dict[str, object] | None = None) -> Mention:
        counter["n"] += 1
        channel = Channel.objects.filter(client=client, platform=platform).first()
        assert channel is not None
        external_id = external_id or f"p{counter['n']}"
        change = MentionChange(
            change=ChangeKind.EDIT if edit else ChangeKind.UPSERT, channel_id=channel.id, platform=platform,
            external_id=external_id, kind=kind, text=text,
            author=AuthorRef(external_id=f"id-{author}", handle=author, name=author.title()),
            created_at=created or datetime.now(UTC),
            thread_key=thread or external_id, url=f"https://www.instagram.com/p/{external_id}/",
            extra=extra or {},
        )
        with transaction.atomic():
            run_triage(apply_changes([change]))
        return Mention.objects.get(channel=channel, external_id=external_id)

    return make
