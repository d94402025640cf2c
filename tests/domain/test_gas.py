# SPDX-License-Identifier: MPL-2.0
"""Goal Attainment Scaling: the Kiresuk-Sherman T-score against hand-computed examples, and its properties."""

import math
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forebyg.domain import gas

levels = st.lists(st.sampled_from(gas.LEVELS), min_size=1, max_size=8)


@pytest.mark.parametrize(("xs", "ws", "rho", "expected"), [
    # one goal one level above expected: 50 + 10*1/sqrt(0.7*1 + 0.3*1) = 60
    ([1], None, 0.3, 60.0),
    ([-2], None, 0.3, 30.0),
    # two goals at +1: 50 + 20/sqrt(0.7*2 + 0.3*4) = 50 + 20/sqrt(2.6) = 62.4035
    ([1, 1], None, 0.3, 50 + 20 / math.sqrt(2.6)),
    # weights 1, 2, 1 and levels +2, 0, -1: sum wx = 1; 0.7*6 + 0.3*16 = 9; 50 + 10/3
    ([2, 0, -1], [1, 2, 1], 0.3, 50 + 10 / 3),
    # four goals all at -2: sum wx = -8; 0.7*4 + 0.3*16 = 7.6
    ([-2, -2, -2, -2], None, 0.3, 50 - 80 / math.sqrt(7.6)),
    # rho = 0: 50 + 10*sum(x)/sqrt(n)  -> three goals +1, +1, +1: 50 + 30/sqrt(3)
    ([1, 1, 1], None, 0.0, 50 + 30 / math.sqrt(3)),
])
def test_t_score_hand_computed(xs, ws, rho, expected):
    assert gas.t_score(xs, ws, rho=rho) == pytest.approx(expected, abs=1e-9)


def test_worked_example_in_docs_rounds_to_62_4():
    assert round(gas.t_score([1, 1]), 1) == 62.4


@given(n=st.integers(min_value=1, max_value=12), rho=st.floats(min_value=0, max_value=0.95))
def test_t_score_is_50_when_every_goal_is_at_its_expected_level(n, rho):
    assert gas.t_score([0] * n, rho=rho) == pytest.approx(50.0)


@given(xs=levels, data=st.data())
def test_t_score_rises_with_each_level(xs, data):
    i = data.draw(st.integers(min_value=0, max_value=len(xs) - 1))
    weights = data.draw(st.lists(st.floats(min_value=0.1, max_value=10), min_size=len(xs), max_size=len(xs)))
    if xs[i] == 2:
        return
    higher = list(xs)
    higher[i] += 1
    assert gas.t_score(higher, weights) > gas.t_score(xs, weights)


@given(xs=levels)
def test_t_score_is_symmetric_around_50(xs):
    assert gas.t_score([-x for x in xs]) == pytest.approx(100 - gas.t_score(xs))


@pytest.mark.parametrize("bad", [[], [3], [0.5]])
def test_bad_levels_are_refused(bad):
    with pytest.raises(gas.GasError):
        gas.t_score(bad)


def test_bad_weights_and_rho_are_refused():
    with pytest.raises(gas.GasError):
        gas.t_score([1, 0], [1])
    with pytest.raises(gas.GasError):
        gas.t_score([1], [0])
    with pytest.raises(gas.GasError):
        gas.t_score([1], rho=1)


def test_level_texts_must_cover_all_five_levels():
    full = {k: f"level {k}" for k in gas.LEVEL_KEYS}
    assert gas.validate_levels(full) == []
    assert gas.validate_levels({**full, "2": " "}) == ["level 2 has no description"]
    assert "'3' is not a GAS level" in gas.validate_levels({**full, "3": "x"})


def test_timeline_combines_each_goals_latest_rating():
    ratings = [gas.Rating("a", date(2025, 1, 10), -1), gas.Rating("b", date(2025, 1, 10), -1),
               gas.Rating("a", date(2025, 4, 1), 1), gas.Rating("c", date(2025, 4, 1), 2)]
    points = gas.t_timeline(ratings, {"a": 1.0, "b": 1.0})  # c has no levels: left out
    assert [p.on for p in points] == [date(2025, 1, 10), date(2025, 4, 1)]
    assert points[0].t == pytest.approx(gas.t_score([-1, -1]))
    assert points[1].t == pytest.approx(gas.t_score([1, -1])) == pytest.approx(50.0)
    assert points[1].goals == 2
