"""Settings edited in the desk, each change with its audit event: a client's SLA and three-touch
policies, its escalation protocols and on-call rotations (blocks of ``Client.settings``, the same
blocks ``carewatch config apply`` writes and ``config export`` writes out) and a channel's
sponsorship, external id and settings (never its secrets).

Every block is checked by the validators config apply uses, on the client's whole settings, so
the desk cannot save what apply would refuse (an escalation step naming a rotation that does not
exist, a rotation removed while a protocol still names it...). For supervisors and admins.
"""

from __future__ import annotations

import copy
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from carewatch.audit.chain import append
from carewatch.configuration.as_code import validate_policies
from carewatch.escalation.models import Category
from carewatch.tenancy.access import require_role
from carewatch.tenancy.config import ConfigError
from carewatch.tenancy.models import Channel, Client, Role, Sponsorship, User

SETTINGS_ROLES = frozenset({Role.ADMIN, Role.SUPERVISOR})
# Keys a channel's settings may not use: config files spell these at the channel's top level.
CHANNEL_KEYS = frozenset({"platform", "handle", "external_id", "sponsorship", "secrets"})
SECRET_WORDS = ("secret", "token", "password", "api_key", "apikey")


def _validated(client: Client, settings: dict[str, Any]) -> dict[str, Any]:
    try:
        return validate_policies(settings, f"client {client.slug}")
    except ConfigError as exc:
        raise ValidationError(str(exc)) from None


def _change_settings(actor: User, client: Client, action: str, label: str, keys: tuple[str, ...],
                     change: Any) -> bool:
    """Apply ``change(settings)`` to a copy of the client's settings (locked), validate the whole,
    save and audit the changed ``keys``. Returns False (nothing written) when nothing changed."""
    require_role(actor, client.id, SETTINGS_ROLES)
    with transaction.atomic():
        locked = Client.objects.select_for_update().get(pk=client.pk)
        current = dict(locked.settings or {})
        wanted = change(copy.deepcopy(current))
        wanted = {k: v for k, v in wanted.items() if not (k in keys and v is None)}
        wanted = _validated(locked, wanted)
        if wanted == current:
            return False
        before = {k: current.get(k) for k in keys}
        locked.settings = wanted
        locked.save(update_fields=["settings"])
        append(action, actor=actor, client_id=locked.id, obj=locked,
               data={"what": label, "from": before, "to": {k: wanted.get(k) for k in keys}})
    client.settings = wanted
    return True


def _mapping_or_none(value: Any, where: str) -> dict[str, Any] | None:
    if value in (None, {}, ""):
        return None
    if not isinstance(value, dict):
        raise ValidationError(f"{where}: must be a mapping of keys to values (or empty to remove it)")
    return value


def do_save_sla(actor: User, client: Client, sla: Any, three_touch: Any) -> bool:
    """Set (or, with None, remove) the client's ``sla`` and ``three_touch`` blocks."""
    sla = _mapping_or_none(sla, "sla")
    three_touch = _mapping_or_none(three_touch, "three_touch")

    def change(settings: dict[str, Any]) -> dict[str, Any]:
        settings["sla"], settings["three_touch"] = sla, three_touch
        return settings

    return _change_settings(actor, client, "settings.sla.update", "SLA and three-touch policies",
                            ("sla", "three_touch"), change)


def do_save_protocol(actor: User, client: Client, category: str, spec: Any) -> bool:
    """Set (or, with None, remove) the escalation protocol of ``category``; the order of the other
    protocols is kept and a new one is added at the end."""
    if category not in Category.values:
        raise ValidationError(f"{category!r} is not an escalation category")
    spec = _mapping_or_none(spec, f"escalation protocol {category}")
    if spec is not None:
        spec = {"category": category, **{k: v for k, v in spec.items() if k != "category"}}

    def change(settings: dict[str, Any]) -> dict[str, Any]:
        protocols = settings.get("escalation") or []
        if not isinstance(protocols, list):
            raise ValidationError("the client's escalation block is not a list; fix it with config apply")
        out, placed = [], False
        for entry in protocols:
            if isinstance(entry, dict) and entry.get("category") == category:
                if spec is not None and not placed:
                    out.append(spec)
                placed = True
            else:
                out.append(entry)
        if spec is not None and not placed:
            out.append(spec)
        settings["escalation"] = out or None
        return settings

    return _change_settings(actor, client, "settings.escalation.update", f"escalation protocol {category}",
                            ("escalation",), change)


