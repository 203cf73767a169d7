"""PHI: the HIPAA Safe Harbor identifiers that occur in social text (45 CFR 164.514(b)(2)).

Compiled patterns with context words, built for speed; recall comes first (a false alarm costs
a reviewer a glance, a miss leaks PHI in a public reply). Drug names are never taken for
personal names. Entity types: NAME, PHONE, EMAIL, SSN, DOB, DATE (other full dates, and month-day dates
of an admission, discharge, death or visit), ADDRESS, ZIP, MRN, MEMBER_ID, MBI, RX_NUMBER, ACCOUNT, IP,
URL, AGE_OVER_89, LICENSE. Trigger words ("my name is", "mi madre") ignore case; the name itself must be
capitalised.

Speed: each rule declares necessary conditions (cue words, a minimum digit count); one
Aho-Corasick pass over the lower-cased text and one digit count pick the rules that can match,
so a text without digits or cues runs few or no patterns. The prefilter never changes the
result (tests/triage/test_triage_core.py checks that no rule with a match is skipped).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

import ahocorasick

from carewatch.triage.context import ScreenContext
from carewatch.triage.detectors.base import Detector
from carewatch.triage.result import Evidence, Finding, PhiEntity, TriageResult

VERSION = "phi-rules-1"
IGNORE = re.IGNORECASE

MONTHS = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|enero|febrero|marzo|abril|mayo|junio|"
          r"julio|agosto|septiembre|octubre|noviembre|diciembre|janvier|février|mars|avril|mai|juin|juillet|"
          r"août|septembre|octobre|novembre|décembre|januar|februar|märz|juni|juli|oktober|dezember|"
          r"gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|janeiro|fevereiro|março|"
          r"maio|junho|julho|setembro|outubro|dezembro)")
DATE = (rf"(?:\d{{1,2}}[/.\-]\d{{1,2}}[/.\-](?:19|20)?\d{{2}}|(?:19|20)\d{{2}}-\d{{1,2}}-\d{{1,2}}|"
        rf"{MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{{2}}|"
        rf"\d{{1,2}}(?:st|nd|rd|th)?\.?\s+(?:de\s+)?{MONTHS}\.?,?\s+(?:de\s+)?(?:19|20)\d{{2}})")
STREET_TYPES = (r"(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|"
                r"terrace|ter|circle|cir|parkway|pkwy|highway|hwy|trail|trl|square|sq|calle|avenida|rue|"
                r"chemin|straße|strasse|weg|platz|allee)")
STATES = (r"(?:AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|"
          r"NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC|PR)")
NAME_WORD = r"[A-ZÁÉÍÓÚÑÄÖÜÇ][a-záéíóúñäöüçèàâêîôûë'\-]+"
FULL_NAME = rf"{NAME_WORD}(?:\s+(?:[A-Z]\.\s+)?{NAME_WORD}){{0,2}}"
SOCIAL_HOSTS = r"(?:facebook|fb|instagram|twitter|x|tiktok|linkedin|reddit|youtube|threads)\.(?:com|net)"
MBI_LETTER = "[AC-HJKMNP-RT-Y]"  # MBI letters exclude S, L, O, I, B, Z
HAS_DIGIT = re.compile(r"\d")
HAS_YEAR = re.compile(r"(?:19|20)\d\d")
_NON_DIGITS = re.compile(r"\D+")


@dataclass(frozen=True)
class Rule:
    type: str
    pattern: re.Pattern[str]
    group: int | str = 0  # the part of the match that is the identifier
    score: float = 0.9
    check: Callable[[str], bool] | None = None
    needs: re.Pattern[str] | None = None  # a cheap test of the whole text; the rule is skipped without it
    # Prefilter (necessary conditions, so skipping never loses a match): at least one of ``cues``
    # occurs in the lower-cased text, and the text has at least ``digits`` digits.
    cues: tuple[str, ...] = ()
    digits: int = 0


def _luhn(number: str) -> bool:
    digits = [int(d) for d in re.sub(r"\D", "", number)]
    if not 13 <= len(digits) <= 19:
        return False
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def _phone_digits(value: str) -> bool:
    return 10 <= len(re.sub(r"\D", "", value)) <= 15


# Toll-free numbers belong to organisations, never to a person: North American 8XX, the international
# freephone +800, the UK's 0800/0808, the 0800 of most of Europe and France's free and shared-cost
# 0800-0809 (also written +33 80x). ``carewatch.replies.lint`` uses the same test.
NANP_TOLL_FREE = frozenset({"800", "833", "844", "855", "866", "877", "888"})


def is_toll_free(number: str) -> bool:
    digits = _NON_DIGITS.sub("", number)
    if number.lstrip().startswith("+") or digits.startswith("00"):
        digits = digits.removeprefix("00")
        if digits.startswith("800") and len(digits) == 11:
            return True  # international freephone
        if digits.startswith("1"):
            return len(digits) == 11 and digits[1:4] in NANP_TOLL_FREE
        if digits.startswith("44"):
            return ("0" + digits[2:]).startswith(("0800", "0808"))
        if digits.startswith("33"):
            return len(digits) == 11 and digits[2:4] == "80"
        return False
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) == 10 and digits[:3] in NANP_TOLL_FREE:
        return True
    if len(digits) == 10 and digits.startswith("080"):
        return True  # France: numéro vert and shared-cost lines
    return digits.startswith(("0800", "0808")) and 9 <= len(digits) <= 11


def _age_over_89(value: str) -> bool:
    number = re.search(r"\d+", value)
    return number is not None and 90 <= int(number.group()) <= 120


RULES = (
    Rule("EMAIL", re.compile(r"\b[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)*\.[a-z]{2,}\b", IGNORE), score=1.0, cues=("@",),
         needs=re.compile(r"@[\w\-]+\.")),  # a social @handle alone never runs the full pattern
    Rule("URL", re.compile(rf"\b(?:https?://)?(?:www\.)?{SOCIAL_HOSTS}/(?!hashtag|share|watch|explore)[\w.\-/]+", IGNORE),
         score=0.8, cues=(".com/", ".net/")),
    Rule("URL", re.compile(r"\bhttps?://[^\s]+[?&](?:id|user|uid|patient|mrn|member|email)=[^\s&]+", IGNORE), score=0.8,
         cues=("http",)),
    Rule("SSN", re.compile(r"\b(?!000|666|9\d\d)\d{3}[- ]?(?!00)\d{2}[- ]?(?!0000)\d{4}\b"), score=0.7,
         check=lambda v: len(re.sub(r"\D", "", v)) == 9 and ("-" in v or " " in v), digits=9),
    Rule("SSN", re.compile(r"\b(?:ssn|social security(?: number| no\.?| #)?|social)\b[^\d\n]{0,25}?"
                           r"(?:ends? (?:in|with)|last (?:4|four)(?: digits)?(?: (?:are|is))?|xxx-xx-|\*{3}-?\*{2}-?)"
                           r"[\s:#-]*(?P<id>\d{4})\b", IGNORE), group="id", score=0.95,
         cues=("ssn", "social"), digits=4),
    Rule("SSN", re.compile(r"\b(?:ssn|social security(?: number| no\.?| #)?)\s*(?:is|:|#|=)?\s*"
                           r"(?P<id>\d{3}[- ]?\d{2}[- ]?\d{4})\b", IGNORE),
         group="id", score=1.0, cues=("ssn", "social security"), digits=9),
    Rule("DOB", re.compile(rf"\b(?:dob|d\.o\.b\.?|date of birth|born(?: on)?|birthday(?: is)?|birth ?date|"
                           rf"fecha de nacimiento|nacid[oa] el|né(?:e)? le|date de naissance|geboren am|"
                           rf"geburtsdatum|nat[oa] il|data di nascita|nasci(?:do|da)? em|data de nascimento|"
                           rf"дата рождения|родил(?:ся|ась))\b[\s:,\-]*(?:(?:is|was|es|est|ist|war|é|è)\s+|:\s*)?"
                           rf"(?P<id>{DATE})", IGNORE),
         group="id", score=1.0, needs=HAS_DIGIT,
         cues=("dob", "d.o.b", "birth", "born", "nacimiento", "nacid", "né", "date de naissance", "geboren",
               "geburtsdatum", "nato", "nata", "nascita", "nasci", "nascimento", "рождения", "родил"), digits=2),
    # Any other full date: numeric or day-month-year (a digit first, which the regex engine scans for fast),
    # and month-day-year only in a text with a year.
    Rule("DATE", re.compile(rf"\d(?<!\w\d)\d?(?:[/.\-]\d{{1,2}}[/.\-](?:19|20)?\d{{2}}|(?:st|nd|rd|th)?\.?\s+(?:de\s+)?"
                            rf"{MONTHS}\.?,?\s+(?:de\s+)?(?:19|20)\d{{2}})\b|(?<!\w)(?:19|20)\d{{2}}-\d{{1,2}}-\d{{1,2}}\b",
                            IGNORE), score=0.7, digits=1),
    Rule("DATE", re.compile(rf"(?<!\w){MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{{2}}\b", IGNORE), score=0.7,
         needs=HAS_YEAR, digits=4),
    Rule("DATE", re.compile(rf"\b(?:admitted|discharged|hospitali[sz]ed|passed away|died|surgery|operated|seen|"
                            rf"appointment|ingresad[oa]|dad[oa] de alta|falleci[óo]|cita|hospitalisée?|sortie?|"
                            rf"décédée?|opérée?|rendez-vous|aufgenommen|entlassen|gestorben|verstorben|operiert|"
                            rf"termin|ricoverat[oa]|dimess[oa]|mort[oa]|decedut[oa]|internad[oa]|faleceu|"
                            rf"госпитализирован\w*|выписан\w*|умер\w*)\b[^.\n\d]{{0,30}}?"
                            rf"(?P<id>{MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b|"
                            rf"\d{{1,2}}(?:st|nd|rd|th|er)?\.?\s+(?:de\s+|of\s+)?{MONTHS}\b|"
                            rf"\d{{1,2}}[/.]\d{{1,2}}\b(?![/.]\d))", IGNORE), group="id", score=0.8,
         needs=HAS_DIGIT,
         cues=("admitted", "discharged", "hospitali", "passed away", "died", "surgery", "operated", "seen",
               "appointment", "ingresad", "dad", "falleci", "cita", "sorti", "décédé", "opéré", "rendez-vous",
               "aufgenommen", "entlassen", "gestorben", "verstorben", "operiert", "termin", "ricoverat", "dimess",
               "mort", "decedut", "internad", "faleceu", "госпитализирован", "выписан", "умер"), digits=1),
    # Round 8: dates in CJK posts told with an event of the person ("1938年5月6日出生", "11月3日住进你们医院",
    # "10月2日に入院"), an Italian codice fiscale, a US local number "555-0187", and CJK record-number cues.
    Rule("DATE", re.compile(r"(?P<id>(?:(?:19|20)\d{2}年)?\d{1,2}月\d{1,2}[日号])[^。！？\n\d]{0,3}"  # noqa: RUF001
                            r"(?:出生|生まれ|住进|住院|入院|退院|出院|去世|死亡|亡くな|手术|手術|就诊|受診)"),
         group="id", score=0.85, cues=("月",), digits=2),
    Rule("SSN", re.compile(r"(?<![A-Za-z\d])(?P<id>[A-Z]{6}\d{2}[A-EHLMPRST]\d{2}[A-Z]\d{3}[A-Z])(?![A-Za-z\d])"),
         group="id", score=0.95, digits=7, needs=re.compile(r"[A-Z]{6}\d\d[A-Z]")),
    Rule("PHONE", re.compile(r"(?<![\w/#\-.])[2-9]\d{2}-\d{4}(?![\w\-]|[.,]\d)"
                             r"(?!\s*(?:mg|mcg|µg|units?|iu|ml|kg|lbs?|%|steps|calories|kcal|cal|people|patients|mmol))",
                             re.IGNORECASE), score=0.75, digits=7,
         needs=re.compile(r"\d{3}-\d{4}")),
    Rule("MRN", re.compile(r"(?:病历号|病歷號|住院号|病案号|カルテ番号|診察券番号|患者番号|患者ID)[\s:：#]*"  # noqa: RUF001
                           r"(?P<id>[A-Z]{0,4}-?\d[\dA-Z\-]{3,15})"), group="id", score=1.0,
         cues=("病历号", "病歷號", "住院号", "病案号", "カルテ番号", "診察券番号", "患者番号", "患者id"), digits=3),
    Rule("PHONE", re.compile(r"(?<![\w/])(?:\+?1[\s.\-]?)?\(?\b[2-9]\d{2}\)?[\s.\-]?\d{3}[\s.\-]?\d{4}\b"),
         score=0.85, check=_phone_digits, digits=10),
    Rule("PHONE", re.compile(r"(?<![\w/])\+(?:[2-9]\d{0,2})[\s.\-]?(?:\(?\d{1,4}\)?[\s.\-]?){2,4}\d{2,4}\b"),
         score=0.8, check=_phone_digits, cues=("+",), digits=10),
    Rule("PHONE", re.compile(r"\b(?:call|text|phone|cell|tel|mobile|reach me|whatsapp|llámame|appelez|anrufen|"
                             r"tel[ée]fono|m[óo]vil|celular|t[ée]l[ée]phone|portable|telefon|handy|nummer|liga|ligue|zap|"
                             r"chiamami|cellulare|телефон|звоните|num[ée]ro|n[úu]mero|rappelez|ruf mich an|cel|whats|wsp)"
                             # "número de pedido", "numéro de commande": an order, a tracking or a lot number is not a phone
                             r"\b(?!\s*(?:de |d'|do |da |di |del |of )?(?:(?:mon |mi |my |meu |mio )?(?:pedido|commande|suivi|seguimiento|"
                             r"rastreio|ordine|ordem|order|tracking|lote?|lotto|envío|envio|colis|factura|facture|fattura|"
                             r"spedizione|série|serie|serial)))"
                             r"[^\d\n]{0,20}(?P<id>\d[\d\s.\-]{6,14}\d)\b", IGNORE), group="id", score=0.8,
         check=lambda v: len(re.sub(r"\D", "", v)) >= 7,
         cues=("call", "text", "phone", "cell", "tel", "mobile", "reach me", "whatsapp", "llámame", "appelez",
               "anrufen", "tél", "móvil", "movil", "celular", "portable", "handy", "nummer", "liga", "ligue", "zap",
               "chiamami", "cellulare", "телефон", "звоните", "numéro", "numero", "número", "rappelez", "ruf mich an",
               "cel", "whats", "wsp"), digits=7),
    # German mobile numbers (015x/016x/017x), with or without a cue word: "Handy 0170 1234567".
    Rule("PHONE", re.compile(r"(?<![\w/+])01[5-7]\d{1,2}[\s/\-]?\d{3,4}[\s\-]?\d{3,5}\b"), score=0.85,
         check=lambda v: 10 <= len(re.sub(r"\D", "", v)) <= 12, digits=10),
    # French numbers: ten digits in pairs, "06 12 34 56 78", "06.12.34.56.78", "0612345678" (not the free and
    # shared-cost 080x lines, which belong to organisations); "+33 (0)6 12 34 56 78" with the trunk zero kept.
    Rule("PHONE", re.compile(r"(?<![\w/+.])0[1-9](?:[\s.\-]?\d{2}){4}(?![\w.]?\d)"), score=0.85,
         check=lambda v: len(re.sub(r"\D", "", v)) == 10 and not re.sub(r"\D", "", v).startswith("080"), digits=10),
    Rule("PHONE", re.compile(r"(?<![\w/])\+[1-9]\d{1,2}[\s.\-]?\(0\)[\s.\-]?\d{1,4}(?:[\s.\-]?\d{2,4}){2,4}\b"),
         score=0.85, check=_phone_digits, cues=("(0)",), digits=10),
    # Japanese mobiles "090-1234-5678" (070/080/090, separated), and Chinese mobiles "138 1234 5678" after a
    # cue word (an unseparated 11-digit number alone is as often an order or a tracking number).
    Rule("PHONE", re.compile(r"(?<![A-Za-z\d/+\-])0[789]0[\-\s]\d{4}[\-\s]\d{4}(?![\w\-]?\d)"), score=0.85, digits=11),
    Rule("PHONE", re.compile(r"(?:电话|電話|手机|手機|微信|联系|聯繫|号码|號碼|携帯|連絡)[^\d\n]{0,6}"
                             r"(?P<id>(?<!\d)1[3-9]\d[\s\-]?\d{4}[\s\-]?\d{4}(?!\d))"), group="id", score=0.85,
         cues=("电话", "電話", "手机", "手機", "微信", "联系", "聯繫", "号码", "號碼", "携帯", "連絡"), digits=11),
    # Brazilian numbers: "(11) 91234-5678", "(21) 3456-7890", "11 91234-5678".
    Rule("PHONE", re.compile(r"(?<![\w/])\(?[1-9]\d\)?\s?9?\d{4}-\d{4}\b"), score=0.85,
         check=lambda v: len(re.sub(r"\D", "", v)) in (10, 11), digits=10),
    # Fifth round of issue 10: Spanish mobiles "612 345 678" / "612 34 56 78", UK mobiles "07700 900123",
    # Brazilian CPF "123.456.789-09" and SUS card, Chinese resident ID (18 characters, a birth date inside),
    # Japanese health-insurance numbers and birth dates after their cue words.
    Rule("PHONE", re.compile(r"(?<![\w/+.\-])[67]\d{2}(?:[\s.]\d{3}[\s.]\d{3}|[\s.]\d{2}[\s.]\d{2}[\s.]\d{2})(?![\w.\-]?\d)"),
         score=0.8, check=lambda v: len(re.sub(r"\D", "", v)) == 9, digits=9, needs=re.compile(r"[67]\d\d[\s.]\d\d")),
    Rule("PHONE", re.compile(r"(?<![\w/+.\-])07\d{3}\s?\d{6}(?![\w.\-]?\d)"), score=0.85, digits=11,
         needs=re.compile(r"07\d{3}\s?\d{6}")),
    Rule("SSN", re.compile(r"(?<![\w.\-])\d{3}\.\d{3}\.\d{3}-\d{2}(?![\w.\-]?\d)"), score=0.9, digits=11,
         needs=re.compile(r"\d\.\d{3}\.\d{3}-\d")),
    Rule("MEMBER_ID", re.compile(r"(?:cart[ãa]o (?:do )?SUS|CNS)[^\d\n]{0,8}(?P<id>\d{3}\s?\d{4}\s?\d{4}\s?\d{4})\b", IGNORE),
         group="id", score=0.95, cues=("sus", "cns"), digits=15),
    Rule("SSN", re.compile(r"(?<![\dA-Za-z])(?P<id>\d{6}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:[0-2]\d|3[01])\d{3}[\dXx])(?![\dA-Za-z])"),
         group="id", score=0.9, digits=17, needs=re.compile(r"\d{17}")),
    Rule("MEMBER_ID", re.compile(r"(?:保険証|被保険者|記号番号|医保卡|社保卡|医保号)[^\d\n]{0,12}(?P<id>\d[\d\-\s]{4,14}\d)"),
         group="id", score=0.95, cues=("保険証", "被保険者", "記号番号", "医保卡", "社保卡", "医保号"), digits=6),
    Rule("DOB", re.compile(r"(?:生年月日|出生日期|出生于|生日)[^\d\n]{0,4}(?P<id>(?:19|20)\d{2}(?:年|[/.\-])\d{1,2}(?:月|[/.\-])\d{1,2}日?)"),
         group="id", score=1.0, cues=("生年月日", "出生日期", "出生于", "生日"), digits=6),
    Rule("MRN", re.compile(r"\b(?:mrn|medical record(?: number| no\.?| #)?|chart(?: number| no\.?| #)|"
                           r"patient (?:id|number|no\.?|#))\s*(?:is|:|#|=)?\s*"
                           r"(?P<id>[A-Z]{0,4}-?\d[\dA-Z\-]{3,15})\b", IGNORE),
         group="id", score=1.0, cues=("mrn", "medical record", "chart", "patient "), digits=1),
    Rule("MEMBER_ID", re.compile(r"\b(?:member(?:ship)?|subscriber|policy|insurance|group|plan|beneficiary|"
                                 r"medicaid|id card)\s*(?:id(?:\s*(?:number|no\.?|#))?|number|no\.?|#|num)\s*"
                                 r"(?:is|:|#|=)?\s*(?P<id>[A-Z]{0,4}[\-\s]?\d[\dA-Z\-]{4,18})\b", IGNORE),
         group="id", score=1.0,
         cues=("member", "subscriber", "policy", "insurance", "group", "plan", "beneficiary", "medicaid", "id card"),
               digits=1),
    Rule("MEMBER_ID", re.compile(r"\b(?:versicherten-?nummer|versicherungsnummer|krankenversicherungsnummer|"
                                 r"n[úu]mero de (?:afiliaci[óo]n|afiliado|la seguridad social|seguro social)|"
                                 r"tarjeta sanitaria|num[ée]ro (?:de s[ée]curit[ée] sociale|d'assur[ée])|carte vitale)"
                                 r"\s*(?:es|est|ist|:|#|=)?\s*(?P<id>[A-Z]{0,4}[\-\s]?\d[\dA-Z\-\s]{4,20}?)(?=\W|$)",
                                 IGNORE), group="id", score=1.0,
         cues=("versicherten", "versicherungsnummer", "afiliad", "afiliaci", "seguridad social", "seguro social",
               "tarjeta sanitaria", "curit", "d'assur", "carte vitale"), digits=1),
    Rule("MBI", re.compile(rf"\b[1-9]{MBI_LETTER}[0-9A-Z]\d-?{MBI_LETTER}[0-9A-Z]\d-?{MBI_LETTER}{{2}}\d{{2}}\b"),
         score=0.95, digits=5),
    Rule("MBI", re.compile(r"\b(?:medicare|mbi|hicn)\s*(?:id|number|no\.?|#|card)?\s*(?:is|:|#|=)?\s*"
                           r"(?P<id>[0-9A-Z]{4}-?[0-9A-Z]{3}-?[0-9A-Z]{4})\b", IGNORE), group="id", score=1.0,
         cues=("medicare", "mbi", "hicn")),
    Rule("RX_NUMBER", re.compile(r"\b(?:rx|prescription|refill)\s*(?:number|no\.?|#|num)?\s*(?:is|:|#|=)?\s*"
                                 r"(?P<id>\d{6,12}(?:-\d{1,4})?)\b", IGNORE), group="id", score=1.0,
         cues=("rx", "prescription", "refill"), digits=6),
    # An order, confirmation or reference number identifies a purchase, not a person: not an account number.
    Rule("ACCOUNT", re.compile(r"\b(?:account|acct|invoice|claim|case)\s*"
                               r"(?:number|no\.?|#|num|id)?\s*(?:is|:|#|=)\s*(?P<id>[A-Z]{0,4}\d[\dA-Z\-]{4,20})\b", IGNORE),
         group="id", score=0.9,
         cues=("account", "acct", "invoice", "claim", "case"), digits=1),
    Rule("ACCOUNT", re.compile(r"\b(?:account|acct|claim)\s*(?:number|no\.?|#|num)\s*"
                               r"(?P<id>[A-Z]{0,4}\d[\dA-Z\-]{4,20})\b", IGNORE),
         group="id", score=0.9, cues=("account", "acct", "claim"), digits=1),
    Rule("ACCOUNT", re.compile(r"\b(?:\d[ \-]?){13,19}\b"), score=0.9, check=_luhn, digits=13),
    Rule("LICENSE", re.compile(r"\b(?:driver'?s? licen[cs]e|license|licence|DL|passport|plate)\s*(?:number|no\.?|#)?\s*"
                               r"(?:is|:|#|=)?\s*(?P<id>[A-Z]{0,3}\d[\dA-Z\-]{4,14})\b", IGNORE), group="id", score=0.9,
         cues=("licen", "dl", "passport", "plate"), digits=1),
    Rule("IP", re.compile(r"\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b"), score=0.9,
         cues=(".",), digits=4),
    Rule("ADDRESS", re.compile(rf"\b\d{{1,6}}\s+(?:[NSEW]\.?\s+)?(?:{NAME_WORD}\s+){{1,3}}{STREET_TYPES}\b\.?"
                               rf"(?:,?\s*(?:apt|apartment|unit|suite|ste|#)\.?\s*[\w\-]+)?", IGNORE), score=0.9,
         digits=1),
    Rule("ADDRESS", re.compile(r"\b(?:calle|avenida|rue|chemin)\s+(?:[\w'\-]+\s+){0,3}\d{1,5}\b", IGNORE),
         score=0.85, cues=("calle", "avenida", "rue", "chemin"), digits=1),
    Rule("ADDRESS", re.compile(r"\b(?:p\.?\s?o\.?\s?box|postfach|apartado)\s+\d+\b", IGNORE), score=0.9,
         cues=("box", "postfach", "apartado"), digits=1),
    Rule("ADDRESS", re.compile(r"\b\d{1,5}(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|boulevard|bd|chemin|allée|impasse|"
                               r"quai|route|place)\s+(?:(?:de|du|des|la|le)\s+|l'|d')*[\w\-]+", IGNORE), score=0.9,
         cues=("rue", "avenue", "boulevard", "bd", "chemin", "allée", "impasse", "quai", "route", "place"), digits=1),
    Rule("ADDRESS", re.compile(r"\b[A-ZÄÖÜ][a-zäöüß]+(?:straße|strasse|weg|platz|allee|gasse|ring|damm)\s+\d{1,4}[a-z]?\b"),
         score=0.9, cues=("straße", "strasse", "weg", "platz", "allee", "gasse", "ring", "damm"), digits=1),
    # Fifth round: Italian and Portuguese street addresses, Japanese and Chinese addresses, a relative aged 90+.
    Rule("ADDRESS", re.compile(r"\b(?i:via|viale|piazza|corso|rua|avenida|travessa|alameda)\s+(?:(?i:d[aeo]s?|di|del|della)\s+)?"
                               r"[A-ZÀ-Ý][\w'\-]+(?:\s+[\w'\-]+){0,3}?,?\s+(?:n\.?\s*|nº\s*)?\d{1,5}\b"
                               r"(?!\s*(?i:weeks?|days?|times|years?|hours?|minutes?|months?|volte|giorni|vezes|dias|anni|anos|mg|%))"),
         score=0.85, cues=("via", "viale", "piazza", "corso", "rua", "avenida", "travessa", "alameda"), digits=1),
    Rule("ADDRESS", re.compile(r"(?:東京都|北海道|京都府|大阪府|[\u4e00-\u9fff]{2,3}県)[\u4e00-\u9fff\u30a0-\u30ff]{1,12}?[区市町村]"
                               r"[^\s、。,]{0,12}?\d{1,4}(?:[\-\uff0d]\d{1,4}){1,2}"), score=0.9, cues=("都", "道", "府", "県"), digits=2),
    Rule("ADDRESS", re.compile(r"[\u4e00-\u9fff]{2,4}[省市][\u4e00-\u9fff]{1,8}?[区县][\u4e00-\u9fff]{1,10}?[路街道巷]\d{1,5}号"),
         score=0.9, cues=("号",), digits=1),
    Rule("AGE_OVER_89", re.compile(r"\b(?:grand(?:ma|pa|mother|father)|nan|nana|mom|mum|mother|dad|father|aunt|uncle|husband|"
                                   r"wife|great-grand\w+)\s+(?:is|turned|turns|just turned|will be)\s+(?P<id>9\d|1[01]\d)\b"
                                   r"(?!\s*(?:%|percent|pounds|lbs|kg|mg|units|minutes|days))", IGNORE),
         group="id", score=0.9, check=_age_over_89,
         cues=("grand", "nan", "mom", "mum", "mother", "dad", "father", "aunt", "uncle", "husband", "wife"), digits=2),
    Rule("ZIP", re.compile(rf"\b{STATES}\s+(?P<id>\d{{5}}(?:-\d{{4}})?)\b"), group="id", score=0.95, digits=5),
    Rule("ZIP", re.compile(r"\b(?P<id>\d{5}),?\s+(?=[A-ZÄÖÜÉ][a-zäöüéèß]+\b)(?!(?:Patients?|Leute|Personen|Euro|Dollars?)\b)"),
         group="id", score=0.8, digits=5),
    Rule("ZIP", re.compile(r"\b(?:zip|zip code|postal code|postcode|código postal|code postal|plz)\s*(?:is|:|#)?\s*"
                           r"(?P<id>\d{5}(?:-\d{4})?|[A-Z]\d[A-Z]\s?\d[A-Z]\d)\b", IGNORE), group="id", score=0.95,
         cues=("zip", "postal", "postcode", "plz"), digits=1),
    Rule("AGE_OVER_89", re.compile(r"\b(?:i am|i'm|im|she's|she is|he's|he is|aged?|age of|turned|turning)\s+"
                                   r"(?P<id>(?:9\d|1[01]\d))\b(?!\s*(?:%|mg|lbs?|kg|pounds|units|minutes|days))", IGNORE),
         group="id", score=0.9, check=_age_over_89,
         cues=("i am", "i'm", "im", "she's", "she is", "he's", "he is", "age", "turned", "turning"), digits=2),
    Rule("AGE_OVER_89", re.compile(r"\b(?P<id>(?:9\d|1[01]\d))[\s\-]*(?:years?[\s\-]*old|yrs?[\s\-]*old|y/?o|"
                                   r"-year-old|años|ans|jahre(?: alt)?|jährige[rn]?|anni|anos|лет|歳|岁)(?!\w)", IGNORE),
         group="id", score=0.95, check=_age_over_89,
         cues=("year", "yr", "y/o", "yo", "años", "ans", "jahre", "jährig", "anni", "anos", "лет", "歳", "岁"), digits=2),
    Rule("AGE_OVER_89", re.compile(r"\((?P<id>(?:9\d|1[01]\d))\)"), group="id", score=0.8, check=_age_over_89,
         cues=("(",), digits=2),
    Rule("NAME", re.compile(rf"\b(?i:my name is|my name's|name is|i am|i'm|this is|signed|sincerely|regards|"
                            rf"patient(?: name)?:?|me llamo|mi nombre es|soy|je m'appelle|je suis|ich heiße|mein name ist|ask for|"
                            rf"asked for|pregunte por|preguntar por|demandez|fragen Sie nach|chiedete di|sono|"
                            rf"chiedere di|perguntem? por)"
                            rf"[\s,:\-]+(?P<id>{FULL_NAME})", re.UNICODE), group="id", score=0.85,
         cues=("name", "i am", "i'm", "this is", "signed", "sincerely", "regards", "patient", "me llamo", "nombre",
               "soy", "je m'appelle", "je suis", "ich hei", "ask", "pregunt", "demandez", "fragen", "chied", "sono",
               "pergunt")),
    Rule("NAME", re.compile(rf"\b(?i:mr|mrs|ms|miss|sr|sra|mme|mlle|herr|frau)\.?\s+(?P<id>{FULL_NAME})", re.UNICODE),
         group="id", score=0.85, cues=("mr", "ms", "miss", "dr", "sr", "mme", "mlle", "herr", "frau")),
    Rule("NAME", re.compile(rf"\b(?i:my (?:mom|mother|dad|father|wife|husband|son|daughter|sister|brother|"
                            rf"grandma|grandmother|grandpa|grandfather|aunt|uncle|partner|friend|neighbor)|"
                            rf"mi (?:madre|padre|esposa|esposo|hijo|hija|abuela|abuelo)|ma (?:mère|fille|femme|sœur)|"
                            rf"mon (?:père|fils|mari|frère)|meine (?:mutter|frau|tochter)|mein (?:vater|mann|sohn))"
                            rf"\s*,?\s+(?P<id>{FULL_NAME})",
                            re.UNICODE), group="id", score=0.8,
         cues=("mom", "mother", "dad", "father", "wife", "husband", "son", "daughter", "sister", "brother", "grand",
               "aunt", "uncle", "partner", "friend", "neighbor", "madre", "padre", "espos", "hij", "abuel", "mère",
               "fille", "femme", "sœur", "père", "fils", "mari", "frère", "mutter", "frau", "tochter", "vater", "mann",
               "sohn")),
    Rule("NAME", re.compile(rf"(?<![\w.])(?P<id>{NAME_WORD}\s+{NAME_WORD}(?:\s+{NAME_WORD})?)\s+here\b", re.UNICODE),
         group="id", score=0.8, cues=("here",)),
    # Round 9 (blind10): a Russian SNILS and street address; a Chinese ID or mobile number after its cue word, whatever
    # its digits (a malformed or masked one is still a person's identifier to redact).
    Rule("SSN", re.compile(r"(?:СНИЛС|снилс)[^\d\n]{0,6}(?P<id>\d{3}-\d{3}-\d{3}[\s\-]\d{2})"), group="id", score=0.95,
         cues=("снилс",), digits=11),
    Rule("ADDRESS", re.compile(r"(?:ул\.|улица|пр-т|проспект|пер\.|переулок)\s*[А-ЯЁ][\w\-]+(?:\s[А-ЯЁ][\w\-]+)?,?\s*"  # noqa: RUF001
                               r"(?:д\.|дом)\s*\d+[а-я]?(?:,?\s*(?:кв\.|квартира)\s*\d+)?"),  # noqa: RUF001
         score=0.9, cues=("ул.", "улица", "пр-т", "проспект", "пер.", "переулок"), digits=1),
    Rule("SSN", re.compile(r"(?:身份证号|身份证号码|身份证)[^\d\n]{0,4}(?P<id>\d{17}[\dXx])(?![\dA-Za-z])"), group="id",
         score=0.95, cues=("身份证",), digits=17),
    Rule("PHONE", re.compile(r"(?:电话|手机|手机号|联系电话)[^\d\n]{0,4}(?P<id>(?<!\d)1\d{10}(?!\d))"), group="id", score=0.85,
         cues=("电话", "手机"), digits=11),
    # Round 10: a medical-record number after its cue word in the other screened languages; a relative named after
    # "the daughter of" ("sou a filha da Dona Marta Siqueira") or "my father," in Italian and Portuguese; a signature
    # after a dash ("- Marisol Quintero, Tucson").
    Rule("MRN", re.compile(r"(?:\b(?:historia cl[íi]nica|n[úu]mero de historia|expediente|prontu[áa]rio|dossier m[ée]dical|"
                           r"num[ée]ro de dossier|Patientennummer|Fallnummer|cartella clinica|numero di cartella|"
                           r"медкарт\w*|медицинск\w* карт\w*|номер карты)|カルテ|病历)\s*(?:n[º°o]\.?|nr\.?|№|#|:)?\s*"
                           r"(?P<id>[A-Z]{0,4}-?\d[\dA-Z\-]{3,15})\b", IGNORE),
         group="id", score=0.95, cues=("historia", "expediente", "prontu", "dossier", "patientennummer", "fallnummer",
                                      "cartella", "медкарт", "медицинск", "номер карты", "カルテ", "病历"), digits=4),
    Rule("NAME", re.compile(rf"\b(?i:hij[oa]|filh[oa]|figli[oa]|fille|fils|Tochter|Sohn)\s+(?i:de|da|do|di|della|del|von)\s+"
                            rf"(?:(?:Dona|Doña|Don|Seu|Sr\.?|Sra\.?|Madame|Monsieur|Frau|Herr|signora|signor)\s+)?"
                            rf"(?P<id>{NAME_WORD}\s+{NAME_WORD}(?:\s+{NAME_WORD})?)", re.UNICODE), group="id", score=0.8,
         cues=("hij", "filh", "figli", "fille", "fils", "tochter", "sohn")),
    Rule("NAME", re.compile(rf"\b(?i:mio (?:padre|marito|figlio|fratello|nonno)|mia (?:madre|moglie|figlia|sorella|nonna)|"
                            rf"meu (?:pai|marido|filho|irmão|avô)|minha (?:mãe|esposa|filha|irmã|avó))\s*,?\s+"
                            rf"(?P<id>{NAME_WORD}\s+{NAME_WORD})", re.UNICODE), group="id", score=0.8,
         cues=("mio ", "mia ", "meu ", "minha ")),
    Rule("NAME", re.compile(rf"(?:^|\s)[-\u2013\u2014]\s*(?P<id>{NAME_WORD}\s+{NAME_WORD}),\s*{NAME_WORD}", re.UNICODE),
         group="id", score=0.8, cues=("-", "\u2013", "\u2014")),
)

# Words that follow "I am / I'm" but are not names (states, feelings, roles).
NOT_NAMES = frozenset(
    "a an the so very not just still also really sure sorry glad happy sad tired sick pregnant diabetic allergic "
    "on off in at from with taking using going trying having feeling done here there back new old good fine well "
    "ok okay afraid worried scared confused frustrated disappointed grateful thankful currently now finally type "
    "nurse doctor caregiver patient mom dad mother father wife husband looking wondering asking hoping waiting "
    "unable able dying literally honestly seriously definitely almost about over under out only always never "
    "hispanic latina latino english spanish french german american canadian mexican writing posting calling".split()
)


@cache
def _drug_words() -> frozenset[str]:
    """Single-word drug names (brands and generics) from the drug dictionary, lower-case."""
    from carewatch.triage.lexicons import drug_dictionary

    return frozenset(v for v, _, _ in drug_dictionary.rows() if " " not in v and len(v) > 3)


def _is_drug(word: str, context: ScreenContext) -> bool:
    lowered = word.lower()
    for product in context.products:
        if any(lowered == form.lower() for form in product.surface_forms):
            return True
    return lowered in _drug_words()


def _name_ok(value: str, context: ScreenContext) -> str | None:
    """Trim a NAME match to the words that can be a name; None if nothing is left."""
    words = value.split()
    kept: list[str] = []
    for word in words:
        bare = word.strip(".,'-")
        if bare.lower() in NOT_NAMES or _is_drug(bare, context):
            break
        kept.append(word)
    return " ".join(kept) if kept else None


# Python's case-insensitive matching also equates dotless i with "i" and long s with "s"; folding them
# before the cue test keeps the prefilter a necessary condition.
_DOTLESS_I, _LONG_S = "\u0131", "\u017f"
_CASE_FIX = str.maketrans({_DOTLESS_I: "i", _LONG_S: "s"})


@cache
def _cue_automaton() -> ahocorasick.Automaton:
    """Every rule's cue words in one Aho-Corasick automaton: cue -> bit mask of the rules it opens."""
    masks: dict[str, int] = {}
    for i, rule in enumerate(RULES):
        for cue in rule.cues:
            masks[cue] = masks.get(cue, 0) | (1 << i)
    automaton = ahocorasick.Automaton()
    for cue, mask in masks.items():
        automaton.add_word(cue, mask)
    automaton.make_automaton()
    return automaton


