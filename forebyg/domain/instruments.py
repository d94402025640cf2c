# SPDX-License-Identifier: MPL-2.0
"""Questionnaires (instruments) as data, with a validating loader and scoring.

An instrument definition is a JSON document (format `forebyg-instrument/1`,
docs/progression.md): items, response options with their values, reverse-
scored items, a total scale and optional subscales (sum or mean), cut-off
bands with labels, and a licence note that is shown wherever the instrument
is used. `load` checks a definition completely and reports every problem
with its path; `score` computes the scales from one set of answers.

Forebyg ships only instruments whose terms allow it (see `SHIPPED`): its own
well-being questions, written by the project and free to use, which are *not*
a validated clinical instrument. Licensed instruments (SDQ, ORS/SRS and
others) are loaded by the municipality that holds the licence.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator

FORMAT = "forebyg-instrument/1"
CODE_RE = r"^[a-z0-9][a-z0-9_.\-]{1,63}$"
ID_RE = r"^[A-Za-z0-9_.\-]{1,40}$"

_TEXT = {"anyOf": [{"type": "string", "minLength": 1, "maxLength": 2000},
                   {"type": "object", "minProperties": 1,
                    "additionalProperties": {"type": "string", "minLength": 1, "maxLength": 2000},
                    "propertyNames": {"pattern": "^[a-z]{2}$"}}]}
_ID = {"type": "string", "pattern": ID_RE}
_SCALE = {
    "type": "object",
    "properties": {
        "id": _ID,
        "name": _TEXT,
        "items": {"type": "array", "items": _ID, "minItems": 1, "uniqueItems": True},
        "scoring": {"enum": ["sum", "mean"]},
        "min_answered": {"type": "integer", "minimum": 1},
        "cutoffs": {"type": "array", "items": {
            "type": "object",
            "properties": {"id": _ID, "min": {"type": "number"}, "label": _TEXT, "note": _TEXT},
            "required": ["id", "min", "label"], "additionalProperties": False}},
    },
    "required": ["scoring"],
    "additionalProperties": False,
}
SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Forebyg instrument definition",
    "type": "object",
    "properties": {
        "format": {"const": FORMAT},
        "code": {"type": "string", "pattern": CODE_RE},
        "version": {"type": "string", "pattern": r"^[A-Za-z0-9_.\-]{1,20}$"},
        "name": _TEXT,
        "description": _TEXT,
        "validated": {"type": "boolean"},
        "licence": {
            "type": "object",
            "properties": {"text": _TEXT, "holder": {"type": "string"}, "url": {"type": "string"},
                           "spdx": {"type": "string"}},
            "required": ["text"], "additionalProperties": False},
        "respondents": {"type": "array", "items": {"type": "string"}, "uniqueItems": True},
        "age": {"type": "object", "properties": {"min": {"type": "integer", "minimum": 0},
                                                 "max": {"type": "integer", "maximum": 30}},
                "additionalProperties": False},
        "response_sets": {"type": "object", "minProperties": 1, "additionalProperties": {
            "type": "array", "minItems": 2, "items": {
                "type": "object", "properties": {"value": {"type": "number"}, "label": _TEXT},
                "required": ["value", "label"], "additionalProperties": False}}},
        "items": {"type": "array", "minItems": 1, "maxItems": 200, "items": {
            "type": "object",
            "properties": {"id": _ID, "text": _TEXT, "response_set": _ID, "reverse": {"type": "boolean"}},
            "required": ["id", "text", "response_set"], "additionalProperties": False}},
        "total": _SCALE,
        "subscales": {"type": "array", "items": {**_SCALE, "required": ["id", "name", "items", "scoring"]}},
    },
    "required": ["format", "code", "version", "name", "validated", "licence", "response_sets", "items", "total"],
    "additionalProperties": False,
}
_VALIDATOR = Draft202012Validator(SCHEMA)


class InstrumentError(ValueError):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


def text_in(value: str | Mapping[str, str] | None, language: str = "da") -> str:
    """A text in the user's language, else Danish, else English, else whatever there is."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    for lang in (language[:2], "da", "en"):
        if value.get(lang):
            return value[lang]
    return next(iter(value.values()), "")


