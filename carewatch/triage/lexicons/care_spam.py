# ruff: noqa: E501, RUF001  (cue lists in nine languages: Cyrillic letters, long alternations)
"""Spam cues (EN/ES/FR/DE): scams, promotions, illegal sales of prescription medicines, engagement bait.
Regular-expression fragments without capturing groups."""

from __future__ import annotations

# Each is enough on its own.
SCAMS: tuple[str, ...] = (
    # phishing: credentials, accounts and "act now" threats
    r"(?:verify|confirm|update|validate|re-?enter) (?:your |the )?(?:account|password|identity|login|details|"
    r"payment|card|credentials|information)",
    r"(?:your )?(?:account|portal|profile|prescription|access) (?:is|has been|was|will be) (?:suspended|locked|"
    r"disabled|compromised|frozen|restricted|deactivated)", r"security alert", r"unusual (?:activity|sign-?in)",
    r"(?:reply|send us|dm us) (?:with )?your (?:card|password|ssn|pin|login|bank)",
    r"you(?:'ve| have)? (?:won|been selected for) (?:a |an )?(?:free|\$|prize|gift|iphone|reward|voucher|supply)",
    r"congratulations,? you(?:'ve| have)? (?:won|been selected)", r"claim (?:your (?:prize|reward|gift)|here|now)",
    r"ganhe dinheiro", r"renda extra", r"criptomoedas?", r"guadagna(?:re)? (?:soldi|\d+)", r"criptovalut\w*",
    r"заработ\w* (?:от|до|\d)", r"криптовалют\w*", r"ваш аккаунт (?:заблокирован|взломан)", r"подтвердите (?:данные|аккаунт)",
    r"仮想通貨", r"副業", r"稼げる", r"アカウントが停止", r"加微信", r"赚钱", r"兼职", r"账户(?:异常|冻结)",
    r"verifique (?:sua|seu) (?:conta|senha)", r"verifica (?:il tuo|la tua) (?:account|password)",
    r"compte (?:suspendu|bloqué)", r"vérifiez votre (?:compte|identité)", r"Konto (?:gesperrt|gesperrt wird)",
    r"bestätigen Sie (?:Ihr|Ihre) (?:Konto|Daten)", r"cuenta (?:suspendida|bloqueada)", r"verifica tu cuenta",
    # Fifth round: "compensation for side effects, enter your card details" phishing in the nine languages.
    r"(?:claim|receive|get) (?:your )?(?:side[- ]effects? )?compensation", r"enter (?:your )?card details",
    r"компенсаци\w* за побочн\w*", r"(?:введите|укажите) данные (?:карты|паспорта)", r"перейдите по ссылке",
    r"アカウントは停止", r"補償金を受け取", r"今すぐこちらから", r"领取.{0,6}(?:补偿|赔偿)", r"点击链接",
    r"indemnización por (?:efectos|los efectos) secundarios", r"introduzca (?:los datos de )?su tarjeta",
    r"indemnisation pour (?:les )?effets (?:secondaires|indésirables)", r"saisissez (?:vos|les) coordonnées bancaires",
    r"Entschädigung für Nebenwirkungen", r"geben Sie (?:Ihre )?Kartendaten ein",
    r"indenização por efeitos colaterais", r"(?:digite|insira) (?:os )?dados do cartão",
    r"risarcimento per (?:gli )?effetti collaterali", r"inserisci (?:i )?dati della carta",
    r"bitcoin", r"one weird trick", r"doctors hate (?:it|this|him|her|them)", r"btc", r"crypto(?:currency)?",
    r"forex", r"binary options?", r"nft drop", r"airdrop", r"usdt",
    r"double your (?:money|investment|bitcoin)", r"passive income", r"financial freedom",
    r"(?:earn|make|making|earning) \$?\d[\d,]*\$? (?:a|per|every) (?:day|week|hour)",
    r"work from home (?:and|opportunity)",
    r"investment (?:platform|opportunity|manager)", r"trading (?:platform|signals|expert|mentor)",
    r"recover (?:your )?(?:lost|stolen) (?:funds|money|crypto)", r"(?:hire|contact) a hacker",
    r"account recovery expert",
    r"sugar (?:daddy|mommy)", r"hot singles", r"onlyfans", r"18\+ content", r"click (?:the )?link in (?:my )?bio",
    r"link in (?:my )?bio", r"check (?:out )?my (?:bio|profile|page)", r"visit my (?:profile|page)",
    r"follow (?:4|for) follow", r"f4f", r"l4l", r"like (?:4|for) like", r"sub (?:4|for) sub", r"sub4sub",
    r"follow me (?:back|for more)",
    r"you(?:'ve| have)? won (?:a |an |the |our )?(?:free |brand new )?(?:\$?\d[\d,]* )?"
    r"(?:prize|gift ?card|iphone|cash|reward|vacation|trip|giveaway|car)",
    r"you are (?:our|a) (?:lucky )?winner", r"claim your (?:prize|reward|gift)",
    r"gift ?card giveaway", r"free (?:iphone|gift card|followers)",
    r"(?:dm|message|text|whatsapp|telegram|contact) (?:me|us)(?: now| today)? (?:for|to (?:order|buy|get))",
    r"(?:dm|inbox) (?:me|us) for (?:cheap|discount|the price|prices|orders?|more info)",
    r"cheap (?:pens|meds|pills|glp-?1s?|semaglutide|ozempic|wegovy|peptides)(?! in)",
    r"(?:buy|order|get|available|sell(?:ing)?)[^.!?\n]{0,30}(?:without|no) (?:a )?(?:prescription|rx|script)",
    r"no (?:prescription|rx|script) (?:needed|required)",
    r"without (?:a )?(?:prescription|rx|script)[^.!?\n]{0,40}(?:ships?|shipping|order|price|dm|whatsapp|delivery)",
    r"discreet (?:shipping|packaging|delivery)",
    r"overnight shipping", r"(?:wholesale|bulk) prices?", r"(?:research|compounded) peptides? for sale",
    r"(?:whatsapp|telegram|wickr|signal)\s*[:@+]", r"t\.me/", r"wa\.me/",
    r"gana(?:r)? dinero",
    r"(?:verdiene|verdienen|gana|ganar|gagne|gagner) (?:\d+ ?[€$]|[€$] ?\d+)[^.!?\n]{0,20}"
    r"(?:am Tag|pro Tag|al día|por día|par jour|diario)",
    r"(?:infos?|link|enlace|lien) (?:in meiner|en mi|dans ma) bio",
    r"(?:pedidos|commandes?|Bestellungen?) (?:por|par|über|via) (?:whatsapp|telegram|dm)", r"ingresos pasivos",
    r"sin receta[^.!?\n]{0,20}(?:envío|whatsapp|escríbeme|dm|pedidos)",
    r"(?:escríbeme|escribeme|mándame un (?:dm|mensaje)) (?:para|por) (?:precios|pedidos)",
    r"sígueme y te sigo", r"gagner de l'argent", r"revenus passifs",
    r"sans ordonnance[^.!?\n]{0,20}(?:livraison|whatsapp|dm)",
    r"écrivez-moi (?:pour|en privé pour) (?:commander|les prix)", r"schnell Geld verdienen", r"passives Einkommen",
    r"ohne Rezept[^.!?\n]{0,20}(?:Versand|bestellen|whatsapp|dm)", r"schreib mir (?:für|wegen) (?:Preise|Bestellungen)",
)
# Round 11 (blind12's missed spam, as concepts in nine languages): an income promised per day, week or month (with a
# currency sign on either side, "R$ 500 por dia", "3000€ die Woche", "2000€ al mese"), crypto or trading with a DM
# request, giveaway bait ("tag 3 friends", "follow + like … chance to win"), prescription medicines sold with delivery
# and a messenger, and a "doctor" who cures with herbs and a 100 % guarantee.
_MONEY = r"(?:(?:R\$|US\$|\$|€|£|₽|¥|руб\.?)\s?\d[\d.,]*(?:\s?(?:k|mil|тыс\.?))?|\d[\d.,]*(?:\s?(?:k|mil|тыс\.?))?\s?(?:R\$|\$|€|£|₽|¥|euros?|reais|dollars?|руб\w*|евро|долларов|円|元|块))"
_PERIOD = (r"(?:a|per|each|every|al|por|par|pro|am|die|im|in|il|a la|la|в|за|por semana|ao|no|nel)\s?"
           r"(?:day|week|month|día|dia|semana|mes|mês|jour|semaine|mois|Tag|Woche|Monat|giorno|settimana|mese|день|неделю|месяц|sett)")
