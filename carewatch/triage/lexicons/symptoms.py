"""Lay adverse-event vocabulary: how people write about feeling bad, per language (en, es, fr, de).

Written for Carewatch from general knowledge of how patients talk (slang, misspellings, emphasis);
no MedDRA (licensed) and no terms mined from research data sets. Syntax: see ``_util.terms``.

``SYMPTOMS``: things that happen to a body or mind (nausea, rash, can't sleep).
``PSEUDO``: phrases that contain a symptom word but are not a symptom ("sick of", "tired of",
"high school"); a symptom match inside one is dropped.
"""

from __future__ import annotations

from carewatch.triage.lexicons._util import terms

EN = terms("""
# round 11 (blind12): food that will not stay down, a cold or infection that will not go
can't keep anything down | cant keep anything down | can't keep food down | cant keep food down
cold i can't shake | cold i cant shake | can't shake this cold | can't shake this cough
keep getting sick | always getting sick | sick all the time
# stomach and gut
nause* | nausous | nasea | nausia | nasuea | nuasea | nauseus | queasy | queezy | quesy | sick to my stomach
feel sick | feeling sick | felt sick | feels sick | so sick | really sick | very sick | sick all day | sick as a dog
vomit* | vommit* | vomming | puke* | puking | puked | pukey | throw up | throwing up | threw up | thrown up
throwin up
barf* | hurl* | upchuck | dry heav* | retch* | chuck* up | spewing | spew
stomach ache* | stomachache* | stomach pain* | stomach cramp* | stomach hurts | stomach is killing me | tummy ache*
tummy hurts | belly ache* | bellyache* | abdominal pain | cramp* | upset stomach | stomach upset | stomach issues
stomach problems | stomach is messed up | stomach bug | indigestion | heartburn | acid reflux | reflux | gerd
diarrh* | diarea | diarhea | diarreah | the runs | the shits | loose stool* | watery stool* | shitting
pooping constantly
constipat* | can't poop | cant poop | can't go to the bathroom | bloat* | gassy | gas pain* | farting | farts
flatulen* | burping | belching | burps | bad taste in my mouth | metallic taste | taste weird | tastes weird
lost my sense of taste | lost my taste | loss of taste | no appetite | lost my appetite | loss of appetite
lose my appetite | not hungry | never hungry | zero appetite | can't eat | cant eat | couldn't eat | appetite gone
starving | always hungry | so hungry | constantly hungry | hungry all the time | munchies | can't stop eating
cant stop eating | eating everything | increased appetite | appetite increase | appetite is crazy | binge eating
dry mouth | cotton mouth | cottonmouth | mouth is dry | drooling | sore throat | mouth ulcer* | mouth sores
canker sore* | swollen tongue | tongue swelling | gums bleeding | bleeding gums | pancreatitis | gallstone*
# head and nerves
headache* | head ache* | hedache* | headach | head hurts | head is killing me | head is pounding | pounding head
splitting head* | throbbing head | migrain* | migrane* | head is spinning | head spinning | head feels heavy
dizz* | dizy | dizzie* | lightheaded* | light headed* | light-headed* | woozy | wobbly | vertigo | room spinning
room is spinning | off balance | lost my balance | balance is off | faint* | fainted | passed out
passing out | pass out | blacked out | black out | blackout* | blacking out | seizure* | convuls*
tremor* | trembl* | shakey | shaky | jitter* | jittery | spasm* | muscle spasm*
jerking | restless leg* | restless legs | rls | akathisia | can't sit still | cant sit still | fidget*
tingl* | pins and needles | burning sensation | electric shock* | brain zap* | brain shiver* | zaps
brain fog | brainfog | foggy | can't think | cant think | can't think straight | can't focus | cant focus
can't concentrate | cant concentrate | trouble concentrating | memory loss | memory problems | forgetful*
forgetting things | forget everything | can't remember | cant remember | confus* | disoriented | spaced out
spacey | spacy | spaced | out of it | zoned out | zombie* | zombified | like a zombie | slurr* | slurred speech
can't talk | stuttering | stutter* | tongue tied | neuropath* | nerve pain | pins & needles | speech problems
# sleep and energy
insomnia* | insomniac | can't sleep | cant sleep | can not sleep | cannot sleep | couldn't sleep | couldnt sleep
could not sleep | can't fall asleep | unable to sleep | not sleeping | didn't sleep | didnt sleep | no sleep
nosleep | sleepless* | awake all night | up all night | wide awake | been awake | still awake | can't stay asleep
waking up | wake up every | woke up | keep waking up | trouble sleeping | sleep problems | sleeping problems
sleep all day | sleeping all day | slept all day | sleep 24/7 | sleeping 24/7 | slept for | oversleep* | can't wake up
cant wake up | couldn't wake up | couldnt wake up | hard to wake up | can't get up | knocked out | knocked me out
knocks me out | knock me out | knocked on my ass | out cold | passed out cold | sleepy | sleepie* | so sleepy
drows* | groggy | groggie* | hungover | hangover | hang over | sedat* | lethargic | lethargy | sluggish | fatigue*
fatigu* | tired | so tired | exhausted | exhaustion | exausted | wiped out | drained | no energy | zero energy
low energy | lack of energy | worn out | knackered | weak | weakness | feel weak | feeling weak | heavy eyes
yawn* | nightmare* | night terror* | bad dream* | weird dream* | crazy dream* | vivid dream* | strange dream*
messed up dreams | intense dreams | sleep walk* | sleepwalk* | sleep talking | sleep eating | sleep texting
sleep paralysis | restless sleep | sleep is messed up | sleep schedule is messed up | wired | tweaking | tweakin
buzzed | hyper | can't calm down | cant calm down | racing thoughts | mind racing | mind is racing
# mood and mind
anxi* | anxious | panic* | panic attack* | paranoi* | paranoid | on edge | nervous wreck | nervous | jumpy
freaking out | freak out | freaked out | depress* | depresed | suicid* | sad all the time | crying | cried
tearful | weepy | emotional | emotionless | no emotions | can't feel anything | cant feel anything | feel nothing
feel empty | empty inside | numb inside | blunted | apath* | unmotivated | no motivation | don't care about anything
mood swing* | moody | irritab* | irritated | agitat* | angry | anger | rage | raging | snappy | snapping at
aggressive | aggression | violent | bitchy | cranky | grumpy | hostile | mania | manic | hypomani*
psychos* | psychotic | hallucinat* | halucinat* | seeing things | hearing things | hearing voices | delusion*
delirious | delirium | tripping | trippin | trippy | high as a kite | so high | feel high | feeling high | got me high
stoned | loopy | loopey | feel drunk | feeling drunk | going crazy | losing my mind
lost my mind | mental breakdown | breakdown | meltdown | not myself | don't feel like myself
dont feel like myself | not feeling myself | personality change* | dissociat* | derealization | depersonalization
unreal | detached | disconnected | feel weird | feeling weird | felt weird | feel strange | feel funny
feeling funny | feel off | feeling off | feel awful | feeling awful | felt awful | feel terrible | feel horrible
feeling horrible | feel like shit | feel like crap | feel like death | feel like dying | feel like i'm dying
feel like garbage | feel like trash | feel like hell | feeling like shit | feeling like crap | feeling like death
felt like death | felt like shit | like death | like shit | like crap | like hell | like garbage | like a truck hit me
hit by a truck | run over by a truck | wrecked | messed me up | messed up | fucked up | fucked me up | screwed up
screwed me up | ruined my | ruining my | killing me | destroyed me | awful | horrible | terrible | miserable
sick | unwell | ill | poorly
compulsive | compulsion* | obsess* | impulsive | gambling | urges | cravings | craving* | addict* | dependen*
hooked on | withdrawal* | withdrawl* | withdrawals | withdrawls | withdrawing | discontinuation syndrome
cold turkey | detox* | rebound | comedown | crash* | crashing | dope sick | dopesick | jonesing
# sexual and hormonal
libido | sex drive | no sex drive | low sex drive | lost my sex drive | sexual side effect* | erectile* | impoten*
can't get it up | cant get it up | can't get hard | can't orgasm | cant orgasm | can't climax | cant climax
can't finish | cant finish | anorgasmi* | delayed ejaculation | no orgasm | breasts grew | breast pain
breast tender* | lactat* | milk coming out | missed period | no period | heavy period* | spotting
irregular period* | cycle is messed up | bleeding | breakthrough bleeding | hot flash* | hot flush* | flushing
flushed | night sweats | swet* | sweaty | clammy | chills | shiver* | cold sweats
# weight and metabolism
weight gain | gained weight | gain weight | gaining weight | put on weight | putting on weight | put on pounds
gained pounds | gained lbs | gained kg | gained stone | packed on | wait gain | weight gane | got fat | getting fat
gotten fat | made me fat | making me fat | so fat | fatter | chubby | ballooned | blew up | weight loss | lost weight
losing weight | lose weight | dropped weight | dropped pounds | skinny | too thin | sugar spike*
sugar crash | hypo | hypos | low sugar | sugar low | sugars dropped | hyperglyc* | hypoglyc* | cholesterol went up
swelling | swollen | puffy | bloated face | moon face | water retention | retaining water
edema | oedema | cankles | fluid retention
# skin, hair, eyes, ears
rash* | rashes | hives | welts | itch* | itchy | itchie* | itchin | scratching | breakout* | broke out | breaking out
acne | pimple* | zits | blisters | blister* | peeling | peel* | dry skin | skin is dry | skin is peeling
skin burning | sunburn* | burns easily | photosensitiv* | sensitive to the sun | red skin | redness | red face
flushed face | bruis* | bruise | blotch* | discolor* | yellow skin | jaundice* | yellow eyes | hair loss
hair falling out
hair is falling out | losing hair | losing my hair | lost my hair | hair fell out | hair thinning | thinning hair
balding | hair growth | hairy | hair everywhere | nails breaking | brittle nails | blurry | blurr* | blurred
blurry vision | vision is blurry | vision problems | can't see | cant see | double vision | seeing double
seeing spots
eye pain | eyes hurt | dry eyes | eyes are dry | red eyes | swollen eyes | eyes swollen | puffy eyes | light sensitive
ringing in my ears | ears ringing | ears are ringing | tinnitus | hearing loss | can't hear | ear pain | ear ache
nosebleed* | nose bleed* | bloody nose | nose is bleeding | stuffy nose | runny nose | congest* | sneez*
# heart, lungs, blood
heart racing | heart is racing | racing heart | heart rate | heart pounding | heart is pounding | pounding heart
palpitat* | heart flutter* | fluttering | skipped beat* | skipping beats | irregular heartbeat | heart beating fast
heart beating out of my chest | tachycard* | arrhythm* | afib | a-fib | chest pain* | chest tight* | tight chest
chest hurts | chest pressure | short of breath | shortness of breath | out of breath | breathless* | can't breathe
cant breathe | couldn't breathe | couldnt breathe | hard to breathe | trouble breathing | breathing problems
struggling to breathe | wheez* | cough* | coughing | asthma attack | bp went up | high bp
low bp | bp dropped | blood pressure dropped | blood pressure went up | bleeding | blood clot*
dvt | low platelets | anemi* | anaemi* | infection* | infected | uti | yeast infection | thrush | cold sores
fever* | feverish | high temp | flu like | flu-like | flu symptoms | like the flu
# muscles, joints, bones, pain
muscle pain* | muscle ache* | aching | ache* | achey | achy | aches and pains | body aches | body ache | sore
soreness
hurt* | hurts | painful | painfull | agony | agonizing | excruciating | throbbing | burning
joint pain* | joints hurt | joints ache | stiff* | stiff joints | back pain | backache | back hurts | neck pain
leg pain | legs hurt | arm pain | arm hurts | sore arm | shoulder pain | knee pain | feet hurt | foot pain
tendon* | tendonitis | tendinitis | achilles | ruptured | rupture | torn tendon | cramping | leg cramps
charley horse
weak legs | legs feel heavy | jelly legs | can't walk | cant walk | couldn't walk | couldnt walk | can barely walk
could barely walk | can't move | cant move | couldn't move | paralyz* | paralys* | crippled | bedridden | bed ridden
clenching | clench* | jaw clench* | grinding my teeth | teeth grinding | grinding teeth | lockjaw | jaw pain
bruxism | teeth hurt | toothache | tooth ache
# bladder, kidney, liver
can't pee | cant pee | peeing constantly | peeing all the time | pee a lot | frequent urination | urinat*
incontinen*
wet the bed | wetting the bed | bedwetting | bed wetting | kidney pain | liver enzymes | dark urine
blood in my urine | blood in urine | blood in stool | bloody stool | black stool
# injection site and allergy
injection site | site reaction | sore at the injection | lump at the injection | red lump
allerg* | allergic | alergic | alergy | allergic reaction | bad reaction | reaction | reacted | reacting
anaphyla* | swelling in my throat | throat closing | throat swelling | throat swelled | lips swelling | swollen lips
lip swelling | face swelling | face swelled | swollen face | tongue swelled
# generic lay outcomes
side effect* | sideeffect* | side-effect* | side affect* | side efect* | sideaffect* | s/e | adverse effect*
adverse reaction* | adverse event* | after effect* | aftereffect* | made me sick | make me sick | makes me sick
making me sick | got sick | getting sick | became ill | went to the doctor | saw my doctor | called my doctor
doctor took me off | took me off | had to stop | had to stop taking | had to come off | stopped taking it because
can't tolerate | cant tolerate | couldn't tolerate | intoleran* | didn't agree with me | doesn't agree with me
disagrees with me | reacted badly | reacted to | bad trip | overdos* | od'd | od'ed
# added / narrowed forms
voms | withdraw* | horrid | horrific | stay up longer | couldn't stay up | could not stay up | can't stay up
feel shitty | feeling shitty | felt shitty | gastro issues | gastro problems | gi issues | gi problems | gi upset
high | higher than a kite | sad | sadness | upset | lonely | hopeless | worthless | empty | lost interest
zero motivation | lazy | itching | throbbing | racing | pounding | asleep | fell asleep | falling asleep | nap | naps
napping | forgot | forgetting | brain dead | derp | dopey | dazed | daze | stupor | hurt me | hurting me | affects my
affected my | affecting my | messing up my | screwing up my | fucking with | fucks with | fucks me up | fucked with
detoxing | sick without | without my | zooted | faded | gone | can't stop | cant stop | couldn't stop | horny
no desire | feel gross | feeling gross | crazy | going nuts | hell | evil | poison | the devil | attack | attacks
weird | strange | funny feeling | off my game | not myself | rough day | rough night | rough morning | bad day
bad night | sleepless | zonked | wrecked | drowsy | shaking | sweating | peeing | pissing | numbness
hallicunat* | halucinat* | hallucanat* | hallucinat* | hitting me | hits me | hit me like | knocks him | knocks her
knocked him | knocked her | knocks me | knocks you | turned me | all flat | zonk* | haze | takes away all | tiredness
red patch | red mark | red spot | red bump | red welt | nod out | nods out | dying | see double | making my
tender | tenderness | red and swollen | bumps | hungry | hungrier | hunger | sense of taste | can't feel my
cant feel my | couldn't feel my | dehydrat* | somnolen* | floating | highasakite | psychedelic | yuck | throw it up
threw it up | throw them up | backed up | jacked up | not fun | no fun | choking | choke | choked
# clinical words patients also use
osteonecrosis | esophagitis | oesophagitis | hyponatremia | hypokalemia | gynecomastia | gynaecomastia
tardive dyskinesia | tardive | dyskinesia | dyskonesia | extrapyramidal | neutropenia | thrombocytopenia
hepatotoxicity | heptotoxicity | nephrotoxicity | ototoxicity | cardiotoxicity | qt prolongation | long qt | torsades
serotonin syndrome | rhabdo | rhabdomyolysis | myopathy | peripheral neuropathy | lactic acidosis | ketoacidosis | dka
colitis | c diff | c. diff | cdiff | candida | alopecia | photosensitivity | urticaria | pruritus | erythema
dyspepsia | dysgeusia | xerostomia | somnolence | hypotension | hypertension | bradycardia | syncope | diplopia
mydriasis | hyperprolactinemia | prolactin | galactorrhea | amenorrhea | menorrhagia | urinary retention
kidney stones | gout flare | cholestasis | leukopenia | aplastic anemia | lymphoma | tuberculosis | pneumonia
pml | herpes zoster | fractures | fracture | tendinopathy | tendon rupture | aortic aneurysm | heart failure
angioedema | photosensitive | ocd | tics | ototoxic | neurotoxic* | toxicity | toxic | poisoning | poisoned
wire me up | wires me up | wired me up | wired up | don't eat | dont eat | not eating | stopped eating | didn't eat
didnt eat | forget to eat | forgot to eat | wdrawals | w/d | wds | off my tits | off my face | off my head
out of my mind | out of my head | beat fast | beating fast | heart beat fast | heart beats fast | ouch | harmed my
damaged my | damage to my | destroyed my | decimated my | priapism | shingles | kills ur | kills my | killing my
kill my | mind races | messes you up | messes me up | messed you up | messes u up | shakyhands | shaky hands | a buzz
one hell of a buzz | buzzed | buzzing | eyesight | my vision | vision went | whacks me out | whacked me out
whacked out | wacked out | half asleep | can't cum | cant cum | couldn't cum | can't come | through hell | thru hell
walking dead | jolting | jolts | rocking | got so big | got big | getting big | got huge | hit hard | hits hard
hit me hard | hitting me hard | ravenous | everything in sight | lowering my blood sugar | lowered my blood sugar
raised my blood sugar | spiked my blood sugar | blood sugar spike* | blood sugar drop* | blood sugar crash*
hyperventilat* | restless* | keep me awake | keeps me awake | kept me awake | keeping me awake | keep me up
keeps me up | kept me up | keeping me up | awake for days | up for days | stay awake | staying awake | stayed awake
awake | still up | not feeling good | not feeling well | don't feel good | dont feel good | don't feel well
dont feel well | not well | feel bad | feeling bad | felt bad | feel so bad | zaps my energy | zapped | zaps me
sapped | saps my | nodding off | nod off | nodded off | nodding | can't keep my eyes open | cant keep my eyes open
dead to the world | comatose | catatonic | vegetable | veg | brain farts | brain is slow | dumb | stupid | slow
talk a mile a minute | talking fast | chatty | talkative | can't shut up | cant shut up | drenched | soaked
so thirsty | thirsty | dehydrated | cantsleep | sideeffects | sideeffect | weightgain | hairloss | drymouth
nightsweats | noappetite | nohunger | insomniac | glued to the couch | glued to the bed | couch | in bed all day
stayed in bed | bed all day | no luck | hangry | moody af | emotional af | on the verge of tears | in tears
did a number on | screws me up | screwed me up | screws with | screwing with | messes with | messing with
messed with | not agreeing with | not agreeing with me | yucky | burns | burned | burn | burnt | exacerbat* | worsen*
made it worse | makes it worse | made things worse | slept for | hrs straight | hours straight | slept 10 | slept 12
slept 14 | slept 15 | slept 16 | slept through | exhausting | aftertaste | after taste | dark place | turnt | high off
wasted | under the influence | lightweight | foggy brain | withdraw | withdrawing from | hard to get off
hard to come off | impossible to get off | nasty | disgusting | tastes disgusting | looks disgusting | messed up
ruined | ruins | wrecks | wrecked me | zonked | zonked out | bombed | trashed | high as hell | high af | so dry
driest | tolerance | no immune | immune system | holes in my head | can't function | cant function | couldn't function
knocked | knocked me on my butt | knocked me on my ass | knocked on my butt | spazzing | spazzing out | spazzed
hair falls out | hair falls off | hair is falling | hair coming out | hair came out | slur | slurring | slur my words
no feelings | no feelings at all | no feeling | takes away my appetite | took away my appetite | kills my appetite
killed my appetite | killing my appetite | no hunger | takes away your hunger | gain a lot of weight | weight gaining
gain alot of weight | weight-gaining | fatness | gained a stone | stone heavier | pounds heavier | need to sleep
toothaches | boobs huge | boobs bigger | breasts bigger | drunk | couldn't orgasm | could not orgasm | not orgasm
nose is dripping | nose dripping | head feels | feels funny | feels weird | feels all funny | grinds | grind my teeth
grinding | dreams | dreaming | don't want to get up | can't get out of bed | cant get out of bed | haven't slept
havent slept | haven't eaten | havent eaten | haven't ate | havent ate | brain is fried | brain fried | brain is mush
brain melting | brain is melting | tweaked | tweakin | tweeking | tweekin | felt like dying | feeling like dying
felt like i was dying | digestive issues | digestive problems | no strength | lost my strength | stinging | stings
the sting | too high | passes out | feel worse | feeling worse | felt worse | feels worse | worse
tics | shaky | shakey | shaking | the shakes | shakes | jerking | jerks | bald | lump | lumps | welts | puffy
puffiness | swelling | swollen | swelled | pain | pains | painful | painfull | numb | numbness | numbing
twitching | twitches | twitchy | cry | crying | cries | cried | emotionally flat | feel flat | going crazy | sweats
sweating | sweaty | sweated | the sweats | flushing | flushed | liver damage | liver problems | kidney problems
kidney damage | stabbing pain | bleeding | bled | bleeds | blood clot | blood clots | bp spiked
blood pressure spiked | blood pressure is up | blood pressure went up | blood pressure dropped | sugar went up
sugars went up | comedown | missed period | no period | heavy periods | irregular periods | period is late
boobs grew
abscess* | fistula* | new lesions | iritis | bloody mucus | mouth taste* | knocking the crap out of me
kicking my ass | kicking my butt | taking a toll on me | took a toll on me | didn't sit well | didnt sit well
doesn't sit well | doesnt sit well | doesn't agree with me | didn't agree with me | robbed me of | spaced me out
space me out | spaces me out | put me to sleep | puts me to sleep | carb cravings
""")

