# SPDX-License-Identifier: MPL-2.0
"""The data objects of the key-figure catalogue: indicators as documented, versioned data,
and the rows a computation produces.

An `Indicator` says what is counted and why, in Danish and English, with its
numerator, denominator, unit, how events are placed in a period, which
direction is better and the legal or policy link. `kind` decides how the
numerator and denominator make the value (see `KINDS`). `Row` is one figure:
one indicator for one unit (municipality, team or district) and one period.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

# How a value is made from numerator and denominator, and which counts are protected by
# small-number suppression (a figure is hidden when one of them is 1-4).
KINDS: dict[str, dict[str, Any]] = {
    "rate": {"scale": 1000.0, "protected": ("numerator",), "doc": "numerator per 1,000 children aged 0-17"},
    "share": {"scale": 100.0, "protected": ("numerator", "denominator"), "doc": "numerator / denominator × 100"},
    "median": {"scale": 1.0, "protected": ("count",), "doc": "the median of the values; count = number of values"},
    "per_child": {"scale": 1.0, "protected": ("count",), "doc": "numerator (DKK) per child aged 0-17"},
    "money_share": {"scale": 100.0, "protected": ("count",), "doc": "numerator / denominator × 100 (amounts)"},
    "ratio": {"scale": 1.0, "protected": ("count",), "doc": "numerator / denominator"},
}
HIGHER, LOWER, NEUTRAL = "higher", "lower", "neutral"
CATEGORIES: dict[str, tuple[str, str]] = {
    "notifications": ("Underretninger", "Notifications"),
    "early": ("Tidlig indsats", "Early effort"),
    "investigations": ("Børnefaglige undersøgelser", "Investigations"),
    "measures": ("Indsatser og anbringelser", "Measures and placements"),
    "staircase": ("Indsatstrappen", "The intervention staircase"),
    "followup": ("Opfølgning og inddragelse", "Follow-up and involvement"),
    "progression": ("Barnets progression", "The child's progression"),
    "economy": ("Økonomi", "Economy"),
    "workload": ("Arbejdsbyrde", "Workload"),
}
ACTIVE, PENDING_DATA = "active", "pending_data"
UNIT_KINDS: tuple[str, ...] = ("municipality", "team", "district")


@dataclass(frozen=True)
class Indicator:
    id: str
    version: int
    category: str
    kind: str
    name_da: str
    name_en: str
    what: str  # what it measures
    why: str  # why it matters for the shift to earlier prevention
    numerator: str
    denominator: str
    unit: str  # e.g. "per 1,000 children 0-17", "%", "days"
    period: str  # how an event is placed in a period
    better: str  # HIGHER, LOWER or NEUTRAL
    legal: str  # the legal or policy link
    additive: tuple[str, ...] = ()  # quantities that add up over time (months to quarters to years)
    drill: str = "children"  # what the drill-down lists
    notes: str = ""
    status: str = ACTIVE

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"{self.id}: unknown kind {self.kind!r}")
        if self.category not in CATEGORIES:
            raise ValueError(f"{self.id}: unknown category {self.category!r}")
        if self.better not in (HIGHER, LOWER, NEUTRAL):
            raise ValueError(f"{self.id}: better must be higher, lower or neutral")
        bad = set(self.additive) - {"numerator", "denominator"}
        if bad:
            raise ValueError(f"{self.id}: additive names unknown quantities {sorted(bad)}")

    @property
    def scale(self) -> float:
        return float(KINDS[self.kind]["scale"])

    @property
    def protected(self) -> tuple[str, ...]:
        return tuple(KINDS[self.kind]["protected"])

    def name(self, language: str = "da") -> str:
        return self.name_en if language.startswith("en") else self.name_da

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["additive"] = list(self.additive)
        return data


@dataclass(frozen=True)
class Relation:
    """An exact linear relation between quantities of rows of the same unit and period:
    total = sum(parts). Small-number suppression uses it so that a hidden count cannot be
    recomputed from the published ones."""

    total: tuple[str, str]  # (indicator id, quantity)
    parts: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Row:
    """One figure. `count` is the number of children, notifications or measures behind it
    (used for small-number suppression and shown as n)."""

    indicator: str
    unit_kind: str
    unit: str
    municipality: int
    period: str
    numerator: float | None
    denominator: float | None
    value: float | None
    count: int

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.indicator, self.unit_kind, self.unit, self.period)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
