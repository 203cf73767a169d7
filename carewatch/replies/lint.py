"""The compliance lint every reply passes before it is sent (compliance reference §1.6 and §1.9).

``lint(client, text, case=None, template_version=None)`` returns findings, each naming its rule,
whether it blocks the send, the offending characters (``start``/``end`` in ``text``) and a message
in plain words. Rules:

- ``phi``: an identifier of a person in the reply (the triage PHI detector; the client's own
  contact details — template variables and ``contact_points`` —, toll-free numbers, product and
  staff names excepted). Blocks.
- ``ae_script``: the case has an adverse event (a safety case of kind adverse_event not dismissed)
  and the reply is not the client's active AE acknowledgement script, unedited. Blocks. (A safety
  case for a special situation alone — an off-label question, no reaction — may also be answered
  with the Medical Information referral.)
- ``medical_content``: the customer asked an off-label or medical question, or the reply itself
  gives medical advice or speaks of an unapproved use, and the reply is not the active Medical
  Information template, unedited. Blocks.
- ``fair_balance``: a benefit claim without the brand and generic name, the most serious risk and
  the risk/ISI link configured for the product. Blocks.
- ``length``: longer than the platform takes (X counts a link as 23 characters). Blocks.
- ``banned_word``: one of the client's banned words. Blocks.
- ``variable``: a ``{variable}`` left unfilled. Blocks.
- ``untracked_link``: a link that is not a tracked short link yet; converted when sent. Does not block.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings

from carewatch.replies import library
from carewatch.replies.models import Category, TemplateVersion
from carewatch.replies.policy import ReplyPolicy, policy_for
from carewatch.triage.detectors.care import FLAGS, Cues, Text, negated, product_spans
from carewatch.triage.detectors.inquiry import OffLabelDetector
from carewatch.triage.detectors.phi import find_phi
from carewatch.triage.engine import context_for_client
from carewatch.triage.result import TriageResult

if TYPE_CHECKING:
    from carewatch.inbox.models import Case
    from carewatch.tenancy.models import Client, User

URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"']+[^\s<>\"'.,;:!?)\]]", re.IGNORECASE)
X_LINK_LENGTH = 23
SHORT_CODE_LENGTH = 8
MEDICAL_LABELS = frozenset({"off_label", "medical_inquiry"})

# Medical advice in a reply: telling someone how to take, combine, stop or dose a medicine, or
# that a symptom is normal. Only the Medical Information team answers such things, privately.
ADVICE = Cues((
    r"you (?:can|could|should|may|must|need to|might want to|can safely) (?:\w+ )?(?:take|use|inject|stop|skip|"
    r"double|increase|decrease|reduce|split|combine|mix|drink|eat|switch|wait|try|lower|raise)",
    r"(?:it'?s|it is|that'?s|that is|this is) (?:\w+ )?(?:safe|fine|ok|okay|normal|not dangerous|harmless) to",
    r"(?:safe|fine|ok|okay) to (?:take|use|inject|combine|drink|mix|skip|stop|double)",
    r"\d+(?:[.,]\d+)? ?(?:mg|mcg|µg|ml|units?|iu)",
    r"(?:take|inject|use) (?:it|them|this|your \w+|\w+) (?:with|without|before|after) (?:food|meals?|alcohol|"
    r"breakfast|dinner|eating)",
    r"(?:double|skip|split|halve|crush) (?:the|your|a|an|one) (?:dose|pen|pill|tablet|injection|shot)",
    r"(?:stop|keep|start) (?:taking|using|injecting)",
    r"(?:side effects?|nausea|symptoms?|headaches?|dizziness) (?:is|are|should be|will|usually|often) "
    r"(?:\w+ )?(?:normal|common|expected|temporary|go away|pass|fine|nothing to worry)",
    r"(?:does ?n[o']?t|does not|won'?t|will not|do ?n[o']?t) interact", r"no (?:known )?interactions?",
    r"puede(?:s|n)? (?:tomar|usar|dejar|inyectar|combinar)", r"es (?:seguro|normal) (?:tomar|usar|combinar)",
    r"vous pouvez (?:prendre|utiliser|arrêter|injecter|combiner)", r"(?:sans danger|normal) de (?:prendre|combiner)",
    r"sie können (?:\w+ )?(?:nehmen|einnehmen|absetzen|spritzen|kombinieren)",
))

# A benefit: what the medicine does for a patient. With the product named, fair balance applies.
BENEFIT = Cues((
    r"works?(?: \w+)? (?:great|well|wonders|fast|quickly|better)", r"(?:highly |very )?effective", r"efficacy",
    r"helps?(?: \w+)? (?:lose|lower|reduce|control|manage|improve|feel|with)", r"lowers?", r"reduces?",
    r"improves?", r"controls?", r"relie(?:f|ves?)", r"(?:clinically )?proven", r"better (?:than|control|results)",
    r"the best", r"cures?", r"treats?", r"(?:is |are )?(?:indicated|approved) (?:for|to)", r"weight loss",
    r"lose weight", r"results in", r"life[- ]changing", r"funciona", r"eficaz", r"reduce", r"mejora", r"efficace",
    r"améliore", r"wirksam", r"wirkt", r"senkt", r"verbessert",
))
IMPLIED_PRODUCT = re.compile(r"(?<!\w)(?:it|this (?:medicine|medication|treatment|drug)|our (?:medicine|medication|"
                             r"treatment|product))(?!\w)", FLAGS)
SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")


@dataclass(frozen=True)
class Finding:
    rule: str
    blocking: bool
    start: int
    end: int
    message: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def blocking(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.blocking]


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def short_link_prefix(policy: ReplyPolicy) -> str:
    base = policy.link_base_url or str(getattr(settings, "CAREWATCH_BASE_URL", "http://127.0.0.1:8000")).rstrip("/")
    return f"{base}/l/"


def links(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in URL.finditer(text)]


def _is_tracked(url: str, policy: ReplyPolicy) -> bool:
    return url.startswith(short_link_prefix(policy))


def _scripted_match(client: Client, text: str, case: Case | None, category: str,
                    template_version: TemplateVersion | None, user: User | None) -> TemplateVersion | None:
    """The active script of ``category`` the text is, word for word (variables filled)."""
    if template_version is not None and template_version.template.category == category \
            and template_version.client_id == client.pk and template_version.is_active():
        rendered = library.render(template_version.body, library.values_for(client, case, user))
        if library.same_words(rendered, text):
            return template_version
    return library.matching_version(client, text, case, [category], user)


def _allowed_phrases(client: Client, policy: ReplyPolicy, case: Case | None, user: User | None) -> list[str]:
    """What may look like PHI but is the client's own: its contact details, names, the agent's name."""
    phrases = [client.name, *policy.variables.values(), *(r.isi_url for r in policy.product_risk.values())]
    phrases.extend(client.name.split())
    if user is not None:
        phrases.extend([user.display_name, user.name, *user.name.split()])
    from carewatch.tenancy.models import Product

    for product in Product.objects.filter(client=client):
        phrases.extend([product.name, product.generic])
    return [_norm(p) for p in phrases if p and len(p) > 1]


# Toll-free numbers belong to organisations, never to a person: North American 8XX, the
# international freephone +800, UK 0800/0808, and the 0800 of most of Europe.
NANP_TOLL_FREE = frozenset({"800", "833", "844", "855", "866", "877", "888"})
DIGITS = re.compile(r"\d")


def _digits(text: str) -> str:
    return "".join(DIGITS.findall(text))


def is_toll_free(number: str) -> bool:
    from carewatch.triage.detectors.phi import is_toll_free as toll_free

    return toll_free(number)


def _same_number(a: str, b: str) -> bool:
    """The same line written nationally or internationally ("01 23 45 67 89" = "+33 1 23 45 67 89")."""
    if len(a) < 7 or len(b) < 7:
        return False
    if a.endswith(b) or b.endswith(a):
        return True
    return len(a) >= 9 and len(b) >= 9 and a[-9:] == b[-9:]


def _bare_url(url: str) -> str:
    url = url.strip().lower()
    for prefix in ("https://", "http://"):
        url = url.removeprefix(prefix)
    return url.removeprefix("www.").rstrip("/")


def _own_contact(entity_type: str, value: str, policy: ReplyPolicy) -> bool:
    """The client's own number, address or page (``contact_points`` and template variables)."""
    points = [*policy.contact_points, *policy.variables.values()]
    if entity_type == "PHONE":
        digits = _digits(value)
        if is_toll_free(value):
            return True
        own = [_digits(p) for p in points]
        return any(_same_number(digits, o) for o in own)
    bare = _bare_url(value)
    for point in points:
        mine = _bare_url(point)
        if not mine or " " in mine:
            continue
        if bare == mine or bare.startswith(mine + "/") or bare.startswith(mine + "?"):
            return True
    return False


