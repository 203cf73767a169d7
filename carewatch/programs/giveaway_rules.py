"""The §1.10 checks of a giveaway (compliance reference): run when it is defined and on its
announcement. FAIL refuses the definition; WARN is shown and recorded."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from carewatch.programs.rules import program_settings
from carewatch.tenancy.models import Client

FAIL, WARN = "fail", "warn"
REGISTRATION_THRESHOLD = Decimal("5000")

_SHARE_OR_TAG = re.compile(
    r"\b(?:share (?:this|it|on your (?:timeline|page|story|wall))|tag (?:a |your |two |three |\d )?friends?"
    r"|comparte (?:esta|en tu)|etiqueta a (?:un|tus|dos) amig|partage(?:z)? (?:ce|sur ton)|identifie(?:z)? "
    r"(?:un|tes|deux) ami|teile (?:diesen|den beitrag)|markiere (?:einen|deine|zwei) freund)", re.IGNORECASE)
_RELEASE = re.compile(r"\b(?:release|releases|libera|exonère|exonèrent|décharge|freistell)\w*", re.IGNORECASE)
_NON_AFFILIATION = re.compile(
    r"not (?:sponsored|endorsed|administered|associated)[^.]{0,80}(?:facebook|instagram|meta|tiktok|x|twitter)|"
    r"(?:no est[aá] patrocinad|n'est pas (?:sponsoris|parrain|associ)|wird nicht von|steht in keiner verbindung)",
    re.IGNORECASE)
_RX_PRIZE = re.compile(r"\b(?:prescription|rx|receta|ordonnance|rezept)\w*", re.IGNORECASE)


def _finding(level: str, rule: str, message: str) -> dict[str, Any]:
    return {"level": level, "rule": rule, "message": message}


def check_giveaway(g: Any, client: Client) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    text = g.announcement or ""
    platforms = {str(p).lower() for p in g.platforms}
    conf = program_settings(client)
    rx_names = [str(p).lower() for p in conf.get("rx_products") or []] or \
        [p.name.lower() for p in client.products.all()]
    prize = (g.prize or "").lower()
    if g.prize_is_rx or _RX_PRIZE.search(prize) or any(n and n in prize for n in rx_names):
        out.append(_finding(FAIL, "giveaway.rx_prize", "a prescription product cannot be a prize"))
    if g.purchase_required:
        out.append(_finding(FAIL, "giveaway.consideration",
                            "a purchase required makes prize + chance + consideration an illegal lottery"))
    if "facebook" in platforms and (g.entry_method == "share" or g.entry_method == "comment_tag"
                                    or _SHARE_OR_TAG.search(text)):
        out.append(_finding(FAIL, "giveaway.facebook_share_or_tag",
                            "Facebook forbids \"share to enter\" and \"tag friends to enter\""))
    if not g.rules_url:
        out.append(_finding(FAIL, "giveaway.rules_link", "the official-rules link is missing"))
    elif text and g.rules_url not in text:
        out.append(_finding(FAIL, "giveaway.rules_link", "the announcement does not carry the official-rules link"))
    if platforms & {"facebook", "instagram"}:
        if not _RELEASE.search(text):
            out.append(_finding(FAIL, "giveaway.platform_release",
                                "the announcement needs a complete release of the platform by each entrant"))
        if not _NON_AFFILIATION.search(text):
            out.append(_finding(FAIL, "giveaway.non_affiliation",
                                "the announcement must say the promotion is not sponsored, endorsed or "
                                "administered by, or associated with, the platform"))
    health_min = int(conf.get("health_min_age") or 18)
    if g.min_age < 13:
        out.append(_finding(FAIL, "giveaway.min_age", "minimum age below 13"))
    elif g.min_age < health_min:
        out.append(_finding(FAIL, "giveaway.min_age", f"a health brand's giveaway needs entrants aged {health_min}+"))
    value = Decimal(str(g.prize_value or 0)) * max(1, int(g.winners_count))
    states = {str(s).upper() for s in g.states}
    us = not g.countries or "US" in {str(c).upper() for c in g.countries}
    if value > REGISTRATION_THRESHOLD and us:
        for state in ("NY", "FL"):
            if (not states or state in states) and not (g.registration or {}).get(state):
                out.append(_finding(WARN, "giveaway.registration",
                                    f"prizes worth ${value} with {state} residents eligible: register and bond in "
                                    f"{state} before the start, or exclude {state}"))
    return out
