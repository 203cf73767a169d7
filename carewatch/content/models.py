"""The content calendar: campaigns, posts as immutable versions (one text per platform), their
MLR approvals (each on an exact version, by its content hash), what was published where, and the
comments a published post drew.

Only ``content/actions.py`` (and ``content/publishing.py`` for the outbox rows) changes these
rows, each change with its audit event.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q


class PostStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    APPROVED = "approved", "Approved"
    SCHEDULED = "scheduled", "Scheduled"
    PUBLISHED = "published", "Published"
    FAILED = "failed", "Failed"


class Discipline(models.TextChoices):
    MEDICAL = "medical", "Medical"
    LEGAL = "legal", "Legal"
    REGULATORY = "regulatory", "Regulatory"


class Campaign(models.Model):
    client = models.ForeignKey("tenancy.Client", on_delete=models.CASCADE, related_name="+")
    key = models.SlugField(max_length=60)
    name = models.CharField(max_length=200)
    product = models.ForeignKey("tenancy.Product", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["client", "key"], name="uniq_campaign_key"),
        ]
        ordering: ClassVar[list[str]] = ["client_id", "key"]

    def __str__(self) -> str:
        return self.name or self.key


class Post(models.Model):
    """One piece of content for a client: its words live in its versions; its time is not part of
    the content (rescheduling keeps approvals)."""

    client = models.ForeignKey("tenancy.Client", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=200)
    campaign = models.ForeignKey(Campaign, null=True, blank=True, on_delete=models.SET_NULL, related_name="posts")
    product = models.ForeignKey("tenancy.Product", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    promotional = models.BooleanField(default=True)  # a 2253 submission at first use
    status = models.CharField(max_length=10, choices=PostStatus.choices, default=PostStatus.DRAFT)
    planned_at = models.DateTimeField(null=True, blank=True)  # UTC
    planned_tz = models.CharField(max_length=64, blank=True)  # the client's zone the time was given in
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")  # None: loaded by config-as-code or the demo
    current = models.ForeignKey("PostVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    disciplines = models.JSONField(default=list, blank=True)  # required at submission
    first_published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes: ClassVar[list[Any]] = [
            models.Index(fields=["client", "planned_at"], name="post_client_planned"),
            models.Index(fields=["status", "planned_at"], name="post_status_planned"),
        ]
        ordering: ClassVar[list[str]] = ["planned_at", "id"]

    def __str__(self) -> str:
        return self.title


class PostVersion(models.Model):
    """One immutable wording of a post: the text per platform, media, links and target channels.
    ``content_hash`` (SHA-256 of all of it) is what an approval names."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="versions")
    client = models.ForeignKey("tenancy.Client", on_delete=models.CASCADE, related_name="+")
    number = models.PositiveIntegerField()
    variants = models.JSONField(default=dict)  # {platform: text}
    media = models.JSONField(default=list, blank=True)  # [{"url", "kind": image|video, "alt"}]
    links = models.JSONField(default=list, blank=True)  # target URLs (tracked when published)
    channel_ids = models.JSONField(default=list)  # target channels
    content_hash = models.CharField(max_length=64)
    lint = models.JSONField(default=dict, blank=True)  # {platform: [finding, ...]} when written
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["post", "number"], name="uniq_post_version_number"),
        ]
        ordering: ClassVar[list[str]] = ["post_id", "-number"]

    def __str__(self) -> str:
        return f"{self.post_id} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            stored = PostVersion.objects.filter(pk=self.pk).values_list("content_hash", flat=True).first()
            if stored is not None and stored != self.content_hash:
                raise ValidationError("a post version is immutable: write a new version instead")
        super().save(*args, **kwargs)


class PostApproval(models.Model):
    """One reviewer's approval for one discipline of one exact version."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="approvals")
    version = models.ForeignKey(PostVersion, on_delete=models.CASCADE, related_name="approvals")
    content_hash = models.CharField(max_length=64)
    discipline = models.CharField(max_length=12, choices=Discipline.choices)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["version", "discipline"], name="uniq_post_approval_discipline"),
            models.UniqueConstraint(fields=["version", "reviewer"], name="uniq_post_approval_reviewer"),
        ]
        ordering: ClassVar[list[str]] = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.discipline} approval of {self.version_id}"


class PublishStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be published"
    SENDING = "sending", "Being published"
    SENT = "sent", "Published"
    FAILED = "failed", "Failed"
    UNKNOWN = "unknown", "Outcome unknown (being reconciled)"


class Publication(models.Model):
    """The outbox row of one post on one channel: written before the call, never re-sent blindly.
    Once sent, ``external_id`` is the platform's post id, which is also the inbox thread key of
    the comments it draws."""

    client = models.ForeignKey("tenancy.Client", on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="publications")
    version = models.ForeignKey(PostVersion, on_delete=models.PROTECT, related_name="publications")
    channel = models.ForeignKey("tenancy.Channel", on_delete=models.PROTECT, related_name="+")
    platform = models.CharField(max_length=16)
    body = models.TextField()  # as published: links tracked
    idempotency_key = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=10, choices=PublishStatus.choices, default=PublishStatus.PENDING)
    external_id = models.CharField(max_length=255, blank=True)
    container_id = models.CharField(max_length=255, blank=True)  # Instagram's media container
    url = models.URLField(max_length=500, blank=True)
    error = models.CharField(max_length=300, blank=True)
    error_code = models.CharField(max_length=40, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints: ClassVar[list[Any]] = [
            # One live publication per post and channel: only a failed one may be tried again.
            models.UniqueConstraint(fields=["post", "channel"], condition=~Q(status="failed"),
                                    name="uniq_live_publication"),
        ]
        indexes: ClassVar[list[Any]] = [
            models.Index(fields=["status", "updated_at"], name="publication_status"),
            models.Index(fields=["channel", "external_id"], name="publication_thread"),
        ]

    def __str__(self) -> str:
        return f"post {self.post_id} on {self.platform} ({self.status})"


class PostLink(models.Model):
    """A tracked short link (``replies.TrackedLink``) made for one publication."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="links")
    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="links")
    link = models.OneToOneField("replies.TrackedLink", on_delete=models.CASCADE, related_name="+")

    def __str__(self) -> str:
        return f"link {self.link_id} of post {self.post_id}"


class PostComment(models.Model):
    """A comment that arrived on a published post's thread: the 24-hour watch and per-post reports."""

    client = models.ForeignKey("tenancy.Client", on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="comments")
    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="comments")
    mention = models.OneToOneField("inbox.Mention", on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey("inbox.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField()  # when the comment was written
    hours_after = models.FloatField(default=0.0)  # after the publication

    class Meta:
        ordering: ClassVar[list[str]] = ["at", "id"]

    def __str__(self) -> str:
        return f"comment {self.mention_id} on post {self.post_id}"
