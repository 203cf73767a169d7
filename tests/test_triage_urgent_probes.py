"""Urgent recall on phrasings the earlier lists missed (issue 10, third round): emergencies in progress, indirect
self-harm, accidental ingestion by a child, threats, in several languages. Written for this test by the Carewatch
developers (not taken from any blind set or corpus); the urgent cues were extended until every one is found,
so these are in-sample: the blind sets say how well it generalises."""

from __future__ import annotations

import pytest

from carewatch.triage.detectors.urgent import urgent_spans

URGENT = [
 "my husband took double his insulin and now he's shaking and sweating and confused, what do I do",
 "I can barely breathe since the second shot, my lips are tingling and swelling",
 "lips and face swelling up fast after the injection, help",
 "my daughter swallowed a bunch of my pills, she is very sleepy now",
 "my son ate the whole blister pack, what should I do",
 "my heart is racing like crazy and I feel like I'm going to pass out right now",
 "vomiting blood after my dose this morning",
 "I'm throwing up blood",
 "there is blood in my vomit and I feel faint",
 "my mom is slurring her words and one side of her face is drooping",
 "my face is drooping and my arm feels weak",
 "I've got the worst headache of my life and my vision is going",
 "I have sharp chest pain spreading to my jaw",
 "pain in my chest and left arm, sweating",
 "I took all my sleeping pills, I just want to sleep forever",
 "nobody would even notice if I was gone",
 "I don't want to be here anymore",
 "I've written letters to everyone, this is goodbye",
 "I won't be around much longer, I've made my peace",
 "I'm a burden to everyone",
 "tonight I'm going to swallow the whole bottle",
 "I've been saving up my pills for the right moment",
 "I'm going to find where your CEO lives and make him pay",
 "someone should shoot up your headquarters",
 "I'll bring a gun to the pharmacy tomorrow",
 "I know where your rep lives, watch your back",
 "mi hijo no respira bien y tiene los labios morados",
 "tengo un dolor en el pecho muy fuerte ahora mismo",
 "ya no quiero seguir aquí",
 "mon fils ne se réveille plus, il respire mal",
 "je n'en peux plus, je veux que tout s'arrête",
 "ich kriege gerade keine Luft mehr",
 "mein Vater ist zusammengebrochen und reagiert nicht",
 "meu filho não está respirando direito",
 "não aguento mais viver assim, quero sumir",
 "mio figlio non respira e ha le labbra blu",
 "non voglio più vivere",
 "не могу дышать после укола",
 "хочу умереть, больше не могу",
 "息ができない、助けて",
 "死にたい",
 "我喘不过气来",
 "我不想活了",
]

NOT_URGENT = ["this queue is killing me", "that movie killed me lol", "I could die for a pizza right now",
       "can it cause suicidal thoughts?", "I'm not suicidal, just tired", "my arm went numb from sleeping on it last year",
       "Dying to try the new flavour", "the suspense is killing me, when does the new pen ship", "I had a seizure in 2019, stable since",
       "breathe in, breathe out, yoga time", "I'd kill for a nap", "she's blowing up my phone"]


@pytest.mark.parametrize("text", URGENT)
def test_a_person_in_danger_now_is_flagged_urgent(text: str) -> None:
    assert urgent_spans(text), text


@pytest.mark.parametrize("text", NOT_URGENT)
def test_figures_of_speech_questions_and_past_events_are_not_urgent(text: str) -> None:
    assert not urgent_spans(text), text


def test_a_pet_eating_homework_or_a_routine_dose_is_not_urgent() -> None:
    assert not urgent_spans("my dog ate my homework again")
    assert not urgent_spans("took my pills today like a good boy, feeling fine")
