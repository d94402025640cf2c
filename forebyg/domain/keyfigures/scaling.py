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
2. a respondent (kind and normalised name) becomes an integer w < W: the entries' kinds and
   names are cast to categoricals of private categories (each string hashed once, none copied)
   and the few distinct names normalised once each;
3. each score is keyed k = n * W + w and the scores are sorted by k: the score itself is packed
   into the key's lowest digits, so this is one sort of one integer column (no list column and no
   frame is moved). Duplicates (a respondent twice in one round) then sit side by side and are
   averaged by a group-by on the sorted key;
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


def _changes(rounds: pl.DataFrame, *, limit: int = _I64_MAX) -> pl.DataFrame:
    """id, municipality, child, held_at and x of every round with a comparable previous round.

    `limit`: the largest sort key the packed form may use (a smaller one in tests exercises the
    unpacked form)."""
    # 1. round numbers in (goal, held_at, id) order, a gap before each goal's first round
    order = rounds.select(pl.arg_sort_by("goal", "held_at", "id")).to_series()
    goal = rounds.get_column("goal").gather(order)
    rn = pl.int_range(goal.len(), dtype=pl.Int64, eager=True) + (goal != goal.shift(1)).fill_null(True).cum_sum()
    # each round's number, in the rounds' own order (a scatter, not a second sort)
    rn_of_round = pl.zeros(rounds.height, dtype=pl.Int64, eager=True).scatter(order, rn)
    last_rn = int(rn.max() or 0)  # type: ignore[arg-type]
    del goal
    # 2. respondents as integers (and the scores, in the order the entries are stored)
    lists = rounds.get_column("entries")
    who, score, width = _respondents(lists)
    if width * (last_rn + 2) >= limit:  # too many to pack: number the respondents densely
        who = who.rank("dense").cast(pl.Int64)
        width = int(who.max() or 0) + 1  # type: ignore[arg-type]
    # 3. the scores keyed (round number * width + respondent) and sorted by it; duplicates averaged
    k = rn_of_round.repeat_by(lists.list.len().fill_null(0)).explode(empty_as_null=False, keep_nulls=False)
    k = pl.select(pl.lit(k) * width + pl.lit(who)).to_series()
    del who
    scores = _sorted_scores(k, score, width * (last_rn + 2), limit)
    del k, score
    # whole scores, none missing and none averaged: sums of them are exact in any order
    whole = scores.get_column("score").null_count() == 0
    if scores.height > 1 and (scores.get_column("k").diff() == 0).any():
        scores = scores.group_by("k", maintain_order=True).agg(pl.col("score").mean())
        whole = False
    # 4. pairs: each score with the score keyed k - width (an as-of join on the sorted keys is one
    # merge), then each round's change (a group-by on a sorted key)
    prev = scores.select(kp=pl.col("k") + width, before="score")
    pairs = (scores.join_asof(prev, left_on="k", right_on="kp", strategy="backward", check_sortedness=False)
             .filter(pl.col("kp") == pl.col("k"))
             .select(rn=(pl.col("k") // width).set_sorted(), score="score", before="before"))
    del scores, prev
    change = _round_changes(pairs) if whole else pairs.group_by("rn", maintain_order=True).agg(
        x=pl.col("score").mean() - pl.col("before").mean())
    # the rounds of the changes: round number -> row (a gather, not a join)
    row_of_rn = pl.zeros(last_rn + 1, dtype=pl.Int64, eager=True).scatter(rn, order.cast(pl.Int64))
    rows = row_of_rn.gather(change.get_column("rn"))
    return rounds.select("id", "municipality", "child", "held_at")[rows].with_columns(x=change.get_column("x"))


def _round_changes(pairs: pl.DataFrame) -> pl.DataFrame:
    """rn and x (mean score now - mean score before, as the oracle: sum / n - sum / n) of the pairs,
    which are sorted by rn and hold whole scores: each round's sums are differences of running
    sums at the round's ends (exact for whole numbers), with no group-by."""
    rn = pairs.get_column("rn")
    ends = (rn != rn.shift(-1)).fill_null(True).arg_true().cast(pl.Int64)
    starts = pl.concat([pl.Series([0], dtype=pl.Int64), ends.head(-1) + 1]) if ends.len() else ends
    n = (ends - starts + 1).cast(pl.Float64)

    def sums(col: str) -> pl.Series:
        run = pl.concat([pl.Series([0.0]), pairs.get_column(col).cum_sum()])  # run[i]: sum of the first i
        return run.gather(ends + 1) - run.gather(starts)

    return pl.DataFrame({"rn": rn.gather(ends), "x": sums("score") / n - sums("before") / n})


def _sorted_scores(k: pl.Series, score: pl.Series, k_bound: int, limit: int) -> pl.DataFrame:
    """k and score (Float64) sorted by k. The score is packed into the key's low digits when it
    fits (one sort of one integer column instead of a frame: about 8x less work on the country's
    scores); a null score is the digit 0."""
    lo, hi = score.min(), score.max()
    if lo is not None and hi is not None and k_bound * (int(hi) - int(lo) + 2) < limit:  # type: ignore[arg-type]
        base = int(hi) - int(lo) + 2  # type: ignore[arg-type]
        digit = (pl.lit(score).cast(pl.Int64) - (int(lo) - 1)).fill_null(0)  # type: ignore[arg-type]
        packed = pl.select(pl.lit(k) * base + digit).to_series().sort()
        digit = packed % base
        return pl.DataFrame({"k": (packed // base).set_sorted(),
                             "score": pl.select(pl.when(digit > 0).then(digit + (int(lo) - 1))  # type: ignore[arg-type]
                                                .cast(pl.Float64)).to_series()})
    return pl.DataFrame({"k": k, "score": score.cast(pl.Float64)}).sort("k").with_columns(pl.col("k").set_sorted())


def _respondents(lists: pl.Series) -> tuple[pl.Series, pl.Series, int]:
    """Each entry's respondent (kind, name stripped and lower-cased; no name is "") as an integer
    below the returned width (kind code * number of names + name code), and its score.

    The entries' kinds and names are cast to categoricals of their own (private categories, freed
    with the data: no name outlives the computation), so that each string is hashed once and no
    string is copied; the few distinct names are then normalised once each."""
    fields = {f.name: f.dtype for f in lists.dtype.inner.fields}  # type: ignore[attr-defined]
    coded = pl.List(pl.Struct({name: pl.Categorical(pl.Categories.random()) if name in ("respondent", "name") else dt
                               for name, dt in fields.items()}))
    flat = lists.cast(coded).explode(empty_as_null=False, keep_nulls=False)
    kind, name = flat.struct.field("respondent"), flat.struct.field("name")
    # kinds: their physical codes (an entry without a kind: one more code)
    kind_code = kind.to_physical()
    no_kind = int(kind_code.max() or 0) + 1 if kind_code.null_count() < kind_code.len() else 0  # type: ignore[arg-type]
    # names: each distinct name normalised once; physical code -> code of the normalised name ("" = no name)
    names = name.unique().drop_nulls()
    phys = names.to_physical().cast(pl.Int64)
    no_name = int(phys.max()) + 1 if phys.len() else 0  # type: ignore[arg-type]
    norm = pl.concat([names.cast(pl.String).str.strip_chars().str.to_lowercase(), pl.Series([""], dtype=pl.String)])
    norm_code = norm.rank("dense").cast(pl.Int64) - 1
    table = pl.zeros(no_name + 1, dtype=pl.Int64, eager=True).scatter(
        pl.concat([phys, pl.Series([no_name], dtype=pl.Int64)]), norm_code)
    n_width = int(norm_code.max() or 0) + 1  # type: ignore[arg-type]
    who = pl.select(pl.lit(kind_code).cast(pl.Int64).fill_null(no_kind) * n_width
                    + pl.lit(table).gather(pl.lit(name.to_physical()).fill_null(no_name))).to_series()
    return who, flat.struct.field("score"), (no_kind + 1) * n_width


def _child_case_team(ctx: Ctx) -> pl.LazyFrame:
    """The team of each child's latest opened case (scaling rounds name no case)."""
    return (ctx.f("case").filter(pl.col("team").is_not_null()).sort(["child", "opened_at", "id"])
            .group_by("child", maintain_order=True).last().select("child", "team"))