def do_save_rotation(actor: User, client: Client, name: str, spec: Any) -> bool:
    """Set (or, with None, remove) the on-call rotation ``name``."""
    if not name or len(name) > 60:
        raise ValidationError("a rotation needs a name of at most 60 characters")
    spec = _mapping_or_none(spec, f"on-call rotation {name}")

    def change(settings: dict[str, Any]) -> dict[str, Any]:
        rotations = dict(settings.get("oncall") or {})
        if spec is None:
            rotations.pop(name, None)
        else:
            rotations[name] = spec
        settings["oncall"] = rotations or None
        return settings

    return _change_settings(actor, client, "settings.oncall.update", f"on-call rotation {name}",
                            ("oncall",), change)


def channel_view(channel: Channel) -> dict[str, Any]:
    """What the desk shows and audits of a channel: never a secret, only the secrets' names."""
    return {"external_id": channel.external_id, "sponsorship": channel.sponsorship,
            "settings": dict(channel.settings or {}), "secrets": sorted(channel.secrets or {})}


def do_save_channel(actor: User, channel: Channel, data: dict[str, Any]) -> bool:
    """Change a channel's ``external_id``, ``sponsorship`` and ``settings`` (a mapping). Secrets
    are set by config apply only (``env:NAME`` references or sealed values), never here. Pointing
    the channel at another platform account (its ``external_id``) decides whose deliveries land in
    this client's inbox: an admin's decision, not a supervisor's."""
    role = require_role(actor, channel.client_id, SETTINGS_ROLES)
    sponsorship = str(data.get("sponsorship", channel.sponsorship))
    if sponsorship not in Sponsorship.values:
        raise ValidationError(f"sponsorship: one of {', '.join(Sponsorship.values)}")
    external_id = str(data.get("external_id", channel.external_id) or "").strip()
    if len(external_id) > 200:
        raise ValidationError("external id: at most 200 characters")
    if external_id != channel.external_id and role != Role.ADMIN:
        raise PermissionDenied("Only an admin points a channel at another platform account (its external id)")
    settings = data.get("settings", channel.settings)
    if settings in (None, ""):
        settings = {}
    if not isinstance(settings, dict) or not all(isinstance(k, str) for k in settings):
        raise ValidationError("settings: a mapping of names to values")
    clash = sorted(CHANNEL_KEYS & set(settings))
    if clash:
        raise ValidationError(f"settings: {', '.join(clash)} are the channel's own fields, not settings")
    secretive = sorted(k for k in settings if any(word in k.lower() for word in SECRET_WORDS))
    if secretive:
        raise ValidationError(f"settings: {', '.join(secretive)} look like secrets; secrets go in the channel's "
                              "secrets (config apply, as env:NAME references), never in its settings")
    from carewatch.escalation.policy import _json_clean

    settings = _json_clean(settings)
    with transaction.atomic():
        locked = Channel.objects.select_for_update().get(pk=channel.pk)
        before = channel_view(locked)
        locked.external_id, locked.sponsorship, locked.settings = external_id, sponsorship, settings
        after = channel_view(locked)
        if after == before:
            return False
        locked.save(update_fields=["external_id", "sponsorship", "settings"])
        append("settings.channel.update", actor=actor, client_id=locked.client_id, obj=locked,
               data={"from": before, "to": after})
    channel.external_id, channel.sponsorship, channel.settings = external_id, sponsorship, settings
    return True
