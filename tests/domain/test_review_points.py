# SPDX-License-Identifier: MPL-2.0
"""Every assessment point of the case review at its edges (met / not met / not applicable),
built from hand-written records with hand-checked dates."""

from datetime import date, datetime

import pytest

from forebyg.domain.review import DEFAULT_RULESET, Criteria, Period, run_review
from forebyg.domain.review.builder import Records, at

MET, NOT_MET, NA = "met", "not_met", "not_applicable"
SEL_PERIOD = ("2023-01-01", "2023-12-31")
BL_PERIOD = ("2024-01-01", "2024-12-31")


def finding(recs, point_id, *, as_of="2025-06-01 12:00", period=SEL_PERIOD, child="c1"):
    criteria = Criteria(Period(date.fromisoformat(period[0]), date.fromisoformat(period[1])))
    result = run_review(list(recs), as_of=datetime.fromisoformat(at(as_of)), criteria=criteria)
    for case in result.cases:
        if case.summary.key == child:
            return next(f for f in case.findings if f.point_id == point_id)
    raise AssertionError(f"{child} is not in the population")


def outcome(recs, point_id, **kw):
    return finding(recs, point_id, **kw).outcome


def base(*, birth="2012-05-01", holders=(("Anna Hansen", "mor"), ("Bo Hansen", "far"))):
    r = Records()
    r.child("c1", birth=birth, holders=holders)
    k = r.case("c1", "2023-01-10 09:00", cid="k1")
    return r, k


def test_every_point_has_edge_tests_here():
    tested = {name[len("test_"):].split("__")[0] for name in globals() if name.startswith("test_")}
    for point in DEFAULT_RULESET.points:
        assert point.id.replace(".", "_") in tested, f"no edge test for {point.id}"


# --- notifications ------------------------------------------------------------------------------


@pytest.mark.parametrize("assessed, expected", [
    ("2023-03-03 16:00", MET),       # exactly 24 hours after receipt
    ("2023-03-03 16:01", NOT_MET),   # a minute late
])
def test_notification_acute_assessment__24_hours(assessed, expected):
    r, _k = base()
    n = r.notification("c1", "2023-03-02 16:00")
    r.acute(n, assessed)
    f = finding(r, "notification.acute_assessment")
    assert f.outcome == expected
    assert [e.record_type for e in f.items[0].evidence] == ["notification", "acute_assessment"]
    assert f.items[0].details["rule_id"] == "sel.acute_assessment"


def test_notification_acute_assessment__not_yet_due_or_overdue_or_outside_period():
    r, k = base()
    r.notification("c1", "2023-03-02 16:00")
    assert outcome(r, "notification.acute_assessment", as_of="2023-03-03 10:00") == NA
    assert outcome(r, "notification.acute_assessment", as_of="2023-03-03 16:01") == NOT_MET
    r2, k2 = base()
    r2.notification("c1", "2022-12-30 10:00")  # before the period
    r2.measure("c1", k2, "sel_family_treatment", "2023-02-01 10:00")
    assert outcome(r2, "notification.acute_assessment") == NA


def test_notification_acute_assessment__barnets_lov():
    r, _k = base()
    n = r.notification("c1", "2024-03-02 16:00")
    r.acute(n, "2024-03-03 15:00")
    f = finding(r, "notification.acute_assessment", period=BL_PERIOD)
    assert (f.outcome, f.items[0].details["rule_id"]) == (MET, "bl.acute_assessment")


@pytest.mark.parametrize("action, step_at, expected", [
    ("Barnet anbragt akut hos mormor.", "2023-03-10 23:59", MET),      # the 7th day after the assessment
    ("Barnet anbragt akut hos mormor.", "2023-03-11 00:01", NOT_MET),  # the 8th day
    ("   ", "2023-03-04 10:00", NOT_MET),                               # nothing written
])
def test_notification_acute_action__documented_and_followed_up(action, step_at, expected):
    r, _k = base()
    n = r.notification("c1", "2023-03-02 16:00")
    r.acute(n, "2023-03-03 16:00", acute=True, action=action)
    r.decision(n, "c1", step_at)
    f = finding(r, "notification.acute_action")
    assert f.outcome == expected
    assert {i.check for i in f.items} == {"acute_action_documented", "acute_followon"}


