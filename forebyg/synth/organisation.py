# SPDX-License-Identifier: MPL-2.0
"""A synthetic municipality's organisation: teams, school districts, institutions,
staff in every role, and the range of offers (tilbudsviften) with monthly prices."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from random import Random
from typing import Any

from forebyg.domain.staircase import MEASURE_KINDS

from .names import NamePicker, username

Record = dict[str, Any]

# (key, name) of the teams; "intake" is the receiving unit.
TEAMS = (
    ("intake", "Modtagelsen"),
    ("t0", "Team 0–6 år"),
    ("t7", "Team 7–12 år"),
    ("t13", "Team 13–17 år"),
    ("placement", "Team Anbringelse"),
)
CASE_TEAMS = ("t0", "t7", "t13", "placement")
_CASEWORKER_SHARE = {"t0": 0.22, "t7": 0.24, "t13": 0.28, "placement": 0.26}
DISTRICT_NAMES = (
    "Nord", "Syd", "Øst", "Vest", "Midtby", "Engdal", "Bakke", "Søndermark", "Skovvang", "Åby",
)
SCHOOL_NAMES = ("{d}skolen", "{d} Centralskole", "{d} Overbygningsskole")
DAYCARE_STEMS = ("Børnehuset", "Vuggestuen", "Børnehaven", "Dagplejen")
DAYCARE_NAMES = ("Mælkebøtten", "Solsikken", "Regnbuen", "Troldehøjen", "Spiren", "Egernet")

# Offers per measure-kind suffix: (name, provider template, low, high price per month, DKK).
# `{m}` is the municipality's name. Prices follow the categories in the design brief;
# a residential stay for the whole family (§ 52 stk. 3 nr. 4 / BL § 32 stk. 1 nr. 4)
# is priced like an institution because it is one.
OFFERS = {
    "early": (
        ("Tidlig familieindsats", "{m} Kommune, Familiehuset", 3000, 8000),
        ("Forældrekursus i grupper", "{m} Kommune, Familiehuset", 3000, 6000),
    ),
    "consult": (("Familierådgivning og konsulentbistand", "{m} Kommune, Familiecentret", 8000, 15000),),
    "home_support": (("Praktisk-pædagogisk støtte i hjemmet", "{m} Kommune, Familiecentret", 15000, 30000),),
    "family_treatment": (("Familiebehandling", "{m} Kommune, Familiecentret", 20000, 40000),),
    "family_residential": (("Døgnophold for hele familien", "Familieinstitutionen Lyngly", 80000, 110000),),
    "respite": (("Aflastning i aflastningsfamilie", "{m} Kommune, Familieplejen", 12000, 20000),),
    "contact_person": (("Fast kontaktperson", "{m} Kommune, Ungeindsatsen", 8000, 15000),),
    "other": (("Mentorforløb", "{m} Kommune, Ungeindsatsen", 5000, 10000),),
    "placement_network": (("Netværksplejefamilie", "{m} Kommune, Familieplejen", 20000, 30000),),
    "placement_foster": (
        ("Plejefamilie", "{m} Kommune, Familieplejen", 35000, 45000),
        ("Forstærket plejefamilie", "{m} Kommune, Familieplejen", 42000, 50000),
    ),
    "placement_institution": (
        ("Døgninstitution for børn og unge", "Døgninstitutionen Egely", 100000, 150000),
        ("Opholdssted for unge", "Opholdsstedet Skovbrynet", 80000, 120000),
    ),
}


@dataclass
class Org:
    teams: dict[str, str] = field(default_factory=dict)  # key -> team id
    caseworkers: dict[str, list[str]] = field(default_factory=dict)  # team key -> staff ids
    receiving: list[str] = field(default_factory=list)
    staff_names: dict[str, str] = field(default_factory=dict)
    districts: list[str] = field(default_factory=list)
    schools: dict[str, list[str]] = field(default_factory=dict)  # district id -> ids
    daycares: dict[str, list[str]] = field(default_factory=dict)
    offers: dict[str, list[str]] = field(default_factory=dict)  # measure kind -> offer ids


def build(
    *,
    code: int,
    name: str,
    children: int,
    rng: Random,
    new_id: Callable[[str], str],
    used_usernames: set[str],
) -> tuple[Org, list[Record]]:
    """The organisation records (teams, districts, institutions, staff, offers)."""
    org = Org()
    out: list[Record] = []
    for key, team_name in TEAMS:
        tid = new_id("team")
        org.teams[key] = tid
        out.append({"type": "team", "id": tid, "municipality": code, "name": team_name})

    n_districts = max(2, min(10, round(children / 2500)))
    for dname in DISTRICT_NAMES[:n_districts]:
        did = new_id("district")
        org.districts.append(did)
        out.append({"type": "district", "id": did, "municipality": code,
                    "name": f"Skoledistrikt {dname}"})

    def institution(kind: str, inst_name: str, district: str | None) -> str:
        iid = new_id("institution")
        rec: Record = {"type": "institution", "id": iid, "municipality": code,
                       "name": inst_name, "kind": kind}
        if district is not None:
            rec["district"] = district
        out.append(rec)
        return iid

    per_district = children / n_districts
    for i, did in enumerate(org.districts):
        dname = DISTRICT_NAMES[i]
        n_schools = max(1, min(3, round(per_district / 1200)))
        org.schools[did] = [
            institution("school", SCHOOL_NAMES[n].format(d=dname), did) for n in range(n_schools)
        ]
        n_daycares = max(1, min(6, round(per_district / 500)))
        org.daycares[did] = [
            institution("daycare", f"{DAYCARE_STEMS[n % 4]} {DAYCARE_NAMES[(i + n) % 6]} ({dname})", did)
            for n in range(n_daycares)
        ]
    institution("health_visitor", f"Sundhedsplejen {name}", None)
    institution("ppr", f"PPR {name}", None)
    institution("other", f"Ungdomsskolen {name}", None)

    names = NamePicker(rng)

    def staff(role: str, team_key: str | None) -> str:
        person = names.adult()
        login = base = username(person) + f".{code}"
        n = 2
        while login in used_usernames:
            login = f"{base}{n}"
            n += 1
        used_usernames.add(login)
        sid = new_id("staff")
        rec: Record = {"type": "staff", "id": sid, "municipality": code, "username": login,
                       "name": person, "role": role}
        if team_key is not None:
            rec["team"] = org.teams[team_key]
        org.staff_names[sid] = person
        out.append(rec)
        return sid

    for _ in range(max(2, round(children / 7000))):
        org.receiving.append(staff("receiving_unit", "intake"))
    total_cw = max(4, round(children / 550))
    for key in CASE_TEAMS:
        org.caseworkers[key] = [staff("caseworker", key)
                                for _ in range(max(1, round(total_cw * _CASEWORKER_SHARE[key])))]
    for key, _ in TEAMS:
        staff("team_leader", key)
    for _ in range(2 if children > 30000 else 1):
        staff("manager", None)
    staff("analyst", None)
    staff("network_secretariat", None)
    staff("administrator", None)

    for kind in MEASURE_KINDS:
        suffix = kind.code.split("_", 1)[1]
        ids = []
        for offer_name, provider, low, high in OFFERS[suffix]:
            oid = new_id("offer")
            price = int(round((low + rng.random() * (high - low)) * (1.03 if kind.law == "BL" else 1.0), -2))
            out.append({"type": "offer", "id": oid, "municipality": code,
                        "name": f"{offer_name} ({kind.law})",
                        "provider": provider.format(m=name), "law": kind.law,
                        "measure_kind": kind.code, "price_per_month": price})
            ids.append(oid)
        org.offers[kind.code] = ids
    return org, out
