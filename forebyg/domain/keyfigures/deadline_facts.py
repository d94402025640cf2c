# SPDX-License-Identifier: MPL-2.0
"""The deadline engine's obligations, computed columnar for the key figures.

Each function reproduces one evaluator of `forebyg.domain.deadlines` (same
start, deadline, met-by record and status, with the national default rules
and calendar) for every subject at once, and returns the *decided*
obligations (met, on time or late, or overdue) as facts: one row per
obligation (per child for notifications), with the period of its deadline
and the flags `on_time` and `met`. The oracle (`oracle.py`) calls the engine
itself; the property test checks that both agree.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from ..deadlines.age import young_adult_support
from ..deadlines.catalogue import RULESETS
from ..deadlines.index import FEEDBACK_STARTED
from ..deadlines.model import Rule
from ..interchange.schema import NO_FEEDBACK_NOTIFIER_KINDS
from ..staircase import MEASURE_KINDS
from .context import EARLY_KINDS, Ctx, add_months, eod, law, local_date, sod

FACT_COLS = ["municipality", "team", "child", "subject", "p", "on_time", "met"]


def _rules(kind: str) -> dict[str, Rule]:
    """The rule of this kind in each law period (every law period has each kind the columnar path asks for)."""
    return {lawname: rule for lawname, rs in RULESETS.items() if (rule := rs.by_kind(kind)) is not None}


def _param(kind: str, name: str) -> dict[str, Any]:
    return {lawname: rule.param(name) for lawname, rule in _rules(kind).items()}


def _same(kind: str, name: str) -> Any:
    values = set(map(repr, _param(kind, name).values()))
    if len(values) != 1:
        raise NotImplementedError(f"{kind}.{name} differs by law period; the columnar path assumes it does not")
    return next(iter(_param(kind, name).values()))


def _duration(kind: str) -> tuple[int, str]:
    ds = {(r.duration.amount, r.duration.unit) for r in _rules(kind).values() if r.duration}
    if len(ds) != 1:
        raise NotImplementedError(f"{kind}: the columnar path assumes one deadline for both law periods")
    return next(iter(ds))


# Measures of young-adult support (BL §§ 114-116, SEL § 76): their obligations go on past 18.
YOUNG_ADULT_KINDS = [k.code for k in MEASURE_KINDS if young_adult_support(k.law, k.legal_basis)]


def _with_adult(df: pl.LazyFrame, ctx: Ctx) -> pl.LazyFrame:
    """`_adult`: the instant the row's child turns 18 (the start of the Copenhagen day of the 18th
    birthday; born 29 February: 1 March), as the engine's age rule (`deadlines/age.py`) has it.

    The moment is computed for the rows' children only, not for every child of the country
    (issue #20)."""
    born = pl.col("birth_date")
    leap = (born.dt.month() == 2) & (born.dt.day() == 29)
    day = pl.when(leap).then(pl.date(born.dt.year() + 18, 3, 1)).otherwise(born.dt.offset_by("18y"))
    return df.with_columns(**ctx.lookup("child", "child", {"birth_date": "birth_date"})).with_columns(
        _adult=sod(day)).drop("birth_date")


def _ended_at_18(ctx: Ctx) -> pl.Expr:
    """An obligation owed to a child, unmet when the child turned 18 (by as_of) before its deadline:
    not applicable, as in the engine (`deadlines/context.py`, `add`)."""
    a = pl.col("_adult")
    return pl.col("met_at").is_null() & a.is_not_null() & (a <= pl.lit(ctx.as_of)) & (a < pl.col("due"))


def _decide(df: pl.LazyFrame, ctx: Ctx, *, na: pl.Expr | None = None) -> pl.LazyFrame:
    """Status columns from `met_at`, `due` (and `closed` for not-applicable): keep decided ones."""
    met = pl.col("met_at").is_not_null()
    not_na = pl.lit(True) if na is None else ~na
    return (df.with_columns(met=met, on_time=met & (pl.col("met_at") <= pl.col("due")),
                            decided=met | (not_na & (pl.lit(ctx.as_of) > pl.col("due"))))
            .filter(pl.col("decided"))
            .with_columns(p=ctx.p(local_date("due")))
            .filter(ctx.in_periods()))


def _notification_units(df: pl.LazyFrame, ctx: Ctx) -> pl.LazyFrame:
    """One row per obligation; per (obligation, district) when districts are among the units (a
    notification about children in two districts counts in both), per (obligation, child) for the
    drill-down."""
    if not (ctx.districts or ctx.children):
        return df.with_columns(child=pl.lit(None, dtype=pl.Int64), district=pl.lit(None, dtype=pl.String)).select(
            *FACT_COLS, "district")
    out = (df.explode("children").rename({"children": "child"})
           .with_columns(**ctx.lookup("child", "child", {"district": "district"}))
           .select(*FACT_COLS, "district"))
    return out if ctx.children else out.unique(["subject", "district"], keep="first", maintain_order=True)


def acute_assessment(ctx: Ctx) -> pl.LazyFrame:
    amount, unit = _duration("acute_assessment")
    assert unit == "clock_hours"
    n = ctx.f("notification")
    met = ctx.f("acute_assessment").group_by("notification").agg(met_at=pl.col("assessed_at").min())
    df = (n.join(met, left_on="id", right_on="notification", how="left")
          .with_columns(due=pl.col("received_at") + pl.duration(hours=amount), subject=pl.col("id")))
    return _notification_units(_decide(df, ctx), ctx)


def acknowledgement(ctx: Ctx) -> pl.LazyFrame:
    amount, unit = _duration("acknowledgement")
    assert unit == "working_days"
    professional_only = _same("acknowledgement", "notifiers") == "professional"
    saturdays = bool(_same("acknowledgement", "count_saturdays"))
    n = ctx.f("notification")
    if professional_only:
        n = n.filter(pl.col("notifier_professional"))
    met = ctx.f("acknowledgement").group_by("notification").agg(met_at=pl.col("sent_at").min())
    df = (n.with_columns(**ctx.lookup_in("ack_met", met, "id", {"met_at": "met_at"}))
          .with_columns(_day=local_date("received_at"), subject=pl.col("id")))
    df = ctx.add_working_days(df, "_day", amount, "_due_day", saturdays).with_columns(due=eod(pl.col("_due_day")))
    na = (pl.col("notifier_kind") == "anonymous") & pl.col("met_at").is_null()
    return _notification_units(_decide(df, ctx, na=na), ctx)


def notifier_feedback(ctx: Ctx) -> pl.LazyFrame:
    amount, unit = _duration("notifier_feedback")
    assert unit == "working_days"
    window = int(_same("notifier_feedback", "trigger_window_months"))
    count_early = bool(_same("notifier_feedback", "count_early_support"))
    # feedback_owed (interchange.schema), as columns: a professional notifier who is not anonymous
    n = ctx.f("notification").filter(pl.col("notifier_professional")
                                     & ~pl.col("notifier_kind").is_in(NO_FEEDBACK_NOTIFIER_KINDS))
    pairs = n.select(pl.col("id").alias("nid"), "received_at", "children").explode("children").rename(
        {"children": "child"})
    measures = ctx.f("measure")
    if not count_early:
        measures = measures.filter(~pl.col("kind").is_in(EARLY_KINDS))
    events = pl.concat([ctx.f("investigation").select("child", t=pl.col("started_at")),
                        measures.select("child", t=pl.col("decided_at"))])
    trig = (pairs.join(events, on="child", how="inner").filter(pl.col("t") >= pl.col("received_at"))
            .group_by("nid").agg(trigger=pl.col("t").min()))
    met = (ctx.f("notifier_feedback").filter(pl.col("content").is_in(list(FEEDBACK_STARTED)))
           .group_by("notification").agg(met_at=pl.col("given_at").min()))
    df = (n.join(trig, left_on="id", right_on="nid", how="inner")
          .filter(pl.col("trigger") <= eod(add_months(local_date("received_at"), window)))
          .with_columns(**ctx.lookup_in("feedback_met", met, "id", {"met_at": "met_at"}))
          .with_columns(_day=local_date("trigger"), subject=pl.col("id")))
    df = ctx.add_working_days(df, "_day", amount, "_due_day").with_columns(due=eod(pl.col("_due_day")))
    return _notification_units(_decide(df, ctx), ctx)


def _case_units(df: pl.LazyFrame, ctx: Ctx) -> pl.LazyFrame:
    return ctx.with_district(df).select(*FACT_COLS, "district")


def investigation(ctx: Ctx) -> pl.LazyFrame:
    amount, unit = _duration("investigation")
    assert unit == "calendar_months"
    df = (ctx.f("investigation").with_columns(**ctx.case_columns())
          .with_columns(due=eod(add_months(local_date("aware_at"), amount)), met_at=pl.col("completed_at"),
                        subject=pl.col("id"), team=pl.col("case_team")))
    na = (pl.col("met_at").is_null() & pl.col("case_closed").is_not_null() & (pl.col("case_closed") < pl.col("due"))
          | _ended_at_18(ctx))
    return _case_units(_decide(_with_adult(df, ctx), ctx, na=na), ctx)


def _measure_end(df: pl.LazyFrame) -> pl.LazyFrame:
    """When a measure stopped: ended, or its case closed, whichever came first."""
    return df.with_columns(end=pl.min_horizontal("ended_at", "case_closed"))


def child_conversation(ctx: Ctx) -> pl.LazyFrame:
    months = int(_same("child_conversation", "lookback_months"))
    include_early = bool(_same("child_conversation", "include_early"))
    m = ctx.f("measure")
    if not include_early:
        m = m.filter(~pl.col("kind").is_in(EARLY_KINDS))
    m = _measure_end(m.with_columns(**ctx.case_columns())).with_columns(_day=local_date("decided_at"))
    convs = ctx.f("child_conversation").select("child", "held_at").sort("held_at")
    m = m.sort("decided_at")
    back = m.join_asof(convs.rename({"held_at": "back"}), left_on="decided_at", right_on="back", by="child",
                       strategy="backward", check_sortedness=False)
    both = back.join_asof(convs.rename({"held_at": "fwd"}), left_on="decided_at", right_on="fwd", by="child",
                          strategy="forward", check_sortedness=False)
    opens = sod(add_months(pl.col("_day"), -months))
    late = eod(add_months(pl.col("_day"), months))
    df = both.with_columns(
        met_at=pl.when(pl.col("back").is_not_null() & (pl.col("back") >= opens)).then(pl.col("back"))
        .when(pl.col("fwd").is_not_null() & (pl.col("fwd") <= late)).then(pl.col("fwd")).otherwise(None),
        due=pl.col("decided_at"), subject=pl.col("id"), team=pl.col("case_team"))
    na = (pl.col("met_at").is_null() & pl.col("end").is_not_null() & (pl.col("end") < pl.col("due"))
          | _ended_at_18(ctx) & ~pl.col("kind").is_in(YOUNG_ADULT_KINDS))
    return _case_units(_decide(_with_adult(df, ctx), ctx, na=na), ctx)


def followup(ctx: Ctx) -> pl.LazyFrame:
    amount, unit = _duration("followup")
    assert unit == "calendar_months"
    at_completion = _param("followup", "first_at_investigation_completion")
    interval = _param("followup", "interval_months")
    use_next = _param("followup", "use_next_due")
    m = (ctx.f("measure").filter(~pl.col("kind").is_in(EARLY_KINDS)).with_columns(**ctx.case_columns())
         .with_columns(law=law(local_date("decided_at")), start=pl.coalesce("started_at", "decided_at")))
    m = _measure_end(m).with_columns(due1=eod(add_months(local_date("start"), amount)))
    # First follow-up no later than a parallel investigation's completion (where the rule says so).
    invs = ctx.f("investigation").filter(pl.col("completed_at").is_not_null()).select(
        "child", inv_started="started_at", inv_done="completed_at")
    at_laws = [lw for lw, on in at_completion.items() if on]
    parallel = (m.filter(pl.col("law").is_in(at_laws)).select("id", "child", "start").join(invs, on="child", how="inner")
                .filter((pl.col("inv_started") <= pl.col("start")) & (pl.col("start") <= pl.col("inv_done")))
                .group_by("id").agg(par=eod(local_date(pl.col("inv_done"))).min()))
    m = m.join(parallel, on="id", how="left")
    bl_at = pl.lit(bool(at_completion["BL"])) & (pl.col("law") == "BL")
    sel_at = pl.lit(bool(at_completion["SEL"])) & (pl.col("law") == "SEL")
    m = m.with_columns(due1=pl.when((bl_at | sel_at) & pl.col("par").is_not_null())
                       .then(pl.min_horizontal("due1", "par")).otherwise(pl.col("due1")))
    # The follow-ups of each measure: its own, and those of its case that name no measure, from the decision on.
    fu = ctx.f("followup").select(pl.col("id").alias("fid"), "measure", "case", "held_at", "next_due")
    keys = m.select(pl.col("id").alias("mid"), "case", "decided_at", "end", "law")
    own = keys.join(fu.filter(pl.col("measure").is_not_null()).drop("case"), left_on="mid", right_on="measure")
    shared = keys.join(fu.filter(pl.col("measure").is_null()).drop("measure"), on="case")
    items = (pl.concat([own.select("mid", "fid", "held_at", "next_due", "decided_at", "end", "law"),
                        shared.select("mid", "fid", "held_at", "next_due", "decided_at", "end", "law")])
             .filter(pl.col("held_at") >= pl.col("decided_at"))
             .sort(["mid", "held_at", "fid"]))
    # Numbered within each measure (runs of the same measure after the sort; no window function).
    start = (pl.col("mid") != pl.col("mid").shift(1)).fill_null(True)
    row = pl.int_range(pl.len(), dtype=pl.Int64)
    items = items.with_columns(
        k=row - pl.when(start).then(row).otherwise(None).forward_fill() + 1,
        next_held=pl.when(pl.col("mid") == pl.col("mid").shift(-1)).then(pl.col("held_at").shift(-1)).otherwise(None))
    use_next_expr = pl.when(pl.col("law") == "BL").then(pl.lit(bool(use_next["BL"]))).otherwise(
        pl.lit(bool(use_next["SEL"])))
    held_day = local_date("held_at")
    after_interval = pl.when(pl.col("law") == "BL").then(add_months(held_day, int(interval["BL"]))).otherwise(
        add_months(held_day, int(interval["SEL"])))
    items = items.with_columns(
        next_day=pl.when(use_next_expr & pl.col("next_due").is_not_null()).then(pl.col("next_due"))
        .otherwise(after_interval))
    first_held = items.filter(pl.col("k") == 1).select("mid", met_at="held_at")
    first = (m.join(first_held, left_on="id", right_on="mid", how="left")
             .select("id", "municipality", "child", "case_team", "kind", "end", due=pl.col("due1"), met_at="met_at",
                     seq=pl.lit(1, dtype=pl.Int64)))
    later = (items.filter(pl.col("end").is_null() | (pl.col("held_at") < pl.col("end")))
             .join(m.select("id", "municipality", "child", "case_team", "kind"), left_on="mid", right_on="id")
             .select(id="mid", municipality="municipality", child="child", case_team="case_team", kind="kind",
                     end="end", due=eod(pl.col("next_day")), met_at="next_held", seq=pl.col("k") + 1))
    # One row per obligation: the measure's id names it (with its number only where the drill-down
    # groups by it; counting needs no string per row).
    subject = pl.format("{}#{}", pl.col("id"), pl.col("seq")) if ctx.children else pl.col("id")
    df = pl.concat([first, later]).with_columns(subject=subject, team=pl.col("case_team"))
    na = (pl.col("met_at").is_null() & pl.col("end").is_not_null() & (pl.col("end") < pl.col("due"))
          | _ended_at_18(ctx) & ~pl.col("kind").is_in(YOUNG_ADULT_KINDS))
    return _case_units(_decide(_with_adult(df, ctx), ctx, na=na), ctx)


DEADLINE_FACTS = {
    "acute": acute_assessment,
    "ack": acknowledgement,
    "feedback": notifier_feedback,
    "inv_due": investigation,
    "conversation": child_conversation,
    "followup": followup,
}
