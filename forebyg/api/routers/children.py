# SPDX-License-Identifier: MPL-2.0
"""Children: list, register, read one (access-logged), state a reason, the child's deadlines."""

from __future__ import annotations

from datetime import datetime

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Status
from ninja.errors import ValidationError as NinjaValidationError

from forebyg.audit.services import CPR_PATTERN, log_access
from forebyg.cases import models as m
from forebyg.cases.services import practice
from forebyg.core import clock
from forebyg.core.models import District, Institution
from forebyg.domain.cpr import mask
from forebyg.security.access import FULL

from .. import schemas as s
from ..access import get_child, log_reads, open_child, require, visible_children
from ..common import UPDATED_SINCE, Limit, Offset, between, lookup, meta, page, run, updated_since, with_meta

router = Router(tags=["children"])
ChildId = Path(..., pattern=s.ID_PATTERN, description="The child's id.")


def child_out(c: m.Child, basis: str) -> dict:
    """The child's details; on the ``intake`` basis without custody, district and institution
    (the intake view, forebyg.security.access)."""
    full = basis in FULL
    return {**meta(c), "name": c.name, "birth_date": c.birth_date, "cpr_masked": mask(c.cpr),
            "district": c.district_id if full else None, "institution": c.institution_id if full else None,
            "custody_holders": list(c.custody_holders or []) if full else None, "registered_at": c.registered_at,
            "access_basis": basis}


@router.get("", response=s.responses(200, s.ChildPage), summary="Children you may read")
def list_children(
    request,
    q: s.Name | None = Query(None, description="Part of the child's name."),
    born_after: s.Day | None = Query(None, description="Born on or after this date."),
    born_before: s.Day | None = Query(None, description="Born before this date."),
    registered_after: s.Moment | None = Query(None),
    registered_before: s.Moment | None = Query(None),
    updated_since_: s.Moment | None = Query(None, alias="updated_since", description=UPDATED_SINCE),
    limit: int = Limit,
    offset: int = Offset,
):
    """The children you may open without stating a reason (your caseload, your team's by the
    municipality's policy, intake, or a reason you stated), by name. Each child returned is
    written to the access log."""
    require(request.user, "cases.view_worklists")
    if q and CPR_PATTERN.search(q):
        # A CPR number in an address lands in server logs: refused, and the number is not echoed.
        raise NinjaValidationError([{"loc": ["query", "q"], "type": "cpr_in_address", "msg": _(
            "q searches names only. Search by CPR number with POST /children/search, so that the number "
            "is not part of the address.")}])
    qs = with_meta(visible_children(request.user))
    if q:
        qs = qs.filter(name__icontains=q)
    if born_after:
        qs = qs.filter(birth_date__gte=born_after)
    if born_before:
        qs = qs.filter(birth_date__lt=born_before)
    qs = updated_since(between(qs, "registered_at", registered_after, registered_before), updated_since_)
    qs = qs.order_by("name", "id")
    return page(qs, limit=limit, offset=offset, serialize=lambda c: child_out(c, c.basis),
                after_fetch=lambda items: log_reads(request, [c.pk for c in items], "api.children",
                                                    {c.pk: c.basis for c in items}))


@router.post("/search", response=s.responses(200, s.ChildFoundPage), summary="Find a child by CPR number")
def search_children(request, body: s.ChildSearchIn):
    """The child (if any) of the municipality with this CPR number, as the application's search
    shows it: name, birth date, masked number, and your access basis (null: state a reason before
    reading more, `POST /children/{id}/access`). The number travels in the body, never in an
    address. Each child found is written to the access log with the number masked."""
    from forebyg.security.access import child_access
    from forebyg.security.crypto import cpr_hash

    require(request.user, "cases.view_worklists")
    masked = mask(body.cpr)
    found = list(m.Child.objects.filter(cpr_hash=cpr_hash(body.cpr.replace("-", ""))).order_by("id"))
    items = []
    for child in found:
        access = child_access(request.user, child)
        basis = access.basis if access else None
        log_access(user=request.user, child=child, view="api.children.search", request=request,
                   reason=_("CPR search: %(cpr)s") % {"cpr": masked}, basis=basis or "search")
        items.append({"id": child.pk, "name": child.name, "birth_date": child.birth_date, "cpr_masked": masked,
                      "access_basis": basis})
    return {"count": len(items), "items": items}


