# SPDX-License-Identifier: MPL-2.0
"""Fact tables of the columnar path: one row per counted thing (a notification about a child,
a measure running at the end of a period, a day-weighted cost, ...), with its municipality,
team, district, period index `p` and the flags and values the indicators aggregate.

Every builder takes the shared context (data at `as_of`, periods) and returns
a frame with at least: municipality, team, district, child, subject, p.
"""

from __future__ import annotations

from datetime import timedelta

import polars as pl

from .context import PLACEMENT_FROM, Ctx, kf_step, local_date

STEP_WINDOW_DAYS = 183
REPEAT_DAYS = 365


def _district(df: pl.LazyFrame, ctx: Ctx) -> pl.LazyFrame:
    return ctx.with_district(df)


def notification_pairs(ctx: Ctx) -> pl.LazyFrame:
    """One row per (notification, child), with `repeat`: notified about again within 365 days of the
    previous (strictly earlier) notification about the child."""
    pairs = (ctx.f("notification").select("id", "municipality", "team", "received_at", "children")
             .explode("children").rename({"children": "child"}).filter(pl.col("child").is_not_null())
             .sort(["child", "received_at"]))
    # Sorted by child and time: the previous distinct time of the same child, carried over a run of
    # equal times (no window function: a shift and a forward fill within runs of the same child).
    same_child = pl.col("child") == pl.col("child").shift(1)
    new_time = ~same_child | (pl.col("received_at") != pl.col("received_at").shift(1))
    out = (pairs.with_columns(_new=new_time.fill_null(True))
           .with_columns(_start=pl.when(pl.col("_new")).then(pl.int_range(pl.len())).otherwise(None).forward_fill())
           .with_columns(_prev=pl.when(pl.col("_new") & same_child.fill_null(False))
                         .then(pl.col("received_at").shift(1)).otherwise(None))
           .with_columns(_prev=pl.col("_prev").gather(pl.col("_start").cast(pl.UInt32)))
           .with_columns(repeat=pl.col("_prev").is_not_null()
                         & (pl.col("received_at") - pl.col("_prev") <= timedelta(days=REPEAT_DAYS)),
                         p=ctx.p(local_date("received_at")), subject=pl.col("id"))
           .filter(ctx.in_periods()).drop("_new", "_start", "_prev"))
    return _district(out, ctx)


def _active_range(ctx: Ctx, start: str, end: str) -> tuple[pl.Expr, pl.Expr]:
    """Period indices during which [start, end] is active (end null: still running)."""
    lo = ctx.p(local_date(start))
    hi = pl.when(pl.col(end).is_null()).then(pl.lit(ctx.periods.last)).otherwise(ctx.p(local_date(end)))
    return pl.max_horizontal(lo, pl.lit(ctx.periods.first)), pl.min_horizontal(hi, pl.lit(ctx.periods.last))


def _explode_periods(df: pl.LazyFrame, lo: pl.Expr, hi: pl.Expr) -> pl.LazyFrame:
    return (df.with_columns(_lo=lo, _hi=hi).filter(pl.col("_lo") <= pl.col("_hi"))
            .with_columns(p=pl.int_ranges(pl.col("_lo"), pl.col("_hi") + 1)).explode("p").drop("_lo", "_hi"))


def counselling_active(ctx: Ctx) -> pl.LazyFrame:
    staff = ctx.f("staff").select(pl.col("id").alias("caseworker"), pl.col("team").alias("staff_team"))
    c = (ctx.f("counselling").join(staff, on="caseworker", how="left")
         .with_columns(team=pl.col("staff_team"), subject=pl.col("id")))
    lo, hi = _active_range(ctx, "started_at", "ended_at")
    return _district(_explode_periods(c, lo, hi), ctx)


def decisions(ctx: Ctx) -> pl.LazyFrame:
    d = (ctx.f("decision").filter(pl.col("outcome").is_in(["early_support", "investigation"]))
         .with_columns(**ctx.lookup("notification", "notification", {"n_team": "team"}))
         .with_columns(team=pl.col("n_team"), subject=pl.col("id"), early=pl.col("outcome") == "early_support",
                       p=ctx.p(local_date("decided_at")))
         .filter(ctx.in_periods()))
    return _district(d, ctx)


def _days(a: str, b: str) -> pl.Expr:
    """Calendar days between the Copenhagen dates of two instants."""
    return (local_date(b) - local_date(a)).dt.total_days().cast(pl.Float64)


def investigations(ctx: Ctx, at: str) -> pl.LazyFrame:
    """Investigations placed in the period of `at` (started_at or completed_at), with x = days aware → completed."""
    i = (ctx.f("investigation").filter(pl.col(at).is_not_null()).with_columns(**ctx.case_columns())
         .with_columns(team=pl.col("case_team"), subject=pl.col("id"), p=ctx.p(local_date(at)),
                       x=pl.when(pl.col("completed_at").is_not_null()).then(_days("aware_at", "completed_at")))
         .filter(ctx.in_periods()))
    return _district(i, ctx)


def _measures(ctx: Ctx) -> pl.LazyFrame:
    return ctx.memo("measures", lambda: ctx.f("measure").with_columns(**ctx.case_columns())
                    .with_columns(team=pl.col("case_team"), subject=pl.col("id"), ks=kf_step()))


