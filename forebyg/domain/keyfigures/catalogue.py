# SPDX-License-Identifier: MPL-2.0
"""The key-figure catalogue (nøgletalskatalog): every indicator as documented, versioned data.

`CATALOGUE_VERSION` changes whenever an indicator is added or a definition
changes (the indicator's own `version` goes up too). Aggregate files carry the
catalogue version, and a network hub only accepts versions it knows
(`KNOWN_VERSIONS`). docs/keyfigures.md is generated from this module
(`python -m forebyg.domain.keyfigures.docs docs/keyfigures.md`).

Conventions shared by all indicators (docs/keyfigures.md, "Conventions"):
instants are placed in periods by their Copenhagen date; "at the end of the
period" means the last instant of the period, or the moment of computation
when the period is still running; "active during the period" means started
on or before its last day and not ended before its first day; deadline
indicators use the national default rules of docs/rules.md and count the
obligations that fall due in the period and are decided (met, on time or
late, or overdue; open and not-applicable ones are left out); staircase
steps are the six default steps of Socialstyrelsen's intervention staircase,
taken from the measure kind (the recorded step for kinds outside the
national list); steps 1-3 are preventive or supportive measures, 4-6 are
placements.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import polars as pl

from .aggregations import Binding, bind, by
from .context import PLACEMENT_FROM
from .model import ACTIVE, HIGHER, LOWER, NEUTRAL, Indicator, Relation

CATALOGUE_VERSION = 1
KNOWN_VERSIONS: frozenset[int] = frozenset({1})

POP = "children aged 0-17 in the unit on 1 January of the period's year (FOLK1A)"
PER_1000 = "per 1,000 children 0-17"
DUE = "by the deadline: obligations falling due in the period"
DEADLINE_DEN = ("obligations of the rule falling due in the period that are decided: met (on time or late) "
                "or overdue; open and not-applicable obligations are left out")
STEP_NAMES = {
    1: ("tidlige indsatser i almenområdet", "earlier measures in universal services"),
    2: ("forebyggende indsatser", "preventive measures"),
    3: ("hjemmebaserede indsatser", "home-based measures"),
    4: ("anbringelse i slægt eller netværk", "placement with relatives or network"),
    5: ("anbringelse i plejefamilie", "placement in a foster family"),
    6: ("anbringelse på institution", "placement in an institution"),
}
STAIRCASE = "Socialstyrelsen, 'Indsatstrappen for udsatte børn og unge' (social.dk)"
PARTNERSHIP = ("Socialstyrelsen's partnership on earlier prevention (seed 004: a key-figure catalogue on central "
               "indicators for following each municipality's own and joint development)")


def _on_step(n: int) -> Callable[[], pl.Expr]:
    return lambda: pl.col("ks") == n


def _i(*, computed: Binding, **kw: Any) -> Indicator:
    """One indicator: its documented definition and (`computed`) how the engine computes it."""
    ind = Indicator(version=1, **kw)
    bind(ind.id, computed)
    return ind


NOTIFICATIONS = (
    _i(id="notifications.per_1000", computed=by("pairs", "rows"),
       category="notifications", kind="rate",
       name_da="Underretninger pr. 1.000 børn", name_en="Notifications per 1,000 children",
       what="How many notifications of concern the municipality received, relative to the number of children.",
       why="The inflow of concern is the starting point of all later work; municipalities range from about 4 to 24 "
           "notifications per 100 children a year, so the level frames every other figure.",
       numerator="notifications received in the period, counted once for each child they concern",
       denominator=POP, unit=PER_1000, period="by the time the notification was received",
       better=NEUTRAL, legal="SEL § 153-155 / BL § 133-136 (duty to notify, receipt)",
       additive=("numerator",), drill="the children the notifications concern"),
    _i(id="notifications.children_notified_per_1000", computed=by("pairs", "children"),
       category="notifications", kind="rate",
       name_da="Børn med underretninger pr. 1.000 børn", name_en="Children notified about per 1,000 children",
       what="How many different children were notified about in the period, relative to all children.",
       why="About 6 % of all 0-17-year-olds are notified about each year; the number of children, not of "
           "notifications, is what the organisation must respond to.",
       numerator="different children named in at least one notification received in the period",
       denominator=POP, unit=PER_1000, period="by the time the notification was received",
       better=NEUTRAL, legal="SEL § 155 / BL § 136", drill="the children notified about"),
    _i(id="notifications.repeat_12m", computed=by("pairs", "children_share", "repeat"),
       category="notifications", kind="share",
       name_da="Andel gentagne underretninger inden for 12 måneder",
       name_en="Share notified about again within 12 months",
       what="Of the children notified about in the period, the share for whom a notification came less than "
            "12 months (365 days) after an earlier notification about the same child.",
       why="Repeated notifications suggest that the first response did not resolve the concern: early, "
           "fitting help should make them rarer.",
       numerator="children notified about in the period with a notification received at most 365 days after "
                 "the previous (strictly earlier) notification about them",
       denominator="different children notified about in the period", unit="%",
       period="by the time the notification was received", better=LOWER,
       legal="Policy: early and fitting help (Forebyggelsespakken; seed 004)",
       drill="the children notified about; marked when notified again within 12 months"),
    _i(id="notifications.acute_24h", computed=by("acute", "subject_share", "on_time"),
       category="notifications", kind="share",
       name_da="Andel underretninger akutvurderet inden 24 timer",
       name_en="Share of notifications acute-assessed within 24 hours",
       what="The share of notifications whose acute assessment was recorded within 24 clock hours of receipt "
            "(deadline rule acute_assessment).",
       why="A child in acute need must be protected at once; Ankestyrelsen found 87 % on time in 2019.",
       numerator="obligations met on time", denominator=DEADLINE_DEN, unit="%", period=DUE,
       better=HIGHER, legal="SEL § 155 stk. 2 / BL § 136 (docs/rules.md: sel/bl.acute_assessment)",
       additive=("numerator", "denominator"), drill="the children of the notifications; marked when on time"),
    _i(id="notifications.acknowledged_on_time", computed=by("ack", "subject_share", "on_time"),
       category="notifications", kind="share",
       name_da="Andel faglige underretninger kvitteret rettidigt",
       name_en="Share of professional notifications acknowledged on time",
       what="The share of notifications from professional notifiers acknowledged within 6 working days "
            "(deadline rule acknowledgement; anonymous notifiers are left out).",
       why="Professionals who notify must know their concern was received; it keeps them notifying early.",
       numerator="obligations met on time", denominator=DEADLINE_DEN, unit="%", period=DUE,
       better=HIGHER, legal="SEL § 155 b stk. 1 / BL (docs/rules.md: sel/bl.acknowledgement)",
       additive=("numerator", "denominator"), drill="the children of the notifications; marked when on time"),
    _i(id="notifications.feedback_documented", computed=by("feedback", "subject_share", "met"),
       category="notifications", kind="share",
       name_da="Andel med dokumenteret tilbagemelding til faglig underretter",
       name_en="Share with documented feedback to the professional notifier",
       what="Of the professional notifications after which an investigation or measure was started, the share "
            "where feedback to the notifier is recorded (deadline rule notifier_feedback; late feedback counts).",
       why="In 13 of 16 reviewed Herning cases the file did not show that the notifier had been told (seed 004).",
       numerator="obligations met (on time or late)", denominator=DEADLINE_DEN, unit="%", period=DUE,
       better=HIGHER, legal="SEL § 155 b stk. 2 / BL (docs/rules.md: sel/bl.notifier_feedback)",
       additive=("numerator", "denominator"), drill="the children of the notifications; marked when documented"),
)

EARLY = (
    _i(id="early.counselling_per_1000", computed=by("counselling", "children"),
       category="early", kind="rate",
       name_da="Børn i rådgivningsforløb pr. 1.000 børn", name_en="Children in early counselling per 1,000 children",
       what="Children in an early counselling course (rådgivningsforløb, with consent, before any case) at some "
            "time during the period.",
       why="Counselling before a notification or case is the earliest, least intrusive help (Herning model).",
       numerator="different children with a counselling course active during the period", denominator=POP,
       unit=PER_1000, period="active during the period", better=HIGHER,
       legal="SEL § 11 / BL § 30 (early preventive support); the Herning model (seed 004)",
       drill="the children in counselling"),
    _i(id="early.helped_without_investigation", computed=by("decisions", "children_share", "early"),
       category="early", kind="share",
       name_da="Andel underrettede børn hjulpet uden undersøgelse",
       name_en="Share of notified children helped without an investigation",
       what="Of the children whose notification led to help or an investigation, the share given early preventive "
            "support without a child-professional investigation.",
       why="Help without the delay and intrusion of an investigation is the core of earlier prevention.",
       numerator="different children with a decision on a notification in the period with outcome "
                 "early_support", denominator="different children with a decision in the period with outcome "
       "early_support or investigation", unit="%", period="by the time of the decision", better=HIGHER,
       legal="SEL § 11 stk. 3 / BL § 30", drill="the children decided on; marked when helped without investigation"),
)

INVESTIGATIONS = (
    _i(id="investigations.started_per_1000", computed=by("inv_started", "rows"),
       category="investigations", kind="rate",
       name_da="Påbegyndte børnefaglige undersøgelser pr. 1.000 børn",
       name_en="Investigations started per 1,000 children",
       what="Child-professional investigations started in the period, relative to the number of children.",
       why="Investigations are needed in serious cases, but a high level can mean help waits for paperwork.",
       numerator="investigations started in the period", denominator=POP, unit=PER_1000,
       period="by the time the investigation started", better=NEUTRAL, legal="SEL § 50 / BL § 20",
       additive=("numerator",), drill="the children investigated"),
    _i(id="investigations.within_4_months", computed=by("inv_due", "subject_share", "on_time"),
       category="investigations", kind="share",
       name_da="Andel undersøgelser afsluttet inden 4 måneder",
       name_en="Share of investigations completed within 4 months",
       what="The share of investigations completed within 4 calendar months of the municipality becoming aware "
            "of the possible need (deadline rule investigation).",
       why="Ankestyrelsen found only 50 % within 4 months in 2024; a slow investigation delays the help.",
       numerator="obligations met on time", denominator=DEADLINE_DEN, unit="%", period=DUE, better=HIGHER,
       legal="SEL § 50 stk. 7 / BL § 20 (docs/rules.md: sel/bl.investigation)",
       additive=("numerator", "denominator"), drill="the children investigated; marked when on time"),
    _i(id="investigations.median_days", computed=by("inv_completed", "median"),
       category="investigations", kind="median",
       name_da="Mediantid for børnefaglige undersøgelser (dage)",
       name_en="Median days to complete an investigation",
       what="The median number of calendar days from the municipality becoming aware to the investigation's "
            "completion, for investigations completed in the period.",
       why="Shows the typical wait, not only whether the 4-month limit held.",
       numerator="-", denominator="-", unit="days", period="by the time the investigation was completed",
       better=LOWER, legal="SEL § 50 / BL § 20", drill="the children and their days"),
)

MEASURES = (
    _i(id="measures.preventive_per_1000", computed=by("active", "children", where=lambda: pl.col("ks") < PLACEMENT_FROM),
       category="measures", kind="rate",
       name_da="Børn med forebyggende og støttende indsatser pr. 1.000 børn",
       name_en="Children with preventive or supportive measures per 1,000 children",
       what="Children with a measure on steps 1-3 of the staircase (early, preventive or home-based support) "
            "running at some time during the period.",
       why="The shift to earlier prevention means more children helped at home, close to everyday life.",
       numerator="different children with a started step 1-3 measure active during the period",
       denominator=POP, unit=PER_1000, period="active during the period", better=NEUTRAL,
       legal="SEL § 11 stk. 3, § 52 stk. 3 / BL §§ 30, 32", drill="the children with such measures"),
    _i(id="measures.placed_per_1000", computed=by("active", "children", where=lambda: pl.col("ks") >= PLACEMENT_FROM),
       category="measures", kind="rate",
       name_da="Anbragte børn pr. 1.000 børn", name_en="Children placed outside the home per 1,000 children",
       what="Children placed outside the home (a measure on steps 4-6) at some time during the period.",
       why="Fewer and shorter placements is the aim of the shift (the Swedish model); about 13,500-14,000 "
           "children are placed nationally.",
       numerator="different children with a started step 4-6 measure active during the period",
       denominator=POP, unit=PER_1000, period="active during the period", better=LOWER,
       legal="SEL §§ 52 stk. 3 nr. 7, 58 / BL §§ 43, 46, 47", drill="the children placed"),
    _i(id="measures.family_based_share", computed=by("stock", "family_share"),
       category="measures", kind="share",
       name_da="Andel anbragte i slægt, netværk eller plejefamilie",
       name_en="Share of placed children with relatives, network or foster family",
       what="Of the children placed at the end of the period, the share placed with relatives or network or in "
            "a foster family (steps 4-5) rather than in an institution (step 6).",
       why="Family-based care is closer to an ordinary life and the preferred placement (BL § 43).",
       numerator="children whose highest active step at the end of the period is 4 or 5",
       denominator="children whose highest active step at the end of the period is 4, 5 or 6", unit="%",
       period="at the end of the period", better=HIGHER, legal="BL § 43 (network foster family stk. 1 nr. 4) / "
       "SEL § 66", drill="the children placed; marked when family-based"),
) + tuple(
    _i(id=f"staircase.children_step_{n}", computed=by("stock", "highest_step", step=n),
       category="staircase", kind="rate",
       name_da=f"Børn på trin {n} ({da}) pr. 1.000 børn", name_en=f"Children on step {n} ({en}) per 1,000 children",
       what=f"Children whose highest running measure at the end of the period is on step {n} of the staircase "
            f"({en}).",
       why="The distribution over the staircase shows whether help comes early and low, or late and high.",
       numerator=f"children whose highest active step at the end of the period is {n}", denominator=POP,
       unit=PER_1000, period="at the end of the period",
       better=NEUTRAL if n <= 5 else LOWER, legal=STAIRCASE, drill=f"the children on step {n}")
    for n, (da, en) in STEP_NAMES.items()
) + (
    _i(id="measures.median_days_decision_to_start", computed=by("started", "median"),
       category="measures", kind="median",
       name_da="Mediantid fra afgørelse til opstart af indsats (dage)",
       name_en="Median days from decision to start of a measure",
       what="The median number of calendar days from the decision on a measure to its start, for measures started "
            "in the period.",
       why="A measure should start without waiting once it is decided (Herning model, step 5).",
       numerator="-", denominator="-", unit="days", period="by the time the measure started", better=LOWER,
       legal="Policy: measures started without waiting (seed 004)", drill="the children and their days"),
)

STEP_CHANGES = (
    _i(id="staircase.step_down_share", computed=by("ended", "subject_share", "down"),
       category="staircase", kind="share",
       name_da="Andel afsluttede indsatser fulgt af et lavere trin",
       name_en="Share of ended measures followed by a step down",
       what="Of the measures that ended in the period, the share where the child's next measure (decided within "
            "183 days after the end) is on a lower step.",
       why="Moving a child down the staircase when progress allows is the aim of the follow-up.",
       numerator="ended measures followed by a measure on a lower step",
       denominator="measures that ended in the period", unit="%", period="by the time the measure ended",
       better=HIGHER, legal=STAIRCASE, additive=("numerator", "denominator"),
       drill="the children whose measure ended; marked when stepped down"),
    _i(id="staircase.step_up_share", computed=by("ended", "subject_share", "up"),
       category="staircase", kind="share",
       name_da="Andel afsluttede indsatser fulgt af et højere trin",
       name_en="Share of ended measures followed by a step up",
       what="Of the measures that ended in the period, the share where the child's next measure (decided within "
            "183 days after the end) is on a higher step.",
       why="Stepping up shows that the help was not enough; fewer step-ups mean better-fitting help.",
       numerator="ended measures followed by a measure on a higher step",
       denominator="measures that ended in the period", unit="%", period="by the time the measure ended",
       better=LOWER, legal=STAIRCASE, additive=("numerator", "denominator"),
       drill="the children whose measure ended; marked when stepped up"),
) + tuple(
    _i(id=f"staircase.median_days_step_{n}", computed=by("ended", "median", where=_on_step(n)),
       category="staircase", kind="median",
       name_da=f"Mediantid på trin {n} (dage)", name_en=f"Median days on step {n}",
       what=f"The median number of calendar days from start to end of measures on step {n} ({en}) that ended in "
            "the period.",
       why="Time on each step shows whether measures are adjusted as the child develops.",
       numerator="-", denominator="-", unit="days", period="by the time the measure ended",
       better=NEUTRAL if n <= 5 else LOWER, legal=STAIRCASE, drill="the children and their days")
    for n, (_da, en) in STEP_NAMES.items()
)

FOLLOWUP = (
    _i(id="followup.on_time", computed=by("followup", "subject_share", "on_time"),
       category="followup", kind="share",
       name_da="Andel rettidige opfølgninger", name_en="Share of follow-ups on time",
       what="The share of statutory follow-ups on measures held by their deadline (deadline rule followup: first "
            "within 3 months, then every 6 months or as scheduled).",
       why="Ankestyrelsen found the 3-month follow-up in 44 % of cases in 2019 and 75 % in 2024; follow-up is how "
           "a child moves down the staircase.",
       numerator="obligations met on time", denominator=DEADLINE_DEN, unit="%", period=DUE, better=HIGHER,
       legal="SEL § 70 / BL § 95 (docs/rules.md: sel/bl.followup)", additive=("numerator", "denominator"),
       drill="the children followed up on; marked when on time"),
    _i(id="followup.conversation_before_decision", computed=by("conversation", "subject_share", "on_time"),
       category="followup", kind="share",
       name_da="Andel afgørelser med børnesamtale forud", name_en="Share of decisions with a child conversation before",
       what="The share of decisions on measures (not early support) where a conversation with the child was held "
            "before the decision (deadline rule child_conversation).",
       why="The child's own view must inform the decision; Ankestyrelsen found 56 % in 2019 and 65 % in 2024.",
       numerator="obligations met on time (conversation before the decision)", denominator=DEADLINE_DEN,
       unit="%", period="by the decision (the deadline of the rule)", better=HIGHER,
       legal="SEL § 48 / BL § 5 stk. 3-4 (docs/rules.md: sel/bl.child_conversation)",
       additive=("numerator", "denominator"), drill="the children decided on; marked when talked to before"),
)

PROGRESSION = (
    _i(id="progression.goals_improved", computed=by("scaling", "subject_share", "improved"),
       category="progression", kind="share",
       name_da="Andel mål med fremgang siden sidste skalering",
       name_en="Share of goals improved since the previous scaling round",
       what="Of the goals scaled in the period that had been scaled before, the share whose score rose since the "
            "previous scaling round.",
       why="A systematic focus on the child's progression (the 2020-22 reference network) is the test of whether "
           "help works.",
       numerator="scaling rounds in the period whose change since the goal's previous round is above 0",
       denominator="scaling rounds in the period of goals scaled before, with at least one respondent who scored "
                   "both times", unit="%", period="by the time of the scaling round", better=HIGHER,
       legal="Policy: the child's progression (Socialstyrelsen's reference network 2020-2022; docs/progression.md)",
       additive=("numerator", "denominator"), drill="the children scaled; marked when improved",
       notes="Change = mean score of the respondents who scored in both rounds (matched on respondent and name) "
             "now, minus their mean then."),
    _i(id="progression.median_change", computed=by("scaling", "median"),
       category="progression", kind="median",
       name_da="Medianændring i skalering siden sidste runde (point)",
       name_en="Median change in scaling since the previous round (points)",
       what="The median change (0-10 scale) since the goal's previous scaling round, over the same rounds as "
            "progression.goals_improved.",
       why="Shows how much goals move, not only whether they move.",
       numerator="-", denominator="-", unit="points on the 0-10 scale", period="by the time of the scaling round",
       better=HIGHER, legal="Policy: the child's progression (docs/progression.md)",
       drill="the children scaled and their change"),
)

ECONOMY = (
    _i(id="economy.spending_per_child", computed=by("spending", "sum_per_child"),
       category="economy", kind="per_child",
       name_da="Udgifter til indsatser pr. barn 0-17 år (kr.)", name_en="Spending on measures per child 0-17 (DKK)",
       what="The cost of measures running in the period, from each offer's price per month, per child aged 0-17.",
       why="Earlier prevention should be both better for children and cheaper (seed 004: the KORA evaluation of "
           "Herning's programme found savings without lower quality).",
       numerator="sum over started measures with an offer: price per month × 12 / 365 × days running in the period "
                 "(to the day of computation while running)", denominator=POP, unit="DKK per child",
       period="days running in the period", better=NEUTRAL, legal=PARTNERSHIP, additive=("numerator",),
       drill="the children with spending and their amounts",
       notes="Measures without an offer have no price and count as 0."),
    _i(id="economy.share_steps_1_3", computed=by("spending", "money_share"),
       category="economy", kind="money_share",
       name_da="Andel af udgifterne brugt på trin 1-3", name_en="Share of spending on steps 1-3",
       what="The share of spending on measures that goes to preventive and supportive measures (steps 1-3) rather "
            "than placements (steps 4-6).",
       why="The shift to prevention moves money from placements to help at home.",
       numerator="spending on step 1-3 measures in the period", denominator="spending on all measures in the period",
       unit="% of spending", period="days running in the period", better=HIGHER, legal=PARTNERSHIP,
       additive=("numerator", "denominator"), drill="the children with spending and their amounts"),
)

WORKLOAD = (
    _i(id="workload.children_per_caseworker", computed=by("cases", "per_staff"),
       category="workload", kind="ratio",
       name_da="Børn pr. rådgiver", name_en="Children per caseworker",
       what="Children with an open case at the end of the period per caseworker holding at least one of them.",
       why="Manageable caseloads give time for involvement, child conversations and follow-up.",
       numerator="different children with an open case with a caseworker at the end of the period",
       denominator="different caseworkers holding those cases", unit="children per caseworker",
       period="at the end of the period", better=LOWER, legal="Policy: organisation and management (seed 004)",
       drill="the children with open cases",
       notes="The case's current caseworker is used for earlier periods too (the interchange format keeps no "
             "history of reassignments)."),
)

INDICATORS: tuple[Indicator, ...] = (NOTIFICATIONS + EARLY + INVESTIGATIONS + MEASURES + STEP_CHANGES + FOLLOWUP
                                     + PROGRESSION + ECONOMY + WORKLOAD)
BY_ID: dict[str, Indicator] = {i.id: i for i in INDICATORS}
ACTIVE_IDS: tuple[str, ...] = tuple(i.id for i in INDICATORS if i.status == ACTIVE)

_STEP = "staircase.children_step_{}"
RELATIONS: tuple[Relation, ...] = (
    Relation(("measures.family_based_share", "numerator"),
             ((_STEP.format(4), "numerator"), (_STEP.format(5), "numerator"))),
    Relation(("measures.family_based_share", "denominator"),
             ((_STEP.format(4), "numerator"), (_STEP.format(5), "numerator"), (_STEP.format(6), "numerator"))),
    Relation(("economy.spending_per_child", "numerator"), (("economy.share_steps_1_3", "denominator"),)),
    Relation(("notifications.children_notified_per_1000", "numerator"), (("notifications.repeat_12m", "denominator"),)),
    Relation(("staircase.step_down_share", "denominator"), (("staircase.step_up_share", "denominator"),)),
)

assert len(BY_ID) == len(INDICATORS), "indicator ids must be unique"


def catalogue_dict() -> dict[str, Any]:
    """The whole catalogue as JSON-serialisable data."""
    return {"version": CATALOGUE_VERSION, "indicators": [i.to_dict() for i in INDICATORS],
            "relations": [{"total": list(r.total), "parts": [list(p) for p in r.parts]} for r in RELATIONS]}
