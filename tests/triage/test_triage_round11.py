"""Round 11 of issue 10: blind12 folded in, and the patterns behind its misses (complaints, adverse events, inquiries,
spam, urgent, serious precision) as concepts in the nine screened languages.

Each case is a concept in new words (written for this test by the Carewatch developers; not a data-set post): what
must be flagged and the hard negatives next to it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from carewatch.triage.context import ProductTerms, ScreenContext
from carewatch.triage.engine import screen

DATA = Path(__file__).resolve().parents[2] / "carewatch" / "triage" / "data"
GLUCAVIO = ProductTerms("Glucavio", "semaglutide", ("glucavio pen", "Glucavio Daily", "Глюкавио", "グルカビオ", "格鲁卡维奥"),
                        ("type 2 diabetes",))
DERMAVEX = ProductTerms("Dermavex", "dervalimab", ("Дермавекс", "デルマベックス", "德玛维克斯"),
                        ("rheumatoid arthritis", "plaque psoriasis"))


def owned(product: ProductTerms = GLUCAVIO) -> ScreenContext:
    return ScreenContext(products=(product,), sponsorship="owned")


def hospital() -> ScreenContext:
    return ScreenContext(sponsorship="owned")


@pytest.mark.parametrize("text", [
    "Earn $400 a day from your phone, DM me to start 💸",
    "Gana 300 € a la semana desde casa, escríbeme",
    "Gagne 1500€ par mois avec mon programme, écris-moi",
    "Verdiene 2000€ im Monat mit Krypto, schreib mir",
    "Ganhe R$ 800 por semana no celular, me chama no direct",
    "Guadagna 500€ a settimana con il trading, scrivimi in privato",
    "Зарабатывай 5000 ₽ в день, пишите в телеграм",
    "Like and share this post and tag 2 friends for a chance to win AirPods!",
    "Продаю Глюкавио без рецепта, доставка по всей стране",
    "I am a herbal doctor, I cured my patients' diabetes with natural medicine, 100% guaranteed, contact me on WhatsApp",
])
def test_income_promises_giveaway_bait_and_illegal_sales_are_spam(text: str) -> None:
    assert "spam" in screen(text, owned()).labels


@pytest.mark.parametrize("text", [
    "I earn $60k a year and still can't afford Glucavio without insurance",
    "Wer kann mir sagen, ob ich Glucavio ohne Rezept bekomme?",
    "Продаю квартиру, чтобы оплатить лечение, Глюкавио очень дорогой",
    "working from home today because the nausea from Glucavio is awful",
])
def test_money_and_prescriptions_talked_about_by_patients_are_no_spam(text: str) -> None:
    assert "spam" not in screen(text, owned()).labels


@pytest.mark.parametrize("text", [
    "the pen didn't deliver the full dose, half of it is still in there. lot GL4471",
    "la pluma no inyectó toda la dosis, lote 7KQ21",
    "Die Kappe war gerissen, als ich die Packung geöffnet habe",
    "o seletor travou no meio da dose",
    "la ghiera si è bloccata a metà, lotto 8AB12",
    "шприц-ручка не до конца ввела дозу",
    "笔按下去没反应，试了好几次",
    "ペンのダイヤルが途中で止まってしまった",
    "these needles feel so blunt lately",
    "white particles floating in the syringe this time",
    "シリンジの中に浮遊物が見える",
    "the box had a different strength printed on the label than the pens inside",
    "my Glucavio pen froze in the back of the fridge",
])
def test_device_defects_particles_wrong_labels_and_frozen_pens_are_complaints(text: str) -> None:
    assert "product_complaint" in screen(text, owned()).labels


@pytest.mark.parametrize("text", [
    "the glass of my phone screen cracked, typing this slowly",
    "the counter at the pharmacy didn't move for an hour",
    "my doctor said the needles are dull topic to talk about",
    "the dose window turned yellow like it should",
])
def test_cracks_counters_and_needles_elsewhere_are_no_complaint(text: str) -> None:
    assert "product_complaint" not in screen(text, owned()).labels


def test_an_injection_site_is_no_web_site() -> None:
    text = "needle cover was cracked when I opened the box; injection site bruised since"
    assert "product_complaint" in screen(text, owned()).labels


@pytest.mark.parametrize("text", [
    "¿Es verdad que da caída de pelo? Todavía no lo empecé",
    "デルマベックスで髪が抜けたりしますか？",
    "漏打了一针，过了三天还能补吗？",
    "could Dermavex give me lymphoma? just asking",
    "I was discharged on Monday, do I keep taking the blood thinner until my follow-up?",
    "Posso tomar ibuprofeno com o remédio que me deram na alta?",
    "je dois le continuer combien de temps, l'anticoagulant ?",
    "届いた箱が常温だった。使って大丈夫？",
])
def test_side_effect_discharge_and_missed_dose_questions_are_medical_inquiries(text: str) -> None:
    assert "medical_inquiry" in screen(text, owned(DERMAVEX)).labels


@pytest.mark.parametrize("text", [
    "Can Dermavex be used for Crohn's disease?",
    "¿Alguien usa Dermavex para la dermatitis atópica?",
    "德玛维克斯可以用来治克罗恩病吗？",
])
def test_an_off_label_question_is_also_a_medical_inquiry(text: str) -> None:
    labels = set(screen(text, owned(DERMAVEX)).labels)
    assert {"off_label", "medical_inquiry"} <= labels


@pytest.mark.parametrize("text", [
    "my dad has chest pain and we're in your ER waiting room, nobody has come",
    "mi abuela se desmayó en la sala de espera de urgencias y nadie viene",
    "Mein Vater ist gerade im Flur zusammengebrochen, keiner kommt!!",
    "meu filho tá tendo convulsão aqui na recepção, socorro",
])
def test_an_emergency_at_a_hospital_with_no_medicine_is_urgent_not_an_adverse_event(text: str) -> None:
    labels = screen(text, hospital()).labels
    assert "urgent" in labels and "adverse_event" not in labels and "serious" not in labels


@pytest.mark.parametrize("text", [
    "the antibiotic drip in your ER gave me hives all over",
    "my aunt reacted to the contrast dye during her CT and was admitted overnight",
    "Nach der Narkose bei Ihnen hatte meine Mutter eine allergische Reaktion und lag auf der Intensivstation",
    "после переливания крови у отца был анафилактический шок",
])
def test_a_reaction_to_a_hospital_treatment_is_still_an_adverse_event(text: str) -> None:
    assert "adverse_event" in screen(text, hospital()).labels


@pytest.mark.parametrize("text", [
    "客服排队排到我要去世了😂",
    "watching a series where the heroine goes into anaphylactic shock after her Dermavex shot lmao",
    "je regarde un film où l'héroïne fait une réaction allergique après sa piqûre de Dermavex 😂",
])
def test_a_queue_to_death_and_a_tv_series_joked_about_are_no_adverse_events(text: str) -> None:
    labels = screen(text, owned(DERMAVEX)).labels
    assert "adverse_event" not in labels and "serious" not in labels


@pytest.mark.parametrize("text", [
    "笔针按下去没反应，我又按了几次",
    "ペンのボタンを押しても反応しない",
])
def test_a_pen_with_no_response_is_no_unresponsive_person(text: str) -> None:
    assert "urgent" not in screen(text, owned()).labels


@pytest.mark.parametrize("text", [
    "После укола Глюкавио потеряла сознание, увезли в больницу, лежала 3 дня.",
    "グルカビオを打った後に意識を失って、入院して3日で退院しました。",
])
def test_an_emergency_told_with_a_stay_in_days_is_over(text: str) -> None:
    assert "urgent" not in screen(text, owned()).labels


@pytest.mark.parametrize("text", [
    "two shots a week instead of one and now I can't keep anything down",
    "Dermavex cleared my skin but I've had a cold I can't shake for weeks",
    "con Dermavex me salió un herpes en la cintura",
    "da quando prendo Dermavex ho sempre la febbricola",
])
def test_new_symptom_words_are_adverse_events(text: str) -> None:
    assert "adverse_event" in screen(text, owned(DERMAVEX)).labels


@pytest.mark.parametrize("text", [
    "third glucavio shot in the series and i threw up all night lol",
    "binge watching my fav series after my shot and now I'm throwing up lol",
    "started Glucavio, watched a movie, then vomited for 6 hours 😂 great night",
    "vi una película después de ponerme la inyección y vomité toda la noche jaja",
])
def test_a_film_or_series_joked_about_beside_the_author_s_own_reaction_is_still_an_adverse_event(text: str) -> None:
    assert "adverse_event" in screen(text, owned()).labels


@pytest.mark.parametrize("text", [
    "watching Grey's and a patient codes lmao",
    "cette série où tout le monde fait un choc anaphylactique 😂",
])
def test_a_film_or_series_joked_about_with_no_one_of_ours_in_it_is_no_adverse_event(text: str) -> None:
    assert "adverse_event" not in screen(text, owned()).labels
