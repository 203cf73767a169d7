"""Everything about answering: reply templates (immutable versions with their approvals), the
replies agents compose from them, the tracked short links in what was sent, and the outbox (every
outbound call is a row before it is made).

State changes go through ``replies/actions.py`` (templates, replies, links) and the outbox's
``do_queue_outbound``, each with its audit event; the outbox's sends and the links' click counters
are machinery (``tests/architecture/test_write_paths.py``).

The models of templates, replies and links came from the former ``responses`` app: they keep
their tables (``responses_*``, named in each ``Meta.db_table``) and the rows already there; see
``former_responses/__init__.py``.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone


class Category(models.TextChoices):
    AE_ACKNOWLEDGEMENT = "ae_acknowledgement", "Adverse event acknowledgement"
    PRODUCT_COMPLAINT = "product_complaint", "Product complaint"
    MEDICAL_INFORMATION = "medical_information", "Medical Information referral (off-label, medical questions)"
    GENERAL_QUESTION = "general_question", "General question"
    COMPLAINT = "complaint", "Complaint"
    UGC_RIGHTS_REQUEST = "ugc_rights_request", "UGC rights request"
    GIVEAWAY = "giveaway", "Giveaway"
    FOLLOW_UP_TOUCH_2 = "follow_up_touch_2", "Follow-up, touch 2"
    FOLLOW_UP_TOUCH_3 = "follow_up_touch_3", "Follow-up, touch 3"
    HOLDING_STATEMENT = "holding_statement", "Holding statement (crisis; pinned during an incident)"


# Scripts: PV- or MI-approved words that are sent as approved, never edited (compliance §1.6).
SCRIPTED = frozenset({Category.AE_ACKNOWLEDGEMENT, Category.MEDICAL_INFORMATION})


class VersionStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    APPROVED = "approved", "Approved"
    RETIRED = "retired", "Retired"


class Template(models.Model):
    """One reply template of a client in one language; its words live in its versions."""

    client = models.ForeignKey("tenancy.Client", on_delete=models.CASCADE, related_name="+")
    key = models.SlugField(max_length=60)  # e.g. "mi-referral"; utm_content of its links
    language = models.CharField(max_length=8, default="en")
    category = models.CharField(max_length=24, choices=Category.choices)
    name = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "responses_template"
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["client", "key", "language"], name="uniq_template_key_language"),
        ]
        ordering: ClassVar[list[str]] = ["category", "key", "language"]

    def __str__(self) -> str:
        return f"{self.key} ({self.language})"


class TemplateVersion(models.Model):
    """One immutable wording: draft → in review → approved (active until it expires) → retired."""

    template = models.ForeignKey(Template, on_delete=models.CASCADE, related_name="versions")
    client = models.ForeignKey("tenancy.Client", on_delete=models.CASCADE, related_name="+")  # = template.client
    number = models.PositiveIntegerField()
    body = models.TextField()
    status = models.CharField(max_length=10, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    expires_at = models.DateTimeField(null=True, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")  # None: loaded by config-as-code
    source = models.CharField(max_length=10, default="ui")  # ui | config
    approvals_required = models.PositiveSmallIntegerField(default=1)  # fixed when submitted
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    retired_at = models.DateTimeField(null=True, blank=True)
    retire_reason = models.CharField(max_length=200, blank=True)
    usage_count = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "responses_templateversion"
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["template", "number"], name="uniq_template_version_number"),
        ]
        ordering: ClassVar[list[str]] = ["template_id", "-number"]

    def __str__(self) -> str:
        return f"{self.template.key} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            stored = TemplateVersion.objects.filter(pk=self.pk).values_list("body", flat=True).first()
            if stored is not None and stored != self.body:
                raise ValidationError("a template version is immutable: write a new version instead")
        super().save(*args, **kwargs)

    def is_active(self, now: Any = None) -> bool:
        now = now or timezone.now()
        return self.status == VersionStatus.APPROVED and (self.expires_at is None or self.expires_at > now)

    @property
    def state(self) -> str:
        """What a person sees: draft, in review, active, expired or retired."""
        if self.status == VersionStatus.APPROVED:
            return "active" if self.is_active() else "expired"
        return str(self.status)


class TemplateApproval(models.Model):
    version = models.ForeignKey(TemplateVersion, on_delete=models.CASCADE, related_name="approvals")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=16)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "responses_templateapproval"
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["version", "reviewer"], name="uniq_template_approval"),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer_id} approved {self.version_id}"


class ReplyStatus(models.TextChoices):
    PENDING_APPROVAL = "pending_approval", "Waiting for approval"
    QUEUED = "queued", "Queued for sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Not sent"
    REJECTED = "rejected", "Rejected"


OPEN_REPLY_STATUSES = (ReplyStatus.PENDING_APPROVAL, ReplyStatus.QUEUED)


class ReplyDraft(models.Model):
    """One reply to a case as composed, checked, approved and sent: the record of what was said,
    from which template version, how far it was edited, what the lint found and who approved it."""

    client = models.ForeignKey("tenancy.Client", on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey("inbox.Case", on_delete=models.CASCADE, related_name="reply_drafts")
    channel = models.ForeignKey("tenancy.Channel", on_delete=models.PROTECT, related_name="+")
    mention = models.ForeignKey("inbox.Mention", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")  # what is answered
    verb = models.CharField(max_length=16)  # reply | dm (the outbox verbs)
    target_external_id = models.CharField(max_length=255)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()  # as the agent wrote it
    body = models.TextField(blank=True)  # as sent: links made tracked
    template_version = models.ForeignKey(TemplateVersion, null=True, blank=True, on_delete=models.PROTECT,
                                         related_name="replies")
    rendered_template = models.TextField(blank=True)  # the template with its variables filled
    edit_ratio = models.FloatField(default=0.0)  # 1 - difflib ratio against rendered_template
    edits = models.JSONField(default=list, blank=True)  # unified diff lines against the template
    lint = models.JSONField(default=list, blank=True)  # findings at submission
    status = models.CharField(max_length=20, choices=ReplyStatus.choices)
    approval_reasons = models.JSONField(default=list, blank=True)  # why the gate held it
    required_tier = models.CharField(max_length=12, blank=True)  # "" | reviewer | supervisor | named
    approver_emails = models.CharField(max_length=500, blank=True)  # tier "named": ",a@x,b@y,"
    approver = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    rejected_reason = models.CharField(max_length=500, blank=True)
    outbound = models.ForeignKey("OutboundAction", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    failure_reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "responses_replydraft"
        indexes: ClassVar[list[Any]] = [
            models.Index(fields=["status", "updated_at"], name="reply_status"),
            models.Index(fields=["case", "-created_at"], name="reply_case"),
            models.Index(fields=["client", "status"], name="reply_client_status"),
        ]
        ordering: ClassVar[list[str]] = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Reply {self.pk} on case {self.case_id} ({self.status})"


class TrackedLink(models.Model):
    """A link in one sent reply, served as ``/l/<code>``: redirects with UTM parameters."""

    code = models.CharField(max_length=16, unique=True)
    client = models.ForeignKey("tenancy.Client", on_delete=models.CASCADE, related_name="+")
    reply = models.ForeignKey(ReplyDraft, null=True, blank=True, on_delete=models.CASCADE,
                              related_name="links")  # None: a published post's link (content.PostLink)
    case = models.ForeignKey("inbox.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    template = models.ForeignKey(Template, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    template_key = models.CharField(max_length=60, blank=True)
    platform = models.CharField(max_length=16)
    target_url = models.URLField(max_length=2000)
    clicks = models.PositiveIntegerField(default=0)  # people (bots filtered out)
    bot_clicks = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    last_click_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "responses_trackedlink"
        indexes: ClassVar[list[Any]] = [
            models.Index(fields=["client", "template_key"], name="link_client_template"),
        ]

    def __str__(self) -> str:
        return f"/l/{self.code}"


class LinkClick(models.Model):
    """One click: when, and whether a bot made it. Nothing about the person is kept."""

    link = models.ForeignKey(TrackedLink, on_delete=models.CASCADE, related_name="click_rows")
    at = models.DateTimeField(auto_now_add=True)
    bot = models.BooleanField(default=False)

    class Meta:
        db_table = "responses_linkclick"
        indexes: ClassVar[list[Any]] = [models.Index(fields=["link", "at"], name="click_link_at")]

    def __str__(self) -> str:
        return f"click on {self.link_id} at {self.at}"


# The outbox: every outbound call (reply, hide, private reply, DM) is a row before it is made.


class Verb(models.TextChoices):
    REPLY = "reply", "Public reply"
    HIDE = "hide", "Hide"
    UNHIDE = "unhide", "Unhide"
    PRIVATE_REPLY = "private_reply", "Private reply to a comment"
    DM = "dm", "Direct message"


class OutboundStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    SENDING = "sending", "Being sent"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    UNKNOWN = "unknown", "Outcome unknown (being reconciled)"


class OutboundAction(models.Model):
    client = models.ForeignKey("tenancy.Client", on_delete=models.CASCADE, related_name="+")
    channel = models.ForeignKey("tenancy.Channel", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("inbox.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="outbound")
    mention = models.ForeignKey("inbox.Mention", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    verb = models.CharField(max_length=16, choices=Verb.choices)
    target_external_id = models.CharField(max_length=255)  # the comment/post/conversation answered
    body = models.TextField(blank=True)
    idempotency_key = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=10, choices=OutboundStatus.choices, default=OutboundStatus.PENDING)
    external_id = models.CharField(max_length=255, blank=True)  # the platform's id for what we sent
    error = models.CharField(max_length=300, blank=True)  # in plain words
    error_code = models.CharField(max_length=40, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    not_before = models.DateTimeField(null=True, blank=True)  # rate limited until
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    options = models.JSONField(default=dict, blank=True)  # e.g. {"human_agent": true}

    class Meta:
        indexes: ClassVar[list[Any]] = [models.Index(fields=["status", "updated_at"], name="outbound_status")]

    def __str__(self) -> str:
        return f"{self.verb} {self.target_external_id} ({self.status})"
