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
    # The same figures as expressions over one group (num, den, value, count), the binding's row
    # filter included: the engine then computes every indicator of a fact table in one group-by
    # (issue #20). Groups it makes where `aggregate` makes none hold zero counts; `nonempty` drops
    # them where a figure would otherwise appear (a median of no values).
    columns: Callable[[Binding], dict[str, pl.Expr]] | None = None
    nonempty: bool = False


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


# -- the same, as expressions over one group (the binding's row filter folded in) ------------------

def _rows_where(b: Binding, also: pl.Expr | None = None) -> pl.Expr:
    """The number of the group's rows that pass the binding's filter (and `also`)."""
    conds = [c for c in (b.where() if b.where is not None else None, also) if c is not None]
    if not conds:
        return pl.len().cast(pl.Int64)
    cond = conds[0] if len(conds) == 1 else conds[0] & conds[1]
    return cond.sum().cast(pl.Int64)


def _of(b: Binding, col: str, also: pl.Expr | None = None) -> pl.Expr:
    """A column of the group's rows that pass the binding's filter (and `also`)."""
    conds = [c for c in (b.where() if b.where is not None else None, also) if c is not None]
    if not conds:
        return pl.col(col)
    return pl.col(col).filter(conds[0] if len(conds) == 1 else conds[0] & conds[1])


def _rows_cols(b: Binding) -> dict[str, pl.Expr]:
    n = _rows_where(b)
    return {"num": n.cast(pl.Float64), "den": _NONE, "value": _NONE, "count": n}


def _children_cols(b: Binding) -> dict[str, pl.Expr]:
    n = _of(b, "child").n_unique()
    return {"num": n.cast(pl.Float64), "den": _NONE, "value": _NONE, "count": n.cast(pl.Int64)}


def _children_share_cols(b: Binding) -> dict[str, pl.Expr]:
    den = _of(b, "child").n_unique()
    return {"num": _of(b, "child", _flag(b)).n_unique().cast(pl.Float64), "den": den.cast(pl.Float64),
            "value": _NONE, "count": den.cast(pl.Int64)}


def _subject_share_cols(b: Binding) -> dict[str, pl.Expr]:
    n = _rows_where(b)
    assert b.flag, "this aggregation needs a flag"
    return {"num": _of(b, b.flag).sum().cast(pl.Float64), "den": n.cast(pl.Float64), "value": _NONE,
            "count": n}


def _median_cols(b: Binding) -> dict[str, pl.Expr]:
    present = pl.col("x").is_not_null()
    return {"num": _NONE, "den": _NONE, "value": _of(b, "x", present).median(), "count": _rows_where(b, present)}


def _sum_per_child_cols(b: Binding) -> dict[str, pl.Expr]:
    return {"num": _of(b, "x").sum(), "den": _NONE, "value": _NONE,
            "count": _of(b, "child", pl.col("x") > 0).n_unique().cast(pl.Int64)}


def _money_share_cols(b: Binding) -> dict[str, pl.Expr]:  # `engine._finish` keeps den > 0 only
    return {"num": _of(b, "y").sum(), "den": _of(b, "x").sum(), "value": _NONE,
            "count": _of(b, "child", pl.col("x") > 0).n_unique().cast(pl.Int64)}


def _per_staff_cols(b: Binding) -> dict[str, pl.Expr]:
    n = _of(b, "child").n_unique()
    return {"num": n.cast(pl.Float64), "den": _of(b, "staff").n_unique().cast(pl.Float64), "value": _NONE,
            "count": n.cast(pl.Int64)}


def _highest_step_cols(b: Binding) -> dict[str, pl.Expr]:
    n = _rows_where(b, pl.col("hs") == b.step)
    return {"num": n.cast(pl.Float64), "den": _NONE, "value": _NONE, "count": n}


def _family_share_cols(b: Binding) -> dict[str, pl.Expr]:
    placed = pl.col("hs") >= PLACEMENT_FROM
    n = _rows_where(b, placed)
    return {"num": _rows_where(b, placed & (pl.col("hs") < 6)).cast(pl.Float64), "den": n.cast(pl.Float64),
            "value": _NONE, "count": n}


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
    Aggregation("rows", drill_counts="subjects", aggregate=_rows, members=_flagged, columns=_rows_cols),
    Aggregation("children", _children, _flagged, columns=_children_cols),
    Aggregation("children_share", _children_share, _flagged, columns=_children_share_cols),
    Aggregation("subject_share", drill_counts="subjects", aggregate=_subject_share, members=_flagged,
                columns=_subject_share_cols),
    Aggregation("median", drill_counts="subjects", aggregate=_median, members=_median_members,
                columns=_median_cols, nonempty=True),
    Aggregation("sum_per_child", _sum_per_child, _amount_members, drill_counts="paid", columns=_sum_per_child_cols),
    Aggregation("money_share", _money_share, _amount_members, drill_counts="paid", columns=_money_share_cols),
    Aggregation("per_staff", _per_staff, _flagged, columns=_per_staff_cols),
    Aggregation("highest_step", _highest_step, _highest_step_members, per_child_highest_step=True,
                columns=_highest_step_cols),
    Aggregation("family_share", _family_share, _family_share_members, per_child_highest_step=True,
                columns=_family_share_cols),
):
    register_aggregation(_agg)
