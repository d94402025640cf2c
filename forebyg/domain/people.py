# SPDX-License-Identifier: MPL-2.0
"""A person as the CPR register describes them, and who may see or print their address.

Plain frozen dataclasses: the registers (forebyg.people: SF1520, the synthetic register, later the
Datafordeler CPR services) translate their answers into these, and nothing else in Forebyg needs
to know which register answered.

Name and address protection (navne- og adressebeskyttelse, CPR-loven § 28): the person's name
and address are not given out by the CPR register to private parties. A municipality's own
caseworkers see them in the register, but the address must not reach anyone else through the
municipality — not a page shown to staff without the need, and not a letter to another person
(e.g. the other parent). `address_shown` and `address_in_letter` are the two rules; the Django side
decides who "may see protected addresses" (forebyg.people.policy).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Address:
    """A Danish address as the register gives it; `lines` is how it is written on a page or envelope."""

    street: str  # street name and house number, floor and door
    postcode: str
    city: str
    municipality_code: int | None = None
    co_name: str | None = None  # "c/o" line

    def lines(self) -> tuple[str, ...]:
        head = (f"c/o {self.co_name}",) if self.co_name else ()
        return (*head, self.street, f"{self.postcode} {self.city}".strip())

    def one_line(self) -> str:
        return ", ".join(self.lines())


@dataclass(frozen=True)
class Relative:
    """A person the register relates to the looked-up person: a custody holder, parent or sibling.

    `name` and `address` are None when the register was not asked for them (SF1520 gives related
    persons by CPR number only; the client looks up custody holders and parents, not siblings)."""

    cpr: str
    relation: str  # "mother", "father", "custody_holder", "sibling"
    name: str | None = None
    address: Address | None = None
    protected: bool = False  # navne- og adressebeskyttelse


@dataclass(frozen=True)
class MoveOut:
    """A move out of the municipality (to another municipality, or abroad: `municipality_code` None)."""

    moved_on: date | None  # None: the register gives no date
    municipality_code: int | None = None
    abroad: bool = False


@dataclass(frozen=True)
class Person:
    cpr: str  # 10 digits, no dash
    name: str
    birth_date: date
    address: Address | None = None
    protected: bool = False  # navne- og adressebeskyttelse
    died_on: date | None = None
    moved_out: MoveOut | None = None
    custody_holders: tuple[Relative, ...] = field(default_factory=tuple)
    parents: tuple[Relative, ...] = field(default_factory=tuple)
    siblings: tuple[Relative, ...] = field(default_factory=tuple)

    def custody_records(self) -> list[dict[str, str]]:
        """The custody holders as a child record keeps them (name and relation, the interchange format's
        shape); a holder whose name the register did not give is left out."""
        return [{"name": h.name, "relation": RELATION_DA.get(h.relation, h.relation)}
                for h in self.custody_holders if h.name]

    def holder_addresses(self) -> list[dict[str, Any]]:
        """The custody holders' addresses, by name, with their protection: never a holder's CPR number
        (it would sit unencrypted in the record)."""
        return [{"name": h.name, "address": h.address.one_line() if h.address else "", "protected": h.protected}
                for h in self.custody_holders if h.name]


RELATION_DA = {"mother": "Mor", "father": "Far", "custody_holder": "Forældremyndighedsindehaver",
               "sibling": "Søskende"}


def address_shown(*, protected: bool, viewer_may_see_protected: bool) -> bool:
    """Whether an address may be shown on a page: always, unless the person has name and address
    protection and the viewer is not one of those who may see protected addresses."""
    return not protected or viewer_may_see_protected


def address_in_letter(*, protected: bool, person_cpr: str | None, recipient_cpr: str | None) -> bool:
    """Whether a person's address may be printed in a letter: a protected person's address only in
    a letter to that same person (their own envelope); never in a letter to anyone else, whoever
    writes it. Without both CPR numbers the recipient cannot be shown to be the person: not printed."""
    if not protected:
        return True
    return bool(person_cpr and recipient_cpr and person_cpr.replace("-", "") == recipient_cpr.replace("-", ""))
