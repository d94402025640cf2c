# SPDX-License-Identifier: MPL-2.0
"""The rules corrected after the second law review (issue #16), one test per rule, with the
dates worked out by hand in each docstring (sources: docs/rules.md and law-review-2.md)."""

from datetime import datetime

from forebyg.domain.deadlines import BL_RULES, SEL_RULES, RuleConfig, Status, compute_obligations

T = datetime.fromisoformat
LATER = "2027-01-01T00:00:00+01:00"


def rec(rtype, rid, **fields):
    return {"type": rtype, "id": rid, "municipality": 657, **fields}


def obligations(records, as_of, rule_id, **kw):
    return sorted((o for o in compute_obligations(records, as_of=T(as_of), **kw) if o.rule_id == rule_id),
                  key=lambda o: (o.child_id or "", o.seq))


def one(records, as_of, rule_id, **kw):
    (ob,) = obligations(records, as_of, rule_id, **kw)
    return ob


def measure(rid="m1", kind="bl_family_treatment", decided="2024-05-01T10:00:00+02:00",
            basis="BL § 32 stk. 1 nr. 3", step=3, **kw):
    law = "SEL" if kind.startswith("sel") else "BL"
    return rec("measure", rid, case="k1", child="c1", law=law, kind=kind, legal_basis=basis,
               step=step, decided_at=decided, **kw)


def plan(at, rid="p1", kind="barnets_plan"):
    return rec("plan", rid, case="k1", child="c1", kind=kind, made_at=at)


def notification(rid="n1", received="2024-09-13T10:00:00+02:00", children=("c1",), **kw):
    return rec("notification", rid, received_at=received, channel="email", notifier_kind="school",
               notifier_professional=True, concern="-", children=list(children), **kw)


def conversation(at, rid="s1", child="c1"):
    return rec("child_conversation", rid, child=child, held_at=at, purpose="-")


# --- 1. BL § 91 stk. 1: barnets plan for § 32 support ---------------------------------------------


def test_bl_support_needs_a_decision_on_the_plan_at_the_decision():
    """Support (BL § 32) decided Wed 1 May 2024 10:00: the position on a plan is due at that
    moment. Without `plan_decision` it is overdue right after; with "plan" or "no_plan" it is met
    at the decision. Early support (§ 30) and placements get no such obligation (a placement
    always needs a plan)."""
    ob = one([measure()], "2024-05-01T10:00:01+02:00", "bl.plan_decision")
    assert (ob.status, ob.due, ob.legal_reference.startswith("BL § 91 stk. 1")) == (
        Status.OVERDUE, T("2024-05-01T10:00:00+02:00"), True)
    for choice in ("plan", "no_plan"):
        ob = one([measure(plan_decision=choice)], LATER, "bl.plan_decision")
        assert (ob.status, ob.met_by) == (Status.MET_ON_TIME, "m1")
    assert obligations([measure(kind="bl_early", basis="BL § 30", step=1)], LATER,
                       "bl.plan_decision") == []
    assert obligations([measure(kind="bl_placement_foster", basis="BL § 46, § 43 stk. 1", step=5)],
                       LATER, "bl.plan_decision") == []
    assert obligations([measure(kind="sel_family_treatment", basis="SEL § 52 stk. 3 nr. 3",
                                decided="2023-05-01T10:00:00+02:00")], LATER, "bl.plan_decision") == []


def test_bl_support_with_a_plan_decision_needs_the_plan_within_three_months():
    """Decided Wed 1 May 2024 with plan_decision "plan": 3 calendar months later is Thu 1 August
    2024, end of day. A plan made 1 August 23:00 is on time, one made Fri 2 August is late. With
    "no_plan" (or no decision) no plan obligation exists for support."""
    support = measure(plan_decision="plan")
    ob = one([support], LATER, "bl.plan")
    assert (ob.due_date.isoformat(), ob.due_all_day, ob.status) == ("2024-08-01", True, Status.OVERDUE)
    assert one([support, plan("2024-08-01T23:00:00+02:00")], LATER, "bl.plan").status == (
        Status.MET_ON_TIME)
    assert one([support, plan("2024-08-02T09:00:00+02:00")], LATER, "bl.plan").status == (
        Status.MET_LATE)
    assert obligations([measure(plan_decision="no_plan")], LATER, "bl.plan") == []
    assert obligations([measure()], LATER, "bl.plan") == []


