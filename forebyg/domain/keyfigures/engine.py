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
from dataclasses import dataclass

import polars as pl

from . import deadline_facts as dl
from . import facts
from .catalogue import ACTIVE_IDS, BY_ID
from .context import PLACEMENT_FROM, Ctx
from .frames import Frames
from .model import UNIT_KINDS
from .periods import Period, Periods, clip_periods
from .population import Population

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
    "scaling": facts.scaling_changes,
    **{name: fn for name, fn in dl.DEADLINE_FACTS.items()},
}

# The record types each fact table reads (for loading only what a drill-down needs).
_M = ("measure", "case", "child")
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


@dataclass(frozen=True)
class Binding:
    family: str
    agg: str
    flag: str | None = None
    where: Callable[[], pl.Expr] | None = None
    step: int | None = None


def _b(family: str, agg: str, flag: str | None = None, where=None, step=None) -> Binding:  # noqa: ANN001
    return Binding(family, agg, flag, where, step)


BINDINGS: dict[str, Binding] = {
    "notifications.per_1000": _b("pairs", "rows"),
    "notifications.children_notified_per_1000": _b("pairs", "children"),
    "notifications.repeat_12m": _b("pairs", "children_share", "repeat"),
    "notifications.acute_24h": _b("acute", "subject_share", "on_time"),
    "notifications.acknowledged_on_time": _b("ack", "subject_share", "on_time"),
    "notifications.feedback_documented": _b("feedback", "subject_share", "met"),
    "early.counselling_per_1000": _b("counselling", "children"),
    "early.helped_without_investigation": _b("decisions", "children_share", "early"),
    "investigations.started_per_1000": _b("inv_started", "rows"),
    "investigations.within_4_months": _b("inv_due", "subject_share", "on_time"),
    "investigations.median_days": _b("inv_completed", "median"),
    "measures.preventive_per_1000": _b("active", "children", where=lambda: pl.col("ks") < PLACEMENT_FROM),
    "measures.placed_per_1000": _b("active", "children", where=lambda: pl.col("ks") >= PLACEMENT_FROM),
    "measures.family_based_share": _b("stock", "family_share"),
    **{f"staircase.children_step_{n}": _b("stock", "highest_step", step=n) for n in range(1, 7)},
    "measures.median_days_decision_to_start": _b("started", "median"),
    "staircase.step_down_share": _b("ended", "subject_share", "down"),
    "staircase.step_up_share": _b("ended", "subject_share", "up"),
    **{f"staircase.median_days_step_{n}": _b("ended", "median", where=(lambda n=n: pl.col("ks") == n))
       for n in range(1, 7)},
    "followup.on_time": _b("followup", "subject_share", "on_time"),
    "followup.conversation_before_decision": _b("conversation", "subject_share", "on_time"),
    "progression.goals_improved": _b("scaling", "subject_share", "improved"),
    "progression.median_change": _b("scaling", "median"),
    "economy.spending_per_child": _b("spending", "sum_per_child"),
    "economy.share_steps_1_3": _b("spending", "money_share"),
    "workload.children_per_caseworker": _b("cases", "per_staff"),
}
POPULATION_KINDS = ("rate", "per_child")
KEYS = ["unit_kind", "unit", "municipality", "p"]
OUT_SCHEMA = {"indicator": pl.String, "unit_kind": pl.String, "unit": pl.String, "municipality": pl.Int64,
              "period": pl.String, "numerator": pl.Float64, "denominator": pl.Float64, "value": pl.Float64,
              "count": pl.Int64}


def _expand(df: pl.LazyFrame, units: Iterable[str]) -> pl.LazyFrame:
    parts = []
    for kind in units:
        if kind == "municipality":
            parts.append(df.with_columns(unit_kind=pl.lit("municipality"), unit=pl.col("municipality").cast(pl.String)))
        elif kind in ("team", "district"):
            parts.append(df.filter(pl.col(kind).is_not_null()).with_columns(unit_kind=pl.lit(kind), unit=pl.col(kind)))
        else:
            raise ValueError(f"unknown unit kind {kind!r}; use {', '.join(UNIT_KINDS)}")
    return pl.concat(parts, how="diagonal_relaxed")


