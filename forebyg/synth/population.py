# SPDX-License-Identifier: MPL-2.0
"""The population skeleton: families with children, birth dates, custody holders,
school district and institution, and each family's latent risk level.

It draws from its own random stream, so the population (and therefore the
population denominators per year) does not depend on the case events drawn
later.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from random import Random

from forebyg.domain.cpr import fake_cpr

from .clock import birthdays, date_of, years_later
from .names import NamePicker
from .organisation import Org

# Latent family risk: share of families, and the yearly chance that a child of the
# family is notified about (before age and year factors). Calibrated so that about
# 6 % of children 0-17 are notified about a year (brief: national statistics).
RISK_SHARES = (0.74, 0.16, 0.065, 0.035)
RISK_RATES = (0.007, 0.09, 0.36, 0.72)
# Number of children of a family born within the population window.
_SIZE_CUM = (0.42, 0.80, 0.95, 1.0)
_LEAD_DAYS = 8 * 365
_AGES = (1, 6, 13, 16, 18)


class Child:
    __slots__ = (
        "id", "birth", "b1", "b6", "b13", "b16", "b18", "name", "girl", "cpr", "district",
        "institution", "holders", "case_end", "case_id", "cw", "active", "placed", "mapped",
        "notified", "first_event",
    )
    # Set once by families() right after construction (annotations only: no class attributes,
    # so __slots__ stays as it is).
    id: str
    birth: int  # day number (see .clock)
    b1: int  # the days the child turns 1, 6, 13, 16 and 18
    b6: int
    b13: int
    b16: int
    b18: int
    name: str
    girl: bool
    cpr: str | None  # None: no Danish CPR number yet
    district: str
    institution: str | None
    holders: list[tuple[str, str]]  # (name, relation)

    def __init__(self) -> None:
        self.case_end = -1  # minute the current case closes; > now while a case is open
        self.case_id: str | None = None
        self.cw: list[tuple[int, str, str]] = []  # (from minute, staff id, team key)
        self.active: list[tuple[int, int]] = []  # measure or investigation intervals
        self.placed: list[tuple[int, int]] = []
        self.mapped = False
        self.notified = 0
        self.first_event: int | None = None


class Family:
    __slots__ = ("children", "surname", "holders", "district", "level", "rate", "network")
    # Set once by families() right after construction.
    surname: str
    holders: list[tuple[str, str]]  # (name, relation)
    district: str
    level: int  # latent risk level, index into RISK_SHARES / RISK_RATES
    rate: float

    def __init__(self) -> None:
        self.children: list[Child] = []
        self.network: list[tuple[str, str, bool, str]] | None = None


def families(
    *,
    rng: Random,
    org: Org,
    new_id: Callable[[str], str],
    total: int,
    first_day: int,
    last_day: int,
    rate_factor: float,
) -> Iterator[Family]:
    """Families until about `total` children born between the two days exist."""
    names = NamePicker(rng)
    rnd = rng.random
    span = last_day - first_day + 1
    serials: dict[int, int] = {}
    districts = org.districts
    made = 0
    while made < total:
        fam = Family()
        r = rnd()
        size = 1 + sum(1 for c in _SIZE_CUM[:-1] if r >= c)
        r = rnd()
        level = 0
        acc = RISK_SHARES[0]
        while r >= acc and level < 3:
            level += 1
            acc += RISK_SHARES[level]
        fam.level = level
        fam.rate = RISK_RATES[level] * rate_factor
        surname = names.surname()
        fam.surname = surname
        r = rnd()
        if r < 0.70:
            mother_surname = surname if rnd() < 0.6 else names.surname()
            holders = [(f"{names.adult_first(True)} {mother_surname}", "Mor"),
                       (f"{names.adult_first(False)} {surname}", "Far")]
        elif r < 0.95:
            holders = [(f"{names.adult_first(True)} {surname}", "Mor")]
        else:
            holders = [(f"{names.adult_first(False)} {surname}", "Far")]
        fam.holders = holders
        district = districts[int(rnd() * len(districts))]
        fam.district = district
        # The eldest may be born before the window (then only the younger siblings
        # are in it), so births are spread evenly over the whole window.
        birth = first_day - _LEAD_DAYS + int(rnd() * (span + _LEAD_DAYS))
        used_first: set[str] = set()
        for _ in range(size):
            if birth > last_day:
                break
            if birth < first_day:
                birth += 400 + int(rnd() * 1400)
                continue
            child = Child()
            child.id = new_id("child")
            child.birth = birth
            child.b1, child.b6, child.b13, child.b16, child.b18 = birthdays(birth, _AGES)
            girl = rnd() < 0.49
            first = names.child_first(girl)
            for _ in range(3):
                if first not in used_first:
                    break
                first = names.child_first(girl)
            used_first.add(first)
            child.girl = girl
            child.name = f"{first} {surname}"
            if rnd() < 0.005:
                child.cpr = None  # e.g. newly arrived, no Danish CPR number yet
            else:
                serial = serials.get(birth, 0)
                serials[birth] = serial + 1
                child.cpr = fake_cpr(date_of(birth), serial)
            child.district = district
            child.holders = holders
            fam.children.append(child)
            made += 1
            birth += 400 + int(rnd() * 1400)
        if fam.children:
            yield fam


def institution_at(child: Child, day: int, org: Org, rng: Random) -> str | None:
    """The school or daycare a child attends on a day (None for infants and adults)."""
    if day < child.b1 or day >= child.b18:
        return None
    if day < child.b6:
        options = org.daycares[child.district]
    else:
        if day >= years_later(child.birth, 17) and rng.random() < 0.5:
            return None  # left school for an upper-secondary education
        options = org.schools[child.district]
    return options[int(rng.random() * len(options))]
