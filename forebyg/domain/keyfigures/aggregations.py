# SPDX-License-Identifier: MPL-2.0
"""How a key figure is computed: a typed registry of aggregations and each indicator's binding.

An indicator's catalogue entry says how it is computed, in one declaration next to its
definition: ``computed=by("ended", "subject_share", flag="down")`` — the fact table (a family of
`engine.FAMILIES`), the aggregation registered here, the flag column that marks the numerator,
an optional row filter and (for the staircase) a step. The engine reads `BINDINGS`; the per-child
oracle (`oracle.py`) computes every figure independently and the tests compare the two.

An aggregation turns a fact table into figures per unit and period (`aggregate`) and lists the
children behind one figure (`members`: child, subject, in_numerator, value). A new kind of
figure registers one with `register_aggregation(Aggregation(...))`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

from .context import PLACEMENT_FROM

KEYS = ["unit_kind", "unit", "municipality", "p"]


@dataclass(frozen=True)
class Binding:
    family: str  # the fact table (engine.FAMILIES)
    agg: Aggregation
    flag: str | None = None  # the column that puts a row in the numerator
    where: Callable[[], pl.Expr] | None = None  # a filter on the fact table's rows
    step: int | None = None  # the staircase step (highest_step)


@dataclass(frozen=True)
class Aggregation:
    name: str
    aggregate: Callable[[pl.LazyFrame, Binding], pl.LazyFrame]  # -> KEYS, num, den, value, count
    members: Callable[[pl.LazyFrame, Binding], pl.LazyFrame]  # one unit and period -> child, subject, in_numerator, value
    per_child_highest_step: bool = False  # reads each child's highest step (the "stock" family)
    # What the drill-down's n counts: "children", "subjects" (items such as notifications or
    # deadlines: a notification naming two children is one) or "paid" (children with an amount).
    drill_counts: str = "children"


AGGREGATIONS: dict[str, Aggregation] = {}
BINDINGS: dict[str, Binding] = {}


def register_aggregation(agg: Aggregation) -> Aggregation:
    if AGGREGATIONS.get(agg.name, agg) != agg:
        raise ValueError(f"aggregation {agg.name!r} is registered twice")
    AGGREGATIONS[agg.name] = agg
    return agg


def by(family: str, aggregation: str, flag: str | None = None, where: Callable[[], pl.Expr] | None = None,
       step: int | None = None) -> Binding:
    """An indicator's computation (the ``computed=`` of its catalogue entry)."""
    if aggregation not in AGGREGATIONS:
        raise ValueError(f"unknown aggregation {aggregation!r}; registered: {', '.join(AGGREGATIONS)}")
    return Binding(family, AGGREGATIONS[aggregation], flag, where, step)


def bind(indicator_id: str, binding: Binding) -> None:
    if BINDINGS.get(indicator_id, binding) != binding:
        raise ValueError(f"indicator {indicator_id!r} is bound twice")
    BINDINGS[indicator_id] = binding


_NONE = pl.lit(None, dtype=pl.Float64)


def _flag(b: Binding) -> pl.Expr:
    assert b.flag, "this aggregation needs a flag"
    return pl.col(b.flag)


# -- per unit and period --------------------------------------------------------------------------

def _rows(df: pl.LazyFrame, b: Binding) -> pl.LazyFrame:
    return df.group_by(KEYS).agg(num=pl.len().cast(pl.Float64), den=_NONE, value=_NONE, count=pl.len().cast(pl.Int64))


def _children(df: pl.LazyFrame, b: Binding) -> pl.LazyFrame:
    return df.group_by(KEYS).agg(num=pl.col("child").n_unique().cast(pl.Float64), den=_NONE, value=_NONE,
                                 count=pl.col("child").n_unique().cast(pl.Int64))


def _children_share(df: pl.LazyFrame, b: Binding) -> pl.LazyFrame:
    return df.group_by(KEYS).agg(num=pl.col("child").filter(_flag(b)).n_unique().cast(pl.Float64),
                                 den=pl.col("child").n_unique().cast(pl.Float64), value=_NONE,
                                 count=pl.col("child").n_unique().cast(pl.Int64))


def _subject_share(df: pl.LazyFrame, b: Binding) -> pl.LazyFrame:  # fact tables hold one row per subject and unit
    return df.group_by(KEYS).agg(num=_flag(b).sum().cast(pl.Float64), den=pl.len().cast(pl.Float64), value=_NONE,
                                 count=pl.len().cast(pl.Int64))


def _median(df: pl.LazyFrame, b: Binding) -> pl.LazyFrame:
    df = df.filter(pl.col("x").is_not_null())
    return df.group_by(KEYS).agg(num=_NONE, den=_NONE, value=pl.col("x").median(), count=pl.len().cast(pl.Int64))


