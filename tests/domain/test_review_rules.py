# SPDX-License-Identifier: MPL-2.0
"""Review rules as data: combinators, JSON round trips, validation, sampling and selection."""

import json
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forebyg.domain.review import (
    DEFAULT_RULESET,
    AllOf,
    AnyOf,
    Check,
    Criteria,
    Not,
    Period,
    Point,
    RuleSet,
    SampleSpec,
    Thresholds,
    allocate,
    expr_from_dict,
    run_review,
)
from forebyg.domain.review.builder import Records, at
from forebyg.domain.review.model import MET, NA, NOT_MET, all_of, any_of, negate

PERIOD = Criteria(Period(date(2023, 1, 1), date(2023, 12, 31)))
AS_OF = datetime.fromisoformat(at("2025-01-01 12:00"))


def one_case(acute_hours=2, acute=False):
    r = Records()
    r.child("c1")
    k = r.case("c1", "2023-01-10 09:00")
    n = r.notification("c1", "2023-03-02 10:00")
    r.acute(n, f"2023-03-02 {10 + acute_hours:02d}:00" if acute_hours < 14 else "2023-03-04 10:00", acute=acute)
    r.investigation("c1", k, "2023-03-02 10:00")
    return r


def ruleset_of(rule, point_id="test.point", law=None):
    base = DEFAULT_RULESET.point("notification.acute_assessment")
    return RuleSet("test", 1, (Point.from_dict({**base.to_dict(), "id": point_id, "law": law,
                                                "rule": rule.to_dict()}),))


def outcome_of(rule, records, law=None):
    result = run_review(list(records), as_of=AS_OF, criteria=PERIOD, ruleset=ruleset_of(rule, law=law))
    return result.cases[0].findings[0]


ACUTE = Check.of("deadline", rule_kind="acute_assessment")
ACTION = Check.of("acute_action_documented")  # not applicable: no acute need


def test_three_valued_combinators():
    assert all_of([MET, NA]) == MET and all_of([MET, NOT_MET]) == NOT_MET and all_of([NA, NA]) == NA
    assert any_of([NOT_MET, MET]) == MET and any_of([NOT_MET, NA]) == NOT_MET and any_of([]) == NA
    assert negate(MET) == NOT_MET and negate(NOT_MET) == MET and negate(NA) == NA


def test_combinators_on_a_case():
    good, late = one_case(2), one_case(30)
    assert outcome_of(ACUTE, good).outcome == MET
    assert outcome_of(ACUTE, late).outcome == NOT_MET
    assert outcome_of(Not(ACUTE), late).outcome == MET
    assert outcome_of(AllOf((ACUTE, ACTION)), late).outcome == NOT_MET  # the n/a part is ignored
    assert outcome_of(AnyOf((ACTION, ACTION)), good).outcome == NA
    f = outcome_of(AnyOf((ACUTE, Check.of("private_network_explored"))), late)
    assert f.outcome == NOT_MET and {i.check for i in f.items} == {"deadline", "private_network_explored"}


def test_a_point_of_one_law_period_ignores_the_other():
    assert outcome_of(ACUTE, one_case(30), law="BL").outcome == NA
    assert outcome_of(ACUTE, one_case(30), law="SEL").outcome == NOT_MET


def test_rules_round_trip_through_json():
    data = json.loads(json.dumps(DEFAULT_RULESET.to_dict()))
    assert RuleSet.from_dict(data) == DEFAULT_RULESET
    rule = AllOf((Not(ACUTE), AnyOf((Check.of("investigation_sections", areas=["holistic"]), ACTION))))
    assert expr_from_dict(json.loads(json.dumps(rule.to_dict()))) == rule


def test_a_changed_parameter_changes_the_answer():
    r = one_case(2)
    r.network_person("c1", "Grete Hansen", "Mormor", resource=False)
    assert outcome_of(Check.of("private_network_explored"), r).outcome == MET
    assert outcome_of(Check.of("private_network_explored", require_resource=True), r).outcome == NOT_MET


@pytest.mark.parametrize("bad", [
    {"check": "no_such_check"},
    {"check": "deadline", "params": {"no_such_param": 1}},
    {"all": []},
    {"any": {"check": "deadline"}},
    {"check": "deadline", "all": []},
    {"xor": []},
])
def test_invalid_rules_are_refused(bad):
    with pytest.raises(ValueError):
        expr_from_dict(bad)


