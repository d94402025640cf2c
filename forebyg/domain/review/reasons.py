# SPDX-License-Identifier: MPL-2.0
"""Why an item got its outcome: reason codes with fixed Danish and English texts."""

from __future__ import annotations

REASONS: dict[str, tuple[str, str]] = {
    "no_subjects": ("Intet at vurdere i perioden", "Nothing to assess in the period"),
    "child_too_young": ("Barnet er under aldersgrænsen for punktet", "The child is below the point's age limit"),
    # deadline statuses (docs/rules.md)
    "deadline.met_on_time": ("Sket rettidigt", "Done on time"),
    "deadline.met_late": ("Sket, men efter fristen", "Done, but after the deadline"),
    "deadline.overdue": ("Fristen er overskredet, og det er ikke sket", "The deadline passed and it was not done"),
    "deadline.open": ("Fristen er ikke udløbet endnu", "The deadline has not passed yet"),
    "deadline.due_soon": ("Fristen er ikke udløbet endnu", "The deadline has not passed yet"),
    "deadline.not_applicable": ("Sagen sluttede før fristen", "The case ended before the deadline"),
    "deadline.ended_at_18": ("Bortfaldet: barnet fyldte 18 før fristen", "Lapsed: the child turned 18 before the deadline"),
    "deadline.open_too_long": ("Ikke sket, og der er gået for lang tid", "Not done, and too much time has passed"),
    # notifications
    "acute.action_documented": ("Det er beskrevet, hvad der blev gjort", "What was done is written down"),
    "acute.action_missing": ("Det er ikke beskrevet, hvad der blev gjort", "What was done is not written down"),
    "acute.followon": ("Der er registreret et videre skridt", "A further step is recorded"),
    "acute.no_followon": ("Der er ikke registreret et videre skridt i tide", "No further step is recorded in time"),
    # involvement
    "involvement.no_casework": ("Ingen undersøgelse eller indsats i perioden",
                                "No investigation or measure in the period"),
    "involvement.child_heard": ("Barnet er hørt (børnesamtale eller netværksmøde)",
                                "The child was heard (conversation or network meeting)"),
    "involvement.child_not_heard": ("Der er ikke dokumenteret en børnesamtale eller barnets deltagelse i et møde",
                                    "No child conversation or participation in a meeting is documented"),
    "involvement.parents_involved": ("Forældrene har deltaget i et netværksmøde",
                                     "The parents took part in a network meeting"),
    "involvement.parents_not_involved": ("Forældrenes deltagelse er ikke dokumenteret",
                                         "The parents' participation is not documented"),
    "involvement.network_explored": ("Barnets private netværk ud over forældrene er afdækket",
                                     "The private network beyond the parents was explored"),
    "involvement.network_not_explored": ("Barnets private netværk ud over forældrene er ikke afdækket",
                                         "The private network beyond the parents was not explored"),
    # investigation
    "investigation.not_completed": ("Undersøgelsen er ikke afsluttet", "The investigation is not completed"),
    "investigation.areas_covered": ("Alle områder er beskrevet", "Every area is described"),
    "investigation.areas_missing": ("Et eller flere områder er ikke beskrevet",
                                    "One or more areas are not described"),
    # measures
    "measure.follows_investigation": ("Afgjort efter en afsluttet undersøgelse med konklusion",
                                      "Decided after a completed investigation with a conclusion"),
    "measure.no_investigation": ("Ingen børnefaglig undersøgelse før afgørelsen",
                                 "No investigation before the decision"),
    "measure.investigation_not_completed": ("Undersøgelsen var ikke afsluttet ved afgørelsen",
                                            "The investigation was not completed at the decision"),
    "measure.investigation_too_old": ("Undersøgelsen var for gammel ved afgørelsen",
                                      "The investigation was too old at the decision"),
    "measure.no_conclusion": ("Undersøgelsen har ingen konklusion", "The investigation has no conclusion"),
    "measure.started_promptly": ("Indsatsen startede i tide", "The measure started in time"),
    "measure.started_late": ("Indsatsen startede sent", "The measure started late"),
    "measure.not_started": ("Indsatsen er ikke startet", "The measure has not started"),
    "measure.start_pending": ("Indsatsen kan stadig nå at starte i tide", "The measure can still start in time"),
    "measure.ended_unstarted": ("Indsatsen sluttede uden at starte", "The measure ended without starting"),
    # follow-up
    "followup.note": ("Opfølgningen har et notat", "The follow-up has a note"),
    "followup.scaling": ("Progression er registreret ved opfølgningen", "Progression is recorded at the follow-up"),
    "followup.no_progression": ("Opfølgningen dokumenterer ikke barnets progression",
                                "The follow-up does not document the child's progression"),
}


def reason_text(code: str, language: str = "da") -> str:
    da, en = REASONS.get(code, (code, code))
    return da if language == "da" else en
