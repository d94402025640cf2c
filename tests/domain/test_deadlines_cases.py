# SPDX-License-Identifier: MPL-2.0
"""Investigation, child conversation, plan and follow-up rules at their boundaries."""

from datetime import datetime

import pytest

from forebyg.domain.deadlines import RuleConfig, Status, compute_obligations

T = datetime.fromisoformat
LATER = "2027-01-01T00:00:00+01:00"


def rec(rtype, rid, **fields):
    return {"type": rtype, "id": rid, "municipality": 657, **fields}


def obligations(records, as_of, rule_id, **kw):
    return [o for o in compute_obligations(records, as_of=T(as_of), **kw) if o.rule_id == rule_id]


def one(records, as_of, rule_id, **kw):
    (ob,) = obligations(records, as_of, rule_id, **kw)
    return ob


def investigation(rid="i1", aware="2023-10-31T09:00:00+01:00", started=None, consent=True, **kw):
    return rec("investigation", rid, case="k1", child="c1", aware_at=aware,
               started_at=started or aware, consent=consent, **kw)


def case(closed=None):
    return rec("case", "k1", child="c1", opened_at="2020-01-01T10:00:00+01:00", closed_at=closed)


# --- investigation: 4 calendar months --------------------------------------------------------


@pytest.mark.parametrize("aware, law, due", [
    ("2023-10-31T09:00:00+01:00", "SEL", "2024-02-29"),  # leap year: clamp to 29 February
    ("2024-10-31T09:00:00+01:00", "BL", "2025-02-28"),
    ("2024-03-15T09:00:00+01:00", "BL", "2024-07-15"),
])
def test_investigation_due_four_calendar_months_after_awareness(aware, law, due):
    ob = one([investigation(aware=aware)], LATER, f"{law.lower()}.investigation")
    assert (ob.law, ob.due_date.isoformat(), ob.due_all_day) == (law, due, True)
    assert ob.due_local.time().isoformat() == "23:59:59.999999"


@pytest.mark.parametrize("completed, status", [
    ("2024-02-29T23:00:00+01:00", Status.MET_ON_TIME),
    ("2024-03-01T08:00:00+01:00", Status.MET_LATE),
])
def test_investigation_completed_at_the_boundary(completed, status):
    ob = one([investigation(completed_at=completed)], LATER, "sel.investigation")
    assert (ob.status, ob.met_at) == (status, T(completed))


def test_investigation_due_soon_ten_working_days_before():
    # Due Fri 28 Feb 2025. Ten working days back is Fri 14 Feb: due soon from Sat 15 Feb.
    inv = investigation(aware="2024-10-31T09:00:00+01:00")
    assert one([inv], "2025-02-14T12:00:00+01:00", "bl.investigation").status == Status.OPEN
    assert one([inv], "2025-02-17T08:00:00+01:00", "bl.investigation").status == Status.DUE_SOON
    assert one([inv], "2025-03-01T00:00:00+01:00", "bl.investigation").status == Status.OVERDUE


def test_completion_after_as_of_is_not_yet_known():
    inv = investigation(completed_at="2024-02-20T10:00:00+01:00")
    assert one([inv], "2024-02-19T12:00:00+01:00", "sel.investigation").status == Status.DUE_SOON
    assert one([inv], "2024-02-20T10:00:00+01:00", "sel.investigation").status == (
        Status.MET_ON_TIME)


def test_closed_case_before_the_deadline_makes_it_not_applicable():
    ob = one([case(closed="2024-01-15T10:00:00+01:00"), investigation()], LATER,
             "sel.investigation")
    assert (ob.status, ob.closed) == (Status.NOT_APPLICABLE, True)
    ob = one([case(closed="2024-04-15T10:00:00+02:00"), investigation()], LATER,
             "sel.investigation")
    assert (ob.status, ob.closed) == (Status.OVERDUE, True)  # missed before the case closed


def test_provisional_assessment_under_barnets_lov():
    inv = investigation(aware="2024-10-31T09:00:00+01:00")
    # Before the deadline nothing is known about whether it will be needed.
    assert obligations([inv], "2025-02-28T12:00:00+01:00", "bl.provisional_assessment") == []
    ob = one([inv], "2025-03-01T00:00:00+01:00", "bl.provisional_assessment")
    assert (ob.status, ob.due_date.isoformat()) == (Status.OVERDUE, "2025-02-28")
    made = investigation(aware="2024-10-31T09:00:00+01:00",
                         provisional_assessment_at="2025-02-27T10:00:00+01:00")
    assert one([made], LATER, "bl.provisional_assessment").status == Status.MET_ON_TIME
    assert one([made], LATER, "bl.investigation").status == Status.OVERDUE  # still not done
    on_time = investigation(aware="2024-10-31T09:00:00+01:00",
                            completed_at="2025-02-20T10:00:00+01:00")
    assert obligations([on_time], LATER, "bl.provisional_assessment") == []
    late = investigation(aware="2024-10-31T09:00:00+01:00",
                         completed_at="2025-03-20T10:00:00+01:00")
    assert one([late], LATER, "bl.provisional_assessment").status == Status.OVERDUE


