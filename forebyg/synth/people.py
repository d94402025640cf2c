# SPDX-License-Identifier: MPL-2.0
"""A synthetic CPR register for the demo and the tests, made from the demo's children and families.

Input: the interchange `child` records the generator made (name, birth date, fake CPR number, custody
holders). Children with the same custody holders are one family: siblings at one address. Each
holder becomes an adult with a recognisably fake CPR number (forebyg.domain.cpr.fake_cpr). Some
families are drawn, from their own random stream, as:

- protected (navne- og adressebeskyttelse): the mother and the children, at an address of their own;
  the father (if any) lives elsewhere, unprotected — the case where the mother's address must never
  reach a letter to the father;
- one parent: the father is a parent without custody, living elsewhere, and sometimes dead;
- moved out of the municipality: the whole family lives in another municipality since a date;
- with a baby born since the case data was made (half the protected families): in the register only, so the demo can show a child
  registered by CPR number from the register.

The result is JSON-ready: {"municipality": code, "persons": {cpr: person}}; relatives are named
by CPR number and resolved by forebyg.people.synthetic.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from random import Random

from forebyg.domain.calendar import local_date
from forebyg.domain.cpr import fake_cpr, normalise

from .names import NamePicker

STREETS = ("Birkevej", "Skovbrynet", "Lærkevej", "Engtoften", "Møllegade", "Åbrinken", "Kastanjeallé",
           "Hedevej", "Rosenhaven", "Stationsvej", "Vibevej", "Bakkedraget", "Kirkestien", "Fasanvej")
TOWNS = {657: [("7400", "Herning"), ("7430", "Ikast"), ("7441", "Bording")]}
ELSEWHERE = [(661, "7500", "Holstebro"), (756, "7330", "Brande"), (751, "8000", "Aarhus C")]
PROTECTED_SHARE = 0.03
MOVED_SHARE = 0.02
DEAD_FATHER_SHARE = 0.2  # of the one-parent families
NEWBORN_SHARE = 0.06  # families with a baby born after the case data was made: in the register only


def _address(rng: Random, municipality: int) -> dict:
    postcode, city = rng.choice(TOWNS.get(municipality, [("7400", "Herning")]))
    street = f"{rng.choice(STREETS)} {rng.randint(1, 120)}"
    if rng.random() < 0.3:
        street += f", {rng.randint(1, 4)}. {rng.choice(['tv', 'th', 'mf'])}"
    return {"street": street, "postcode": postcode, "city": city, "municipality_code": municipality}


def _family_key(rec: dict) -> tuple:
    return tuple((h.get("name", ""), h.get("relation", "")) for h in rec.get("custody_holders") or [])


def synthetic_register(children: Iterable[dict], *, municipality: int, seed: int = 2024,
                       as_of: date | None = None) -> dict:
    rng = Random(f"people-register-{seed}")
    names = NamePicker(Random(f"people-names-{seed}"))
    as_of = as_of or local_date(datetime.now(UTC))
    families: dict[tuple, list[dict]] = {}
    for rec in children:
        if rec.get("type", "child") == "child" and rec.get("cpr"):
            families.setdefault(_family_key(rec), []).append(rec)
    persons: dict[str, dict] = {}
    serial = 50

    def adult_cpr(born: date) -> str:
        nonlocal serial
        while True:
            serial = 50 + (serial - 49) % 49
            number = normalise(fake_cpr(born, serial))
            if number not in persons:
                return number

    for key in sorted(families, key=lambda k: sorted(normalise(r["cpr"]) for r in families[k])):
        kids = sorted(families[key], key=lambda r: r["birth_date"])
        eldest = date.fromisoformat(str(kids[0]["birth_date"])[:10])
        home = _address(rng, municipality)
        protected = rng.random() < PROTECTED_SHARE
        moved = None
        if not protected and rng.random() < MOVED_SHARE:
            code, postcode, city = rng.choice(ELSEWHERE)
            home = {**home, "postcode": postcode, "city": city, "municipality_code": code}
            moved = {"moved_on": (as_of - timedelta(days=rng.randint(10, 300))).isoformat(), "municipality_code": code}
        holders = []
        for name, relation in key:
            born = eldest - timedelta(days=rng.randint(24 * 365, 38 * 365))
            number = adult_cpr(born)
            kind = {"mor": "mother", "far": "father"}.get(relation.lower(), "custody_holder")
            mother = kind == "mother"
            address = home
            if protected and not mother:  # the protected mother and children live apart from the father
                address = _address(rng, municipality)
            persons[number] = {"cpr": number, "name": name, "birth_date": born.isoformat(), "address": address,
                               "protected": protected and mother, "moved_out": moved, "died_on": None,
                               "children": [], "kind": kind}
            holders.append(number)
        parents = list(holders)
        if len(key) == 1 and key[0][1].lower() == "mor":  # a father without custody
            surname = key[0][0].split()[-1]
            born = eldest - timedelta(days=rng.randint(24 * 365, 40 * 365))
            number = adult_cpr(born)
            dead = rng.random() < DEAD_FATHER_SHARE
            persons[number] = {"cpr": number, "name": f"{names.adult_first(False)} {surname}",
                               "birth_date": born.isoformat(), "address": None if dead else _address(rng, municipality),
                               "protected": False, "moved_out": None, "kind": "father", "children": [],
                               "died_on": (as_of - timedelta(days=rng.randint(100, 2000))).isoformat() if dead else None}
            parents.append(number)
        if rng.random() < (0.5 if protected else NEWBORN_SHARE):  # a baby the register knows and the case data not yet (the demo's journey)
            born = as_of - timedelta(days=rng.randint(5, 200))
            number = adult_cpr(born)
            first = names.child_first(rng.random() < 0.49)
            kids = [*kids, {"cpr": number, "name": f"{first} {key[0][0].split()[-1] if key else 'Hansen'}",
                            "birth_date": born.isoformat()}]
        kid_numbers = [normalise(r["cpr"]) for r in kids]
        for rec, number in zip(kids, kid_numbers, strict=True):
            persons[number] = {"cpr": number, "name": rec["name"], "birth_date": str(rec["birth_date"])[:10],
                               "address": home, "protected": protected, "moved_out": moved, "died_on": None,
                               "parents": parents, "custody_holders": holders,
                               "siblings": [n for n in kid_numbers if n != number]}
        for number in parents:
            persons[number]["children"] = kid_numbers
    return {"municipality": municipality, "seed": seed, "persons": persons}
