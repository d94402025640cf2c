# SPDX-License-Identifier: MPL-2.0
"""Reading inside the municipality scope, for selectors (issue #14).

A page or API request runs inside its user's `scope(municipality=[...])`
(forebyg.accounts.middleware, forebyg.api.api). Selectors never switch the scope off
(`scopes_disabled`, refused by tests/test_scoping.py): they read through `municipality_scope`, which

* inside a request keeps the request's scope and refuses a municipality outside it;
* outside a request (a command, a scheduled job, a test) opens a scope of exactly the
  municipalities asked for (all of them when `None`), so the same selector works there too.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django_scopes import get_scope, scope
from django_scopes.exceptions import ScopeError


def _as_set(value: int | Iterable[int] | None) -> set[int] | None:
    if value is None:
        return None
    if isinstance(value, int):
        return {value}
    return {int(v) for v in value}


@contextmanager
def municipality_scope(municipalities: int | Iterable[int] | None) -> Iterator[None]:
    wanted = _as_set(municipalities)
    current = get_scope()
    enabled = current.get("_enabled", True)
    if current and enabled and "municipality" in current:
        active = _as_set(current["municipality"]) or set()
        if wanted is not None and not wanted <= active:
            raise ScopeError("a read outside the request's municipality scope")
        yield
        return
    if wanted is None:
        from .models import Municipality

        wanted = set(Municipality.objects.values_list("code", flat=True))
    with scope(municipality=sorted(wanted)):
        yield
