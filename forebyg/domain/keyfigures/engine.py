# SPDX-License-Identifier: MPL-2.0
"""The production path: the whole catalogue, columnar, for every unit and period at once.

`compute(frames, periods=..., population=...)` masks the data at `as_of`,
builds each fact table once (`facts.py`, `deadline_facts.py`), aggregates it
per unit (municipality, team, district) and period with one group-by per
indicator, and returns a polars DataFrame with one row per figure (the
columns of `model.Row`). `members(...)` lists the children behind one figure
(the drill-down). Nothing here imports Django.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import polars as pl

from . import deadline_facts as dl
from . import facts
from .aggregations import BINDINGS, KEYS, Binding
from .catalogue import ACTIVE_IDS, BY_ID
from .context import Ctx, Engine
from .frames import Frames
from .model import UNIT_KINDS
from .periods import Period, Periods, clip_periods
from .population import Population
from .scaling import scaling_changes

FAMILIES: dict[str, Callable[[Ctx], pl.LazyFrame]] = {
    "pairs": facts.notification_pairs,
    "counselling": facts.counselling_active,
    "decisions": facts.decisions,
    "inv_started": lambda ctx: facts.investigations(ctx, "started_at"),
    "inv_completed": lambda ctx: facts.investigations(ctx, "completed_at"),
    "active": facts.measures_active,
    "stock": facts.measures_stock,
    "started": facts.measures_started,
    "ended": facts.measures_ended,
    "spending": facts.spending,
    "cases": facts.open_cases,
    "scaling": scaling_changes,
    **{name: fn for name, fn in dl.DEADLINE_FACTS.items()},
}

# The record types each fact table reads (for loading only what a drill-down needs).
_M = ("measure", "case", "child")
# Fact tables whose builder computes eagerly (when the plan is made), not as part of the one query.
EAGER_FAMILIES = frozenset({"scaling"})

FAMILY_TYPES: dict[str, tuple[str, ...]] = {
    "pairs": ("notification", "child"),
    "counselling": ("counselling", "staff", "child"),
    "decisions": ("decision", "notification", "child"),
    "inv_started": ("investigation", "case", "child"),
    "inv_completed": ("investigation", "case", "child"),
    "active": _M, "stock": _M, "started": _M, "ended": _M,
    "spending": (*_M, "offer"),
    "cases": ("case", "child"),
    "scaling": ("scaling_round", "case", "child"),
    "acute": ("notification", "acute_assessment", "child"),
    "ack": ("notification", "acknowledgement", "child"),
    "feedback": ("notification", "notifier_feedback", "investigation", "measure", "child"),
    "inv_due": ("investigation", "case", "child"),
    "conversation": ("measure", "case", "child_conversation", "child"),
    "followup": ("measure", "case", "investigation", "followup", "child"),
}
assert set(FAMILY_TYPES) == set(FAMILIES)


POPULATION_KINDS = ("rate", "per_child")
OUT_SCHEMA = {"indicator": pl.String, "unit_kind": pl.String, "unit": pl.String, "municipality": pl.Int64,
              "period": pl.String, "numerator": pl.Float64, "denominator": pl.Float64, "value": pl.Float64,
              "count": pl.Int64}


# While figures are computed, a unit kind is a small integer (an Enum) and a municipality's unit is
# null (its code is in `municipality`): the group-bys then hash no strings per fact row (issue #20).
# `_output` writes them out as text.
UNIT_KIND = pl.Enum(list(UNIT_KINDS))


def _expand(df: pl.LazyFrame, units: Iterable[str], *, compact: bool = False) -> pl.LazyFrame:
    """One copy of the fact rows per unit kind, with unit_kind and unit (the unit's id as text; with
    `compact`, see UNIT_KIND)."""
    parts = []
    for kind in units:
        label = pl.lit(kind, dtype=UNIT_KIND) if compact else pl.lit(kind)
        if kind == "municipality":
            unit = pl.lit(None, dtype=pl.String) if compact else pl.col("municipality").cast(pl.String)
            parts.append(df.with_columns(unit_kind=label, unit=unit))
        elif kind in ("team", "district"):
            parts.append(df.filter(pl.col(kind).is_not_null()).with_columns(unit_kind=label, unit=pl.col(kind)))
        else:
            raise ValueError(f"unknown unit kind {kind!r}; use {', '.join(UNIT_KINDS)}")
    return pl.concat(parts, how="diagonal_relaxed")


def _aggregate(df: pl.LazyFrame, b: Binding) -> pl.LazyFrame:
    if b.where is not None:
        df = df.filter(b.where())
    return b.agg.aggregate(df, b)


def _highest(df: pl.LazyFrame) -> pl.LazyFrame:
    return df.group_by([*KEYS, "child"]).agg(hs=pl.col("ks").max())


def _skeleton(ctx: Ctx, population: Population, units: Iterable[str]) -> pl.DataFrame:
    """Every (unit, period) with a population, for rates and amounts per child (units compact, as
    `_expand(..., compact=True)` makes them)."""
    per = {"year": 1, "quarter": 4, "month": 12}[ctx.periods.granularity]
    years = list(ctx.periods.years())
    codes = ctx.frames.municipalities()
    districts = [(r["municipality"], r["id"]) for r in ctx.frames["district"].select("municipality", "id").iter_rows(named=True)]
    muni, dist = population.resolved(codes, districts, years)
    rows = []
    ps = [p.index for p in ctx.periods]
    if "municipality" in units:
        for code in codes:
            for p in ps:
                n = muni.get((code, p // per))
                if n:
                    rows.append(("municipality", None, code, p, float(n)))
    if "district" in units:
        for code, d in districts:
            for p in ps:
                n = dist.get((d, p // per))
                if n:
                    rows.append(("district", d, code, p, float(n)))
    return pl.DataFrame(rows, schema={"unit_kind": UNIT_KIND, "unit": pl.String, "municipality": pl.Int64,
                                      "p": pl.Int64, "pop": pl.Float64}, orient="row")


def _finish(ind_id: str, agg: pl.LazyFrame, skeleton: pl.LazyFrame) -> pl.LazyFrame:
    ind = BY_ID[ind_id]
    if ind.kind in POPULATION_KINDS:
        out = skeleton.join(agg.drop("den", "value"), on=KEYS, how="left", nulls_equal=True).with_columns(
            num=pl.col("num").fill_null(0.0), count=pl.col("count").fill_null(0))
        out = out.with_columns(den=pl.col("pop"), value=pl.col("num") / pl.col("pop") * ind.scale).drop("pop")
    elif ind.kind == "median":
        out = agg
    else:
        out = agg.filter(pl.col("den") > 0).with_columns(value=pl.col("num") / pl.col("den") * ind.scale)
    return out.with_columns(indicator=pl.lit(ind_id))


def compute(
    frames: Frames,
    *,
    periods: Periods,
    population: Population | None = None,
    units: Iterable[str] = ("municipality",),
    indicators: Iterable[str] | None = None,
) -> pl.DataFrame:
    """Every figure of the catalogue (or of `indicators`) for every unit and period."""
    periods = clip_periods(periods)
    units = tuple(units)
    wanted = [i for i in (indicators or ACTIVE_IDS) if i in BINDINGS]
    ctx = Ctx(frames, periods, units)
    skeleton = _skeleton(ctx, population or Population(), units).lazy()
    # The fact tables built eagerly (the progression pairing) after the query of all the others,
    # so that the memory of the one is free again for the other (issue #20).
    later = [i for i in wanted if BINDINGS[i].family in EAGER_FAMILIES]
    first = [i for i in wanted if i not in later]
    parts = []
    for ids in (first, later):
        if ids:
            parts.append(_compute(ctx, skeleton, ids))
            ctx = Ctx(frames, periods, units)  # the shared frames and arrays of one part are freed
    if len(parts) == 1:
        return parts[0]
    # each part is sorted as `_output` sorts; their indicators differ: a stable sort by indicator merges them
    return pl.concat(parts).sort("indicator", maintain_order=True)


def _compute(ctx: Ctx, skeleton: pl.LazyFrame, wanted: list[str]) -> pl.DataFrame:
    """The figures of the `wanted` indicators (`compute`)."""
    units, periods = ctx.units, ctx.periods
    # Big data: one streaming query for everything (memory stays low). Small data: first the fact
    # tables as one batch (common parts once, the rest in parallel), then every indicator's group-by
    # on them as one more query (less overhead than re-planning each fact table per indicator).
    plans: dict[str, pl.LazyFrame] = {}
    keys: dict[str, str] = {}
    for ind_id in wanted:
        b = BINDINGS[ind_id]
        kinds = tuple(u for u in units if not (BY_ID[ind_id].kind in POPULATION_KINDS and u == "team"))
        key = keys[ind_id] = f"{b.family}:{','.join(kinds)}"
        if key not in plans:
            expanded = _expand(FAMILIES[b.family](ctx), kinds, compact=True)
            plans[key] = _highest(expanded) if b.agg.per_child_highest_step else expanded
    if ctx.engine == "streaming":
        facts_ = plans
    else:
        facts_ = {k: df.lazy() for k, df in zip(plans, pl.collect_all(list(plans.values()), engine=ctx.engine),
                                                strict=True)}
    # Every indicator of a fact table whose aggregation has `columns` in one group-by (issue #20).
    together: dict[str, list[str]] = {}
    for ind_id in wanted:
        if BINDINGS[ind_id].agg.columns is not None:
            together.setdefault(keys[ind_id], []).append(ind_id)
    aggs = {ind_id: agg for key, ids in together.items() for ind_id, agg in _aggregate_together(facts_[key], ids).items()}
    results = []
    for ind_id in wanted:
        agg = aggs[ind_id] if ind_id in aggs else _aggregate(facts_[keys[ind_id]], BINDINGS[ind_id])
        results.append(_finish(ind_id, agg, skeleton))
    return _output(results, periods, ctx.engine)


def _aggregate_together(df: pl.LazyFrame, ids: list[str]) -> dict[str, pl.LazyFrame]:
    """The figures of several indicators of one fact table from one group-by: KEYS, num, den, value,
    count for each."""
    exprs = []
    for i, ind_id in enumerate(ids):
        b = BINDINGS[ind_id]
        assert b.agg.columns is not None
        exprs += [e.alias(f"{name}_{i}") for name, e in b.agg.columns(b).items()]
    grouped = df.group_by(KEYS).agg(exprs)
    out = {}
    for i, ind_id in enumerate(ids):
        one = grouped.select(*KEYS, **{name: pl.col(f"{name}_{i}") for name in ("num", "den", "value", "count")})
        out[ind_id] = one.filter(pl.col("count") > 0) if BINDINGS[ind_id].agg.nonempty else one
    return out


def _output(results: list[pl.LazyFrame], periods: Periods, engine: Engine = "streaming") -> pl.DataFrame:
    """One query for the whole catalogue, run at once: polars runs the independent branches in
    parallel and the shared ones (a fact table used by several indicators) once."""
    if not results:
        return pl.DataFrame(schema=OUT_SCHEMA)
    labels = pl.LazyFrame({"p": [p.index for p in periods], "period": [p.label for p in periods]},
                          schema={"p": pl.Int64, "period": pl.String})
    parts = [r.select("indicator", *KEYS, "num", "den", "value", "count").cast(
        {"num": pl.Float64, "den": pl.Float64, "value": pl.Float64, "count": pl.Int64}) for r in results]
    df = pl.concat(parts, how="vertical_relaxed").with_columns(  # the units as text (UNIT_KIND)
        unit_kind=pl.col("unit_kind").cast(pl.String), unit=pl.coalesce("unit", pl.col("municipality").cast(pl.String)))
    df = (df.join(labels, on="p", how="inner").sort(["indicator", "unit_kind", "unit", "p"])
          .rename({"num": "numerator", "den": "denominator"}))
    # polars' stubs name the data-type classes by a private alias (DataTypeClass) a plain dict does not match
    out: pl.DataFrame = df.select(list(OUT_SCHEMA)).cast(OUT_SCHEMA).collect(engine=engine)  # type: ignore[arg-type]
    return out


def members(
    frames: Frames,
    *,
    indicator: str,
    periods: Periods,
    unit_kind: str,
    unit: str,
    period: Period,
) -> pl.DataFrame:
    """The children behind one figure: child, subject, in_numerator, value (days, DKK, change), sorted.

    For rates these are the children counted; for shares the denominator's children, marked
    when they are in the numerator; for medians and amounts the children with their values."""
    periods = clip_periods(periods)
    b = BINDINGS[indicator]
    ctx = Ctx(frames, periods, (unit_kind,), children=True)
    df = _expand(FAMILIES[b.family](ctx), (unit_kind,))
    df = df.filter((pl.col("unit") == unit) & (pl.col("p") == period.index))
    if b.where is not None:
        df = df.filter(b.where())
    members = b.agg.members(df, b)
    out = members.select("child", pl.col("subject").cast(pl.String), "in_numerator", "value").collect(engine=ctx.engine)
    out = out.with_columns(child=pl.Series(frames.decode(out["child"].to_list()), dtype=pl.String))
    return out.sort(["in_numerator", "child", "subject"])
