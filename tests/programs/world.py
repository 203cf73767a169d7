"""Northwind's programs for the security enumeration: a roster influencer with a failing post and
its open task, a granted UGC right, a giveaway with entries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from django.db import transaction

from carewatch.inbox.ingest import apply_changes, run_triage
from carewatch.inbox.models import Mention
from carewatch.inbox.normalised import AuthorRef, ChangeKind, MentionChange
from carewatch.programs import actions
from carewatch.programs.models import Giveaway, Influencer, PostCheck, ProgramTask, RightsRequest
from carewatch.tenancy.models import Channel, Client, User


@dataclass
class ProgramsWorld:
    influencer: Influencer
    post: Mention
    check: PostCheck
    task: ProgramTask
    rights: RightsRequest
    giveaway: Giveaway


def _send(client: Client, text: str, author: str, external_id: str, kind: str, thread: str = "") -> Mention:
    channel = Channel.objects.get(client=client, platform="facebook")
    change = MentionChange(change=ChangeKind.UPSERT, channel_id=channel.id, platform="facebook",
                           external_id=external_id, kind=kind, text=text, thread_key=thread or external_id,
                           author=AuthorRef(external_id=f"id-{author}", handle=author, name=author.title()),
                           created_at=datetime.now(UTC))
    with transaction.atomic():
        run_triage(apply_changes([change]))
    return Mention.objects.get(channel=channel, external_id=external_id)


def programs_world(northwind: Client, sam: User, alice: User) -> ProgramsWorld:
    northwind.settings = {**(northwind.settings or {}), "programs": {
        "rights_hashtag": "#YesNorthwind", "terms_url": "https://northwind.example/ugc-terms"}}
    northwind.save()
    influencer = actions.do_save_influencer(sam, northwind, {
        "name": "World Influencer", "handles": {"facebook": "nwinfluencer"}, "material_connection": "paid",
        "owner": alice.email})
    post = _send(northwind, "Loving my Glucavio routine! zebrafinch7731", "nwinfluencer", "pw-post", "post")
    check = PostCheck.objects.get(mention=post)
    task = ProgramTask.objects.get(post_check=check)
    ugc = _send(northwind, "My walk this morning zebrafinch7731", "nwfan", "pw-ugc", "post")
    rights = actions.do_request_rights(alice, ugc)
    _send(northwind, "#YesNorthwind", "nwfan", "pw-ugc-yes", "comment", thread="pw-ugc")
    rights.refresh_from_db()
    now = datetime.now(UTC)
    giveaway = actions.do_define_giveaway(sam, northwind, {
        "name": "World giveaway", "rules_url": "https://northwind.example/rules", "starts_at": now - timedelta(days=1),
        "ends_at": now + timedelta(days=1), "platforms": ["x"], "entry_method": "comment", "prize": "A tote bag",
        "prize_value": Decimal("20"), "posts": [{"channel_id": post.channel_id, "thread_key": "pw-ugc"}],
        "announcement": "Comment to win! Rules: https://northwind.example/rules"})
    actions.collect_entries(giveaway)
    return ProgramsWorld(influencer=influencer, post=post, check=check, task=task, rights=rights, giveaway=giveaway)
