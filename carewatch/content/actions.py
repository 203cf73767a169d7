"""Every change to campaigns and posts: permission check, the change, its audit event, in one
transaction. Views, the API, config-as-code, the demo and tasks call these.

The MLR rules (as for reply templates): a post's words live in immutable versions; each approval
names one discipline (medical, legal, regulatory) and one exact version by its content hash; the
author never approves; the compliance lint on every platform variant must pass; all required
disciplines before scheduling. Any edit of the content makes a new version and sends the post back
to review (the approvals stay on the old version, where they were given); moving the planned time
changes no content and keeps them.

Audit data keeps ids, hashes, statuses and rule names, not the post's words (they are on the rows).
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from carewatch.audit.chain import append
from carewatch.content.checks import blocking_findings, content_hash, lint_variants
from carewatch.content.models import Campaign, Post, PostApproval, PostStatus, PostVersion
from carewatch.content.policy import PUBLISHABLE, policy_for
from carewatch.content.times import to_utc
from carewatch.tenancy.access import require_role
from carewatch.tenancy.models import Channel, Client, Product, Role, User

log = logging.getLogger(__name__)

CONTENT_WRITE_ROLES = frozenset({Role.ADMIN, Role.SUPERVISOR, Role.AGENT})
CONTENT_APPROVER_ROLES = frozenset({Role.ADMIN, Role.SUPERVISOR, Role.REVIEWER})
EDITABLE = (PostStatus.DRAFT, PostStatus.IN_REVIEW, PostStatus.APPROVED, PostStatus.SCHEDULED, PostStatus.FAILED)
MOVABLE = (PostStatus.DRAFT, PostStatus.IN_REVIEW, PostStatus.APPROVED, PostStatus.SCHEDULED, PostStatus.FAILED)
MAX_TEXT = 63_206


def _who(actor: User | None, client: Client, roles: frozenset[str]) -> None:
    if actor is not None:
        require_role(actor, client.pk, roles)


# ------------------------------------------------------------------ campaigns
def do_save_campaign(actor: User | None, client: Client, key: str, name: str, *, product: Product | None = None,
                     starts_on: Any = None, ends_on: Any = None, actor_label: str | None = None) -> Campaign:
    _who(actor, client, CONTENT_WRITE_ROLES)
    key = key.strip().lower()
    if not key or len(key) > 60 or not all(c.isalnum() or c == "-" for c in key):
        raise ValidationError("a campaign key is lower-case letters, digits and dashes")
    if product is not None and product.client_id != client.pk:
        raise ValidationError("no such product")
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError("a campaign ends after it starts")
    wanted = {"name": (name or key).strip()[:200], "product": product, "starts_on": starts_on or None,
              "ends_on": ends_on or None}
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().filter(client=client, key=key).first()
        if campaign is None:
            campaign = Campaign.objects.create(client=client, key=key, **wanted)
            append("campaign.create", actor=actor, actor_label=actor_label, client_id=client.pk, obj=campaign,
                   data={"key": key})
            return campaign
        diff = {k: v for k, v in wanted.items() if getattr(campaign, k) != v}
        if diff:
            for k, v in diff.items():
                setattr(campaign, k, v)
            campaign.save()
            append("campaign.update", actor=actor, actor_label=actor_label, client_id=client.pk, obj=campaign,
                   data={"key": key, "changed": sorted(diff)})
    return campaign


# ------------------------------------------------------------------ content
def _clean(client: Client, variants: dict[str, str], channel_ids: list[int], media: list[dict[str, str]],
           links: list[str]) -> tuple[dict[str, str], list[int], list[dict[str, str]], list[str]]:
    variants = {str(p): str(t).strip() for p, t in variants.items() if str(t).strip()}
    if not variants:
        raise ValidationError("a post needs its text for at least one platform")
    for platform, text in variants.items():
        if platform not in PUBLISHABLE:
            raise ValidationError(f"Carewatch does not publish to {platform!r} (only {', '.join(PUBLISHABLE)})")
        if len(text) > MAX_TEXT:
            raise ValidationError(f"the {platform} text is too long to store")
    ids = sorted({int(i) for i in channel_ids})
    if not ids:
        raise ValidationError("choose at least one channel to publish to")
    channels = list(Channel.objects.filter(pk__in=ids, client=client, is_active=True))
    if len(channels) != len(ids):
        raise ValidationError("no such channel")
    for channel in channels:
        if channel.platform not in variants:
            raise ValidationError(f"{channel} is a target but the post has no {channel.get_platform_display()} text")
    clean_media: list[dict[str, str]] = []
    for item in media:
        url = str(item.get("url", "")).strip()
        kind = str(item.get("kind", "image"))
        if not url.startswith("https://") or kind not in ("image", "video"):
            raise ValidationError("each media item is an https:// address of an image or a video")
        clean_media.append({"url": url[:1000], "kind": kind, "alt": str(item.get("alt", ""))[:400]})
    clean_links = []
    for link in links:
        link = str(link).strip()
        if link:
            if not link.startswith(("https://", "http://")):
                raise ValidationError(f"{link!r} is not a web address")
            clean_links.append(link[:2000])
    return variants, ids, clean_media, clean_links


def _new_version(actor: User | None, post: Post, variants: dict[str, str], channel_ids: list[int],
                 media: list[dict[str, str]], links: list[str], actor_label: str | None) -> PostVersion:
    number = (post.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    digest = content_hash(variants, media, links, channel_ids, post.product_id, post.promotional)
    version = PostVersion.objects.create(
        post=post, client_id=post.client_id, number=number, variants=variants, media=media, links=links,
        channel_ids=channel_ids, content_hash=digest, author=actor,
        lint=lint_variants(post.client, variants, media, user=actor),
    )
    post.current = version
    append("post.version", actor=actor, actor_label=actor_label, client_id=post.client_id, obj=post,
           data={"number": number, "hash": digest, "platforms": sorted(variants), "channels": channel_ids,
                 "blocking": len(blocking_findings(version.lint))})
    return version


def planned_from(client: Client, local: datetime | None, *, second: bool = False) -> datetime | None:
    return None if local is None else to_utc(local, client.timezone, second=second)


def do_create_post(actor: User | None, client: Client, title: str, variants: dict[str, str], channel_ids: list[int],
                   *, planned_local: datetime | None = None, campaign: Campaign | None = None,
                   product: Product | None = None, media: list[dict[str, str]] | None = None,
                   links: list[str] | None = None, promotional: bool = True, second: bool = False,
                   actor_label: str | None = None) -> Post:
    """A draft with its first version; ``planned_local`` is a wall-clock time in the client's zone."""
    _who(actor, client, CONTENT_WRITE_ROLES)
    title = title.strip()
    if not title:
        raise ValidationError("a post needs a title")
    if campaign is not None and campaign.client_id != client.pk:
        raise ValidationError("no such campaign")
    if product is None and campaign is not None:
        product = campaign.product
    if product is not None and product.client_id != client.pk:
        raise ValidationError("no such product")
    variants, ids, clean_media, clean_links = _clean(client, variants, channel_ids, media or [], links or [])
    planned = planned_from(client, planned_local, second=second)
    with transaction.atomic():
        post = Post.objects.create(client=client, title=title[:200], campaign=campaign, product=product,
                                   promotional=promotional, planned_at=planned,
                                   planned_tz=client.timezone if planned else "", author=actor)
        append("post.create", actor=actor, actor_label=actor_label, client_id=client.pk, obj=post,
               data={"campaign": campaign.key if campaign else None, "planned_at": planned.isoformat() if planned
                     else None, "promotional": promotional})
        _new_version(actor, post, variants, ids, clean_media, clean_links, actor_label)
        post.save(update_fields=["current", "updated_at"])
    return post