def _sum_per_child(df: pl.LazyFrame, b: Binding) -> pl.LazyFrame:
    return df.group_by(KEYS).agg(num=pl.col("x").sum(), den=_NONE, value=_NONE,
                                 count=pl.col("child").filter(pl.col("x") > 0).n_unique().cast(pl.Int64))


def _money_share(df: pl.LazyFrame, b: Binding) -> pl.LazyFrame:
    return df.group_by(KEYS).agg(num=pl.col("y").sum(), den=pl.col("x").sum(), value=_NONE,
                                 count=pl.col("child").filter(pl.col("x") > 0).n_unique().cast(pl.Int64)
                                 ).filter(pl.col("den") > 0)


def _per_staff(df: pl.LazyFrame, b: Binding) -> pl.LazyFrame:
    return df.group_by(KEYS).agg(num=pl.col("child").n_unique().cast(pl.Float64),
                                 den=pl.col("staff").n_unique().cast(pl.Float64), value=_NONE,
                                 count=pl.col("child").n_unique().cast(pl.Int64))


def _highest_step(hs: pl.LazyFrame, b: Binding) -> pl.LazyFrame:
    return hs.filter(pl.col("hs") == b.step).group_by(KEYS).agg(
        num=pl.len().cast(pl.Float64), den=_NONE, value=_NONE, count=pl.len().cast(pl.Int64))


def _family_share(hs: pl.LazyFrame, b: Binding) -> pl.LazyFrame:
    placed = hs.filter(pl.col("hs") >= PLACEMENT_FROM)
    return placed.group_by(KEYS).agg(num=(pl.col("hs") < 6).sum().cast(pl.Float64), den=pl.len().cast(pl.Float64),
                                     value=_NONE, count=pl.len().cast(pl.Int64))


# -- the children behind one figure ---------------------------------------------------------------

def _per_subject(out: pl.LazyFrame) -> pl.LazyFrame:
    return out.group_by("child", "subject").agg(in_numerator=pl.col("in_numerator").any(),
                                                value=pl.col("value").first())


def _flagged(df: pl.LazyFrame, b: Binding) -> pl.LazyFrame:
    flag = pl.col(b.flag) if b.flag else pl.lit(True)
    value = pl.col("x") if "x" in df.collect_schema().names() else pl.lit(None, dtype=pl.Float64)
    return _per_subject(df.with_columns(in_numerator=flag, value=value.cast(pl.Float64)))


def _median_members(df: pl.LazyFrame, b: Binding) -> pl.LazyFrame:
    return _flagged(df.filter(pl.col("x").is_not_null()), b)


def _amount_members(df: pl.LazyFrame, b: Binding) -> pl.LazyFrame:
    out = df.group_by("child").agg(subject=pl.col("subject").first(), in_numerator=pl.lit(True),
                                   value=pl.col("x").sum())
    return _per_subject(out)


def _highest(df: pl.LazyFrame) -> pl.LazyFrame:
    return df.group_by("child").agg(hs=pl.col("ks").max(), subject=pl.col("subject").sort_by("ks").last())


def _highest_step_members(df: pl.LazyFrame, b: Binding) -> pl.LazyFrame:
    hs = _highest(df).filter(pl.col("hs") == b.step).with_columns(in_numerator=pl.lit(True))
    return hs.with_columns(value=pl.col("hs").cast(pl.Float64))


def _family_share_members(df: pl.LazyFrame, b: Binding) -> pl.LazyFrame:
    hs = _highest(df).filter(pl.col("hs") >= PLACEMENT_FROM).with_columns(in_numerator=pl.col("hs") < 6)
    return hs.with_columns(value=pl.col("hs").cast(pl.Float64))


for _agg in (
    Aggregation("rows", drill_counts="subjects", aggregate=_rows, members=_flagged),
    Aggregation("children", _children, _flagged),
    Aggregation("children_share", _children_share, _flagged),
    Aggregation("subject_share", drill_counts="subjects", aggregate=_subject_share, members=_flagged),
    Aggregation("median", drill_counts="subjects", aggregate=_median, members=_median_members),
    Aggregation("sum_per_child", _sum_per_child, _amount_members, drill_counts="paid"),
    Aggregation("money_share", _money_share, _amount_members, drill_counts="paid"),
    Aggregation("per_staff", _per_staff, _flagged),
    Aggregation("highest_step", _highest_step, _highest_step_members, per_child_highest_step=True),
    Aggregation("family_share", _family_share, _family_share_members, per_child_highest_step=True),
):
    register_aggregation(_agg)