def test_investigation_without_consent_two_months_under_serviceloven():
    inv = investigation(aware="2023-04-20T09:00:00+02:00", started="2023-05-10T10:00:00+02:00",
                        consent=False, completed_at="2023-07-10T15:00:00+02:00")
    ob = one([inv], LATER, "sel.investigation_without_consent")
    assert (ob.due_date.isoformat(), ob.status) == ("2023-07-10", Status.MET_ON_TIME)
    assert obligations([investigation(consent=True)], LATER,
                       "sel.investigation_without_consent") == []
    bl = investigation(aware="2024-04-20T09:00:00+02:00", consent=False)
    assert [o.rule_id for o in compute_obligations([bl], as_of=T(LATER))] == ["bl.investigation",
                                                                             "bl.provisional_assessment"]


# --- child conversation before the decision --------------------------------------------------


def measure(rid="m1", kind="bl_family_treatment", decided="2024-05-01T10:00:00+02:00",
            basis="BL § 32 stk. 1 nr. 3", step=3, **kw):
    law = "SEL" if kind.startswith("sel") else "BL"
    return rec("measure", rid, case="k1", child="c1", law=law, kind=kind, legal_basis=basis,
               step=step, decided_at=decided, **kw)


def conversation(at, rid="s1", child="c1"):
    return rec("child_conversation", rid, child=child, held_at=at, purpose="-")


@pytest.mark.parametrize("held, status", [
    ("2024-04-20T10:00:00+02:00", Status.MET_ON_TIME),
    ("2024-05-01T10:00:00+02:00", Status.MET_ON_TIME),  # at the decision itself
    ("2023-11-01T10:00:00+01:00", Status.MET_ON_TIME),  # 6 months before: the window opens
    ("2023-10-31T10:00:00+01:00", Status.OVERDUE),  # too old to count
    ("2024-05-01T10:00:01+02:00", Status.MET_LATE),  # after the decision
    (None, Status.OVERDUE),
])
def test_child_conversation_before_the_decision(held, status):
    records = [measure()] + ([conversation(held)] if held else [])
    ob = one(records, LATER, "bl.child_conversation")
    assert (ob.status, ob.due, ob.due_all_day) == (status, T("2024-05-01T10:00:00+02:00"), False)
    assert ob.start == T("2023-11-01T00:00:00+01:00")


def test_child_conversation_picks_the_latest_before_and_ignores_other_children():
    records = [measure(), conversation("2024-03-01T10:00:00+01:00"),
               conversation("2024-04-20T10:00:00+02:00", rid="s2"),
               conversation("2024-04-30T10:00:00+02:00", rid="s3", child="c9")]
    assert one(records, LATER, "bl.child_conversation").met_by == "s2"


def test_no_conversation_obligation_for_early_support_unless_configured():
    early = measure(kind="bl_early", basis="BL § 30", step=1)
    assert obligations([early], LATER, "bl.child_conversation") == []
    config = RuleConfig(overrides={"bl.child_conversation": {"include_early": True}})
    assert len(obligations([early], LATER, "bl.child_conversation", config=config)) == 1


# --- plan ---------------------------------------------------------------------------------------


def plan(at, rid="p1", kind="handleplan"):
    return rec("plan", rid, case="k1", child="c1", kind=kind, made_at=at)


@pytest.mark.parametrize("made, status", [
    ("2023-03-01T10:00:00+01:00", Status.MET_ON_TIME),  # before the decision
    ("2023-07-15T16:00:00+02:00", Status.MET_ON_TIME),  # last day
    ("2023-07-16T09:00:00+02:00", Status.MET_LATE),
    (None, Status.OVERDUE),
])
def test_sel_handleplan_within_four_months_of_an_urgent_decision(made, status):
    m = measure(kind="sel_family_treatment", decided="2023-03-15T10:00:00+01:00",
                basis="SEL § 52 stk. 3 nr. 3", urgent_plan=True)
    ob = one([m] + ([plan(made)] if made else []), LATER, "sel.plan")
    assert (ob.due_date.isoformat(), ob.status) == ("2023-07-15", status)


def test_bl_plan_only_for_placements():
    support = measure()
    assert obligations([support], LATER, "bl.plan") == []
    placement = measure(kind="bl_placement_foster", basis="BL § 46, § 43 stk. 1", step=5,
                        decided="2024-03-15T10:00:00+01:00")
    ob = one([placement], LATER, "bl.plan")
    assert (ob.due_date.isoformat(), ob.status) == ("2024-06-15", Status.OVERDUE)
    made = one([placement, plan("2024-06-14T10:00:00+02:00", kind="barnets_plan")], LATER,
               "bl.plan")
    assert made.status == Status.MET_ON_TIME


def test_bl_plan_before_the_decision_on_placement_without_consent():
    forced = measure(kind="bl_placement_institution", basis="BL § 47", step=6,
                     decided="2024-03-15T10:00:00+01:00")
    ob = one([forced, plan("2024-03-20T10:00:00+01:00", kind="barnets_plan")], LATER, "bl.plan")
    assert (ob.due, ob.due_all_day, ob.status) == (T(forced["decided_at"]), False,
                                                    Status.MET_LATE)


