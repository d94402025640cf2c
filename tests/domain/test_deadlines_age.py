# SPDX-License-Identifier: MPL-2.0
"""A child turns 18 during an investigation or a measure (issue #16): the obligations owed to a
child end at the 18th birthday ("bortfaldet (fyldt 18)"), young-adult support follows its own
rules, and duties towards the notifier continue. Dates worked out by hand in each docstring."""

from datetime import datetime

from forebyg.domain.deadlines import Status, compute_obligations, worklist
from forebyg.domain.deadlines.age import ENDED_AT_18, eighteenth_birthday, young_adult_support

T = datetime.fromisoformat
BORN = "2007-05-10"  # 18 on Saturday 10 May 2025


def rec(rtype, rid, **fields):
    return {"type": rtype, "id": rid, "municipality": 657, **fields}


def child(born=BORN):
    return rec("child", "c1", name="X", birth_date=born, registered_at="2020-01-01T10:00:00+01:00")


def case():
    return rec("case", "k1", child="c1", opened_at="2020-01-01T10:00:00+01:00")


def investigation(aware):
    return rec("investigation", "i1", case="k1", child="c1", aware_at=aware, started_at=aware, consent=True)


def by_rule(records, as_of):
    return {o.rule_id: o for o in compute_obligations(records, as_of=T(as_of))}


def test_the_eighteenth_birthday():
    """Born 10 May 2007: 18 on 10 May 2025. Born 29 February 2008: 1 March 2026 (no 29 February)."""
    assert eighteenth_birthday("2007-05-10").isoformat() == "2025-05-10"
    assert eighteenth_birthday("2008-02-29").isoformat() == "2026-03-01"


def test_an_investigation_not_yet_due_on_the_birthday_lapses_instead_of_staying_overdue():
    """Aware Sat 1 March 2025: 4 months, due end of Tue 1 July 2025. The child turns 18 on Sat 10 May
    2025, before the deadline: as of 1 August 2025 the investigation is not applicable, closed, ended
    by age (was: overdue for ever), and off the worklist. Before the birthday (1 May) it is open."""
    records = [child(), case(), investigation("2025-03-01T10:00:00+01:00")]
    before = by_rule(records, "2025-05-01T12:00:00+02:00")["bl.investigation"]
    assert (before.status, before.closed, before.ended) == (Status.OPEN, False, None)
    after = by_rule(records, "2025-08-01T12:00:00+02:00")["bl.investigation"]
    assert after.due_date.isoformat() == "2025-07-01"
    assert (after.status, after.closed, after.ended) == (Status.NOT_APPLICABLE, True, ENDED_AT_18)
    assert worklist([after]) == []


def test_an_investigation_overdue_before_the_birthday_stays_a_miss_but_leaves_the_worklist():
    """Aware Fri 15 Nov 2024: due end of Sat 15 March 2025, missed while the person was a child. As of
    1 August 2025 (after the 18th birthday on 10 May) it stays overdue (the review and key figures
    count the miss) but it is closed: nothing can be done for a child any more."""
    ob = by_rule([child(), case(), investigation("2024-11-15T10:00:00+01:00")],
                 "2025-08-01T12:00:00+02:00")["bl.investigation"]
    assert (ob.due_date.isoformat(), ob.status, ob.closed, ob.ended) == ("2025-03-15", Status.OVERDUE, True,
                                                                          ENDED_AT_18)
    assert worklist([ob]) == []


def test_the_birth_date_counts_even_when_the_child_was_registered_later():
    """The child record registered in the system on 1 January 2026, after the as-of moment
    (1 August 2025): the 18th birthday on 10 May 2025 still ends the investigation."""
    registered_late = dict(child(), registered_at="2026-01-01T10:00:00+01:00")
    ob = by_rule([registered_late, case(), investigation("2025-03-01T10:00:00+01:00")],
                 "2025-08-01T12:00:00+02:00")["bl.investigation"]
    assert (ob.status, ob.ended) == (Status.NOT_APPLICABLE, ENDED_AT_18)