@dataclass(frozen=True)
class Option:
    value: float
    label: Any


@dataclass(frozen=True)
class Item:
    id: str
    text: Any
    options: tuple[Option, ...]
    reverse: bool = False

    @property
    def low(self) -> float:
        return min(o.value for o in self.options)

    @property
    def high(self) -> float:
        return max(o.value for o in self.options)

    def scored(self, value: float) -> float:
        return self.low + self.high - value if self.reverse else value


@dataclass(frozen=True)
class Cutoff:
    id: str
    min: float
    label: Any
    note: Any = None


@dataclass(frozen=True)
class Scale:
    id: str
    name: Any
    items: tuple[str, ...]
    scoring: str
    min_answered: int
    cutoffs: tuple[Cutoff, ...]

    def band(self, value: float | None) -> Cutoff | None:
        """The band a score falls in: the last cut-off whose `min` it reaches."""
        if value is None:
            return None
        found = None
        for c in self.cutoffs:
            if value >= c.min:
                found = c
        return found


@dataclass(frozen=True)
class Instrument:
    code: str
    version: str
    name: Any
    description: Any
    validated: bool
    licence: Mapping[str, Any]
    respondents: tuple[str, ...]
    items: tuple[Item, ...]
    total: Scale
    subscales: tuple[Scale, ...]
    definition: Mapping[str, Any]

    @property
    def key(self) -> str:
        return f"{self.code}@{self.version}"

    def item(self, item_id: str) -> Item:
        return next(i for i in self.items if i.id == item_id)

    def scales(self) -> tuple[Scale, ...]:
        return (self.total, *self.subscales)

    def range_of(self, scale: Scale) -> tuple[float, float]:
        items = [self.item(i) for i in scale.items]
        if scale.scoring == "mean":
            return (min(i.low for i in items), max(i.high for i in items))
        return (sum(i.low for i in items), sum(i.high for i in items))


def _path(error: Any) -> str:
    return "/".join(str(p) for p in error.absolute_path) or "(definition)"


def load(data: Mapping[str, Any]) -> Instrument:
    """A checked instrument, or InstrumentError listing every problem with its path."""
    errors = sorted(_VALIDATOR.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        raise InstrumentError([f"{_path(e)}: {e.message}" for e in errors[:50]])
    problems: list[str] = []
    sets: dict[str, tuple[Option, ...]] = {}
    for name, options in data["response_sets"].items():
        if not re.match(ID_RE, name):
            problems.append(f"response_sets/{name}: not a valid id")
        values = [o["value"] for o in options]
        if len(set(values)) != len(values):
            problems.append(f"response_sets/{name}: two options have the same value")
        sets[name] = tuple(Option(o["value"], o["label"]) for o in options)
    items: list[Item] = []
    for n, raw in enumerate(data["items"]):
        if raw["response_set"] not in sets:
            problems.append(f"items/{n}/response_set: unknown response set {raw['response_set']!r}")
            continue
        items.append(Item(raw["id"], raw["text"], sets[raw["response_set"]], bool(raw.get("reverse"))))
    ids = [i["id"] for i in data["items"]]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(f"items: id {dup!r} occurs more than once")
    if problems:
        raise InstrumentError(problems)

    def scale(raw: Mapping[str, Any], where: str, scale_id: str) -> Scale:
        scale_items = tuple(raw.get("items") or ids)
        for item_id in scale_items:
            if item_id not in ids:
                problems.append(f"{where}/items: unknown item {item_id!r}")
        min_answered = raw.get("min_answered", len(scale_items))
        if min_answered > len(scale_items):
            problems.append(f"{where}/min_answered: more than the scale's {len(scale_items)} items")
        cutoffs = tuple(Cutoff(c["id"], c["min"], c["label"], c.get("note")) for c in raw.get("cutoffs", []))
        mins = [c.min for c in cutoffs]
        if mins != sorted(mins) or len(set(mins)) != len(mins):
            problems.append(f"{where}/cutoffs: the bands' min values must ascend")
        band_ids = [c.id for c in cutoffs]
        if len(set(band_ids)) != len(band_ids):
            problems.append(f"{where}/cutoffs: band ids must be unique")
        return Scale(scale_id, raw.get("name", data["name"]), scale_items, raw["scoring"],
                     min_answered, cutoffs)

    total = scale(data["total"], "total", "total")  # the total's id is always "total"
    subscales = tuple(scale(s, f"subscales/{n}", s["id"]) for n, s in enumerate(data.get("subscales", [])))
    scale_ids = [total.id, *[s.id for s in subscales]]
    if len(set(scale_ids)) != len(scale_ids):
        problems.append("subscales: scale ids must be unique and differ from the total's")
    if problems:
        raise InstrumentError(problems)
    inst = Instrument(data["code"], data["version"], data["name"], data.get("description"), data["validated"],
                      data["licence"], tuple(data.get("respondents", [])), tuple(items), total, subscales,
                      data)
    for s in inst.scales():
        low, high = inst.range_of(s)
        for c in s.cutoffs:
            if not low <= c.min <= high:
                problems.append(f"scale {s.id}: band {c.id!r} starts at {c.min}, outside the possible {low}-{high}")
    if problems:
        raise InstrumentError(problems)
    return inst


def loads(text: str) -> Instrument:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InstrumentError([f"not valid JSON: {exc.msg} (line {exc.lineno})"]) from exc
    if not isinstance(data, dict):
        raise InstrumentError(["the definition must be a JSON object"])
    return load(data)


# -- scoring ---------------------------------------------------------------------

@dataclass(frozen=True)
class ScaleScore:
    scale: str
    value: float | None  # None: too few items answered
    band: str | None
    answered: int
    items: int

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "band": self.band, "answered": self.answered, "items": self.items}


