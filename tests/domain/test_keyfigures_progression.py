# SPDX-License-Identifier: MPL-2.0
"""The progression indicators (issue #20: pairing rewritten on integer keys) on the rounds that make pairing hard, production against the oracle:
a respondent who scored twice in one round (averaged), names differing only in case and spaces,
two rounds of one goal at the same moment (ordered by id), goals interleaved in time, a goal's
first round right after another goal's round with the same respondents (never paired), and a
respondent who scored only once."""

import math
from datetime import datetime
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from forebyg.domain.keyfigures.engine import compute
from forebyg.domain.keyfigures.frames import frames_from_records
from forebyg.domain.keyfigures.oracle import compute_oracle
from forebyg.domain.keyfigures.periods import Periods
from forebyg.domain.keyfigures.population import Population
from forebyg.domain.keyfigures.scaling import _changes

CPH = ZoneInfo("Europe/Copenhagen")
IDS = ("progression.goals_improved", "progression.median_change")
PERIODS = Periods("quarter", 2024 * 4, 2024 * 4 + 3, datetime(2024, 12, 31, 23, 0, tzinfo=CPH))
NAMES = (None, "", "Anna", " anna ", "ANNA", "Bo")
RESPONDENTS = ("child", "mother", "caseworker")


def _round(i, child, goal, at, entries):
    return {"type": "scaling_round", "id": f"sr{i:03d}", "municipality": 657, "child": child, "goal": goal,
            "held_at": at, "entries": entries}


def _children():
    return [{"type": "child", "id": c, "municipality": 657, "name": c, "birth_date": "2015-01-01",
             "registered_at": "2015-01-02T10:00:00+01:00"} for c in ("a", "b")]


def _figures(records):
    prod = compute(frames_from_records(records), periods=PERIODS, population=Population({(657, 2024): 100}),
                   indicators=IDS)
    got = {(r["indicator"], r["period"]): (r["numerator"], r["denominator"], r["value"], r["count"])
           for r in prod.iter_rows(named=True)}
    ora = {(r.key[0], r.key[3]): (r.numerator, r.denominator, r.value, r.count)
           for r in compute_oracle(records, periods=PERIODS, population=Population({(657, 2024): 100}))
           if r.key[0] in IDS}
    return got, ora


def _same(got, ora):
    assert set(got) == set(ora), (got, ora)
    for key, row in got.items():
        for a, b in zip(row, ora[key], strict=True):
            assert (a is None) == (b is None), (key, row, ora[key])
            if a is not None:
                assert math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-7), (key, row, ora[key])


def _e(respondent, score, name=None):
    return {"respondent": respondent, "score": score, **({"name": name} if name is not None else {})}


def test_hand_made_rounds():
    records = _children() + [
        # goal g1: ties at the same moment are ordered by id; duplicates averaged; names normalised
        _round(1, "a", "g1", "2024-01-10T10:00:00+01:00", [_e("mother", 2, "Anna"), _e("mother", 4, " anna "),
                                                             _e("child", 5)]),
        _round(3, "a", "g1", "2024-02-10T10:00:00+01:00", [_e("mother", 6, "ANNA"), _e("caseworker", 9)]),
        _round(2, "a", "g1", "2024-02-10T10:00:00+01:00", [_e("child", 3), _e("mother", 1, "anna")]),
        # goal g2 starts right after g1's last round (same respondents): its first round pairs with nothing
        _round(4, "b", "g2", "2024-05-10T10:00:00+02:00", [_e("mother", 10, "anna"), _e("caseworker", 0)]),
        _round(5, "b", "g2", "2024-06-10T10:00:00+02:00", [_e("caseworker", 2), _e("father", 7)]),
        # a respondent who scored only once: no common respondent, no figure
        _round(6, "b", "g2", "2024-07-10T10:00:00+02:00", [_e("school", 7)]),
        _round(7, "b", "g2", "2024-08-10T10:00:00+02:00", [_e("school", 8)]),
    ]
    got, ora = _figures(records)
    _same(got, ora)
    # sr002 after sr001: child 5 -> 3 and mother 3 -> 1 (mean of 2 and 4): change -2; sr003 after sr002:
    # mother 1 -> 6: +5; sr005 after sr004: caseworker 0 -> 2: +2; sr006 after sr005: nothing common;
    # sr007 after sr006: school 7 -> 8
    assert got[("progression.goals_improved", "2024-Q1")][:2] == (1.0, 2.0)
    assert got[("progression.median_change", "2024-Q1")][2:] == (1.5, 2)
    assert got[("progression.goals_improved", "2024-Q2")][:2] == (1.0, 1.0)
    assert got[("progression.goals_improved", "2024-Q3")][:2] == (1.0, 1.0)


entry = st.builds(_e, st.sampled_from(RESPONDENTS), st.integers(0, 10), st.sampled_from(NAMES))


@settings(max_examples=60, deadline=None)
@given(rounds=st.lists(st.tuples(st.sampled_from(("a", "b")), st.sampled_from(("g1", "g2", "g3")),
                                 st.integers(0, 40), st.lists(entry, max_size=5)), min_size=1, max_size=14))
def test_generated_rounds_agree_with_the_oracle(rounds):
    records = _children() + [
        _round(i, child, f"{child}-{goal}", f"2024-{1 + day // 4:02d}-{1 + day % 4 * 7:02d}T10:00:00+01:00", entries)
        for i, (child, goal, day, entries) in enumerate(rounds)]
    got, ora = _figures(records)
    _same(got, ora)


scored = st.builds(_e, st.sampled_from(RESPONDENTS), st.one_of(st.none(), st.integers(-3, 10)), st.sampled_from(NAMES))


@settings(max_examples=60, deadline=None)
@given(rounds=st.lists(st.tuples(st.sampled_from(("a", "b")), st.sampled_from(("g1", "g2", "g3")),
                                 st.integers(0, 40), st.lists(scored, max_size=5)), min_size=1, max_size=14))
def test_packed_scores_pair_as_the_unpacked_sort(rounds):
    """The scores sorted with their value packed into the key (issue #20) pair exactly as the scores
    sorted as a frame, which the pairing falls back to when the packed key would not fit (a limit
    of 1 forces it), null scores included."""
    records = _children() + [
        _round(i, child, f"{child}-{goal}", f"2024-{1 + day // 4:02d}-{1 + day % 4 * 7:02d}T10:00:00+01:00", entries)
        for i, (child, goal, day, entries) in enumerate(rounds)]
    table = frames_from_records(records)["scaling_round"]
    packed, unpacked = _changes(table).sort("id"), _changes(table, limit=1).sort("id")
    assert packed.to_dicts() == unpacked.to_dicts()
