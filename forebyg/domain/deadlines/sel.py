# SPDX-License-Identifier: MPL-2.0
"""Serviceloven (SEL): rules for events before 1 January 2024.

Facts from the domain brief (docs/rules.md lists each rule with its source).
Items the brief marks UNCONFIRMED are parameters with an `unconfirmed` note.
"""

from __future__ import annotations

from typing import Any

from .model import Duration, Parameter, Rule, RuleSet

LAW = "SEL"

HOURS_6 = Duration(6, "clock_hours")
WD_2 = Duration(2, "working_days")
WD_10 = Duration(10, "working_days")

ACK_PARAMS = (
    Parameter(
        "count_saturdays",
        False,
        "Count Saturdays as working days (hverdage).",
        "Most sources say 6 hverdage; whether Saturdays count is not verified.",
    ),
    Parameter(
        "notifiers",
        "professional",
        "Who is acknowledged: 'professional' (notifiers with a duty to notify) or 'all'. "
        "Anonymous notifiers cannot be acknowledged (status not_applicable).",
        "Whether all notifiers or only professional ones must be acknowledged is not verified.",
    ),
)

FEEDBACK_PARAMS = (
    Parameter(
        "trigger_window_months",
        4,
        "An investigation or measure for a child of the notification counts as started "
        "because of it when it starts within this many calendar months of receipt.",
        "Local convention; the statute links feedback to the notification, not to a period.",
    ),
    Parameter(
        "count_early_support",
        True,
        "Early preventive support (SEL § 11 stk. 3 / BL § 30) counts as a started measure.",
        "Whether early support triggers the duty to give feedback is not verified.",
    ),
)
FEEDBACK_DEADLINE_NOTE = (
    "No statutory deadline was found; the default (6 working days after the investigation "
    "or measure started) is a local choice."
)
REASSESS_DEADLINE_NOTE = (
    "The law states no deadline: by default the obligation stays open until a decision is "
    "recorded; a municipality may set its own deadline."
)
CONVERSATION_PARAMS = (
    Parameter(
        "lookback_months",
        6,
        "A child conversation held up to this many calendar months before the decision counts "
        "(and one held up to this long after it counts as met late).",
        "Local convention: the law only says 'before the decision'.",
    ),
    Parameter(
        "include_early",
        False,
        "Also require a conversation before early preventive support (no formal decision).",
    ),
)
ABUSE_CONVERSATION_DEADLINE_NOTE = (
    "No deadline for the conversation was found in the statute or the guidance searched (BL § 137 "
    "stk. 3 only says that it must take place; it serves the assessment of the notification, "
    "stk. 2): 5 working days after receipt is a local default."
)
ABUSE_CONVERSATION_STOPS = (
    "A child conversation with the child is held (child_conversation.held_at) at or after receipt."
)
ABUSE_CONVERSATION_STARTS = (
    "A notification marked as concerning abuse is received (notification.received_at, "
    "concerns_abuse true); one obligation per child of the notification."
)
PLAN_LOOKBACK = Parameter(
    "lookback_months",
    6,
    "A plan for the same case made up to this many calendar months before the decision counts.",
    "Local convention for matching plans to decisions.",
)


def _sel(version: int = 1, **kw: Any) -> Rule:
    return Rule(version=version, law=LAW, **kw)