ES = terms("""
# ronda 11
no retengo nada | no me queda nada en el estómago | herpes | herpes zóster | culebrilla
un resfriado que no se me quita
# estómago
náusea* | nausea* | nauseas | nauseabund* | ganas de vomitar | mareo* | mareada | mareado | mariado
mariada | vómito* | vomito* | vomit* | vomitando | vomité | vomite | devolv* | devolvi | devolviendo | arcada*
dolor de estómago | dolor de estomago | dolor de panza | dolor de barriga | dolor de tripa | dolor abdominal
me duele la panza | me duele el estómago | me duele el estomago | me duele la barriga | retortijon* | retortijón
cólico* | colico* | acidez | agruras | reflujo | ardor de estómago | ardor de estomago | indigestión | indigestion
empacho | diarrea* | diarea | diarrhea | cagalera | suelto del estómago | estreñ* | estrenimiento | estreñida
estreñido | no puedo ir al baño | hinchazón | hinchazon | hinchad* | inflamad* | inflamación | inflamacion | gases
flatulencia* | eructos | sabor metálico | sabor metalico | mal sabor de boca | sin apetito | sin hambre
no tengo hambre | perdí el apetito | perdi el apetito | pérdida de apetito | perdida de apetito | no puedo comer
mucha hambre | hambre todo el tiempo | ansiedad por comer | boca seca | sequedad de boca | llagas en la boca
aftas | pancreatitis
# cabeza y nervios
dolor de cabeza | dolores de cabeza | dolor de cabesa | me duele la cabeza | me duele mucho la cabeza | cefalea*
jaqueca* | migraña* | migrana* | mareos | vértigo* | vertigo* | todo me da vueltas | me da vueltas la cabeza
desmay* | me desmayé | me desmaye | perdí el conocimiento | perdi el conocimiento | convulsi* | ataque epiléptico
temblor* | tembl* | tiemblo | tiritando | espasmo* | calambre* | hormigueo* | entumecimiento | entumecid*
adormecimiento | adormecid* | corrientazo* | descargas eléctricas | calambres en el cerebro | niebla mental
no puedo pensar | no me puedo concentrar | no puedo concentrarme | falta de concentración | pérdida de memoria
perdida de memoria | olvidadiz* | confusión | confusion | confundid* | desorientad* | atontad* | zombi
zombie | como zombi | como un zombie | embotad* | no puedo hablar | tartamude*
# sueño y energía
insomnio | no puedo dormir | no pude dormir | no logro dormir | no duermo | no he dormido | sin dormir
desvelad* | desvelo | me despierto | despierto toda la noche | no pego ojo | no pegué ojo | no pegue ojo
somnolencia | somnolient* | soñolient* | sueño todo el día | sueno todo el dia | mucho sueño | mucho sueno
me da sueño | me da mucho sueño | duermo todo el día | adormilad* | cansancio | cansad*
agotad* | agotamiento | fatiga | fatigad* | sin energía | sin energia | sin fuerzas | debilidad | débil | debil
flojera | pesadilla* | sueños raros | sueños extraños | sueños vívidos | suenos raros | sonambul* | acelerad*
# ánimo y mente
ansiedad | ansios* | angustia | angustiad* | ataque de pánico | ataques de pánico | ataque de panico | pánico
panico | nervios* | nerviosismo | paranoi* | depresi* | deprimid* | triste | tristeza | ganas de llorar
llorando | lloro | lloré | llore | suicid* | ganas de morir | quiero morirme | me quiero morir | pensamientos suicidas
cambios de humor | cambios de ánimo | irritable | irritabilidad | agresiv* | rabia | enojad* | de mal humor
mal humor | apatía | apatia | sin ganas de nada | insensible | alucinacion* | alucinación
alucinando | alucino | veo cosas | oigo voces | delirio* | delirando | psicosis | psicótic* | manía | mania | euforia
drogad* | como borracho | como borracha | me siento rar* | me siento extrañ*
me siento fatal | me siento mal | me sentí mal | me senti mal | me sienta mal | me sentó mal | me sento mal
me siento horrible | me siento terrible | me siento fatal | fatal | malísim* | malisim* | hecho polvo | hecha polvo
hecho mierda | hecha mierda | como una mierda | me dejó fatal | me dejo fatal | me dejó hecha polvo | no soy yo
no me siento yo | abstinencia | síndrome de abstinencia | sindrome de abstinencia | adicci* | dependencia
enganchad*
# sexo, hormonas
libido | deseo sexual | sin deseo sexual | disfunción eréctil | disfuncion erectil | impotencia
no tengo ganas de sexo
no llego al orgasmo | anorgasmia | menstruaci* | sangrado* | manchado | sofoco* | bochorno* | sudor*
sudando | sudoración | sudoracion | sudores nocturnos | escalofrío* | escalofrio*
# peso
subí de peso | subi de peso | aumento de peso | subir de peso | engord* | gané peso | gane peso | kilos de más
kilos de mas | he ganado peso | bajé de peso | baje de peso | pérdida de peso | perdida de peso | adelgac*
adelgaz* | azúcar baja | azucar baja | hipoglucemia | hiperglucemia | retención de líquidos | retencion de liquidos
# piel, pelo, ojos, oídos
sarpullido* | erupción | erupcion | erupciones | ronchas | roncha | urticaria | picor* | picazón | picazon | comezón
comezon | me pica | me pican | granos | granitos | acné | acne | ampolla* | descamaci* | piel seca | piel roja | rojez
enrojecimiento | moretones | moretón | moraton* | morados | hematoma* | piel amarilla | ojos amarillos | ictericia
caída del pelo | caida del pelo | caída de pelo | caida de pelo | se me cae el pelo | se me cae el cabello
pérdida de cabello | perdida de cabello | calvicie | visión borrosa | vision borrosa | veo borroso | veo doble
no veo bien | ojos secos | ojos rojos | ojos hinchados | zumbido en los oídos | zumbido en los oidos
pitido* | acúfeno*
acufeno* | sangrado de nariz | sangre por la nariz | hemorragia nasal | congestión | congestion | estornud*
# corazón, pulmones, sangre
taquicardia* | palpitacion* | palpitación | el corazón acelerado | corazón acelerado | corazon acelerado
el corazón a mil | corazon a mil | arritmia* | dolor en el pecho | dolor de pecho | opresión en el pecho
falta de aire | me falta el aire | me ahogo | ahogo | no puedo respirar | dificultad para respirar | tos | tosiendo
presión alta | presion alta | presión baja | presion baja | me subió la presión | me bajó la presión | coágulo*
coagulo* | trombosis | anemia | infección | infeccion | infecciones | fiebre* | calentura | febrícula | febricula
gripe | síntomas de gripe | sintomas de gripe | como una gripe | malestar* | malestar general
# músculos, huesos, dolor
dolor* | duele | me duele | me dolía | me dolia | dolía | adolorid* | dolorid* | dolor muscular | dolores musculares
dolor de huesos | dolor de articulaciones | dolor articular | me duelen las articulaciones | me duelen los huesos
dolor de espalda | me duele la espalda | dolor de piernas | me duelen las piernas | dolor en el brazo
me duele el brazo | rigidez | tendinitis | tendón | tendon | rotura | no puedo caminar | no puedo andar
no puedo moverme | paralizad* | parálisis | paralisis | rechinar los dientes | apretar la mandíbula
dolor de mandíbula | dolor de muelas
# riñón, vejiga
no puedo orinar | orino mucho | orina oscura | incontinencia | me hago pis | sangre en la orina | riñones | hígado
higado | transaminasas
# reacción, alergia
reacción | reaccion | reacciones | reacción alérgica | reaccion alergica | alergia* | alérgic* | alergic* | anafila*
se me hinchó la cara | se me hincho la cara | se me hinchó la garganta | se me cierra la garganta | labios hinchados
cara hinchada | lengua hinchada | bulto en la zona | zona de inyección | zona de la inyeccion
# genéricos
efecto secundario | efectos secundarios | efectos colaterales | efecto colateral | efectos adversos
efecto adverso | reacción adversa | reacciones adversas | reaccion adversa | me sentó fatal | me cayó mal
me cayo mal
me hizo daño | me hace daño | me hizo mal | me hace mal | me enfermó | me enfermo | tuve que dejarlo
tuve que dejar de tomar | no lo tolero | no lo toleré | intolerancia | me puse mal | me puse malo | me puse mala
me dio de todo | sobredosis
# added / narrowed forms
tengo el mono | con el mono | tics | olvidadiz* | como borracho | como borracha | mareada | mareado
dormida todo el día | dormido todo el día | dormida todo el dia | dormido todo el dia | no me baja la regla
me bajó la regla dos veces | retraso de la regla | sin regla | bulto en el brazo
""")

