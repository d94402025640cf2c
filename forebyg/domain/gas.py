# SPDX-License-Identifier: MPL-2.0
"""Goal Attainment Scaling (GAS), a freely usable method (Kiresuk & Sherman 1968).

Before the support starts, each goal gets five outcome levels described in
advance, from -2 (much less than expected) through 0 (the expected outcome)
to +2 (much more than expected). At a follow-up the level reached on each
goal is rated, and the ratings are combined into one T-score:

    T = 50 + 10 * sum(w_i * x_i) / sqrt((1 - rho) * sum(w_i**2) + rho * (sum(w_i))**2)

with x_i the level reached on goal i, w_i the goal's weight (1 unless the
plan says a goal matters more) and rho the assumed correlation between the
goals' outcomes (0.3 by Kiresuk and Sherman's convention). T is 50 when
every goal reached exactly its expected level, above 50 when the goals were
on the whole exceeded, below when they were not; with one goal at +1 it is
60. See docs/progression.md for worked examples.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

LEVELS: tuple[int, ...] = (-2, -1, 0, 1, 2)
DEFAULT_RHO = 0.3
LEVEL_KEYS: tuple[str, ...] = tuple(str(level) for level in LEVELS)  # keys of a goal's level texts


class GasError(ValueError):
    pass


def t_score(levels: Sequence[int], weights: Sequence[float] | None = None, *, rho: float = DEFAULT_RHO) -> float:
    """The Kiresuk-Sherman T-score of the levels reached on one or more goals."""
    if not levels:
        raise GasError("at least one goal is needed")
    if weights is None:
        weights = [1.0] * len(levels)
    if len(weights) != len(levels):
        raise GasError("one weight per goal is needed")
    if not 0 <= rho < 1:
        raise GasError("rho must be at least 0 and less than 1")
    for x in levels:
        if x not in LEVELS:
            raise GasError(f"a GAS level is one of -2, -1, 0, 1, 2, not {x!r}")
    for w in weights:
        if not (w > 0 and math.isfinite(w)):
            raise GasError(f"a weight must be a positive number, not {w!r}")
    weighted = sum(w * x for w, x in zip(weights, levels, strict=True))
    denominator = math.sqrt((1 - rho) * sum(w * w for w in weights) + rho * sum(weights) ** 2)
    return 50 + 10 * weighted / denominator


def validate_levels(texts: Mapping[str, str]) -> list[str]:
    """Problems with a goal's level descriptions: all five levels, each described."""
    problems = []
    keys = set(texts)
    for key in LEVEL_KEYS:
        if not str(texts.get(key, "")).strip():
            problems.append(f"level {key} has no description")
    for key in sorted(keys - set(LEVEL_KEYS)):
        problems.append(f"{key!r} is not a GAS level")
    return problems


@dataclass(frozen=True)
class Rating:
    goal: str
    on: date
    level: int


@dataclass(frozen=True)
class TPoint:
    on: date
    t: float
    goals: int  # how many goals the score combines


def t_timeline(ratings: Iterable[Rating], weights: Mapping[str, float], *, rho: float = DEFAULT_RHO) -> list[TPoint]:
    """The T-score on each day a goal was rated, combining every goal's latest rating up to
    that day. Only goals in `weights` (those with levels described in advance) count."""
    by_day: dict[date, list[Rating]] = {}
    for r in ratings:
        if r.goal in weights:
            by_day.setdefault(r.on, []).append(r)
    latest: dict[str, int] = {}
    out = []
    for day in sorted(by_day):
        for r in by_day[day]:
            latest[r.goal] = r.level
        goals = sorted(latest)
        out.append(TPoint(day, t_score([latest[g] for g in goals], [weights[g] for g in goals], rho=rho), len(goals)))
    return out
