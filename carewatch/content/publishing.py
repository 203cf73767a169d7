"""The content outbox: due posts become ``Publication`` rows (one per target channel, links made
tracked) in one transaction with their audit events; each row is claimed (pending → sending, a
conditional UPDATE, so one worker publishes it), published with the platform's call and recorded
``sent``, ``failed`` or ``unknown``. An unknown one is looked for on the account, never posted
again blindly. The post is ``published`` when every channel has it, ``failed`` when one refused.

A published post is the inbox thread of its comments: the platforms key a comment's thread by
the post's id (Facebook post id, Instagram media id, X conversation, LinkedIn share URN, TikTok
video id), so ``link_comments`` (a pipeline step) finds the post of each new comment.
"""

from __future__ import annotations

import logging
import secrets
from datetime import datetime, timedelta

import httpx
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.tasks import task
from django.utils import timezone

from carewatch.audit.chain import append
from carewatch.content.actions import fully_approved
from carewatch.content.models import Post, PostComment, PostLink, PostStatus, Publication, PublishStatus
from carewatch.content.publishers import FINDERS, PUBLISHERS, Published
from carewatch.inbox.models import Direction, Mention, Tag
from carewatch.replies.links import new_code
from carewatch.replies.lint import _is_tracked, links, short_link_prefix
from carewatch.replies.models import TrackedLink
from carewatch.replies.policy import policy_for as reply_policy_for
from carewatch.sources.outbound import TIMEOUT, SendOutcome, transport_outcome
from carewatch.tenancy.access import require_role
from carewatch.tenancy.models import Channel, User

log = logging.getLogger(__name__)

STUCK_SENDING = timedelta(minutes=5)
PENDING_GRACE = timedelta(minutes=1)
WATCH_HOURS = 24


def _track(pub: Publication) -> str:
    """The variant's words with each link a tracked short link of this publication."""
    policy = reply_policy_for(pub.client)
    prefix = short_link_prefix(policy)
    text = pub.version.variants[pub.platform]
    out: list[str] = []
    last = 0
    for start, end, url in links(text):
        if _is_tracked(url, policy):
            continue
        target = url if url.lower().startswith(("http://", "https://")) else f"https://{url}"
        link = TrackedLink.objects.create(code=new_code(), client_id=pub.client_id, reply=None, case=None,
                                          template_key=f"post-{pub.post_id}", platform=pub.platform,
                                          target_url=target[:2000])
        PostLink.objects.create(post_id=pub.post_id, publication=pub, link=link)
        out.extend([text[last:start], prefix + link.code])
        last = end
    out.append(text[last:])
    return "".join(out)


def queue_post(post: Post, now: datetime | None = None) -> list[Publication]:
    """A scheduled, due post: its publications written (and their sends enqueued on commit).
    Refuses (and fails the post) if its approvals no longer cover its current version."""
    now = now or timezone.now()
    with transaction.atomic():
        post = Post.objects.select_for_update(of=("self",)).select_related("client", "current").get(pk=post.pk)
        if post.status != PostStatus.SCHEDULED or post.planned_at is None or post.planned_at > now:
            return []
        version = post.current
        if version is None or not fully_approved(post):
            post.status = PostStatus.IN_REVIEW
            post.save(update_fields=["status", "updated_at"])
            append("post.publish_refused", actor_label="publisher", client_id=post.client_id, obj=post,
                   data={"reason": "approvals do not cover the current version"})
            return []
        made: list[Publication] = []
        for channel in Channel.objects.filter(pk__in=version.channel_ids, client_id=post.client_id):
            if Publication.objects.filter(post=post, channel=channel).exclude(status=PublishStatus.FAILED).exists():
                continue
            pub = Publication.objects.create(
                client_id=post.client_id, post=post, version=version, channel=channel, platform=channel.platform,
                body="", idempotency_key=secrets.token_hex(16))
            pub.body = _track(pub)
            pub.save(update_fields=["body"])
            append("publication.queue", actor_label="publisher", client_id=post.client_id, obj=pub,
                   data={"post": post.pk, "version": version.number, "hash": version.content_hash,
                         "platform": channel.platform, "channel": channel.pk})
            made.append(pub)
            publish_task.enqueue(pub.pk)
    return made


def publish_due(now: datetime | None = None, limit: int = 200) -> int:
    """The periodic task's work: every scheduled post whose time has come is queued."""
    now = now or timezone.now()
    ids = list(Post.objects.filter(status=PostStatus.SCHEDULED, planned_at__lte=now)
               .order_by("planned_at").values_list("pk", flat=True)[:limit])
    count = 0
    for pk in ids:
        try:
            count += len(queue_post(Post(pk=pk), now))
        except IntegrityError:
            log.info("post %s was queued by another worker", pk)
    return count


