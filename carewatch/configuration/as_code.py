"""Configuration as code: ``carewatch config apply`` and ``carewatch config export``.

Apply is idempotent: it compares the file with the database, prints each difference and writes
only those, all in one transaction, through the owning apps' actions (one audit event per
change, as the system actor labelled "config"). Nothing is deleted by omission: a client,
product or channel missing from the file stays as it is. Secrets are ``env:NAME`` references or
are encrypted at rest; export never writes a secret in plain text.

It reads and writes every app's section (tenancy's clients, products, channels and users; each
app's policy block; templates, routing rules, campaigns, the influencer roster, the security
policy), so it lives here at the top of the house, not in tenancy.
"""

from __future__ import annotations

import os
import zoneinfo
from datetime import timedelta
from typing import Any

import yaml
from django.db import transaction

from carewatch.audit.chain import append
from carewatch.content.config import apply_content, export_content
from carewatch.content.policy import validate_settings as validate_content
from carewatch.crisis.config import validate_settings as validate_crisis
from carewatch.escalation.policy import validate_settings as validate_escalation
from carewatch.identity.actions import do_apply_security_policy
from carewatch.identity.policy import current as current_security_policy
from carewatch.lib.secrets import ENC_PREFIX, ENV_PREFIX, SecretError, reveal, seal
from carewatch.programs.config import apply_roster, export_roster
from carewatch.programs.rules import validate_settings as validate_programs
from carewatch.replies.actions import do_apply_config_templates
from carewatch.replies.models import Template, VersionStatus
from carewatch.replies.policy import validate_settings as validate_replies
from carewatch.retention.policy import validate_settings as validate_retention
from carewatch.routing.actions import load_rules
from carewatch.routing.models import RoutingRule
from carewatch.routing.policy import validate_settings as validate_routing
from carewatch.safety.policy import parse_policy
from carewatch.sla.policy import validate_settings as validate_sla
from carewatch.tenancy.actions import do_config_channel, do_config_client, do_config_product, do_config_user
from carewatch.tenancy.config import (
    SLUG,
    ConfigError,
    check_age,
    check_holidays,
    compact_hours,
    normalise_business_hours,
    string_list,
)
from carewatch.tenancy.models import Channel, Client, Platform, Role, Sponsorship, User
from carewatch.tenancy.system import system_actor


class _DryRun(Exception):
    pass


