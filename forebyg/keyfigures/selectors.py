# SPDX-License-Identifier: MPL-2.0
"""Reads for the key-figure pages: case data as frames, population, cached figures, the dashboard's
cards, the children behind a figure, and the network hub's comparison."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from forebyg.cases.selectors.records import interchange_records
from forebyg.core.models import District, Municipality, Team
from forebyg.core.scoping import municipality_scope
from forebyg.domain.keyfigures import engine
from forebyg.domain.keyfigures.aggregations import BINDINGS
from forebyg.domain.keyfigures.catalogue import BY_ID, INDICATORS
from forebyg.domain.keyfigures.frames import COLUMNS, Frames, frames_from_records
from forebyg.domain.keyfigures.model import CATEGORIES, HIGHER, LOWER
from forebyg.domain.keyfigures.periods import Period, Periods, parse_period
from forebyg.domain.keyfigures.population import Population as Pop

from .models import Population, Result, Value

TREND_YEARS = 5


def frames_for(municipality_id: int, types: tuple[str, ...] | None = None) -> Frames:
    wanted = list(types or COLUMNS)
    records = interchange_records(municipalities=[municipality_id], types=[t for t in wanted if t in COLUMNS])
    return frames_from_records(records)


def population_for(municipality_ids: list[int]) -> Pop:
    pop = Pop(source="database")
    for row in Population.objects.filter(municipality_id__in=municipality_ids).values(
            "municipality_id", "district", "year", "children"):
        if row["district"]:
            pop.districts[(row["municipality_id"], row["district"], row["year"])] = row["children"]
        else:
            pop.municipal[(row["municipality_id"], row["year"])] = row["children"]
    return pop


def latest_result(municipality_id: int, granularity: str) -> Result | None:
    return (Result.objects.filter(municipality_id=municipality_id, granularity=granularity)
            .order_by("-computed_at", "-id").first())


@dataclass(frozen=True)
class Unit:
    kind: str
    id: str
    label: str

    @property
    def param(self) -> str:
        return "municipality" if self.kind == "municipality" else f"{self.kind}:{self.id}"


def units_for(municipality_id: int) -> list[Unit]:
    with municipality_scope(municipality_id):
        muni = Municipality.objects.get(pk=municipality_id)
        teams = list(Team.objects.filter(municipality_id=municipality_id).order_by("name").values_list("id", "name"))
        districts = list(District.objects.filter(municipality_id=municipality_id).order_by("name")
                         .values_list("id", "name"))
    return ([Unit("municipality", str(municipality_id), muni.name)]
            + [Unit("team", t, _("Team: %(name)s") % {"name": n}) for t, n in teams]
            + [Unit("district", d, _("School district: %(name)s") % {"name": n}) for d, n in districts])


def unit_from_param(municipality_id: int, param: str | None) -> Unit:
    units = units_for(municipality_id)
    for u in units:
        if u.param == (param or "municipality"):
            return u
    return units[0]


@dataclass
class Point:
    period: str
    p: int
    value: float | None
    numerator: float | None
    denominator: float | None
    count: int


def series(result: Result, unit: Unit) -> dict[str, list[Point]]:
    out: dict[str, list[Point]] = defaultdict(list)
    rows = (Value.objects.filter(result=result, unit_kind=unit.kind, unit=unit.id).order_by("indicator", "p")
            .values_list("indicator", "period", "p", "value", "numerator", "denominator", "count"))
    for ind, period, p, value, num, den, count in rows:
        out[ind].append(Point(period, p, value, num, den, count))
    return out


def periods_of(result: Result) -> list[Period]:
    first, last = parse_period(result.first_period), parse_period(result.last_period)
    return [Period(first.granularity, i) for i in range(first.index, last.index + 1)]


def default_period(result: Result) -> Period:
    """The latest period that has ended by the computation's as_of (else the running one)."""
    periods = periods_of(result)
    ended = [p for p in periods if p.next_start <= result.as_of]
    return ended[-1] if ended else periods[-1]


def direction(ind_id: str, change: float | None) -> str | None:
    if change is None:
        return None
    better = BY_ID[ind_id].better
    if abs(change) < 1e-9:
        return "unchanged"
    if better == HIGHER:
        return "improved" if change > 0 else "worsened"
    if better == LOWER:
        return "improved" if change < 0 else "worsened"
    return "up" if change > 0 else "down"