def _number(x: float) -> float:
    x = round(x, 2)
    return int(x) if x == int(x) else x


def check_answers(inst: Instrument, answers: Mapping[str, Any]) -> list[str]:
    problems = []
    for item_id, value in answers.items():
        try:
            item = inst.item(item_id)
        except StopIteration:
            problems.append(f"{item_id}: not an item of {inst.key}")
            continue
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int | float) or value not in {o.value for o in item.options}:
            problems.append(f"{item_id}: {value!r} is not one of the item's response values")
    return problems


def score_scale(inst: Instrument, scale: Scale, answers: Mapping[str, Any]) -> ScaleScore:
    """Sum or mean of the item scores (reverse-scored items turned round first). With fewer
    answers than items but at least `min_answered`, a sum is prorated (mean × items)."""
    values = [inst.item(i).scored(answers[i]) for i in scale.items if answers.get(i) is not None]
    n = len(scale.items)
    if len(values) < scale.min_answered or not values:
        return ScaleScore(scale.id, None, None, len(values), n)
    mean = sum(values) / len(values)
    value = _number(mean if scale.scoring == "mean" else (sum(values) if len(values) == n else mean * n))
    band = scale.band(value)
    return ScaleScore(scale.id, value, band.id if band else None, len(values), n)


def score(inst: Instrument, answers: Mapping[str, Any]) -> dict[str, ScaleScore]:
    """Every scale's score ("total" first, then the subscales). Raises InstrumentError on answers
    that are not items or not allowed values."""
    problems = check_answers(inst, answers)
    if problems:
        raise InstrumentError(problems)
    return {("total" if s is inst.total else s.id): score_scale(inst, s, answers) for s in inst.scales()}


def scores_to_json(scores: Mapping[str, ScaleScore]) -> dict[str, Any]:
    return {k: v.to_json() for k, v in scores.items()}


# -- instruments shipped with Forebyg -----------------------------------------------

SHIPPED_FILES = ("forebyg-trivsel-1.json",)


def shipped() -> list[Instrument]:
    """The instruments Forebyg ships (free to use; see each one's licence note)."""
    return list(_shipped())


@lru_cache(maxsize=1)
def _shipped() -> tuple[Instrument, ...]:
    folder = resources.files("forebyg.domain") / "instrument_data"
    return tuple(loads((folder / name).read_text(encoding="utf-8")) for name in SHIPPED_FILES)
