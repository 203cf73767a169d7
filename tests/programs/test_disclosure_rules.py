"""The FTC disclosure and fair-balance rules, one test per rule, with real-looking posts in EN/ES/FR/DE."""

from __future__ import annotations

import pytest

from carewatch.programs.check import PostInput, check_post
from carewatch.programs.disclosure import check_disclosure, fold_end, trailing_hashtag_run
from carewatch.programs.fairbalance import check_fair_balance, mentions_rx


def post(text: str, *, platform: str = "instagram", media: str = "image", connection: bool = True,
         **extra: object) -> dict[str, object]:
    return check_post(PostInput(id="p1", platform=platform, text=text, material_connection=connection,
                                media=media, **extra))  # type: ignore[arg-type]


def rules(result: dict[str, object]) -> list[str]:
    return [f["rule"] for f in result["findings"]]  # type: ignore[index, union-attr]


# ------------------------------------------------------------------ approved tokens, four languages
@pytest.mark.parametrize("text", [
    "#ad My morning routine just got easier with @lumaskin's new SPF 50. No white cast!",
    "Paid partnership with Lumaskin ☀️ I've been testing their SPF for two weeks and here's my honest take",
    "#sponsored | 3 things I pack for every hiking trip with @trailfuel",
    "Brand partner: Lumaskin asked me to try their new cleanser and I'm obsessed",
    "#publicidad Mi rutina de noche con el sérum de @lumaskin, ¡mi piel nunca ha estado mejor!",
    "Colaboración pagada con Lumaskin. Os cuento por qué este protector solar es mi favorito",
    "#publicité Ma routine du soir avec le sérum @lumaskin, ma peau n'a jamais été aussi belle",
    "#pub Je teste depuis 3 semaines la crème @lumaskin et voici mon avis",
    "Partenariat rémunéré avec Lumaskin 💛 Voici ma routine anti-taches",
    "#werbung Meine Abendroutine mit dem Serum von @lumaskin – meine Haut war nie besser",
    "Anzeige | Ich teste seit drei Wochen die Sonnencreme von @lumaskin",
])
def test_an_approved_token_above_the_cut_passes(text: str) -> None:
    result = post(text)
    assert result["disclosure"] == "pass", result
    assert result["verdict"] == "pass"
    assert result["findings"] == []


def test_a_post_without_disclosure_fails_and_names_the_rule_and_the_span() -> None:
    text = "Obsessed with my new @lumaskin serum, glowing all week!\nLink in bio"
    result = post(text)
    assert result["verdict"] == "fail"
    assert rules(result) == ["ftc.disclosure.missing"]
    finding = result["findings"][0]  # type: ignore[index]
    assert finding["start"] == 0 and finding["end"] == fold_end(text)


def test_no_material_connection_means_no_disclosure_is_required() -> None:
    result = post("Bought this sunscreen myself and love it", connection=False)
    assert result["disclosure"] == "not_required"
    assert result["verdict"] == "pass"


# ------------------------------------------------------------------ placement
def test_a_token_below_the_more_cut_fails() -> None:
    text = ("Morning routine time!\nStep one is always cleansing\nStep two is the serum everyone asks about\n"
            "Step three: SPF, every single day, rain or shine\n#ad")
    result = post(text)
    assert result["disclosure"] == "fail"
    assert rules(result) == ["ftc.disclosure.below_fold"]
    finding = result["findings"][0]  # type: ignore[index]
    assert text[finding["start"]:finding["end"]] == "#ad"


def test_a_token_after_125_characters_on_one_line_fails() -> None:
    text = ("Ich habe die neue Creme jetzt drei Wochen lang jeden Morgen und jeden Abend benutzt und meine Haut "
            "fühlt sich wirklich weicher an als je zuvor #werbung")
    assert text.index("#werbung") > 125
    assert rules(post(text)) == ["ftc.disclosure.below_fold"]


def test_a_token_only_in_a_trailing_run_of_hashtags_fails() -> None:
    text = "Loving this glow ✨\n#skincare #glowup #ad #spf"
    result = post(text)
    assert result["disclosure"] == "fail"
    assert rules(result) == ["ftc.disclosure.hashtag_run"]


def test_a_token_in_a_hashtag_run_still_passes_when_it_also_opens_the_caption() -> None:
    result = post("#ad Mi nueva rutina con @lumaskin\n#skincare #rutina #ad")
    assert result["disclosure"] == "pass"


def test_two_trailing_hashtags_are_not_a_run() -> None:
    assert trailing_hashtag_run("Nouvelle routine #pub #soin") is None
    assert post("Nouvelle routine #pub #soin")["disclosure"] == "pass"


def test_a_disclosure_only_in_the_bio_fails() -> None:
    result = post("Meine neue Lieblingscreme von @lumaskin 💚", bio="Werbung: Kooperationen mit Marken")
    assert rules(result) == ["ftc.disclosure.bio_only"]
    assert result["verdict"] == "fail"


def test_the_platform_paid_partnership_label_alone_fails() -> None:
    result = post("Mi crema favorita de @lumaskin", paid_partnership_label=True)
    assert rules(result) == ["ftc.disclosure.label_only"]