def test_without_a_birth_date_nothing_changes():
    ob = by_rule([case(), investigation("2025-03-01T10:00:00+01:00")], "2025-08-01T12:00:00+02:00")
    assert ob["bl.investigation"].status == Status.OVERDUE


def test_a_child_known_by_name_only_keeps_every_obligation():
    """No birth date (a child named by name only, #15): the age is unknown, so nothing ends at 18;
    the obligation stays on the worklist (never silently dropped) and the page asks for the birth
    date (`age_unknown`)."""
    from forebyg.domain.deadlines.age import age_unknown

    name_only = {k: v for k, v in child().items() if k != "birth_date"}
    for c in (name_only, dict(child(), birth_date=None)):
        obs = compute_obligations([c, case(), investigation("2025-03-01T10:00:00+01:00")],
                                  as_of=T("2027-08-01T12:00:00+02:00"))
        ob = next(o for o in obs if o.rule_id == "bl.investigation")
        assert (ob.status, ob.ended) == (Status.OVERDUE, None) and worklist([ob]) == [ob]
        assert age_unknown(ob, birth_date=c.get("birth_date")) is True
    ob = by_rule([child(), case(), investigation("2025-03-01T10:00:00+01:00")],
                 "2025-04-01T12:00:00+02:00")["bl.investigation"]
    assert age_unknown(ob, birth_date=BORN) is False


def measure(rid, kind, basis, decided, started, step=3):
    return rec("measure", rid, case="k1", child="c1", law="BL", kind=kind, legal_basis=basis, step=step,
               decided_at=decided, started_at=started)


def test_the_follow_up_of_a_childs_measure_ends_young_adult_support_follows_its_own_rules():
    """A § 32 family treatment started Tue 1 April 2025: first follow-up 3 months after the start, due
    end of Tue 1 July 2025, after the 18th birthday (10 May): bortfaldet. Young-adult support under
    BL § 114 started Sat 10 May 2025: follow-up due end of Sun 10 August 2025; as of 1 September 2025
    it is overdue and on the worklist (it continues past 18)."""
    records = [child(), case(),
               measure("m1", "bl_family_treatment", "BL § 32 stk. 1 nr. 3", "2025-03-25T10:00:00+01:00",
                       "2025-04-01T10:00:00+02:00"),
               measure("m2", "bl_ungestoette", "BL § 114 stk. 1", "2025-05-01T10:00:00+02:00",
                       "2025-05-10T10:00:00+02:00", step=2)]
    obs = {o.subject_id: o for o in compute_obligations(records, as_of=T("2025-09-01T12:00:00+02:00"))
           if o.rule_id == "bl.followup"}
    child_measure, young_adult = obs["m1"], obs["m2"]
    assert (child_measure.due_date.isoformat(), child_measure.status, child_measure.ended) == (
        "2025-07-01", Status.NOT_APPLICABLE, ENDED_AT_18)
    assert (young_adult.due_date.isoformat(), young_adult.status, young_adult.ended) == (
        "2025-08-10", Status.OVERDUE, None)
    assert worklist(obs.values()) == [young_adult]


def test_duties_towards_the_notifier_continue_past_18():
    """A school's notification received Fri 9 May 2025 10:00, the day before the 18th birthday: the
    acknowledgement (6 working days: Mon 12, Tue 13, Wed 14, Thu 15, Fri 16, Mon 19 May) is still
    owed to the notifier, overdue as of 1 June 2025."""
    n = rec("notification", "n1", received_at="2025-05-09T10:00:00+02:00", channel="email",
            notifier_kind="school", notifier_professional=True, concern="...", children=["c1"])
    ob = by_rule([child(), n], "2025-06-01T12:00:00+02:00")["bl.acknowledgement"]
    assert (ob.due_date.isoformat(), ob.status, ob.ended) == ("2025-05-19", Status.OVERDUE, None)


def test_young_adult_bases_by_law_period():
    assert young_adult_support("BL", "BL § 115") and young_adult_support("SEL", "SEL § 76 stk. 2")
    assert not young_adult_support("BL", "BL § 76") and not young_adult_support("BL", "BL § 1140")
