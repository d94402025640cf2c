# SPDX-License-Identifier: MPL-2.0
"""All 98 municipalities at once, for benchmarks: a synthetic national dataset.

`municipalities.csv` beside this module holds the official codes, names and
regions (valid 2007-2026) copied from the project's reference list
(`shared/domain/municipalities.csv`, after Danmarks Statistik's nomenclature
"Regioner, landsdele og kommuner"), plus one column added here,
`children_synthetic`: a plausible number of children aged 0-17, derived from
rounded approximate population sizes and scaled to a national total of about
1.15 million (the brief: DST table FOLK1A). It is synthetic, not an official
statistic; real denominators come from FOLK1A.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from random import Random

from .clock import clock_for
from .context import Record
from .generator import municipality_records

_CSV = Path(__file__).with_name("municipalities.csv")


@dataclass(frozen=True)
class Municipality:
    code: int
    name: str
    region_code: int
    region_name: str
    children: int  # synthetic size: children aged 0-17


@lru_cache(maxsize=1)
def municipalities() -> tuple[Municipality, ...]:
    with _CSV.open(encoding="utf-8", newline="") as fh:
        return tuple(
            Municipality(int(row["code"]), row["name"], int(row["region_code"]),
                         row["region_name"], int(row["children_synthetic"]))
            for row in csv.DictReader(fh)
        )


def notification_rate(seed: int, code: int) -> float:
    """How often a municipality's children are notified about, relative to
    `generate`'s default (1.0: about 6 % notified about a year, 10-11
    notifications per 100 children). Municipalities range from about 4 to 24
    notifications per 100 children a year (brief), so the factor spreads from
    0.4 to 2.2 around a median of 1.1, which puts the national level at about
    7 % notified a year, as in 2019-2022."""
    rng = Random(f"forebyg-synth/{seed}/{code}/rate")
    return min(2.2, max(0.4, 1.1 * math.exp(rng.gauss(0.0, 0.38))))


def generate_national(
    *,
    years: Iterable[int],
    seed: int,
    scale: float = 1.0,
    municipalities: Iterable[int] | None = None,
    end: datetime | None = None,
) -> Iterator[Record]:
    """Records for every municipality (or the given codes), one after the other in
    ascending code order, over the consecutive `years` (e.g. range(2015, 2025)).

    `scale` multiplies each municipality's number of children (at least 10).
    Each municipality has its own random streams and notification level, so a
    subset gives the same records as in the full run.
    """
    chosen = sorted(set(years))
    if not chosen:
        raise ValueError("years must not be empty")
    start_year, end_year = chosen[0], chosen[-1]
    if chosen != list(range(start_year, end_year + 1)):
        raise ValueError("years must be consecutive")
    known = {m.code: m for m in _MUNICIPALITIES()}
    codes = sorted(known) if municipalities is None else sorted(set(municipalities))
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise ValueError(f"unknown municipality codes: {unknown}")
    clock = clock_for(start_year - 20, end_year + 20)
    used_usernames: set[str] = set()
    for code in codes:
        m = known[code]
        yield from municipality_records(
            municipality=code, name=m.name, children=max(10, round(m.children * scale)),
            start_year=start_year, end_year=end_year, end=end, seed=seed,
            notification_rate=notification_rate(seed, code), clock=clock,
            used_usernames=used_usernames)


_MUNICIPALITIES = municipalities  # the parameter of generate_national shadows the name
