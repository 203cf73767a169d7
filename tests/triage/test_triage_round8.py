"""Issue 10, eighth round: the false alarms a newcomer sees in `carewatch demo` (each screened as an owned-channel post
of its client, as the demo does), and the concepts behind blind9's missed product complaints and PHI, in new
wordings and other languages (written for this test by the Carewatch developers; not copied from blind9)."""

from __future__ import annotations

import pytest

from carewatch.triage.context import ProductTerms, ScreenContext
from carewatch.triage.engine import screen

# As carewatch/demo/agency.yaml configures the two clients' products.
GLUCAVIO = ProductTerms("Glucavio", "semaglutide injection", ("glucavio pen", "glucavio"), ("type 2 diabetes",))
VELANTRA = ProductTerms("Velantra", "adalimumab-hlcz", ("velantra pen", "velantra syringe"),
                        ("rheumatoid arthritis", "plaque psoriasis", "psoriatic arthritis", "Crohn's disease"))
NORTHWIND = ScreenContext(products=(GLUCAVIO,), sponsorship="owned")
HALCYON = ScreenContext(products=(VELANTRA,), sponsorship="owned")
HOSPITAL = ScreenContext(products=(), sponsorship="owned")


def labels(text: str, context: ScreenContext = NORTHWIND) -> set[str]:
    return set(screen(text, context).labels)


@pytest.mark.parametrize(("text", "context"), [
    ("Appeal denied. A month without my meds now. Who at Northwind can actually help with insurance?", NORTHWIND),
    ("Got my flu shot at the drive-through clinic at Millbrook Urgent Care in 10 minutes. Well organized!", HOSPITAL),
    ("Your website's copay card form crashes every time I hit submit.", NORTHWIND),
    ("@GlucavioUS Tenía pánico a las agujas y la pluma de Glucavio ni se siente. ¡Gracias!", NORTHWIND),
    ("Been on Velantra six months now and I walked my daughter down the aisle without my cane. Honestly "
     "life-changing. Thank you!!", HALCYON),
    ("Petite question : Rupture de stock pour la troisième semaine. Quand est-ce que Velantra 40 mg aux deux "
     "semaines sera de retour?", HALCYON),
    ("Switched from the daily pill my doctor had me on before to Glucavio and I'm off two of my other diabetes meds.",
     NORTHWIND),
    ("Petite question : mon médecin m'a mis sous Velantra il y a 2 semaines et ma raideur matinale est passée de "
     "deux heures à quinze minutes.", HALCYON),
    ("#ad Living with psoriatic arthritis: my Velantra injection day routine. Serious infections can happen; risk "
     "info: halcyon.example/", HALCYON),
])
def test_the_demo_posts_that_report_no_event_are_not_adverse_events(text: str, context: ScreenContext) -> None:
    found = labels(text, context)
    assert "adverse_event" not in found
    assert "serious" not in found
    assert "urgent" not in found


@pytest.mark.parametrize("text", [
    "Seit einem Monat ohne meine Medikamente wegen der Versicherung. Wer hilft mir?",
    "The app crashed again when I tried to load my savings card.",
    "J'avais peur des aiguilles et le stylo Glucavio, je ne le sens même pas. Merci!",
    "Ich hatte Angst vor Spritzen, aber den Glucavio Pen spüre ich gar nicht. Danke!",
    "I was terrified of needles and honestly the Glucavio pen is nothing. Thanks!",
])
def test_the_same_concepts_in_other_words_and_languages_are_not_adverse_events(text: str) -> None:
    assert "adverse_event" not in labels(text)


@pytest.mark.parametrize("text", [
    "Rupture de stock chez mon pharmacien depuis deux semaines pour Velantra.",
    "Mi rigidez matutina pasó de dos horas a quince minutos desde que empecé Velantra.",
    "My morning stiffness went from two hours to 15 minutes since starting Velantra!",
    "#publicidad Mi rutina con Velantra. Pueden ocurrir infecciones graves; información de riesgos en halcyon.example",
    "#anzeige Mein Velantra-Tag. Schwere Infektionen können auftreten; Risiken: halcyon.example",
])
def test_stock_news_a_shrinking_symptom_and_advert_risk_text_are_not_adverse_events_in_other_languages(
        text: str) -> None:
    assert "adverse_event" not in labels(text, HALCYON)


def test_a_past_hospital_stay_asked_about_is_serious_but_not_urgent() -> None:
    found = labels("Was hospitalized 2 days ago for a fever of 103 that won't break. The ER doctor asked what meds I "
                   "take and I said Velantra. Is there a link?", HALCYON)
    assert {"adverse_event", "serious"} <= found
    assert "urgent" not in found


