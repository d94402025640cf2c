# SPDX-License-Identifier: MPL-2.0
"""Who am I, and the municipality's staff, teams and range of offers (ids for the writes)."""

from __future__ import annotations

from typing import Literal

from ninja import Router

from forebyg.accounts.models import User
from forebyg.cases import models as m
from forebyg.core.models import Team

from .. import schemas as s
from ..access import require

# The roles the staff list can be filtered by (those who work with cases).
StaffRole = Literal["receiving_unit", "caseworker", "team_leader", "manager"]

router = Router(tags=["organisation"])


@router.get("/me", response=s.responses(200, s.Me), summary="The token's user")
def me(request):
    user = request.user
    return {"username": user.username, "staff_id": user.ext_id, "name": user.full_name or user.username,
            "role": user.role, "municipality": user.municipality_id, "team": user.team_id,
            "token_expires_at": request.auth.expires_at}


@router.get("/staff", response=s.responses(200, list[s.Staff]), summary="Active staff of the municipality")
def staff(request, role: StaffRole | None = None):
    require(request.user, "cases.view_worklists")
    qs = User.objects.filter(municipality_id=request.user.municipality_id, is_active=True,
                             role__in=["receiving_unit", "caseworker", "team_leader", "manager"])
    if role:
        qs = qs.filter(role=role)
    return [{"id": u.ext_id, "name": u.full_name or u.username, "role": u.role, "team": u.team_id}
            for u in qs.order_by("full_name", "ext_id")]


@router.get("/teams", response=s.responses(200, list[s.Team]), summary="Teams of the municipality")
def teams(request):
    require(request.user, "cases.view_worklists")
    return [{"id": t.pk, "name": t.name} for t in Team.objects.order_by("name", "id")]


@router.get("/offers", response=s.responses(200, list[s.Offer]), summary="The municipality's range of offers")
def offers(request):
    require(request.user, "cases.view_worklists")
    return [{"id": o.pk, "name": o.name, "provider": o.provider, "law": o.law, "measure_kind": o.measure_kind,
             "price_per_month": float(o.price_per_month)} for o in m.Offer.objects.order_by("name", "id")]
