# SPDX-License-Identifier: MPL-2.0
"""Short Danish free text for synthetic records, built from templates.

Every text is a generic description written for the generator; none is taken
from a real case. `{b}` is replaced by "barnet" or "den unge" by age.
"""

from __future__ import annotations

CONCERNS: dict[str, tuple[str, ...]] = {
    "school": (
        "Skolen oplever at {b} ofte kommer sultent og for sent.",
        "Skolen er bekymret for {b}s høje fravær i dette skoleår.",
        "Lærerne oplever at {b} er indadvendt og trist og ikke deltager i fællesskabet.",
        "{B} har fortalt en lærer om konflikter og råb derhjemme.",
        "Skolen oplever udadreagerende adfærd og mange konflikter i frikvartererne.",
        "{B} møder ofte uden madpakke og i beskidt tøj, og forældrene er svære at få kontakt til.",
        "{B} har fortalt en pædagog i SFO'en at far slår, når han er vred.",
        "Skolen oplever at {b} er bange for at gå hjem efter skoletid.",
    ),
    "daycare": (
        "Personalet oplever at {b} ofte er sulten og træt om morgenen.",
        "{B} er forsinket i sproget og reagerer voldsomt ved afhentning.",
        "Børnehaven er bekymret for hygiejnen; {b} har ofte bleudslæt og beskidt tøj.",
        "Mor har virket påvirket ved afhentning flere gange den seneste måned.",
        "{B} har blå mærker på overarmene, som forældrene ikke kan forklare.",
    ),
    "health_visitor": (
        "Sundhedsplejersken er bekymret for spædbarnets trivsel og vægtøgning.",
        "Mor virker nedtrykt og har svært ved at tage sig af barnet.",
        "Familien har aflyst de seneste besøg fra sundhedsplejen.",
        "Der er uro og skænderier i hjemmet under sundhedsplejerskens besøg.",
    ),
    "ppr": (
        "PPR-psykologen vurderer at {b} har brug for mere støtte end skolen kan give.",
        "Ved PPR-testning fremstår {b} meget utryg og fortæller om problemer i hjemmet.",
        "PPR er bekymret for {b}s trivsel efter forældrenes skilsmisse.",
    ),
    "police": (
        "Politiet har været tilkaldt til husspektakler i hjemmet; {b} var til stede.",
        "{B} er antruffet af politiet sent om aftenen sammen med ældre unge.",
        "{B} er sigtet for butikstyveri.",
        "Politiet har anholdt en forælder; {b} var hjemme under anholdelsen.",
        "{B} er fundet beruset i bymidten en fredag aften.",
    ),
    "hospital": (
        "Skadestuen har behandlet {b} for en skade, som ikke passer med forklaringen.",
        "Børneafdelingen er bekymret for forældrenes evne til at følge op på behandling.",
        "{B} er indlagt efter selvskade.",
        "Fødeafdelingen er bekymret for mors psykiske tilstand efter fødslen.",
        "{B} er indlagt med forgiftning efter indtagelse af alkohol.",
    ),
    "family": (
        "Mormor er bekymret for at forældrene drikker meget og glemmer {b}.",
        "Far, som ikke bor med {b}, er bekymret for forholdene hos mor.",
        "En forælder beder selv om hjælp, fordi konflikterne med {b} er blevet for store.",
        "Moster fortæller at {b} ofte er alene hjemme om aftenen.",
    ),
    "anonymous": (
        "Anonym henvendelse om råb og gråd fra lejligheden om natten.",
        "Anonym underretter oplyser at {b} ofte færdes alene ude sent om aftenen.",
        "Anonym underretter er bekymret for forældrenes misbrug.",
    ),
    "other": (
        "Tandplejen er bekymret, fordi {b} gentagne gange er udeblevet med store huller.",
        "Krisecentret oplyser at mor og {b} er flyttet ind efter vold i hjemmet.",
        "Ungdomsklubben er bekymret for {b}s omgangskreds og mulige misbrug.",
        "Børne- og ungdomspsykiatrien er bekymret for {b}s trivsel efter udskrivelse.",
        "En anden kommune videresender en underretning, da familien er flyttet hertil.",
        "Den praktiserende læge er bekymret for {b}s vægttab og mistrivsel.",
    ),
}
CONCERN_TAILS = (
    "",
    " Underretter har talt med forældrene om bekymringen.",
    " Forældrene er ikke orienteret om underretningen.",
    " Det er anden gang underretter er bekymret i år.",
    " Underretter ønsker at deltage i et netværksmøde.",
)
SIBLING_CONCERNS = (
    "Politiet har været tilkaldt til vold i hjemmet; alle børn var til stede.",
    "Underretter er bekymret for alle søskende, da forældrene ikke magter hverdagen.",
    "Familien er sat ud af lejligheden, og børnene bor midlertidigt hos bekendte.",
    "Mor er indlagt, og der er usikkerhed om hvem der passer børnene.",
)
NOTIFIER_NAMES: dict[str, tuple[tuple[str, bool], ...]] = {
    "school": (("Klasselærer", True), ("Skoleleder", True), ("AKT-lærer", True), ("SFO-pædagog", True)),
    "daycare": (("Pædagog i barnets børnehave", True), ("Dagplejer", True), ("Institutionsleder", True)),
    "health_visitor": (("Sundhedsplejerske", True),),
    "ppr": (("PPR-psykolog", True), ("Talepædagog, PPR", True)),
    "police": (("Politiet, lokalpolitiet", True), ("Politiet, døgnvagten", True)),
    "hospital": (("Børneafdelingen", True), ("Skadestuen", True), ("Fødeafdelingen", True)),
    "family": (("Mormor", False), ("Farmor", False), ("Moster", False), ("Forælder", False)),
    "anonymous": (),
    "other": (
        ("Tandplejen", True), ("Krisecenter", True), ("Ungdomsklubben", True),
        ("Børne- og ungdomspsykiatrien", True), ("Anden kommune", True),
        ("Praktiserende læge", True), ("Nabo", False), ("Barnet selv", False),
    ),
}
ACUTE_ACTIONS = (
    "Akut: barnet er anbragt midlertidigt hos netværk i samråd med forældrene.",
    "Akut: samtale med barnet og forældrene samme dag; sikkerhedsplan aftalt.",
    "Akut: politi og rådgivningens døgnvagt har talt med barnet i skolen.",
    "Akut: barnet er indkvarteret på krisecenter med mor.",
)
NONACUTE_ACTIONS = (
    "Ikke akut. Sendes til team til videre vurdering.",
    "Ikke akut. Fordeles til rådgiver til vurdering inden for en uge.",
    "Ikke akut. Barnet har allerede en rådgiver, som orienteres.",
)
DECISION_NOTES = {
    "no_action": (
        "Bekymringen er afklaret ved samtale med forældre og skole.",
        "Ingen yderligere foranstaltning; familien har selv taget hånd om situationen.",
        "Ikke grundlag for yderligere handling.",
    ),
    "early_support": (
        "Tilbydes tidlig forebyggende støtte uden undersøgelse.",
        "Familien ønsker hjælp; forløb i Familiehuset tilbydes.",
    ),
    "investigation": (
        "Der iværksættes en børnefaglig undersøgelse.",
        "Bekymringen er alvorlig; børnefaglig undersøgelse igangsat.",
    ),
    "existing_measure": (
        "Barnet har en igangværende indsats; underretningen indgår i opfølgningen.",
        "Revurdering: indsatsen vurderes tilstrækkelig, drøftes på næste opfølgning.",
    ),
}
SECTIONS = {
    "development_behaviour": (
        "Barnet er alderssvarende i sin udvikling men reagerer med uro i nye situationer.",
        "Barnet er stille og trækker sig fra voksne; sproget er lidt forsinket.",
        "Den unge har periodevis udadreagerende adfærd og svært ved at regulere sig.",
    ),
    "family": (
        "Forældrene er motiverede men har svært ved at skabe faste rammer i hverdagen.",
        "Der er mange konflikter mellem forældrene, som barnet er meget optaget af.",
        "Mor er alene med børnene og har et begrænset netværk.",
    ),
    "school": (
        "Fraværet er steget gennem året; fagligt ligger barnet under klassetrinnet.",
        "Skolen beskriver et barn, der fungerer bedst med en fast voksen.",
        "Barnet trives i dagtilbuddet og har gode relationer til de voksne.",
    ),
    "health": (
        "Barnet er generelt rask; tandstatus og søvn bør følges.",
        "Den unge har ondt i maven flere gange om ugen og sover uroligt.",
        "Der er ingen kendte helbredsmæssige problemer.",
    ),
    "leisure_friendships": (
        "Barnet har få venner og går ikke til fritidsaktiviteter.",
        "Den unge går til fodbold og har et par gode venner fra klassen.",
        "Den unge bruger meget tid alene foran skærmen.",
    ),
    "other": (
        "Familien har økonomiske problemer og risikerer at miste boligen.",
        "Ingen øvrige forhold af betydning.",
        "Der er et godt samarbejde med familiens egen læge.",
    ),
}
HOLISTIC = (
    "Samlet vurdering: barnets udfordringer viser sig især i skolen og i samspillet med "
    "forældrene, mens netværket er en ressource.",
    "Samlet vurdering: forældrene har brug for støtte til struktur og forudsigelighed; "
    "barnet har gode ressourcer i dagtilbuddet.",
    "Samlet vurdering: den unges trivsel er alvorligt truet, og der er behov for en "
    "indgribende indsats.",
)
CONCLUSIONS = {
    0: "Undersøgelsen viser ikke behov for særlig støtte; sagen afsluttes.",
    1: "Undersøgelsen viser behov for tidlig forebyggende støtte.",
    2: "Undersøgelsen viser behov for forebyggende støtte, fx konsulentbistand eller kontaktperson.",
    3: "Undersøgelsen viser behov for en hjemmebaseret indsats, fx familiebehandling.",
    4: "Undersøgelsen viser behov for anbringelse; netværket kan støtte barnet.",
    5: "Undersøgelsen viser behov for anbringelse i plejefamilie.",
    6: "Undersøgelsen viser behov for anbringelse på døgninstitution eller opholdssted.",
}
PURPOSES = {
    1: "At styrke forældrenes hverdagsstruktur, før problemerne vokser.",
    2: "At give barnet en fast voksen og forældrene råd og vejledning.",
    3: "At forbedre samspillet i familien og barnets trivsel i hjemmet.",
    4: "At barnet kan bo trygt hos netværket og bevare kontakten til forældrene.",
    5: "At barnet får en tryg og stabil hverdag i en plejefamilie.",
    6: "At den unge får en struktureret hverdag og behandling for sine vanskeligheder.",
}
GOALS = {
    "development_behaviour": (
        "Barnet kan sige fra og bede om hjælp fra en voksen.",
        "Den unge har færre konflikter og kan falde til ro efter uenighed.",
    ),
    "family": (
        "Familien har faste rutiner for morgen og sengetid.",
        "Forældrene samarbejder om aftaler vedrørende barnet.",
    ),
    "school": (
        "Barnet møder i skole til tiden mindst fire dage om ugen.",
        "Den unge gennemfører folkeskolens afgangsprøve.",
    ),
    "health": (
        "Barnet sover hele natten og spiser morgenmad hver dag.",
        "Den unge er stoppet med at ryge hash.",
    ),
    "leisure_friendships": (
        "Barnet går til en fritidsaktivitet en gang om ugen.",
        "Den unge har en god ven at være sammen med efter skole.",
    ),
    "other": (
        "Familien har en stabil bolig.",
        "Familien har kontakt til gældsrådgivning.",
    ),
}
PLAN_SUMMARIES = {
    "handleplan": "Handleplan efter servicelovens § 140 med mål for barnets udvikling.",
    "barnets_plan": "Barnets plan med mål for barnets trivsel og udvikling.",
    "ungeplan": "Ungeplan med mål for uddannelse, bolig og fritid.",
}
AGREEMENTS = (
    "Mormor henter i børnehaven tirsdag og torsdag.",
    "Skolen giver besked til forældrene hver fredag om ugens fravær.",
    "Forældrene starter i forældrekursus.",
    "Barnet får en fast voksen i frikvartererne.",
    "Faster tager barnet med til svømning hver lørdag.",
    "Der aftales faste sengetider og morgenrutiner.",
    "Den unge kontakter UU-vejlederen om uddannelsesvalg.",
)
FOLLOWUP_NOTES = (
    "Barnet er i god udvikling; indsatsen fortsætter uændret.",
    "Fraværet er faldet; målene justeres.",
    "Begrænset fremgang; indsatsen drøftes på næste teammøde.",
    "Målene er delvist nået; forældrene ønsker at fortsætte.",
    "Barnet trives bedre; det overvejes at trappe ned.",
)
CONVERSATION_PURPOSES = (
    "Børnesamtale forud for afgørelse om indsats.",
    "Børnesamtale som led i den børnefaglige undersøgelse.",
    "Samtale med barnet om underretningen.",
    "Samtale med den unge om ønsker til hjælpen.",
)
COUNSELLING_NOTES = (
    "Forløb med råd og vejledning om søvn og rutiner.",
    "Samtaler med forældrene om konflikter i hjemmet.",
    "Fælles møder med skolen om barnets trivsel.",
    "Rådgivning til forældrene efter skilsmisse.",
)
NETWORK_RELATIONS = (
    ("Mormor", True), ("Morfar", False), ("Farmor", True), ("Farfar", False),
    ("Moster", True), ("Faster", True), ("Morbror", False), ("Farbror", False),
    ("Gudmor", True), ("Nabo", True), ("Familieven", True), ("Voksen storesøster", True),
)
NETWORK_NOTES = (
    "Kan hente barnet to dage om ugen.",
    "Har tilbudt aflastning i weekender.",
    "Har tæt kontakt med barnet.",
    "Bor langt væk men ringer ofte.",
    "",
)
END_GOAL = "Mål nået"
END_DOWN = "Trappet ned"
END_UP = "Trappet op"
END_ADULT = "Barnet er fyldt 18 år"
END_OTHER = (
    "Familien er fraflyttet kommunen",
    "Forældrene ønskede ikke støtten længere",
    "Indsatsen matchede ikke behovet",
)
PROFESSIONALS = (
    ("Klasselærer", "lærer"), ("Pædagog", "pædagog"), ("Sundhedsplejerske", "sundhedsplejerske"),
    ("PPR-psykolog", "psykolog"), ("Familiebehandler", "familiebehandler"),
    ("Kontaktperson", "kontaktperson"),
)


def fill(template: str, teen: bool) -> str:
    who = "den unge" if teen else "barnet"
    return template.replace("{B}", who.capitalize()).replace("{b}", who)
