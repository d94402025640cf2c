# SPDX-License-Identifier: MPL-2.0
"""Notification rules at their boundaries: acute assessment, acknowledgement, feedback,
reassessment, and the choice of law period. Dates are hand-checked in the comments."""

from datetime import datetime

import pytest

from forebyg.domain.calendar import CHRISTMAS_EVE, NEW_YEARS_EVE, WorkingCalendar
from forebyg.domain.deadlines import RuleConfig, Status, compute_obligations

T = datetime.fromisoformat


def rec(rtype, rid, **fields):
    return {"type": rtype, "id": rid, "municipality": 657, **fields}


def notification(rid="n1", at="2024-03-28T22:30:00+01:00", children=("c1",), professional=True,
                 kind="school"):
    return rec("notification", rid, received_at=at, channel="email", notifier_kind=kind,
               notifier_professional=professional, concern="...", children=list(children))


def obligations(records, as_of, rule_id, **kw):
    return [o for o in compute_obligations(records, as_of=T(as_of), **kw) if o.rule_id == rule_id]


def one(records, as_of, rule_id, **kw):
    (ob,) = obligations(records, as_of, rule_id, **kw)
    return ob


# --- acute assessment: 24 clock hours -------------------------------------------------


def acute(at, rid="a1", nid="n1"):
    return rec("acute_assessment", rid, notification=nid, assessed_at=at, acute=False, action="-")


def test_acute_assessment_due_24_hours_after_receipt():
    ob = one([notification()], "2024-03-29T12:00:00+01:00", "bl.acute_assessment")
    assert ob.due == T("2024-03-29T22:30:00+01:00") and not ob.due_all_day
    assert (ob.law, ob.subject_type, ob.subject_id, ob.child_id) == ("BL", "notification", "n1", "c1")
    assert ob.status == Status.OPEN  # 10.5 hours left; due soon from 6 hours before
    assert one([notification()], "2024-03-29T16:30:00+01:00", "bl.acute_assessment").status == (
        Status.DUE_SOON)
    assert one([notification()], "2024-03-29T22:30:00+01:00", "bl.acute_assessment").status == (
        Status.DUE_SOON)
    assert one([notification()], "2024-03-29T22:30:01+01:00", "bl.acute_assessment").status == (
        Status.OVERDUE)


@pytest.mark.parametrize("assessed, status", [
    ("2024-03-29T22:30:00+01:00", Status.MET_ON_TIME),  # exactly at the deadline
    ("2024-03-29T21:30:00+00:00", Status.MET_ON_TIME),  # same instant, other offset
    ("2024-03-29T22:30:01+01:00", Status.MET_LATE),
])
def test_acute_assessment_met_at_the_boundary(assessed, status):
    ob = one([notification(), acute(assessed)], "2024-04-30T00:00:00+02:00", "bl.acute_assessment")
    assert (ob.status, ob.met_by) == (status, "a1")


def test_acute_assessment_across_daylight_saving_is_24_real_hours():
    # Received 01:00 CET an hour before the clocks go forward (Sun 31 Mar 2024 02:00 -> 03:00):
    # 24 real hours later the wall clock shows 02:00 CEST on Monday, not 01:00.
    n = notification(at="2024-03-31T01:00:00+01:00")
    ob = one([n], "2024-03-31T12:00:00+02:00", "bl.acute_assessment")
    assert ob.due_local.isoformat() == "2024-04-01T02:00:00+02:00"
    on_time = one([n, acute("2024-04-01T01:59:00+02:00")], "2024-05-01T00:00:00+02:00",
                  "bl.acute_assessment")
    late = one([n, acute("2024-04-01T02:00:01+02:00")], "2024-05-01T00:00:00+02:00",
               "bl.acute_assessment")
    assert (on_time.status, late.status) == (Status.MET_ON_TIME, Status.MET_LATE)
    # Autumn: received 01:00 CEST before the clocks go back; due at 00:00 CET next day.
    n = notification(at="2024-10-27T01:00:00+02:00")
    ob = one([n], "2024-10-27T12:00:00+01:00", "bl.acute_assessment")
    assert ob.due_local.isoformat() == "2024-10-28T00:00:00+01:00"


