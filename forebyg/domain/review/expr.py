# SPDX-License-Identifier: MPL-2.0
"""Rules as composable, JSON-serialisable expressions over checks.

A point's rule is a tree of

* `Check(name, params)`: one registered check (`checks.CHECKS`) with its
  parameters; JSON `{"check": name, "params": {...}}`;
* `AllOf(parts)`: "and"; JSON `{"all": [...]}`;
* `AnyOf(parts)`: "or"; JSON `{"any": [...]}`;
* `Not(part)`: "not"; JSON `{"not": {...}}`.

Outcomes combine in three values: a part that is not applicable is ignored;
when no part is applicable the whole is not applicable (`model.all_of`,
`model.any_of`, `model.negate`). The items (and so the evidence) of every
part are kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Union

from .model import Result, all_of, any_of, negate

if TYPE_CHECKING:  # pragma: no cover
    from .context import CaseContext


@dataclass(frozen=True)
class Check:
    name: str
    params: tuple[tuple[str, Any], ...] = ()

    def __post_init__(self) -> None:
        from .checks import CHECKS

        spec = CHECKS.get(self.name)
        if spec is None:
            raise ValueError(f"unknown check {self.name!r}; known: {sorted(CHECKS)}")
        known = {p.name for p in spec.params}
        unknown = {k for k, _ in self.params} - known
        if unknown:
            raise ValueError(f"check {self.name!r} has no parameter(s) {sorted(unknown)}; known: {sorted(known)}")

    @classmethod
    def of(cls, name: str, **params: Any) -> Check:
        return cls(name, tuple(sorted((k, _frozen(v)) for k, v in params.items())))

    def resolved_params(self) -> dict[str, Any]:
        """The check's defaults with this rule's parameters applied."""
        from .checks import CHECKS

        values = {p.name: p.default for p in CHECKS[self.name].params}
        values.update(dict(self.params))
        return values

    def evaluate(self, ctx: CaseContext) -> Result:
        from .checks import CHECKS

        return CHECKS[self.name].fn(ctx, self.resolved_params())

    def to_dict(self) -> dict[str, Any]:
        return {"check": self.name, "params": {k: _jsonable(v) for k, v in self.params}}

    def checks(self) -> list[Check]:
        return [self]


@dataclass(frozen=True)
class AllOf:
    parts: tuple[Expr, ...]

    def evaluate(self, ctx: CaseContext) -> Result:
        results = [p.evaluate(ctx) for p in self.parts]
        return Result(all_of(r.outcome for r in results), tuple(i for r in results for i in r.items))

    def to_dict(self) -> dict[str, Any]:
        return {"all": [p.to_dict() for p in self.parts]}

    def checks(self) -> list[Check]:
        return [c for p in self.parts for c in p.checks()]


@dataclass(frozen=True)
class AnyOf:
    parts: tuple[Expr, ...]

    def evaluate(self, ctx: CaseContext) -> Result:
        results = [p.evaluate(ctx) for p in self.parts]
        return Result(any_of(r.outcome for r in results), tuple(i for r in results for i in r.items))

    def to_dict(self) -> dict[str, Any]:
        return {"any": [p.to_dict() for p in self.parts]}

    def checks(self) -> list[Check]:
        return [c for p in self.parts for c in p.checks()]


@dataclass(frozen=True)
class Not:
    part: Expr

    def evaluate(self, ctx: CaseContext) -> Result:
        r = self.part.evaluate(ctx)
        return Result(negate(r.outcome), r.items)

    def to_dict(self) -> dict[str, Any]:
        return {"not": self.part.to_dict()}

    def checks(self) -> list[Check]:
        return self.part.checks()


Expr = Union[Check, AllOf, AnyOf, Not]  # noqa: UP007 (a runtime alias)


def expr_from_dict(data: Mapping[str, Any]) -> Expr:
    if not isinstance(data, Mapping) or len(data.keys() - {"params"}) != 1:
        raise ValueError(f"a rule is one of check/all/any/not, got {data!r}")
    if "check" in data:
        return Check(data["check"], tuple(sorted((k, _frozen(v)) for k, v in dict(data.get("params", {})).items())))
    if "all" in data:
        return AllOf(tuple(expr_from_dict(d) for d in _nonempty(data["all"], "all")))
    if "any" in data:
        return AnyOf(tuple(expr_from_dict(d) for d in _nonempty(data["any"], "any")))
    if "not" in data:
        return Not(expr_from_dict(data["not"]))
    raise ValueError(f"a rule is one of check/all/any/not, got {sorted(data)}")


def _nonempty(parts: Any, name: str) -> list[Any]:
    if not isinstance(parts, list) or not parts:
        raise ValueError(f"'{name}' needs a non-empty list of rules")
    return parts


def _frozen(value: Any) -> Any:
    """Lists become tuples so that a rule stays hashable and immutable."""
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    return value


def _jsonable(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_jsonable(v) for v in value]
    return value
