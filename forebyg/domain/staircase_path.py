# SPDX-License-Identifier: MPL-2.0
"""A municipality's own intervention staircase, and each child's path on it over time.

Configuration: a municipality may name and cut its steps differently from
the six default steps (`staircase.DEFAULT_STEPS`) and map measure kinds to
its own steps. Every measure kind of both law periods must then land on a
step that exists (`StaircaseConfig.problems`).

Path: a measure is on the path from when it started (`started_at`; a measure
decided but not yet started is not) until it ended (open while running).
Where measures overlap, the child is on the **highest** step of the
measures running at that moment, and that measure is "the measure behind"
the step. The path is a list of non-overlapping segments covering exactly
the time some measure was running; a *transition* is where the step changes,
including entering the staircase (from no measure) and leaving it. The step
of a measure is the one recorded on it when it was decided, so a later
change of the configuration does not rewrite history.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .staircase import DEFAULT_STEPS, MEASURE_KINDS, Step

MAX_STEPS = 12


@dataclass(frozen=True)
class StaircaseConfig:
    steps: tuple[Step, ...] = DEFAULT_STEPS
    kind_steps: Mapping[str, int] = field(default_factory=dict)  # measure kind -> step, where not the default

    def __post_init__(self) -> None:
        defaults = {k.code: k.default_step for k in MEASURE_KINDS}
        object.__setattr__(self, "kind_steps", {k: v for k, v in sorted(self.kind_steps.items())
                                                if defaults.get(k) != v})

    def step_of(self, kind: str) -> int:
        if kind in self.kind_steps:
            return self.kind_steps[kind]
        for k in MEASURE_KINDS:
            if k.code == kind:
                return k.default_step
        raise KeyError(kind)

    def step(self, number: int) -> Step | None:
        return next((s for s in self.steps if s.number == number), None)

    def name(self, number: int, language: str = "da") -> str:
        s = self.step(number)
        if s is None:
            return str(number)
        return s.name_en if language.startswith("en") and s.name_en else s.name_da

    def problems(self) -> list[str]:
        out = []
        numbers = [s.number for s in self.steps]
        if not self.steps:
            out.append("at least one step is needed")
        if len(set(numbers)) != len(numbers):
            out.append("step numbers must be unique")
        if numbers != sorted(numbers) or (numbers and numbers != list(range(1, len(numbers) + 1))):
            out.append("steps must be numbered 1, 2, 3 … without gaps")
        if len(numbers) > MAX_STEPS:
            out.append(f"at most {MAX_STEPS} steps")
        for s in self.steps:
            if not s.name_da.strip():
                out.append(f"step {s.number} has no name")
        known = {k.code for k in MEASURE_KINDS}
        for kind in sorted(set(self.kind_steps) - known):
            out.append(f"unknown measure kind {kind!r}")
        for k in MEASURE_KINDS:
            if self.step_of(k.code) not in numbers:
                out.append(f"measure kind {k.code} lands on step {self.step_of(k.code)}, which does not exist")
        return out


def config_from_records(records: Iterable[Mapping[str, Any]]) -> StaircaseConfig:
    """A configuration from `staircase_step` interchange records (the default when there are none)."""
    recs = sorted(records, key=lambda r: r["number"])
    if not recs:
        return StaircaseConfig()
    steps = tuple(Step(r["number"], r["name"], r.get("name_en") or "", bool(r.get("placement"))) for r in recs)
    return StaircaseConfig(steps, {kind: r["number"] for r in recs for kind in (r.get("measure_kinds") or [])})


def config_to_records(config: StaircaseConfig) -> list[dict[str, Any]]:
    """One record body per step (without type, id and municipality), listing every kind on it."""
    return [{"number": s.number, "name": s.name_da, "name_en": s.name_en or None, "placement": s.placement,
             "measure_kinds": sorted(k.code for k in MEASURE_KINDS if config.step_of(k.code) == s.number)}
            for s in config.steps]


# -- the path -------------------------------------------------------------------

@dataclass(frozen=True)
class Span:
    """A measure as the path sees it."""

    id: str
    step: int
    start: datetime
    end: datetime | None  # None: still running
    kind: str = ""


@dataclass(frozen=True)
class Segment:
    start: datetime
    end: datetime | None  # None: still running at `as_of`
    step: int
    measure: str  # the measure behind the step (the highest running; ties: the latest started)
    running: tuple[str, ...]  # every measure running in the segment


@dataclass(frozen=True)
class Transition:
    at: datetime
    from_step: int | None  # None: entering the staircase
    to_step: int | None  # None: leaving it
    from_measure: str | None
    to_measure: str | None

    @property
    def direction(self) -> str:
        if self.from_step is None:
            return "start"
        if self.to_step is None:
            return "end"
        return "up" if self.to_step > self.from_step else "down"


def _spans(spans: Iterable[Span], as_of: datetime | None) -> list[Span]:
    out = []
    for s in spans:
        if as_of is not None and s.start > as_of:
            continue
        end = s.end
        if end is not None and as_of is not None and end > as_of:
            end = None
        if end is not None and end <= s.start:
            continue  # ended the moment it started: never on the path
        out.append(Span(s.id, s.step, s.start, end, s.kind))
    return out


def path(spans: Iterable[Span], *, as_of: datetime | None = None) -> list[Segment]:
    """The child's steps over time: non-overlapping segments, in time order, covering exactly
    the time some measure was running (up to `as_of`)."""
    items = _spans(spans, as_of)
    if not items:
        return []
    bounds = sorted({s.start for s in items} | {s.end for s in items if s.end is not None})
    segments: list[Segment] = []
    for i, start in enumerate(bounds):
        end = bounds[i + 1] if i + 1 < len(bounds) else None
        running = [s for s in items if s.start <= start and (s.end is None or s.end > start)]
        if not running:
            continue
        top = max(running, key=lambda s: (s.step, s.start, s.id))
        ids = tuple(sorted(s.id for s in running))
        last = segments[-1] if segments else None
        if last is not None and last.end == start and last.step == top.step and last.measure == top.id:
            segments[-1] = Segment(last.start, end, top.step, top.id, tuple(sorted(set(last.running) | set(ids))))
        else:
            segments.append(Segment(start, end, top.step, top.id, ids))
    return segments


def transitions(segments: Sequence[Segment]) -> list[Transition]:
    """Where the step changes, with the measure behind each side; entering and leaving included.
    Two touching segments on the same step (one measure handing over to another) are no
    transition."""
    out: list[Transition] = []
    previous: Segment | None = None
    for seg in segments:
        if previous is None or previous.end != seg.start:
            if previous is not None:
                out.append(Transition(previous.end, previous.step, None, previous.measure, None))  # type: ignore[arg-type]
            out.append(Transition(seg.start, None, seg.step, None, seg.measure))
        elif previous.step != seg.step:
            out.append(Transition(seg.start, previous.step, seg.step, previous.measure, seg.measure))
        previous = seg
    if previous is not None and previous.end is not None:
        out.append(Transition(previous.end, previous.step, None, previous.measure, None))
    return out


def step_at(segments: Sequence[Segment], moment: datetime) -> int | None:
    for seg in segments:
        if seg.start <= moment and (seg.end is None or moment < seg.end):
            return seg.step
    return None
