# SPDX-License-Identifier: MPL-2.0
"""The synthetic register made from a small generated demo (300 children), once per test session."""

from datetime import UTC, date, datetime
from functools import lru_cache

AS_OF = date(2026, 12, 1)


@lru_cache(maxsize=1)
def demo_children() -> tuple:
    from forebyg.synth import generate

    return tuple(r for r in generate(municipality=657, name="Herning (syntetisk)", children=300, start_year=2019,
                                     end_year=2026, end=datetime(2026, 12, 1, tzinfo=UTC), seed=2024)
                 if r["type"] == "child")


@lru_cache(maxsize=1)
def register() -> dict:
    from forebyg.synth.people import synthetic_register

    return synthetic_register(demo_children(), municipality=657, seed=2024, as_of=AS_OF)


def minor(p: dict) -> bool:
    return "custody_holders" in p and p["birth_date"] >= "2010-01-01"


def protected_child() -> dict:
    """A child under 18 with name and address protection, with two custody holders (the father unprotected)."""
    persons = register()["persons"]
    return next(p for p in persons.values() if minor(p) and p["protected"] and len(p["custody_holders"]) == 2)


def plain_child() -> dict:
    persons = register()["persons"]
    return next(p for p in persons.values() if minor(p) and not p["protected"] and not p["moved_out"]
                and len(p["custody_holders"]) == 2)


def dashed(cpr: str) -> str:
    return f"{cpr[:6]}-{cpr[6:]}"