def _lock(post: Post) -> Post:
    return Post.objects.select_for_update(of=("self",)).select_related("client", "current").get(pk=post.pk)


def do_edit_post(actor: User | None, post: Post, variants: dict[str, str], channel_ids: list[int], *,
                 media: list[dict[str, str]] | None = None, links: list[str] | None = None,
                 actor_label: str | None = None) -> Post:
    """New content is a new version; after submission it goes (back) to review: approvals given to
    an earlier version never count for this one. The same content changes nothing."""
    _who(actor, post.client, CONTENT_WRITE_ROLES)
    variants, ids, clean_media, clean_links = _clean(post.client, variants, channel_ids, media or [], links or [])
    with transaction.atomic():
        post = _lock(post)
        if post.status not in EDITABLE:
            raise ValidationError(f"a {post.get_status_display().lower()} post cannot be edited")
        digest = content_hash(variants, clean_media, clean_links, ids, post.product_id, post.promotional)
        if post.current is not None and post.current.content_hash == digest:
            return post
        before = post.status
        _new_version(actor, post, variants, ids, clean_media, clean_links, actor_label)
        if before != PostStatus.DRAFT:
            post.status = PostStatus.IN_REVIEW
            post.disciplines = list(policy_for(post.client).approvals)
            append("post.back_to_review", actor=actor, actor_label=actor_label, client_id=post.client_id, obj=post,
                   data={"from": before, "number": post.current.number if post.current else None})
        post.save(update_fields=["current", "status", "disciplines", "updated_at"])
    return post