def test_plan_not_applicable_when_the_measure_ends_before_the_deadline():
    m = measure(kind="sel_family_treatment", decided="2023-03-15T10:00:00+01:00",
                basis="SEL § 52 stk. 3 nr. 3", ended_at="2023-05-01T10:00:00+02:00",
                urgent_plan=True)
    ob = one([m], LATER, "sel.plan")
    assert (ob.status, ob.closed) == (Status.NOT_APPLICABLE, True)


# --- follow-up -------------------------------------------------------------------------------------


def followup(at, rid, measure_id="m1", next_due=None):
    return rec("followup", rid, case="k1", child="c1", held_at=at, measure=measure_id,
               next_due=next_due)


def chain(records, as_of, rule_id):
    return sorted(obligations(records, as_of, rule_id), key=lambda o: o.seq)


def test_sel_followup_first_within_3_months_then_every_6():
    m = measure(kind="sel_family_treatment", basis="SEL § 52 stk. 3 nr. 3",
                decided="2023-01-10T10:00:00+01:00", started_at="2023-02-01T08:00:00+01:00")
    records = [m, followup("2023-04-20T10:00:00+02:00", "u1"),
               followup("2023-11-01T10:00:00+01:00", "u2")]
    first, second, third = chain(records, "2024-03-01T00:00:00+01:00", "sel.followup")
    assert (first.due_date.isoformat(), first.status, first.met_by) == (
        "2023-05-01", Status.MET_ON_TIME, "u1")
    assert (second.start, second.due_date.isoformat(), second.status) == (
        T("2023-04-20T10:00:00+02:00"), "2023-10-20", Status.MET_LATE)
    # The measure was decided under SEL: its follow-ups stay SEL rules after 2024.
    assert (third.law, third.due_date.isoformat(), third.status) == ("SEL", "2024-05-01",
                                                                       Status.OPEN)


def test_followup_before_the_measure_started_is_counted_from_the_decision():
    m = measure(kind="sel_family_treatment", basis="SEL § 52 stk. 3 nr. 3",
                decided="2023-01-10T10:00:00+01:00", started_at="2023-03-01T08:00:00+01:00")
    (before_start,) = chain([m], "2023-02-01T00:00:00+01:00", "sel.followup")
    (after_start,) = chain([m], "2023-03-02T00:00:00+01:00", "sel.followup")
    assert before_start.due_date.isoformat() == "2023-04-10"  # start not known yet
    assert after_start.due_date.isoformat() == "2023-06-01"


def test_followup_on_the_case_counts_and_ended_measure_stops_the_chain():
    m = measure(kind="sel_family_treatment", basis="SEL § 52 stk. 3 nr. 3",
                decided="2023-01-10T10:00:00+01:00", ended_at="2023-09-01T10:00:00+02:00")
    case_followup = followup("2023-04-01T10:00:00+02:00", "u1", measure_id=None)
    first, second = chain([m, case_followup], LATER, "sel.followup")
    assert first.status == Status.MET_ON_TIME
    assert (second.status, second.closed) == (Status.NOT_APPLICABLE, True)
    other = followup("2023-04-01T10:00:00+02:00", "u9", measure_id="m-other")
    (only,) = chain([m, other], LATER, "sel.followup")
    assert (only.status, only.closed) == (Status.OVERDUE, True)


def test_bl_followup_at_the_parallel_investigations_completion():
    m = measure(decided="2024-02-01T10:00:00+01:00", started_at="2024-02-01T10:00:00+01:00")
    inv = investigation(aware="2024-01-10T09:00:00+01:00", started="2024-01-15T09:00:00+01:00",
                        completed_at="2024-03-10T12:00:00+01:00")
    first, second = chain([m, inv, followup("2024-03-08T10:00:00+01:00", "u1",
                                            next_due="2024-06-01")], LATER, "bl.followup")
    assert (first.due_date.isoformat(), first.status) == ("2024-03-10", Status.MET_ON_TIME)
    assert second.due_date.isoformat() == "2024-06-01"  # the schedule set at the follow-up
    # Without next_due: the local default of 6 months.
    _, default = chain([m, inv, followup("2024-03-08T10:00:00+01:00", "u1")], LATER, "bl.followup")
    assert default.due_date.isoformat() == "2024-09-08"
    # Investigation completed after 3 months: the 3 months win.
    slow = investigation(aware="2024-01-10T09:00:00+01:00", started="2024-01-15T09:00:00+01:00",
                         completed_at="2024-05-10T12:00:00+02:00")
    (alone,) = chain([m, slow], "2024-04-01T00:00:00+02:00", "bl.followup")
    assert alone.due_date.isoformat() == "2024-05-01"


def test_no_followup_for_early_support():
    assert obligations([measure(kind="bl_early", basis="BL § 30", step=1)], LATER,
                       "bl.followup") == []