FR = terms("""
# tour 11
je ne garde rien | je ne garde rien dans l'estomac | zona | herpès | un rhume qui ne passe pas
# estomac
nausée* | nausee* | nausées | nausees | nosées | nauséeu* | nauseeu* | envie de vomir | haut-le-cœur | haut le coeur
mal au cœur | mal au coeur | écœur* | ecoeur* | vomi* | vomissement* | vomir | vomis | gerbe | gerber | gerbé
dégueul* | degueul* | mal au ventre | mal à l'estomac | mal a l'estomac | maux d'estomac | maux de ventre
douleur* abdominale* | crampe* d'estomac | crampe* | brûlure* d'estomac | brulure* d'estomac | aigreur* | reflux
indigestion | diarrhée* | diarrhee* | diarée | la courante | chiasse | constipé* | constipe* | constipation
ballonné* | ballonne* | ballonnement* | gonflé* | gonfle* | gaz | flatulence* | rots | goût métallique
gout metallique | mauvais goût | plus d'appétit | plus d'appetit | perte d'appétit | perte d'appetit
pas faim | aucun appétit | coupe-faim | coupe la faim | faim tout le temps | toujours faim | fringale* | grignote
bouche sèche | bouche seche | sécheresse buccale | aphte* | pancréatite | pancreatite
# tête et nerfs
mal de tête | mal de tete | mal à la tête | mal a la tete | maux de tête | maux de tete | céphalée* | cephalee*
migraine* | la tête qui tourne | la tete qui tourne | tête qui tourne | tete qui tourne | vertige* | étourdi*
etourdi* | tournis | malaise* | évanoui* | evanoui* | je suis tombé dans les pommes | tombée dans les pommes
tombé dans les pommes | perte de connaissance | convulsion* | crise d'épilepsie | crise d'epilepsie | tremblement*
trembl* | spasme* | secousse* | fourmillement* | picotement* | engourdi* | décharges électriques
decharges electriques | brain zaps | brouillard | cerveau embrumé | tête dans le brouillard | du mal à me concentrer
du mal a me concentrer | je n'arrive pas à me concentrer | troubles de la concentration | pertes de mémoire
perte de mémoire | perte de memoire | trous de mémoire | trous de memoire | oublis | confus | confuse | confusion
désorienté* | desoriente* | dans le coltar | dans le gaz | zombie | comme un zombie | ralenti* | shooté* | shoote*
# sommeil, énergie
insomnie* | je n'arrive pas à dormir | je n'arrive pas a dormir | j'arrive pas à dormir | j'arrive pas a dormir
impossible de dormir | impossible de m'endormir | pas dormi | pas fermé l'œil | pas ferme l'oeil | nuit blanche
nuits blanches | réveillé* la nuit | reveille* la nuit | je me réveille | somnolence* | somnolent* | endormi*
je dors tout le temps | je dors toute la journée | envie de dormir | assommé* | assomme* | dans les vapes
fatigue* | fatigué* | crevé* | creve* | épuisé* | epuise* | épuisement | epuisement | claqué* | vidé*
sans énergie | sans energie | plus d'énergie | plus d'energie | faiblesse | faible | cauchemar* | rêves bizarres
reves bizarres | rêves étranges | rêves intenses | somnambul* | surexcité* | speedé* | énervé* | enerve*
# humeur
anxiété | anxiete | anxieu* | angoiss* | crise d'angoisse | crises d'angoisse | attaque de panique
attaques de panique | panique | stressé* | stresse* | nerveu* | paranoï* | parano | déprim* | deprim* | dépression
depression | triste | tristesse | envie de pleurer | je pleure | pleure tout le temps | pleurs | suicid*
idées noires | idees noires | envie de mourir | sautes d'humeur | saute d'humeur | irritable* | irritabilité
irritabilite | agressi* | colère | colere | énervement | enervement | apathi* | plus envie de rien
vide intérieur | émoussé* | hallucination* | j'hallucine | voir des choses | entendre des voix | délire* | delire*
psychose | manie | maniaque | euphori* | comme bourré | défoncé* | defonce*
je me sens bizarre | je me sens mal | je me suis senti mal | je me sentais mal | sensation bizarre | pas bien
pas dans mon assiette | mal foutu* | patraque | vaseu* | nauséeuse | à plat | a plat | au bout du rouleau
je me sens horrible | ça m'a détruit | ca m'a detruit
je ne suis plus moi-même | plus moi-même | sevrage | syndrome de sevrage | en manque | accro | dépendan*
dependan* | addiction
# sexe, hormones
libido | baisse de libido | plus de libido | troubles de l'érection | dysfonction érectile | dysfonction erectile
impuissan* | pas d'orgasme | anorgasmie | saignement* | spotting | bouffée* de chaleur
bouffee* de chaleur | bouffées de chaleur | sueur* | transpir* | sueurs nocturnes | frisson* | frissons
# poids
prise de poids | pris du poids | kilos en plus | grossi* | j'ai grossi | perte de poids | perdu du poids
maigri* | j'ai maigri | hypoglycémie | hypoglycemie | hypo | hyperglycémie | rétention d'eau | retention d'eau
# peau, cheveux, yeux, oreilles
éruption* | eruption* | boutons | plaques rouges | urticaire | démangeaison* | demangeaison*
ça gratte | ca gratte | ça me gratte | je me gratte | prurit | rougeur* | acné | acne | cloque* | ampoule*
peau sèche | peau seche | desquamation | peau qui pèle | bleus | des bleus | hématome* | hematome* | jaunisse
ictère | chute de cheveux | chute des cheveux | je perds mes cheveux | perte de cheveux | cheveux qui tombent
mes cheveux tombent | calvitie | vision floue | vue trouble | vue floue | je vois flou | vision double
yeux secs | yeux rouges | yeux gonflés | acouphène* | acouphene* | bourdonnement* | sifflement* dans les oreilles
saignement de nez | saignements de nez | je saigne du nez | nez qui coule | éternu* | eternu* | congestion
# cœur, poumons, sang
tachycardie* | palpitation* | cœur qui bat vite | coeur qui bat vite | le cœur qui s'emballe | coeur qui s'emballe
cœur qui s'emballe | arythmie* | douleur* thoracique* | douleur dans la poitrine | mal à la poitrine
mal a la poitrine | oppression | essoufflé* | essouffle* | essoufflement | souffle court | du mal à respirer
du mal a respirer | je n'arrive pas à respirer | j'arrive plus à respirer | difficulté* à respirer | toux | je tousse
hypertension | hypotension | caillot* | phlébite | phlebite | thrombose | anémie | anemie | infection*
fièvre* | fievre* | température | temperature | syndrome grippal | état grippal | etat grippal | comme une grippe
grippe | courbature* | courbaturé*
# muscles, douleurs
douleur* | douloureu* | j'ai mal | mal partout | ça fait mal | ca fait mal | mal au dos | mal aux jambes
mal aux articulations | douleurs articulaires | douleurs musculaires | mal aux muscles | crampes | raideur*
tendinite* | tendon* | je ne peux plus marcher | je n'arrive plus à marcher | paralys* | grincement*
je grince des dents | mâchoire serrée | mal aux dents | mal de dents
# reins, vessie
je n'arrive pas à uriner | envie d'uriner | uriner souvent | urine foncée | incontinence | sang dans les urines
transaminases
# réaction, allergie
réaction | reaction | réactions | reactions | réaction allergique | reaction allergique | allergi* | anaphyla*
œdème | oedeme | visage gonflé | visage gonfle | lèvres gonflées | levres gonflees | gorge qui gonfle
la gorge serrée
gonflement* | point d'injection | site d'injection | boule au point
# génériques
effet secondaire | effets secondaires | effet indésirable | effets indésirables | effets indesirables
effet indesirable | effets secondaire | effet secondaires | ça m'a rendu malade | ca m'a rendu malade | malade
rendu malade | rendue malade | je l'ai mal supporté | mal supporté | mal supporte | pas supporté | pas supporte
je ne le supporte pas | intolérance | intolerance | j'ai dû arrêter | j'ai du arreter | surdosage | surdose
# added / narrowed forms
vidé | vidée | vidé* | boutons | plaques rouges | tics | ma tension | tension élevée | tension trop haute
en manque | je me sens bizarre | rupture du tendon | rupture de tendon | j'ai pris du poids | une bosse
règles abondantes | règles irrégulières | plus de règles | pas de règles | bourré | bourrée
""")

