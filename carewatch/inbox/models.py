"""Mentions, their authors and threads, and the cases agents work on."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models.functions import Upper

from carewatch.tenancy.models import Platform


class MentionKind(models.TextChoices):
    POST = "post", "Post"
    COMMENT = "comment", "Comment"
    REPLY = "reply", "Reply"
    DM = "dm", "Direct message"
    MENTION = "mention", "Mention"
    REVIEW = "review", "Review"
    LISTENING = "listening", "Web listening"


class Direction(models.TextChoices):
    INBOUND = "in", "From the public"
    OUTBOUND = "out", "From the brand"


class CaseStatus(models.TextChoices):
    NEW = "new", "New"
    OPEN = "open", "Open"
    WAITING = "waiting", "Waiting on customer"
    ESCALATED = "escalated", "Escalated"
    CLOSED = "closed", "Closed"


OPEN_STATUSES = (CaseStatus.NEW, CaseStatus.OPEN, CaseStatus.WAITING, CaseStatus.ESCALATED)


class Priority(models.IntegerChoices):
    LOW = 1, "Low"
    NORMAL = 2, "Normal"
    HIGH = 3, "High"
    URGENT = 4, "Urgent"


class Author(models.Model):
    """A platform identity as seen by one client (histories never cross tenants)."""

    client = models.ForeignKey("tenancy.Client", on_delete=models.CASCADE, related_name="+")
    platform = models.CharField(max_length=16, choices=Platform.choices)
    external_id = models.CharField(max_length=200)
    handle = models.CharField(max_length=200, blank=True)
    display_name = models.CharField(max_length=200, blank=True)
    flags = models.JSONField(default=dict, blank=True)  # influencer, vip, repeat_complainer
    first_seen_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(
                fields=["client", "platform", "external_id"], name="uniq_author_identity"
            )
        ]
        indexes: ClassVar[list[Any]] = [
            # The queue's "@handle" search: case-insensitive, like iexact on both engines.
            models.Index(Upper("handle"), name="author_handle_upper"),
        ]

    def __str__(self) -> str:
        return f"@{self.handle or self.external_id}"


class Tag(models.Model):
    class Kind(models.TextChoices):
        TAG = "tag", "Tag"  # applied by people
        LABEL = "label", "Triage label"  # applied by the triage step

    client = models.ForeignKey("tenancy.Client", on_delete=models.CASCADE, related_name="tags")
    name = models.CharField(max_length=60)
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.TAG)

    class Meta:
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["client", "name"], name="uniq_tag_per_client")
        ]
        ordering: ClassVar[list[str]] = ["name"]

    def __str__(self) -> str:
        return self.name


class Case(models.Model):
    """The unit of work: one author's mentions in one thread of one channel."""

    client = models.ForeignKey("tenancy.Client", on_delete=models.CASCADE, related_name="cases")
    channel = models.ForeignKey("tenancy.Channel", on_delete=models.PROTECT, related_name="cases")
    platform = models.CharField(max_length=16, choices=Platform.choices)
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="cases")
    thread_key = models.CharField(max_length=255)
    subject = models.CharField(max_length=240, blank=True)  # preview of the first message
    language = models.CharField(max_length=8, blank=True)
    status = models.CharField(max_length=12, choices=CaseStatus.choices, default=CaseStatus.NEW)
    priority = models.PositiveSmallIntegerField(choices=Priority.choices, default=Priority.NORMAL)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="assigned_cases",
    )
    tags = models.ManyToManyField(Tag, through="CaseTag", related_name="cases", blank=True)
    mention_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField(auto_now=True)
    last_activity_at = models.DateTimeField()
    first_response_due = models.DateTimeField(null=True, blank=True)
    first_responded_at = models.DateTimeField(null=True, blank=True)
    resolution_due = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    close_reason = models.CharField(max_length=60, blank=True)

    class Meta:
        indexes: ClassVar[list[Any]] = [
            models.Index(fields=["status", "-last_activity_at"], name="case_status_activity"),
            # The queue over every status ("all"): walked in queue order, stopping after a page.
            models.Index(fields=["-last_activity_at", "-id"], name="case_activity"),
            models.Index(fields=["client", "status", "-last_activity_at"], name="case_client_status"),
            models.Index(fields=["assignee", "status", "-last_activity_at"], name="case_assignee"),
            models.Index(fields=["platform", "status", "-last_activity_at"], name="case_platform"),
            models.Index(fields=["priority", "status", "-last_activity_at"], name="case_priority"),
            models.Index(fields=["language", "status", "-last_activity_at"], name="case_language"),
            models.Index(fields=["status", "first_response_due"], name="case_sla_due"),
            models.Index(fields=["channel", "thread_key", "author", "status"], name="case_grouping"),
        ]

    def __str__(self) -> str:
        return f"Case {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status != CaseStatus.CLOSED


class CaseTag(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE)
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE)

    class Meta:
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["case", "tag"], name="uniq_case_tag")
        ]
        indexes: ClassVar[list[Any]] = [models.Index(fields=["tag", "case"], name="casetag_by_tag")]

    def __str__(self) -> str:
        return f"{self.tag_id} on case {self.case_id}"


class Mention(models.Model):
    """One message on a platform: a post, comment, reply, DM, mention, review or web hit."""

    client = models.ForeignKey("tenancy.Client", on_delete=models.CASCADE, related_name="+")
    channel = models.ForeignKey("tenancy.Channel", on_delete=models.PROTECT, related_name="+")
    platform = models.CharField(max_length=16, choices=Platform.choices)
    kind = models.CharField(max_length=12, choices=MentionKind.choices)
    direction = models.CharField(max_length=3, choices=Direction.choices, default=Direction.INBOUND)
    external_id = models.CharField(max_length=255)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replies"
    )
    parent_external_id = models.CharField(max_length=255, blank=True)
    thread_key = models.CharField(max_length=255)
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="mentions")
    text = models.TextField()
    language = models.CharField(max_length=8, blank=True)
    created_at = models.DateTimeField()
    received_at = models.DateTimeField()
    source_tz = models.CharField(max_length=64, blank=True)
    url = models.URLField(max_length=500, blank=True)
    edit_history = models.JSONField(default=list, blank=True)  # [{"text", "replaced_at"}]
    is_hidden = models.BooleanField(default=False)
    is_deleted = models.BooleanField(default=False)
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="mentions")
    inbound_event = models.ForeignKey(
        "sources.InboundEvent", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    platform_meta = models.JSONField(default=dict, blank=True)  # e.g. echo metadata, rating, live
    labels = models.JSONField(default=list, blank=True)
    triage = models.JSONField(default=dict, blank=True)
    triaged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["channel", "external_id"], name="uniq_mention_per_channel")
        ]
        indexes: ClassVar[list[Any]] = [
            models.Index(fields=["client", "-created_at"], name="mention_client_created"),
            models.Index(fields=["case", "created_at"], name="mention_case"),
            models.Index(fields=["author", "-created_at"], name="mention_author"),
            models.Index(fields=["channel", "thread_key"], name="mention_thread"),
        ]

    def __str__(self) -> str:
        return f"{self.platform}:{self.external_id}"


class Note(models.Model):
    """An internal note on a case; never sent to the platform."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["created_at"]

    def __str__(self) -> str:
        return f"Note {self.pk} on case {self.case_id}"
