# SPDX-License-Identifier: MPL-2.0
"""The key-figure catalogue's definitions in Danish, for Danish pages (issue #15).

The catalogue (`forebyg.domain.keyfigures.catalogue`) is versioned and written in English; its
`what` and `legal` texts reached the Danish drill-down and catalogue pages in English, with file
names ("docs/rules.md") and internal references ("seed 004"). These are the Danish texts the pages
show instead; a test checks that every indicator has both."""

from __future__ import annotations

STEPS_DA = {1: "tidlige indsatser i almenområdet", 2: "forebyggende indsatser", 3: "hjemmebaserede indsatser",
            4: "anbringelse i slægt eller netværk", 5: "anbringelse i plejefamilie", 6: "anbringelse på institution"}

STAIRCASE = "Socialstyrelsen, »Indsatstrappen for udsatte børn og unge« (social.dk)"
PARTNERSHIP = ("Socialstyrelsens partnerskab om tidligere forebyggelse (et nøgletalskatalog med centrale "
               "indikatorer til at følge kommunernes egen og fælles udvikling)")

LEGAL_DA: dict[str, str] = {
    "notifications.per_1000": "SEL §§ 153-155 / BL §§ 133-136 (underretningspligt, modtagelse)",
    "notifications.children_notified_per_1000": "SEL § 155 / BL § 136",
    "notifications.repeat_12m": "Politik: tidlig og rettidig hjælp (Forebyggelsespakken; Herning-modellen)",
    "notifications.acute_24h": "SEL § 155, stk. 2 / BL § 136 (fristen for akutvurdering)",
    "notifications.acknowledged_on_time": "SEL § 155 b, stk. 1 / BL § 138 (fristen for kvittering)",
    "notifications.feedback_documented": "SEL § 155 b, stk. 2 / BL § 138 (tilbagemelding til underretter)",
    "early.counselling_per_1000": "SEL § 11 / BL § 30 (tidlig forebyggende indsats); Herning-modellen",
    "early.helped_without_investigation": "SEL § 11, stk. 3 / BL § 30",
    "investigations.started_per_1000": "SEL § 50 / BL § 20",
    "investigations.within_4_months": "SEL § 50, stk. 7 / BL § 20 (fristen for børnefaglig undersøgelse)",
    "investigations.median_days": "SEL § 50 / BL § 20",
    "measures.preventive_per_1000": "SEL § 11, stk. 3, § 52, stk. 3 / BL §§ 30, 32",
    "measures.placed_per_1000": "SEL §§ 52, stk. 3, nr. 7, 58 / BL §§ 43, 46, 47",
    "measures.family_based_share": "BL § 43 (netværksplejefamilie, stk. 1, nr. 4) / SEL § 66",
    **{f"staircase.children_step_{n}": STAIRCASE for n in range(1, 7)},
    "measures.median_days_decision_to_start": "Politik: indsatser sættes i gang uden ventetid (Herning-modellen)",
    "staircase.step_down_share": STAIRCASE,
    "staircase.step_up_share": STAIRCASE,
    **{f"staircase.median_days_step_{n}": STAIRCASE for n in range(1, 7)},
    "followup.on_time": "SEL § 70 / BL § 95 (fristen for opfølgning)",
    "followup.conversation_before_decision": "SEL § 48 / BL § 5, stk. 3-4 (samtale med barnet før afgørelse)",
    "progression.goals_improved": "Politik: barnets progression (Socialstyrelsens referencenetværk 2020-2022)",
    "progression.median_change": "Politik: barnets progression",
    "economy.spending_per_child": PARTNERSHIP,
    "economy.share_steps_1_3": PARTNERSHIP,
    "workload.children_per_caseworker": "Politik: organisering og ledelse (Herning-modellen)",
}

