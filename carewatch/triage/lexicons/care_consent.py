"""UGC-consent cues (EN/ES/FR/DE): a reply granting a brand permission to reuse a post or photo, and the
refusals that cancel it. Regular-expression fragments without capturing groups."""

from __future__ import annotations

_YES_EN = r"(?:yes|yep|yeah|yup|sure|of course|absolutely|definitely|ok|okay|totally|please do|go for it|why not)"
_YES_ES = r"(?:sí|si|claro|por supuesto|vale|dale|con gusto|adelante|obvio)"
_YES_FR = r"(?:oui|bien sûr|bien sur|d'accord|ok|volontiers|avec plaisir|pas de souci|aucun problème)"
_YES_DE = r"(?:ja|klar|gerne|gern|natürlich|sicher|okay|ok|selbstverständlich|na klar)"
_GAP = r"[\s,!.:;\-]*(?:\w+[\s,!.]+){0,2}?"

GRANTS: tuple[str, ...] = (
    _YES_EN + _GAP + r"(?:you |u |y'all |you guys )?(?:can|may|are welcome to|have my permission to|have permission to)"
    r" (?:totally |definitely |absolutely )?(?:use|share|repost|feature|post|include|reshare)",
    r"(?:you have|you've got|u have) my (?:permission|consent|ok|okay|blessing)", r"permission granted",
    r"i (?:give|grant) (?:you |y'all )?(?:my )?(?:full )?(?:permission|consent)", r"i consent(?: to)?",
    r"(?:feel free|go ahead|happy for you|fine by me|fine with me|ok with me|okay with me|more than happy) "
    r"(?:to )?(?:and )?(?:use|share|repost|feature|post|reshare)",
    r"(?:share|use|repost|feature) (?:it|away|my photo|my pic|my post|my story)[,!.]? "
    r"(?:i don't mind|no problem|go ahead)",
    r"i don't mind (?:if )?(?:you )?(?:using|sharing|reposting|featuring)",
    r"(?:honou?red|flattered)[,!.]? (?:please )?"
    r"(?:share|use|repost) (?:it|away)",
    _YES_ES + _GAP + r"(?:lo |la |los |las )?(?:pueden|puedes|podéis|pueden ustedes)"
    r" (?:usar|compartir|publicar|utilizar|repostear|subir)(?:la|lo|las|los)?",
    r"(?:tienen|tienes|tenéis) mi (?:permiso|autorización|consentimiento)",
    r"(?:doy|les doy|te doy|os doy) (?:mi )?(?:permiso|autorización|consentimiento)", r"autorizo (?:el uso|a que)",
    r"(?:pueden|puedes) compartir(?:la|lo)? sin problema", r"compártanla|compártanlo|compártela|compártelo",
    _YES_FR + _GAP + r"(?:vous pouvez|tu peux)(?: la| le| les| l')? ?(?:partager|utiliser|publier|reposter|reprendre)",
    r"(?:je (?:vous |te )?donne) (?:mon |mon plein )?(?:accord|autorisation|consentement)",
    r"vous avez mon (?:accord|autorisation|feu vert)", r"j'autorise",
    r"partagez(?:-la|-le)? (?:sans problème|avec plaisir)",
    r"avec plaisir,? partagez",
    _YES_DE + _GAP + r"(?:ihr dürft|sie dürfen|du darfst|dürft ihr|dürfen sie)"
    r" (?:es |das |das Foto |mein Foto |meinen Beitrag |den Beitrag |das Bild |mein Bild )?(?:gerne |gern )?"
    r"(?:teilen|verwenden|nutzen|posten|benutzen|zeigen)",
    r"(?:ihr habt|sie haben|du hast) meine (?:Erlaubnis|Zustimmung|Einwilligung)", r"ich (?:bin )?einverstanden",
    r"ich stimme zu", r"(?:dürft|könnt) ihr gerne? (?:teilen|verwenden|nutzen|posten)", r"gerne teilen",
)
REFUSALS: tuple[str, ...] = (
    r"(?:no|nope|nah|not)[\s,!.]+(?:\w+\s+){0,2}(?:can't|cannot|can not|may not)",
    r"(?:please )?(?:don't|do not|dont) (?:use|share|repost|post|feature|reshare)",
    r"i (?:don't|do not|dont) (?:consent|agree|give (?:you )?(?:my )?permission)", r"no (?:permission|consent)",
    r"not (?:ok|okay|comfortable|happy) with (?:you )?(?:using|sharing|reposting)",
    r"(?:i'd|i would) rather (?:you )?not",
    r"(?:remove|take down) my (?:photo|post|picture|pic)", r"without my (?:permission|consent)",
    r"no (?:pueden|puedes|podéis) (?:usar|compartir|publicar)", r"no (?:compartan|usen|publiquen)",
    r"no (?:doy|les doy) (?:mi )?(?:permiso|autorización)", r"prefiero que no", r"sin mi permiso",
    r"(?:vous ne pouvez pas|tu ne peux pas|ne (?:partagez|utilisez|publiez) pas)", r"je refuse",
    r"je ne donne pas mon (?:accord|autorisation)", r"je préfère (?:pas|que non)", r"sans mon (?:accord|autorisation)",
    r"(?:ihr dürft|sie dürfen|du darfst)[^.!?\n]{0,30}nicht", r"bitte nicht (?:teilen|verwenden|posten)",
    r"ich bin nicht einverstanden", r"lieber nicht", r"ohne meine (?:Erlaubnis|Zustimmung)",
)
# Round 16: consent was read in English, Spanish, French and German only (blind17: "Podem sim usar meu depoimento e a
# minha foto no perfil de vocês" was missed); grants and refusals in Portuguese, Italian and Russian.
GRANTS = (
    *GRANTS,
    r"(?:sim|claro|pode(?:m)? sim|com certeza)?[\s,!.]*(?:vocês |voces )?(?:podem|pode) (?:sim )?(?:usar|compartilhar|"
    r"publicar|postar|divulgar) (?:o |a |meu |minha |o meu |a minha )?(?:depoimento|foto|post|relato|história|historia|"
    r"comentário|comentario|imagem)",
    r"(?:vocês têm|voces tem|têm) (?:a )?minha (?:autorização|permissão|autorizacao|permissao)",
    r"(?:eu )?autorizo (?:o uso|a publicação|vocês|voces)", r"(?:dou|damos) (?:a )?minha (?:autorização|permissão)",
    r"(?:sì|si|certo|certamente|volentieri)?[\s,!.]*(?:potete|puoi) (?:pure |tranquillamente )?(?:usar|condivider|"
    r"pubblicar|ripubblicar)(?:e|la|lo|le|li)",
    r"(?:avete|hai) il mio (?:permesso|consenso)", r"(?:do|vi do) il mio (?:permesso|consenso)", r"acconsento",
    r"можете (?:смело |спокойно )?(?:использовать|опубликовать|публиковать|поделиться|репостнуть) (?:мо\w+ )?"
    r"(?:фото|отзыв|пост|историю|рассказ|комментарий)",
    r"(?:даю|даём) (?:своё |свое )?(?:согласие|разрешение)", r"я не против",
)
REFUSALS = (
    *REFUSALS,
    r"não (?:podem|pode) (?:usar|compartilhar|publicar|postar)", r"não (?:autorizo|dou (?:a )?minha)",
    r"prefiro que não", r"sem (?:a )?minha (?:autorização|permissão)",
    r"non (?:potete|puoi) (?:usare|condividere|pubblicare)", r"non (?:do|acconsento)", r"preferisco di no",
    r"senza il mio (?:permesso|consenso)",
    r"не (?:можете|надо|нужно) (?:использовать|публиковать|делиться)", r"я против", r"не даю (?:согласи|разрешени)",
    r"без моего (?:согласия|разрешения)",
)

# The consent hashtag: #Yes followed by a capitalised word (#YesNorthwind, #YesGlucavio).
HASHTAG = r"(?<![\w#])#(?-i:Yes[A-Z][A-Za-z0-9]{2,})(?!\w)"
