# SPDX-License-Identifier: MPL-2.0
"""Statutory deadlines (obligations): mine as a caseworker, my team's as a team leader or manager."""

from __future__ import annotations

from typing import Literal

from ninja import Query, Router

from forebyg.core import clock
from forebyg.deadlines import selectors as sel
from forebyg.domain.deadlines import by_urgency
from forebyg.web.language import page_language as _language

from .. import schemas as s
from ..access import log_reads, require
from ..common import Limit, Offset

router = Router(tags=["deadlines"])
# The statuses of forebyg.domain.deadlines.model.Status, in the order the API documents them.
ObligationStatus = Literal["overdue", "due_soon", "open", "met_late", "met_on_time", "not_applicable"]
AS_OF = Query(None, description="The moment to compute for (default: now). What did the deadlines look like then?")


def obligations_page(request, obligations, *, limit: int, offset: int, log_view: str | None) -> dict:
    """Most urgent first; titles in the user's language; the children shown are access-logged."""
    ordered = by_urgency(obligations)
    chosen = ordered[offset:offset + limit]
    rows = sel.rows(chosen, municipality_id=request.user.municipality_id, language=_language())
    if log_view:
        log_reads(request, [r.ob.child_id for r in rows], log_view)
    items = []
    for r in rows:
        ob = r.ob
        items.append({
            "rule_id": ob.rule_id, "rule_version": ob.rule_version, "title": str(r.title), "law": ob.law,
            "legal_reference": ob.legal_reference, "statutory": ob.statutory, "subject_type": ob.subject_type,
            "subject_id": ob.subject_id, "child": ob.child_id, "child_name": r.child.name if r.child else None,
            "case": ob.case_id, "start": ob.start, "due": ob.due, "due_all_day": ob.due_all_day,
            "met_at": ob.met_at, "status": ob.status, "seq": ob.seq, "closed": ob.closed,
            "ended": ob.ended,
        })
    return {"count": len(ordered), "limit": limit, "offset": offset, "items": items}


def _filter(obligations, status: str | None, rule: str | None):
    return [o for o in obligations if (not status or o.status == status) and (not rule or o.rule_id == rule)]


@router.get("/mine", response=s.responses(200, s.ObligationPage), summary="My deadlines")
def my_deadlines(
    request,
    as_of: s.Moment | None = AS_OF,
    all: bool = Query(False, description="Also met, closed and long-overdue obligations (default: what you can act on)."),  # noqa: A002
    status: ObligationStatus | None = Query(None),
    rule: s.Id | None = Query(None, description="Only this rule id, e.g. BL-notification-decision."),
    limit: int = Limit,
    offset: int = Offset,
):
    """The deadlines of your open cases and of the open notifications assigned to you."""
    require(request.user, "cases.casework")
    moment = as_of or clock.now()
    obligations = sel.obligations_for_children(
        municipality_id=request.user.municipality_id, child_ids=sel.caseworker_children(request.user), as_of=moment)
    if not all:
        obligations = sel.actionable(obligations, moment)
    return obligations_page(request, _filter(obligations, status, rule), limit=limit, offset=offset,
                            log_view="api.deadlines.mine")


@router.get("/team", response=s.responses(200, s.ObligationPage), summary="My team's deadlines")
def team_deadlines(
    request,
    as_of: s.Moment | None = AS_OF,
    status: ObligationStatus | None = Query(None),
    rule: s.Id | None = Query(None),
    limit: int = Limit,
    offset: int = Offset,
):
    """A team leader's team, or the whole municipality for a manager: every obligation of the
    children of open cases and open notifications."""
    require(request.user, "deadlines.view_team")
    user = request.user
    team = user.team if user.role == "team_leader" else None
    moment = as_of or clock.now()
    obligations = sel.obligations_for_children(
        municipality_id=user.municipality_id,
        child_ids=sel.team_children(team=team, municipality_id=user.municipality_id), as_of=moment)
    return obligations_page(request, _filter(obligations, status, rule), limit=limit, offset=offset,
                            log_view="api.deadlines.team")
