# SPDX-License-Identifier: MPL-2.0
"""When a child turns 18: which obligations end, which continue (issue #16).

Barnets Lov (and, before 2024, Serviceloven's chapter on children) is about children and young
people under 18; from the 18th birthday a person is an adult, and Serviceloven applies to
"personer, der er fyldt 18 år" (SEL § 1 stk. 1 as amended by L 45 2022-23, the Barnets Lov
companion act: https://polspy.org/dk/dokumenter/1011943). Support may continue past 18 only as
young-adult support: BL §§ 114-116 (videreførelse og ungestøtte, 18-22 years; the ministry's
guidance "Vejledning om ungestøtte efter barnets lov", chapter 2 "Ophør af en anbringelse,
videreførelse af støtte og ungestøtte (barnets lov §§ 111-121)",
https://regelrytter.dk/vejledning-om-ungestoette-efter-barnets-lov-delvejledning-5-af-6-til-barnets-lov)
and, before 2024, SEL § 76 efterværn (18-22; https://www.sbu.rm.dk/malgruppe/eftervarn-sel--76/).
BL § 95 stk. 1 lists §§ 114-116 among the measures that are followed up
(../shared/domain/law-review-2.md, row 18). The EU Youth Wiki summarises: "The Child's Act, with
some exceptions, limits the support for young people until the age of 18 years old. Older persons
are treated in accordance with the regulations in the Act on Social service"
(https://national-policies.eacea.ec.europa.eu/youthwiki/chapters/denmark/11-target-population-of-youth-policy).

The model (UNCONFIRMED as a whole: no source says in so many words what becomes of an unfinished
børnefaglig undersøgelse on the 18th birthday; this is the reading that follows from the scope of
the acts):

* **End at the 18th birthday** (start of the Copenhagen day) — the obligations owed to a *child*:
  the børnefaglig undersøgelse and its provisional assessment, the investigation without
  consent, the conversation with the child before a decision, the reassessment of a
  notification, the conversation on a notification about abuse, barnets plan / handleplan and
  the decision on a plan, and the follow-up of a child's measure. An obligation not yet due then
  is "bortfaldet (fyldt 18)": not applicable, closed, off the worklist. One already overdue on
  the birthday stays a miss (it was missed while the person was a child), closed and off the
  worklist too.
* **Continue**: the duties towards the notifier that arose on receipt (the 24-hour assessment,
  the acknowledgement, the feedback), and every obligation of a measure decided as young-adult
  support (`legal_basis` naming BL §§ 114-116 or SEL § 76): it follows its own rules.
* Local standards are the municipality's own and are not ended by age.

The birth date is an engine input (the `child` record's `birth_date`; not a field of
`PERSONAL_FIELDS`, so the records the pages keep between requests hold it already).

**Age unknown** (issue #15): a notification may name a child by name only ("Emma i 3.b"), so the
birth date can be missing until the caseworker adds it. Then nothing ends at 18: every obligation
runs as for a child under 18 and stays on the worklists (never silently dropped), and the pages
mark the obligations that would end at 18 "alder ukendt" and ask for the birth date
(`age_unknown`). The key figures' columnar path does the same (no `_adult` instant), and the
population denominators leave such a child out and count it (`keyfigures.population`).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from ..calendar import start_of_day

ENDED_AT_18 = "age_18"

# Rule kinds whose obligations are owed to a child and end at the 18th birthday.
ENDS_AT_18: frozenset[str] = frozenset({
    "investigation",
    "provisional_assessment",
    "investigation_without_consent",
    "child_conversation",
    "reassessment",
    "abuse_conversation",
    "plan",
    "plan_decision",
    "followup",
})

# A measure whose legal basis names one of these sections (of its law period) is young-adult
# support: its obligations continue.
YOUNG_ADULT_SECTIONS: dict[str, tuple[str, ...]] = {"BL": ("114", "115", "116"), "SEL": ("76",)}
_SECTION = re.compile(r"§\s*(\d+)(?!\d)")


def eighteenth_birthday(birth_date: str | date) -> date:
    """The day a person born on `birth_date` turns 18 (born 29 February: 1 March in a common year,
    as Danish practice counts a leap-day birthday; UNCONFIRMED for these acts)."""
    born = date.fromisoformat(birth_date) if isinstance(birth_date, str) else birth_date
    try:
        return born.replace(year=born.year + 18)
    except ValueError:  # 29 February in a year that has none
        return date(born.year + 18, 3, 1)


def adult_from(birth_date: str | date) -> datetime:
    """The instant (UTC) a person becomes an adult: the start of the Copenhagen day of the 18th
    birthday."""
    return start_of_day(eighteenth_birthday(birth_date)).astimezone(UTC)


def age_unknown(ob: object, *, birth_date: str | date | None) -> bool:
    """Whether this obligation would end at the 18th birthday but the child's birth date is
    unknown, so the page marks it "alder ukendt" and asks for the birth date. `ob` is an
    `Obligation` (its `rule_id` is "<law>.<kind>")."""
    if birth_date:
        return False
    kind = str(getattr(ob, "rule_id", "")).split(".", 1)[-1]
    return kind in ENDS_AT_18


def young_adult_support(law: str, legal_basis: str | None) -> bool:
    """Whether a measure of law period `law` with this legal basis is young-adult support."""
    wanted = YOUNG_ADULT_SECTIONS.get(law, ())
    return any(n in wanted for n in _SECTION.findall(legal_basis or ""))
