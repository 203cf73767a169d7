"""Tenants (clients), their products and channels, staff and what each may do for whom."""

from __future__ import annotations

import zoneinfo
from typing import Any, ClassVar

from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    ADMIN = "admin", "Admin (agency-wide)"
    SUPERVISOR = "supervisor", "Supervisor"
    AGENT = "agent", "Agent"
    REVIEWER = "reviewer", "Client reviewer"
    SAFETY = "safety", "Safety reviewer"
    VIEWER = "viewer", "Viewer (read-only)"


# Who may change cases (assign, tag, status, priority) and who may add notes.
CASE_WRITE_ROLES = frozenset({Role.ADMIN, Role.SUPERVISOR, Role.AGENT})
NOTE_ROLES = frozenset({Role.ADMIN, Role.SUPERVISOR, Role.AGENT, Role.REVIEWER})
AUDIT_ROLES = frozenset({Role.ADMIN, Role.SUPERVISOR})
# Who may work safety cases (open, attach, assess, forward, record PV's answers) and who alone
# may end one (dismiss or close, always with a reason): the qualified safety reviewer.
SAFETY_WORK_ROLES = frozenset({Role.ADMIN, Role.SUPERVISOR, Role.AGENT, Role.SAFETY})
SAFETY_DECIDE_ROLES = frozenset({Role.SAFETY})


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        email = self.normalize_email(email).lower()
        user = self.model(email=email, username=email, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, username: str | None) -> User:
        """Log-in by e-mail, whatever its case (addresses are stored in lower case)."""
        return self.get(email=(username or "").strip().lower())

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_agency_admin", True)
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractUser):
    """Agency staff or a client's reviewer. Logs in with e-mail."""

    email = models.EmailField(unique=True)
    name = models.CharField(max_length=200, blank=True)
    is_agency_admin = models.BooleanField(default=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []
    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    def __str__(self) -> str:
        return self.name or self.email

    @property
    def display_name(self) -> str:
        return self.name or self.email.split("@")[0]


class Client(models.Model):
    """A tenant: one healthcare brand or organisation the agency works for."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    timezone = models.CharField(max_length=64, default="UTC")
    # {"mon": ["09:00", "18:00"], ...}; days absent are closed
    business_hours = models.JSONField(default=dict, blank=True)
    holidays = models.JSONField(default=list, blank=True)  # ["2026-12-25", ...]
    languages = models.JSONField(default=list, blank=True)
    settings = models.JSONField(default=dict, blank=True)  # policy knobs later issues add
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)


class Product(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="products")
    name = models.CharField(max_length=120)  # brand name
    generic = models.CharField(max_length=200, blank=True)
    aliases = models.JSONField(default=list, blank=True)
    indications = models.JSONField(default=list, blank=True)
    # The approved population by age, in years (both ends inclusive; empty = no bound given). Off-label
    # rules compare the age a post names with these; with neither set, the product counts as approved
    # for adults (18 and over) unless an indication names children.
    min_age = models.PositiveSmallIntegerField(null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["client", "name"], name="uniq_product_per_client")
        ]
        ordering: ClassVar[list[str]] = ["name"]

    def __str__(self) -> str:
        return self.name


class Platform(models.TextChoices):
    FACEBOOK = "facebook", "Facebook"
    INSTAGRAM = "instagram", "Instagram"
    X = "x", "X"
    TIKTOK = "tiktok", "TikTok"
    YOUTUBE = "youtube", "YouTube"
    LINKEDIN = "linkedin", "LinkedIn"
    REDDIT = "reddit", "Reddit"
    FEED = "feed", "Web feed"


class Sponsorship(models.TextChoices):
    OWNED = "owned", "Owned"
    PAID = "paid", "Paid"
    INFLUENCER = "influencer", "Influencer"
    THIRD_PARTY = "third_party", "Third party"


class Channel(models.Model):
    """One account of a client on one platform (a Page, a handle, a subreddit, a feed)."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="channels")
    platform = models.CharField(max_length=16, choices=Platform.choices)
    handle = models.CharField(max_length=200)
    external_id = models.CharField(max_length=200, blank=True)
    sponsorship = models.CharField(
        max_length=16, choices=Sponsorship.choices, default=Sponsorship.OWNED
    )
    # name -> "env:NAME" or "enc:<fernet token>"; never plain text (see lib.secrets)
    secrets = models.JSONField(default=dict, blank=True)
    settings = models.JSONField(default=dict, blank=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(
                fields=["client", "platform", "handle"], name="uniq_channel_handle"
            ),
        ]
        indexes: ClassVar[list[Any]] = [models.Index(fields=["platform", "external_id"])]
        ordering: ClassVar[list[str]] = ["client_id", "platform", "handle"]

    def __str__(self) -> str:
        return f"{self.get_platform_display()} @{self.handle}"


class Membership(models.Model):
    """A user's role for one client. Agency admins need none: they see every client."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=16, choices=Role.choices)

    class Meta:
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["user", "client"], name="uniq_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.role} @ {self.client}"


TOKEN_SCOPES = ("read", "write", "safety")


def token_scopes_all() -> list[str]:
    return list(TOKEN_SCOPES)


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 is stored; the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, default="api")
    prefix = models.CharField(max_length=16, db_index=True)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)  # None: until revoked
    # What the token may do: "read" (GET), "write" (other methods), "safety" (safety-case steps).
    scopes = models.JSONField(default=token_scopes_all)

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"