def test_notification_acute_action__no_acute_need_is_not_applicable():
    r, _k = base()
    n = r.notification("c1", "2023-03-02 16:00")
    r.acute(n, "2023-03-02 18:00", acute=False)
    assert outcome(r, "notification.acute_action") == NA


@pytest.mark.parametrize("sent, expected", [
    ("2023-03-10 23:00", MET),      # Thu 2 March + 6 working days = Fri 10 March
    ("2023-03-13 08:00", NOT_MET),  # the Monday after
])
def test_notification_acknowledgement__six_working_days(sent, expected):
    r, _k = base()
    n = r.notification("c1", "2023-03-02 10:00")
    r.ack(n, sent)
    assert outcome(r, "notification.acknowledgement") == expected


def test_notification_acknowledgement__non_professional_notifier_not_applicable():
    r, _k = base()
    r.notification("c1", "2023-03-02 10:00", professional=False, kind="family")
    assert outcome(r, "notification.acknowledgement") == NA


def _feedback_case(*, professional=True, started=True):
    r, k = base()
    n = r.notification("c1", "2023-03-02 10:00", professional=professional)
    if started:
        r.investigation("c1", k, "2023-03-02 10:00", started="2023-03-20 09:00")
    return r, n


@pytest.mark.parametrize("given, content, expected", [
    ("2023-03-22 10:00", "investigation_started", MET),
    ("2023-05-01 10:00", "investigation_started", MET),  # late, but documented: the law sets no deadline
    ("2023-03-22 10:00", "nothing_started", NOT_MET),     # says nothing was started
    (None, None, NOT_MET),
])
def test_notification_notifier_feedback__documented(given, content, expected):
    r, n = _feedback_case()
    if given:
        r.feedback(n, given, content)
    f = finding(r, "notification.notifier_feedback")
    assert f.outcome == expected
    assert f.items[0].evidence[0].record_id == n


def test_notification_notifier_feedback__not_applicable_cases():
    r, _n = _feedback_case(professional=False)
    assert outcome(r, "notification.notifier_feedback") == NA
    r, _n = _feedback_case(started=False)
    assert outcome(r, "notification.notifier_feedback") == NA
    r, _n = _feedback_case()
    assert outcome(r, "notification.notifier_feedback", as_of="2023-03-25 10:00") == NA  # deadline not passed


def _reassessment_case(*, ended=None):
    r, k = base()
    r.measure("c1", k, "sel_family_treatment", "2022-06-01 10:00", ended=ended)
    n = r.notification("c1", "2023-03-02 10:00")
    return r, n


def test_notification_reassessment__decision_recorded():
    r, n = _reassessment_case()
    r.decision(n, "c1", "2023-03-10 10:00", outcome="existing_measure")
    f = finding(r, "notification.reassessment")
    assert f.outcome == MET and f.items[0].evidence[-1].record_type == "decision"


@pytest.mark.parametrize("as_of, expected", [
    ("2023-04-01 23:59", NA),       # received 2 March: open until the end of 1 April (30 days)
    ("2023-04-02 00:01", NOT_MET),
])
def test_notification_reassessment__open_too_long(as_of, expected):
    r, _n = _reassessment_case()
    assert outcome(r, "notification.reassessment", as_of=as_of) == expected


def test_notification_reassessment__no_running_measure_not_applicable():
    r, _n = _reassessment_case(ended="2023-01-01 10:00")
    assert outcome(r, "notification.reassessment") == NA


# --- involvement ---------------------------------------------------------------------------------


@pytest.mark.parametrize("held, expected", [
    ("2023-04-30 10:00", MET),
    ("2022-11-01 09:00", MET),       # 6 months before the decision day: the window's first day
    ("2022-10-31 23:00", NOT_MET),   # just outside the window
    ("2023-05-02 10:00", NOT_MET),   # after the decision (met late)
])
def test_involvement_child_conversation__before_the_decision(held, expected):
    r, k = base()
    r.measure("c1", k, "sel_family_treatment", "2023-05-01 10:00")
    r.conversation("c1", held)
    assert outcome(r, "involvement.child_conversation") == expected