def measures_active(ctx: Ctx) -> pl.LazyFrame:
    """Started measures, one row per period during which they ran."""
    m = _measures(ctx).filter(pl.col("started_at").is_not_null())
    lo, hi = _active_range(ctx, "started_at", "ended_at")
    return _district(_explode_periods(m, lo, hi), ctx)


def _stock(df: pl.LazyFrame, ctx: Ctx, start: str, end: str) -> pl.LazyFrame:
    """Rows running at the end of each period: start < T and (end null or end >= T), where T is the
    period's end or, for a period still running, as_of."""
    as_of = ctx.as_of
    lo = ctx.p(local_date(start)) + pl.when(pl.col(start) >= pl.lit(as_of)).then(1).otherwise(0)
    hi = (pl.when(pl.col(end).is_null() | (pl.col(end) >= pl.lit(as_of))).then(pl.lit(ctx.periods.last))
          .otherwise(ctx.p(local_date(end)) - 1))
    lo = pl.max_horizontal(lo, pl.lit(ctx.periods.first))
    hi = pl.min_horizontal(hi, pl.lit(ctx.periods.last))
    return _explode_periods(df, lo, hi)


def measures_stock(ctx: Ctx) -> pl.LazyFrame:
    m = _measures(ctx).filter(pl.col("started_at").is_not_null())
    return _district(_stock(m, ctx, "started_at", "ended_at"), ctx)


def measures_started(ctx: Ctx) -> pl.LazyFrame:
    m = (_measures(ctx).filter(pl.col("started_at").is_not_null())
         .with_columns(p=ctx.p(local_date("started_at")), x=_days("decided_at", "started_at"))
         .filter(ctx.in_periods()))
    return _district(m, ctx)


def measures_ended(ctx: Ctx) -> pl.LazyFrame:
    """Measures ended in the period, with the step of the child's next measure (decided within
    183 days after the end; the first by decision time, then id) and x = days on the measure."""
    m = _measures(ctx)
    ended = m.filter(pl.col("ended_at").is_not_null())
    nxt = (ended.select("id", "child", "ended_at")
           .join(m.select(pl.col("child"), n_id="id", n_decided="decided_at", n_ks="ks"), on="child")
           .filter((pl.col("n_id") != pl.col("id")) & (pl.col("n_decided") >= pl.col("ended_at"))
                   & (pl.col("n_decided") <= pl.col("ended_at") + timedelta(days=STEP_WINDOW_DAYS)))
           .sort(["id", "n_decided", "n_id"]).group_by("id", maintain_order=True).first()
           .select("id", "n_ks"))
    out = (ended.join(nxt, on="id", how="left")
           .with_columns(down=pl.col("n_ks").is_not_null() & (pl.col("n_ks") < pl.col("ks")),
                         up=pl.col("n_ks").is_not_null() & (pl.col("n_ks") > pl.col("ks")),
                         x=pl.when(pl.col("started_at").is_not_null()).then(_days("started_at", "ended_at")),
                         p=ctx.p(local_date("ended_at")))
           .filter(ctx.in_periods()))
    return _district(out, ctx)


def spending(ctx: Ctx) -> pl.LazyFrame:
    """One row per (measure, period) with x = DKK in the period and y = x for steps 1-3."""
    offers = ctx.f("offer").select(pl.col("id").alias("offer"), "price_per_month")
    m = (_measures(ctx).filter(pl.col("started_at").is_not_null()).join(offers, on="offer", how="inner")
         .with_columns(d0=local_date("started_at"),
                       d1=pl.when(pl.col("ended_at").is_not_null()).then(local_date("ended_at"))
                       .otherwise(pl.lit(ctx.as_of_next_day))))
    m = m.filter(pl.col("d1") > pl.col("d0"))
    lo = pl.max_horizontal(ctx.p(pl.col("d0")), pl.lit(ctx.periods.first))
    hi = pl.min_horizontal(ctx.p(pl.col("d1") - pl.duration(days=1)), pl.lit(ctx.periods.last))
    out = _explode_periods(m, lo, hi)
    bounds = _period_bounds(ctx)
    out = out.join(bounds, on="p", how="left").with_columns(
        days=(pl.min_horizontal("d1", "p_next") - pl.max_horizontal("d0", "p_first")).dt.total_days())
    out = out.filter(pl.col("days") > 0).with_columns(
        x=pl.col("price_per_month") * 12.0 / 365.0 * pl.col("days").cast(pl.Float64))
    out = out.with_columns(y=pl.when(pl.col("ks") < PLACEMENT_FROM).then(pl.col("x")).otherwise(0.0))
    return _district(out, ctx)


def _period_bounds(ctx: Ctx) -> pl.LazyFrame:
    ps = list(ctx.periods)
    return pl.LazyFrame({"p": [p.index for p in ps], "p_first": [p.first_day for p in ps],
                         "p_next": [p.next_first_day for p in ps]},
                        schema={"p": pl.Int64, "p_first": pl.Date, "p_next": pl.Date})


def open_cases(ctx: Ctx) -> pl.LazyFrame:
    c = (ctx.f("case").filter(pl.col("caseworker").is_not_null())
         .with_columns(subject=pl.col("id"), staff=pl.col("caseworker")))
    return _district(_stock(c, ctx, "opened_at", "closed_at"), ctx)
