"""Triage beyond the four original languages: unscreened posts, PT/IT/RU/JA/ZH screening, emergencies,
scams, PHI formats, the shipped model's length and language bias, the written training set, training
on an unmigrated database."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import click
import pytest
from django.db import OperationalError

from carewatch.triage.classifier import chunk_text
from carewatch.triage.context import ProductTerms, ScreenContext
from carewatch.triage.detectors.language import SCREENED_LANGUAGES, unscreened
from carewatch.triage.detectors.phi import find_phi
from carewatch.triage.engine import screen
from carewatch.triage.registry import shipped
from carewatch.triage.result import LABELS

DATA = Path(__file__).resolve().parents[2] / "carewatch" / "triage" / "data"
GLUCAVIO = ProductTerms("Glucavio", "semaglutide", ("glucavio pen",), ("type 2 diabetes",))
OWNED = ScreenContext(products=(GLUCAVIO,), sponsorship="owned", extra={"ae_model": "rules-only"})
RULES = ScreenContext(extra={"ae_model": "rules-only"})


def labels(text: str, context: ScreenContext = OWNED) -> list[str]:
    return screen(text, context).labels


# ---------------------------------------------------------------------------- language_unscreened
@pytest.mark.parametrize("text", [
    "ik ben al drie dagen misselijk sinds ik met de nieuwe pen ben begonnen",
    "od tygodnia biorę te tabletki i codziennie boli mnie głowa",
    "주사를 맞은 뒤로 계속 속이 울렁거리고 어지러워요",
    "منذ أن بدأت الدواء أشعر بالدوار كل صباح",
])
def test_a_post_in_a_language_the_engine_does_not_screen_is_labelled_language_unscreened(text: str) -> None:
    result = screen(text, RULES)
    assert "language_unscreened" in result.labels
    assert result.evidence()["language_unscreened"][0]["why"].endswith("a person must read this post")


@pytest.mark.parametrize("text", [
    "Started the new pen last week and it is going fine",
    "Comecei a caneta semana passada e está tudo bem",
    "Ho iniziato la penna la settimana scorsa e va tutto bene",
    "Начала колоть на прошлой неделе, всё нормально",
    "先週からペンを使い始めましたが、問題ありません",
    "上周开始用这个笔，一切正常",
    "ok 👍",
])
def test_a_post_in_a_screened_language_or_too_short_to_tell_is_not_labelled_unscreened(text: str) -> None:
    assert "language_unscreened" not in labels(text)


def test_a_callers_language_hint_outside_the_screened_languages_is_labelled_unscreened() -> None:
    context = ScreenContext(language="nl", extra={"ae_model": "rules-only"})
    assert "language_unscreened" in screen("hoi", context).labels
    assert unscreened("hola", "es") == "" and "language_unscreened" in LABELS
    assert SCREENED_LANGUAGES == ("en", "es", "fr", "de", "pt", "it", "ru", "ja", "zh")


# ---------------------------------------------------------------------------- adverse events
@pytest.mark.parametrize("text", [
    "tomei o remédio ontem e passei a noite toda com enjoo e tontura",
    "da quando prendo queste compresse ho un mal di testa continuo",
    "вторую неделю колю, постоянно тошнит и кружится голова",
    "この薬を飲み始めてから毎朝吐き気がします",
    "吃了这个药以后一直头晕恶心",
    "week 3 on the pen: 🤢🤮",
    "oh great, thanks for the nonstop vomiting this week, truly the best 🙃",
])
def test_a_first_person_report_on_the_brands_channel_is_an_adverse_event_in_every_language(text: str) -> None:
    assert "adverse_event" in labels(text)


@pytest.mark.parametrize("text", [
    "nunca tive enjoo com a caneta, tudo ótimo",
    "никакой тошноты не было, всё хорошо",
    "副作用は全くありません",
    "完全没有副作用",
    "never had a single dizzy spell on it",
    "if this makes me nauseous I'm done",
    "my meds: Glucavio, lisinopril, atorvastatin and vitamin D",
    "this insulin commercial gives me a headache lol",
    "Waited six hours in your ER last night, unacceptable",
])
def test_negated_hypothetical_listed_and_figurative_events_are_not_adverse_events(text: str) -> None:
    assert "adverse_event" not in labels(text)


def test_a_scam_with_alarming_words_is_spam_and_not_escalated() -> None:
    text = "WIN A FREE IPHONE!!! overdose of savings, hospital prices slashed, claim now at bit.ly/abc"
    result = screen(text, OWNED)
    assert "spam" in result.labels
    assert not {"adverse_event", "serious", "urgent", "special_situation"} & set(result.labels)


def test_a_scam_that_also_carries_a_first_person_experience_keeps_its_adverse_event() -> None:
    text = "Security alert: verify your account now. Also I've had a rash all over my arms since the pen."
    result = screen(text, OWNED)
    assert {"spam", "adverse_event"} <= set(result.labels)


# ---------------------------------------------------------------------------- urgent
@pytest.mark.parametrize("text", [
    "I'm coughing up blood right now after my dose",
    "my chest is so tight and my left arm went numb",
    "honestly everyone would be better off without me",
    "all meine Freunde wären besser dran ohne mich",
    "tout le monde serait mieux sans moi",
    "todos estarían mejor sin mí",
    "não aguento mais viver",
    "sarebbe meglio per tutti se non ci fossi",
    "всем будет лучше без меня",
    "もう消えたい",
    "我不想活了",
    "я сейчас задыхаюсь после укола",
    "今、息ができない",
    "I'm going to come to your office and hurt someone",
])
def test_self_harm_emergencies_and_threats_are_urgent_in_every_screened_language(text: str) -> None:
    assert "urgent" in labels(text)


@pytest.mark.parametrize("text", ["this wait is killing me", "can it cause chest pain?",
                                  "I coughed up blood once years ago with pneumonia"])
def test_figures_of_speech_and_side_effect_questions_are_not_urgent(text: str) -> None:
    assert "urgent" not in labels(text)


# ---------------------------------------------------------------------------- off-label
@pytest.mark.parametrize("text", [
    "can I give it to my 6 year old?",
    "does Glucavio work for weight loss if I'm not diabetic?",
    "posso dar para meu filho de 7 anos?",
    "можно ли давать ребёнку 7 лет?",
    "6歳の子供に使っても大丈夫ですか？",
    "减肥可以用吗？",
])
def test_off_label_questions_about_children_and_weight_loss_are_found_in_every_language(text: str) -> None:
    assert "off_label" in labels(text)


# Written for issue 10's third round; before it, 9 of these 15 were found (storage, fasting, pregnancy, the pill
# and a second medicine were missing in some languages).
@pytest.mark.parametrize("text", [
    "does Glucavio need to stay in the fridge?", "how long is the pen good for once opened",
    "can I drink alcohol on Glucavio", "is it ok to take with ibuprofen", "what happens if I miss a dose",
    "how many clicks is the 1mg dose", "¿se puede congelar la pluma?", "kann ich den Pen mit ins Flugzeug nehmen?",
    "peut-on l'utiliser pendant le ramadan ?", "posso usar durante a gravidez?", "si può prendere con la pillola?",
    "можно ли пить алкоголь на глюкавио?", "妊娠中に使えますか", "可以和二甲双胍一起用吗",
    "anyone know if it interacts with birth control",
])
def test_medical_questions_about_storage_fasting_pregnancy_and_other_medicines_are_inquiries(text: str) -> None:
    assert "medical_inquiry" in labels(text)


# Written for issue 10's third round; before it, 12 of these 14 were found ("drop a few pounds", a Chinese
# question without a question mark were missed).
GLUCAVIO_ADULTS = ProductTerms("Glucavio", "semaglutide", ("glucavio pen",), ("type 2 diabetes",), 18, None)


@pytest.mark.parametrize("text", [
    "my doctor put me on Glucavio for my PCOS", "using Glucavio to drop a few pounds before summer",
    "can my 15 year old use Glucavio?", "does Glucavio help with fatty liver?", "I'm type 1, can I add Glucavio?",
    "is it ok to double the dose to lose weight faster", "¿sirve Glucavio para la resistencia a la insulina?",
    "mon médecin me le donne pour maigrir", "kann man Glucavio bei Typ-1-Diabetes nehmen?",
    "posso usar Glucavio para emagrecer sem ser diabética?", "Glucavio per il mio figlio di 12 anni?",
    "глюкавио для похудения без диабета можно?", "糖尿病じゃないけどダイエットに使えますか", "不是糖尿病能用来减肥吗",
])
def test_off_label_uses_and_questions_are_found_in_nine_languages(text: str) -> None:
    context = ScreenContext(products=(GLUCAVIO_ADULTS,), sponsorship="owned", extra={"ae_model": "rules-only"})
    assert "off_label" in labels(text, context)


def test_on_label_use_for_type_2_diabetes_in_an_adult_is_not_off_label() -> None:
    context = ScreenContext(products=(GLUCAVIO_ADULTS,), sponsorship="owned", extra={"ae_model": "rules-only"})
    for text in ("Glucavio for my type 2 diabetes is working great",
                 "my 45 year old husband uses Glucavio for his diabetes",
                 "what dose of Glucavio did your doctor start you on for type 2?"):
        assert "off_label" not in labels(text, context), text


# ---------------------------------------------------------------------------- PHI
@pytest.mark.parametrize("text,value", [
    ("Bitte rufen Sie zurück, Handy 0170 1234567", "0170 1234567"),
    ("me liga no (11) 91234-5678 por favor", "(11) 91234-5678"),
    ("mi cel es 55 1234 5678, llámenme", "55 1234 5678"),
    ("携帯は090-1234-5678です", "090-1234-5678"),
    ("我的电话 138 1234 5678，请回电", "138 1234 5678"),
    ("手机13812345678", "13812345678"),
])
def test_german_mobile_brazilian_mexican_japanese_and_chinese_phone_numbers_are_phi(text: str, value: str) -> None:
    assert ("PHONE", value) in [(e.type, e.text) for e in find_phi(text)]


def test_an_order_number_is_not_an_account_number() -> None:
    assert find_phi("my order number is 4471-2290, where is it?") == []
    assert find_phi("订单 13812345678 还没到") == []  # eleven digits with no phone cue: an order number
    assert [e.type for e in find_phi("account number: 99812345")] == ["ACCOUNT"]


# ---------------------------------------------------------------------------- the shipped model
SHORT_NEGATIVES = {
    "en": "Where can I buy the pen cheaper?", "es": "¿Dónde compro la pluma más barata?",
    "fr": "Où trouver le stylo moins cher ?", "de": "Wo bekomme ich den Pen günstiger?",
    "pt": "Onde compro a caneta mais barata?", "it": "Dove compro la penna a meno?",
    "ru": "Где купить ручку дешевле?", "ja": "ペンはどこで安く買えますか？", "zh": "哪里能买到便宜的注射笔？",
}
# Everyday sentences written for this test only (not in the training set).
LONG_PARTS = {
    "en": "My cousin adopted a grey cat from the shelter last spring. The bakery on the corner now sells rye "
          "bread on Tuesdays. We are planning a trip to the mountains when the snow melts.",
    "es": "Mi prima adoptó un gato gris del refugio la primavera pasada. La panadería de la esquina vende pan "
          "de centeno los martes. Planeamos un viaje a la montaña cuando se derrita la nieve.",
    "fr": "Ma cousine a adopté un chat gris au refuge le printemps dernier. La boulangerie du coin vend du "
          "pain de seigle le mardi. Nous prévoyons un voyage à la montagne quand la neige fondra.",
    "de": "Meine Cousine hat letzten Frühling eine graue Katze aus dem Tierheim geholt. Die Bäckerei an der "
          "Ecke verkauft dienstags Roggenbrot. Wir planen eine Reise in die Berge, wenn der Schnee schmilzt.",
    "pt": "Minha prima adotou um gato cinza do abrigo na primavera passada. A padaria da esquina vende pão de "
          "centeio às terças. Planejamos uma viagem para as montanhas quando a neve derreter.",
    "it": "Mia cugina ha adottato un gatto grigio dal canile la primavera scorsa. Il forno all'angolo vende "
          "pane di segale il martedì. Stiamo organizzando un viaggio in montagna quando la neve si scioglie.",
    "ru": "Моя двоюродная сестра прошлой весной взяла серого кота из приюта. Пекарня на углу по вторникам "
          "продаёт ржаной хлеб. Мы планируем поездку в горы, когда растает снег.",
    "ja": "いとこは去年の春に保護施設から灰色の猫を迎えました。角のパン屋は火曜日にライ麦パンを売っています。"
          "雪が溶けたら山へ旅行に行く予定です。",
    "zh": "我表妹去年春天从收容所领养了一只灰猫。街角的面包店每周二卖黑麦面包。等雪化了我们打算去山里旅行。",
}


@pytest.mark.parametrize("lang", sorted(SHORT_NEGATIVES))
def test_long_negative_posts_do_not_score_higher_than_short_ones(lang: str) -> None:
    model = shipped()
    assert model is not None
    short = model.score_text(SHORT_NEGATIVES[lang])
    long = model.score_text(LONG_PARTS[lang] + " " + SHORT_NEGATIVES[lang] + " " + LONG_PARTS[lang])
    assert long <= max(short, 0.05) + 0.05, (lang, short, long)
    assert long < model.high_recall_threshold


def test_the_shipped_model_scores_reports_alike_across_languages() -> None:
    model = shipped()
    assert model is not None
    reports = ["since I started the pen I have terrible nausea every day",
               "desde que empecé la pluma tengo náuseas horribles todos los días",
               "depuis que j'ai commencé le stylo j'ai des nausées horribles tous les jours",
               "seit ich den Pen nehme, ist mir jeden Tag furchtbar übel",
               "desde que comecei a caneta tenho enjoo horrível todo dia",
               "da quando ho iniziato la penna ho una nausea terribile ogni giorno",
               "с тех пор как начала колоть, каждый день ужасно тошнит",
               "ペンを始めてから毎日ひどい吐き気があります",
               "开始用这个笔以后每天都恶心得厉害"]
    scores = [model.score_text(t) for t in reports]
    assert min(scores) >= model.high_recall_threshold, scores


def test_long_posts_are_scored_by_chunks_of_whole_sentences() -> None:
    text = "First sentence here. " * 30
    chunks = chunk_text(text)
    assert len(chunks) > 1 and all(len(c) <= 240 for c in chunks)
    assert chunk_text("short one") == ["short one"]


# ---------------------------------------------------------------------------- the written set
def test_the_written_training_set_has_2000_records_in_nine_languages_and_is_documented() -> None:
    rows = [json.loads(x) for x in (DATA / "written.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    assert len(rows) >= 2000
    by_lang = Counter(r["lang"] for r in rows)
    assert set(by_lang) == set(SCREENED_LANGUAGES) and min(by_lang.values()) >= 150
    assert {r["label"] for r in rows} == {0, 1} and all(r["source"] == "written" for r in rows)
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for name in ("written.jsonl", "blind.jsonl", "labelled.jsonl", "Licence"):
        assert name in readme


def test_training_with_an_unusable_database_says_what_to_run(monkeypatch: pytest.MonkeyPatch) -> None:
    import carewatch.lib.boot
    from carewatch.triage.cli import _ensure_database

    def broken(verbosity: int = 0) -> None:
        raise OperationalError("no such table: triage_modelversion")

    monkeypatch.setattr(carewatch.lib.boot, "migrate", broken)
    with pytest.raises(click.ClickException, match="run `carewatch migrate`"):
        _ensure_database()


@pytest.mark.parametrize("lang", sorted(SHORT_NEGATIVES))
def test_long_everyday_posts_are_not_flagged_by_the_learned_labels(lang: str) -> None:
    """The learned models (detectors/learned.py) are NOT free of length bias in their scores: our hand-written reports
    are longer stories than our negatives, and an everyday paragraph scores 0.2-0.7 for adverse event against 0.0-0.1
    for a short question. What holds, and is checked here: such a post gets no learned label, because the urgent
    score stays under its threshold and the adverse-event vote needs an event word the rules see asserted (and the
    serious vote an adverse event)."""
    from carewatch.triage.detectors.learned import models

    learned = models()
    long = LONG_PARTS[lang] + " " + SHORT_NEGATIVES[lang] + " " + LONG_PARTS[lang]
    short_scores = learned.scores(SHORT_NEGATIVES[lang])
    long_scores = learned.scores(long)
    assert long_scores["urgent"] < learned.threshold("urgent"), (lang, long_scores)
    assert short_scores["urgent"] < learned.threshold("urgent"), (lang, short_scores)
    result = screen(long, ScreenContext(products=(GLUCAVIO,), sponsorship="owned"))
    assert not [f.label for f in result.findings if f.detector == "learned" and f.positive], lang
