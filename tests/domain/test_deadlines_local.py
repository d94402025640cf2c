# SPDX-License-Identifier: MPL-2.0
"""Local practice standards as data, and the helpers for worklists and overviews."""

import json
from dataclasses import replace
from datetime import datetime

import pytest

from forebyg.domain.calendar import CHRISTMAS_EVE, NEW_YEARS_EVE, WorkingCalendar
from forebyg.domain.deadlines import (
    DEFAULT_LOCAL_STANDARDS,
    EXAMPLE_LOCAL_STANDARDS,
    Duration,
    Rule,
    RuleConfig,
    Status,
    by_urgency,
    compute_by_municipality,
    compute_obligations,
    count_by,
    validate_local_standard,
    worklist,
)

T = datetime.fromisoformat
RULE = "local.network_meeting_followup"


def rec(rtype, rid, **fields):
    return {"type": rtype, "id": rid, "municipality": 657, **fields}


def meeting(rid, at, kind, child="c1"):
    return rec("network_meeting", rid, child=child, held_at=at, kind=kind)


def local(records, as_of, rule_id=RULE, **kw):
    return [o for o in compute_obligations(records, as_of=T(as_of), **kw) if o.rule_id == rule_id]


INCLUSIVE = meeting("nm1", "2024-09-02T13:00:00+02:00", "inclusive")


@pytest.mark.parametrize("held, status", [
    ("2024-10-14T13:00:00+02:00", Status.MET_ON_TIME),  # 6 weeks
    ("2024-10-28T15:00:00+01:00", Status.MET_ON_TIME),  # last day of week 8
    ("2024-10-29T09:00:00+01:00", Status.MET_LATE),
])
def test_followup_network_meeting_within_eight_weeks(held, status):
    (ob,) = local([INCLUSIVE, meeting("nm2", held, "follow_up")], "2025-01-01T00:00:00+01:00")
    assert (ob.due_date.isoformat(), ob.status, ob.met_by) == ("2024-10-28", status, "nm2")
    assert (ob.statutory, ob.law, ob.subject_type, ob.child_id) == (
        False, "BL", "network_meeting", "c1")


def test_followup_network_meeting_open_due_soon_overdue():
    assert local([INCLUSIVE], "2024-10-01T00:00:00+02:00")[0].status == Status.OPEN
    # Due Mon 28 Oct. Due soon when 5 working days are left counting the due day
    # (Tue 22, Wed 23, Thu 24, Fri 25, Mon 28): from Tuesday 22 October.
    assert local([INCLUSIVE], "2024-10-21T23:59:00+02:00")[0].status == Status.OPEN
    assert local([INCLUSIVE], "2024-10-22T00:00:00+02:00")[0].status == Status.DUE_SOON
    assert local([INCLUSIVE], "2024-10-29T00:00:00+01:00")[0].status == Status.OVERDUE
    other_child = meeting("nm2", "2024-10-01T13:00:00+02:00", "follow_up", child="c2")
    assert local([INCLUSIVE, other_child], "2024-11-01T00:00:00+01:00")[0].status == (
        Status.OVERDUE)


def test_municipality_edits_and_disables_local_standards():
    six_weeks = replace(DEFAULT_LOCAL_STANDARDS[0], version=2,
                        duration=Duration(42, "calendar_days"))
    config = RuleConfig(local_standards=(six_weeks,))
    (ob,) = local([INCLUSIVE], "2024-10-01T00:00:00+02:00", config=config)
    assert (ob.due_date.isoformat(), ob.rule_version) == ("2024-10-14", 2)
    assert local([INCLUSIVE], "2024-10-01T00:00:00+02:00",
                 config=RuleConfig(disabled=frozenset({RULE}))) == []
    assert local([INCLUSIVE], "2024-10-01T00:00:00+02:00",
                 config=RuleConfig(local_standards=())) == []


def test_local_standard_from_json_without_code():
    data = json.loads(json.dumps(EXAMPLE_LOCAL_STANDARDS[0].to_dict()))
    standard = Rule.from_dict(data)
    assert standard == EXAMPLE_LOCAL_STANDARDS[0]
    n = rec("notification", "n1", received_at="2024-03-28T22:30:00+01:00", channel="email",
            notifier_kind="school", notifier_professional=True, concern="-", children=["c1"])
    d = rec("decision", "d1", notification="n1", child="c1", decided_at="2024-04-08T10:00:00+02:00",
            outcome="no_action")
    config = RuleConfig(local_standards=(standard,))
    (ob,) = local([n, d], "2024-05-01T00:00:00+02:00", "local.notification_decision", config=config)
    # 5 working days from Skærtorsdag: Tue 2, Wed 3, Thu 4, Fri 5, Mon 8 April.
    assert (ob.due_date.isoformat(), ob.status, ob.child_id) == (
        "2024-04-08", Status.MET_ON_TIME, "c1")


