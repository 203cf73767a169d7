"""Demo data: a month of posts per client (two weeks back, two weeks ahead) in every status,
written through the actions at the times they would have happened. Published posts are recorded
as the sandbox's answers (``sandbox-…`` ids): nothing leaves the machine.

The demo loader calls ``load_demo_posts()`` after the agency is loaded. A client needs an author
(agent or supervisor) and as many distinct approvers (reviewer, supervisor, admin) as its content
policy has disciplines; a client without them gets drafts and posts in review only.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, time, timedelta
from unittest import mock

from django.db import transaction
from django.utils import timezone

from carewatch.content import actions
from carewatch.content.checks import lint_once_per_text
from carewatch.content.models import Post, PostStatus, Publication
from carewatch.content.policy import PUBLISHABLE, policy_for
from carewatch.content.publishers import Published
from carewatch.content.publishing import _finish, queue_post
from carewatch.sources.outbound import SendOutcome
from carewatch.tenancy.models import Channel, Client, Membership, Role, User

DAYS_BACK, DAYS_AHEAD = 14, 16
TEXTS = (
    "Small steps count: a 10-minute walk after dinner is a good start. Talk to your doctor about your plan.",
    "World Diabetes Day is coming. Check in with your care team about your next visit.",
    "Healthy plate tip: half vegetables, a quarter protein, a quarter whole grains.",
    "Questions about your treatment? Our team is here on weekdays from 9 to 6.",
    "Sleep matters too. Seven hours a night helps many people feel their best.",
    "Thank you to every nurse and pharmacist who answers questions all day long.",
)
IMAGE = "https://cdn.carewatch.example/demo/post-{n}.jpg"
VIDEO = "https://cdn.carewatch.example/demo/post-{n}.mp4"


@contextmanager
def _clock(at: datetime) -> Iterator[None]:
    with mock.patch("django.utils.timezone.now", new=lambda: at):
        yield


def _people(client: Client) -> tuple[list[User], list[User]]:
    memberships = Membership.objects.filter(client=client).select_related("user").order_by("user__email")
    # Agents write (supervisors only where there is no agent): the approvers stay free to approve.
    authors = [m.user for m in memberships if m.role == Role.AGENT] or [
        m.user for m in memberships if m.role == Role.SUPERVISOR]
    approvers = [m.user for m in memberships if m.role in actions.CONTENT_APPROVER_ROLES]
    approvers += list(User.objects.filter(is_agency_admin=True, is_active=True).order_by("email"))
    return authors, list(dict.fromkeys(approvers))


def _variants(channels: list[Channel], text: str, n: int) -> tuple[dict[str, str], list[dict[str, str]]]:
    variants = {c.platform: text if c.platform != "x" else text[:270] for c in channels}
    media: list[dict[str, str]] = []
    if "tiktok" in variants:
        media.append({"url": VIDEO.format(n=n), "kind": "video", "alt": ""})
    elif "instagram" in variants:
        media.append({"url": IMAGE.format(n=n), "kind": "image", "alt": "Demo picture"})
    return variants, media


def _approve(post: Post, author: User, approvers: list[User], at: datetime) -> Post:
    disciplines = list(policy_for(post.client).approvals)
    others = [u for u in approvers if u.pk != author.pk]
    with _clock(at):
        for reviewer, discipline in zip(others, disciplines, strict=False):
            assert post.current is not None
            post = actions.do_approve(reviewer, post, discipline, post.current.content_hash)
    return post


def _publish(post: Post, at: datetime, fail: bool) -> None:
    with _clock(at):
        for pub in queue_post(post, at):
            claimed = Publication.objects.filter(pk=pub.pk, status="pending").update(status="sending", attempts=1)
            if not claimed:
                continue
            pub.refresh_from_db()
            if fail:
                outcome: SendOutcome = SendOutcome(
                    "failed", error=f"rate limited by {pub.platform}: try again later (sandbox)",
                    error_code="rate_limited")
                fail = False  # one channel refuses; the others have it
            else:
                external = f"sandbox-{pub.platform}-{pub.pk}"
                outcome = Published("sent", external_id=external, url=f"https://sandbox.carewatch.example/{external}")
            _finish(pub, outcome)


def load_client_posts(client: Client, now: datetime, rng: random.Random) -> int:
    authors, approvers = _people(client)
    channels = list(Channel.objects.filter(client=client, platform__in=PUBLISHABLE, is_active=True)
                    .order_by("platform"))
    if not authors or not channels:
        return 0
    can_approve = len([u for u in approvers if u.pk not in {a.pk for a in authors[:1]}]) >= len(
        policy_for(client).approvals)
    with _clock(now - timedelta(days=DAYS_BACK + 5)), transaction.atomic():
        product = client.products.order_by("name").first()
        campaign = actions.do_save_campaign(None, client, "demo-month", f"{client.name}: this month",
                                            product=product, actor_label="demo")
    tz = client.tz
    today = now.astimezone(tz).date()
    made = failures = 0
    day = -DAYS_BACK
    n = 0
    while day <= DAYS_AHEAD:
        n += 1
        local = datetime.combine(today + timedelta(days=day), time(10 if n % 2 else 14, 0))
        planned = local.replace(tzinfo=tz)
        author = authors[n % len(authors)]
        targets = rng.sample(channels, k=min(len(channels), rng.choice((1, 2, 2, 3))))
        variants, media = _variants(targets, TEXTS[n % len(TEXTS)], n)
        written = min(planned - timedelta(days=4), now - timedelta(hours=2))
        with _clock(written), transaction.atomic():
            post = actions.do_create_post(author, client, f"{TEXTS[n % len(TEXTS)][:40].rstrip()}…",
                                          variants, [c.pk for c in targets], planned_local=local,
                                          campaign=campaign if n % 3 else None, product=None, media=media,
                                          promotional=n % 4 != 0)
        made += 1
        past = planned <= now
        # Ahead: a few drafts and posts in review, approved and scheduled ones; behind: published
        # (one failed on X).
        wanted = ("published" if past else
                  ("draft", "in_review", "approved", "scheduled", "scheduled")[n % 5])
        if wanted == "draft":
            day += rng.choice((1, 1, 2))
            continue
        with _clock(written + timedelta(hours=1)), transaction.atomic():
            post = actions.do_submit(author, post)
        if wanted == "in_review" or not can_approve:
            day += rng.choice((1, 1, 2))
            continue
        with transaction.atomic():
            post = _approve(post, author, approvers, min(written + timedelta(hours=20), now - timedelta(minutes=30)))
        if post.status != PostStatus.APPROVED or wanted == "approved":
            day += rng.choice((1, 1, 2))
            continue
        with _clock(min(written + timedelta(days=1), now - timedelta(minutes=20))), transaction.atomic():
            post = actions.do_schedule(author, post)
        if wanted == "published":
            failures += 1
            _publish(post, planned, fail=failures == 2)
        day += rng.choice((1, 1, 2))
    return made


def load_demo_posts(now: datetime | None = None, slugs: list[str] | None = None, seed: int = 16) -> dict[str, int]:
    """A month of posts for each client (or those named); returns posts made per client slug."""
    now = now or timezone.now()
    clients = Client.objects.filter(is_active=True).order_by("slug")
    if slugs:
        clients = clients.filter(slug__in=slugs)
    rng = random.Random(seed)
    with lint_once_per_text():  # a few texts, each linted at writing and at every approval
        return {client.slug: load_client_posts(client, now, rng) for client in clients}