@pytest.mark.parametrize("received, law", [
    ("2023-12-31T23:59:59+01:00", "SEL"),
    ("2024-01-01T00:00:00+01:00", "BL"),
    ("2023-12-31T23:30:00+00:00", "BL"),  # 00:30 on 1 January in Copenhagen
    ("2023-12-31T22:30:00+00:00", "SEL"),  # 23:30 on 31 December in Copenhagen
])
def test_law_period_is_chosen_by_the_receipt_date_not_as_of(received, law):
    for as_of in ("2024-01-01T12:00:00+01:00", "2030-06-01T12:00:00+02:00"):
        obs = compute_obligations([notification(at=received)], as_of=T(as_of))
        assert {o.law for o in obs} == {law}
        assert {o.rule_id.split(".")[0] for o in obs} == {law.lower()}


# --- acknowledgement: 6 working days -------------------------------------------------------


def ack(at, rid="k1", nid="n1"):
    return rec("acknowledgement", rid, notification=nid, sent_at=at)


def test_acknowledgement_from_skaertorsdag_2024():
    # Received Thu 28 Mar 2024 22:30 (Skærtorsdag). Not working days: Fri 29 (Langfredag),
    # Sat 30, Sun 31, Mon 1 Apr (2. påskedag). Tue 2 (1), Wed 3 (2), Thu 4 (3), Fri 5 (4),
    # Mon 8 (5), Tue 9 (6): due at the end of Tuesday 9 April.
    ob = one([notification()], "2024-04-01T12:00:00+02:00", "bl.acknowledgement")
    assert ob.due_local.isoformat() == "2024-04-09T23:59:59.999999+02:00" and ob.due_all_day
    assert ob.status == Status.OPEN
    # Due soon when 2 working days are left (Mon 8, Tue 9): from Saturday 6 April.
    assert one([notification()], "2024-04-05T23:59:00+02:00", "bl.acknowledgement").status == (
        Status.OPEN)
    assert one([notification()], "2024-04-06T00:00:00+02:00", "bl.acknowledgement").status == (
        Status.DUE_SOON)
    assert one([notification()], "2024-04-10T00:00:00+02:00", "bl.acknowledgement").status == (
        Status.OVERDUE)
    late_evening = one([notification(), ack("2024-04-09T23:59:00+02:00")],
                       "2024-05-01T00:00:00+02:00", "bl.acknowledgement")
    next_morning = one([notification(), ack("2024-04-10T08:00:00+02:00")],
                       "2024-05-01T00:00:00+02:00", "bl.acknowledgement")
    assert (late_evening.status, next_morning.status) == (Status.MET_ON_TIME, Status.MET_LATE)


def test_acknowledgement_from_skaertorsdag_2023_under_serviceloven():
    # Thu 6 Apr 2023: Fri 7 and Mon 10 are holidays; Tue 11 (1) .. Mon 17 (5), Tue 18 (6).
    ob = one([notification(at="2023-04-06T21:00:00+02:00")], "2023-04-12T12:00:00+02:00",
             "sel.acknowledgement")
    assert ob.due_local.isoformat() == "2023-04-18T23:59:59.999999+02:00" and ob.law == "SEL"


def test_acknowledgement_counting_saturdays_is_configurable():
    # Saturdays counted: Sat 30 Mar (1), Tue 2 (2), Wed 3 (3), Thu 4 (4), Fri 5 (5), Sat 6 (6).
    config = RuleConfig(overrides={"bl.acknowledgement": {"count_saturdays": True}})
    ob = one([notification()], "2024-04-01T12:00:00+02:00", "bl.acknowledgement", config=config)
    assert ob.due_date.isoformat() == "2024-04-06"