def do_submit(actor: User | None, post: Post, actor_label: str | None = None) -> Post:
    _who(actor, post.client, CONTENT_WRITE_ROLES)
    with transaction.atomic():
        post = _lock(post)
        if post.status != PostStatus.DRAFT:
            raise ValidationError(f"only a draft goes to review (this post is {post.get_status_display().lower()})")
        post.status = PostStatus.IN_REVIEW
        post.disciplines = list(policy_for(post.client).approvals)
        post.save(update_fields=["status", "disciplines", "updated_at"])
        append("post.submit", actor=actor, actor_label=actor_label, client_id=post.client_id, obj=post,
               data={"disciplines": post.disciplines, "hash": post.current.content_hash if post.current else None})
    return post


def approvals_of(post: Post) -> dict[str, PostApproval]:
    """The approvals that count: those on the current version, by discipline."""
    if post.current_id is None:
        return {}
    return {a.discipline: a for a in PostApproval.objects.filter(version_id=post.current_id).select_related(
        "reviewer")}


def missing_disciplines(post: Post) -> list[str]:
    given = approvals_of(post)
    required = post.disciplines or list(policy_for(post.client).approvals)
    return [d for d in required if d not in given]


def may_approve_for(actor: User, post: Post) -> list[str]:
    """The disciplines this user could approve now (for the page's buttons)."""
    from carewatch.tenancy.access import role_for

    if role_for(actor, post.client_id) not in CONTENT_APPROVER_ROLES or post.status != PostStatus.IN_REVIEW:
        return []
    if actor.pk in (post.author_id, post.current.author_id if post.current else None):
        return []
    given = approvals_of(post)
    if any(a.reviewer_id == actor.pk for a in given.values()):
        return []
    named = policy_for(post.client).reviewers
    return [d for d in missing_disciplines(post) if not named or actor.email.lower() in named.get(d, ())]


def do_approve(actor: User, post: Post, discipline: str, approved_hash: str) -> Post:
    """One reviewer's approval of the version they saw (``approved_hash``), for one discipline."""
    require_role(actor, post.client_id, CONTENT_APPROVER_ROLES)
    with transaction.atomic():
        post = _lock(post)
        version = post.current
        if post.status != PostStatus.IN_REVIEW or version is None:
            raise ValidationError(f"only a post in review can be approved (this one is "
                                  f"{post.get_status_display().lower()})")
        if actor.pk in (post.author_id, version.author_id):
            raise PermissionDenied("nobody approves their own post")
        if approved_hash != version.content_hash:
            raise ValidationError("the post changed since you read it: read the new version and approve that")
        required = post.disciplines or list(policy_for(post.client).approvals)
        if discipline not in required:
            raise ValidationError(f"this post needs no {discipline} approval (it needs {', '.join(required)})")
        named = policy_for(post.client).reviewers
        if named and actor.email.lower() not in named.get(discipline, ()):
            raise PermissionDenied(f"you are not one of {post.client.name}'s {discipline} reviewers")
        given = approvals_of(post)
        if discipline in given:
            raise ValidationError(f"the {discipline} approval of this version is already given")
        if any(a.reviewer_id == actor.pk for a in given.values()):
            raise ValidationError("you have already approved this version for another discipline")
        # The lint runs again on every variant: the client's banned words or products may have changed.
        results = lint_variants(post.client, version.variants, version.media)
        blocking = blocking_findings(results)
        if blocking:
            raise ValidationError(f"the compliance lint blocks this post — {'; '.join(blocking)}")
        PostApproval.objects.create(post=post, version=version, content_hash=version.content_hash,
                                    discipline=discipline, reviewer=actor)
        missing = [d for d in required if d not in given and d != discipline]
        append("post.approve", actor=actor, client_id=post.client_id, obj=post,
               data={"discipline": discipline, "version": version.number, "hash": version.content_hash,
                     "missing": missing})
        if not missing:
            post.status = PostStatus.APPROVED
            post.save(update_fields=["status", "updated_at"])
            append("post.approved", actor=actor, client_id=post.client_id, obj=post,
                   data={"version": version.number, "hash": version.content_hash})
    return post


