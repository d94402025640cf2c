# SPDX-License-Identifier: MPL-2.0
"""The intervention staircase (indsatstrappen) and the measure kinds per law period.

Source of the six default steps: Socialstyrelsen, "Indsatstrappen for udsatte
børn og unge" (social.dk), from the 2015-17 partnership of Haderslev, Herning
and Hvidovre. Municipalities name and cut their steps differently, so steps
are data: `DEFAULT_STEPS` is only the default.

Measure kinds carry their legal basis per law period: Serviceloven (SEL) for
decisions before 1 January 2024, Barnets Lov (BL, LBK nr. 282 af 17/03/2025)
from then. Sub-numbers marked `unconfirmed=True` were not checked against the
statute text (see docs/rules.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

BL_START = date(2024, 1, 1)


@dataclass(frozen=True)
class Step:
    number: int
    name_da: str
    name_en: str
    placement: bool


DEFAULT_STEPS: tuple[Step, ...] = (
    Step(1, "Tidlige indsatser i almenområdet", "Earlier measures in universal services", False),
    Step(2, "Forebyggende indsatser", "Preventive measures", False),
    Step(3, "Hjemmebaserede indsatser", "Home-based measures", False),
    Step(4, "Anbringelse i slægt eller netværk", "Placement with relatives or network", True),
    Step(5, "Anbringelse i plejefamilie", "Placement in a foster family", True),
    Step(6, "Anbringelse på institution", "Placement in an institution", True),
)


@dataclass(frozen=True)
class MeasureKind:
    code: str
    law: str  # "SEL" or "BL"
    legal_basis: str
    name_da: str
    name_en: str
    default_step: int
    placement: bool = False
    early: bool = False  # early preventive support without investigation
    unconfirmed: bool = False


def _k(code: str, law: str, basis: str, da: str, en: str, step: int, **kw: Any) -> MeasureKind:
    return MeasureKind(code, law, basis, da, en, step, **kw)


MEASURE_KINDS: tuple[MeasureKind, ...] = (
    # Serviceloven (before 2024)
    _k("sel_early", "SEL", "SEL § 11 stk. 3", "Tidlig forebyggende indsats", "Early preventive support", 1, early=True),
    _k("sel_consult", "SEL", "SEL § 52 stk. 3 nr. 1", "Konsulentbistand", "Consultancy for the family", 2),
    _k("sel_home_support", "SEL", "SEL § 52 stk. 3 nr. 2", "Praktisk, pædagogisk eller anden støtte i hjemmet", "Practical or educational support at home", 3),
    _k("sel_family_treatment", "SEL", "SEL § 52 stk. 3 nr. 3", "Familiebehandling", "Family treatment", 3),
    _k("sel_family_residential", "SEL", "SEL § 52 stk. 3 nr. 4", "Døgnophold for hele familien", "Residential stay for the whole family", 3),
    _k("sel_respite", "SEL", "SEL § 52 stk. 3 nr. 5", "Aflastningsophold", "Respite care", 3),
    _k("sel_contact_person", "SEL", "SEL § 52 stk. 3 nr. 6", "Fast kontaktperson", "Personal contact person", 2),
    _k("sel_placement_network", "SEL", "SEL § 52 stk. 3 nr. 7, § 66 stk. 1 nr. 2", "Anbringelse i netværksplejefamilie", "Placement with a network foster family", 4, placement=True, unconfirmed=True),
    _k("sel_placement_foster", "SEL", "SEL § 52 stk. 3 nr. 7, § 66 stk. 1 nr. 1", "Anbringelse i plejefamilie", "Placement in a foster family", 5, placement=True, unconfirmed=True),
    _k("sel_placement_institution", "SEL", "SEL § 52 stk. 3 nr. 7, § 66 stk. 1 nr. 6", "Anbringelse på døgninstitution eller opholdssted", "Placement in an institution or residential home", 6, placement=True, unconfirmed=True),
    _k("sel_other", "SEL", "SEL § 52 stk. 3 nr. 9", "Anden hjælp", "Other help", 2),
    # Barnets Lov (from 2024)
    _k("bl_early", "BL", "BL § 30", "Tidlig forebyggende indsats", "Early preventive support", 1, early=True),
    _k("bl_consult", "BL", "BL § 32 stk. 1 nr. 1", "Konsulentbistand", "Consultancy for the family", 2),
    _k("bl_home_support", "BL", "BL § 32 stk. 1 nr. 2", "Praktisk, pædagogisk eller anden støtte i hjemmet", "Practical or educational support at home", 3),
    _k("bl_family_treatment", "BL", "BL § 32 stk. 1 nr. 3", "Familiebehandling", "Family treatment", 3),
    _k("bl_family_residential", "BL", "BL § 32 stk. 1 nr. 4", "Døgnophold for hele familien", "Residential stay for the whole family", 3),
    _k("bl_respite", "BL", "BL § 32 stk. 1 nr. 5", "Aflastningsordning", "Respite care", 3),
    _k("bl_contact_person", "BL", "BL § 32 stk. 1 nr. 6", "Fast kontaktperson", "Personal contact person", 2),
    _k("bl_other", "BL", "BL § 32 stk. 1 nr. 8", "Anden hjælp", "Other help", 2),
    _k("bl_placement_network", "BL", "BL § 46, § 43 stk. 1 nr. 4", "Anbringelse i netværksplejefamilie", "Placement with a network foster family", 4, placement=True),
    _k("bl_placement_foster", "BL", "BL § 46, § 43 stk. 1", "Anbringelse i plejefamilie", "Placement in a foster family", 5, placement=True, unconfirmed=True),
    _k("bl_placement_institution", "BL", "BL § 46, § 43 stk. 1", "Anbringelse på døgninstitution eller opholdssted", "Placement in an institution or residential home", 6, placement=True, unconfirmed=True),
)

KINDS_BY_CODE: dict[str, MeasureKind] = {k.code: k for k in MEASURE_KINDS}


def law_for(day: date) -> str:
    """The law period in force on the legally relevant date."""
    return "BL" if day >= BL_START else "SEL"


def kinds_for(law: str) -> list[MeasureKind]:
    return [k for k in MEASURE_KINDS if k.law == law]


def step_for(kind_code: str, steps_override: dict[str, int] | None = None) -> int:
    """The staircase step of a measure kind, with a municipality's own mapping first."""
    if steps_override and kind_code in steps_override:
        return steps_override[kind_code]
    return KINDS_BY_CODE[kind_code].default_step