WHAT_DA: dict[str, str] = {
    "notifications.per_1000": "Hvor mange underretninger kommunen har modtaget i forhold til antallet af børn.",
    "notifications.children_notified_per_1000": "Hvor mange forskellige børn der er underrettet om i perioden i "
                                                "forhold til alle børn.",
    "notifications.repeat_12m": "Af de børn, der er underrettet om i perioden, andelen, hvor en underretning kom "
                                "mindre end 12 måneder (365 dage) efter en tidligere underretning om samme barn.",
    "notifications.acute_24h": "Andelen af underretninger, hvor akutvurderingen er registreret inden for 24 timer "
                               "efter modtagelsen.",
    "notifications.acknowledged_on_time": "Andelen af underretninger fra fagpersoner, der er kvitteret for inden "
                                          "for 6 hverdage (anonyme underrettere tælles ikke med).",
    "notifications.feedback_documented": "Af de faglige underretninger, hvorefter en undersøgelse eller "
                                         "foranstaltning er sat i gang, andelen, hvor tilbagemeldingen til "
                                         "underretteren er registreret (en sen tilbagemelding tæller med).",
    "early.counselling_per_1000": "Børn i et rådgivningsforløb (med samtykke, før en sag) på et tidspunkt i "
                                  "perioden.",
    "early.helped_without_investigation": "Af de børn, hvis underretning førte til hjælp eller en undersøgelse, "
                                          "andelen, der fik tidlig forebyggende indsats uden en børnefaglig "
                                          "undersøgelse.",
    "investigations.started_per_1000": "Børnefaglige undersøgelser startet i perioden i forhold til antallet af "
                                       "børn.",
    "investigations.within_4_months": "Andelen af undersøgelser afsluttet inden for 4 måneder, efter at kommunen "
                                      "blev opmærksom på det mulige behov.",
    "investigations.median_days": "Medianen af antal dage fra kommunen blev opmærksom, til undersøgelsen blev "
                                  "afsluttet, for undersøgelser afsluttet i perioden.",
    "measures.preventive_per_1000": "Børn med en indsats på trin 1-3 af indsatstrappen (tidlig, forebyggende "
                                    "eller hjemmebaseret støtte) på et tidspunkt i perioden.",
    "measures.placed_per_1000": "Børn anbragt uden for hjemmet (en indsats på trin 4-6) på et tidspunkt i "
                                "perioden.",
    "measures.family_based_share": "Af de børn, der er anbragt ved periodens slutning, andelen anbragt i slægt, "
                                   "netværk eller plejefamilie (trin 4-5) frem for på institution (trin 6).",
    **{f"staircase.children_step_{n}": f"Børn, hvis højeste igangværende indsats ved periodens slutning er på "
                                       f"trin {n} af indsatstrappen ({STEPS_DA[n]})." for n in range(1, 7)},
    "measures.median_days_decision_to_start": "Medianen af antal dage fra afgørelsen om en indsats, til den "
                                              "startede, for indsatser startet i perioden.",
    "staircase.step_down_share": "Af de indsatser, der sluttede i perioden, andelen, hvor barnets næste indsats "
                                 "(besluttet inden for 183 dage efter afslutningen) er på et lavere trin.",
    "staircase.step_up_share": "Af de indsatser, der sluttede i perioden, andelen, hvor barnets næste indsats "
                               "(besluttet inden for 183 dage efter afslutningen) er på et højere trin.",
    **{f"staircase.median_days_step_{n}": f"Medianen af antal dage fra start til slut for indsatser på trin {n} "
                                          f"({STEPS_DA[n]}), der sluttede i perioden." for n in range(1, 7)},
    "followup.on_time": "Andelen af lovpligtige opfølgninger på indsatser, der er holdt inden fristen (første "
                        "inden for 3 måneder, derefter hver 6. måned eller som planlagt).",
    "followup.conversation_before_decision": "Andelen af afgørelser om indsatser (ikke tidlig forebyggende "
                                             "indsats), hvor der er holdt en samtale med barnet før afgørelsen.",
    "progression.goals_improved": "Af de mål, der er skaleret i perioden og har været skaleret før, andelen, hvis "
                                  "score er steget siden den forrige skaleringsrunde.",
    "progression.median_change": "Medianen af ændringen (skala 0-10) siden målets forrige skaleringsrunde, over de "
                                 "samme runder som andelen af mål med fremgang.",
    "economy.spending_per_child": "Udgiften til indsatser i perioden, ud fra hvert tilbuds pris pr. måned, pr. "
                                  "barn i alderen 0-17 år.",
    "economy.share_steps_1_3": "Andelen af udgiften til indsatser, der går til forebyggende og støttende "
                               "indsatser (trin 1-3) frem for anbringelser (trin 4-6).",
    "workload.children_per_caseworker": "Børn med en åben sag ved periodens slutning pr. rådgiver, der har "
                                        "mindst én af dem.",
}


def what_da(ind) -> str:  # noqa: ANN001
    return WHAT_DA.get(ind.id, "")


def legal_da(ind) -> str:  # noqa: ANN001
    return LEGAL_DA.get(ind.id, "")