ACUTE_ASSESSMENT = _sel(
    id="sel.acute_assessment",
    kind="acute_assessment",
    title_da="Akutvurdering af underretning inden 24 timer",
    title_en="Acute assessment of a notification within 24 hours",
    legal_reference="SEL § 155 stk. 2",
    legal_reference_da="SEL § 155, stk. 2",
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

ACKNOWLEDGEMENT = _sel(
    id="sel.acknowledgement",
    kind="acknowledgement",
    title_da="Kvittering for modtagelse af underretning",
    title_en="Acknowledgement of receipt of a notification",
    legal_reference="SEL § 155 b stk. 1",
    legal_reference_da="SEL § 155 b, stk. 1",
    source="lejre.dk; vejen.dk; viborg.dk",
    statutory=True,
    subject_type="notification",
    starts="The notification is received (notification.received_at).",
    stops="An acknowledgement is sent (acknowledgement.sent_at).",
    duration=Duration(6, "working_days"),
    due_soon=WD_2,
    parameters=ACK_PARAMS,
)

NOTIFIER_FEEDBACK = _sel(
    id="sel.notifier_feedback",
    kind="notifier_feedback",
    title_da="Tilbagemelding til fagligt underretter",
    title_en="Feedback to a professional notifier",
    legal_reference="SEL § 155 b stk. 2 (stk. 3: may say which measure)",
    legal_reference_da="SEL § 155 b, stk. 2",
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

REASSESSMENT = _sel(
    id="sel.reassessment",
    kind="reassessment",
    title_da="Fornyet vurdering når barnet allerede har en foranstaltning",
    title_en="Reassessment when the notified child already has a measure",
    legal_reference="SEL § 155 a stk. 1",
    legal_reference_da="SEL § 155 a, stk. 1",
    source="lovguiden.dk (BL § 137, the successor provision)",
    statutory=True,
    subject_type="notification",
    starts="A notification is received about a child with an active measure "
    "(decided before receipt, not ended).",
    stops="A decision on the notification for that child is recorded (decision.decided_at, "
    "typically outcome existing_measure).",
    duration=None,
    due_soon=WD_2,
    duration_unconfirmed=REASSESS_DEADLINE_NOTE,
)

INVESTIGATION = _sel(
    id="sel.investigation",
    kind="investigation",
    title_da="Børnefaglig undersøgelse afsluttet inden 4 måneder",
    title_en="Child-professional investigation completed within 4 months",
    legal_reference="SEL § 50",
    legal_reference_da="SEL § 50",
    source="viborg.dk; lovguiden.dk",
    statutory=True,
    subject_type="investigation",
    starts="The municipality becomes aware of the possible need (investigation.aware_at).",
    stops="The investigation is completed (investigation.completed_at).",
    duration=Duration(4, "calendar_months"),
    due_soon=WD_10,
    notes="Must cover development and behaviour, family, school, health, leisure and "
    "friendships, and other relevant matters.",
)

PROVISIONAL_ASSESSMENT = _sel(
    id="sel.provisional_assessment",
    kind="provisional_assessment",
    title_da="Foreløbig vurdering når undersøgelsen ikke er afsluttet inden 4 måneder",
    title_en="Provisional assessment when the investigation is not completed in 4 months",
    legal_reference="SEL § 50 stk. 7 (probable; same sentence as BL § 20 stk. 3)",
    legal_reference_da="SEL § 50, stk. 7",
    reference_unconfirmed="BL § 20 stk. 3 carries the sentence 'Hvis undersøgelsen undtagelsesvis "
    "ikke kan afsluttes inden 4 måneder, skal kommunalbestyrelsen udarbejde en foreløbig vurdering' "
    "(lovguiden.dk, BL § 20) and transfers the SEL § 50 rules; that SEL § 50 stk. 7 (stk. 6 in older "
    "consolidations) held the same sentence was not checked against the SEL text (not found in the "
    "public sources searched, 2026-12).",
    source="lovguiden.dk (BL § 20 and its forarbejder); viborg.dk ('§ 50, stk. 7')",
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

INVESTIGATION_WITHOUT_CONSENT = _sel(
    id="sel.investigation_without_consent",
    kind="investigation_without_consent",
    title_da="Undersøgelse uden samtykke inden 2 måneder",
    title_en="Investigation without consent within 2 months",
    legal_reference="SEL § 51",
    legal_reference_da="SEL § 51",
    source="viborg.dk",
    statutory=True,
    subject_type="investigation",
    starts="An investigation without consent starts (investigation.started_at, consent false).",
    stops="The investigation is completed (investigation.completed_at).",
    duration=Duration(2, "calendar_months"),
    due_soon=WD_10,
    notes="UNCONFIRMED: that the 2 months run from the start of the investigation.",
)

CHILD_CONVERSATION = _sel(
    id="sel.child_conversation",
    kind="child_conversation",
    title_da="Børnesamtale før afgørelse",
    title_en="Child conversation before a decision",
    legal_reference="SEL § 48",
    legal_reference_da="SEL § 48, stk. 1",
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
    "conversation held later shows as met_late.",
)

PLAN = _sel(
    version=2,
    id="sel.plan",
    kind="plan",
    title_da="Handleplan",
    title_en="Action plan (handleplan)",
    legal_reference="SEL § 140 stk. 1",
    legal_reference_da="SEL § 140, stk. 1",
    source="lovguiden.dk (BL § 91 forarbejder: 'skal udarbejde en handleplan, inden der træffes "
    "afgørelse om foranstaltninger efter §§ 52, 76 og 76 a ... snarest muligt og senest inden fire "
    "måneder')",
    statutory=True,
    subject_type="measure",
    starts="A measure under SEL § 52 (including placement) is decided (measure.decided_at).",
    stops="A plan is made for the case (plan.made_at).",
    duration=Duration(4, "calendar_months"),
    due_soon=WD_10,
    parameters=(
        PLAN_LOOKBACK,
        Parameter("applies_to", "non_early", "Which measures need a plan: 'non_early' or 'placement'."),
        Parameter(
            "before_decision_bases",
            [],
            "Legal bases (substrings of measure.legal_basis) whose plan is due at the decision.",
        ),
        Parameter(
            "due_at_decision",
            True,
            "The plan is due at the decision, unless the measure is marked urgent_plan (the "
            "matter could not wait and a brief statement of purpose was given first): then it is "
            "due the rule's deadline (4 calendar months) after the decision.",
        ),
        Parameter(
            "support_if_decided",
            False,
            "Support that is neither early support nor a placement needs a plan when the "
            "measure's plan_decision is 'plan' (Barnets Lov only).",
        ),
    ),
    notes="SEL § 140 stk. 1: the plan comes before the decision on a measure under §§ 52, 76 and "
    "76 a; only when the matter cannot wait may the decision come first, with a brief statement "
    "of purpose, and the plan then follows as soon as possible and within 4 months. A measure "
    "without urgent_plan is therefore due at the decision ('overdue' means decided without a "
    "plan; a plan made later shows as met_late).",
)

ABUSE_CONVERSATION = _sel(
    id="sel.abuse_conversation",
    kind="abuse_conversation",
    title_da="Samtale med barnet ved underretning om overgreb",
    title_en="Conversation with the child on a notification about abuse",
    legal_reference="SEL § 155 a (stk. 2-4; predecessor of BL § 137 stk. 2-4)",
    legal_reference_da="SEL § 155 a",
    reference_unconfirmed="The duty is verified in BL § 137 stk. 3 (lovguiden.dk); the stk. of SEL "
    "§ 155 a that held it before 2024 was not checked against the SEL text.",
    source="lovguiden.dk (BL § 137 and its forarbejder); law-review-2 (SEL § 155 a)",
    statutory=True,
    subject_type="notification",
    starts=ABUSE_CONVERSATION_STARTS,
    stops=ABUSE_CONVERSATION_STOPS,
    duration=Duration(5, "working_days"),
    due_soon=WD_2,
    duration_unconfirmed=ABUSE_CONVERSATION_DEADLINE_NOTE,
    notes="On abuse by the parents the conversation takes place without their consent or "
    "presence. It may be left out when the child's maturity or the nature of the case speaks "
    "against it (BL § 137 stk. 4). The interchange format cannot record that exemption: the "
    "obligation then shows as overdue until a conversation is recorded.",
)

FOLLOWUP = _sel(
    id="sel.followup",
    kind="followup",
    title_da="Opfølgning på foranstaltning",
    title_en="Follow-up on a measure",
    legal_reference="SEL § 70",
    legal_reference_da="SEL § 70",
    source="sm.dk",
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
            "After the first follow-up, the next is due at most this many calendar months "
            "after the previous one.",
        ),
        Parameter(
            "first_at_investigation_completion",
            False,
            "The first follow-up is due at the completion of a parallel investigation if earlier.",
        ),
        Parameter("use_next_due", False, "A follow-up's next_due sets the next deadline."),
    ),
    notes="First within 3 months of the start, then at least every 6 months while the measure "
    "is active. Not for early preventive support (SEL § 11 stk. 3).",
)

SEL_RULES = RuleSet(
    law=LAW,
    version=1,
    rules=(
        ACUTE_ASSESSMENT,
        ACKNOWLEDGEMENT,
        NOTIFIER_FEEDBACK,
        REASSESSMENT,
        INVESTIGATION,
        PROVISIONAL_ASSESSMENT,
        INVESTIGATION_WITHOUT_CONSENT,
        CHILD_CONVERSATION,
        PLAN,
        FOLLOWUP,
        ABUSE_CONVERSATION,
    ),
)