# The detector's entity types as an agent reads them in a finding ("looks like an e-mail address").
PHI_WORDS = {"EMAIL": "e-mail address", "PHONE": "phone number", "URL": "web address", "SSN": "Social Security number",
             "MRN": "medical record number", "MBI": "Medicare beneficiary identifier", "DOB": "date of birth",
             "RX_NUMBER": "prescription number", "MEMBER_ID": "member ID", "ZIP": "ZIP code",
             "ACCOUNT": "account number", "LICENSE": "license number"}


def _phi(client: Client, text: str, policy: ReplyPolicy, case: Case | None, user: User | None,
         sponsorship: str) -> list[Finding]:
    allowed = _allowed_phrases(client, policy, case, user)
    prefix = short_link_prefix(policy)
    from carewatch.tenancy.models import Channel

    own_pages = [re.compile(rf"/{re.escape(h)}(?:[/?#.,;:!)]|$)", re.IGNORECASE)
                 for h in Channel.objects.filter(client=client).values_list("handle", flat=True) if h]
    out: list[Finding] = []
    for entity in find_phi(text, context_for_client(client.pk, sponsorship)):
        value = _norm(entity.text)
        if any(value == a or value in a for a in allowed) or entity.text.startswith(prefix):
            continue
        if entity.type in ("PHONE", "URL", "EMAIL") and _own_contact(entity.type, entity.text, policy):
            continue  # a toll-free line, or the client's own number, address or page
        if entity.type == "URL" and any(page.search(entity.text) for page in own_pages):
            continue  # the brand's own page on a platform
        kind = PHI_WORDS.get(entity.type, entity.type.lower().replace("_", " "))
        kind = ("an " if kind[:1] in "aeio" else "a ") + kind
        out.append(Finding("phi", True, entity.start, entity.end,
                           f"“{entity.text}” looks like {kind}: a public reply must not repeat personal details"))
    return out