def test_invalid_local_standards_are_refused():
    bad = replace(DEFAULT_LOCAL_STANDARDS[0], id="network", statutory=True,
                  trigger=replace(DEFAULT_LOCAL_STANDARDS[0].trigger, at="when"))
    problems = validate_local_standard(bad)
    assert len(problems) == 3
    with pytest.raises(ValueError, match="local standard network"):
        compute_obligations([], as_of=T("2024-01-01T00:00:00+01:00"),
                            config=RuleConfig(local_standards=(bad,)))


def test_a_local_standard_cannot_use_personal_data():
    # A follow-up meeting "for the same purpose": purpose is free text, which deadlines never read.
    spec = replace(DEFAULT_LOCAL_STANDARDS[0].trigger, record_type="child_conversation", key="purpose", where=())
    bad = replace(DEFAULT_LOCAL_STANDARDS[0], trigger=spec, met_by=spec)
    problems = validate_local_standard(bad)
    assert len(problems) == 2 and all("'purpose' is personal data" in p for p in problems), problems
    assert validate_local_standard(replace(bad, trigger=replace(spec, key="child"),
                                           met_by=replace(spec, key="child"))) == []


def test_urgency_worklist_and_counts():
    n = rec("notification", "n1", received_at="2024-03-28T22:30:00+01:00", channel="email",
            notifier_kind="school", notifier_professional=True, concern="-", children=["c1"])
    records = [n, INCLUSIVE.copy() | {"held_at": "2024-02-20T10:00:00+01:00"}]
    obs = compute_obligations(records, as_of=T("2024-04-08T12:00:00+02:00"))
    # Acute assessment overdue since 29 Mar; acknowledgement due 9 Apr (due soon);
    # the follow-up meeting due 16 Apr (56 days after 20 Feb; not yet within 5 working days).
    ordered = by_urgency(obs)
    assert [(o.rule_id, o.status) for o in ordered] == [
        ("bl.acute_assessment", Status.OVERDUE),
        ("bl.acknowledgement", Status.DUE_SOON),
        (RULE, Status.OPEN),
    ]
    assert ordered[2].due_date.isoformat() == "2024-04-16"
    assert worklist(obs) == ordered
    met = compute_obligations(records + [rec("acute_assessment", "a1", notification="n1",
                                             assessed_at="2024-03-29T09:00:00+01:00",
                                             acute=False, action="-")],
                              as_of=T("2024-04-08T12:00:00+02:00"))
    assert [o.rule_id for o in by_urgency(met)][-1] == "bl.acute_assessment"
    assert "bl.acute_assessment" not in [o.rule_id for o in worklist(met)]
    assert count_by(obs, "status") == {
        (Status.OVERDUE,): 1, (Status.DUE_SOON,): 1, (Status.OPEN,): 1}
    assert count_by(obs, "rule_id", "status")[("bl.acknowledgement", Status.DUE_SOON)] == 1
    data = json.loads(json.dumps(obs[0].to_dict()))
    assert (data["due"], data["status"]) == ("2024-03-29T22:30:00+01:00", "overdue")


def test_each_municipality_gets_its_own_calendar_and_config():
    def notif(rid, code):
        return {"type": "notification", "id": rid, "municipality": code,
                "received_at": "2024-12-23T10:00:00+01:00", "channel": "email",
                "notifier_kind": "school", "notifier_professional": True, "concern": "-",
                "children": ["c1"]}

    closing = WorkingCalendar.danish(closing_days=[CHRISTMAS_EVE, NEW_YEARS_EVE])
    result = compute_by_municipality(
        [notif("n1", 657), notif("n2", 167)], as_of=T("2024-12-23T12:00:00+01:00"),
        calendars={657: closing},
        configs={167: RuleConfig(disabled=frozenset({"bl.acute_assessment"}))})
    herning = {o.rule_id: o for o in result[657]}
    hvidovre = {o.rule_id: o for o in result[167]}
    assert herning["bl.acknowledgement"].due_date.isoformat() == "2025-01-07"
    assert hvidovre["bl.acknowledgement"].due_date.isoformat() == "2025-01-03"
    assert "bl.acute_assessment" in herning and "bl.acute_assessment" not in hvidovre
    assert {o.municipality for o in result[167]} == {167}


def test_worklist_leaves_out_closed_subjects():
    m = rec("measure", "m1", case="k1", child="c1", law="BL", kind="bl_family_treatment",
            legal_basis="BL § 32", step=3, decided_at="2024-05-01T10:00:00+02:00",
            ended_at="2024-12-01T10:00:00+01:00")
    obs = compute_obligations([m], as_of=T("2025-01-01T00:00:00+01:00"))
    overdue = [o for o in obs if o.status == Status.OVERDUE]
    assert overdue and all(o.closed for o in overdue)  # missed before the measure ended
    assert worklist(obs) == []
