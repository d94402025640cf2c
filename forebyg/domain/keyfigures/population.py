# SPDX-License-Identifier: MPL-2.0
"""Population denominators: children aged 0-17 per municipality (and district) and year.

Convention: the denominator of year Y (and of every quarter and month in it)
is the number of children aged 0-17 living in the municipality on 1 January
of Y, as in Danmarks Statistik's table FOLK1A, quarter 1 of Y ("2024K1").
When a year is missing, the nearest earlier year is used, else the nearest
later one (so the running year works before DST publishes it).

Two CSV forms are read (`parse_csv`):

* Forebyg's own: a header `municipality,year,children` and optionally a
  `district` column (a district id from the interchange data).
* DST StatBank's CSV download of FOLK1A (semicolon separated), e.g.
  `OMRÅDE;KØN;ALDER;CIVILSTAND;TID;INDHOLD` with rows like
  `Herning;I alt;7 år;I alt;2024K1;1105` or, with codes,
  `657;TOT;7;TOT;2024K1;1105`. Ages 0-17 are summed; where a KØN or
  CIVILSTAND column has a total ("I alt", "TOT") only the total rows are used;
  areas that are not municipalities (regions, "Hele landet") are skipped.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

_TOTALS = {"i alt", "tot", "total", "alle", "in total"}
_TID = re.compile(r"^(\d{4})(?:K([1-4]))?$")
_AGE = re.compile(r"^(\d{1,3})(?:\s*år)?$")


class PopulationError(ValueError):
    pass


@dataclass
class Population:
    """Children aged 0-17 on 1 January, per (municipality, year) and (municipality, district, year)."""

    municipal: dict[tuple[int, int], int] = field(default_factory=dict)
    districts: dict[tuple[int, str, int], int] = field(default_factory=dict)
    source: str = ""
    # Children counted from records whose birth date is unknown (known by name only, issue #15), per
    # municipality: left out of the 0-17 denominators, as their age is unknown.
    unknown_birth: dict[int, int] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.municipal or self.districts)

    def municipality(self, code: int, year: int) -> int | None:
        return _nearest({y: n for (c, y), n in self.municipal.items() if c == code}, year)

    def district(self, code: int, district: str, year: int) -> int | None:
        return _nearest({y: n for (c, d, y), n in self.districts.items() if c == code and d == district}, year)

    def resolved(self, municipalities: Iterable[int], districts: Iterable[tuple[int, str]],
                 years: Iterable[int]) -> tuple[dict[tuple[int, int], int], dict[tuple[str, int], int]]:
        """Complete lookup tables for the years needed (with the nearest-year fallback):
        ({(municipality, year): n}, {(district, year): n})."""
        years = list(years)
        by_muni: dict[int, dict[int, int]] = {}
        for (c, y), n in self.municipal.items():
            by_muni.setdefault(c, {})[y] = n
        by_district: dict[tuple[int, str], dict[int, int]] = {}
        for (c, d, y), n in self.districts.items():
            by_district.setdefault((c, d), {})[y] = n
        muni: dict[tuple[int, int], int] = {}
        for code in set(municipalities):
            for y in years:
                nearest = _nearest(by_muni.get(code, {}), y)
                if nearest is not None:
                    muni[(code, y)] = nearest
        dist: dict[tuple[str, int], int] = {}
        for code, d in set(districts):
            for y in years:
                nearest = _nearest(by_district.get((code, d), {}), y)
                if nearest is not None:
                    dist[(d, y)] = nearest
        return muni, dist

    def merged(self, other: Population) -> Population:
        return Population({**self.municipal, **other.municipal}, {**self.districts, **other.districts},
                          "; ".join(s for s in (self.source, other.source) if s),
                          {**self.unknown_birth, **other.unknown_birth})


def _nearest(by_year: Mapping[int, int], year: int) -> int | None:
    if not by_year:
        return None
    if year in by_year:
        return by_year[year]
    earlier = [y for y in by_year if y < year]
    return by_year[max(earlier)] if earlier else by_year[min(by_year)]


def from_year_end_counts(code: int, counts: Mapping[int, int], source: str = "synthetic") -> Population:
    """From counts on 31 December of each year (as `forebyg.synth.population_by_year` gives):
    the count on 31 December of Y is the population on 1 January of Y + 1."""
    return Population({(code, y + 1): n for y, n in counts.items()}, {}, source)


def count_children(births: Iterable[tuple[int, str | None, date | None]], years: Iterable[int]) -> Population:
    """Denominators counted from child records (municipality, district, birth date): children
    aged 0-17 at the start of 1 January of each year (born by 31 December before, not yet 18).
    Only meaningful where the records cover every child, as in synthetic data, where it equals
    `forebyg.synth.population_by_year`; real denominators come from FOLK1A. A child without a
    birth date (known by name only) has no age: left out, and counted in `unknown_birth`."""
    years = list(years)
    muni: dict[tuple[int, int], int] = {}
    dist: dict[tuple[int, str, int], int] = {}
    unknown: dict[int, int] = {}
    for code, district, born in births:
        if born is None:
            unknown[code] = unknown.get(code, 0) + 1
            continue
        adult = _turns_18(born)
        for y in years:
            day = date(y - 1, 12, 31)
            if born <= day < adult:
                muni[(code, y)] = muni.get((code, y), 0) + 1
                if district:
                    dist[(code, district, y)] = dist.get((code, district, y), 0) + 1
    return Population(muni, dist, "counted from synthetic child records", unknown)


def _turns_18(born: date) -> date:
    try:
        return born.replace(year=born.year + 18)
    except ValueError:  # 29 February: 1 March
        return date(born.year + 18, 3, 1)


def parse_csv(text: str, *, names: Mapping[str, int] | None = None, source: str = "") -> Population:
    """Read either CSV form (see the module docstring). `names` maps municipality names
    (as DST writes them) to codes, for DST files with texts instead of codes."""
    text = text.lstrip("\ufeff")
    first = text.splitlines()[0] if text.strip() else ""
    if not first:
        raise PopulationError("the file is empty")
    if ";" in first and "INDHOLD" in first.upper():
        return _parse_dst(text, names or {}, source or "Danmarks Statistik, FOLK1A")
    return _parse_plain(text, source or "CSV")


def _int(value: str, what: str, line: int) -> int:
    try:
        return int(str(value).strip().replace(".", "").replace(" ", ""))
    except ValueError:
        raise PopulationError(f"line {line}: {what} must be a whole number, got {value!r}") from None


def _parse_plain(text: str, source: str) -> Population:
    reader = csv.DictReader(io.StringIO(text))
    fields = {f.strip().lower() for f in reader.fieldnames or []}
    missing = {"municipality", "year", "children"} - fields
    if missing:
        raise PopulationError(f"the header must name municipality, year and children (missing: {', '.join(sorted(missing))})")
    pop = Population(source=source)
    for i, raw in enumerate(reader, start=2):
        row = {k.strip().lower(): (v or "").strip() for k, v in raw.items() if k}
        code, year, n = _int(row["municipality"], "municipality", i), _int(row["year"], "year", i), _int(row["children"], "children", i)
        if not 100 <= code <= 999:
            raise PopulationError(f"line {i}: {code} is not a municipality code")
        if n < 0:
            raise PopulationError(f"line {i}: children cannot be negative")
        if row.get("district"):
            pop.districts[(code, row["district"], year)] = n
        else:
            pop.municipal[(code, year)] = n
    if not pop:
        raise PopulationError("the file has no rows")
    return pop


def _is_total(value: str) -> bool:
    return value.strip().casefold() in _TOTALS or value.strip().casefold().endswith(" i alt")


def _parse_dst(text: str, names: Mapping[str, int], source: str) -> Population:
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    header = [h.strip().upper() for h in rows[0]]
    col = {h: i for i, h in enumerate(header)}
    for needed in ("OMRÅDE", "ALDER", "TID", "INDHOLD"):
        if needed not in col:
            raise PopulationError(f"a FOLK1A file needs the column {needed}")
    body = [r for r in rows[1:] if len(r) == len(header)]
    for dim in ("KØN", "CIVILSTAND"):
        if dim in col and any(_is_total(r[col[dim]]) for r in body):
            body = [r for r in body if _is_total(r[col[dim]])]
    lowered = {k.casefold(): v for k, v in names.items()}
    quarters: dict[tuple[int, int], dict[int, int]] = {}
    for r in body:
        area, age, tid, value = (r[col["OMRÅDE"]].strip(), r[col["ALDER"]].strip(), r[col["TID"]].strip(),
                                 r[col["INDHOLD"]].strip())
        m_age = _AGE.match(age)
        m_tid = _TID.match(tid)
        if not m_age or not m_tid or not value or value in ("..", "-"):
            continue
        if int(m_age.group(1)) > 17:
            continue
        code = int(area) if area.isdigit() else lowered.get(area.casefold())
        if code is None or not 100 <= code <= 999:
            continue  # a region, the whole country, or an unknown name
        year, quarter = int(m_tid.group(1)), int(m_tid.group(2) or 1)
        counts = quarters.setdefault((code, year), {})
        counts[quarter] = counts.get(quarter, 0) + int(value)
    if not quarters:
        raise PopulationError("no rows for municipalities and ages 0-17 were found in the FOLK1A file")
    # The population on 1 January is quarter 1; otherwise the earliest quarter of the year.
    return Population({k: q[min(q)] for k, q in quarters.items()}, {}, source)


def to_csv(pop: Population) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["municipality", "district", "year", "children"])
    for (code, year), n in sorted(pop.municipal.items()):
        w.writerow([code, "", year, n])
    for (code, district, year), n in sorted(pop.districts.items()):
        w.writerow([code, district, year, n])
    return out.getvalue()