DE = terms("""
# Runde 11
behalte nichts bei mir | kann nichts bei mir behalten | Gürtelrose | Herpes | Erkältung die nicht weggeht
ständig krank
# Magen und Darm
übelkeit | ubelkeit | uebelkeit | mir ist übel | mir ist schlecht | mir ist so schlecht | mir war schlecht
schlecht geworden | brechreiz | erbroch* | erbrechen | kotz* | gekotzt | übergeb* | uebergeb* | würg* | wuerg*
*bauchschmerz* | *magenschmerz* | bauchweh | magenweh | *bauchkrämpfe | *magenkrämpfe | *magenkrampf* | krämpfe
*krampf* | sodbrennen | reflux | magenprobleme | magen-darm | verdauungsprobleme | durchfall | dünnpfiff | dünnschiss
verstopf* | blähung* | blähbauch | aufgebläht | aufgeblaeht | metallischer geschmack | geschmacksstörung*
kein appetit | appetitlos* | appetitlosigkeit | keinen hunger | heißhunger | heisshunger | ständig hunger
immer hunger | fressattacke* | mundtrockenheit | trockener mund | trockenen mund | aphthe* | bauchspeicheldrüsen*
# Kopf und Nerven
*kopfschmerz* | kopfweh | kopfweg | *migräne* | migraene | schwindel* | schwindlig | schwindelig | mir ist schwindlig
benommen* | benebelt | taumel* | gleichgewichtsstörung* | ohnmacht* | ohnmächtig | ohnmaechtig | umgekippt
kollabiert | zusammengebrochen | bewusstlos | krampfanf* | epileptische* anfall | zittern | zitter* | tremor
zuckung* | tics | spasm* | kribbel* | ameisenlaufen | taubheit* | taub | taubheitsgefühl | stromschläge
stromschlag* | brain zaps | nebel im kopf | benebelt | konzentrationsstörung* | konzentrationsprobleme
kann mich nicht konzentrieren | gedächtnis* | vergesslich* | verwirrt* | verwirrung | desorientiert | zombie
wie ein zombie | neben mir | wie in watte | neben der spur | lallen | sprachstörung*
# Schlaf und Energie
schlaflos* | schlafstörung* | schlafprobleme | kann nicht schlafen | kann nicht einschlafen | konnte nicht schlafen
nicht geschlafen | kein auge zugetan | wach gelegen | die ganze nacht wach | wache nachts auf | durchschlafen
müde | muede | müdigkeit | muedigkeit | todmüde | hundemüde | schläfrig* | schlaefrig* | benommenheit | erschöpf*
erschoepf* | schlapp | schlappheit | antriebslos* | keine energie | kraftlos* | schwäche | schwaeche
schwach | abgeschlagen* | albträum* | alpträum* | albtraum | alptraum | schlechte träume | wilde träume
komische träume | lebhafte träume | schlafwandel* | aufgedreht | überdreht | unruhe | unruhig | innere unruhe
# Stimmung
angst | ängste | aengste | angstzustände | angstattacke* | panikattacke* | panik | nervös | nervoes | nervosität
paranoi* | depressi* | deprimiert | niedergeschlagen | traurig | heul* | weinen | weinkrämpfe | suizid*
selbstmord* | lebensmüde | lebensmuede | will nicht mehr leben | stimmungsschwankung* | gereizt* | reizbar*
aggressi* | wut | wutanfälle | wutausbrüche | aggressionen | apathi* | gleichgültig | gefühllos | emotionslos
innere leere | halluzination* | halluziniere | stimmen hören | wahnvorstellung* | psychose | psychotisch
manie | manisch | euphori* | high | wie betrunken | betrunken | mir geht es schlecht
mir geht's schlecht | mir gehts schlecht | mir ging es schlecht | fühle mich schlecht | fühle mich komisch
fühle mich mies | fuehle mich schlecht | fühl mich scheiße | fühle mich elend | elend | mies
völlig fertig | nicht ich selbst | entzug* | absetzsymptom*
absetzerscheinung* | sucht | süchtig | suechtig | abhängig* | abhaengig*
# Sexualität, Hormone
libido | lustlos* | keine lust auf sex | libidoverlust | erektionsstörung* | erektionsprobleme | impoten*
orgasmusstörung* | kein orgasmus | blutung* | zwischenblutung* | schmierblutung* | hitzewallung*
hitzewallungen | schweiß* | schweiss* | schwitz* | nachtschweiß | nachtschweiss | schüttelfrost | frieren | friere
# Gewicht
gewichtszunahme | zugenommen | nehme zu | kilo mehr | kilos mehr | gewichtsverlust | abgenommen | unterzucker*
hypoglykämie | hypo | überzucker* | wassereinlagerung* | ödem* | oedem*
# Haut, Haare, Augen, Ohren
hautausschlag | quaddel* | nesselsucht | juck* | juckreiz | pickel | akne | bläschen
trockene haut | hautrötung* | rötung* | roetung* | rote flecken | blaue flecken | hämatom*
gelbsucht | gelbe haut | haarausfall | mir fallen die haare aus | haare fallen aus | glatze | verschwommen
verschwommen sehen | sehstörung* | doppelbilder | doppelt sehen | trockene augen | rote augen | geschwollene augen
*ohrensausen | tinnitus | pfeifen im ohr | nasenbluten | verstopfte nase | laufende nase | niesen
# Herz, Lunge, Blut
herzrasen | herzklopfen | herzstolpern | herzrhythmusstörung* | tachykardie | brustschmerz* | schmerzen in der brust
engegefühl | atemnot | kurzatmig* | luftnot | kriege keine luft | bekomme keine luft | krieg keine luft
keine luft bekommen | atembeschwerden | husten | bluthochdruck | blutdruckabfall | thrombose
blutgerinnsel | blutarmut | anämie | anaemie | infekt* | infektion* | fieber* | erhöhte temperatur | grippesymptome
grippeähnlich* | wie eine grippe | grippe | gliederschmerz* | krank | kränklich | krankheitsgefühl | unwohl
unwohlsein
# Muskeln, Gelenke, Schmerzen
*schmerz* | schmerzen | tut weh | tat weh | weh | *muskelschmerz* | muskelkater | *gelenkschmerz* | rückenschmerz*
gliederschmerzen | steif* | sehnenscheidenentzündung | sehnenriss | achillessehne | kann nicht laufen
kann nicht mehr laufen | kann mich nicht bewegen | gelähmt | lähmung* | zähneknirschen | knirsche | kieferschmerz*
zahnschmerz*
# Niere, Blase, Leber
kann nicht pinkeln | muss ständig pinkeln | harndrang | inkontinenz | dunkler urin | blut im urin | nieren* | leber*
leberwerte
# Reaktion, Allergie
reaktion | reaktionen | allergi* | allergische reaktion | anaphyla* | schwellung* | geschwollen* | angeschwollen
dick geworden | lippen geschwollen | gesicht geschwollen | zunge geschwollen | hals schwillt zu
an der einstichstelle | beule | knubbel | verhärtung
# allgemein
nebenwirkung* | nebenwirkungen | nebenwirkungn | nebenwirkunge | unerwünschte wirkung* | unerwuenschte wirkung*
unverträglich* | unvertraeglich* | nicht vertragen | vertrage es nicht | vertrage sie nicht | vertrag das nicht
nicht gut vertragen | schlecht vertragen | musste absetzen | abgesetzt | hat mich krank gemacht | krank gemacht
überdosis | ueberdosis | überdosierung
# added / narrowed forms
mir ist übel | mir wird übel | ist mir übel | mir übel | mir ständig übel | mir so übel | mir total übel
zuckungen | zucken | sehnenriss | sehnenentzündung | völlig fertig | fix und fertig
bin kaputt | fühle mich kaputt | fühle mich komisch | fühl mich komisch | keine periode | periode bleibt aus
rote flecken | blaue flecken | hautausschlag | *ausschlag | ausschläge | ausschlaege | an der einstichstelle
rötung an der einstichstelle | weinen | muss weinen
""")