# --- 2. SEL § 140: the handleplan comes before the decision ---------------------------------------


def test_sel_handleplan_is_due_at_the_decision_unless_the_matter_could_not_wait():
    """Decided Wed 15 March 2023 10:00 (SEL § 52): the plan is due at 10:00 that day. A plan made
    10 March is on time, one made 20 March is late (decided without a plan). Marked urgent_plan,
    the plan is due 4 calendar months later: Sat 15 July 2023, end of day."""
    kw = {"kind": "sel_family_treatment", "basis": "SEL § 52 stk. 3 nr. 3",
          "decided": "2023-03-15T10:00:00+01:00"}
    ob = one([measure(**kw)], LATER, "sel.plan")
    assert (ob.due, ob.due_all_day, ob.status) == (T("2023-03-15T10:00:00+01:00"), False, Status.OVERDUE)
    assert one([measure(**kw), plan("2023-03-10T10:00:00+01:00", kind="handleplan")], LATER,
               "sel.plan").status == Status.MET_ON_TIME
    assert one([measure(**kw), plan("2023-03-20T10:00:00+01:00", kind="handleplan")], LATER,
               "sel.plan").status == Status.MET_LATE
    urgent = one([measure(urgent_plan=True, **kw)], LATER, "sel.plan")
    assert (urgent.due_date.isoformat(), urgent.due_all_day) == ("2023-07-15", True)
    assert one([measure(urgent_plan=True, **kw), plan("2023-07-14T10:00:00+02:00", kind="handleplan")],
               LATER, "sel.plan").status == Status.MET_ON_TIME


# --- 3. BL § 138: receipt and feedback --------------------------------------------------------------


def test_bl_acknowledgement_and_feedback_cite_section_138_marked_unconfirmed():
    """Received Skærtorsdag, Thu 28 March 2024: Langfredag, the weekend and 2. påskedag are not
    working days, so 6 working days end Tue 9 April 2024. The obligation cites BL § 138 stk. 1;
    the reference is marked unconfirmed, the feedback deadline too (a local default)."""
    ob = one([notification(received="2024-03-28T10:00:00+01:00")], LATER, "bl.acknowledgement")
    assert ob.due_date.isoformat() == "2024-04-09"
    assert ob.legal_reference.startswith("BL § 138 stk. 1")
    ack, feedback = BL_RULES.by_kind("acknowledgement"), BL_RULES.by_kind("notifier_feedback")
    assert ack.reference_unconfirmed and feedback.reference_unconfirmed
    assert feedback.legal_reference.startswith("BL § 138 stk. 2") and feedback.duration_unconfirmed
    assert (ack.hjemmel("da"), feedback.hjemmel("da")) == ("BL § 138, stk. 1", "BL § 138, stk. 2")
    assert "§ 136" not in ack.legal_reference + feedback.legal_reference


# --- 4. BL § 137 stk. 1 after L 87 (2024-25) --------------------------------------------------------


