# SPDX-License-Identifier: MPL-2.0
"""Drawing a random sample of cases that can be repeated exactly.

Each case gets a pseudo-random number from its key and the seed:
the first 16 hex digits of SHA-256("<seed>:<case key>"). A simple sample of n
cases is the n cases with the lowest numbers. The result depends only on the
seed and the population (not on Python's random module, the order of the
records or the machine), and a smaller sample with the same seed is part of a
larger one.

Stratified: the population is split into strata (by team, staircase step,
measure kind and/or law period; `casefile.CaseSummary.stratum`), the sample
size is shared out in proportion to the strata's sizes by the largest
remainder method (ties: the larger stratum, then the stratum's name), with at
least one case per stratum when the sample size allows it; within each
stratum the cases with the lowest numbers are drawn.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .casefile import STRATA, CaseSummary


@dataclass(frozen=True)
class SampleSpec:
    """`size` None: every case of the population. `seed` is required for a sample."""

    size: int | None = None
    seed: int | None = None
    stratify_by: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.size is not None and self.size < 1:
            raise ValueError("the sample size must be at least 1")
        if self.size is not None and self.seed is None:
            raise ValueError("a sample needs a seed (record it so the review can be repeated)")
        unknown = set(self.stratify_by) - set(STRATA)
        if unknown:
            raise ValueError(f"unknown strata {sorted(unknown)}; use {list(STRATA)}")

    def to_dict(self) -> dict[str, Any]:
        return {"size": self.size, "seed": self.seed, "stratify_by": list(self.stratify_by)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> SampleSpec:
        data = data or {}
        return cls(data.get("size"), data.get("seed"), tuple(data.get("stratify_by", ())))


def draw_number(seed: int, key: str) -> int:
    return int(hashlib.sha256(f"{seed}:{key}".encode()).hexdigest()[:16], 16)


def _lowest(keys: Iterable[str], seed: int, n: int) -> list[str]:
    return sorted(keys, key=lambda k: (draw_number(seed, k), k))[:n]


def allocate(sizes: Mapping[str, int], n: int) -> dict[str, int]:
    """Share `n` out over strata of the given sizes (see the module docstring)."""
    total = sum(sizes.values())
    if n >= total:
        return dict(sizes)
    names = sorted(sizes)
    base = {s: 0 for s in names}
    rest = n
    if n >= len(names):  # at least one per stratum
        for s in names:
            base[s] = 1
        rest -= len(names)
    spare = {s: sizes[s] - base[s] for s in names}
    spare_total = sum(spare.values())
    quotas = {s: Fraction(spare[s] * rest, spare_total) if spare_total else Fraction(0) for s in names}
    out = {s: base[s] + int(quotas[s]) for s in names}
    left = n - sum(out.values())
    order = sorted(names, key=lambda s: (-(quotas[s] - int(quotas[s])), -sizes[s], s))
    for s in order:
        if left <= 0:
            break
        if out[s] < sizes[s]:
            out[s] += 1
            left -= 1
    return out


def draw_sample(population: Sequence[CaseSummary], spec: SampleSpec) -> list[CaseSummary]:
    """The sampled cases in key order (all of them when `spec.size` is None)."""
    if spec.size is None or spec.size >= len(population):
        return sorted(population, key=lambda s: s.key)
    assert spec.seed is not None
    if not spec.stratify_by:
        chosen = set(_lowest((s.key for s in population), spec.seed, spec.size))
    else:
        strata: dict[str, list[str]] = {}
        for s in population:
            strata.setdefault(s.stratum(spec.stratify_by), []).append(s.key)
        shares = allocate({k: len(v) for k, v in strata.items()}, spec.size)
        chosen = {key for name, keys in strata.items() for key in _lowest(keys, spec.seed, shares[name])}
    return sorted((s for s in population if s.key in chosen), key=lambda s: s.key)