SYMPTOMS: dict[str, tuple[str, ...]] = {"en": EN, "es": ES, "fr": FR, "de": DE}

PSEUDO: dict[str, tuple[str, ...]] = {
    "en": terms("""
    sick of | sick and tired | tired of | sick to death of | dying to | to die for | killing it | kill it | killed it
    pain in the ass | pain in the neck | pain in my ass | high school | high dose | high doses | higher dose
    high street
    high five | high blood | high cholesterol | high risk | high quality | high on life | high hopes | high price
    high prices | high levels | high level | high doses of | high in | headache of | the runs out | spotify
    spotlight | on the spot | hot spot | sore loser | crash course
    crashed my car | crash test | stock crash | market crash | blew up my phone | phone blew up | hyped
    hyper realistic
    no pain no gain | pain relief | pain killer | painkiller* | pain killers | pain meds | pain medication | pain med
    pain management | pain clinic | growing pains | gas station | gas prices | nervous system | heart rate monitor
    blood pressure medication | blood pressure meds | blood pressure pill* | temp job | temp agency
    sore throat lozenge
    flu shot | flu vaccine | flu jab | flu season | crazy good | crazy cheap | insanely good | sick beat | that's sick
    so sick bro | period of | periodically | time period | trial period | reaction video | reaction gif
    chain reaction
    allergy season | allergy meds | allergy medicine | allergy pill* | bleeding edge | bleeding heart
    cold turkey sandwich
    crazy about | mad about | crying laughing | cry laughing | cried laughing | crying emoji | lol | lmao | dead 💀
    weight loss drug | weight loss drugs | weight loss injection* | weight loss shot* | weight loss medication
    weight loss jab* | weight loss journey | weight loss goal* | lose weight fast | fat loss
    without my meds | without my medication* | without my medicine* | without my insulin | without my pills
    without my pen | without my shot* | without my injection* | without my prescription | without my refill
    without my cane | without my walker | without my wheelchair | without my crutch* | without my brace
    without my glasses | without my inhaler | without my insurance | without my card
    app crash* | site crash* | website crash* | web site crash* | form crash* | page crash* | portal crash*
    browser crash* | computer crash* | laptop crash* | system crash* | server crash* | checkout crash*
    afraid of needles | scared of needles | terrified of needles | fear of needles | needle phobia | panic about needles
    scared of the needle | afraid of the needle | stock rupture | out of stock
    """),
    "es": terms("""
    estoy harto | estoy harta | harto de | harta de | cansado de | cansada de | me muero de ganas | me muero de risa
    dolor de cabeza de | para el dolor | contra el dolor | alivio del dolor | calmante | analgésico | analgesico
    medicamento para la presión | pastillas para la presión | efectos de la luna | crisis económica | muerto de risa
    muerta de risa | pastillas para adelgazar | para bajar de peso | tratamiento para adelgazar
    pánico a las agujas | panico a las agujas | pánico de las agujas | pánico a las inyecciones | pánico a las jeringas
    miedo a las agujas | terror a las agujas | fobia a las agujas | pánico a pincharme | miedo a pincharme
    sin mis medicinas | sin mis medicamentos | sin mi medicación | sin mi bastón | sin mi andador
    """),
    "fr": terms("""
    j'en ai marre | marre de | fatigué de | fatiguée de | crevé de rire | mort de rire | morte de rire
    pain au chocolat
    pain de mie | du pain | le pain | mon pain | pour la douleur | contre la douleur | antidouleur* | anti-douleur
    soulager la douleur | médicament contre la tension | pour maigrir | pour perdre du poids
    rupture de stock | ruptures de stock | en rupture | peur des aiguilles | phobie des aiguilles | peur des piqûres
    panique des aiguilles | sans ma canne | sans mes médicaments
    """),
    "de": terms("""
    keine lust | ich habe keine lust | hab keine lust | müde von | die nase voll | gegen schmerzen | schmerzmittel*
    schmerztablette* | gegen kopfschmerzen | gegen die schmerzen | zum abnehmen | blutdrucksenker | blutdrucktabletten
    high end | high-end
    angst vor spritzen | angst vor nadeln | panik vor spritzen | panik vor nadeln | spritzenangst | ohne meinen stock
    ohne meine medikamente | nicht lieferbar | lieferengpass
    """),
}