def test_involvement_child_conversation__none_or_early_support():
    r, k = base()
    r.measure("c1", k, "sel_family_treatment", "2023-05-01 10:00")
    assert outcome(r, "involvement.child_conversation") == NOT_MET
    r, k = base()
    r.measure("c1", k, "sel_early", "2023-05-01 10:00")
    assert outcome(r, "involvement.child_conversation") == NA


def _casework():
    r, k = base()
    r.investigation("c1", k, "2023-03-01 10:00")
    return r


@pytest.mark.parametrize("participants, conversation, expected", [
    ([("Anna Hansen", "deltager")], True, MET),             # a custody holder, by name
    ([("Lise Jensen", "Mor")], True, MET),                  # a parent role
    ([("Ida", "barn"), ("Lise Jensen", "mor")], False, MET),  # the child took part in the meeting
    ([("Klasselærer", "lærer")], True, NOT_MET),            # no parent
    ([("Lise Jensen", "mor")], False, NOT_MET),             # the child was not heard
])
def test_involvement_child_and_parents__both_needed(participants, conversation, expected):
    r = _casework()
    if conversation:
        r.conversation("c1", "2023-03-10 10:00")
    r.meeting("c1", "2023-03-15 10:00", participants)
    assert outcome(r, "involvement.child_and_parents") == expected


def test_involvement_child_and_parents__window_and_applicability():
    r = _casework()
    r.conversation("c1", "2022-08-31 10:00")  # before 1 Sept 2022: six months before the first subject
    r.meeting("c1", "2023-03-15 10:00", [("Anna Hansen", "mor")])
    assert outcome(r, "involvement.child_and_parents") == NOT_MET
    r, _k = base()
    n = r.notification("c1", "2023-03-02 10:00")
    r.decision(n, "c1", "2023-03-05 10:00", outcome="no_action")
    assert outcome(r, "involvement.child_and_parents") == NA  # no investigation or measure


@pytest.mark.parametrize("add, expected", [
    (lambda r: r.network_person("c1", "Grete Hansen", "Mormor"), MET),
    (lambda r: r.network_person("c1", "Anna Hansen", "Mor"), NOT_MET),      # a parent is not the wider network
    (lambda r: r.network_person("c1", "Bo Hansen", "stedfar"), NOT_MET),    # a custody holder, by name
    (lambda r: r.meeting("c1", "2023-03-15 10:00", [("Ole", "Morfar")]), MET),
    (lambda r: r.meeting("c1", "2023-03-15 10:00", [("Bo", "Far"), ("Jens", "PPR-psykolog")]), NOT_MET),
    (lambda r: None, NOT_MET),
])
def test_involvement_private_network__beyond_the_parents(add, expected):
    r = _casework()
    add(r)
    assert outcome(r, "involvement.private_network") == expected


def test_involvement_private_network__not_applicable_without_casework():
    r, _k = base()
    r.notification("c1", "2023-03-02 10:00")
    r.network_person("c1", "Grete Hansen", "Mormor")
    assert outcome(r, "involvement.private_network") == NA


# --- investigation -------------------------------------------------------------------------------


@pytest.mark.parametrize("completed, as_of, expected", [
    ("2023-07-15 23:00", "2025-01-01 10:00", MET),       # aware 15 March: due 15 July
    ("2023-07-16 09:00", "2025-01-01 10:00", NOT_MET),
    (None, "2023-06-01 10:00", NA),                      # not due yet
    (None, "2023-07-16 00:01", NOT_MET),                 # overdue
])
def test_investigation_in_time__four_months(completed, as_of, expected):
    r, k = base()
    r.investigation("c1", k, "2023-03-15 10:00", completed=completed)
    assert outcome(r, "investigation.in_time", as_of=as_of) == expected


def test_investigation_in_time__lapsed_when_the_child_turned_18():
    """Born 1 May 2005: 18 on Monday 1 May 2023. Aware 15 March 2023, due 15 July 2023, never
    completed: as of 1 January 2025 not applicable, the reason says the child turned 18 (issue #16)."""
    r, k = base(birth="2005-05-01")
    r.investigation("c1", k, "2023-03-15 10:00")
    f = finding(r, "investigation.in_time", as_of="2025-01-01 10:00")
    assert (f.outcome, f.items[0].reason) == (NA, "deadline.ended_at_18")


