"""What a client's configuration adds to the checks (its ``programs`` settings block).

``programs: {disclosure_tokens: [...], rx_products: [...], otc_products: [...], rights_hashtag: "#YesBrand",
terms_url: "https://...", terms_version: "2026-01", correction_message: "..."}``. Without
``rx_products``, every product of the client except those in ``otc_products`` counts as Rx.
"""

from __future__ import annotations

from typing import Any

from carewatch.programs.check import ClientRules
from carewatch.tenancy.models import Client, Product

DEFAULT_CORRECTION = (
    "Hi {name}, thank you for your post about {brand}. Our disclosure check found: {problems}. "
    "Please edit the post so that #ad (or \"Paid partnership with {brand}\") appears at the very start of the "
    "caption, above the \"more\" cut, and in the video itself. Reply here once it is updated. Thank you!"
)


def program_settings(client: Client) -> dict[str, Any]:
    value = (client.settings or {}).get("programs") or {}
    return value if isinstance(value, dict) else {}


def rules_for_client(client: Client) -> ClientRules:
    conf = program_settings(client)
    rx = conf.get("rx_products")
    if not isinstance(rx, list):
        otc = {str(p).lower() for p in conf.get("otc_products") or []}
        names: list[str] = []
        for product in Product.objects.filter(client=client):
            if product.name.lower() in otc:
                continue
            names.append(product.name)
            if product.generic:
                names.append(product.generic)
            names.extend(str(a) for a in product.aliases or [])
        rx = names
    return ClientRules(rx_products=tuple(str(n) for n in rx if str(n).strip()),
                       tokens=tuple(str(t) for t in conf.get("disclosure_tokens") or []))


def rules_for_client_slug(slug: str) -> ClientRules | None:
    client = Client.objects.filter(slug=slug).first()
    return None if client is None else rules_for_client(client)


def validate_settings(settings: dict[str, Any], where: str) -> dict[str, Any]:
    """The ``programs`` block of a client in ``carewatch config apply``."""
    block = settings.get("programs")
    if block is None:
        return settings
    if not isinstance(block, dict):
        raise ValueError(f"{where}: programs must be a mapping")
    known = {"disclosure_tokens", "rx_products", "otc_products", "rights_hashtag", "terms_url", "terms_version",
             "correction_message", "rights_request_message", "rights_days", "health_min_age"}
    unknown = set(block) - known
    if unknown:
        raise ValueError(f"{where}: unknown programs key(s): {', '.join(sorted(unknown))}")
    for key in ("disclosure_tokens", "rx_products", "otc_products"):
        if key in block and (not isinstance(block[key], list) or not all(isinstance(v, str) for v in block[key])):
            raise ValueError(f"{where}: programs.{key} must be a list of strings")
    tag = block.get("rights_hashtag")
    if tag is not None and (not isinstance(tag, str) or not tag.startswith("#")):
        raise ValueError(f"{where}: programs.rights_hashtag must start with #")
    return settings