def test_invalid_points_and_rulesets_are_refused():
    data = DEFAULT_RULESET.point("measures.plan").to_dict()
    with pytest.raises(ValueError):
        Point.from_dict({**data, "theme": "nonsense"})
    with pytest.raises(ValueError):
        RuleSet("x", 1, (DEFAULT_RULESET.points[0], DEFAULT_RULESET.points[0]))
    with pytest.raises(ValueError):
        Thresholds(strength_at=0.5, development_below=0.7)
    with pytest.raises(ValueError):
        SampleSpec(10, None)


@given(st.dictionaries(st.sampled_from("abcdefgh"), st.integers(1, 40), min_size=1), st.integers(1, 200))
def test_allocation_sums_and_stays_within_strata(sizes, n):
    shares = allocate(sizes, n)
    assert sum(shares.values()) == min(n, sum(sizes.values()))
    assert all(0 <= shares[s] <= sizes[s] for s in sizes)
    if n >= len(sizes):
        assert all(shares[s] >= 1 for s in sizes)


def test_allocation_by_largest_remainder():
    assert allocate({"a": 10, "b": 5, "c": 1}, 4) == {"a": 2, "b": 1, "c": 1}
    assert allocate({"a": 10, "b": 10}, 1) == {"a": 1, "b": 0}


def _population():
    r = Records()
    r.team("ta", "Team A")
    r.team("tb", "Team B")
    for i in range(1, 13):
        cid = f"c{i:02d}"
        r.child(cid)
        k = r.case(cid, "2023-01-10 09:00", team="ta" if i <= 6 else "tb")
        if i % 3 == 0:
            r.measure(cid, k, "sel_placement_foster", "2023-04-01 10:00")
        elif i % 3 == 1:
            r.measure(cid, k, "sel_family_treatment", "2023-04-01 10:00")
        else:
            r.notification(cid, "2023-04-01 10:00")
    r.child("old")
    k = r.case("old", "2020-01-10 09:00")
    r.measure("old", k, "sel_placement_institution", "2021-04-01 10:00")  # running through the period
    return r


@pytest.mark.parametrize("criteria, expected", [
    (Criteria(PERIOD.period), 13),
    (Criteria(PERIOD.period, include_ongoing=False), 12),
    (Criteria(PERIOD.period, teams=("ta",)), 6),
    (Criteria(PERIOD.period, measure_kinds=("sel_placement_foster",)), 4),
    (Criteria(PERIOD.period, steps=(5, 6)), 5),
    (Criteria(Period(date(2024, 1, 1), date(2024, 12, 31)), include_ongoing=False), 0),
])
def test_criteria_choose_the_population(criteria, expected):
    result = run_review(list(_population()), as_of=AS_OF, criteria=criteria)
    assert result.population_size == expected


def test_seeds_draw_different_samples_and_criteria_round_trip():
    recs = list(_population())
    a = run_review(recs, as_of=AS_OF, criteria=PERIOD, sample=SampleSpec(5, 1))
    b = run_review(recs, as_of=AS_OF, criteria=PERIOD, sample=SampleSpec(5, 2))
    assert [c.summary.key for c in a.cases] != [c.summary.key for c in b.cases]
    c = Criteria(PERIOD.period, ("ta",), ("sel_early",), (1, 2), False)
    assert Criteria.from_dict(json.loads(json.dumps(c.to_dict()))) == c
    s = SampleSpec(5, 9, ("team", "step"))
    assert SampleSpec.from_dict(s.to_dict()) == s


def test_stratified_by_team_is_proportional():
    result = run_review(list(_population()), as_of=AS_OF, criteria=PERIOD, sample=SampleSpec(6, 3, ("team",)))
    teams = sorted(c.summary.team or "-" for c in result.cases)
    # strata ta (6), tb (6), no team (1): one each, then 3 shared 1.5/1.5/0; the tie goes to "ta"
    assert teams == ["-", "ta", "ta", "ta", "tb", "tb"]


def test_records_after_the_review_moment_are_not_seen():
    r = one_case(2)
    early = datetime.fromisoformat(at("2023-03-02 11:00"))
    result = run_review(list(r), as_of=early, criteria=PERIOD)
    f = next(f for f in result.cases[0].findings if f.point_id == "notification.acute_assessment")
    assert f.outcome == NA  # assessed at 12:00, not known at 11:00, and the 24 hours have not run out