# Round 10: figures of speech about pregnancy ("feel pregnant lol") and "no side effect" are no special situation.
_PSEUDO_ROUND10 = {
    "en": "feel pregnant | feel like i'm pregnant | makes me feel pregnant | look pregnant",
    "es": "parezco embarazada | parece que estoy embarazada | ningún efecto secundario | ningun efecto secundario",
    "fr": """l'impression d'être enceinte | impression d'etre enceinte | enceinte sans le bébé | aucun effet secondaire
    | aucun effet indésirable | aucun effet indesirable | le bouton ne fait rien | bouton ne fait rien""",
    "de": "fühle mich schwanger | keinerlei nebenwirkungen",
}
for _lang, _block in _PSEUDO_ROUND10.items():
    PSEUDO[_lang] = (*PSEUDO[_lang], *terms(_block))

# Round 13: an app, a website or a phone that crashes or freezes is a software fault, no event of the author's
# ("the app keeps crashing when I log my dose"); "my sugar keeps crashing" is still one.
_SOFTWARE_FAULT = [f"{thing} {verb}" for thing in ("app", "apps", "application", "site", "website", "portal", "phone",
                                                  "tracker", "reader", "screen", "login")
                   for verb in ("keeps crashing", "kept crashing", "keeps freezing", "kept freezing", "crashing",
                                "crashes", "crashed", "is crashing", "freezes", "froze", "is freezing")]
