# SPDX-License-Identifier: MPL-2.0
"""Every indicator on a small hand-built interchange file (tests/keyfigures/data/small.jsonl),
against values computed by hand. Both the production path and the oracle must give them.

The file: municipality 657, teams T1/T2, districts D1 (children c1-c3) and D2 (c4-c9),
2023-2024, as of 2024-12-31 23:59:59 (+01:00), 1,000 children 0-17 in both years
(D1: 400, D2: 600). Prices are chosen so that a day costs a round sum: o1 120, o2 60,
o3 240, o4 600, o5 1,200, o6 1,800 DKK a day.
"""

import math
from datetime import datetime
from pathlib import Path

import pytest

from forebyg.domain.interchange import read_file
from forebyg.domain.keyfigures.catalogue import ACTIVE_IDS, INDICATORS
from forebyg.domain.keyfigures.engine import compute
from forebyg.domain.keyfigures.frames import frames_from_jsonl, frames_from_records
from forebyg.domain.keyfigures.oracle import compute_oracle
from forebyg.domain.keyfigures.periods import Periods
from forebyg.domain.keyfigures.population import Population

SMALL = Path(__file__).resolve().parents[1] / "keyfigures" / "data" / "small.jsonl"
AS_OF = datetime.fromisoformat("2024-12-31T23:59:59+01:00")
PERIODS = Periods("year", 2023, 2024, AS_OF)
POPULATION = Population({(657, 2023): 1000, (657, 2024): 1000},
                        {(657, "kf-D1", y): 400 for y in (2023, 2024)} | {(657, "kf-D2", y): 600 for y in (2023, 2024)})
UNITS = ("municipality", "team", "district")

