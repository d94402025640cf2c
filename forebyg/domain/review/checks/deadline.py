# SPDX-License-Identifier: MPL-2.0
"""The `deadline` check: a point answered by the deadline engine's obligations.

The review does not recompute deadlines: it reads the obligations the
deadline engine computed (with the municipality's calendar and rule
configuration) as of the review moment and maps their status to an outcome.
So a review and the deadline pages never disagree about a date.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...deadlines import Obligation
from ...deadlines.index import PRIMARY
from ..casefile import iso
from ..context import CaseContext, days_after
from ..model import MET, NA, NOT_MET, Evidence, Item, ParamSpec, Result
from . import register

# What meets an obligation of each rule kind: (record type, field).
MET_BY: dict[str, tuple[str, str]] = {
    "acute_assessment": ("acute_assessment", "assessed_at"),
    "acknowledgement": ("acknowledgement", "sent_at"),
    "notifier_feedback": ("notifier_feedback", "given_at"),
    "reassessment": ("decision", "decided_at"),
    "investigation": ("investigation", "completed_at"),
    "provisional_assessment": ("investigation", "provisional_assessment_at"),
    "investigation_without_consent": ("investigation", "completed_at"),
    "child_conversation": ("child_conversation", "held_at"),
    "plan": ("plan", "made_at"),
    "followup": ("followup", "held_at"),
}
# Subject types whose period membership is decided by these record lists and fields.
SUBJECT_OF_KIND = {
    "acute_assessment": "notification", "acknowledgement": "notification", "notifier_feedback": "notification",
    "reassessment": "notification", "investigation": "investigation", "provisional_assessment": "investigation",
    "investigation_without_consent": "investigation", "child_conversation": "measure", "plan": "measure",
    "followup": "measure",
}
# Rules that concern the notification as a whole (siblings share them), not one child.
PER_NOTIFICATION = {"acute_assessment", "acknowledgement", "notifier_feedback"}


@register(
    "deadline",
    "Maps the deadline engine's obligations of one rule kind (docs/rules.md) to outcomes: statuses in "
    "`met` are met, statuses in `not_met` are not met, every other status (open, due soon: not yet due; "
    "not applicable: the case ended before the deadline) is not applicable. Each obligation is one item, "
    "with the subject record and the record that met it as evidence.",
    ParamSpec("rule_kind", "acute_assessment", "The deadline rule kind (the evaluator name in docs/rules.md)."),
    ParamSpec("met", ("met_on_time",), "Deadline statuses that count as met."),
    ParamSpec("not_met", ("met_late", "overdue"), "Deadline statuses that count as not met."),
    ParamSpec("anchor", "subject",
              "Which obligations belong to the review period: 'subject' (the notification was received, the "
              "investigation's awareness date or the measure's decision lies in the period) or 'due' (the "
              "deadline lies in the period and before the review moment; for repeated follow-ups)."),
    ParamSpec("open_not_met_after_days", None,
              "For a rule without a deadline of its own: an obligation still open after the end of the day "
              "this many calendar days after it started counts as not met (None: it stays not applicable).",
              "Local convention: the law states no deadline."),
    ParamSpec("min_child_age_years", 0,
              "Subjects concerning a child younger than this (in years, at the subject's date) are not "
              "applicable.", "Local convention; 0 means every child."),
)
def deadline(ctx: CaseContext, p: dict[str, Any]) -> Result:
    kind = p["rule_kind"]
    idx = ctx.obligations
    obligations: list[tuple[Obligation, Mapping[str, Any] | None]] = []
    if p["anchor"] == "due":
        start, end = ctx.period.start_at, ctx.window_end
        for m in ctx.file.measures:
            for ob in idx.of("measure", m["id"], kind):
                if ob.due is not None and (start is None or ob.due >= start) and ob.due <= end \
                        and (ctx.law is None or ob.law == ctx.law):
                    obligations.append((ob, m))
    else:
        subject_type = SUBJECT_OF_KIND[kind]
        subjects = {"notification": ctx.notifications, "investigation": ctx.investigations,
                    "measure": ctx.measures}[subject_type]()
        for rec in subjects:
            for ob in idx.of(subject_type, rec["id"], kind):
                if kind not in PER_NOTIFICATION and ob.child_id not in (None, ctx.file.key):
                    continue
                obligations.append((ob, rec))
    items = [_item(ctx, p, kind, ob, rec) for ob, rec in obligations]
    return Result.of_items(items)


def _item(ctx: CaseContext, p: dict[str, Any], kind: str, ob: Obligation, subject: Mapping[str, Any] | None) -> Item:
    status = ob.status
    reason = f"deadline.{status}"
    if status == "not_applicable" and ob.ended == "age_18":  # docs/rules.md, "When a child turns 18"
        reason = "deadline.ended_at_18"
    if status in p["met"]:
        outcome = MET
    elif status in p["not_met"]:
        outcome = NOT_MET
    else:
        outcome = NA
        days = p["open_not_met_after_days"]
        if status == "open" and ob.due is None and days is not None and days_after(ob.start, days) < ctx.as_of:
            outcome, reason = NOT_MET, "deadline.open_too_long"
    if outcome != NA and p["min_child_age_years"]:
        age = ctx.age_at(ob.start)
        if age is not None and age < float(p["min_child_age_years"]):
            outcome, reason = NA, "child_too_young"
    evidence = []
    if subject is not None:
        evidence.append(Evidence(subject["type"], subject["id"], PRIMARY[subject["type"]],
                                 iso(ctx.ts(subject, PRIMARY[subject["type"]]))))
    if ob.met_by is not None and kind in MET_BY:
        rtype, field = MET_BY[kind]
        evidence.append(Evidence(rtype, ob.met_by, field, iso(ob.met_at)))
    due_date = ob.due_date
    due = None if ob.due is None or due_date is None else (due_date.isoformat() if ob.due_all_day else iso(ob.due))
    details = {"rule_id": ob.rule_id, "rule_version": ob.rule_version, "legal_reference": ob.legal_reference,
               "status": status, "due": due, "seq": ob.seq}
    return Item("deadline", ob.subject_type, ob.subject_id if ob.seq == 1 else f"{ob.subject_id}#{ob.seq}",
                outcome, reason, tuple(evidence), details)