def test_acknowledgement_across_christmas_with_closing_days():
    n = notification(at="2024-12-23T10:00:00+01:00")
    plain = one([n], "2024-12-23T12:00:00+01:00", "bl.acknowledgement")
    assert plain.due_date.isoformat() == "2025-01-03"  # 24, 27, 30, 31 Dec, 2, 3 Jan
    closing = WorkingCalendar.danish(closing_days=[CHRISTMAS_EVE, NEW_YEARS_EVE])
    closed = one([n], "2024-12-23T12:00:00+01:00", "bl.acknowledgement", calendar=closing)
    assert closed.due_date.isoformat() == "2025-01-07"  # 27, 30 Dec, 2, 3, 6, 7 Jan


def test_acknowledgement_only_for_professional_notifiers_by_default():
    family = notification(professional=False, kind="family")
    assert obligations([family], "2024-04-01T12:00:00+02:00", "bl.acknowledgement") == []
    config = RuleConfig(overrides={"bl.acknowledgement": {"notifiers": "all"}})
    assert one([family], "2024-04-01T12:00:00+02:00", "bl.acknowledgement",
               config=config).status == Status.OPEN
    anonymous = notification(professional=False, kind="anonymous")
    assert one([anonymous], "2024-04-30T12:00:00+02:00", "bl.acknowledgement",
               config=config).status == Status.NOT_APPLICABLE


def test_records_after_as_of_are_ignored():
    records = [notification(), ack("2024-04-03T10:00:00+02:00")]
    before = one(records, "2024-04-03T09:59:59+02:00", "bl.acknowledgement")
    after = one(records, "2024-04-03T10:00:00+02:00", "bl.acknowledgement")
    assert (before.status, before.met_at) == (Status.OPEN, None)
    assert after.status == Status.MET_ON_TIME
    assert compute_obligations(records, as_of=T("2024-03-28T22:29:59+01:00")) == []


def test_as_of_must_be_aware():
    with pytest.raises(ValueError):
        compute_obligations([], as_of=datetime(2024, 1, 1))


# --- feedback to a professional notifier ------------------------------------------------


def investigation(rid="i1", child="c1", aware="2024-02-12T09:00:00+01:00",
                  started="2024-02-12T10:00:00+01:00", consent=True, **kw):
    return rec("investigation", rid, case="k1", child=child, aware_at=aware, started_at=started,
               consent=consent, **kw)


def measure(rid="m1", child="c1", kind="bl_family_treatment", decided="2024-02-14T10:00:00+01:00",
            **kw):
    return rec("measure", rid, case="k1", child=child, law="BL", kind=kind,
               legal_basis="BL § 32 stk. 1 nr. 3", step=3, decided_at=decided, **kw)


def feedback(at, content="investigation_started", rid="f1"):
    return rec("notifier_feedback", rid, notification="n1", given_at=at, content=content)


FEB = "2024-02-01T09:00:00+01:00"


def test_feedback_due_6_working_days_after_the_investigation_starts():
    # Investigation started Mon 12 Feb 2024: Tue 13 (1) .. Mon 19 (5), Tue 20 (6).
    records = [notification(at=FEB), investigation()]
    ob = one(records, "2024-02-13T12:00:00+01:00", "bl.notifier_feedback")
    assert (ob.start, ob.child_id) == (T("2024-02-12T10:00:00+01:00"), "c1")
    assert ob.due_date.isoformat() == "2024-02-20"
    met = one(records + [feedback("2024-02-20T15:00:00+01:00")], "2024-03-01T00:00:00+01:00",
              "bl.notifier_feedback")
    assert met.status == Status.MET_ON_TIME
    not_yet = one(records + [feedback("2024-02-02T15:00:00+01:00", "nothing_started")],
                  "2024-03-01T00:00:00+01:00", "bl.notifier_feedback")
    assert not_yet.status == Status.OVERDUE


def test_feedback_is_triggered_by_the_earliest_investigation_or_measure():
    records = [notification(at=FEB), investigation(), measure(decided="2024-02-05T10:00:00+01:00")]
    ob = one(records, "2024-02-13T12:00:00+01:00", "bl.notifier_feedback")
    assert ob.start == T("2024-02-05T10:00:00+01:00")


