# ruff: noqa: E501, E702, RUF001  (hand-written posts in nine languages; one-line label constants)
"""Write dev12.jsonl (issue 10, sixth round): 65 hand-written social comments in the nine screened languages, new
wordings of suicidal plans, threats and emergencies in progress and hard negatives (figures of speech, games, lawsuits,
resolved past events, questions about side effects), labelled for urgent, serious and adverse events. Written by the
Carewatch developers; AGPL-3.0-or-later. Usage: python build_dev12.py carewatch/triage/data/dev12.jsonl"""

import json
import sys

U=["urgent"]; AUS=["adverse_event","serious","urgent"]; N: list[str] = []; AE=["adverse_event"]; AES=["adverse_event","serious"]
G="Glucavio"; D="Dermavex"
rows = [
# EN self-harm
("en",G,"owned","tonight's the night. I've saved up three months of pills and the house will be empty by nine",U),
("en",D,"third_party","I keep driving past the overpass on my way home and thinking about just stepping off it. maybe this weekend",U),
("en",G,"owned","wrote goodbye texts to my sister and saved them as drafts. just need to hit send",U),
("en",G,"third_party","my copay doubled again, this pharmacy is literally killing me lol",N),
("en",D,"owned","is it true this biologic can cause suicidal thoughts? asking before I start",["medical_inquiry"]),
("en",G,"third_party","I could murder a pizza right now, 3 days of no appetite on this pen",AE),
("en",D,"third_party","that new Halsey song about jumping off the bridge has been stuck in my head all day",N),
# EN threats
("en",D,"owned","keep ignoring me Halvern. your Boston HQ has a lot of glass windows and I have a lot of free time",U),
("en",G,"owned","if your rep comes near my mom's clinic again he's leaving on a stretcher, I promise you that",U),
("en",G,"owned","I'll be posting a 1-star review on every site and my lawyer will be in touch. you will pay for this",["product_complaint"]),
("en",D,"third_party","gonna shoot you all down in ranked tonight, get ready squad",N),
# EN emergencies now
("en",G,"owned","my roommate just injected and now she's on the floor twitching and her eyes are rolled back, 911 is on the phone",AUS),
("en",None,"third_party","a guy just pulled a gun in the pharmacy line at the CVS on Main, everyone get out",U),
("en",G,"owned","dad took his pen and 20 min later he's grey, sweating buckets and not making sense. paramedics on the way",AUS),
("en",D,"owned","back in 2019 my husband had a seizure on a different biologic, they kept him 2 nights. all good since",N),
# ES
("es",G,"owned","ya tengo escrita la nota para mis padres. esta noche me tomo todas las pastillas que me quedan",U),
("es",D,"third_party","mañana subo a la azotea del edificio y se acabó todo, nadie me va a extrañar",U),
("es",G,"owned","voy a ir a su oficina de Madrid con un bidón de gasolina, a ver si así me escuchan",U),
("es",G,"owned","mi padre se pinchó la dosis y ahora está tirado en el suelo sin responder, ya viene la ambulancia",AUS),
("es",D,"third_party","me muero de ganas de probar el nuevo sabor jajaja",N),
("es",G,"owned","¿es verdad que este medicamento provoca pensamientos suicidas? lo leí en un foro",["medical_inquiry"]),
("es",D,"third_party","el año pasado intenté tirarme de un puente, hoy estoy bien y con terapia. ánimo a todos",N),
# FR
("fr",G,"owned","j'ai compté mes cachets, il y en a assez. ce soir c'est fini",U),
("fr",D,"owned","si votre délégué remet les pieds dans le cabinet de ma femme je lui casse les jambes",U),
("fr",G,"owned","ma fille vient de faire sa piqûre, elle est toute molle et ne répond plus quand je lui parle, le SAMU arrive",AUS),
("fr",D,"third_party","ce prix me tue, franchement, 300€ la boîte",N),
("fr",G,"third_party","je vais porter plainte et laisser un avis à une étoile, vous allez le regretter",["product_complaint"]),
("fr",D,"third_party","quelqu'un a sorti un couteau dans la salle d'attente des urgences, on est enfermés dans un bureau",U),
("fr",G,"owned","l'an dernier j'ai fait une crise convulsive sous un autre traitement, maintenant tout va bien",N),
# DE
("de",G,"owned","Ich hab heute Nacht alles vorbereitet, die Tabletten liegen abgezählt auf dem Tisch",U),
("de",D,"owned","Wenn ihr meine Mutter noch einmal so abwimmelt, stehe ich mit einem Kanister Benzin vor eurer Zentrale",U),
("de",G,"owned","Meine Frau hat sich gerade gespritzt und ist jetzt umgefallen, sie atmet ganz komisch, Notarzt ist unterwegs",AUS),
("de",D,"third_party","Dieser Preis bringt mich noch um, echt jetzt",N),
("de",G,"third_party","Ich könnte für einen Kaffee töten, die Übelkeit ist endlich weg",N),
("de",D,"third_party","Ich werde euch verklagen und eine Bewertung schreiben, das werdet ihr bereuen",["product_complaint"]),
("de",G,"owned","Macht dieses Medikament Suizidgedanken? Im Beipackzettel steht was davon",["medical_inquiry"]),
# PT
("pt",G,"owned","já separei todos os comprimidos e escrevi uma carta pra minha mãe. hoje à noite eu acabo com isso",U),
("pt",D,"owned","se a Halvern não resolver meu caso eu vou aí no escritório de vocês e quebro tudo, e quem estiver na frente também",U),
("pt",G,"owned","minha avó tomou o remédio e agora não acorda, tá roxa, liguei pro SAMU",AUS),
("pt",D,"third_party","morrendo de vontade de experimentar o novo sabor kkkk",N),
("pt",G,"third_party","essa fila da farmácia tá me matando, 2 horas esperando",N),
("pt",D,"third_party","há dois anos meu pai teve uma convulsão com outro remédio, hoje está ótimo",N),
# IT
("it",G,"owned","stanotte vado sul ponte della ferrovia, ho già deciso, non cercatemi",U),
("it",D,"owned","il vostro informatore si è presentato di nuovo dal mio medico, la prossima volta gli spacco la faccia",U),
("it",G,"owned","mio padre ha appena fatto l'iniezione e adesso non respira bene e non risponde, ho chiamato il 118",AUS),
("it",D,"third_party","questo prezzo mi ammazza, 200 euro al mese",N),
("it",G,"third_party","muoio dalla voglia di provarlo, dicono che funziona",N),
("it",D,"third_party","è vero che questo farmaco dà pensieri suicidi? chiedo per mia sorella",["medical_inquiry"]),
# RU
("ru",G,"owned","сегодня ночью выпью все таблетки сразу, я уже всё решила, простите",U),
("ru",D,"owned","если ещё раз откажете маме, приеду к вашему офису с канистрой бензина",U),
("ru",G,"owned","муж только что сделал укол и упал, не дышит нормально, вызвала скорую, что делать",AUS),
("ru",D,"third_party","эти цены меня убивают, честно",N),
("ru",G,"third_party","в прошлом году у сестры был приступ судорог на другом препарате, сейчас всё хорошо",N),
("ru",D,"third_party","правда ли что этот препарат вызывает суицидальные мысли?",["medical_inquiry"]),
# JA
("ja",G,"owned","今夜、薬を全部まとめて飲むつもり。もう疲れた",U),
("ja",D,"owned","今度また担当者が母を追い返したら、本社に火をつけに行く",U),
("ja",G,"owned","父が注射した直後に倒れて、今反応がない。救急車を呼んだ",AUS),
("ja",D,"third_party","この値段、ほんとに死ぬほど高い笑",N),
("ja",G,"third_party","この薬で自殺願望が出ることってありますか？",["medical_inquiry"]),
# ZH
("zh",G,"owned","今晚我就从楼顶跳下去，药也攒够了，别找我",U),
("zh",D,"owned","你们要是再不给我妈报销，我就带刀去你们北京总部",U),
("zh",G,"owned","我爸刚打完针就倒在地上，现在叫不醒，已经打了120",AUS),
("zh",D,"third_party","这价格真是要了我的命哈哈",N),
("zh",G,"third_party","去年我妈用别的药抽搐过一次，现在早就好了",N),
("zh",D,"third_party","这个药会不会引起自杀的念头？",["medical_inquiry"]),
]
with open(sys.argv[1] if len(sys.argv) > 1 else "dev12.jsonl", "w", encoding="utf-8") as f:
    for i,(lang,prod,sp,text,labels) in enumerate(rows,1):
        f.write(json.dumps({"id":f"dev12-{i:03d}","text":text,"lang":lang,"products":[prod] if prod else [],"sponsorship":sp,"labels":labels,"split":"dev12","source":"written"},ensure_ascii=False)+"\n")
