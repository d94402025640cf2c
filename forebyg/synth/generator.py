# SPDX-License-Identifier: MPL-2.0
"""The deterministic synthetic data generator for one municipality.

`generate` streams interchange records (format version 1, see
docs/interchange.md): first the organisation (teams, districts, institutions,
staff, offers), then one family at a time (its children, then everything that
happened to them, type by type in TYPE_ORDER). So every record comes after
the records it refers to, and within each type ids ascend; for the canonical
file order (all records of a type together) use `forebyg.synth.write_jsonl`.

The same arguments and seed always give the same records. Nothing here
touches a database or Django.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from random import Random

from .clock import DAY, Clock, clock_for, day_of, minute_of, years_later
from .context import RANK, Record, Sim
from .notifications import simulate
from .organisation import build
from .population import families, institution_at

WARMUP_YEARS = 4
"""Years simulated before `start_year` so that cases, measures and placements that
are already running when the data starts exist (records before the start are
kept only for cases still open at the start: the case, its running measures,
plans, goals and network persons)."""


def year_factor(year: int) -> float:
    """A mild national trend: notifications grew about 2 % a year (brief: 2015-2022)."""
    return 1.02 ** (year - 2022)


def _stream(seed: int, code: int, part: str) -> Random:
    return Random(f"forebyg-synth/{seed}/{code}/{part}")


def _sim(
    *, code: int, name: str, start_year: int, end_year: int, end: datetime | None,
    seed: int, clock: Clock,
) -> Sim:
    year_end = clock.at(day_of(date(end_year, 12, 31)), DAY - 1)
    end_minute = year_end if end is None else min(minute_of(end), year_end)
    start_day = day_of(date(start_year, 1, 1))
    if end_minute < clock.at(start_day, 0):
        raise ValueError("The end lies before the start year.")
    warm_year = start_year - WARMUP_YEARS
    sim = Sim(code=code, name=name, rng=_stream(seed, code, "events"), clock=clock,
              start_day=start_day, end_minute=end_minute,
              warm_day=day_of(date(warm_year, 1, 1)))
    sim.years = [(y, day_of(date(y, 1, 1)), day_of(date(y, 12, 31)))
                 for y in range(warm_year, end_year + 1)]
    sim.year_factor = {y: year_factor(y) for y in range(warm_year, end_year + 1)}
    return sim


def _population_window(sim: Sim, children: int) -> tuple[int, int, int]:
    """(first birth day, last birth day, number of children to make)."""
    first_day = day_of(date(sim.years[0][0] + WARMUP_YEARS - 18, 1, 1))
    last_day = sim.end_day
    young_from = years_later(last_day, -18) + 1
    total = round(children * (last_day - first_day + 1) / (last_day - young_from + 1))
    return first_day, last_day, total


def municipality_records(
    *,
    municipality: int,
    name: str,
    children: int,
    start_year: int,
    end_year: int,
    end: datetime | None,
    seed: int,
    notification_rate: float = 1.0,
    clock: Clock | None = None,
    used_usernames: set[str] | None = None,
) -> Iterator[Record]:
    clock = clock or clock_for(start_year - 20, end_year + 20)
    sim = _sim(code=municipality, name=name, start_year=start_year, end_year=end_year,
               end=end, seed=seed, clock=clock)
    org, org_records = build(code=municipality, name=name, children=children,
                             rng=_stream(seed, municipality, "org"), new_id=sim.new_id,
                             used_usernames=used_usernames if used_usernames is not None else set())
    sim.org = org
    yield from org_records
    first_day, last_day, total = _population_window(sim, children)
    rnd = sim.rng.random
    child_bucket = sim.out[RANK["child"]]
    code, start, end_minute = municipality, sim.start, sim.end
    ts = clock.ts
    dates = clock.dates
    base = clock.base
    for fam in families(rng=_stream(seed, municipality, "people"), org=org, new_id=sim.new_id,
                        total=total, first_day=first_day, last_day=last_day,
                        rate_factor=notification_rate):
        simulate(sim, fam)
        for child in fam.children:
            if child.birth < sim.start_day:
                registered = start + 480
            else:
                registered = clock.at(child.birth + int(rnd() * 4), 540 + int(rnd() * 300))
            if child.first_event is not None and child.first_event <= registered:
                registered = child.first_event - 60
            if registered > end_minute:
                registered = end_minute
            rec: Record = {
                "type": "child", "id": child.id, "municipality": code, "name": child.name,
                "birth_date": dates[child.birth - base], "registered_at": ts(registered),
                "district": child.district,
                "custody_holders": [{"name": n, "relation": r} for n, r in child.holders],
            }
            if child.cpr is not None:
                rec["cpr"] = child.cpr
            institution = institution_at(child, sim.end_day, org, sim.rng)
            if institution is not None:
                rec["institution"] = institution
            child_bucket.append(rec)
        yield from sim.flush()


def generate(
    *,
    municipality: int,
    name: str,
    children: int = 20000,
    start_year: int,
    end_year: int,
    end: datetime | None = None,
    seed: int,
    notification_rate: float = 1.0,
) -> Iterator[Record]:
    """Interchange records for one synthetic municipality.

    `children` is about the number aged 0-17 at the end; children who were 0-17
    at some time since 1 January `start_year` but have since turned 18 are
    included too (with their history). `end` (timezone-aware; naive means
    Copenhagen time) cuts the data, e.g. at "now"; by default the data runs to
    the end of `end_year`. `notification_rate` scales how often children are
    notified about (1.0 is about 6 % a year). Ids are `<municipality>-<type
    prefix>-<7 digits>`, unique across municipalities.
    """
    return municipality_records(
        municipality=municipality, name=name, children=children, start_year=start_year,
        end_year=end_year, end=end, seed=seed, notification_rate=notification_rate)


def population_by_year(
    *,
    municipality: int,
    children: int = 20000,
    start_year: int,
    end_year: int,
    end: datetime | None = None,
    seed: int,
) -> dict[int, int]:
    """Children aged 0-17 on 31 December of each year (or on `end` in its year), as in
    the data `generate` makes with the same arguments: synthetic population
    denominators (the real ones come from Danmarks Statistik, table FOLK1A)."""
    clock = clock_for(start_year - 20, end_year + 20)
    sim = _sim(code=municipality, name="-", start_year=start_year, end_year=end_year,
               end=end, seed=seed, clock=clock)
    org, _ = build(code=municipality, name="-", children=children,
                   rng=_stream(seed, municipality, "org"), new_id=sim.new_id, used_usernames=set())
    first_day, last_day, total = _population_window(sim, children)
    days = {y: min(last, sim.end_day) for y, _, last in sim.years if y >= start_year}
    counts = dict.fromkeys(days, 0)
    for fam in families(rng=_stream(seed, municipality, "people"), org=org, new_id=sim.new_id,
                        total=total, first_day=first_day, last_day=last_day, rate_factor=1.0):
        for child in fam.children:
            for y, day in days.items():
                if child.birth <= day < child.b18:
                    counts[y] += 1
    return counts
