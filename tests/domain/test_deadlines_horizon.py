# SPDX-License-Identifier: MPL-2.0
"""The horizon of a computation (`compute_with_horizon`, forebyg.domain.deadlines.horizon): the
obligations as of any moment before it are exactly those as of the moment asked for, so pages may
reuse them until then (issue #20). Checked against the engine itself, as of the instant just
before the horizon and as of moments in between, on random histories and on a synthetic
municipality (children with birth dates, local standards, many records)."""

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from test_deadlines_properties import histories, moments  # the same random histories (rootdir-relative import)

from forebyg.domain.calendar import CPH
from forebyg.domain.deadlines import RuleConfig, compute_obligations, compute_with_horizon
from forebyg.domain.deadlines.local import EXAMPLE_LOCAL_STANDARDS
from forebyg.synth import generate

TICK = timedelta(microseconds=1)


def _check(records, as_of, config=None, between=0.5):
    obs, horizon = compute_with_horizon(records, as_of=as_of, config=config)
    assert obs == compute_obligations(records, as_of=as_of, config=config)
    if horizon is None:  # nothing changes by time: any later moment gives the same
        later = [as_of + timedelta(days=3650)]
    else:
        assert horizon >= as_of
        if horizon == as_of:
            return horizon
        # The reuse window is [as_of, horizon): at the horizon itself a status may change, so a
        # moment "in between" stays strictly before it (between = 1.0 or rounding to the
        # microsecond would otherwise land on the horizon).
        later = [horizon - TICK, min(as_of + (horizon - as_of) * between, horizon - TICK)]
    for moment in later:
        assert compute_obligations(records, as_of=moment, config=config) == obs, (as_of, moment, horizon)
    return horizon


@settings(max_examples=300, deadline=None)
@given(histories(), moments, st.floats(0, 1))
def test_nothing_changes_before_the_horizon(records, as_of, between):
    _check(records, as_of, between=between)


@settings(max_examples=100, deadline=None)
@given(histories(), moments)
def test_the_horizon_is_where_the_next_computation_starts(records, as_of):
    """Walking from horizon to horizon: each stretch is constant, and the walk gets on."""
    moment = as_of
    for _ in range(5):
        horizon = _check(records, moment)
        if horizon is None:
            break
        moment = horizon + TICK if horizon == moment else horizon


SYNTH = list(generate(municipality=657, name="Syntetisk", children=200, start_year=2022, end_year=2024,
                      end=datetime(2024, 12, 31, 23, 0, tzinfo=CPH), seed=7))


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 3 * 365 * 24 * 60), st.booleans())
def test_a_synthetic_municipality(minutes, local):
    config = RuleConfig(local_standards=EXAMPLE_LOCAL_STANDARDS) if local else None
    as_of = datetime(2022, 1, 1, tzinfo=UTC) + timedelta(minutes=minutes)
    horizon = _check(SYNTH, as_of, config)
    assert horizon is not None  # a municipality with open cases always has a next deadline


def test_a_status_does_change_at_some_horizon():
    """Not vacuous: along a synthetic year the obligations do change from horizon to horizon."""
    moment = datetime(2024, 3, 1, 12, tzinfo=UTC)
    changes = 0
    before = compute_obligations(SYNTH, as_of=moment)
    for _ in range(10):
        _obs, horizon = compute_with_horizon(SYNTH, as_of=moment)
        moment = max(horizon, moment + TICK) + TICK
        after = compute_obligations(SYNTH, as_of=moment)
        changes += after != before
        before = after
    assert changes >= 5


def test_the_18th_birthday_is_a_horizon():
    """An open investigation ends when the child turns 18: the horizon is no later than that."""
    records = [
        {"type": "child", "id": "c1", "municipality": 657, "birth_date": "2006-03-10",
         "registered_at": "2023-01-02T10:00:00+01:00"},
        {"type": "case", "id": "k1", "municipality": 657, "child": "c1", "opened_at": "2024-02-20T10:00:00+01:00"},
        {"type": "investigation", "id": "i1", "municipality": 657, "case": "k1", "child": "c1",
         "aware_at": "2024-02-20T10:00:00+01:00", "started_at": "2024-02-21T10:00:00+01:00", "consent": True},
    ]
    as_of = datetime(2024, 3, 5, 12, tzinfo=UTC)
    birthday = datetime(2024, 3, 10, tzinfo=CPH)
    obs, horizon = compute_with_horizon(records, as_of=as_of)
    assert horizon is not None and horizon <= birthday
    assert compute_obligations(records, as_of=birthday + TICK) != obs  # it does change there
    _check(records, as_of)