def _claim(pub_id: int) -> Publication | None:
    taken = Publication.objects.filter(pk=pub_id, status=PublishStatus.PENDING).update(
        status=PublishStatus.SENDING, attempts=F("attempts") + 1)
    if not taken:
        return None
    return Publication.objects.select_related("channel", "client", "version", "post").get(pk=pub_id)


def _finish(pub: Publication, outcome: SendOutcome) -> None:
    now = timezone.now()
    with transaction.atomic():
        pub.status = outcome.status
        pub.external_id = outcome.external_id or pub.external_id
        pub.error = outcome.error[:300]
        pub.error_code = outcome.error_code[:40]
        if isinstance(outcome, Published):
            pub.url = outcome.url[:500] or pub.url
            pub.container_id = outcome.container_id or pub.container_id
        if outcome.status == PublishStatus.SENT:
            pub.sent_at = now
        pub.save()
        append(f"publication.{outcome.status}", actor_label="publisher", client_id=pub.client_id, obj=pub,
               data={"post": pub.post_id, "platform": pub.platform, "external_id": pub.external_id,
                     "error": pub.error, "code": pub.error_code})
        settle_post(pub.post_id)


def settle_post(post_id: int) -> str:
    """The post's status from its publications: published when all are sent, failed when one
    failed (and none is still open); otherwise it stays scheduled."""
    post = Post.objects.select_for_update(of=("self",)).get(pk=post_id)
    if post.status not in (PostStatus.SCHEDULED, PostStatus.FAILED):
        return str(post.status)
    live = list(Publication.objects.filter(post_id=post_id).order_by("id")
                .values_list("channel_id", "status", "sent_at"))
    latest: dict[int, str] = {}
    for channel_id, status, _sent in live:
        latest[channel_id] = status  # a channel's newest attempt is the one that counts
    statuses = set(latest.values())
    if not statuses:
        return str(post.status)
    new = post.status
    if statuses == {PublishStatus.SENT}:
        new = PostStatus.PUBLISHED
    elif PublishStatus.FAILED in statuses and not statuses & {PublishStatus.PENDING, PublishStatus.SENDING,
                                                              PublishStatus.UNKNOWN}:
        new = PostStatus.FAILED
    if new != post.status:
        post.status = new
        fields = ["status", "updated_at"]
        if new == PostStatus.PUBLISHED and post.first_published_at is None:
            post.first_published_at = min(s for _c, st, s in live if st == PublishStatus.SENT and s)
            fields.append("first_published_at")
        post.save(update_fields=fields)
        append(f"post.{new}", actor_label="publisher", client_id=post.client_id, obj=post,
               data={"publications": sorted(statuses)})
    return str(post.status)


def publish_now(pub_id: int, http: httpx.Client | None = None) -> Publication | None:
    pub = _claim(pub_id)
    if pub is None:
        return None
    publisher = PUBLISHERS.get(pub.platform)
    if publisher is None:
        _finish(pub, SendOutcome("failed", error=f"Carewatch does not publish to {pub.platform}",
                                 error_code="platform"))
        return pub
    own = http is None
    http = http or httpx.Client(timeout=TIMEOUT)
    try:
        outcome = publisher(pub, pub.channel, http)
    except (httpx.TimeoutException, httpx.TransportError) as exc:
        outcome = transport_outcome(exc)
    finally:
        if own:
            http.close()
    _finish(pub, outcome)
    return pub


@task()
def publish_task(pub_id: int) -> str:
    pub = publish_now(pub_id)
    return pub.status if pub else "skipped"


def reconcile(pub: Publication, http: httpx.Client | None = None) -> str:
    """An unknown publication: sent if the account shows it; otherwise it stays unknown for a
    person to decide (``do_retry_publication``) — a post is never published twice blindly."""
    finder = FINDERS.get(pub.platform)
    if finder is None:
        return str(pub.status)
    own = http is None
    http = http or httpx.Client(timeout=TIMEOUT)
    try:
        found = finder(pub, pub.channel, http)
    except (httpx.HTTPError, ValueError):
        found = None
    finally:
        if own:
            http.close()
    if found:
        _finish(pub, SendOutcome("sent", external_id=found))
        return "sent"
    return str(pub.status)


