# SPDX-License-Identifier: MPL-2.0
"""The fact table of the progression indicators: each scaling round of a goal scaled before, with
x = the change since the goal's previous round (the mean over the respondents who scored both
times of their score now minus their score then; a respondent who scored twice in a round counts
with the mean) and `improved` (x > 0). The oracle (`oracle.py`, `scaling`) says the same per child.

The country has millions of scores, so the pairing works on integers in one pass, with no hash
join or hash group-by over the scores (issue #20):

1. the rounds' keys (not their entries) are ordered by goal, time and id and numbered, with a
   gap of one number before each goal's first round: the previous round of round n is n - 1
   whenever that number is a round;
2. a respondent (kind and normalised name) becomes an integer w < W: the few distinct kinds and
   names are coded (polars Enums over their sorted distinct values) and normalised once each;
3. each score is keyed k = n * W + w and the scores are sorted by k (one sort of integers; no
   list column is moved). Duplicates (a respondent twice in one round) then sit side by side and
   are averaged by a group-by on the sorted key;
4. a score's partner is the score keyed k - W (same respondent, round n - 1), found by an as-of
   join of the sorted keys with themselves shifted by W (one merge); the matched pairs are in
   round order, so each round's change is a group-by on a sorted key too.
"""

from __future__ import annotations

import polars as pl

from .context import Ctx, local_date

_EMPTY = {"municipality": pl.Int64, "team": pl.String, "district": pl.String, "child": pl.Int64,
          "subject": pl.Int64, "p": pl.Int64, "x": pl.Float64, "improved": pl.Boolean}
_I64_MAX = (1 << 63) - 1


def scaling_changes(ctx: Ctx) -> pl.LazyFrame:
    """Scaling rounds in the period of goals scaled before, with x and `improved` (module docstring)."""
    if ctx.frames["scaling_round"].height == 0:
        return pl.LazyFrame(schema=_EMPTY)
    rounds = (ctx.f("scaling_round").select("id", "municipality", "child", "goal", "held_at", "entries")
              .collect(engine="in-memory"))
    change = _changes(rounds)
    out = (change.lazy()
           .select("municipality", "child", p=ctx.p(local_date("held_at")), subject=pl.col("id"), x="x",
                   improved=pl.col("x") > 0)
           .filter(ctx.in_periods())
           .join(_child_case_team(ctx), on="child", how="left"))
    return ctx.with_district(out)