def _open_adverse_event(case: Case) -> Any:
    from carewatch.safety.models import SafetyCase, SafetyKind, SafetyStatus

    return (SafetyCase.objects.filter(case=case, kind=SafetyKind.ADVERSE_EVENT)
            .exclude(status=SafetyStatus.DISMISSED).order_by("id").first())


def _medical_content(client: Client, text: str, sponsorship: str) -> list[tuple[int, int, str]]:
    prepared = Text(text)
    spans: list[tuple[int, int, str]] = []
    for hit in ADVICE.hits(prepared):
        if not negated(prepared.folded, hit.start, hit.end, before=2, after=False):
            spans.append((hit.start, hit.end, "medical advice"))
    context = context_for_client(client.pk, sponsorship or "owned")
    for finding in OffLabelDetector().detect(text, context, TriageResult()):
        for ev in finding.evidence:
            if ev.why.startswith("outside the approved use"):
                spans.append((ev.start, ev.end, "an unapproved use"))
    return sorted(set(spans))


def _fair_balance(client: Client, text: str, policy: ReplyPolicy, sponsorship: str) -> list[Finding]:
    prepared = Text(text)
    benefits = BENEFIT.hits(prepared)
    if not benefits:
        return []
    context = context_for_client(client.pk, sponsorship or "owned")
    named = product_spans(prepared, context)
    out: list[Finding] = []
    lowered = _norm(text)
    for sentence in SENTENCE.finditer(text):
        s, e = sentence.span()
        claims = [b for b in benefits if s <= b.start < e and not negated(prepared.folded, b.start, b.end, before=3)]
        if not claims:
            continue
        products = [p for ps, _pe, p in named if s <= ps < e]
        implied = not products and IMPLIED_PRODUCT.search(text, s, e) is not None and bool(context.products)
        if not products and not implied:
            continue
        if implied:
            # "It lowers A1C": about the product of the conversation; every product must then be balanced.
            products = list(context.products)
        claim = claims[0]
        for product in dict.fromkeys(products):
            missing = []
            if not re.search(rf"(?<!\w){re.escape(product.name)}(?!\w)", text, re.IGNORECASE):
                missing.append(f"the brand name {product.name}")
            if product.generic and not re.search(rf"(?<!\w){re.escape(product.generic)}(?!\w)", text, re.IGNORECASE):
                missing.append(f"the generic name {product.generic}")
            risk = policy.product_risk.get(product.name)
            if risk is None:
                missing.append("the most serious risk and the risk information link (none configured for "
                               f"{product.name}: set product_risk in the client's settings)")
            else:
                if _norm(risk.risk) not in lowered:
                    missing.append(f"the most serious risk (“{risk.risk}”)")
                if risk.isi_url.lower() not in text.lower():
                    missing.append(f"the risk information link {risk.isi_url}")
            if missing:
                out.append(Finding("fair_balance", True, claim.start, claim.end,
                                   f"“{text[claim.start:claim.end]}” claims a benefit of {product.name}: the same "
                                   f"reply must carry {', '.join(missing)}"))
    return out