# (indicator, period): (numerator, denominator, value, count); None where the kind has none.
EXPECTED = {
    # 2024 pairs: n1(c1), n2(c2, c3), n3(c1), n4(c4) = 5; 2023: n0(c1), n5(c5) = 2.
    ("notifications.per_1000", "2024"): (5, 1000, 5.0, 5),
    ("notifications.per_1000", "2023"): (2, 1000, 2.0, 2),
    ("notifications.children_notified_per_1000", "2024"): (4, 1000, 4.0, 4),  # c1, c2, c3, c4
    # c1: n1 came 169 days after n0 (2023-08-20); c2, c3, c4 not notified before.
    ("notifications.repeat_12m", "2024"): (1, 4, 25.0, 4),
    ("notifications.repeat_12m", "2023"): (0, 2, 0.0, 2),
    # n1 5 h, n3 1 h: on time; n2 assessed after 25 h: late; n4 never: overdue.
    ("notifications.acute_24h", "2024"): (2, 4, 50.0, 4),
    ("notifications.acute_24h", "2023"): (2, 2, 100.0, 2),
    # Professional: n1 acknowledged after 2 days (due 13 Feb); n2 (Fri 1 Mar) never, due Mon 11 Mar: overdue.
    ("notifications.acknowledged_on_time", "2024"): (1, 2, 50.0, 2),
    # n0 on time; n5 (Tue 10 Jan 2023) due Wed 18 Jan, sent 25 Jan: late.
    ("notifications.acknowledged_on_time", "2023"): (1, 2, 50.0, 2),
    # n1: m1 decided 20 Feb, feedback 23 Feb (documented); n2: inv 10 Mar, no feedback, due 18 Mar: overdue.
    ("notifications.feedback_documented", "2024"): (1, 2, 50.0, 2),
    ("notifications.feedback_documented", "2023"): (1, 1, 100.0, 1),  # n5: given late, still documented
    ("early.counselling_per_1000", "2024"): (2, 1000, 2.0, 2),  # c6 (to 15 Feb), c7 (from 1 May)
    ("early.counselling_per_1000", "2023"): (1, 1000, 1.0, 1),
    # Decisions: c1 early support, c2 investigation, c4 early support (c3 no action, c1's n3 existing measure).
    ("early.helped_without_investigation", "2024"): (2, 3, 200 / 3, 3),
    ("early.helped_without_investigation", "2023"): (0, 1, 0.0, 1),  # c5: investigation
    ("investigations.started_per_1000", "2024"): (2, 1000, 2.0, 2),  # i2, i5
    ("investigations.started_per_1000", "2023"): (2, 1000, 2.0, 2),  # i8, i9
    # Due in 2024: i2 (1 Jul, done 20 Jun) and i9 (1 Apr, done 10 Feb) on time; i8 (1 Feb, done 15 Mar) late;
    # i5 (1 Sep, open) overdue.
    ("investigations.within_4_months", "2024"): (2, 4, 50.0, 4),
    # Completed in 2024: i9 71 days, i2 111, i8 166.
    ("investigations.median_days", "2024"): (None, None, 111.0, 3),
    ("measures.preventive_per_1000", "2024"): (4, 1000, 4.0, 4),  # c1, c2, c3, c4
    ("measures.preventive_per_1000", "2023"): (0, 1000, 0.0, 0),
    ("measures.placed_per_1000", "2024"): (4, 1000, 4.0, 4),  # c5, c6, c8, c9
    ("measures.placed_per_1000", "2023"): (2, 1000, 2.0, 2),  # c5, c8
    # End of 2024: c5 step 4, c6 step 5, c8 step 6. End of 2023: c5 step 5, c8 step 6.
    ("measures.family_based_share", "2024"): (2, 3, 200 / 3, 3),
    ("measures.family_based_share", "2023"): (1, 2, 50.0, 2),
    ("staircase.children_step_1", "2024"): (1, 1000, 1.0, 1),  # c4 (m4)
    ("staircase.children_step_2", "2024"): (1, 1000, 1.0, 1),  # c3 (m3b)
    ("staircase.children_step_3", "2024"): (1, 1000, 1.0, 1),  # c1 (m1b)
    ("staircase.children_step_4", "2024"): (1, 1000, 1.0, 1),  # c5 (m5b)
    ("staircase.children_step_5", "2024"): (1, 1000, 1.0, 1),  # c6 (m6)
    ("staircase.children_step_6", "2024"): (1, 1000, 1.0, 1),  # c8 (m8)
    ("staircase.children_step_5", "2023"): (1, 1000, 1.0, 1),
    ("staircase.children_step_1", "2023"): (0, 1000, 0.0, 0),
    # Started in 2024, days from decision: 10, 7, 14, 6, 7, 6, 1, 7, 5, 0 -> median (6 + 7) / 2.
    ("measures.median_days_decision_to_start", "2024"): (None, None, 6.5, 10),
    ("measures.median_days_decision_to_start", "2023"): (None, None, 2.5, 2),  # 5, 0
    # Ended in 2024: m1 (1 -> 3: up), m3 (2 -> 2), m2 (3, none), m5 (5 -> 4: down), m9 (4, none), m8a (6 -> 6).
    ("staircase.step_down_share", "2024"): (1, 6, 100 / 6, 6),
    ("staircase.step_up_share", "2024"): (1, 6, 100 / 6, 6),
    ("staircase.median_days_step_1", "2024"): (None, None, 182.0, 1),  # 1 Mar - 30 Aug
    ("staircase.median_days_step_2", "2024"): (None, None, 182.0, 1),  # 8 Apr - 7 Oct
    ("staircase.median_days_step_3", "2024"): (None, None, 137.0, 1),  # 15 Jul - 29 Nov
    ("staircase.median_days_step_4", "2024"): (None, None, 182.0, 1),  # 15 Jan - 15 Jul
    ("staircase.median_days_step_5", "2024"): (None, None, 449.0, 1),  # 6 Feb 2023 - 30 Apr 2024
    ("staircase.median_days_step_6", "2024"): (None, None, 140.0, 1),  # 1 Nov 2023 - 20 Mar 2024
    # Due in 2024: m1b, m5b, m8 #1 on time; m3 #1, m9 #1 (due at i9's completion 10 Feb) late;
    # m2, m6, m8a, m8 #2 overdue; m3 #2, m9 #2, m5 #3 not applicable (measure ended first).
    ("followup.on_time", "2024"): (3, 9, 100 / 3, 9),
    ("followup.on_time", "2023"): (1, 2, 50.0, 2),  # m5 #1 on time, #2 late
    # Non-early decisions 2024: m2, m3, m5b, m8 talked to before; m1b after (late); m3b, m6, m9 without.
    ("followup.conversation_before_decision", "2024"): (4, 8, 50.0, 8),
    ("followup.conversation_before_decision", "2023"): (0, 2, 0.0, 2),  # m8a late, m5 without
    # r2: (5 + 5) / 2 - (3 + 4) / 2 = +1.5; r4: 5 - 6 = -1; r5: 4 - 4 = 0.
    ("progression.goals_improved", "2024"): (1, 3, 100 / 3, 3),
    ("progression.median_change", "2024"): (None, None, 0.0, 3),
    # Steps 1-3: 182×120 + 114×240 + 137×240 + 182×60 + 79×60 + 107×120 = 110,580;
    # placements: 120×1,200 + 245×600 + 205×1,200 + 79×1,800 + 282×1,800 + 182×600 = 1,296,000.
    ("economy.spending_per_child", "2024"): (1_406_580, 1000, 1406.58, 8),
    ("economy.share_steps_1_3", "2024"): (110_580, 1_406_580, 110_580 / 1_406_580 * 100, 8),
    ("economy.spending_per_child", "2023"): (504_600, 1000, 504.6, 2),  # 329×1,200 + 61×1,800
    ("economy.share_steps_1_3", "2023"): (0, 504_600, 0.0, 2),
    # Open cases with a caseworker at the end of 2024: k1, k6, k8 (s1), k3, k5 (s2), k4 (s3).
    ("workload.children_per_caseworker", "2024"): (6, 3, 2.0, 6),
    ("workload.children_per_caseworker", "2023"): (3, 3, 1.0, 3),  # k5, k8, k9
}
# Figures that must not exist (nothing to count).
ABSENT = [("investigations.within_4_months", "2023"), ("investigations.median_days", "2023"),
          ("staircase.step_down_share", "2023"), ("progression.goals_improved", "2023"),
          ("staircase.median_days_step_5", "2023")]