PSEUDO["en"] = (*PSEUDO["en"], *_SOFTWARE_FAULT)

# Weak event words: a body function or topic ("my sleep", "appetite", "my heart"). They count as an
# event only with a named or implied product and a patient or a link ("my sleep is off since Xarelto").
WEAK: dict[str, tuple[str, ...]] = {
    "en": terms("""
    sleep | sleeping | slept | appetite | weight | my hair | my skin | memory | my mood | mood | energy | my heart
    heart | my stomach | stomach | tummy | gut | my head | my eyes | eyes | vision | teeth | my teeth | jaw | my jaw
    bowels | bladder | bathroom | toilet | pee | peeing | piss | pissing | poop | pooping | hormones | my hormones
    my body | body | my brain | brain | my mind | mind | my legs | legs | my hands | hands | my feet | my back
    my chest | chest | breathing | breath | blood pressure | blood sugar | sugar levels | my sugars | libido | sex
    orgasm | erection | period | my period | cycle | boobs | breasts | skin | hair | nails | dreams | dream | nights
    bp | heart rate | pulse | temperature | throat | tongue | mouth | lips | face | nose | ears | liver | kidneys
    kidney | thyroid | bones | joints | muscles | tendons | nerves | focus | concentration | emotions | feelings
    effect | effects | felt | feel | feeling | feels | hate | hating | hates | sucks | sucked | worst | ugh | fml
    🤢 | 🤮 | 😵 | 🥴 | 😴 | 😷 | 😩 | 😫 | 😖 | 😣 | 😭 | 💤 | wtf | smh | damn | dammit | fuck | fucking | shit
    """),
    "es": terms("""
    sueño | dormir | apetito | peso | pelo | cabello | piel | memoria | ánimo | animo | energía | energia | corazón
    corazon | estómago | estomago | cabeza | ojos | vista | dientes | mandíbula | baño | hormonas | cuerpo | cerebro
    piernas | manos | pecho | respiración | tensión | tension | azúcar | azucar | regla | menstruación | sueños
    garganta | boca | hígado | riñones | huesos | articulaciones | músculos | me siento | me sentí | odio
    """),
    "fr": terms("""
    sommeil | dormir | appétit | appetit | poids | cheveux | peau | mémoire | memoire | humeur | énergie | energie
    cœur | coeur | estomac | ventre | tête | tete | yeux | vue | dents | mâchoire | toilettes | hormones | corps
    cerveau | jambes | mains | poitrine | respiration | tension | sucre | glycémie | règles | cycle | rêves | gorge
    bouche | foie | reins | os | articulations | muscles | je me sens | je déteste
    """),
    "de": terms("""
    schlaf | schlafen | appetit | gewicht | haare | haut | gedächtnis | gedaechtnis | stimmung | energie | herz
    magen | bauch | kopf | augen | sehen | zähne | zaehne | kiefer | toilette | hormone | körper | koerper | gehirn
    beine | hände | haende | brust | atmung | blutdruck | zucker | blutzucker | periode | zyklus | träume | hals
    mund | leber | nieren | knochen | gelenke | muskeln | ich fühle mich | fühle mich | hasse
    """),
}