SCAMS_ROUND11 = (
    r"(?:earn|make|ganhe|ganhar|gana|ganar|gagne[zr]?|verdiene|verdienen|guadagna(?:re)?|заработ\w*|зарабатывай\w*)\s"
    r"(?:\w+\s){0,2}" + _MONEY + r"\s?" + _PERIOD,
    r"(?:trabalhando|trabajando|travaillant|arbeiten|lavorando|работая) (?:de|desde|da|depuis|von|из) (?:casa|chez (?:vous|toi|soi)|zu ?hause|дома)[^.!?\n]{0,40}" + _MONEY,
    _MONEY + r"[^.!?\n]{0,30}(?:trabalhando|trabajando|travaillant|lavorando|работая) (?:de|desde|da|depuis|из) (?:casa|chez (?:vous|toi|soi)|дома)",
    r"(?:mit|con (?:el|il|la)?|with|avec (?:le|la)?|com|на) ?(?:krypto|crypto|trading|forex|криптовалют\w*|трейдинг\w*)\b[^.!?\n]{0,40}(?:dm|privat\w*|privé|privado|личк\w*|schreib mir|scrivimi|écris-moi|escríbeme|me chama)",
    r"krypto(?:währung\w*)?",
    r"tag (?:\d|two|three|five|your) (?:\w+ )?friends", r"for a chance to win", r"follow ?(?:\+|&|and) ?like\b",
    r"(?:etiqueta|menciona) a \d amig[oa]s", r"(?:marque|tague|marca) \d amig[oa]s", r"(?:identifie|tague|mentionne) \d amis",
    r"markiere \d (?:Freunde|Freundinnen)", r"(?:tagga|menziona) \d amici", r"отметь\w* \d (?:друз\w*|подруг\w*)",
    r"友達\d人をタグ", r"@\d(?:位|个)(?:好友|朋友)", r"(?:sorteio|sorteo|concours|Gewinnspiel|giveaway|розыгрыш)[^.!?\n]{0,40}(?:iphone|ps5|airpods|\d+ ?(?:€|\$|R\$))",
    r"(?:продам|продаю|продаём|продаем)\b[^.!?\n]{0,40}(?:без рецепта|дёшево|дешево|доставк\w*|телеграм\w*|вотсап\w*)",
    r"без рецепта[^.!?\n]{0,40}(?:доставк\w*|пишите|телеграм\w*|вотсап\w*|дёшево|дешево)",
    r"пишите (?:в )?(?:телеграм\w*|вотсап\w*|личку|лс)",
    r"sem receita[^.!?\n]{0,30}(?:entrega|whatsapp|chama|envio|pedidos)", r"senza ricetta[^.!?\n]{0,30}(?:spedizione|whatsapp|scrivimi|consegna)",
    r"処方箋(?:なし|不要)[^。!?\n]{0,20}(?:販売|発送|購入|LINE)", r"(?:无需|不用|免)处方[^。!?\n]{0,20}(?:出售|代购|包邮|加微|发货)",
    r"(?:herbal|natural|traditional) (?:oil|medicine|remedy|remedies|cure|treatment|doctor)\b[^.!?\n]{0,60}(?:cure|whatsapp|contact|guarantee)",
    r"(?:cure|cures|cured|curing) [^.!?\n]{0,30}(?:with|using) (?:my |his |her |our )?(?:herbal|natural|traditional) \w+",
    r"100 ?% (?:guarantee|guaranteed|cure|natural cure|garantizado|garanti|garantiert|garantido|garantito|гарантия)",
    r"(?:contact|message|text|reach) (?:me|us|him|her|dr\.? \w+) (?:on|via|through|at)? ?(?:whatsapp|telegram|wechat|viber)",
)
SCAMS = SCAMS + SCAMS_ROUND11
# Sales words, and amounts: a link with two sales words, or with a sales word and an amount, is spam.
SALES = (
    r"money", r"cash", r"profit", r"earn\w*", r"income", r"invest\w*", r"discount", r"promo(?: code)?", r"coupon",
    r"\d+ ?% off", r"cheap", r"sale", r"free", r"win", r"prize", r"giveaway", r"order now", r"buy now", r"shop now",
    r"limited (?:time|offer)", r"best price", r"ships? worldwide", r"order (?:at|here|today)", r"dinero", r"ganar",
    r"gratis", r"barat[oa]", r"oferta", r"descuento", r"argent",
    r"gagner", r"gratuit", r"pas cher", r"promo", r"Geld", r"verdienen", r"kostenlos", r"günstig", r"billig",
    r"Angebot", r"Rabatt",
)
AMOUNTS = (r"\$\s?\d", r"\d\s?\$", r"€\s?\d", r"\d\s?€", r"£\s?\d", r"\d+ ?%")
LINK = r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|net|org|io|xyz|shop|store|biz|info|ru|top|site|online|link|ly)/\S*"
