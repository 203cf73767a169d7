"""Urgent: violence against the author by someone near them, done or threatened, with a sign that the danger is now
(issue 10: "threats of violence" and "a person in danger now"). Found after round 15, when the retrained urgent model
scored such a post just under its sure level and the rules had no concept of a victim (they knew only threats the
author makes). Sentences written for this test by the Carewatch developers; not data-set posts."""

from __future__ import annotations

import pytest

from carewatch.triage.context import ProductTerms, ScreenContext
from carewatch.triage.engine import screen

GLUCAVIO = ProductTerms("Glucavio", "semaglutide", ("glucavio pen",), ("type 2 diabetes",))
OWNED = ScreenContext(products=(GLUCAVIO,), sponsorship="owned")


@pytest.mark.parametrize("text", [
    "he punched me last month and tonight he's drunk again and in the kitchen. I'm in the bathroom with the door locked",
    "my boyfriend said he'll kill me if I tell anyone. he's on his way home now, please what do I do",
    "mi marido me pega y ahora está en casa gritando, tengo miedo de salir del cuarto",
    "il m'a frappée hier soir, il est à la maison maintenant et je suis enfermée dans la salle de bain",
    "er hat mich geschlagen und ist jetzt unten, ich habe mich im Bad eingeschlossen",
    "ele me bateu de novo e agora está em casa, estou trancada no quarto",
    "mi ha picchiata di nuovo, adesso è di sotto e io sono chiusa in camera",
    "муж избил меня вчера, сейчас он дома, я заперлась в ванной",
    "夫に殴られた。今も家にいるので隠れている",
    "他又打我了，现在还在家，我躲在厕所里",
])
def test_violence_against_the_author_with_the_danger_now_is_urgent(text: str) -> None:
    assert "urgent" in screen(text, OWNED).labels


@pytest.mark.parametrize("text", [
    "hit me up if you want the coupon code for the glucavio pen",
    "my doctor hit me with the news that my A1c is finally normal, thanks Glucavio",
    "in the show he hits her and everyone cheers, I had to switch it off",
    "my ex never hit me, he just left. anyway the pen works fine for me now",
    "请打我电话 138 0000 0000，格鲁卡维奥的优惠卡现在用不了",
])
def test_a_contact_a_figure_of_speech_a_story_or_a_negated_blow_is_not_urgent(text: str) -> None:
    assert "urgent" not in screen(text, OWNED).labels
