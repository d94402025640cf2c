# SPDX-License-Identifier: MPL-2.0
"""Barnets Lov (BL, LBK nr. 282 af 17/03/2025): rules for events from 1 January 2024.

Facts from the domain brief (docs/rules.md lists each rule with its source).
Section numbers the brief marks UNCONFIRMED say so in `legal_reference`.
"""

from __future__ import annotations

from .model import Duration, Parameter, Rule, RuleSet
from .sel import (
    ACK_PARAMS,
    CONVERSATION_PARAMS,
    FEEDBACK_DEADLINE_NOTE,
    FEEDBACK_PARAMS,
    HOURS_6,
    PLAN_LOOKBACK,
    REASSESS_DEADLINE_NOTE,
    WD_2,
    WD_10,
)

LAW = "BL"


def _bl(**kw) -> Rule:  # noqa: ANN003
    return Rule(version=1, law=LAW, **kw)


ACUTE_ASSESSMENT = _bl(
    id="bl.acute_assessment",
    kind="acute_assessment",
    title_da="Akutvurdering af underretning inden 24 timer",
    title_en="Acute assessment of a notification within 24 hours",
    legal_reference="BL § 136 (stk. UNCONFIRMED)",
    source="dukh.dk; sm.dk (kommunens pligt)",
    statutory=True,
    subject_type="notification",
    starts="The notification is received (notification.received_at).",
    stops="An acute assessment is recorded (acute_assessment.assessed_at).",
    duration=Duration(24, "clock_hours"),
    due_soon=HOURS_6,
    notes="Clock hours, also at night and at weekends (duty service); across a "
    "daylight-saving change the deadline is 24 real hours.",
)

ACKNOWLEDGEMENT = _bl(
    id="bl.acknowledgement",
    kind="acknowledgement",
    title_da="Kvittering for modtagelse af underretning",
    title_en="Acknowledgement of receipt of a notification",
    legal_reference="BL § 136 or § 138 (section UNCONFIRMED)",
    source="lejre.dk; vejen.dk; viborg.dk",
    statutory=True,
    subject_type="notification",
    starts="The notification is received (notification.received_at).",
    stops="An acknowledgement is sent (acknowledgement.sent_at).",
    duration=Duration(6, "working_days"),
    due_soon=WD_2,
    parameters=ACK_PARAMS,
)

NOTIFIER_FEEDBACK = _bl(
    id="bl.notifier_feedback",
    kind="notifier_feedback",
    title_da="Tilbagemelding til fagligt underretter",
    title_en="Feedback to a professional notifier",
    legal_reference="BL (section UNCONFIRMED; successor of SEL § 155 b stk. 2)",
    source="socialstyrelsen.dk (Overgrebspakken)",
    statutory=True,
    subject_type="notification",
    starts="An investigation or measure starts for a child of a notification from a "
    "professional notifier (investigation.started_at / measure.decided_at).",
    stops="Feedback saying an investigation or measure was started is given "
    "(notifier_feedback.given_at, content investigation_started or measure_started).",
    duration=Duration(6, "working_days"),
    due_soon=WD_2,
    parameters=FEEDBACK_PARAMS,
    duration_unconfirmed=FEEDBACK_DEADLINE_NOTE,
)

REASSESSMENT = _bl(
    id="bl.reassessment",
    kind="reassessment",
    title_da="Fornyet vurdering når barnet allerede har en indsats",
    title_en="Reassessment when the notified child already has a measure",
    legal_reference="BL § 137 stk. 1",
    source="lovguiden.dk (BL § 137)",
    statutory=True,
    subject_type="notification",
    starts="A notification is received about a child with an active measure "
    "(decided before receipt, not ended).",
    stops="A decision on the notification for that child is recorded (decision.decided_at, "
    "typically outcome existing_measure).",
    duration=None,
    due_soon=WD_2,
    duration_unconfirmed=REASSESS_DEADLINE_NOTE,
    notes="Someone not previously involved in the case takes part in the reassessment.",
)

INVESTIGATION = _bl(
    id="bl.investigation",
    kind="investigation",
    title_da="Børnefaglig undersøgelse afsluttet inden 4 måneder",
    title_en="Child-professional investigation completed within 4 months",
    legal_reference="BL § 20 (content § 22)",
    source="lovguiden.dk (BL §§ 20, 22); viborg.dk",
    statutory=True,
    subject_type="investigation",
    starts="The municipality becomes aware of the possible need (investigation.aware_at).",
    stops="The investigation is completed (investigation.completed_at).",
    duration=Duration(4, "calendar_months"),
    due_soon=WD_10,
    notes="Mandatory in serious or complex cases, on abuse, and when placement is considered. "
    "Content: a holistic view of challenges and resources (the six-area list is gone).",
)