def test_no_feedback_obligation_without_a_start_or_for_other_notifiers():
    assert obligations([notification(at=FEB)], "2024-06-01T00:00:00+02:00",
                       "bl.notifier_feedback") == []
    late = investigation(started="2024-06-03T10:00:00+02:00")  # after the 4-month window
    assert obligations([notification(at=FEB), late], "2024-07-01T00:00:00+02:00",
                       "bl.notifier_feedback") == []
    family = notification(at=FEB, professional=False, kind="family")
    assert obligations([family, investigation()], "2024-03-01T00:00:00+01:00",
                       "bl.notifier_feedback") == []


def test_feedback_deadline_is_configurable_but_statutory_deadlines_are_not():
    config = RuleConfig(overrides={"bl.notifier_feedback": {
        "duration": {"amount": 10, "unit": "working_days"}}})
    ob = one([notification(at=FEB), investigation()], "2024-02-13T12:00:00+01:00",
             "bl.notifier_feedback", config=config)
    assert ob.due_date.isoformat() == "2024-02-26"  # Tue 13 .. Mon 26 Feb
    with pytest.raises(ValueError, match="not configurable"):
        compute_obligations([], as_of=T(FEB), config=RuleConfig(overrides={
            "bl.acute_assessment": {"duration": {"amount": 48, "unit": "clock_hours"}}}))
    with pytest.raises(ValueError, match="unknown rule"):
        compute_obligations([], as_of=T(FEB), config=RuleConfig(disabled=frozenset({"bl.nope"})))


# --- reassessment when the child already has a measure ------------------------------------


def decision(at, child="c1", outcome="existing_measure", rid="d1"):
    return rec("decision", rid, notification="n1", child=child, decided_at=at, outcome=outcome)


def test_reassessment_when_the_child_has_an_active_measure():
    records = [measure(decided="2024-01-10T10:00:00+01:00"), notification(at="2024-03-01T09:00:00+01:00",
                                                                            children=("c1", "c2"))]
    ob = one(records, "2024-06-01T00:00:00+02:00", "bl.reassessment")
    # No deadline in law: open until a decision for that child is recorded.
    assert (ob.child_id, ob.due, ob.status) == ("c1", None, Status.OPEN)
    met = one(records + [decision("2024-03-05T10:00:00+01:00")], "2024-06-01T00:00:00+02:00",
              "bl.reassessment")
    assert (met.status, met.met_by) == (Status.MET_ON_TIME, "d1")
    other_child = one(records + [decision("2024-03-05T10:00:00+01:00", child="c2")],
                      "2024-06-01T00:00:00+02:00", "bl.reassessment")
    assert other_child.status == Status.OPEN
    config = RuleConfig(overrides={"bl.reassessment": {
        "duration": {"amount": 5, "unit": "working_days"}}})
    assert one(records, "2024-06-01T00:00:00+02:00", "bl.reassessment",
               config=config).status == Status.OVERDUE


def test_no_reassessment_when_the_measure_ended_or_came_later():
    ended = measure(decided="2024-01-10T10:00:00+01:00", ended_at="2024-02-28T10:00:00+01:00")
    later = measure(decided="2024-03-02T10:00:00+01:00")
    for m in (ended, later):
        assert obligations([m, notification(at="2024-03-01T09:00:00+01:00")],
                           "2024-06-01T00:00:00+02:00", "bl.reassessment") == []


def test_early_support_can_be_excluded_as_a_feedback_trigger():
    early = measure(kind="bl_early", decided="2024-02-05T10:00:00+01:00")
    records = [notification(at=FEB), early, investigation()]
    assert one(records, "2024-03-01T00:00:00+01:00", "bl.notifier_feedback").start == (
        T("2024-02-05T10:00:00+01:00"))
    config = RuleConfig(overrides={"bl.notifier_feedback": {"count_early_support": False}})
    assert one(records, "2024-03-01T00:00:00+01:00", "bl.notifier_feedback",
               config=config).start == T("2024-02-12T10:00:00+01:00")
