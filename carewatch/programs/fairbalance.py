"""Fair balance for a prescription-drug influencer post (compliance reference §1.6, §1.8).

A post that claims a benefit of a prescription product must carry the risk information, or a
direct link to it, in the same post. Pure functions over the text (EN/ES/FR/DE cues).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from carewatch.programs.disclosure import FAIL, NOT_APPLICABLE, PASS, Finding

BENEFIT = (
    # EN
    r"\b(?:cleared|clears|cured|cures|fixed|fixes|healed|heals|controls?|controlled|relieves?|relieved|reduced|"
    r"reduces|lowered|lowers|improved|improves|eliminated|stops?|stopped|prevents?|prevented)\b"
    r" (?:up |away |down )?(?:my|the|your|his|her|our|all|me)\b(?: [\w']+){0,2}",
    r"\b(?:works?|worked) (?:so well|wonders|like magic|great|for me|amazingly)\b",
    r"\b(?:changed|saved) my life\b", r"\bno more (?:pain|flares?|migraines?|attacks?|symptoms|itching|breakouts)\b",
    r"\b(?:symptom|pain|itch|flare)[- ]free\b", r"\bmiracle\b", r"\bgame[- ]changer\b",
    r"\b(?:helped|helps) (?:me|with|my)\b", r"\b(?:best|only) (?:treatment|medication|medicine|drug)\b",
    r"\ba1c (?:is |went )?down\b",
    # ES
    r"\bme (?:ha )?(?:ayud[oó]|cambi[oó] la vida|cur[oó]|quit[oó])\b", r"\bme ayuda\b",
    r"\b(?:funciona|funcionó) (?:de maravilla|genial|muy bien|para mí)\b", r"\bsin (?:dolor|brotes|síntomas)\b",
    r"\b(?:alivia|alivió|controla|mejoró|mejora|redujo|reduce)\b",
    # FR
    r"\bm'a (?:aid[ée]e?|sauv[ée]e?|chang[ée] la vie|soulag[ée]e?|gu[ée]ri)\b",
    r"\b(?:soulage|soulagement|efficace|miracle|contr[ôo]le|am[ée]liore|r[ée]duit)\b",
    r"\bplus (?:de douleur|de crises|de poussées|de symptômes)\b",
    # DE
    r"\bhat mir (?:geholfen|das leben ver[äa]ndert|das leben gerettet)\b",
    r"\b(?:wirkt|wirkte) (?:super|wunder|toll|bei mir|sofort)\b",
    r"\b(?:lindert|linderung|beschwerdefrei|schmerzfrei)\b",
    r"\bkeine (?:schmerzen|schübe|symptome) mehr\b",
)
RISK = (
    r"\bside[- ]effects?\b", r"\b(?:serious )?risks?\b", r"\bmay cause\b", r"\bcan cause\b",
    r"\bimportant safety information\b", r"\bsafety info(?:rmation)?\b", r"\bisi\b", r"\bwarnings?\b",
    r"\bboxed warning\b", r"\bcontraindicat\w*\b", r"\bnot for (?:everyone|people|patients)\b",
    r"\befectos? (?:secundarios?|adversos?)\b", r"\briesgos?\b", r"\bpuede causar\b", r"\bpuede provocar\b",
    r"\binformaci[oó]n (?:de|sobre) seguridad\b",
    r"\beffets? (?:secondaires?|ind[ée]sirables?)\b", r"\brisques?\b", r"\bpeut (?:provoquer|causer|entra[iî]ner)\b",
    r"\bnebenwirkungen?\b", r"\brisiken\b", r"\bkann [\w\s]{0,30}(?:verursachen|auslösen)\b",
    r"\bpflichttext\b", r"\bsicherheitsinformationen?\b",
)
RISK_LINK = r"(?:https?://|www\.)\S*(?:/|\b)(?:risk|risks|isi|safety|safety-info|pi|prescribing-information|" \
            r"riesgos|seguridad|risques|securite|sécurité|risiken|sicherheit|nebenwirkungen|fachinfo|" \
            r"gebrauchsinformation|notice)\b\S*"
RX_CUES = (
    r"\bprescription\b", r"\bprescribed\b", r"\brx\b", r"\bask your (?:doctor|dermatologist|physician)\b",
    r"\brecetad[oa]\b", r"\breceta\b", r"\brecet[oó]\b", r"\bpregunta a tu m[ée]dico\b", r"\bordonnance\b",
    r"\bprescrit\b", r"\bdemandez à votre médecin\b", r"\brezept\w*\b", r"\bverschrieben\b",
    r"\bverschreibungspflichtig\b", r"\bfragen sie ihren arzt\b",
)

_FLAGS = re.IGNORECASE | re.MULTILINE
_BENEFIT = re.compile("|".join(f"(?:{p})" for p in BENEFIT), _FLAGS)
_RISK = re.compile("|".join(f"(?:{p})" for p in RISK), _FLAGS)
_RISK_LINK = re.compile(RISK_LINK, _FLAGS)
_RX = re.compile("|".join(f"(?:{p})" for p in RX_CUES), _FLAGS)


def mentions_rx(text: str, rx_products: Iterable[str] = ()) -> bool:
    """Whether the post is about a prescription product: one of the client's Rx products by name,
    or a prescription cue ("prescription", "ask your doctor", "receta", "ordonnance", "Rezept")."""
    folded = text.lower()
    for name in rx_products:
        if name and re.search(r"(?<![\w])#?" + re.escape(name.lower()) + r"(?![\w])", folded):
            return True
    return bool(_RX.search(text))


def check_fair_balance(text: str, *, rx: bool) -> tuple[str, list[Finding]]:
    """``pass`` / ``fail`` / ``not_applicable`` and the findings: a benefit claim without risk
    information or a link to it fails."""
    if not rx:
        return NOT_APPLICABLE, []
    claims = list(_BENEFIT.finditer(text))
    if not claims:
        return PASS, []
    if _RISK.search(text) or _RISK_LINK.search(text):
        return PASS, []
    first = claims[0]
    start, end = first.start(), first.end()
    snippet = text[start:end].strip()
    end = start + len(text[start:end].rstrip())
    return FAIL, [Finding("fda.fair_balance.benefit_without_risk", start, end,
                          f"benefit claim {snippet!r} for a prescription product without the most serious risks "
                          "or a link to the risk information in the same post")]