def test_reassessment_after_l87_not_for_early_support_alone():
    """A child with only BL § 30 early support running (decided 1 March 2024). A notification on
    Mon 3 June 2024 (before 1 January 2025, the assumed entry into force of L 87) needs a
    reassessment; one on Mon 3 February 2025 does not. With § 32 support running it does. A
    municipality can move the date (here to 1 July 2025) or switch the limit off (null)."""
    early = measure(kind="bl_early", basis="BL § 30", step=1, decided="2024-03-01T10:00:00+01:00")
    before = notification(received="2024-06-03T10:00:00+02:00")
    after = notification(received="2025-02-03T10:00:00+01:00")
    assert len(obligations([early, before], LATER, "bl.reassessment")) == 1
    assert obligations([early, after], LATER, "bl.reassessment") == []
    support = measure(rid="m2", decided="2024-04-01T10:00:00+02:00")
    assert len(obligations([early, support, after], LATER, "bl.reassessment")) == 1
    for value in ("2025-07-01", None):
        config = RuleConfig(overrides={"bl.reassessment": {"early_support_excluded_from": value}})
        assert len(obligations([early, after], LATER, "bl.reassessment", config=config)) == 1
    param = BL_RULES.by_kind("reassessment").parameters[0]
    assert (param.name, param.value, bool(param.unconfirmed)) == (
        "early_support_excluded_from", "2025-01-01", True)


# --- 5. provisional assessment: BL § 20 stk. 3, SEL § 50 stk. 7 ----------------------------------


def test_provisional_assessment_under_serviceloven():
    """aware_at Wed 31 May 2023: 4 calendar months later is Sat 30 September 2023, end of day.
    Not completed by then: the SEL provisional assessment is overdue from 1 October; one recorded
    29 September is on time. An investigation completed in time needs none. BL cites § 20 stk. 3."""
    def inv(**kw):
        return rec("investigation", "i1", case="k1", child="c1", aware_at="2023-05-31T09:00:00+02:00",
                   started_at="2023-05-31T09:00:00+02:00", consent=True, **kw)
    ob = one([inv()], "2023-10-01T00:00:00+02:00", "sel.provisional_assessment")
    assert (ob.status, ob.due_date.isoformat()) == (Status.OVERDUE, "2023-09-30")
    assert one([inv(provisional_assessment_at="2023-09-29T10:00:00+02:00")], LATER,
               "sel.provisional_assessment").status == Status.MET_ON_TIME
    assert obligations([inv(completed_at="2023-09-20T10:00:00+02:00")], LATER,
                       "sel.provisional_assessment") == []
    assert SEL_RULES.by_kind("provisional_assessment").reference_unconfirmed
    assert BL_RULES.by_kind("provisional_assessment").hjemmel("da") == "BL § 20, stk. 3, 2. pkt."
    assert not BL_RULES.by_kind("provisional_assessment").reference_unconfirmed


# --- 6. BL § 95: parallel investigation and the schedule decided at the first follow-up ------------


def test_bl_followup_first_at_parallel_completion_then_the_schedule_it_sets():
    """Support started Thu 1 February 2024; an investigation (or an afdækning recorded as one)
    running beside it since 10 January is completed Tue 5 March 2024: the first follow-up is due
    then (earlier than 3 months, 1 May). Held Mon 4 March with next_due 30 June 2024 (the reasoned
    schedule, stk. 3): the second is due 30 June. Without next_due the local default applies:
    6 calendar months after 4 March is Wed 4 September 2024."""
    m = measure(started_at="2024-02-01T08:00:00+01:00", decided="2024-01-25T10:00:00+01:00")
    inv = rec("investigation", "i1", case="k1", child="c1", aware_at="2024-01-05T09:00:00+01:00",
              started_at="2024-01-10T09:00:00+01:00", consent=True,
              completed_at="2024-03-05T12:00:00+01:00")

    def fu(next_due=None):
        return rec("followup", "u1", case="k1", child="c1", held_at="2024-03-04T10:00:00+01:00",
                   measure="m1", next_due=next_due)
    first, second = obligations([m, inv, fu("2024-06-30")], LATER, "bl.followup")[:2]
    assert (first.due_date.isoformat(), first.status) == ("2024-03-05", Status.MET_ON_TIME)
    assert (second.seq, second.due_date.isoformat()) == (2, "2024-06-30")
    second = obligations([m, inv, fu()], LATER, "bl.followup")[1]
    assert second.due_date.isoformat() == "2024-09-04"


# --- 7. BL § 137 stk. 3 / SEL § 155 a: conversation on a notification about abuse ------------------