@router.post("", response=s.responses(201, s.ChildOut, write=True), summary="Register a child")
def register_child(request, body: s.ChildIn):
    require(request.user, "cases.register_child")

    def call():
        return practice.child_register(
            actor=request.user, name=body.name, birth_date=body.birth_date, cpr=body.cpr,
            district=lookup(District, body.district, "district", _("school district")),
            institution=lookup(Institution, body.institution, "institution", _("school or daycare")),
            custody_holders=[p.dict() for p in body.custody_holders])

    child = run(call)
    # The answer is the child as the registrant may read it: the intake view (id, name, birth date,
    # masked number). Custody holders, district and institution are stored, not echoed back (issue #15).
    return Status(201, child_out(with_meta(m.Child.objects.filter(pk=child.pk)).get(), "intake"))


@router.get("/{child_id}", response=s.responses(200, s.ChildOut), summary="One child")
def get_child_detail(request, child_id: str = ChildId):
    child = with_meta(m.Child.objects.filter(pk=child_id)).first()  # scoped: not another municipality's
    if child is None:
        raise Http404
    access = open_child(request, child, "api.child", full=False)
    return child_out(child, access.basis)


@router.get("/{child_id}/intake", response=s.responses(200, s.IntakeOut), summary="The intake view of a child")
def child_intake(request, child_id: str = ChildId):
    """Is the child known, which team and caseworker hold an open case, and every notification
    naming the child by date and notifier: what intake needs, on any basis (also ``intake``).
    Nothing of the child's file. The read is access-logged."""
    from forebyg.cases.selectors.intake import child_intake as intake_of

    require(request.user, "cases.view_worklists")
    child = m.Child.objects.filter(pk=child_id).first()  # scoped: not another municipality's
    if child is None:
        raise Http404
    access = open_child(request, child, "api.child.intake", full=False)
    i = intake_of(child)
    return {"child": child.pk, "name": i.name, "birth_date": i.birth_date, "cpr_masked": mask(child.cpr),
            "known": i.known, "access_basis": access.basis,
            "open_cases": [{"opened_at": c.opened_at, "team": c.team_id, "caseworker": c.caseworker_id}
                           for c in i.open_cases],
            "notifications": [{"id": n.id, "received_at": n.received_at, "channel": n.channel_code,
                               "notifier_kind": n.notifier_kind_code, "notifier_professional": n.notifier_professional,
                               "notifier_name": n.notifier_name, "team": n.team_id, "open": n.open}
                              for n in i.notifications]}


@router.post("/{child_id}/access", response=s.responses(201, s.GlassOut, write=True),
             summary="State a reason to open a child outside your caseload")
def break_glass(request, body: s.GlassIn, child_id: str = ChildId):
    """"Break the glass": for a limited time you may read the child. The reason is logged and
    listed for your team leader to review."""
    from forebyg.security.services import glass_open

    require(request.user, "cases.view_worklists")
    child = m.Child.objects.filter(pk=child_id).first()
    if child is None:
        raise Http404
    grants = run(lambda: glass_open(user=request.user, children=[child], reason_kind=body.reason_kind,
                                    reason_text=body.reason_text, request=request))
    return Status(201, {"child": child.pk, "basis": "glass", "expires_at": grants[0].expires_at})


@router.get("/{child_id}/deadlines", response=s.responses(200, s.ObligationPage), summary="The child's deadlines")
def child_deadlines(
    request,
    child_id: str = ChildId,
    as_of: s.Moment | None = Query(None, description="The moment to compute for (default: now)."),
    limit: int = Limit,
    offset: int = Offset,
):
    """Every statutory deadline (obligation) of the child as of a moment, most urgent first."""
    from forebyg.deadlines import selectors as dl

    from .deadlines import obligations_page

    child = get_child(request, child_id, "api.child.deadlines")
    moment: datetime = as_of or clock.now()
    obligations = dl.obligations_for_children(municipality_id=child.municipality_id, child_ids=[child.pk],
                                              as_of=moment)
    return obligations_page(request, obligations, limit=limit, offset=offset, log_view=None)