@dataclass
class Card:
    indicator: Any
    point: Point | None
    baseline: Point | None
    change: float | None
    direction: str | None
    trend: list[Point] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.indicator.id


def dashboard(result: Result, unit: Unit, period: Period, baseline_year: int) -> list[tuple[str, list[Card]]]:
    """Cards grouped by category: value in `period`, the same part of `baseline_year`, change, trend."""
    data = series(result, unit)
    base_period = period.same_part_in(baseline_year)
    window_start = period.same_part_in(period.year - TREND_YEARS + 1).index
    groups: dict[str, list[Card]] = defaultdict(list)
    for ind in INDICATORS:
        if unit.kind == "team" and ind.kind in engine.POPULATION_KINDS:
            continue
        points = {pt.p: pt for pt in data.get(ind.id, [])}
        now, base = points.get(period.index), points.get(base_period.index)
        change = (now.value - base.value) if now and base and now.value is not None and base.value is not None else None
        trend = [pt for p_, pt in sorted(points.items()) if window_start <= p_ <= period.index]
        groups[ind.category].append(Card(ind, now, base, change, direction(ind.id, change), trend))
    return [(key, groups[key]) for key in CATEGORIES if groups.get(key)]


def table(result: Result, unit: Unit) -> list[tuple[Any, Point]]:
    data = series(result, unit)
    return [(ind, pt) for ind in INDICATORS for pt in data.get(ind.id, [])]


# -- drill-down ------------------------------------------------------------------------------


@dataclass
class Member:
    """A child behind a figure: how many of the counted items (notifications, measures, follow-ups, ...)
    are the child's, how many of them are in the numerator, and their values (days, DKK, step)."""

    child_id: str
    items: int
    in_numerator: int
    values: list[float]
    subjects: set = field(default_factory=set)  # the counted items' ids (a notification may name several children)
    numerator_subjects: set = field(default_factory=set)


# Indicators counting items (notifications, measures, deadlines) rather than children: a notification
# naming two children is one item, listed under each child (issue #15: card n 927, drill-down 1,022);
# each aggregation says what it counts (forebyg.domain.keyfigures.aggregations, `drill_counts`).


@dataclass
class Totals:
    """What the drill-down counts, as the card counts it (its n and numerator)."""

    counted: int
    in_numerator: int


def totals(indicator: str, members: list[Member]) -> Totals:
    """The card's n from the children behind it: distinct items for the item-counting indicators,
    children (with an amount, for spending) for the child-counting ones."""
    b = BINDINGS[indicator]
    if b.family == "pairs" and b.agg.name == "rows":  # the figure counts (notification, child) pairs
        return Totals(sum(m.items for m in members), sum(m.in_numerator for m in members))
    if b.agg.drill_counts == "subjects":
        return Totals(len(set().union(*(m.subjects for m in members))),
                      len(set().union(*(m.numerator_subjects for m in members))))
    if b.agg.drill_counts == "paid":
        paid = [m for m in members if sum(m.values) > 0]
        return Totals(len(paid), len(paid))
    return Totals(len(members), sum(1 for m in members if m.in_numerator))


def members(*, municipality_id: int, indicator: str, result: Result, unit: Unit, period: Period) -> list[Member]:
    b = BINDINGS[indicator]
    types = engine.FAMILY_TYPES[b.family]
    if unit.kind != "district":  # child records only give the district
        types = tuple(t for t in types if t != "child")
    frames = frames_for(municipality_id, types)
    first, last = periods_of(result)[0], periods_of(result)[-1]
    periods = Periods(period.granularity, first.index, last.index, result.as_of)
    df = engine.members(frames, indicator=indicator, periods=periods, unit_kind=unit.kind, unit=unit.id,
                        period=period)
    by_child: dict[str, Member] = {}
    for r in df.iter_rows(named=True):
        m = by_child.setdefault(r["child"], Member(r["child"], 0, 0, []))
        m.items += 1
        m.in_numerator += bool(r["in_numerator"])
        m.subjects.add(r["subject"])
        if r["in_numerator"]:
            m.numerator_subjects.add(r["subject"])
        if r["value"] is not None:
            m.values.append(r["value"])
    # Children with items outside the numerator first (for a share: the ones that missed), then by id.
    return sorted(by_child.values(), key=lambda m: (m.in_numerator == m.items, m.child_id))


def computed_at(result: Result | None) -> datetime | None:
    return None if result is None else result.computed_at
