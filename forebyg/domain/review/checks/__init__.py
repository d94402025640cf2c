# SPDX-License-Identifier: MPL-2.0
"""The registry of checks: the building blocks of the assessment points.

A check is a function `(ctx: CaseContext, params: dict) -> Result` with
documented parameters (`ParamSpec`). Points combine checks with
all/any/not (`expr`). docs/review.md lists every check with its parameters.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..model import ParamSpec, Result

if TYPE_CHECKING:  # pragma: no cover
    from ..context import CaseContext

CheckFn = Callable[["CaseContext", dict[str, Any]], Result]


@dataclass(frozen=True)
class CheckSpec:
    name: str
    fn: CheckFn
    description: str
    params: tuple[ParamSpec, ...]


CHECKS: dict[str, CheckSpec] = {}


def register(name: str, description: str, *params: ParamSpec) -> Callable[[CheckFn], CheckFn]:
    def wrap(fn: CheckFn) -> CheckFn:
        if name in CHECKS:
            raise ValueError(f"check {name!r} registered twice")
        CHECKS[name] = CheckSpec(name, fn, description, params)
        return fn

    return wrap


from . import case, deadline  # noqa: E402,F401  (registers the checks)
