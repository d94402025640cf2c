# SPDX-License-Identifier: MPL-2.0
"""Long lists on one screen: a bounded page of rows with links to the others (issue #20).

A caseworker with 400 open cases does not read 400 rows on a start page, and writing them cost
the server most of the page's time. The lists that grow with a caseload ("Mit arbejde", Mine
frister) show `PAGE_ROWS` rows at a time, in the order the list already had (most urgent first
where there is an urgency), with "Forrige side"/"Næste side" links; the headings keep the true
totals, and every row stays reachable by paging (and by the page's filters)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest

PAGE_ROWS = 50


@dataclass
class Paged:
    """One page of a list: its `rows`, where it lies in the whole (`first`..`last` of `total`, 1-based)
    and the links to the pages before and after (the request's other parameters kept)."""

    rows: list[Any]
    total: int
    number: int
    pages: int
    first: int
    last: int
    previous_url: str | None
    next_url: str | None

    @property
    def more_than_one(self) -> bool:
        return self.pages > 1


def paged(request: HttpRequest, rows: Sequence[Any], *, param: str, per_page: int = PAGE_ROWS) -> Paged:
    """Page `request.GET[param]` of `rows` (the first page for a missing or bad number, the last
    for a number past the end)."""
    page = Paginator(rows, per_page).get_page(request.GET.get(param))

    def url(number: int) -> str:
        query = request.GET.copy()
        if number == 1:
            query.pop(param, None)
        else:
            query[param] = str(number)
        return f"?{query.urlencode()}" if query else "?"

    total = page.paginator.count
    return Paged(rows=list(page.object_list), total=total, number=page.number, pages=page.paginator.num_pages,
                 first=page.start_index() if total else 0, last=page.end_index() if total else 0,
                 previous_url=url(page.number - 1) if page.has_previous() else None,
                 next_url=url(page.number + 1) if page.has_next() else None)
