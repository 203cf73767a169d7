"""Influencer roster and the checks of their posts, UGC rights, giveaways and their draws."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models

from carewatch.tenancy.models import Platform


class MaterialConnection(models.TextChoices):
    PAID = "paid", "Paid"
    FREE_PRODUCT = "free_product", "Free product"
    EMPLOYEE = "employee", "Employee"
    FAMILY = "family", "Family"
    NONE = "none", "None"


class Influencer(models.Model):
    """One person on a client's roster (config file or UI)."""

    client = models.ForeignKey("tenancy.Client", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=200)
    contract_start = models.DateField(null=True, blank=True)
    contract_end = models.DateField(null=True, blank=True)
    material_connection = models.CharField(max_length=16, choices=MaterialConnection.choices,
                                           default=MaterialConnection.PAID)
    required_tokens = models.JSONField(default=list, blank=True)  # e.g. ["#ad", "#GlucavioPartner"]
    products = models.JSONField(default=list, blank=True)  # product names they may talk about
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")  # the agency owner who gets the correction tasks
    owner_email = models.EmailField(blank=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["client", "name"], name="uniq_influencer_per_client")
        ]
        ordering: ClassVar[list[str]] = ["client_id", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def has_connection(self) -> bool:
        return self.material_connection != MaterialConnection.NONE


class InfluencerHandle(models.Model):
    """A handle of a roster influencer on one platform; stored lower-case, without the @."""

    client = models.ForeignKey("tenancy.Client", on_delete=models.CASCADE, related_name="+")
    influencer = models.ForeignKey(Influencer, on_delete=models.CASCADE, related_name="handles")
    platform = models.CharField(max_length=16, choices=Platform.choices)
    handle = models.CharField(max_length=200)

    class Meta:
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["client", "platform", "handle"], name="uniq_influencer_handle")
        ]
        ordering: ClassVar[list[str]] = ["platform", "handle"]

    def __str__(self) -> str:
        return f"{self.platform} @{self.handle}"


class Verdict(models.TextChoices):
    PASS = "pass", "Pass"
    WARN = "warn", "Warn"
    FAIL = "fail", "Fail"
    NEEDS_REVIEW = "needs_review", "Needs human check"


class PostCheck(models.Model):
    """One check of one version of an influencer's post. Never updated: a re-check (the post was
    edited, or checked again by hand) is a new row, so the history proves the monitoring."""

    client = models.ForeignKey("tenancy.Client", on_delete=models.CASCADE, related_name="+")
    influencer = models.ForeignKey(Influencer, on_delete=models.CASCADE, related_name="checks")
    mention = models.ForeignKey("inbox.Mention", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    platform = models.CharField(max_length=16, choices=Platform.choices)
    external_id = models.CharField(max_length=255)
    url = models.URLField(max_length=500, blank=True)
    text = models.TextField()
    text_sha256 = models.CharField(max_length=64)
    media = models.CharField(max_length=8, default="none")
    verdict = models.CharField(max_length=16, choices=Verdict.choices)
    disclosure = models.CharField(max_length=16)
    fair_balance = models.CharField(max_length=16)
    findings = models.JSONField(default=list, blank=True)
    trigger = models.CharField(max_length=16, default="ingest")  # ingest, edit, manual, import
    checked_at = models.DateTimeField()

    class Meta:
        ordering: ClassVar[list[str]] = ["-checked_at", "-id"]
        indexes: ClassVar[list[Any]] = [
            models.Index(fields=["client", "-checked_at"], name="postcheck_client"),
            models.Index(fields=["client", "platform", "external_id", "-id"], name="postcheck_post"),
        ]

    def __str__(self) -> str:
        return f"check {self.pk} {self.verdict}"


class SponsoredPost(models.Model):
    """A roster influencer's post with a material connection: every comment under it is monitored
    as the client's own (sponsorship ``influencer``: AE day 0 = the comment's time)."""

    client = models.ForeignKey("tenancy.Client", on_delete=models.CASCADE, related_name="+")
    influencer = models.ForeignKey(Influencer, on_delete=models.CASCADE, related_name="sponsored_posts")
    channel = models.ForeignKey("tenancy.Channel", on_delete=models.CASCADE, related_name="+")
    thread_key = models.CharField(max_length=255)
    external_id = models.CharField(max_length=255)
    mention = models.ForeignKey("inbox.Mention", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["channel", "thread_key"], name="uniq_sponsored_thread")
        ]

    def __str__(self) -> str:
        return f"sponsored {self.external_id}"


class TaskStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"


