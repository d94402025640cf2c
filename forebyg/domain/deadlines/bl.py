# SPDX-License-Identifier: MPL-2.0
"""Barnets Lov (BL, LBK nr. 282 af 17/03/2025): rules for events from 1 January 2024.

Facts from the domain brief (docs/rules.md lists each rule with its source).
Section numbers the brief marks UNCONFIRMED say so in `legal_reference`.
"""

from __future__ import annotations

from typing import Any

from .model import Duration, Parameter, Rule, RuleSet
from .sel import (
    ABUSE_CONVERSATION_DEADLINE_NOTE,
    ABUSE_CONVERSATION_STARTS,
    ABUSE_CONVERSATION_STOPS,
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


def _bl(version: int = 1, **kw: Any) -> Rule:
    return Rule(version=version, law=LAW, **kw)


# VEJ nr. 9471 af 21/06/2024 (guidance on notifications), table of contents: "Kapitel 1:
# Underretningspligt (barnets lovs §§ 132-135, 138 og 214)", "Kapitel 2: Kommunens behandling af
# underretninger (barnets lovs §§ 136-137)" — § 138 is the receipt/feedback provision.
S138_NOTE = ("BL § 138 is inferred from the ministry's guidance (VEJ 9471/2024 places § 138 with "
             "the duty to notify, §§ 132-135, and §§ 136-137 with the processing); the wording and "
             "stk. of § 138 were not read in the statute text.")


ACUTE_ASSESSMENT = _bl(
    id="bl.acute_assessment",
    kind="acute_assessment",
    title_da="Akutvurdering af underretning inden 24 timer",
    title_en="Acute assessment of a notification within 24 hours",
    legal_reference="BL § 136 (stk. not retrieved)",
    legal_reference_da="BL § 136",
    reference_unconfirmed="§ 136 is confirmed (VEJ 9471/2024; sm.dk); its stk. was not retrieved.",
    source="dukh.dk; sm.dk (kommunens pligt); VEJ 9471/2024 (chapter 2: BL §§ 136-137)",
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
    version=2,
    id="bl.acknowledgement",
    kind="acknowledgement",
    title_da="Kvittering for modtagelse af underretning",
    title_en="Acknowledgement of receipt of a notification",
    legal_reference="BL § 138 stk. 1 (probable; successor of SEL § 155 b stk. 1)",
    legal_reference_da="BL § 138, stk. 1",
    reference_unconfirmed=S138_NOTE,
    source="lejre.dk; vejen.dk; viborg.dk; VEJ 9471/2024 (chapter 1: BL §§ 132-135, 138)",
    statutory=True,
    subject_type="notification",
    starts="The notification is received (notification.received_at).",
    stops="An acknowledgement is sent (acknowledgement.sent_at).",
    duration=Duration(6, "working_days"),
    due_soon=WD_2,
    parameters=ACK_PARAMS,
)

NOTIFIER_FEEDBACK = _bl(
    version=2,
    id="bl.notifier_feedback",
    kind="notifier_feedback",
    title_da="Tilbagemelding til fagligt underretter",
    title_en="Feedback to a professional notifier",
    legal_reference="BL § 138 stk. 2 (probable; successor of SEL § 155 b stk. 2)",
    legal_reference_da="BL § 138, stk. 2",
    reference_unconfirmed=S138_NOTE,
    source="socialstyrelsen.dk (Overgrebspakken); ast.dk (underretninger); vejen.dk; "
    "VEJ 9471/2024 (chapter 1: BL §§ 132-135, 138)",
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
    notes="Under BL the feedback probably also follows an afdækning (§ 19). The interchange format "
    "has no afdækning record (its record types are listed in docs/interchange.md), so only "
    "investigations and measures start the clock; an afdækning recorded as an investigation "
    "counts as one.",
)

REASSESSMENT = _bl(
    version=2,
    id="bl.reassessment",
    kind="reassessment",
    title_da="Fornyet vurdering når barnet allerede har en indsats",
    title_en="Reassessment when the notified child already has a measure",
    legal_reference="BL § 137 stk. 1 (as amended by L 87 2024-25)",
    legal_reference_da="BL § 137, stk. 1",
    source="lovguiden.dk (BL § 137, LBK 282/2025); L 87 (2024-25) § 1 nr. 8 (polspy.org/dk/"
    "dokumenter/1128878)",
    statutory=True,
    subject_type="notification",
    starts="A notification is received about a child with an active measure "
    "(decided before receipt, not ended); from early_support_excluded_from on, early preventive "
    "support (BL § 30, SEL § 11 stk. 3) alone does not count.",
    stops="A decision on the notification for that child is recorded (decision.decided_at, "
    "typically outcome existing_measure).",
    duration=None,
    due_soon=WD_2,
    duration_unconfirmed=REASSESS_DEADLINE_NOTE,
    parameters=(
        Parameter(
            "early_support_excluded_from",
            "2025-01-01",
            "Notifications received on or after this date (the entry into force of L 87 "
            "(2024-25), which limited § 137 stk. 1 to 'støttende indsatser efter § 32, anbringelse "
            "efter §§ 46, 47 eller 67 ... eller foranstaltninger efter lov om bekæmpelse af "
            "ungdomskriminalitet') need a reassessment only when a measure other than early "
            "preventive support is active; before it, any measure counts. null: any measure "
            "always counts.",
            "The date L 87 (2024-25) came into force was not found: the bill was put forward on "
            "7 November 2024 and the amended wording is in LBK nr. 282 af 17/03/2025; 1 January "
            "2025 is an assumption.",
        ),
    ),
    notes="Someone not previously involved in the case takes part in the reassessment. "
    "Youth-crime measures are not in the interchange format; measures decided under SEL count "
    "like their BL successors.",
)

INVESTIGATION = _bl(
    version=2,
    id="bl.investigation",
    kind="investigation",
    title_da="Børnefaglig undersøgelse afsluttet inden 4 måneder",
    title_en="Child-professional investigation completed within 4 months",
    legal_reference="BL § 20 stk. 3 (content § 22)",
    legal_reference_da="BL § 20, stk. 3",
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
    version=2,
    id="bl.provisional_assessment",
    kind="provisional_assessment",
    title_da="Foreløbig vurdering når undersøgelsen ikke er afsluttet inden 4 måneder",
    title_en="Provisional assessment when the investigation is not completed in 4 months",
    legal_reference="BL § 20 stk. 3 (2nd sentence)",
    legal_reference_da="BL § 20, stk. 3, 2. pkt.",
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
    legal_reference_da="BL § 5, stk. 3-4",
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

PLAN_DECISION = _bl(
    id="bl.plan_decision",
    kind="plan_decision",
    title_da="Stillingtagen til barnets plan ved afgørelse om støtte",
    title_en="Decision whether to make a child's plan for support",
    legal_reference="BL § 91 stk. 1 (1st sentence; for young people 16+ the ungeplan, § 108)",
    legal_reference_da="BL § 91, stk. 1",
    source="lovguiden.dk (BL § 91: 'tage stilling til, om der skal udarbejdes en barnets plan'); "
    "sm.dk (barnets plan og opfølgning)",
    statutory=True,
    subject_type="measure",
    starts="Support under BL § 32 is decided (measure.decided_at; neither early support nor a "
    "placement).",
    stops="The decision on a plan is recorded with the measure (measure.plan_decision 'plan' or "
    "'no_plan').",
    duration=None,
    due_soon=None,
    notes="Due at the decision: 'overdue' means the support was decided without taking a position "
    "on the plan. When the decision is 'plan', bl.plan then requires the plan within 3 months. "
    "For a young person of 16 or more the ungeplan (§ 108) takes the place of barnets plan; any "
    "plan kind meets bl.plan.",
)

PLAN = _bl(
    version=2,
    id="bl.plan",
    kind="plan",
    title_da="Barnets plan",
    title_en="Child's plan (barnets plan)",
    legal_reference="BL § 91 stk. 1-2 (ungeplan § 108 for young people 16+)",
    legal_reference_da="BL § 91, stk. 1-2",
    source="lovguiden.dk (BL §§ 91-92: 'Planen skal i givet fald foreligge, senest 3 måneder efter "
    "at der er truffet afgørelse om en indsats'; 'Sker anbringelsen uden samtykke efter § 47, skal "
    "planen dog foreligge, inden der træffes afgørelse')",
    statutory=True,
    subject_type="measure",
    starts="A placement is decided, or support whose plan_decision is 'plan' (measure.decided_at).",
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
        Parameter(
            "due_at_decision",
            False,
            "The plan is due at the decision unless the measure is marked urgent_plan "
            "(Serviceloven only).",
        ),
        Parameter(
            "support_if_decided",
            True,
            "Support that is neither early support nor a placement needs a plan within 3 months "
            "when the measure's plan_decision is 'plan' (BL § 91 stk. 1).",
        ),
    ),
    notes="Stk. 2: always for a placement, within 3 months of the decision, and before the "
    "decision on a placement without consent (§ 47). Stk. 1: for § 32 support only when the "
    "municipality decided to make one (bl.plan_decision).",
)

FOLLOWUP = _bl(
    version=2,
    id="bl.followup",
    kind="followup",
    title_da="Opfølgning på indsats",
    title_en="Follow-up on a measure",
    legal_reference="BL § 95 stk. 2-3",
    legal_reference_da="BL § 95, stk. 2-3",
    source="sm.dk; lovguiden.dk (BL § 95: 'første gang finde sted på det tidligste af følgende "
    "tidspunkter'; 'træffe beslutning om den fremadrettede tilrettelæggelse af opfølgningen')",
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
        Parameter(
            "sel_measures_from_2024",
            False,
            "A measure decided under Serviceloven and still running: each follow-up held from 1 "
            "January 2024 on sets the next deadline by this rule (its next_due, else "
            "interval_months) instead of SEL § 70's 6 months. false: a SEL measure keeps the SEL "
            "rules for its whole life.",
            "The transition provisions of Barnets Lov (§§ 212-214) and of its commencement act "
            "were not found; which follow-up rules apply to a SEL measure after 2023 is not "
            "verified (docs/rules.md, 'Choosing the law period').",
        ),
    ),
    notes="Not for BL § 30 early preventive support. Stk. 2: the first follow-up is due at the "
    "earliest of 3 months after the start and the completion of an afdækning or investigation "
    "run in parallel; the interchange format has no afdækning record (BL § 19), so an afdækning "
    "counts when it is recorded as an investigation. Stk. 3: at the first follow-up the "
    "municipality decides, with reasons, when the next follow-ups take place: the follow-up's "
    "next_due carries that date and sets the next deadline; without it the 6-month local "
    "default applies.",
)

ABUSE_CONVERSATION = _bl(
    id="bl.abuse_conversation",
    kind="abuse_conversation",
    title_da="Samtale med barnet ved underretning om overgreb",
    title_en="Conversation with the child on a notification about abuse",
    legal_reference="BL § 137 stk. 3 (exemption stk. 4)",
    legal_reference_da="BL § 137, stk. 3",
    source="lovguiden.dk (BL § 137: 'Ved underretning om overgreb mod et barn eller en ung skal der "
    "finde en samtale sted med barnet eller den unge')",
    statutory=True,
    subject_type="notification",
    starts=ABUSE_CONVERSATION_STARTS,
    stops=ABUSE_CONVERSATION_STOPS,
    duration=Duration(5, "working_days"),
    due_soon=WD_2,
    duration_unconfirmed=ABUSE_CONVERSATION_DEADLINE_NOTE,
    notes="On abuse by the parents the conversation takes place without their consent or "
    "presence. It may be left out when the child's maturity or the nature of the case speaks "
    "against it (stk. 4). The interchange format cannot record that exemption: the obligation "
    "then shows as overdue until a conversation is recorded.",
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
        PLAN_DECISION,
        PLAN,
        FOLLOWUP,
        ABUSE_CONVERSATION,
    ),
)