def _aggregate(df: pl.LazyFrame, b: Binding) -> pl.LazyFrame:
    if b.where is not None:
        df = df.filter(b.where())
    flag = pl.col(b.flag) if b.flag else None
    g = df.group_by(KEYS)
    none = pl.lit(None, dtype=pl.Float64)
    if b.agg == "rows":
        out = g.agg(num=pl.len().cast(pl.Float64), den=none, value=none, count=pl.len().cast(pl.Int64))
    elif b.agg == "children":
        out = g.agg(num=pl.col("child").n_unique().cast(pl.Float64), den=none, value=none,
                    count=pl.col("child").n_unique().cast(pl.Int64))
    elif b.agg == "children_share":
        out = g.agg(num=pl.col("child").filter(flag).n_unique().cast(pl.Float64),
                    den=pl.col("child").n_unique().cast(pl.Float64), value=none,
                    count=pl.col("child").n_unique().cast(pl.Int64))
    elif b.agg == "subject_share":  # fact tables hold one row per subject and unit
        out = g.agg(num=flag.sum().cast(pl.Float64), den=pl.len().cast(pl.Float64), value=none,
                    count=pl.len().cast(pl.Int64))
    elif b.agg == "median":
        df = df.filter(pl.col("x").is_not_null())
        out = df.group_by(KEYS).agg(num=none, den=none, value=pl.col("x").median(), count=pl.len().cast(pl.Int64))
    elif b.agg == "sum_per_child":
        out = g.agg(num=pl.col("x").sum(), den=none, value=none,
                    count=pl.col("child").filter(pl.col("x") > 0).n_unique().cast(pl.Int64))
    elif b.agg == "money_share":
        out = g.agg(num=pl.col("y").sum(), den=pl.col("x").sum(), value=none,
                    count=pl.col("child").filter(pl.col("x") > 0).n_unique().cast(pl.Int64)).filter(pl.col("den") > 0)
    elif b.agg == "per_staff":
        out = g.agg(num=pl.col("child").n_unique().cast(pl.Float64),
                    den=pl.col("staff").n_unique().cast(pl.Float64), value=none,
                    count=pl.col("child").n_unique().cast(pl.Int64))
    else:
        raise ValueError(f"unknown aggregation {b.agg!r}")
    return out


def _highest(df: pl.LazyFrame) -> pl.LazyFrame:
    return df.group_by([*KEYS, "child"]).agg(hs=pl.col("ks").max())


def _aggregate_stock(hs: pl.LazyFrame, b: Binding) -> pl.LazyFrame:
    none = pl.lit(None, dtype=pl.Float64)
    if b.agg == "highest_step":
        sub = hs.filter(pl.col("hs") == b.step)
        return sub.group_by(KEYS).agg(num=pl.len().cast(pl.Float64), den=none, value=none,
                                      count=pl.len().cast(pl.Int64))
    placed = hs.filter(pl.col("hs") >= PLACEMENT_FROM)
    return placed.group_by(KEYS).agg(num=(pl.col("hs") < 6).sum().cast(pl.Float64), den=pl.len().cast(pl.Float64),
                                     value=none, count=pl.len().cast(pl.Int64))


