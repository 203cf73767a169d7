"""The ``influencers:`` block of a client in ``carewatch config apply`` (config as code).

```yaml
clients:
  - slug: northwind
    programs: {rights_hashtag: "#YesNorthwind", terms_url: "https://northwind.example/ugc-terms"}
    influencers:
      - name: Maya Reyes
        handles: {instagram: mayaglows, tiktok: [mayaglows, maya.reyes]}
        contract_start: 2026-01-01
        contract_end: 2026-12-31
        material_connection: paid        # paid | free_product | employee | family | none
        required_tokens: ["#ad"]
        products: [Glucavio]
        owner: alice@agency.test         # the agency owner who gets correction tasks
```

Idempotent like the rest of the file; an influencer missing from the file stays as it is.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from carewatch.tenancy.models import Client


def apply_roster(client: Client, specs: Any, changes: list[str]) -> None:
    """Create or update each listed influencer; appends one line per change. Raises ValueError
    (the config apply's ConfigError is a ValueError) naming the entry when one is malformed."""
    from carewatch.programs.actions import save_influencer
    from carewatch.tenancy.config import ConfigError

    if specs in (None, []):
        return
    if not isinstance(specs, list):
        raise ConfigError(f"client {client.slug}: influencers must be a list")
    for spec in specs:
        if not isinstance(spec, dict):
            raise ConfigError(f"client {client.slug}: each influencer must be a mapping")
        try:
            inf, changed = save_influencer(client, spec, actor_label="config",
                                           where=f"client {client.slug} influencer")
        except ValidationError as exc:
            raise ConfigError("; ".join(exc.messages)) from None
        if changed == ["created"]:
            changes.append(f"create influencer {inf.name} for {client.slug}")
        elif changed:
            changes.append(f"update influencer {inf.name} for {client.slug}: {', '.join(changed)}")


def export_roster(client: Client) -> list[dict[str, Any]]:
    """The client's roster as ``apply_roster`` reads it (for ``carewatch config export``)."""
    from carewatch.programs.models import Influencer

    out: list[dict[str, Any]] = []
    for inf in Influencer.objects.filter(client=client).prefetch_related("handles").order_by("name"):
        handles: dict[str, list[str]] = {}
        for h in inf.handles.all():
            handles.setdefault(h.platform, []).append(h.handle)
        entry: dict[str, Any] = {
            "name": inf.name, "handles": {p: hs[0] if len(hs) == 1 else hs for p, hs in sorted(handles.items())},
            "material_connection": inf.material_connection,
        }
        if inf.contract_start:
            entry["contract_start"] = inf.contract_start.isoformat()
        if inf.contract_end:
            entry["contract_end"] = inf.contract_end.isoformat()
        for key in ("required_tokens", "products"):
            if getattr(inf, key):
                entry[key] = list(getattr(inf, key))
        if inf.owner_email:
            entry["owner"] = inf.owner_email
        if not inf.is_active:
            entry["active"] = False
        out.append(entry)
    return out
