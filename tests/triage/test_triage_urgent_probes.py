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

# A second set, written after the cues above were extended and scored once before any change: 2 of 30 found
# (bench/README.md); the cues were then extended again, so these are in-sample too.
URGENT_SECOND = [
 "my wife just fainted after her injection and she's not answering me",
 "he's foaming at the mouth and shaking, please help",
 "my throat feels like it's closing after the first pill",
 "grandma took her pills twice by mistake and now she's really drowsy and confused",
 "I can't stop vomiting and there's blood",
 "what's the point anymore, I'm tired of fighting",
 "I have enough pills saved to end this",
 "I'm going to jump off the bridge tonight",
 "I'll make sure your rep never walks again",
 "mi bebé se tomó el jarabe de su hermano, está muy dormido",
 "se me cierra la garganta después de la inyección",
 "no le encuentro sentido a seguir viviendo",
 "ma gorge se serre, j'ai du mal à respirer",
 "je vais sauter du pont ce soir",
 "meine Tochter hat meine Tabletten geschluckt",
 "mein Hals schwillt zu",
 "ich will einfach nicht mehr",
 "minha garganta está fechando depois da injeção",
 "meu filho engoliu os meus comprimidos",
 "mia figlia ha ingoiato le mie pillole",
 "ho un dolore fortissimo al petto adesso",
 "не хочу больше так жить, всё надоело",
 "ребёнок проглотил мои таблетки",
 "горло отекает после укола",
 "もう消えてしまいたい",
 "子供が薬を飲んでしまった",
 "喉が腫れて息が苦しい",
 "孩子误吞了我的药",
 "活着没意思",
 "我要杀了你们老板",
]
NOT_URGENT_SECOND = ["I'm dying to know when the new flavour ships", "my kid ate all the cookies lol", "this update is killing my phone battery",
       "I'd rather die than watch that show again lol", "the throat lozenges taste great", "my daughter swallowed her pride and apologised"]


@pytest.mark.parametrize("text", URGENT + URGENT_SECOND)
def test_a_person_in_danger_now_is_flagged_urgent(text: str) -> None:
    assert urgent_spans(text), text


@pytest.mark.parametrize("text", NOT_URGENT + NOT_URGENT_SECOND)
def test_figures_of_speech_questions_and_past_events_are_not_urgent(text: str) -> None:
    assert not urgent_spans(text), text


def test_a_pet_eating_homework_or_a_routine_dose_is_not_urgent() -> None:
    assert not urgent_spans("my dog ate my homework again")
    assert not urgent_spans("took my pills today like a good boy, feeling fine")