@pytest.mark.parametrize(("text", "context"), [
    ("Sitting in the ER waiting room with my mom for 3 hours now. A fever of 103.", HOSPITAL),
    ("my uncle is in the hospital right now with hives and a swollen lip", HALCYON),
    ("mi tío está en el hospital ahora mismo con urticaria y el labio hinchado", HALCYON),
])
def test_someone_already_in_hospital_or_the_er_is_not_urgent(text: str, context: ScreenContext) -> None:
    assert "urgent" not in labels(text, context)


@pytest.mark.parametrize("text", [
    "My dad is in the ER right now, his throat is swelling and he can't breathe, please help!!",
    "My throat is closing up after my Velantra shot, I can't breathe",
])
def test_an_emergency_that_asks_for_help_or_is_not_in_care_stays_urgent(text: str) -> None:
    assert "urgent" in labels(text, HALCYON)


def test_a_care_place_named_with_a_reaction_still_reports_a_serious_event() -> None:
    assert {"adverse_event", "serious"} <= labels(
        "My Glucavio made me throw up and I ended up at St. Mary's Hospital overnight.")


@pytest.mark.parametrize("text", [
    "the cooler bag showed up with the gel packs turned to water and the pens were lukewarm",
    "el paquete llegó sin hielo y las plumas estaban tibias",
    "le colis est arrivé, les stylos étaient tièdes",
    "das Paket kam bei 32 Grad an, die Pens waren lauwarm",
    "deixei a caneta no carro a tarde toda",
    "ho lasciato la penna in macchina al sole tutto il pomeriggio",
    "ручку забыла в машине на солнце на весь день",
    "ペンが凍っていました。使えますか",
    "我把注射笔忘在车里一下午",
])
def test_a_temperature_excursion_is_a_complaint_in_every_screened_language(text: str) -> None:
    assert "product_complaint" in labels(text)


@pytest.mark.parametrize("text", [
    "pressed the button and nothing, the pen won't release the medicine",
    "aprieto el botón y nada, no sale el medicamento",
    "the dose counter never went back to zero after the click",
    "die Dosisanzeige ist nach dem Klick nicht zurückgegangen",
    "the pen went off before I had it on my thigh, medication all over the counter",
    "the replacement pen arrived cracked",
    "ペンの目盛りが元に戻らない",
    "按了半天药没出来",
])
def test_a_device_that_fails_to_deliver_or_arrives_broken_is_a_complaint(text: str) -> None:
    assert "product_complaint" in labels(text)


@pytest.mark.parametrize("text", [
    "ordered Glucavio from a site abroad, the box has no lot number on it at all",
    "the tablets are greyish instead of white and smell chemical",
])
def test_a_suspect_pack_or_a_changed_look_is_a_complaint(text: str) -> None:
    assert "product_complaint" in labels(text)


@pytest.mark.parametrize("text", [
    "I'm a nurse and stuck myself with a patient's used pen needle, a bit sore now",
    "La mia tessera sconto Glucavio non funziona più, a chi devo scrivere?",
    "the coupon code for Glucavio doesn't work on your website",
])
def test_a_needlestick_or_a_card_that_does_not_work_is_no_device_complaint(text: str) -> None:
    assert "product_complaint" not in labels(text)


@pytest.mark.parametrize("text", [
    "Still waiting on a callback about my scan. 555-0142, ask for Marta Quinn.",
    "Mia nonna, 93 anni, è ricoverata da voi dal 4/11 e nessuno ci risponde.",
    "Codice fiscale di mio padre: VRDGPP41C15F205Z, serve per la pratica?",
    "我母亲王秀兰，1940年2月9日出生，请问探视时间？",
    "外公10月8日住进你们医院了，病历号 ZY2025-1130。",
    "母は3月2日に入院しました。カルテ番号 A-55821 です。",
    "My grandmother passed away in your hospital on the 5th of March and nobody called us.",
])
def test_identifiers_in_national_formats_and_dates_of_care_are_phi(text: str) -> None:
    assert "phi" in labels(text, HOSPITAL)


@pytest.mark.parametrize("text", [
    "Order 555-0142 still hasn't shipped.",
    "Call our nurse line at 1-800-555-0199 with questions.",
    "I eat about 200-1500 calories a day on Glucavio",
    "my dose went 250-1000 mg over the year",
])
def test_an_order_number_or_the_business_line_is_not_phi(text: str) -> None:
    assert "phi" not in labels(text, HOSPITAL)