class Applier:
    """Checks each section of the file and writes it through the owning app's actions, as
    ``actor`` (an agency admin; the CLI applies as the system actor)."""

    def __init__(self, dry_run: bool, actor: User | None = None) -> None:
        self.dry_run = dry_run
        self.actor = actor or system_actor()
        self.changes: list[str] = []
        self.warnings: list[str] = []

    def note(self, line: str, action: str, client_id: int | None, obj: Any, data: dict[str, Any]) -> None:
        """A change another app's config section made (content's campaigns and posts): its line
        and its config audit event."""
        self.changes.append(line)
        append(action, actor=self.actor, actor_label="config", client_id=client_id, obj=obj, data=data)

    # ------------------------------------------------------------ clients
    def client(self, spec: Any) -> None:
        if not isinstance(spec, dict):
            raise ConfigError("each client must be a mapping")
        slug = str(spec.get("slug", "")).strip()
        if not SLUG.match(slug):
            raise ConfigError(f"client slug {slug!r} must be lower-case letters, digits and dashes")
        where = f"client {slug}"
        tz = str(spec.get("timezone", "UTC"))
        try:
            zoneinfo.ZoneInfo(tz)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ConfigError(f"{where}: unknown timezone {tz!r}") from None
        wanted: dict[str, Any] = {
            "name": str(spec.get("name") or slug),
            "timezone": tz,
            "business_hours": normalise_business_hours(spec.get("business_hours"), where),
            "holidays": check_holidays(spec.get("holidays"), f"{where} holidays"),
            "languages": string_list(spec.get("languages"), f"{where} languages"),
        }
        extra = {k: v for k, v in spec.items() if k not in {
            "slug", "name", "timezone", "business_hours", "holidays", "languages", "products", "channels",
            "templates", "influencers", "campaigns", "posts"}}
        if extra:
            # policy blocks later issues read (sla, escalation, ...), checked and made JSON-clean
            wanted["settings"] = validate_policies(extra, where)
        client, lines = do_config_client(self.actor, slug, wanted)
        self.changes += lines
        for product in spec.get("products") or []:
            self.product(client, product)
        for channel in spec.get("channels") or []:
            self.channel(client, channel)
        self._templates_and_rules(client, spec)

    def _templates_and_rules(self, client: Client, spec: dict[str, Any]) -> None:
        """Approved-reply templates (they arrive in review: only approval makes them usable) and
        the routing rules of the client's ``routing`` block; each change is a line and an audit event."""
        try:
            self.changes.extend(do_apply_config_templates(self.actor, client, spec.get("templates") or []))
            apply_content(client, spec, self.note)  # campaigns, posts' metadata
        except ValueError as exc:
            raise ConfigError(str(exc)) from None
        self.changes.extend(load_rules(client))
        apply_roster(client, spec.get("influencers"), self.changes)

    def product(self, client: Client, spec: Any) -> None:
        if not isinstance(spec, dict) or not spec.get("name"):
            raise ConfigError(f"client {client.slug}: each product needs a name")
        name = str(spec["name"])
        where = f"client {client.slug} product {name}"
        min_age = check_age(spec.get("min_age"), f"{where} min_age")
        max_age = check_age(spec.get("max_age"), f"{where} max_age")
        if min_age is not None and max_age is not None and min_age > max_age:
            raise ConfigError(f"{where}: min_age is above max_age")
        wanted: dict[str, Any] = {
            "generic": str(spec.get("generic") or ""),
            "aliases": string_list(spec.get("aliases"), f"{where} aliases"),
            "indications": string_list(spec.get("indications"), f"{where} indications"),
            "min_age": min_age,
            "max_age": max_age,
        }
        self.changes += do_config_product(self.actor, client, name, wanted)

    def channel(self, client: Client, spec: Any) -> None:
        if not isinstance(spec, dict):
            raise ConfigError(f"client {client.slug}: each channel must be a mapping")
        platform = str(spec.get("platform", "")).lower()
        handle = str(spec.get("handle", "")).strip().lstrip("@")
        where = f"client {client.slug} channel {platform}/{handle}"
        if platform not in Platform.values:
            raise ConfigError(f"{where}: platform must be one of {', '.join(Platform.values)}")
        if not handle:
            raise ConfigError(f"{where}: a channel needs a handle")
        sponsorship = str(spec.get("sponsorship", "owned"))
        if sponsorship not in Sponsorship.values:
            raise ConfigError(f"{where}: sponsorship must be one of {', '.join(Sponsorship.values)}")
        secrets_in = spec.get("secrets") or {}
        if not isinstance(secrets_in, dict):
            raise ConfigError(f"{where}: secrets must be a mapping")
        wanted = {
            "external_id": str(spec.get("external_id") or ""),
            "sponsorship": sponsorship,
            "settings": {k: v for k, v in spec.items()
                         if k not in {"platform", "handle", "external_id", "sponsorship", "secrets"}},
        }
        channel = Channel.objects.filter(client=client, platform=platform, handle=handle).first()
        stored_secrets = dict(channel.secrets) if channel else {}
        secret_changes = []
        for name, value in secrets_in.items():
            value = str(value)
            if value.startswith(ENV_PREFIX) and not os.environ.get(value[len(ENV_PREFIX):]):
                self.warnings.append(f"{where} secret {name} refers to unset {value}")
            current = stored_secrets.get(name)
            if current == value:
                continue
            if current and current.startswith(ENC_PREFIX) and not value.startswith((ENV_PREFIX, ENC_PREFIX)):
                try:
                    if reveal(current) == value:
                        continue
                except SecretError:
                    pass
            stored_secrets[name] = seal(value)
            secret_changes.append(name)
        self.changes += do_config_channel(self.actor, client, platform, handle, wanted, stored_secrets,
                                          secret_changes)

    # ------------------------------------------------------------ users
    def user(self, specs: list[Any]) -> None:
        """One person, from one or more entries (one per role, as export writes them)."""
        email = str(specs[0]["email"]).strip().lower()
        roles_by_client: dict[str, str] = {}
        is_admin = False
        for spec in specs:
            role = str(spec.get("role", ""))
            if role not in Role.values:
                raise ConfigError(f"user {email}: role must be one of {', '.join(Role.values)}")
            slugs = string_list(spec.get("clients"), f"user {email} clients")
            if role == Role.ADMIN:
                is_admin = True
                continue
            if not slugs:
                raise ConfigError(f"user {email}: a {role} needs at least one client")
            for slug in slugs:
                if roles_by_client.get(slug, role) != role:
                    raise ConfigError(f"user {email}: two roles given for client {slug}")
                roles_by_client[slug] = role
        role = Role.ADMIN if is_admin else ", ".join(sorted(set(roles_by_client.values())))
        slugs = sorted(roles_by_client)
        clients = {c.slug: c for c in Client.objects.filter(slug__in=slugs)}
        unknown = sorted(set(slugs) - set(clients))
        if unknown:
            raise ConfigError(f"user {email}: unknown client(s) {', '.join(unknown)}")
        spec = specs[0]
        name = str(spec.get("name") or "")
        password = self._password(email, spec.get("password"))
        self.changes += do_config_user(
            self.actor, email, name=name if "name" in spec else None, is_admin=is_admin, password=password,
            roles={} if is_admin else {clients[s]: r for s, r in roles_by_client.items()}, role_label=role)

    def _password(self, email: str, value: Any) -> str | None:
        if value is None:
            return None
        value = str(value)
        if not value.startswith(ENV_PREFIX):
            raise ConfigError(f"user {email}: password must be an env:NAME reference, never plain text")
        password = os.environ.get(value[len(ENV_PREFIX):])
        if not password:
            self.warnings.append(f"user {email} password {value} is not set; password left as is")
            return None
        return password