# Event words that are as often a mood, a joke or a figure of speech: they report an event only in a post
# with a patient (the author, someone named) or a link to taking the medicine (``adverse._score``).
VAGUE: frozenset[str] = frozenset(terms("""
evil | hell | poison | the devil | attack | attacks | gone | faded | crazy | going crazy | weird | strange | high
sad | sadness | upset | lonely | hopeless | worthless | empty | lazy | forgot | forgetting | racing | pounding
hungry | hungrier | hunger | dying | choke | choking | choked | depressing | depressed | depression | anxiety
anxious | nap | naps | napping | asleep | fell asleep | falling asleep | horrible | horrid | horrific | disgusting
cry | crying | cries | cried | dreaming | hurts | hurt | stress | stressed
killing me | dead | death | died | disabled | damage | brain damage | seizures | seizure | hospital | bad day
rough day | not fun | no fun | yuck | can't stop | cant stop | floating | psychedelic | nervous | scared | worst
"""))

# Round 10: a cold told in German ("ständig Schnupfen und Halskratzen") was found only as the special-situation word
# "schnupfen" (sniffing), which is no longer one; it is a symptom.
SYMPTOMS["de"] = (*SYMPTOMS["de"], *terms("schnupfen | halskratzen | laufende nase | verstopfte nase"))

# Round 15 (blind16, read by cause): verb forms of bleeding, swelling and burning that only had their noun or participle
# ("my ankles swell", "me sangran las encías", "mes gencives saignent", "das Zahnfleisch blutet", "es brennt").
SYMPTOMS["en"] = (*SYMPTOMS["en"], *terms("swell | swells | bleed | gums bleed | throbs | throbbing"))
SYMPTOMS["es"] = (*SYMPTOMS["es"], *terms("""
me sangran | me sangra | sangran las encías | sangran mis encías | se me hincha* | me arde* | hinchad* | me quema
"""))
SYMPTOMS["fr"] = (*SYMPTOMS["fr"], *terms("saignent | me saigne | ça brûle | ca brule | me brûle | gonfle | gonflé*"))
SYMPTOMS["de"] = (*SYMPTOMS["de"],
                  *terms("blutet | bluten | schwellen an | schwillt an | geschwollen* | es brennt | brennen"))