_MAX_DIGITS = max(rule.digits for rule in RULES)
_NO_CUES = sum(1 << i for i, rule in enumerate(RULES) if not rule.cues)
# By digit count (capped): the rules a text with that many digits can match.
_DIGITS_OK = tuple(sum(1 << i for i, rule in enumerate(RULES) if rule.digits <= n) for n in range(_MAX_DIGITS + 1))


def _candidate_rules(text: str) -> list[Rule]:
    """The rules that can match ``text``: one pass over the text for all cue words, one digit count."""
    digits = min(len(_NON_DIGITS.sub("", text)), _MAX_DIGITS) if HAS_DIGIT.search(text) else 0
    lowered = text.lower()
    if _DOTLESS_I in lowered or _LONG_S in lowered:
        lowered = lowered.translate(_CASE_FIX)
    opened = _NO_CUES
    for _end, mask in _cue_automaton().iter(lowered):
        opened |= mask
    candidates = opened & _DIGITS_OK[digits]
    rules: list[Rule] = []
    while candidates:
        lowest = candidates & -candidates
        rules.append(RULES[lowest.bit_length() - 1])
        candidates ^= lowest
    return rules


# An order, delivery or tracking number is not a phone number ("Bestellnummer 4500129981"), and a pet's name
# is not a person's.
_PURCHASE_BEFORE = re.compile(r"(?:order|bestell|pedido|commande|ordine|ordem|заказ|注文|订单|訂單|tracking|sendung|"
                              r"suivi|rastreio|lieferung|invoice|factura|facture)[^\n]{0,16}$", IGNORE)