def sweep(now: datetime | None = None) -> dict[str, int]:
    """Due posts queued; pending rows a lost task left re-enqueued; a row stuck ``sending`` (its
    worker died mid-call) becomes unknown; unknown rows looked for."""
    now = now or timezone.now()
    queued = publish_due(now)
    pending = list(Publication.objects.filter(status=PublishStatus.PENDING, updated_at__lt=now - PENDING_GRACE)
                   .values_list("pk", flat=True)[:500])
    for pk in pending:
        publish_task.enqueue(pk)
    stuck = 0
    for pub in Publication.objects.filter(status=PublishStatus.SENDING, updated_at__lt=now - STUCK_SENDING):
        _finish(pub, SendOutcome("unknown", error="the publish call was interrupted; checking whether it went out"))
        stuck += 1
    for pub in Publication.objects.filter(status=PublishStatus.UNKNOWN).select_related("channel", "version")[:100]:
        try:
            reconcile(pub)
        except Exception:
            log.exception("reconciling publication %s failed", pub.pk)
    return {"queued": queued, "requeued": len(pending), "stuck": stuck}


# ------------------------------------------------------------------ comments on published posts
def post_tag(post_id: int) -> str:
    return f"post-{post_id}"


def link_comments(mentions: list[Mention]) -> None:
    """Pipeline step: a new inbound comment on a published post's thread is recorded against the
    post (the 24-hour watch, comments per post) and its case tagged with the post and campaign, so
    the desk sees which post, product and claims it answers."""
    inbound = [m for m in mentions if m.direction == Direction.INBOUND and not m.thread_key.startswith("dm:")]
    if not inbound:
        return
    keys = {(m.channel_id, m.thread_key) for m in inbound}
    pubs = {(p.channel_id, p.external_id): p for p in Publication.objects.filter(
        status=PublishStatus.SENT, channel_id__in={k[0] for k in keys}, external_id__in={k[1] for k in keys}
    ).select_related("post__campaign")}
    if not pubs:
        return
    with transaction.atomic():
        for mention in inbound:
            pub = pubs.get((mention.channel_id, mention.thread_key))
            if pub is None or PostComment.objects.filter(mention=mention).exists():
                continue
            sent_at = pub.sent_at or mention.created_at
            PostComment.objects.create(
                client_id=pub.client_id, post_id=pub.post_id, publication=pub, mention=mention,
                case_id=mention.case_id, at=mention.created_at,
                hours_after=max(0.0, (mention.created_at - sent_at).total_seconds() / 3600))
            if mention.case_id:
                names = [post_tag(pub.post_id)]
                if pub.post.campaign is not None:
                    names.append(f"campaign-{pub.post.campaign.key}"[:60])
                from carewatch.inbox.models import CaseTag

                for name in names:
                    tag, _ = Tag.objects.get_or_create(client_id=pub.client_id, name=name)
                    CaseTag.objects.get_or_create(case_id=mention.case_id, tag=tag)
            append("post.comment", actor_label="content", client_id=pub.client_id, obj=pub.post,
                   data={"mention": mention.pk, "case": mention.case_id, "publication": pub.pk})


# ------------------------------------------------------------------ a person's decisions
def do_retry(actor: User, post: Post) -> list[Publication]:
    """A failed post is tried again on the channels that refused it (its approvals must still
    cover its current version); the channels that have it are left alone."""
    from carewatch.content.actions import CONTENT_WRITE_ROLES

    require_role(actor, post.client_id, CONTENT_WRITE_ROLES)
    with transaction.atomic():
        post = Post.objects.select_for_update(of=("self",)).select_related("client", "current").get(pk=post.pk)
        if post.status != PostStatus.FAILED:
            raise ValidationError("only a failed post is tried again")
        if not fully_approved(post):
            raise ValidationError("the approvals no longer cover this post: it goes through review again")
        post.status = PostStatus.SCHEDULED
        if post.planned_at is None or post.planned_at > timezone.now():
            post.planned_at = timezone.now()
        post.save(update_fields=["status", "planned_at", "updated_at"])
        append("post.retry", actor=actor, client_id=post.client_id, obj=post, data={})
        return queue_post(post)


def do_resolve_unknown(actor: User, pub: Publication, published: bool, external_id: str = "") -> Publication:
    """A person looked at the account: the post is there (sent, with its id) or it is not
    (failed: then it may be tried again)."""
    from carewatch.content.actions import CONTENT_WRITE_ROLES

    require_role(actor, pub.client_id, CONTENT_WRITE_ROLES)
    with transaction.atomic():
        pub = Publication.objects.select_for_update(of=("self",)).select_related("channel").get(pk=pub.pk)
        if pub.status != PublishStatus.UNKNOWN:
            raise ValidationError("only a publication whose outcome is unknown is settled by hand")
        if published and not external_id.strip():
            raise ValidationError("give the platform's id of the post")
        append("publication.resolve", actor=actor, client_id=pub.client_id, obj=pub,
               data={"published": published, "external_id": external_id.strip()[:255]})
        outcome = (SendOutcome("sent", external_id=external_id.strip()[:255]) if published else
                   SendOutcome("failed", error="not on the account (checked by a person); may be tried again",
                               error_code="not_delivered"))
        _finish(pub, outcome)
    return pub