@pytest.mark.parametrize("text", [
    "honestly been thinking about how to unalive myself since the dose went up",
    "Sitze gerade auf der Brücke. Keinen Bock mehr auf alles.",
    "Stanotte la faccio finita, non ce la faccio più.",
    "I can't do this anymore. tonight I'm using every one of my pens at once.",
    "hoje à noite vou aplicar todas as minhas canetas e acabar com isso",
    "もう疲れた。残りのペンを全部打って終わりにしようと思ってる。",
])
def test_new_wordings_of_a_suicidal_plan_are_urgent_by_the_rules_alone(text: str) -> None:
    context = ScreenContext(products=(GLUCAVIO,), sponsorship="owned", extra={"learned": "off"})
    assert "urgent" in screen(text, context).labels


@pytest.mark.parametrize("text", [
    "I know which car is yours in the staff lot. Friday I'm bringing something that'll make all of you pay.",
    "Sé dónde aparcas. Esto no se va a quedar así.",
    "se non mi richiamate entro domani vengo in sede e faccio una strage",
    "あの医者、次会ったらただじゃおかない。刃物持っていくから。",
])
def test_new_wordings_of_a_threat_are_urgent_by_the_rules_alone(text: str) -> None:
    context = ScreenContext(products=(GLUCAVIO,), sponsorship="owned", extra={"learned": "off"})
    assert "urgent" in screen(text, context).labels


@pytest.mark.parametrize("text", [
    "Le formulaire de remboursement pour le Glucavio, ça va me tuer 😂",
    "Mein Sohn hatte letzte Woche einen Krampfanfall, seit zwei Monaten auf Glucavio. Heute geht es ihm gut.",
    "My mother had a severe reaction on your ward and stopped breathing. She was finally discharged on Friday.",
])
def test_a_joke_a_seizure_last_week_and_a_discharged_patient_are_not_urgent(text: str) -> None:
    assert "urgent" not in labels(text)


def test_a_low_sugar_reading_with_confusion_after_a_double_dose_is_urgent_and_not_an_inquiry() -> None:
    found = labels("Meine Frau hat aus Versehen doppelt gespritzt, jetzt redet sie wirres Zeug, Zucker 35. Was sollen "
                   "wir tun?")
    assert "urgent" in found
    assert "medical_inquiry" not in found


@pytest.mark.parametrize("text", [
    "Вызывает ли Глюкавио проблемы с щитовидкой?",
    "Какое снотворное можно вместе с Глюкавио?",
    "グルカビオは食後に打つんですか？",
    "格鲁卡维奥打完以后一直头疼，要不要停药？",
    "Le Glucavio provoque-t-il des nausées le soir ?",
    "Posso prendere Glucavio insieme all'ibuprofene?",
    "¿Puedo vacunarme contra la gripe con Glucavio?",
    "Is it fine to have a couple of drinks on Glucavio?",
])
def test_medical_questions_in_every_screened_language_are_inquiries(text: str) -> None:
    assert "medical_inquiry" in labels(text)


@pytest.mark.parametrize("text", [
    "Tonight I'm injecting every one of my Glucavio pens and that's it.",
    "Esta noche me pongo todas las plumas de Glucavio y se acabó.",
])
def test_a_plan_that_names_the_product_as_its_means_is_urgent_but_no_adverse_event(text: str) -> None:
    found = labels(text)
    assert "urgent" in found
    assert "adverse_event" not in found


def test_suicidal_thoughts_since_the_product_are_an_urgent_serious_adverse_event() -> None:
    found = labels("Seit Glucavio will ich nicht mehr aufwachen, heute Nacht mache ich Schluss.")
    assert {"urgent", "adverse_event", "serious"} <= found


def test_an_intentional_overdose_already_taken_is_urgent_and_an_adverse_event_once_a_reaction_is_told() -> None:
    # Round 16: with no reaction told it is an overdose (special situation), urgent, not yet an adverse event
    # (compliance.md; blind9/11/13/17 labelled so); with a reaction told it is an adverse event.
    assert {"urgent", "adverse_event"} <= labels("took all my Glucavio Daily tablets on purpose an hour ago, now I'm "
                                                 "throwing up")
    # Either way a safety case opens: an intentional overdose of the product is a special situation.
    assert {"urgent", "special_situation"} <= labels("took all my Glucavio Daily tablets on purpose an hour ago")