def do_approve_signed(actor: User, post: Post, discipline: str, approved_hash: str, credential: str) -> Post:
    """``do_approve`` as an electronic signature (21 CFR Part 11): the reviewer re-authenticates
    (password or authenticator code) at the moment of signing, and the approval and its signature
    (meaning "approved", bound to the exact version's hash) commit together or not at all."""
    from carewatch.content.signing import MEANING
    from carewatch.identity.signatures import reauthenticate, record_signature

    require_role(actor, post.client_id, CONTENT_APPROVER_ROLES)
    method = reauthenticate(actor, credential)
    with transaction.atomic():
        post = do_approve(actor, post, discipline, approved_hash)
        approval = PostApproval.objects.get(version_id=post.current_id, discipline=discipline)
        record_signature(actor, method, meaning=MEANING, record=approval, client_id=post.client_id)
    return post


def do_request_changes(actor: User, post: Post, reason: str) -> Post:
    """A reviewer sends the post back to its author as a draft."""
    require_role(actor, post.client_id, CONTENT_APPROVER_ROLES)
    reason = reason.strip()
    if not reason:
        raise ValidationError("say what should change")
    with transaction.atomic():
        post = _lock(post)
        if post.status != PostStatus.IN_REVIEW:
            raise ValidationError("only a post in review can be sent back")
        post.status = PostStatus.DRAFT
        post.save(update_fields=["status", "updated_at"])
        append("post.changes_requested", actor=actor, client_id=post.client_id, obj=post,
               data={"reason": reason[:300]})
    return post


def fully_approved(post: Post) -> bool:
    return post.current is not None and not missing_disciplines(post) and all(
        a.content_hash == post.current.content_hash for a in approvals_of(post).values())


def do_schedule(actor: User | None, post: Post, actor_label: str | None = None) -> Post:
    """An approved post with a planned time in the future is handed to the publisher."""
    _who(actor, post.client, CONTENT_WRITE_ROLES)
    with transaction.atomic():
        post = _lock(post)
        if post.status != PostStatus.APPROVED or not fully_approved(post):
            raise ValidationError("only a post with every required approval on its current version is scheduled")
        if post.planned_at is None:
            raise ValidationError("plan a time first")
        if post.planned_at <= timezone.now():
            raise ValidationError("the planned time has passed: move it first")
        post.status = PostStatus.SCHEDULED
        post.save(update_fields=["status", "updated_at"])
        append("post.schedule", actor=actor, actor_label=actor_label, client_id=post.client_id, obj=post,
               data={"planned_at": post.planned_at.isoformat(), "hash": post.current.content_hash
                     if post.current else None})
    return post


def do_reschedule(actor: User | None, post: Post, planned_local: datetime, *, second: bool = False,
                  actor_label: str | None = None) -> Post:
    """Move the planned time (a wall-clock time in the client's zone). No content changes, so the
    approvals and the status stay."""
    _who(actor, post.client, CONTENT_WRITE_ROLES)
    planned = to_utc(planned_local, post.client.timezone, second=second)
    with transaction.atomic():
        post = _lock(post)
        if post.status not in MOVABLE:
            raise ValidationError(f"a {post.get_status_display().lower()} post cannot be moved")
        if post.status == PostStatus.SCHEDULED and planned <= timezone.now():
            raise ValidationError("a scheduled post moves to a time in the future")
        before = post.planned_at
        if before == planned:
            return post
        post.planned_at = planned
        post.planned_tz = post.client.timezone
        post.save(update_fields=["planned_at", "planned_tz", "updated_at"])
        append("post.reschedule", actor=actor, actor_label=actor_label, client_id=post.client_id, obj=post,
               data={"from": before.isoformat() if before else None, "to": planned.isoformat(),
                     "status": post.status})
    return post


def do_unschedule(actor: User, post: Post) -> Post:
    _who(actor, post.client, CONTENT_WRITE_ROLES)
    with transaction.atomic():
        post = _lock(post)
        if post.status != PostStatus.SCHEDULED:
            raise ValidationError("only a scheduled post is taken off the schedule")
        post.status = PostStatus.APPROVED
        post.save(update_fields=["status", "updated_at"])
        append("post.unschedule", actor=actor, client_id=post.client_id, obj=post, data={})
    return post
