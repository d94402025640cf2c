# SPDX-License-Identifier: MPL-2.0
"""The child's path on the intervention staircase, transitions with the measure behind each,
and a municipality's own staircase configuration."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from forebyg.domain import staircase_path as sp
from forebyg.domain.staircase import DEFAULT_STEPS, MEASURE_KINDS, Step

CPH = ZoneInfo("Europe/Copenhagen")
T0 = datetime(2023, 1, 2, 9, 0, tzinfo=CPH)


def d(days):
    return T0 + timedelta(days=days)


def span(mid, step, start, end=None):
    return sp.Span(mid, step, d(start), None if end is None else d(end))


def test_step_down_from_placement_to_home_support():
    spans = [span("m1", 5, 0, 300), span("m2", 3, 300, 500), span("m3", 2, 500)]
    segs = sp.path(spans, as_of=d(600))
    assert [(s.step, s.measure, s.start, s.end) for s in segs] == [
        (5, "m1", d(0), d(300)), (3, "m2", d(300), d(500)), (2, "m3", d(500), None)]
    ts = sp.transitions(segs)
    assert [(t.direction, t.from_step, t.to_step, t.from_measure, t.to_measure) for t in ts] == [
        ("start", None, 5, None, "m1"), ("down", 5, 3, "m1", "m2"), ("down", 3, 2, "m2", "m3")]


def test_overlapping_measures_put_the_child_on_the_highest_step():
    # Family treatment runs on; a respite stay (also 3) and a placement (5) overlap it for a while.
    spans = [span("home", 3, 0, 400), span("placed", 5, 100, 200)]
    segs = sp.path(spans, as_of=d(500))
    assert [(s.step, s.measure, s.running) for s in segs] == [
        (3, "home", ("home",)), (5, "placed", ("home", "placed")), (3, "home", ("home",))]
    ts = sp.transitions(segs)
    assert [(t.direction, t.at) for t in ts] == [("start", d(0)), ("up", d(100)), ("down", d(200)), ("end", d(400))]
    assert ts[1].to_measure == "placed" and ts[2].from_measure == "placed" and ts[2].to_measure == "home"
    assert sp.step_at(segs, d(150)) == 5 and sp.step_at(segs, d(450)) is None


def test_gaps_leave_and_reenter_the_staircase_and_same_step_handover_is_no_transition():
    spans = [span("a", 2, 0, 100), span("b", 2, 100, 200), span("c", 4, 300, 400)]
    segs = sp.path(spans, as_of=d(500))
    assert [s.measure for s in segs] == ["a", "b", "c"]
    assert [(t.direction, t.at) for t in sp.transitions(segs)] == [
        ("start", d(0)), ("end", d(200)), ("start", d(300)), ("end", d(400))]


def test_as_of_cuts_the_path_and_unstarted_measures_are_not_on_it():
    spans = [span("a", 3, 0, 300), span("later", 5, 400)]
    segs = sp.path(spans, as_of=d(200))
    assert [(s.step, s.end) for s in segs] == [(3, None)]  # still running on the day asked about
    assert sp.transitions(segs)[-1].direction == "start"


intervals = st.lists(
    st.tuples(st.integers(1, 6), st.integers(0, 1000), st.one_of(st.none(), st.integers(1, 400))),
    min_size=0, max_size=8)


@given(intervals, st.integers(0, 1500))
def test_path_segments_do_not_overlap_and_cover_exactly_the_running_time(raw, as_of_day):
    spans = [sp.Span(f"m{i}", step, d(start), None if length is None else d(start + length))
             for i, (step, start, length) in enumerate(raw)]
    as_of = d(as_of_day)
    segs = sp.path(spans, as_of=as_of)
    for a, b in zip(segs, segs[1:], strict=False):
        assert a.end is not None and a.end <= b.start  # ordered, no overlap
    assert all(s.end is None for s in segs[-1:]) or all(s.end is not None for s in segs)

    def running(moment):
        return [s for s in spans if s.start <= moment <= as_of and (s.end is None or moment < s.end)]

    # Every boundary and midpoint: on a segment exactly when some measure runs, on the highest step.
    moments = sorted({s.start for s in spans} | {s.end for s in spans if s.end} | {as_of})
    probes = moments + [a + (b - a) / 2 for a, b in zip(moments, moments[1:], strict=False)]
    for moment in probes:
        if moment > as_of:
            continue
        live = running(moment)
        step = sp.step_at(segs, moment)
        assert step == (max(s.step for s in live) if live else None), moment
    # Transitions alternate sensibly: entering before leaving, and every change is a real change.
    for t in sp.transitions(segs):
        assert t.from_step != t.to_step


def test_default_configuration_is_valid_and_maps_every_kind():
    config = sp.StaircaseConfig()
    assert config.problems() == []
    assert config.step_of("bl_family_treatment") == 3
    assert config.name(5) == "Anbringelse i plejefamilie"
    assert config.name(5, "en") == "Placement in a foster family"


def test_a_municipality_may_cut_its_staircase_differently():
    steps = (Step(1, "Almen", "Universal", False), Step(2, "Forebyggende", "", False),
             Step(3, "Hjemmebaseret", "", False), Step(4, "Anbragt", "Placed", True))
    kinds = {k.code: 4 for k in MEASURE_KINDS if k.default_step >= 4}
    config = sp.StaircaseConfig(steps, kinds)
    assert config.problems() == []
    assert config.step_of("sel_placement_institution") == 4
    records = sp.config_to_records(config)
    assert records[3]["measure_kinds"] == sorted(kinds)
    assert sp.config_from_records(records) == config


def test_problems_name_what_is_wrong():
    steps = (Step(1, "Almen", "", False), Step(3, "", "", False))
    problems = sp.StaircaseConfig(steps, {"xx": 1}).problems()
    assert "steps must be numbered 1, 2, 3 … without gaps" in problems
    assert "step 3 has no name" in problems
    assert "unknown measure kind 'xx'" in problems
    assert any("bl_placement_foster lands on step 5" in p for p in problems)


def test_no_records_means_the_default_staircase():
    assert sp.config_from_records([]).steps == DEFAULT_STEPS
