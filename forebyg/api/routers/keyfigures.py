# SPDX-License-Identifier: MPL-2.0
"""Key figures: the catalogue, and the municipality's figures per unit and period (aggregates only)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from ninja import Query, Router, Schema
from pydantic import StringConstraints

from forebyg.domain.keyfigures.catalogue import INDICATORS
from forebyg.domain.keyfigures.periods import Granularity

from .. import schemas as s
from ..access import require
from ..common import Limit, Offset

router = Router(tags=["key figures"])
Unit = Annotated[str, StringConstraints(pattern=r"^(municipality|(team|district):[A-Za-z0-9_.:\-]{1,64})$")]
PeriodLabel = Annotated[str, StringConstraints(pattern=r"^\d{4}(-(Q[1-4]|\d{2}))?$")]


class IndicatorOut(Schema):
    id: str
    version: int
    category: str
    name_da: str
    name_en: str
    unit: str
    better: str
    what: str
    status: str


class FigureOut(Schema):
    indicator: str
    period: str
    value: float | None
    numerator: float | None
    denominator: float | None
    count: int


class FiguresOut(Schema):
    granularity: str
    unit: str
    unit_label: str
    catalogue_version: int
    as_of: datetime
    computed_at: datetime
    count: int
    limit: int
    offset: int
    items: list[FigureOut]


@router.get("/indicators", response=s.responses(200, list[IndicatorOut]), summary="The key-figure catalogue")
def indicators(request):
    require(request.user, "keyfigures.view")
    return [{"id": i.id, "version": i.version, "category": i.category, "name_da": i.name_da, "name_en": i.name_en,
             "unit": i.unit, "better": i.better, "what": i.what, "status": i.status} for i in INDICATORS]


@router.get("", response=s.responses(200, FiguresOut), summary="The municipality's key figures")
def figures(
    request,
    granularity: Granularity = Query("year"),
    unit: Unit = Query("municipality", description="municipality, team:<id> or district:<id>"),
    indicator: s.Id | None = Query(None, description="Only this indicator (see /key-figures/indicators)."),
    period_from: PeriodLabel | None = Query(None, description="First period, e.g. 2022, 2022-Q1 or 2022-03."),
    limit: int = Limit,
    offset: int = Offset,
):
    """The figures as last computed (`forebyg keyfigures refresh`, or computed now if never), for
    one unit: the whole municipality, a team or a school district. Aggregates only: no child is
    named, so nothing is written to the access log."""
    from forebyg.keyfigures import selectors as sel
    from forebyg.keyfigures.models import Value
    from forebyg.keyfigures.services import keyfigures_refresh

    require(request.user, "keyfigures.view")
    mid = request.user.municipality_id
    result = sel.latest_result(mid, granularity)
    if result is None:
        result = keyfigures_refresh(municipality_id=mid, granularities=[granularity], draw=False)[granularity]
    chosen = sel.unit_from_param(mid, unit)
    qs = Value.objects.filter(result=result, unit_kind=chosen.kind, unit=chosen.id)
    if indicator:
        qs = qs.filter(indicator=indicator)
    if period_from:
        qs = qs.filter(period__gte=period_from)
    qs = qs.order_by("indicator", "p")
    count = qs.count()
    items = [{"indicator": v.indicator, "period": v.period, "value": v.value, "numerator": v.numerator,
              "denominator": v.denominator, "count": v.count} for v in qs[offset:offset + limit]]
    return {"granularity": granularity, "unit": chosen.param, "unit_label": str(chosen.label),
            "catalogue_version": result.catalogue_version, "as_of": result.as_of, "computed_at": result.computed_at,
            "count": count, "limit": limit, "offset": offset, "items": items}
