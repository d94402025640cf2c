# SPDX-License-Identifier: MPL-2.0
"""How each assessment point is decided, in Danish, for the Danish points page (issue #15).

The rule set's `notes` are English (they are part of the versioned rule set and of docs/review.md);
the page in Danish shows these texts instead, so no English and no file names reach a Danish page.
A point added without a Danish text shows `MISSING`, never the English note (a test checks that
every point of the default rule set has one)."""

from __future__ import annotations

DEADLINE_NOTE = ("Læses fra fristberegningen: den samme frist, beregnet med kommunens kalender og "
                 "fristindstillinger på gennemgangstidspunktet, som fristsiderne viser. Endnu ikke "
                 "forfalden på gennemgangstidspunktet: ikke relevant.")

MISSING = "Beskrivelsen findes endnu ikke på dansk."

NOTES_DA: dict[str, str] = {
    "notification.acute_assessment": "Hver underretning om barnet modtaget i perioden. " + DEADLINE_NOTE,
    "notification.acute_action": "Kun underretninger, hvor akutvurderingen fandt et akut behov; ellers ikke "
                                 "relevant. Begge kontroller skal være opfyldt.",
    "notification.acknowledgement": "Hvilke underrettere der får kvittering (kun fagpersoner eller alle), og om "
                                    "lørdage tæller med, er fristreglens indstillinger (ikke bekræftet). "
                                    + DEADLINE_NOTE,
    "notification.notifier_feedback": "Gælder, når en undersøgelse eller foranstaltning er startet efter en "
                                      "fagpersons underretning. Loven fastsætter ingen frist: en sen "
                                      "tilbagemelding tæller stadig som dokumenteret; ingen tilbagemelding, når "
                                      "fristreglens frist (ikke bekræftet, kan indstilles) er overskredet, tæller "
                                      "som ikke opfyldt. " + DEADLINE_NOTE,
    "notification.reassessment": "En beslutning om underretningen for barnet tæller som revurderingen. Stadig "
                                 "ingen beslutning 30 dage efter modtagelsen (lokal praksis; loven fastsætter "
                                 "ingen frist) tæller som ikke opfyldt. " + DEADLINE_NOTE,
    "involvement.child_conversation": "Hver foranstaltning besluttet i perioden (tidlig forebyggende indsats kun, "
                                      "hvis fristreglen er indstillet til at tage den med). " + DEADLINE_NOTE,
    "involvement.child_and_parents": "Opfyldt, når barnet er hørt (en børnesamtale, eller barnet blandt "
                                     "deltagerne i et netværksmøde), og forældrene har deltaget (en "
                                     "forældremyndighedsindehaver eller en deltager med forælderrolle i et "
                                     "netværksmøde). Kun sager med en undersøgelse eller en anden foranstaltning "
                                     "end tidlig forebyggende indsats i perioden.",
    "involvement.private_network": "Kun sager med en undersøgelse eller en anden foranstaltning end tidlig "
                                   "forebyggende indsats i perioden.",
    "investigation.in_time": "Hver undersøgelse, hvor kommunen blev opmærksom på sagen i perioden. "
                             + DEADLINE_NOTE,
    "investigation.six_areas": "Kun serviceloven (opmærksom før 2024): udvikling og adfærd, familieforhold, "
                               "skoleforhold, sundhedsforhold, fritidsforhold og venskaber, andre relevante "
                               "forhold.",
    "investigation.holistic": "Kun barnets lov (opmærksom fra 2024): afsnittet med helhedsvurderingen.",
    "measures.follows_investigation": "Gennemsigtig tilnærmelse: en undersøgelse afsluttet højst 6 måneder før "
                                      "beslutningen, med en skriftlig konklusion.",
    "measures.started_promptly": "Standard: inden for 30 dage efter beslutningen.",
    "measures.plan": "Serviceloven: foranstaltninger efter § 52 (ikke tidlig forebyggende indsats); planen "
                     "skal foreligge ved beslutningen, medmindre sagen ikke kunne vente (SEL § 140, stk. 1). "
                     "Barnets lov: anbringelser, og støtte efter § 32, når kommunen har besluttet at lave en "
                     "plan (BL § 91, stk. 1). " + DEADLINE_NOTE,
    "followup.on_time": "Hver opfølgningsfrist for barnets foranstaltninger, der falder i perioden (frem til "
                        "gennemgangstidspunktet), også for foranstaltninger besluttet før perioden. "
                        + DEADLINE_NOTE,
    "followup.progression": "Hver opfølgning holdt i perioden.",
}

def notes_da(point_id: str) -> str:
    return NOTES_DA.get(point_id, MISSING)

