# SPDX-License-Identifier: MPL-2.0
"""Cases, investigations and measures."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from forebyg.cases import models as m
from forebyg.cases.selectors import worklists
from forebyg.cases.services import practice

from .. import schemas as s
from ..access import logged_page, require
from ..common import (
    CHILD,
    SINCE,
    Limit,
    Offset,
    RecordId,
    between,
    child_for_write,
    fresh,
    get_record,
    lookup,
    meta,
    run,
    updated_since,
    visible_records,
    with_version_of,
)

router = Router()


# --- Cases ---------------------------------------------------------------------------------------

def case_out(c: m.Case) -> dict:
    return {**meta(c), "child": c.child_id, "opened_at": c.opened_at, "closed_at": c.closed_at,
            "caseworker": c.caseworker_id, "team": c.team_id}


@router.get("/cases", response=s.responses(200, s.CasePage), tags=["cases"], summary="Cases of children you may read")
def list_cases(
    request,
    child: s.Id | None = CHILD,
    open: bool | None = Query(None, description="Only open (true) or only closed (false) cases."),  # noqa: A002
    mine: bool = Query(False, description="Only cases where you are the caseworker."),
    opened_after: s.Moment | None = Query(None),
    opened_before: s.Moment | None = Query(None),
    updated_since_: s.Moment | None = SINCE,
    limit: int = Limit,
    offset: int = Offset,
):
    require(request.user, "cases.view_worklists")
    qs = between(visible_records(request, m.Case), "opened_at", opened_after, opened_before)
    if child:
        qs = qs.filter(child_id=child)
    if open is not None:
        qs = qs.filter(closed_at__isnull=open)
    if mine:
        qs = qs.filter(caseworker=request.user)
    qs = updated_since(qs, updated_since_).order_by("-opened_at", "id")
    return logged_page(request, qs, case_out, "api.cases", limit, offset)


@router.get("/cases/{case_id}", response=s.responses(200, s.CaseOut), tags=["cases"], summary="One case")
def get_case(request, case_id: str = RecordId):
    return case_out(get_record(request, m.Case, case_id, "api.case"))


@router.post("/cases/{case_id}/assign", response=s.responses(200, s.CaseOut, write=True), tags=["cases"],
             summary="Assign the case to a caseworker")
def assign_case(request, body: s.AssignIn, case_id: str = RecordId):
    require(request.user, "cases.assign")
    case = get_record(request, m.Case, case_id, "api.case.assign")

    def call():
        caseworker = worklists.caseworker_by_staff_id(request.user.municipality_id, body.caseworker)
        if caseworker is None:
            raise ValidationError({"caseworker": _("There is no active caseworker with this staff id.")})
        return practice.case_assign(actor=request.user, case=with_version_of(case, body.version), caseworker=caseworker)

    run(call)
    return case_out(fresh(m.Case, case.pk))


# --- Investigations ------------------------------------------------------------------------------

def investigation_out(i: m.Investigation) -> dict:
    return {**meta(i), "case": i.case_id, "child": i.child_id, "aware_at": i.aware_at, "started_at": i.started_at,
            "consent": i.consent, "sections": {k: str(v) for k, v in (i.sections or {}).items()},
            "conclusion": i.conclusion, "completed_at": i.completed_at,
            "provisional_assessment_at": i.provisional_assessment_at}


@router.get("/investigations", response=s.responses(200, s.InvestigationPage), tags=["investigations"],
            summary="Child-professional investigations")
def list_investigations(
    request,
    child: s.Id | None = CHILD,
    completed: bool | None = Query(None),
    started_after: s.Moment | None = Query(None),
    started_before: s.Moment | None = Query(None),
    updated_since_: s.Moment | None = SINCE,
    limit: int = Limit,
    offset: int = Offset,
):
    require(request.user, "cases.view_worklists")
    qs = between(visible_records(request, m.Investigation), "started_at", started_after, started_before)
    if child:
        qs = qs.filter(child_id=child)
    if completed is not None:
        qs = qs.filter(completed_at__isnull=not completed)
    qs = updated_since(qs, updated_since_).order_by("-started_at", "id")
    return logged_page(request, qs, investigation_out, "api.investigations", limit, offset)


@router.get("/investigations/{investigation_id}", response=s.responses(200, s.InvestigationOut),
            tags=["investigations"], summary="One investigation")
def get_investigation(request, investigation_id: str = RecordId):
    return investigation_out(get_record(request, m.Investigation, investigation_id, "api.investigation"))


@router.put("/investigations/{investigation_id}", response=s.responses(200, s.InvestigationOut, write=True),
            tags=["investigations"], summary="Replace the investigation's sections, conclusion and completion")
def update_investigation(request, body: s.InvestigationUpdateIn, investigation_id: str = RecordId):
    """Replaces the sections, conclusion and dates with those sent. Every field must be sent (null
    where empty); a field left out gives 422 naming it, and nothing is saved. To change only some
    fields, use PATCH. Send the `version` you read: if someone saved the investigation since,
    nothing is saved and the answer is 409."""
    require(request.user, "cases.casework")
    inv = get_record(request, m.Investigation, investigation_id, "api.investigation.update")
    run(lambda: practice.investigation_update(
        actor=request.user, investigation=with_version_of(inv, body.version),
        sections={key: text for key, text in body.sections.items()},
        conclusion=body.conclusion, completed_at=body.completed_at,
        provisional_assessment_at=body.provisional_assessment_at))
    return investigation_out(fresh(m.Investigation, inv.pk))


@router.patch("/investigations/{investigation_id}", response=s.responses(200, s.InvestigationOut, write=True),
              tags=["investigations"], summary="Change some of the investigation's fields")
def patch_investigation(request, body: s.InvestigationPatchIn, investigation_id: str = RecordId):
    """Changes only the fields sent (JSON merge patch): in `sections`, a section with text is set
    and a section sent as null is removed; the other sections stay. `version` is required, as for
    PUT: if someone saved the investigation since you read it, nothing is saved and the answer is 409."""
    require(request.user, "cases.casework")
    inv = get_record(request, m.Investigation, investigation_id, "api.investigation.update")
    sent = body.model_fields_set
    sections = dict(inv.sections or {})
    if "sections" in sent:
        if body.sections is None:
            sections = {}
        else:
            for key, text in body.sections.items():
                if text is None:
                    sections.pop(key, None)
                else:
                    sections[key] = text

    def value(name: str):
        return getattr(body, name) if name in sent else getattr(inv, name)

    run(lambda: practice.investigation_update(
        actor=request.user, investigation=with_version_of(inv, body.version), sections=sections,
        conclusion=value("conclusion"), completed_at=value("completed_at"),
        provisional_assessment_at=value("provisional_assessment_at")))
    return investigation_out(fresh(m.Investigation, inv.pk))


# --- Measures ------------------------------------------------------------------------------------

def measure_out(x: m.Measure) -> dict:
    return {**meta(x), "case": x.case_id, "child": x.child_id, "law": x.law, "kind": x.kind,
            "legal_basis": x.legal_basis, "step": x.step, "offer": x.offer_id, "decided_at": x.decided_at,
            "started_at": x.started_at, "ended_at": x.ended_at, "end_reason": x.end_reason, "purpose": x.purpose,
            "expected_duration_months": x.expected_duration_months, "by": x.by_id,
            "plan_decision": x.plan_decision, "urgent_plan": x.urgent_plan}


@router.get("/measures", response=s.responses(200, s.MeasurePage), tags=["measures"], summary="Measures")
def list_measures(
    request,
    child: s.Id | None = CHILD,
    case: s.Id | None = Query(None),
    active: bool | None = Query(None, description="Only started and not ended (true), or the others (false)."),
    decided_after: s.Moment | None = Query(None),
    decided_before: s.Moment | None = Query(None),
    updated_since_: s.Moment | None = SINCE,
    limit: int = Limit,
    offset: int = Offset,
):
    require(request.user, "cases.view_worklists")
    qs = between(visible_records(request, m.Measure), "decided_at", decided_after, decided_before)
    if child:
        qs = qs.filter(child_id=child)
    if case:
        qs = qs.filter(case_id=case)
    if active is True:
        qs = qs.filter(started_at__isnull=False, ended_at__isnull=True)
    elif active is False:
        qs = qs.exclude(started_at__isnull=False, ended_at__isnull=True)
    qs = updated_since(qs, updated_since_).order_by("-decided_at", "id")
    return logged_page(request, qs, measure_out, "api.measures", limit, offset)


@router.get("/measures/{measure_id}", response=s.responses(200, s.MeasureOut), tags=["measures"], summary="One measure")
def get_measure(request, measure_id: str = RecordId):
    return measure_out(get_record(request, m.Measure, measure_id, "api.measure"))


@router.post("/measures", response=s.responses(201, s.MeasureOut, write=True), tags=["measures"],
             summary="Decide a measure")
def decide_measure(request, body: s.MeasureIn):
    """The law period follows `decided_at`; the kind must belong to it. Opens a case if none is open."""
    require(request.user, "cases.casework")
    child = child_for_write(request, body.child, "api.measure.decide")

    def call():
        offer = lookup(m.Offer, body.offer, "offer", _("offer"))
        return practice.measure_decide(actor=request.user, child=child, kind=body.kind, decided_at=body.decided_at,
                                       offer=offer, purpose=body.purpose,
                                       expected_duration_months=body.expected_duration_months,
                                       started_at=body.started_at, plan_decision=body.plan_decision,
                                       urgent_plan=body.urgent_plan)

    return Status(201, measure_out(fresh(m.Measure, run(call).pk)))


@router.post("/measures/{measure_id}/start", response=s.responses(200, s.MeasureOut, write=True), tags=["measures"],
             summary="Record that the measure started")
def start_measure(request, body: s.MeasureStartIn, measure_id: str = RecordId):
    require(request.user, "cases.casework")
    x = get_record(request, m.Measure, measure_id, "api.measure.start")
    run(lambda: practice.measure_start(actor=request.user, measure=with_version_of(x, body.version),
                                       started_at=body.started_at))
    return measure_out(fresh(m.Measure, x.pk))


@router.post("/measures/{measure_id}/end", response=s.responses(200, s.MeasureOut, write=True), tags=["measures"],
             summary="End the measure with a reason")
def end_measure(request, body: s.MeasureEndIn, measure_id: str = RecordId):
    require(request.user, "cases.casework")
    x = get_record(request, m.Measure, measure_id, "api.measure.end")
    run(lambda: practice.measure_end(actor=request.user, measure=with_version_of(x, body.version),
                                     ended_at=body.ended_at, end_reason=body.end_reason))
    return measure_out(fresh(m.Measure, x.pk))