def _changes(rounds: pl.DataFrame) -> pl.DataFrame:
    """id, municipality, child, held_at and x of every round with a comparable previous round."""
    # 1. round numbers in (goal, held_at, id) order, a gap before each goal's first round
    order = rounds.select(pl.arg_sort_by("goal", "held_at", "id")).to_series()
    goal = rounds.get_column("goal").gather(order)
    rn = pl.int_range(goal.len(), dtype=pl.Int64, eager=True) + (goal != goal.shift(1)).fill_null(True).cum_sum()
    rn_of_round = rn.gather(order.arg_sort())  # each round's number, in the rounds' own order
    del order, goal, rn
    # 2. respondents as integers (and the scores, in the order the entries are stored)
    lists = rounds.get_column("entries")
    who, score, width = _respondents(lists)
    last_rn = int(rn_of_round.max() or 0)  # type: ignore[arg-type]
    if width * (last_rn + 2) >= _I64_MAX:  # too many to pack: number the respondents densely
        who = who.rank("dense").cast(pl.Int64)
        width = int(who.max() or 0) + 1  # type: ignore[arg-type]
    # 3. the scores keyed (round number * width + respondent) and sorted by it; duplicates averaged
    k = rn_of_round.repeat_by(lists.list.len().fill_null(0)).explode(empty_as_null=False, keep_nulls=False)
    scores = pl.DataFrame({"k": k * width + who, "score": score.cast(pl.Float64)})
    del k, who, score
    scores = scores.sort("k").with_columns(pl.col("k").set_sorted())
    if scores.height > 1 and (scores.get_column("k").diff() == 0).any():
        scores = scores.group_by("k", maintain_order=True).agg(pl.col("score").mean())
    # 4. pairs: each score with the score keyed k - width (an as-of join on the sorted keys is one
    # merge), then each round's change (a group-by on a sorted key)
    prev = scores.select(kp=pl.col("k") + width, before="score")
    pairs = (scores.join_asof(prev, left_on="k", right_on="kp", strategy="backward", check_sortedness=False)
             .filter(pl.col("kp") == pl.col("k"))
             .select(rn=(pl.col("k") // width).set_sorted(), score="score", before="before"))
    del scores, prev
    change = pairs.group_by("rn", maintain_order=True).agg(x=pl.col("score").mean() - pl.col("before").mean())
    # the rounds of the changes (a join on the few rounds with one)
    return (rounds.select("id", "municipality", "child", "held_at").with_columns(rn=rn_of_round)
            .join(change, on="rn", how="inner").drop("rn"))


_CHUNK = 1 << 18  # rounds whose entries are unpacked at a time (memory: the names are strings)


def _respondents(lists: pl.Series) -> tuple[pl.Series, pl.Series, int]:
    """Each entry's respondent (kind, name stripped and lower-cased; no name is "") as an integer
    below the returned width (kind code * number of names + name code), and its score.

    The entries are unpacked a slice of rounds at a time, each slice's kinds and names coded
    against its own distinct values, and those few codes mapped to the codes of all the slices."""
    kinds_of, names_of, parts = [], [], []
    for start in range(0, max(lists.len(), 1), _CHUNK):
        flat = lists.slice(start, _CHUNK).explode(empty_as_null=False, keep_nulls=False)
        kind, name = flat.struct.field("respondent"), flat.struct.field("name")
        kinds, names = kind.drop_nulls().unique().sort(), name.drop_nulls().unique().sort()
        kinds_of.append(kinds)
        names_of.append(names)
        parts.append(pl.DataFrame({"k": _codes(kind, kinds), "n": _codes(name, names),
                                   "score": flat.struct.field("score")}))
        del flat, kind, name
    all_kinds = pl.concat(kinds_of).unique().sort()
    all_names = pl.concat(names_of).unique().sort()
    norm = pl.concat([all_names.str.strip_chars().str.to_lowercase(), pl.Series([""], dtype=pl.String)])
    norm_code = norm.rank("dense").cast(pl.Int64) - 1  # the last one is "": no name
    n_width = int(norm_code.max() or 0) + 1  # type: ignore[arg-type]
    who = []
    for kinds, names, part in zip(kinds_of, names_of, parts, strict=True):
        # this slice's codes -> the codes of all slices (an entry without a kind: one more code)
        k_map = pl.concat([_codes(kinds, all_kinds), pl.Series([len(all_kinds)], dtype=pl.Int64)])
        n_map = norm_code.gather(pl.concat([_codes(names, all_names), pl.Series([len(all_names)], dtype=pl.Int64)]))
        who.append(k_map.gather(part.get_column("k").fill_null(len(kinds))) * n_width
                   + n_map.gather(part.get_column("n").fill_null(len(names))))
    score = pl.concat([part.get_column("score") for part in parts])
    return pl.concat(who), score, (len(all_kinds) + 1) * n_width


def _codes(values: pl.Series, distinct: pl.Series) -> pl.Series:
    """The position of each value among the sorted distinct values (null stays null)."""
    if distinct.len() == 0:
        return pl.Series(values.name, [None] * values.len(), dtype=pl.Int64)
    return values.cast(pl.Enum(distinct)).to_physical().cast(pl.Int64)


def _child_case_team(ctx: Ctx) -> pl.LazyFrame:
    """The team of each child's latest opened case (scaling rounds name no case)."""
    return (ctx.f("case").filter(pl.col("team").is_not_null()).sort(["child", "opened_at", "id"])
            .group_by("child", maintain_order=True).last().select("child", "team"))