def validate_policies(settings: dict[str, Any], where: str) -> dict[str, Any]:
    """Each app checks its own policy block; a malformed one stops the whole apply, naming the key.
    Returns the settings as they are stored (YAML dates in an on-call block become ISO text)."""
    try:
        parse_policy(settings, where)
        settings = validate_escalation(settings, where)
        settings = validate_replies(settings, where)
        settings = validate_sla(settings, where)
        settings = validate_retention(settings, where)
        settings = validate_programs(settings, where)
        settings = validate_crisis(settings, where)
        settings = validate_content(settings, where)
        return validate_routing(settings, where)
    except ValueError as exc:
        raise ConfigError(str(exc)) from None


def apply_config(text: str, *, dry_run: bool = False, warnings: list[str] | None = None) -> list[str]:
    """Apply the YAML text; returns the changes (and appends problems to ``warnings``)."""
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise ConfigError("the file must be a mapping with clients: and users:")
    unknown = set(data) - {"clients", "users", "security"}
    if unknown:
        raise ConfigError(f"unknown top-level key(s): {', '.join(sorted(unknown))}")
    applier = Applier(dry_run)
    try:
        with transaction.atomic():
            for spec in data.get("clients") or []:
                applier.client(spec)
            by_email: dict[str, list[Any]] = {}
            for spec in data.get("users") or []:
                if not isinstance(spec, dict) or not spec.get("email"):
                    raise ConfigError("each user needs an email")
                by_email.setdefault(str(spec["email"]).strip().lower(), []).append(spec)
            for specs in by_email.values():
                applier.user(specs)
            if "security" in data:
                try:
                    applier.changes.extend(do_apply_security_policy(data["security"]))
                except ValueError as exc:
                    raise ConfigError(str(exc)) from None
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    if warnings is not None:
        warnings.extend(applier.warnings)
    return applier.changes