_PET = re.compile(r"\b(?:cat|dog|pet|puppy|kitten|bird|hamster|rabbit)s?\b", IGNORE)
_NAMED_BEFORE = re.compile(r"(?:name is|name's|named|called)\s*$", IGNORE)


def _not_personal(entity: PhiEntity, text: str) -> bool:
    before = text[max(0, entity.start - 40):entity.start]
    if entity.type == "PHONE":
        return _PURCHASE_BEFORE.search(before) is not None
    if entity.type == "NAME" and _NAMED_BEFORE.search(before):
        return _PET.search(text, max(0, entity.start - 80), entity.start) is not None
    return False


def find_phi(text: str, context: ScreenContext | None = None) -> list[PhiEntity]:
    context = context or ScreenContext()
    found: list[PhiEntity] = []
    for rule in _candidate_rules(text):
        if rule.needs is not None and rule.needs.search(text) is None:
            continue
        for match in rule.pattern.finditer(text):
            start, end = match.span(rule.group)
            if start < 0:
                continue
            value = text[start:end]
            if rule.check is not None and not rule.check(value):
                continue
            if rule.type == "NAME":
                trimmed = _name_ok(value, context)
                if trimmed is None:
                    continue
                value = trimmed
                end = start + len(value)
            found.append(PhiEntity(rule.type, start, end, value, rule.score))
    # An organisation's free line is not a person's number (the longer match decides: a toll-free number is
    # dropped only after overlaps are resolved, so a shorter match inside it cannot come back).
    return [e for e in _resolve_overlaps(found)
            if not (e.type == "PHONE" and is_toll_free(e.text)) and not _not_personal(e, text)]


def _resolve_overlaps(entities: list[PhiEntity]) -> list[PhiEntity]:
    """Keep the longest, then the most confident, of overlapping entities."""
    entities.sort(key=lambda e: (e.start, -(e.end - e.start), -e.score))
    kept: list[PhiEntity] = []
    for entity in entities:
        if kept and entity.start < kept[-1].end:
            last = kept[-1]
            if (entity.end - entity.start, entity.score) > (last.end - last.start, last.score):
                kept[-1] = entity
            continue
        kept.append(entity)
    return kept


def _spans(entities: list[PhiEntity]) -> Iterator[Evidence]:
    for e in entities:
        yield Evidence(e.start, e.end, e.text, f"looks like a {e.type.lower().replace('_', ' ')}")


class PhiDetector(Detector):
    name = "phi"
    version = VERSION

    def detect(self, text: str, context: ScreenContext, result: TriageResult) -> list[Finding]:
        entities = find_phi(text, context)
        result.phi = entities
        if not entities:
            return []
        return [Finding("phi", max(e.score for e in entities), list(_spans(entities)), self.name, self.version,
                        details={"types": sorted({e.type for e in entities})})]
