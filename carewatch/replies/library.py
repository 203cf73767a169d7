"""Templates as the composer and the lint use them: filling variables, finding the active version,
suggesting templates for a case, measuring edits and diffing versions. Pure reads; no writes."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Q
from django.utils import timezone

from carewatch.replies.models import Category, Template, TemplateVersion, VersionStatus
from carewatch.replies.policy import ReplyPolicy, policy_for

if TYPE_CHECKING:
    from carewatch.inbox.models import Case
    from carewatch.tenancy.models import Client, User

VARIABLE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
BUILTIN_VARIABLES = ("handle", "agent", "client")

# Which templates fit which triage labels, in the order the composer offers them: a reported
# reaction calls for the AE script first; a question for the MI referral before the AE script a
# special situation alone (an off-label question) also allows.
CATEGORIES_FOR_LABEL: dict[str, tuple[str, ...]] = {
    "adverse_event": (Category.AE_ACKNOWLEDGEMENT,),
    "serious": (Category.AE_ACKNOWLEDGEMENT,),
    "off_label": (Category.MEDICAL_INFORMATION,),
    "medical_inquiry": (Category.MEDICAL_INFORMATION,),
    "special_situation": (Category.AE_ACKNOWLEDGEMENT,),
    "product_complaint": (Category.PRODUCT_COMPLAINT,),
    "ugc_consent": (Category.UGC_RIGHTS_REQUEST,),
}
GENERAL = (Category.GENERAL_QUESTION, Category.COMPLAINT, Category.GIVEAWAY,
           Category.FOLLOW_UP_TOUCH_2, Category.FOLLOW_UP_TOUCH_3)


def variables_in(body: str) -> list[str]:
    return list(dict.fromkeys(VARIABLE.findall(body)))


def allowed_variables(policy: ReplyPolicy) -> set[str]:
    return set(BUILTIN_VARIABLES) | set(policy.variables)


def values_for(client: Client, case: Case | None = None, user: User | None = None,
               policy: ReplyPolicy | None = None) -> dict[str, str]:
    policy = policy or policy_for(client)
    values = dict(policy.variables)
    values["client"] = client.name
    if case is not None:
        handle = case.author.handle or case.author.display_name
        values["handle"] = f"@{handle}" if case.author.handle else handle
    if user is not None:
        values["agent"] = user.display_name
    return values


def render(body: str, values: dict[str, str]) -> str:
    """The body with ``{name}`` filled; an unknown name stays as written (the lint shows it).
    No str.format: a template must never reach attributes (``{handle.__class__}``)."""
    return VARIABLE.sub(lambda m: values.get(m.group(1), m.group(0)), body)


def active_versions(client: Client, categories: Iterable[str] | None = None,
                    language: str | None = None) -> list[TemplateVersion]:
    now = timezone.now()
    qs = TemplateVersion.objects.filter(client=client, status=VersionStatus.APPROVED).filter(
        Q(expires_at__isnull=True) | Q(expires_at__gt=now)).select_related("template")
    if categories is not None:
        qs = qs.filter(template__category__in=list(categories))
    if language:
        qs = qs.filter(template__language=language)
    return list(qs.order_by("template__category", "template__key", "-number"))


def active_version(template: Template) -> TemplateVersion | None:
    now = timezone.now()
    return (template.versions.filter(status=VersionStatus.APPROVED)
            .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now)).order_by("-number").first())


def case_labels(case: Case) -> list[str]:
    """Every triage label on the case's inbound messages, first seen first."""
    from carewatch.inbox.models import Direction

    labels: dict[str, None] = {}
    for mention_labels in case.mentions.filter(direction=Direction.INBOUND).order_by(
            "created_at").values_list("labels", flat=True):
        for label in mention_labels or []:
            labels[label] = None
    return list(labels)


def case_language(case: Case) -> str:
    langs = list(case.client.languages or [])
    return case.language or (langs[0] if langs else "en")


@dataclass(frozen=True)
class Suggestion:
    version: TemplateVersion
    text: str  # rendered for this case
    reason: str  # why it is offered
    fits: bool  # fits the case's labels (else offered as a general template)


