# SPDX-License-Identifier: MPL-2.0
"""Several notifications about one child within 24 hours (issue #16): each gets its own 24-hour
clock, and one acute assessment naming the others in `covers` meets all of them."""

from datetime import datetime

from forebyg.domain.deadlines import Status, compute_obligations

T = datetime.fromisoformat


def rec(rtype, rid, **fields):
    return {"type": rtype, "id": rid, "municipality": 657, **fields}


def notification(rid, at):
    return rec("notification", rid, received_at=at, channel="phone", notifier_kind="school",
               notifier_professional=True, concern="...", children=["c1"])


def acute(at, nid="n1", covers=None):
    fields = {"covers": covers} if covers is not None else {}
    return rec("acute_assessment", "a1", notification=nid, assessed_at=at, acute=False, action="-", **fields)


def clocks(records, as_of="2025-02-05T12:00:00+01:00"):
    return {o.subject_id: o for o in compute_obligations(records, as_of=T(as_of))
            if o.rule_id == "bl.acute_assessment"}


N1 = notification("n1", "2025-02-03T09:00:00+01:00")  # Monday 09:00: due Tuesday 09:00
N2 = notification("n2", "2025-02-03T15:00:00+01:00")  # Monday 15:00: due Tuesday 15:00
N3 = notification("n3", "2025-02-04T08:00:00+01:00")  # Tuesday 08:00: due Wednesday 08:00


def test_one_assessment_covering_the_others_meets_each_clock():
    """One assessment on Tuesday 4 February 2025 at 10:00 of n1 (due 09:00: late) covering n2
    (due 15:00: on time) and n3 (due Wednesday 08:00: on time)."""
    obs = clocks([N1, N2, N3, acute("2025-02-04T10:00:00+01:00", covers=["n2", "n3"])])
    assert {k: (o.status, o.met_by) for k, o in obs.items()} == {
        "n1": (Status.MET_LATE, "a1"), "n2": (Status.MET_ON_TIME, "a1"), "n3": (Status.MET_ON_TIME, "a1")}


def test_without_covers_the_other_notifications_stay_overdue():
    """As of Wednesday 5 February 12:00, n2 (due Tuesday 15:00) and n3 (due Wednesday 08:00) were
    never assessed: overdue."""
    obs = clocks([N1, N2, N3, acute("2025-02-04T10:00:00+01:00")])
    assert (obs["n2"].status, obs["n3"].status) == (Status.OVERDUE, Status.OVERDUE)


def test_an_own_earlier_assessment_counts_before_a_covering_one():
    """n2 assessed on its own on Monday 16:00 and covered again on Tuesday 10:00: the earliest,
    Monday 16:00, is the one that meets its clock."""
    own = rec("acute_assessment", "a2", notification="n2", assessed_at="2025-02-03T16:00:00+01:00", acute=False,
              action="-")
    obs = clocks([N1, N2, own, acute("2025-02-04T10:00:00+01:00", covers=["n2"])])
    assert (obs["n2"].met_by, obs["n2"].met_at) == ("a2", T("2025-02-03T16:00:00+01:00"))