@pytest.mark.parametrize("sections, completed, expected", [
    (None, "2023-06-01 10:00", MET),
    ({"development_behaviour": "x", "family": "x", "school": "x", "leisure_friendships": "x", "other": "x"},
     "2023-06-01 10:00", NOT_MET),                                     # health missing
    ({"development_behaviour": "x", "family": "x", "school": "  ", "health": "x", "leisure_friendships": "x",
      "other": "x"}, "2023-06-01 10:00", NOT_MET),                     # school blank
    (None, None, NA),                                                  # not completed
])
def test_investigation_six_areas__serviceloven(sections, completed, expected):
    r, k = base()
    r.investigation("c1", k, "2023-03-15 10:00", completed=completed, sections=sections)
    f = finding(r, "investigation.six_areas")
    assert f.outcome == expected
    if expected == NOT_MET:
        assert f.items[0].details["missing"] in (["health"], ["school"])


def test_investigation_six_areas__not_for_barnets_lov():
    r, k = base()
    r.investigation("c1", k, "2024-03-15 10:00", completed="2024-06-01 10:00", areas=["holistic"])
    assert outcome(r, "investigation.six_areas", period=BL_PERIOD) == NA


@pytest.mark.parametrize("areas, expected", [(["holistic"], MET), (["family"], NOT_MET)])
def test_investigation_holistic__barnets_lov(areas, expected):
    r, k = base()
    r.investigation("c1", k, "2024-03-15 10:00", completed="2024-06-01 10:00", areas=areas)
    assert outcome(r, "investigation.holistic", period=BL_PERIOD) == expected
    r2, k2 = base()
    r2.investigation("c1", k2, "2023-03-15 10:00", completed="2023-06-01 10:00")
    assert outcome(r2, "investigation.holistic") == NA  # Serviceloven


# --- measures ------------------------------------------------------------------------------------


@pytest.mark.parametrize("completed, conclusion, reason, expected", [
    ("2023-04-01 10:00", "Behov for familiebehandling.", "measure.follows_investigation", MET),
    ("2023-03-01 08:00", "Behov for familiebehandling.", "measure.follows_investigation", MET),  # 6 months
    ("2023-02-28 20:00", "Behov for familiebehandling.", "measure.investigation_too_old", NOT_MET),
    ("2023-04-01 10:00", "   ", "measure.no_conclusion", NOT_MET),
])
def test_measures_follows_investigation__recent_with_conclusion(completed, conclusion, reason, expected):
    r, k = base()
    r.investigation("c1", k, "2022-12-01 10:00", completed=completed, conclusion=conclusion)
    r.measure("c1", k, "sel_family_treatment", "2023-09-01 10:00")
    f = finding(r, "measures.follows_investigation")
    assert (f.outcome, f.reason) == (expected, reason)


def test_measures_follows_investigation__missing_or_unfinished_or_early():
    r, k = base()
    r.measure("c1", k, "sel_family_treatment", "2023-09-01 10:00")
    assert finding(r, "measures.follows_investigation").reason == "measure.no_investigation"
    r.investigation("c1", k, "2023-08-01 10:00")
    assert finding(r, "measures.follows_investigation").reason == "measure.investigation_not_completed"
    r, k = base()
    r.measure("c1", k, "sel_early", "2023-09-01 10:00")
    assert outcome(r, "measures.follows_investigation") == NA


@pytest.mark.parametrize("started, as_of, expected", [
    ("2023-05-31 23:00", "2025-01-01 10:00", MET),      # decided 1 May: 30 days end on 31 May
    ("2023-06-01 00:30", "2025-01-01 10:00", NOT_MET),
    (None, "2023-05-20 10:00", NA),                     # can still start in time
    (None, "2023-06-01 00:30", NOT_MET),
])
def test_measures_started_promptly__thirty_days(started, as_of, expected):
    r, k = base()
    r.measure("c1", k, "sel_family_treatment", "2023-05-01 10:00", started=started)
    assert outcome(r, "measures.started_promptly", as_of=as_of) == expected