def suggest(case: Case, user: User | None = None) -> list[Suggestion]:
    """Active templates for the case: those its labels call for first, in the case's language
    (else the client's first language), then the general ones."""
    client = case.client
    policy = policy_for(client)
    values = values_for(client, case, user, policy)
    labels = case_labels(case)
    wanted: dict[str, str] = {}
    for label in CATEGORIES_FOR_LABEL:
        if label not in labels:
            continue
        for category in CATEGORIES_FOR_LABEL[label]:
            wanted.setdefault(category, label)
    language = case_language(case)
    versions = active_versions(client, language=language)
    if not versions and client.languages and language != client.languages[0]:
        versions = active_versions(client, language=client.languages[0])
    fitting = [v for v in versions if v.template.category in wanted]
    fitting.sort(key=lambda v: list(wanted).index(v.template.category))
    others = [v for v in versions if v.template.category not in wanted]
    others.sort(key=lambda v: GENERAL.index(v.template.category) if v.template.category in GENERAL else 99)
    out = [Suggestion(v, render(v.body, values), f"the case is labelled {wanted[v.template.category]}", True)
           for v in fitting]
    out, others = _pin_holding_statements(case, out, others, values)  # crisis mode (carewatch.crisis)
    out.extend(Suggestion(v, render(v.body, values), "general", False) for v in others)
    return out


# Who says which holding statements a client's live incident pins: ``(incident, template keys;
# [] = all)`` or None. Filled by the crisis app from its AppConfig.ready (replies is below it).
HOLDING_PINS: list[Callable[[int], tuple[Any, list[str]] | None]] = []


def _pin_holding_statements(case: Case, out: list[Suggestion], others: list[TemplateVersion],
                            values: dict[str, str]) -> tuple[list[Suggestion], list[TemplateVersion]]:
    """During a client's incident its approved holding statements come first; otherwise none is offered."""
    holding = [v for v in others if v.template.category == Category.HOLDING_STATEMENT]
    others = [v for v in others if v.template.category != Category.HOLDING_STATEMENT]
    pinned = None
    for pins in HOLDING_PINS if holding else []:
        pinned = pinned or pins(case.client_id)
    if pinned is None:
        return out, others
    incident, keys = pinned
    chosen = [v for v in holding if v.template.key in keys] or holding
    return [Suggestion(v, render(v.body, values), f"pinned during {incident.reference}", True)
            for v in chosen] + out, others


def edit_ratio(template_text: str, text: str) -> float:
    """How much of the approved wording was changed: 0 (as approved) to 1 (nothing kept)."""
    if template_text == text:
        return 0.0
    return round(1.0 - difflib.SequenceMatcher(None, template_text, text, autojunk=False).ratio(), 4)


def same_words(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def edits(template_text: str, text: str) -> list[str]:
    return list(difflib.unified_diff(template_text.splitlines(), text.splitlines(), "template", "reply",
                                     lineterm="", n=1))


def diff_versions(old: TemplateVersion, new: TemplateVersion) -> list[str]:
    return list(difflib.unified_diff(old.body.splitlines(), new.body.splitlines(), f"v{old.number}",
                                     f"v{new.number}", lineterm=""))


def matching_version(client: Client, text: str, case: Case | None, categories: Iterable[str],
                     user: User | None = None) -> TemplateVersion | None:
    """The active version of these categories whose words the text is (variables filled, whitespace aside)."""
    policy = policy_for(client)
    values = values_for(client, case, user, policy)
    for version in active_versions(client, categories):
        rendered = render(version.body, values)
        if same_words(rendered, text):
            return version
        if user is None and "{agent}" in version.body:
            # The API caller may sign as anyone: accept any agent name where {agent} stands.
            pattern = re.escape(" ".join(render(version.body, {**values, "agent": "\0"}).split()))
            if re.fullmatch(pattern.replace("\\\0", r"[^\n]{1,80}").replace("\0", r"[^\n]{1,80}"),
                            " ".join(text.split())):
                return version
    return None
