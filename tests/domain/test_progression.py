# SPDX-License-Identifier: MPL-2.0
"""Scaling 0-10 and the two team-view flags: hand-built examples for every branch of the rules."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forebyg.domain import progression as dp

CPH = ZoneInfo("Europe/Copenhagen")
T0 = datetime(2025, 1, 6, 10, 0, tzinfo=CPH)


def rnd(goal, week, scores, gas=None, rid=None):
    """A round of `goal` in week `week` with scores {respondent: score} (respondent 'mother:Anne' gives a name)."""
    entries = []
    for who, score in scores.items():
        kind, _, name = who.partition(":")
        entries.append(dp.Entry(kind, score, name))
    return dp.Round(rid or f"{goal}-{week}", goal, T0 + timedelta(weeks=week), tuple(entries), gas)


G1, G2 = dp.GoalInfo("g1"), dp.GoalInfo("g2")


# -- entries --------------------------------------------------------------------------

def test_entries_are_validated():
    ok = [dp.Entry("child", 4), dp.Entry("mother", 7, "Anne"), dp.Entry("mother", 6, "Bente")]
    assert dp.validate_entries(ok) == []
    assert dp.validate_entries([]) == [(None, "no_entries")]
    bad = [dp.Entry("uncle", 4), dp.Entry("child", 11), dp.Entry("child", 3), dp.Entry("father", True)]
    assert dp.validate_entries(bad) == [(0, "unknown_respondent"), (1, "score_range"), (2, "duplicate_respondent"),
                                        (3, "score_range")]


def test_entries_round_trip_through_json_without_empty_texts():
    entries = (dp.Entry("child", 4, "", "Jeg kommer i skole hver dag"), dp.Entry("mother", 6, " Anne "))
    js = dp.entries_to_json(entries)
    assert js == [{"respondent": "child", "score": 4, "next_step": "Jeg kommer i skole hver dag"},
                  {"respondent": "mother", "score": 6, "name": "Anne"}]
    assert dp.entries_to_json(dp.entries_from_json(js)) == js


def test_series_has_one_line_per_goal_and_respondent_in_time_order():
    rounds = [rnd("g1", 4, {"child": 5, "mother:Anne": 6}), rnd("g1", 0, {"child": 3}), rnd("g2", 0, {"child": 2})]
    s = dp.series(rounds)
    assert s[("g1", ("child", ""))] == [(T0, 3), (T0 + timedelta(weeks=4), 5)]
    assert s[("g1", ("mother", "anne"))] == [(T0 + timedelta(weeks=4), 6)]
    assert len(s) == 3


# -- goals reached and stable -------------------------------------------------------------

def test_reached_when_last_two_rounds_of_every_active_goal_are_at_target():
    rounds = [rnd("g1", 0, {"child": 3, "mother": 4}), rnd("g1", 8, {"child": 8, "mother": 8}),
              rnd("g1", 16, {"child": 9, "mother": 7}),  # mean 8.0 = target
              rnd("g2", 8, {"child": 8}), rnd("g2", 16, {"child": 10})]
    flag = dp.reached_and_stable([G1, G2], rounds)
    assert flag.raised and flag.reason == "all_reached"
    assert [e.reached_by for e in flag.goals] == ["scaling", "scaling"]
    assert flag.goals[0].rounds == ((rounds[1].day, 8.0), (rounds[2].day, 8.0))


def test_not_reached_when_one_goal_dips_or_has_only_one_round():
    rounds = [rnd("g1", 8, {"child": 8}), rnd("g1", 16, {"child": 9}), rnd("g2", 16, {"child": 9})]
    flag = dp.reached_and_stable([G1, G2], rounds)
    assert not flag.raised and flag.reason == "not_all_reached"
    assert [e.reached_by for e in flag.goals] == ["scaling", None]
    dip = rounds[:2] + [rnd("g2", 8, {"child": 9}), rnd("g2", 16, {"child": 7})]
    assert not dp.reached_and_stable([G1, G2], dip).raised


def test_target_per_goal_and_min_aggregate():
    rounds = [rnd("g1", 8, {"child": 6, "mother": 9}), rnd("g1", 16, {"child": 7, "mother": 8})]
    assert not dp.reached_and_stable([G1], rounds).raised  # mean 7.5 < 8
    assert dp.reached_and_stable([dp.GoalInfo("g1", target_score=7)], rounds).raised
    strict = dp.FlagRules(reached_aggregate="min")
    assert not dp.reached_and_stable([dp.GoalInfo("g1", target_score=7)], rounds, strict).raised  # child 6 < 7
    assert dp.reached_and_stable([dp.GoalInfo("g1", target_score=6)], rounds, strict).raised


def test_gas_counts_for_goals_with_levels_unless_switched_off():
    rounds = [rnd("g1", 8, {"child": 5}, gas=0), rnd("g1", 16, {"child": 5}, gas=1)]
    with_levels = dp.GoalInfo("g1", gas=True)
    flag = dp.reached_and_stable([with_levels], rounds)
    assert flag.raised and flag.goals[0].reached_by == "gas"
    assert not dp.reached_and_stable([dp.GoalInfo("g1")], rounds).raised  # no levels described in advance
    assert not dp.reached_and_stable([with_levels], rounds, dp.FlagRules(use_gas=False)).raised
    assert not dp.reached_and_stable([with_levels], rounds, dp.FlagRules(gas_reached_level=1)).raised


def test_only_active_goals_count_and_none_means_no_flag():
    rounds = [rnd("g1", 8, {"child": 9}), rnd("g1", 16, {"child": 9})]
    assert dp.reached_and_stable([G1, dp.GoalInfo("g2", active=False)], rounds).raised
    assert dp.reached_and_stable([dp.GoalInfo("g1", active=False)], rounds).reason == "no_active_goals"


def test_as_of_leaves_out_later_rounds():
    rounds = [rnd("g1", 8, {"child": 9}), rnd("g1", 16, {"child": 9})]
    assert not dp.reached_and_stable([G1], rounds, as_of=T0 + timedelta(weeks=10)).raised


def test_reached_rounds_is_configurable():
    rounds = [rnd("g1", 0, {"child": 9})]
    assert not dp.reached_and_stable([G1], rounds).raised
    assert dp.reached_and_stable([G1], rounds, dp.FlagRules(reached_rounds=1)).raised


# -- no progression over two follow-ups ----------------------------------------------------

def test_no_progression_when_nobody_rose_over_the_last_two_intervals():
    rounds = [rnd("g1", 0, {"child": 4, "mother": 5}), rnd("g1", 8, {"child": 4, "mother": 5}),
              rnd("g1", 16, {"child": 3, "mother": 5})]
    flag = dp.no_progression([G1], rounds)
    assert flag.raised and flag.reason == "no_increase"
    assert [(i.start, i.end) for i in flag.intervals] == [(rounds[0].day, rounds[1].day),
                                                          (rounds[1].day, rounds[2].day)]
    assert flag.intervals[1].means[("child", "")] == (4.0, 3.0)


def test_one_respondent_rising_in_one_interval_is_progression():
    rounds = [rnd("g1", 0, {"child": 4, "mother": 5}), rnd("g1", 8, {"child": 4, "mother": 6}),
              rnd("g1", 16, {"child": 4, "mother": 5})]
    flag = dp.no_progression([G1], rounds)
    assert not flag.raised and flag.reason == "increase"
    assert [i.progressed for i in flag.intervals] == [True, False]


def test_only_the_last_window_counts():
    rounds = [rnd("g1", 0, {"child": 1}), rnd("g1", 8, {"child": 5}), rnd("g1", 16, {"child": 5}),
              rnd("g1", 24, {"child": 5})]
    assert dp.no_progression([G1], rounds).raised
    assert not dp.no_progression([G1], rounds, dp.FlagRules(stalled_followups=3)).raised


def test_means_over_goals_on_the_same_day_form_one_occasion():
    # Goal 1 falls by 1 while goal 2 rises by 2: the child's mean rises by 0.5.
    rounds = [rnd("g1", 0, {"child": 5}), rnd("g2", 0, {"child": 3}),
              rnd("g1", 8, {"child": 5}), rnd("g2", 8, {"child": 3}),
              rnd("g1", 16, {"child": 4}), rnd("g2", 16, {"child": 5})]
    flag = dp.no_progression([G1, G2], rounds)
    assert not flag.raised
    assert flag.intervals[1].means[("child", "")] == (4.0, 4.5)
    assert dp.no_progression([G1, G2], rounds, dp.FlagRules(min_increase=0.5)).raised  # must rise by more than 0.5


def test_too_few_occasions_or_no_common_respondent_keeps_the_flag_down():
    two = [rnd("g1", 0, {"child": 4}), rnd("g1", 8, {"child": 4})]
    assert dp.no_progression([G1], two).reason == "too_few_occasions"
    others = [rnd("g1", 0, {"child": 4}), rnd("g1", 8, {"child": 4}), rnd("g1", 16, {"mother": 3})]
    flag = dp.no_progression([G1], others)
    assert not flag.raised and flag.reason == "not_comparable"


def test_named_respondents_are_told_apart():
    rounds = [rnd("g1", 0, {"parent:Kim": 4, "parent:Sam": 6}), rnd("g1", 8, {"parent:Kim": 4, "parent:Sam": 6}),
              rnd("g1", 16, {"parent:kim": 5, "parent:Sam": 6})]
    assert not dp.no_progression([G1], rounds).raised  # Kim rose (names compare without case)


def test_a_child_at_its_goals_is_not_also_flagged_for_no_progression():
    rounds = [rnd("g1", w, {"child": 9}) for w in (0, 8, 16)]
    assert dp.no_progression([G1], rounds).raised  # on its own, the rule sees no rise
    both = dp.flags([G1], rounds)
    assert both[dp.REACHED].raised and not both[dp.STALLED].raised
    assert both[dp.STALLED].reason == "goals_reached" and len(both[dp.STALLED].intervals) == 2


def test_rules_are_validated_and_serialisable():
    with pytest.raises(ValueError):
        dp.FlagRules(reached_aggregate="median")
    with pytest.raises(ValueError):
        dp.FlagRules(default_target=11)
    rules = dp.FlagRules(reached_rounds=3, min_increase=0.5)
    assert dp.FlagRules.from_json(rules.to_json()) == rules
    assert dp.FlagRules.from_json({"unknown": 1}) == dp.FlagRules()


scores = st.integers(min_value=0, max_value=10)


@given(st.lists(scores, min_size=3, max_size=8))
def test_a_child_whose_scores_never_rise_is_always_flagged(values):
    falling = sorted(values, reverse=True)
    rounds = [rnd("g1", i * 8, {"child": v}) for i, v in enumerate(falling)]
    assert dp.no_progression([G1], rounds).raised


@given(st.lists(scores, min_size=3, max_size=8))
def test_a_strict_rise_at_the_last_follow_up_is_never_flagged(values):
    rounds = [rnd("g1", i * 8, {"child": min(v, 9)}) for i, v in enumerate(values)]
    rounds.append(rnd("g1", len(values) * 8, {"child": min(values[-1], 9) + 1}))
    assert not dp.no_progression([G1], rounds).raised