# ------------------------------------------------------------------ unclear and ambiguous wording
@pytest.mark.parametrize("text,token", [
    ("#sp New serum day with @lumaskin", "#sp"),
    ("#spon Je teste la nouvelle crème", "#spon"),
    ("#partner Mi nuevo protector solar", "#partner"),
    ("Thanks Lumaskin for my new favourite SPF!", "Thanks Lumaskin"),
    ("Gracias Lumaskin por este regalo tan bonito", "Gracias Lumaskin"),
    ("Merci Lumaskin pour ce joli colis", "Merci Lumaskin"),
    ("Danke Lumaskin für das tolle Paket!", "Danke Lumaskin"),
])
def test_a_token_the_ftc_calls_unclear_fails(text: str, token: str) -> None:
    result = post(text)
    assert result["disclosure"] == "fail"
    assert rules(result) == ["ftc.disclosure.unclear"]
    finding = result["findings"][0]  # type: ignore[index]
    assert text[finding["start"]:finding["end"]] == token


@pytest.mark.parametrize("text", [
    "#collab My skincare shelf got an upgrade",
    "#ambassador Proud to share my routine with @lumaskin",
    "#embajadora Mi rutina de verano con @lumaskin",
    "#ambassadrice Ma routine d'été avec @lumaskin",
    "#kooperation Meine Sommerroutine mit @lumaskin",
])
def test_an_ambiguous_token_on_its_own_warns(text: str) -> None:
    result = post(text)
    assert result["disclosure"] == "warn"
    assert result["verdict"] == "warn"
    assert rules(result) == ["ftc.disclosure.ambiguous"]


def test_an_ambiguous_token_beside_an_approved_one_passes() -> None:
    assert post("#ad #collab with @lumaskin: my summer routine")["disclosure"] == "pass"


def test_ad_inside_a_longer_hashtag_is_not_a_disclosure() -> None:
    result = post("#adventure time with my @trailfuel bars")
    assert result["disclosure"] == "fail"
    assert rules(result) == ["ftc.disclosure.missing"]


# ------------------------------------------------------------------ video
def test_a_video_without_on_screen_or_audio_evidence_needs_a_human_check() -> None:
    result = post("#ad My 5-minute routine", platform="tiktok", media="video")
    assert result["disclosure"] == "needs_review"
    assert result["verdict"] == "needs_review"
    assert "ftc.disclosure.video_unverified" in rules(result)


def test_a_tiktok_post_without_media_is_treated_as_video() -> None:
    assert post("#ad routine", platform="tiktok", media="")["disclosure"] == "needs_review"


def test_a_video_with_a_spoken_disclosure_passes() -> None:
    result = post("Meine Routine", platform="youtube", media="video",
                  transcript="Dieses Video ist Werbung für Lumaskin, ich wurde dafür bezahlt")
    assert result["disclosure"] == "pass"


def test_a_video_whose_on_screen_text_has_no_disclosure_fails() -> None:
    result = post("#ad mi rutina", platform="tiktok", media="video", on_screen_text="Rutina de noche 🌙")
    assert result["disclosure"] == "fail"
    assert "ftc.disclosure.video_missing" in rules(result)


# ------------------------------------------------------------------ contract tokens
def test_a_missing_contract_token_warns() -> None:
    outcome = check_disclosure("#ad new serum", required_tokens=["#LumaPartner"])
    assert outcome.status == "warn"
    assert [f.rule for f in outcome.findings] == ["contract.required_token"]


# ------------------------------------------------------------------ fair balance (Rx)
@pytest.mark.parametrize("text", [
    "#ad Glucavio helped me lower my A1C in 3 months, ask your doctor!",
    "#publicidad Glucavio me ayudó a controlar mi azúcar, pregunta a tu médico",
    "#publicité Glucavio m'a aidée à retrouver une glycémie stable",
    "#werbung Glucavio hat mir geholfen, endlich wieder Energie zu haben",
])
def test_an_rx_benefit_claim_without_risk_information_fails(text: str) -> None:
    result = check_post(PostInput(id="x", platform="instagram", text=text, material_connection=True),
                        __import__("carewatch.programs.check", fromlist=["ClientRules"]).ClientRules(
                            rx_products=("Glucavio",)))
    assert result["fair_balance"] == "fail"
    assert result["verdict"] == "fail"
    finding = next(f for f in result["findings"] if f["rule"] == "fda.fair_balance.benefit_without_risk")
    assert finding["end"] > finding["start"]


@pytest.mark.parametrize("text", [
    "#ad Glucavio helped me lower my A1C. May cause serious side effects; see glucavio.com/risk",
    "#publicidad Glucavio me ayudó mucho. Efectos secundarios e información de seguridad: glucavio.es/seguridad",
    "#publicité Glucavio m'a aidée. Effets indésirables possibles, voir glucavio.fr/risques",
    "#werbung Glucavio hat mir geholfen. Zu Risiken und Nebenwirkungen fragen Sie Ihren Arzt",
    "#ad Glucavio helped me a lot. Full risk info: https://glucavio.com/isi",
])
def test_an_rx_benefit_claim_with_risk_information_or_its_link_passes(text: str) -> None:
    assert check_fair_balance(text, rx=True)[0] == "pass"


def test_a_non_rx_post_is_not_subject_to_fair_balance() -> None:
    assert check_fair_balance("This sunscreen cleared my skin", rx=False)[0] == "not_applicable"


def test_an_rx_post_without_a_benefit_claim_passes_fair_balance() -> None:
    assert check_fair_balance("#ad Picked up my prescription today", rx=True)[0] == "pass"


def test_a_prescription_cue_makes_a_post_rx_without_a_product_list() -> None:
    assert mentions_rx("My dermatologist prescribed this and it cleared my skin")
    assert mentions_rx("Mi médico me lo recetó")
    assert not mentions_rx("My favourite sunscreen")


def test_the_verdict_is_the_worst_of_the_two_checks() -> None:
    result = post("#collab this prescription cream cleared my skin", rx=True)
    assert result["disclosure"] == "warn" and result["fair_balance"] == "fail"
    assert result["verdict"] == "fail"