def _skeleton(ctx: Ctx, population: Population, units: Iterable[str]) -> pl.DataFrame:
    """Every (unit, period) with a population, for rates and amounts per child."""
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
                    rows.append(("municipality", str(code), code, p, float(n)))
    if "district" in units:
        for code, d in districts:
            for p in ps:
                n = dist.get((d, p // per))
                if n:
                    rows.append(("district", d, code, p, float(n)))
    return pl.DataFrame(rows, schema={"unit_kind": pl.String, "unit": pl.String, "municipality": pl.Int64,
                                      "p": pl.Int64, "pop": pl.Float64}, orient="row")


def _finish(ind_id: str, agg: pl.LazyFrame, skeleton: pl.LazyFrame) -> pl.LazyFrame:
    ind = BY_ID[ind_id]
    if ind.kind in POPULATION_KINDS:
        out = skeleton.join(agg.drop("den", "value"), on=KEYS, how="left").with_columns(
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
            expanded = _expand(FAMILIES[b.family](ctx), kinds)
            plans[key] = _highest(expanded) if b.family == "stock" else expanded
    if ctx.engine == "streaming":
        facts_ = plans
    else:
        facts_ = {k: df.lazy() for k, df in zip(plans, pl.collect_all(list(plans.values()), engine=ctx.engine),
                                                strict=True)}
    results = []
    for ind_id in wanted:
        b = BINDINGS[ind_id]
        df = facts_[keys[ind_id]]
        agg = _aggregate_stock(df, b) if b.family == "stock" else _aggregate(df, b)
        results.append(_finish(ind_id, agg, skeleton))
    return _output(results, periods, ctx.engine)


def _output(results: list[pl.LazyFrame], periods: Periods, engine: str = "streaming") -> pl.DataFrame:
    """One query for the whole catalogue, run at once: polars runs the independent branches in
    parallel and the shared ones (a fact table used by several indicators) once."""
    if not results:
        return pl.DataFrame(schema=OUT_SCHEMA)
    labels = pl.LazyFrame({"p": [p.index for p in periods], "period": [p.label for p in periods]},
                          schema={"p": pl.Int64, "period": pl.String})
    parts = [r.select("indicator", *KEYS, "num", "den", "value", "count").cast(
        {"num": pl.Float64, "den": pl.Float64, "value": pl.Float64, "count": pl.Int64}) for r in results]
    df = pl.concat(parts, how="vertical_relaxed")
    df = (df.join(labels, on="p", how="inner").sort(["indicator", "unit_kind", "unit", "p"])
          .rename({"num": "numerator", "den": "denominator"}))
    return df.select(list(OUT_SCHEMA)).cast(OUT_SCHEMA).collect(engine=engine)  # type: ignore[arg-type]


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
    if b.family == "stock":
        hs = df.group_by("child").agg(hs=pl.col("ks").max(), subject=pl.col("subject").sort_by("ks").last())
        if b.agg == "highest_step":
            hs = hs.filter(pl.col("hs") == b.step).with_columns(in_numerator=pl.lit(True))
        else:
            hs = hs.filter(pl.col("hs") >= PLACEMENT_FROM).with_columns(in_numerator=pl.col("hs") < 6)
        out = hs.with_columns(value=pl.col("hs").cast(pl.Float64))
    else:
        flag = pl.col(b.flag) if b.flag else pl.lit(True)
        value = pl.col("x") if "x" in df.collect_schema().names() else pl.lit(None, dtype=pl.Float64)
        if b.agg == "median":
            df = df.filter(pl.col("x").is_not_null())
        out = df.with_columns(in_numerator=flag, value=value.cast(pl.Float64))
        if b.agg in ("sum_per_child", "money_share"):
            out = out.group_by("child").agg(subject=pl.col("subject").first(), in_numerator=pl.lit(True),
                                            value=pl.col("x").sum())
        out = out.group_by("child", "subject").agg(in_numerator=pl.col("in_numerator").any(),
                                                   value=pl.col("value").first())
    out = out.select("child", pl.col("subject").cast(pl.String), "in_numerator", "value").collect(engine=ctx.engine)
    out = out.with_columns(child=pl.Series(frames.decode(out["child"].to_list()), dtype=pl.String))
    return out.sort(["in_numerator", "child", "subject"])