# Teams and districts.
EXPECTED_UNITS = {
    ("notifications.per_1000", "district", "kf-D1", "2024"): (4, 400, 10.0, 4),  # n1 c1, n2 c2+c3, n3 c1
    ("notifications.per_1000", "district", "kf-D2", "2024"): (1, 600, 1000 / 600, 1),  # n4 c4
    ("notifications.acute_24h", "team", "kf-T1", "2024"): (2, 2, 100.0, 2),  # n1, n3
    ("notifications.acute_24h", "team", "kf-T2", "2024"): (0, 2, 0.0, 2),  # n2 late, n4 overdue
    ("notifications.acute_24h", "district", "kf-D1", "2024"): (2, 3, 200 / 3, 3),
    ("workload.children_per_caseworker", "team", "kf-T1", "2024"): (3, 1, 3.0, 3),
    ("workload.children_per_caseworker", "team", "kf-T2", "2024"): (3, 2, 1.5, 3),
    ("measures.family_based_share", "team", "kf-T2", "2024"): (1, 1, 100.0, 1),  # c5
    ("measures.family_based_share", "team", "kf-T1", "2024"): (1, 2, 50.0, 2),  # c6, c8
}


def _records():
    return read_file(SMALL)


@pytest.fixture(scope="module")
def production():
    df = compute(frames_from_records(_records()), periods=PERIODS, population=POPULATION, units=UNITS)
    return {(r["indicator"], r["unit_kind"], r["unit"], r["period"]): r for r in df.iter_rows(named=True)}


@pytest.fixture(scope="module")
def oracle():
    rows = compute_oracle(_records(), periods=PERIODS, population=POPULATION, units=UNITS)
    return {r.key: r.to_dict() for r in rows}


def _check(row, expected):
    num, den, value, count = expected
    for name, want in (("numerator", num), ("denominator", den), ("value", value)):
        got = row[name]
        if want is None:
            assert got is None, name
        else:
            assert got is not None and math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-9), (name, got, want)
    assert row["count"] == count


def test_every_indicator_has_a_hand_computed_value():
    covered = {ind for ind, _ in EXPECTED}
    assert covered == set(ACTIVE_IDS) == {i.id for i in INDICATORS}


@pytest.mark.parametrize("key", sorted(EXPECTED), ids=lambda k: f"{k[0]}-{k[1]}")
@pytest.mark.parametrize("path", ["production", "oracle"])
def test_hand_computed_value(key, path, request):
    rows = request.getfixturevalue(path)
    ind, period = key
    _check(rows[(ind, "municipality", "657", period)], EXPECTED[key])


@pytest.mark.parametrize("key", sorted(EXPECTED_UNITS), ids=lambda k: f"{k[0]}-{k[2]}-{k[3]}")
@pytest.mark.parametrize("path", ["production", "oracle"])
def test_hand_computed_value_for_teams_and_districts(key, path, request):
    rows = request.getfixturevalue(path)
    _check(rows[key], EXPECTED_UNITS[key])


@pytest.mark.parametrize("path", ["production", "oracle"])
def test_nothing_to_count_gives_no_figure_and_rates_skip_teams(path, request):
    rows = request.getfixturevalue(path)
    for ind, period in ABSENT:
        assert (ind, "municipality", "657", period) not in rows
    assert not any(k[0] == "notifications.per_1000" and k[1] == "team" for k in rows)


def test_reading_the_file_with_polars_gives_the_same_frames():
    a, b = frames_from_records(_records()), frames_from_jsonl(SMALL)
    for rtype in a.tables:
        assert a[rtype].equals(b[rtype]), rtype


def test_as_of_hides_what_had_not_happened_yet():
    """As of 1 March 2024: n2 (1 March 09:00 onwards) does not exist yet, m1 had not started."""
    as_of = datetime.fromisoformat("2024-02-29T12:00:00+01:00")
    df = compute(frames_from_records(_records()), periods=Periods("year", 2024, 2024, as_of), population=POPULATION)
    rows = {r["indicator"]: r for r in df.iter_rows(named=True)}
    assert rows["notifications.per_1000"]["numerator"] == 1  # n1 only
    # Running at as_of: m5 (step 5), m8a (step 6), m9 (step 4).
    assert rows["staircase.children_step_5"]["numerator"] == 1
    assert rows["measures.family_based_share"]["value"] == pytest.approx(200 / 3)
