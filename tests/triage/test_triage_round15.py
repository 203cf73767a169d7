"""Round 15 of issue 10: blind16 folded in and trained on, the general causes behind its misses, and a learned spam
second opinion.

Each sentence case is a concept in new words (written for this test by the Carewatch developers; not a data-set post):
what must be flagged and the hard negatives next to it.
"""

from __future__ import annotations

import pytest

from carewatch.triage.context import ProductTerms, ScreenContext
from carewatch.triage.detectors.learned import LEARNED_LABELS, decide, models
from carewatch.triage.detectors.urgent import caused_by_product
from carewatch.triage.engine import screen
from carewatch.triage.learned_training import LEARNED_LABELS as TRAINED
from carewatch.triage.learned_training import THRESHOLDS

GLUCAVIO = ProductTerms("Glucavio", "semaglutide", ("glucavio pen", "Glucavio Daily", "Глюкавио", "グルカビオ", "格鲁卡维奥"),
                        ("type 2 diabetes",))
DERMAVEX = ProductTerms("Dermavex", "adalimumab", ("Дермавекс",), ("psoriasis",))


def context(sponsorship: str = "owned", learned: bool = True) -> ScreenContext:
    made = ScreenContext(products=(GLUCAVIO, DERMAVEX), sponsorship=sponsorship)
    if not learned:
        made.extra["learned"] = "off"
    return made


def labels(text: str, sponsorship: str = "owned") -> set[str]:
    return set(screen(text, context(sponsorship)).labels)


def rule_labels(text: str) -> set[str]:
    """The rules alone (the learned second opinions off): the concept must be the rules', not the models'."""
    return set(screen(text, context(learned=False)).labels)


@pytest.mark.parametrize("text", [
    "scared I'll get pancreatitis from Glucavio, does it happen a lot? haven't started it yet",
    "¿el glucavio da náuseas fuertes? aún no lo he empezado pero me da pánico vomitar",
    "paura di avere nausea col Glucavio, non ho ancora iniziato, succede spesso?",
    "Bekommt man von Glucavio Durchfall? Ich hab noch nicht angefangen, bin nur nervös.",
    "est-ce que le Glucavio donne des vertiges ? pas encore commencé, je stresse",
    "от глюкавио бывает тошнота? я ещё не начинала, просто боюсь",
])
def test_a_product_not_started_yet_makes_the_posts_events_feared_not_felt(text: str) -> None:
    assert "adverse_event" not in rule_labels(text)


@pytest.mark.parametrize("text", [
    "started Glucavio last month and now I get pancreatitis pain every evening, does it happen a lot?",
    "my sister hasn't started hers yet, but I'm on Glucavio and I throw up after every shot",
])
def test_a_started_product_or_a_third_persons_not_yet_still_leaves_the_event_felt(text: str) -> None:
    assert "adverse_event" in rule_labels(text)


def test_a_child_s_age_is_no_paediatric_use_when_nothing_was_started() -> None:
    asked = "Can I take Glucavio while breastfeeding? Baby is 4 months"
    # a child's age told beside a use told (round 16: beside a product named only in questions it is no use)
    assert "special_situation" in rule_labels("I take Glucavio. Baby is 4 months.")
    assert "special_situation" not in rule_labels(asked + ", I haven't started it yet.")


@pytest.mark.parametrize("text", [
    "got diagnosed with lymphoma after two years of Dermavex shots",
    "me diagnosticaron un linfoma después de un año con Dermavex",
    "Nach zwei Jahren Dermavex hat man bei mir ein Lymphom gefunden",
    "après un an de Dermavex on m'a trouvé un lymphome",
    "после двух лет на Дермавекс нашли лимфому",
])
def test_a_diagnosis_told_after_the_product_is_a_serious_event_not_the_indication(text: str) -> None:
    found = rule_labels(text)
    assert {"adverse_event", "serious"} <= found


def test_a_diagnosis_with_no_after_is_still_what_the_product_treats() -> None:
    assert "adverse_event" not in rule_labels("I was diagnosed with psoriasis in 2019 and Dermavex cleared it up")


@pytest.mark.parametrize("text", [
    "после Глюкавио стали выпадать волосы",
    "с глюкавио у меня волосы начали выпадать клочьями",
])
def test_hair_falling_out_is_an_event_in_russian_in_any_tense(text: str) -> None:
    assert "adverse_event" in rule_labels(text)