def test_conversation_with_each_child_on_a_notification_about_abuse():
    """Received Fri 13 September 2024 10:00, marked as concerning abuse, about two children.
    5 working days (local default, unconfirmed): Mon 16, Tue 17, Wed 18, Thu 19, Fri 20
    September: due Fri 20 September 2024, end of day. A conversation with c1 on 20 September at
    15:00 meets it; c2 has none and is overdue on Sat 21 September. A conversation held before
    receipt does not count; an unmarked notification gets no obligation."""
    n = notification(children=("c1", "c2"), concerns_abuse=True)
    c1, c2 = obligations([n, conversation("2024-09-20T15:00:00+02:00"),
                          conversation("2024-09-12T10:00:00+02:00", rid="s0", child="c2")],
                         "2024-09-21T00:00:00+02:00", "bl.abuse_conversation")
    assert (c1.child_id, c1.due_date.isoformat(), c1.status, c1.met_by) == (
        "c1", "2024-09-20", Status.MET_ON_TIME, "s1")
    assert (c2.child_id, c2.status) == ("c2", Status.OVERDUE)
    assert obligations([notification(children=("c1", "c2"))], LATER, "bl.abuse_conversation") == []
    rule = BL_RULES.by_kind("abuse_conversation")
    assert rule.legal_reference.startswith("BL § 137 stk. 3") and rule.duration_unconfirmed


def test_abuse_conversation_under_serviceloven():
    """Received Fri 2 June 2023 (SEL): Grundlovsdag, Mon 5 June, is not a public holiday, so 5
    working days end Fri 9 June 2023. The SEL rule cites § 155 a, its stk. marked unconfirmed."""
    n = notification(received="2023-06-02T10:00:00+02:00", concerns_abuse=True)
    ob = one([n], LATER, "sel.abuse_conversation")
    assert (ob.law, ob.due_date.isoformat(), ob.status) == ("SEL", "2023-06-09", Status.OVERDUE)
    assert SEL_RULES.by_kind("abuse_conversation").reference_unconfirmed


# --- 8. SEL -> BL for a measure running on 1 January 2024 (UNCONFIRMED, configurable) ---------------


def test_running_sel_measure_keeps_sel_followups_unless_the_municipality_switches():
    """SEL measure decided and started Thu 1 June 2023. Follow-up 1 held Sun 20 August 2023 (due
    1 September: on time), with next_due 30 November 2023 — ignored under SEL: follow-up 2 is due
    6 months later, Tue 20 February 2024. Follow-up 2 held Sat 10 February 2024 with next_due 30
    April 2024: by default (SEL for life) follow-up 3 is due 6 months later, Sat 10 August 2024.
    With `sel_measures_from_2024` the follow-up held in 2024 sets the schedule as under BL § 95
    stk. 3: follow-up 3 is due 30 April 2024; the 2023 follow-up still follows SEL."""
    m = measure(kind="sel_family_treatment", basis="SEL § 52 stk. 3 nr. 3",
                decided="2023-06-01T10:00:00+02:00", started_at="2023-06-01T10:00:00+02:00")

    def fu(rid, at, next_due):
        return rec("followup", rid, case="k1", child="c1", held_at=at, measure="m1", next_due=next_due)
    records = [m, fu("u1", "2023-08-20T10:00:00+02:00", "2023-11-30"),
               fu("u2", "2024-02-10T10:00:00+01:00", "2024-04-30")]
    default = [o.due_date.isoformat() for o in obligations(records, LATER, "sel.followup")]
    assert default == ["2023-09-01", "2024-02-20", "2024-08-10"]
    config = RuleConfig(overrides={"bl.followup": {"sel_measures_from_2024": True}})
    switched = [o.due_date.isoformat() for o in obligations(records, LATER, "sel.followup", config=config)]
    assert switched == ["2023-09-01", "2024-02-20", "2024-04-30"]
    assert BL_RULES.by_kind("followup").parameters[-1].unconfirmed
