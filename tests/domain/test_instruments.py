# SPDX-License-Identifier: MPL-2.0
"""Instruments as data: the validating loader, and scores against hand-scored examples."""

import copy
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forebyg.domain import instruments as di

FIXTURE = json.loads((Path(__file__).parent / "fixtures" / "instrument_test.json").read_text(encoding="utf-8"))


@pytest.fixture
def inst():
    return di.load(FIXTURE)


def test_fixture_loads(inst):
    assert inst.key == "test-fixture@2.1"
    assert [s.id for s in inst.scales()] == ["total", "a", "b", "c"]
    assert inst.range_of(inst.total) == (0, 15)
    assert inst.range_of(inst.subscales[1]) == (0, 3)  # a mean
    assert di.text_in(inst.item("b1").text, "en") == "Item b1"
    assert di.text_in(inst.item("b1").text, "da") == "Spørgsmål b1"
    assert di.text_in(inst.item("a1").text, "da") == "Item a1"


def test_hand_scored_complete_answers(inst):
    # a1=3, a2=1 (reverse: 3+0-1 = 2), a3=2 -> A = 7 (band high from 6)
    # b1=2, b2=0 (reverse: 3) -> B mean = 2.5; total = 7 + 2 + 3 = 12 -> band "high"; C = 1
    answers = {"a1": 3, "a2": 1, "a3": 2, "b1": 2, "b2": 0, "c1": 1}
    s = di.score(inst, answers)
    assert (s["total"].value, s["total"].band) == (12, "high")
    assert (s["a"].value, s["a"].band) == (7, "high")
    assert (s["b"].value, s["b"].band) == (2.5, None)
    assert s["c"].value == 1
    assert di.scores_to_json(s)["total"] == {"value": 12, "band": "high", "answered": 5, "items": 5}


def test_hand_scored_missing_answers_prorate_a_sum_and_drop_a_scale_below_its_minimum(inst):
    # total: a1=1, a2=3 (-> 0), b1=2, b2=3 (-> 0): 4 of 5 answered, mean 0.75, prorated 3.75 -> "normal"
    s = di.score(inst, {"a1": 1, "a2": 3, "b1": 2, "b2": 3})
    assert (s["total"].value, s["total"].band, s["total"].answered) == (3.75, "normal", 4)
    assert s["a"].value is None and s["a"].answered == 2  # A needs all 3 (min_answered defaults to all)
    assert s["b"].value == 1.0
    assert s["c"].value is None
    assert di.score(inst, {"a1": 1})["total"].value is None


def test_band_edges(inst):
    # Sum exactly 9 -> "raised"; 8 -> "normal".
    nine = {"a1": 3, "a2": 0, "a3": 3, "b1": 0, "b2": 3}  # 3 + 3 + 3 + 0 + 0
    assert di.score(inst, nine)["total"].band == "raised"
    eight = {**nine, "a1": 2}
    assert di.score(inst, eight)["total"].band == "normal"


def test_bad_answers_are_refused(inst):
    with pytest.raises(di.InstrumentError) as exc:
        di.score(inst, {"zz": 1, "a1": 7, "c1": 2, "b1": True})
    assert exc.value.problems == ["zz: not an item of test-fixture@2.1", "a1: 7 is not one of the item's response values",
                                  "c1: 2 is not one of the item's response values",
                                  "b1: True is not one of the item's response values"]


def broken(**changes):
    data = copy.deepcopy(FIXTURE)
    for path, value in changes.items():
        target = data
        keys = path.split("__")
        for k in keys[:-1]:
            target = target[int(k)] if k.isdigit() else target[k]
        if value is None:
            del target[keys[-1]]
        else:
            target[int(keys[-1]) if keys[-1].isdigit() else keys[-1]] = value
    return data


@pytest.mark.parametrize(("changes", "problem"), [
    ({"licence": None}, "(definition): 'licence' is a required property"),
    ({"validated": None}, "(definition): 'validated' is a required property"),
    ({"items__0__response_set": "nope"}, "items/0/response_set: unknown response set 'nope'"),
    ({"items__1__id": "a1"}, "items: id 'a1' occurs more than once"),
    ({"total__items": ["a1", "zz"]}, "total/items: unknown item 'zz'"),
    ({"total__min_answered": 9}, "total/min_answered: more than the scale's 5 items"),
    ({"total__cutoffs__1__min": 20}, "total/cutoffs: the bands' min values must ascend"),
    ({"subscales__0__cutoffs__1__min": 10}, "scale a: band 'high' starts at 10, outside the possible 0-9"),
    ({"subscales__1__id": "a"}, "subscales: scale ids must be unique and differ from the total's"),
    ({"response_sets__yesno": [{"value": 1, "label": "x"}, {"value": 1, "label": "y"}]},
     "response_sets/yesno: two options have the same value"),
    ({"format": "other"}, "format: 'forebyg-instrument/1' was expected"),
    ({"code": "Bad Code"}, "code: 'Bad Code' does not match"),
])
def test_loader_names_each_problem(changes, problem):
    with pytest.raises(di.InstrumentError) as exc:
        di.load(broken(**changes))
    assert any(p.startswith(problem) for p in exc.value.problems), exc.value.problems


def test_loads_reports_bad_json():
    with pytest.raises(di.InstrumentError, match="not valid JSON"):
        di.loads("{")
    with pytest.raises(di.InstrumentError, match="must be a JSON object"):
        di.loads("[]")


def test_the_shipped_instrument_is_free_and_says_it_is_not_validated():
    [inst] = di.shipped()
    assert inst.code == "forebyg-trivsel" and not inst.validated
    assert inst.licence["spdx"] == "CC0-1.0"
    assert "ikke et valideret" in di.text_in(inst.licence["text"], "da").lower()
    assert inst.range_of(inst.total) == (0, 32)
    # Hand-scored: 4+3+2+3 + (4-1) + 4 + (4-3) + 2 = 22 -> "some" (16-23)
    s = di.score(inst, {"home_good": 4, "home_adult": 3, "school_good": 2, "friends": 3, "left_out": 1,
                        "sleep": 4, "worried": 3, "like_myself": 2})
    assert (s["total"].value, s["total"].band) == (22, "some")
    assert (s["home"].value, s["school_friends"].value, s["self"].value) == (3.5, 2.67, 2.33)


@given(st.dictionaries(st.sampled_from(["a1", "a2", "a3", "b1", "b2", "c1"]), st.sampled_from([0, 1]), min_size=0))
def test_scores_stay_within_each_scales_range(answers):
    inst = di.load(FIXTURE)
    for scale_id, s in di.score(inst, answers).items():
        scale = next(x for x in inst.scales() if (scale_id == "total" and x is inst.total) or x.id == scale_id)
        low, high = inst.range_of(scale)
        assert s.value is None or low <= s.value <= high