PROVISIONAL_ASSESSMENT = _bl(
    id="bl.provisional_assessment",
    kind="provisional_assessment",
    title_da="Foreløbig vurdering når undersøgelsen ikke er afsluttet inden 4 måneder",
    title_en="Provisional assessment when the investigation is not completed in 4 months",
    legal_reference="BL § 20 (stk. UNCONFIRMED)",
    source="lovguiden.dk (BL § 20); viborg.dk",
    statutory=True,
    subject_type="investigation",
    starts="The 4-month investigation deadline passes without completion (or a provisional "
    "assessment is recorded).",
    stops="A provisional assessment is recorded (investigation.provisional_assessment_at).",
    duration=None,
    due_soon=WD_10,
    notes="Due at the investigation deadline; the investigation must then be finished as soon "
    "as possible (the investigation obligation stays overdue until completed).",
)

CHILD_CONVERSATION = _bl(
    id="bl.child_conversation",
    kind="child_conversation",
    title_da="Børnesamtale før afgørelse",
    title_en="Child conversation before a decision",
    legal_reference="BL § 5 stk. 3-4",
    source="ast.dk; lovguiden.dk (BL § 5)",
    statutory=True,
    subject_type="measure",
    starts="A measure is decided (measure.decided_at); the window opens lookback_months before.",
    stops="A child conversation with the child is held (child_conversation.held_at) "
    "before the decision.",
    duration=None,
    due_soon=None,
    parameters=CONVERSATION_PARAMS,
    notes="Due at the decision time. 'overdue' means the decision was made without it; a "
    "conversation held later shows as met_late. Not for BL § 30 support (no formal decision).",
)

PLAN = _bl(
    id="bl.plan",
    kind="plan",
    title_da="Barnets plan ved anbringelse",
    title_en="Child's plan (barnets plan) for a placement",
    legal_reference="BL § 91 (ungeplan § 108 for young people 16+)",
    source="lovguiden.dk (BL §§ 91-92)",
    statutory=True,
    subject_type="measure",
    starts="A placement is decided (measure.decided_at).",
    stops="A plan is made for the case (plan.made_at).",
    duration=Duration(3, "calendar_months"),
    due_soon=WD_10,
    parameters=(
        PLAN_LOOKBACK,
        Parameter("applies_to", "placement", "Which measures need a plan: 'non_early' or 'placement'."),
        Parameter(
            "before_decision_bases",
            ["§ 47"],
            "Legal bases (substrings of measure.legal_basis) whose plan is due at the decision: "
            "placement without consent (BL § 47).",
        ),
    ),
    notes="Mandatory for placements within 3 months and before the decision on a placement "
    "without consent. Optional for BL § 32 support (due within 3 months only if made), so no "
    "obligation is created for support.",
)

FOLLOWUP = _bl(
    id="bl.followup",
    kind="followup",
    title_da="Opfølgning på indsats",
    title_en="Follow-up on a measure",
    legal_reference="BL § 95",
    source="sm.dk; lovguiden.dk (BL § 95)",
    statutory=True,
    subject_type="measure",
    starts="The measure starts (measure.started_at, else decided_at); each later follow-up "
    "starts the next clock.",
    stops="A follow-up on the measure or its case is held (followup.held_at).",
    duration=Duration(3, "calendar_months"),
    due_soon=WD_10,
    parameters=(
        Parameter(
            "interval_months",
            6,
            "When a follow-up sets no next_due, the next follow-up is due this many calendar "
            "months after it.",
            "Local default: under BL the municipality sets the schedule at the first follow-up.",
        ),
        Parameter(
            "first_at_investigation_completion",
            True,
            "The first follow-up is due at the completion of a parallel investigation (one "
            "running when the measure started) if that is earlier than 3 months.",
        ),
        Parameter("use_next_due", True, "A follow-up's next_due sets the next deadline."),
    ),
    notes="Not for BL § 30 early preventive support.",
)

BL_RULES = RuleSet(
    law=LAW,
    version=1,
    rules=(
        ACUTE_ASSESSMENT,
        ACKNOWLEDGEMENT,
        NOTIFIER_FEEDBACK,
        REASSESSMENT,
        INVESTIGATION,
        PROVISIONAL_ASSESSMENT,
        CHILD_CONVERSATION,
        PLAN,
        FOLLOWUP,
    ),
)