@pytest.mark.parametrize("text", [
    "ever since Glucavio I keep picturing myself stepping off the platform edge",
    "desde el glucavio solo pienso en desaparecer para siempre",
    "seit Glucavio denke ich jeden Abend daran, nicht mehr aufzuwachen",
])
def test_a_danger_told_after_the_product_is_caused_by_it(text: str) -> None:
    assert caused_by_product(text, context())


@pytest.mark.parametrize("text", [
    "I keep picturing myself stepping off the platform edge",  # no product named
    "since you tripled the price of Glucavio I'm coming to your office with a knife",  # a threat
    "I swallowed every Glucavio Daily tablet I had since nothing matters anymore",  # the product as the means
])
def test_no_product_a_threat_or_a_supply_swallowed_is_not_caused_by_it(text: str) -> None:
    assert not caused_by_product(text, context())


def test_feeling_empty_after_the_product_is_no_empty_pen() -> None:
    assert "product_complaint" not in rule_labels("seit Glucavio fühl ich mich total leer und kraftlos")
    assert "product_complaint" in rule_labels("mein Glucavio Pen war beim Öffnen schon leer")


def test_spam_is_a_shipped_second_opinion_with_its_threshold() -> None:
    assert "spam" in LEARNED_LABELS and "spam" in TRAINED
    learned = models()
    assert "spam" in learned.labels
    assert learned.threshold("spam") == THRESHOLDS["spam"]["threshold"]


def test_a_spam_vote_never_stands_on_an_urgent_or_unscreened_post() -> None:
    learned = models()
    assert decide("spam", 0.99, learned, False, urgent=lambda: True) == (False, "guard: urgent or unscreened")
    assert decide("spam", 0.99, learned, False, urgent=lambda: False)[0]
    assert decide("spam", learned.threshold("spam") - 0.01, learned, False, urgent=lambda: False)[0] is False


def test_a_prize_scam_the_rules_miss_is_spam_by_the_model() -> None:
    text = "🎉 Bravo ! Vous êtes notre gagnant du jour, une tablette offerte, cliquez 👉 www.example.fr/lot avant ce soir"
    assert "spam" not in rule_labels(text)
    assert "spam" in labels(text)


def test_a_plea_for_help_full_of_exclamation_marks_is_never_spam() -> None:
    found = labels("駐車場で父が倒れて動かない!!息してない!!誰か助けて!!")
    assert "urgent" in found and "spam" not in found
    assert "spam" not in labels("아버지가 쓰러져서 숨을 안 쉬어요!! 빨리 도와주세요!!")


@pytest.mark.parametrize("text", [
    "could somebody from the nurse line call me about the hives I got after my Glucavio shot?",
    "pouvez-vous me rappeler pour les plaques rouges que j'ai depuis le Glucavio ?",
])
def test_a_request_to_be_called_about_an_event_reports_the_event(text: str) -> None:
    assert "adverse_event" in rule_labels(text)


def test_a_question_about_an_event_is_still_a_question() -> None:
    assert "adverse_event" not in rule_labels("can Glucavio give you hives?")


@pytest.mark.parametrize(("word", "lang"), [
    ("mareadísima", "es"), ("agotadísimo", "es"), ("stanchissima", "it"), ("tontíssima", "pt"), ("enjoadíssimo", "pt"),
])
def test_the_superlative_of_an_event_adjective_is_an_event(word: str, lang: str) -> None:
    from carewatch.triage.detectors.adverse import find_event_mentions

    assert [m.text for m in find_event_mentions(f"ando {word} hoy", lang)] == [word]


def test_superlatives_are_made_by_rule_not_listed() -> None:
    from carewatch.triage.detectors.adverse import superlatives

    assert superlatives("mareado", "es") == ("mareadísim*",)
    assert superlatives("blanco", "es") == ("blanquísim*",)
    assert superlatives("stanco", "it") == ("stanchissim*",)
    assert superlatives("tonto", "pt") == ("tontíssim*",)
    assert superlatives("mareado", "fr") == ()
    assert superlatives("dolor de cabeza", "es") == ()


@pytest.mark.parametrize("text", [
    "since the Glucavio my gums bleed every morning",
    "desde el Glucavio me sangran las encías al cepillarme",
    "depuis le Glucavio mes gencives saignent tous les matins",
    "seit Glucavio blutet mein Zahnfleisch jeden Morgen",
    "da quando prendo Glucavio mi sanguinano le gengive",
    "desde o Glucavio minhas gengivas sangram de manhã",
])
def test_bleeding_told_by_its_verb_is_an_event(text: str) -> None:
    assert "adverse_event" in rule_labels(text)