def _export_desk_made(client: Client, entry: dict[str, Any]) -> None:
    """What people made in the desk is config too: the routing rules as the rows are (made in the
    desk or by an earlier apply, in their order) and each template's current wording (its newest
    version not retired). Applied to an empty database, templates arrive in review."""
    rules = [{"name": r.name, "conditions": r.conditions or {}, "actions": r.actions or {}, "stop": r.stop,
              "enabled": r.enabled}
             for r in RoutingRule.objects.filter(client=client).order_by("order", "id")]
    if rules:
        routing = dict(entry.get("routing") or {})
        routing["rules"] = rules
        entry["routing"] = routing
    templates: list[dict[str, Any]] = []
    for template in Template.objects.filter(client=client).order_by("key", "language"):
        version = template.versions.exclude(status=VersionStatus.RETIRED).order_by("-number").first()
        if version is None:
            continue
        spec: dict[str, Any] = {"key": template.key, "category": template.category, "language": template.language}
        if template.name:
            spec["name"] = template.name
        spec["body"] = version.body
        if version.expires_at is not None:
            local = version.expires_at.astimezone(client.tz)
            last_day = local.date() - timedelta(days=1) if local.time() == local.time().min else local.date()
            spec["expires"] = last_day.isoformat()
        templates.append(spec)
    if templates:
        entry["templates"] = templates


def export_config() -> str:
    clients = []
    for client in Client.objects.prefetch_related("products", "channels").order_by("slug"):
        entry: dict[str, Any] = {
            "slug": client.slug,
            "name": client.name,
            "timezone": client.timezone,
            "business_hours": compact_hours(client.business_hours or {}),
            "holidays": list(client.holidays or []),
            "languages": list(client.languages or []),
        }
        entry.update(client.settings or {})
        entry["products"] = [
            {"name": p.name, "generic": p.generic, "aliases": list(p.aliases), "indications": list(p.indications),
             **{k: v for k, v in (("min_age", p.min_age), ("max_age", p.max_age)) if v is not None}}
            for p in client.products.all()
        ]
        entry["channels"] = [
            {"platform": ch.platform, "handle": ch.handle, "external_id": ch.external_id,
             "sponsorship": ch.sponsorship, **(ch.settings or {}),
             **({"secrets": dict(ch.secrets)} if ch.secrets else {})}
            for ch in client.channels.all()
        ]
        _export_desk_made(client, entry)
        roster = export_roster(client)
        if roster:
            entry["influencers"] = roster
        entry.update(export_content(client))  # campaigns, scheduled posts' metadata
        clients.append(entry)
    users: list[dict[str, Any]] = []
    for user in User.objects.prefetch_related("memberships__client").order_by("email"):
        memberships = list(user.memberships.all())
        if user.is_agency_admin:
            users.append({"email": user.email, "name": user.name, "role": "admin"})
            continue
        by_role: dict[str, list[str]] = {}
        for m in memberships:
            by_role.setdefault(m.role, []).append(m.client.slug)
        for role, slugs in sorted(by_role.items()):
            users.append({"email": user.email, "name": user.name, "role": role, "clients": sorted(slugs)})
    policy = current_security_policy()
    out: dict[str, Any] = {"clients": clients, "users": users}
    if policy.pk is not None:
        out["security"] = {"mfa_required_roles": policy.mfa_required_roles,
                           "idle_timeout_minutes": policy.idle_timeout_minutes,
                           **({"sso": policy.sso} if policy.sso else {})}  # secrets stay env:/enc:
    return yaml.safe_dump(out, sort_keys=False, allow_unicode=True)