@pytest.mark.parametrize("plan, as_of, expected", [
    ("2023-04-28 10:00", "2025-01-01 10:00", MET),       # SEL § 140 stk. 1: before the decision on 1 May
    ("2023-05-01 10:00", "2025-01-01 10:00", MET),       # at the decision itself
    ("2023-05-02 10:00", "2025-01-01 10:00", NOT_MET),   # the decision came without a plan
    (None, "2023-06-01 10:00", NOT_MET),
])
def test_measures_plan__serviceloven(plan, as_of, expected):
    r, k = base()
    r.measure("c1", k, "sel_family_treatment", "2023-05-01 10:00")
    if plan:
        r.plan("c1", k, plan)
    assert outcome(r, "measures.plan", as_of=as_of) == expected


@pytest.mark.parametrize("plan, as_of, expected", [
    ("2023-08-30 10:00", "2025-01-01 10:00", MET),       # urgent, decided 1 May: due 1 September
    ("2023-09-02 10:00", "2025-01-01 10:00", NOT_MET),
    (None, "2023-06-01 10:00", NA),
    (None, "2023-10-01 10:00", NOT_MET),
])
def test_measures_plan__serviceloven_urgent_four_months(plan, as_of, expected):
    r, k = base()
    r.measure("c1", k, "sel_family_treatment", "2023-05-01 10:00", urgent_plan=True)
    if plan:
        r.plan("c1", k, plan)
    assert outcome(r, "measures.plan", as_of=as_of) == expected


def test_measures_plan__barnets_lov_placements_only():
    r, k = base()
    r.measure("c1", k, "bl_family_treatment", "2024-03-01 10:00")
    assert outcome(r, "measures.plan", period=BL_PERIOD) == NA
    r.measure("c1", k, "bl_placement_foster", "2024-04-01 10:00")
    assert outcome(r, "measures.plan", period=BL_PERIOD, as_of="2024-07-02 10:00") == NOT_MET
    r.plan("c1", k, "2024-06-20 10:00", kind="barnets_plan")
    assert outcome(r, "measures.plan", period=BL_PERIOD, as_of="2024-07-02 10:00") == MET


# --- follow-up -------------------------------------------------------------------------------------


@pytest.mark.parametrize("held, expected", [
    ("2023-05-01 15:00", MET),       # started 1 Feb: the first follow-up is due 1 May
    ("2023-05-02 09:00", NOT_MET),
])
def test_followup_on_time__first_within_three_months(held, expected):
    r, k = base()
    m = r.measure("c1", k, "sel_family_treatment", "2023-01-20 10:00", started="2023-02-01 10:00")
    r.followup("c1", k, held, measure=m)
    assert outcome(r, "followup.on_time", as_of="2023-09-01 10:00") == expected


def test_followup_on_time__deadlines_outside_the_period_are_not_applicable():
    r, k = base()
    m = r.measure("c1", k, "sel_family_treatment", "2022-12-20 10:00", started="2023-02-01 10:00")
    r.followup("c1", k, "2023-06-01 10:00", measure=m)  # late, but due 1 May: after the period
    assert outcome(r, "followup.on_time", period=("2023-01-01", "2023-03-31"), as_of="2023-09-01 10:00") == NA
    assert outcome(r, "followup.on_time", period=("2023-01-01", "2023-06-30"), as_of="2023-09-01 10:00") == NOT_MET


@pytest.mark.parametrize("note, scaling_at, linked, expected", [
    ("Bedre fremmøde i skolen.", None, False, MET),
    (None, None, False, NOT_MET),
    (None, "2023-06-30 10:00", True, MET),   # linked to the follow-up: counts whenever held
    (None, "2023-05-15 10:00", False, MET),  # 14 days before
    (None, "2023-05-14 09:00", False, NOT_MET),
])
def test_followup_progression__note_or_scaling(note, scaling_at, linked, expected):
    r, k = base()
    m = r.measure("c1", k, "sel_family_treatment", "2023-02-01 10:00")
    fu = r.followup("c1", k, "2023-05-29 10:00", measure=m, note=note)
    if scaling_at:
        r.scaling("c1", "g1", scaling_at, followup=fu if linked else None)
    assert outcome(r, "followup.progression") == expected