class ProgramTask(models.Model):
    """Work for a person: today, asking an influencer to correct a post that failed its check."""

    client = models.ForeignKey("tenancy.Client", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=32, default="influencer_correction")
    influencer = models.ForeignKey(Influencer, null=True, blank=True, on_delete=models.CASCADE, related_name="tasks")
    post_check = models.ForeignKey(PostCheck, null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks")
    platform = models.CharField(max_length=16, blank=True)
    external_id = models.CharField(max_length=255, blank=True)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    title = models.CharField(max_length=240)
    message = models.TextField(blank=True)  # the pre-approved correction request
    status = models.CharField(max_length=8, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    created_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    close_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at", "-id"]
        indexes: ClassVar[list[Any]] = [models.Index(fields=["client", "status"], name="programtask_status")]

    def __str__(self) -> str:
        return self.title


class RightsStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    GRANTED = "granted", "Granted"
    DECLINED = "declined", "Declined"
    REVOKED = "revoked", "Revoked"
    EXPIRED = "expired", "Expired"


class RightsRequest(models.Model):
    """A request to reuse a post (UGC), the author's answer with its frozen evidence, and the uses.
    The rights library is the client's granted (and revoked) requests."""

    client = models.ForeignKey("tenancy.Client", on_delete=models.CASCADE, related_name="+")
    mention = models.ForeignKey("inbox.Mention", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    platform = models.CharField(max_length=16, choices=Platform.choices)
    post_url = models.URLField(max_length=500, blank=True)
    post_text = models.TextField(blank=True)
    author = models.ForeignKey("inbox.Author", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    author_handle = models.CharField(max_length=200)
    hashtag = models.CharField(max_length=80)
    terms_url = models.URLField(max_length=500)
    terms_version = models.CharField(max_length=40, blank=True)
    request_text = models.TextField()
    status = models.CharField(max_length=12, choices=RightsStatus.choices, default=RightsStatus.REQUESTED)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    requested_at = models.DateTimeField()
    reply = models.ForeignKey("inbox.Mention", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)
    evidence = models.JSONField(default=dict, blank=True)  # the reply, frozen: text, time, handle, URL
    evidence_sha256 = models.CharField(max_length=64, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    usage = models.JSONField(default=list, blank=True)  # [{"where", "at", "by"}]
    revoked_at = models.DateTimeField(null=True, blank=True)
    revocation_evidence = models.JSONField(default=dict, blank=True)
    revocation_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-requested_at", "-id"]
        indexes: ClassVar[list[Any]] = [
            models.Index(fields=["client", "status"], name="rights_status"),
            models.Index(fields=["client", "author_handle"], name="rights_author"),
        ]

    def __str__(self) -> str:
        return f"rights {self.pk} @{self.author_handle} {self.status}"


class EntryMethod(models.TextChoices):
    COMMENT = "comment", "Comment"
    COMMENT_TAG = "comment_tag", "Comment and tag a friend"
    HASHTAG = "hashtag", "Hashtag"
    SHARE = "share", "Share to enter"


class GiveawayStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open"
    DRAWN = "drawn", "Drawn"


class Giveaway(models.Model):
    client = models.ForeignKey("tenancy.Client", on_delete=models.CASCADE, related_name="+")
    number = models.PositiveIntegerField()
    reference = models.CharField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    rules_url = models.URLField(max_length=500, blank=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    platforms = models.JSONField(default=list, blank=True)
    posts = models.JSONField(default=list, blank=True)  # [{"channel_id", "thread_key"}]
    entry_method = models.CharField(max_length=16, choices=EntryMethod.choices, default=EntryMethod.COMMENT)
    hashtag = models.CharField(max_length=80, blank=True)
    min_age = models.PositiveSmallIntegerField(default=18)
    countries = models.JSONField(default=list, blank=True)  # ["US"], ISO codes; states listed in states
    states = models.JSONField(default=list, blank=True)  # eligible US states, [] = all
    one_entry_per_person = models.BooleanField(default=True)
    employees_excluded = models.BooleanField(default=True)
    excluded_handles = models.JSONField(default=list, blank=True)
    winners_count = models.PositiveSmallIntegerField(default=1)
    alternates_count = models.PositiveSmallIntegerField(default=0)
    prize = models.CharField(max_length=240)
    prize_value = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    prize_is_rx = models.BooleanField(default=False)
    purchase_required = models.BooleanField(default=False)
    announcement = models.TextField(blank=True)
    registration = models.JSONField(default=dict, blank=True)  # {"NY": "reg no.", "FL": "..."}
    checks = models.JSONField(default=list, blank=True)  # the last §1.10 findings
    status = models.CharField(max_length=8, choices=GiveawayStatus.choices, default=GiveawayStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # The draw, recorded so anyone can re-run it.
    algorithm = models.CharField(max_length=120, blank=True)
    seed = models.CharField(max_length=64, blank=True)  # hex, from secrets
    frozen_entries = models.JSONField(default=list, blank=True)
    entries_sha256 = models.CharField(max_length=64, blank=True)
    winners = models.JSONField(default=list, blank=True)
    alternates = models.JSONField(default=list, blank=True)
    drawn_at = models.DateTimeField(null=True, blank=True)
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    # Winner notification: [{"handle", "role", "message", "notified_at", "status", "reason"}]; the draw
    # record above never changes (so it verifies); a forfeit notifies the next alternate here.
    notifications = models.JSONField(default=list, blank=True)

    class Meta:
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["client", "number"], name="uniq_giveaway_number")
        ]
        ordering: ClassVar[list[str]] = ["-starts_at", "-id"]

    def __str__(self) -> str:
        return self.reference


class EntryStatus(models.TextChoices):
    ELIGIBLE = "eligible", "Eligible"
    DUPLICATE = "duplicate", "Duplicate"
    INELIGIBLE = "ineligible", "Ineligible"


class GiveawayEntry(models.Model):
    client = models.ForeignKey("tenancy.Client", on_delete=models.CASCADE, related_name="+")
    giveaway = models.ForeignKey(Giveaway, on_delete=models.CASCADE, related_name="entries")
    mention = models.ForeignKey("inbox.Mention", on_delete=models.CASCADE, related_name="+")
    author_handle = models.CharField(max_length=200)
    author_external_id = models.CharField(max_length=200)
    entered_at = models.DateTimeField()
    status = models.CharField(max_length=12, choices=EntryStatus.choices)
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["giveaway", "mention"], name="uniq_giveaway_entry")
        ]
        ordering: ClassVar[list[str]] = ["entered_at", "id"]

    def __str__(self) -> str:
        return f"entry {self.pk} @{self.author_handle} {self.status}"
