# ruff: noqa: E501  (cue lists in nine languages: long alternations)
"""Spam cues (EN/ES/FR/DE): scams, promotions, illegal sales of prescription medicines, engagement bait.
Regular-expression fragments without capturing groups."""

from __future__ import annotations

# Each is enough on its own.
SCAMS = (
    # phishing: credentials, accounts and "act now" threats
    r"(?:verify|confirm|update|validate|re-?enter) (?:your |the )?(?:account|password|identity|login|details|"
    r"payment|card|credentials|information)",
    r"(?:your )?(?:account|portal|profile|prescription|access) (?:is|has been|was|will be) (?:suspended|locked|"
    r"disabled|compromised|frozen|restricted|deactivated)", r"security alert", r"unusual (?:activity|sign-?in)",
    r"(?:reply|send us|dm us) (?:with )?your (?:card|password|ssn|pin|login|bank)",
    r"you(?:'ve| have)? (?:won|been selected for) (?:a |an )?(?:free|\$|prize|gift|iphone|reward|voucher|supply)",
    r"congratulations,? you(?:'ve| have)? (?:won|been selected)", r"claim (?:your (?:prize|reward|gift)|here|now)",
    r"ganhe dinheiro", r"renda extra", r"criptomoedas?", r"guadagna(?:re)? (?:soldi|\d)", r"criptovalut\w*",
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