def counted_length(text: str, platform: str, policy: ReplyPolicy) -> int:
    """The length the platform counts once links are made tracked short links."""
    tracked = len(short_link_prefix(policy)) + SHORT_CODE_LENGTH
    length = len(text)
    for start, end, url in links(text):
        new = X_LINK_LENGTH if platform == "x" else (len(url) if _is_tracked(url, policy) else tracked)
        length += new - (end - start)
    return length


def lint(client: Client, text: str, case: Case | None = None, template_version: TemplateVersion | None = None,
         *, user: User | None = None, platform: str = "", dm: bool | None = None) -> list[Finding]:
    policy = policy_for(client)
    sponsorship = case.channel.sponsorship if case is not None else "owned"
    platform = platform or (case.platform if case is not None else "")
    findings: list[Finding] = []
    whole = (0, len(text))

    findings.extend(_phi(client, text, policy, case, user, sponsorship))

    labels = library.case_labels(case) if case is not None else []
    mi_script = _scripted_match(client, text, case, Category.MEDICAL_INFORMATION, template_version, user)
    ae_script = None
    if case is not None:
        adverse = _open_adverse_event(case)
        if adverse is not None:
            ae_script = _scripted_match(client, text, case, Category.AE_ACKNOWLEDGEMENT, template_version, user)
            # A safety case for a special situation only (an off-label question, no reaction) may also
            # be answered with the Medical Information referral; a reported adverse event only with the script.
            reaction = "adverse_event" in labels
            if ae_script is None and reaction:
                findings.append(Finding(
                    "ae_script", True, *whole,
                    f"this case has an adverse event ({adverse.reference}): only the approved AE acknowledgement "
                    "script may be sent, as approved — no causality, no medical advice"))
            elif ae_script is None and mi_script is None:
                findings.append(Finding(
                    "ae_script", True, *whole,
                    f"this case has a safety case ({adverse.reference}) for a special situation: only the approved "
                    "AE acknowledgement script or the Medical Information referral may be sent, as approved"))
    if ae_script is None and mi_script is None:
        asked = sorted(MEDICAL_LABELS.intersection(labels))
        if asked:
            findings.append(Finding(
                "medical_content", True, *whole,
                f"the customer's message is labelled {' and '.join(a.replace('_', ' ') for a in asked)}: the "
                "only public reply allowed is the Medical Information referral template, as approved"))
        for start, end, what in _medical_content(client, text, sponsorship):
            findings.append(Finding(
                "medical_content", True, start, end,
                f"“{text[start:end]}” is {what}: only Medical Information answers that, with its approved template"))

    findings.extend(_fair_balance(client, text, policy, sponsorship))

    if platform:
        is_dm = dm if dm is not None else bool(case is not None and case.thread_key.startswith("dm:"))
        limit = policy.char_limit(platform, dm=is_dm)
        length = counted_length(text, platform, policy)
        if limit is not None and length > limit:
            findings.append(Finding("length", True, min(limit, len(text)), len(text),
                                    f"{length} characters: {platform} takes at most {limit} here"))

    for word in policy.banned_words:
        for match in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE):
            findings.append(Finding("banned_word", True, match.start(), match.end(),
                                    f"“{match.group(0)}” is on {client.name}'s list of banned words"))

    for match in library.VARIABLE.finditer(text):
        findings.append(Finding("variable", True, match.start(), match.end(),
                                f"{match.group(0)} is not filled in: {client.name} has no value for it"))

    for start, end, url in links(text):
        if not _is_tracked(url, policy):
            findings.append(Finding("untracked_link", False, start, end,
                                    "this link becomes a tracked short link when the reply is sent"))
    findings.sort(key=lambda f: (not f.blocking, f.start, f.rule))
    return findings


# Rules that judge a reply against its case: a template has no case (and a script or referral
# under review is, by definition, not yet the active one the rule compares with).
CASE_RULES = frozenset({"ae_script"})
SCRIPT_CATEGORIES = frozenset({Category.AE_ACKNOWLEDGEMENT, Category.MEDICAL_INFORMATION})


def lint_template(version: TemplateVersion) -> list[Finding]:
    """The findings a version's wording would have in any reply: rendered with the client's values
    (and a stand-in handle and agent), linted with no case. An AE script or a Medical Information
    referral is the approved answer to a medical question, so ``medical_content`` spares it."""
    template = version.template
    client = template.client
    values = {"handle": "@customer", "agent": "Agent", **library.values_for(client)}
    text = library.render(version.body, values)
    findings = lint(client, text)
    skip = set(CASE_RULES)
    if template.category in SCRIPT_CATEGORIES:
        skip.add("medical_content")
    return [f for f in findings if f.rule not in skip]
