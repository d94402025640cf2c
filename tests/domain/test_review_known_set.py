# SPDX-License-Identifier: MPL-2.0
"""A hand-built set of 16 cases with known findings reproduces the expected counts exactly,
and the report reads like seed 004 ("13 af 16", "6 af 16")."""

import json
import random
from datetime import date, datetime

import pytest

from forebyg.domain.review import (
    DEFAULT_RULESET,
    Criteria,
    Period,
    SampleSpec,
    build_report,
    run_review,
)
from forebyg.domain.review.builder import at
from forebyg.domain.review.examples import AS_OF, PERIOD, known_set

# point id -> (met, not met, not applicable), worked out by hand from examples.SPEC
EXPECTED = {
    "notification.acute_assessment": (15, 1, 0),     # case 16 assessed after 25 hours
    "notification.acute_action": (1, 1, 14),          # acute need in 1 and 2; nothing written in 2
    "notification.acknowledgement": (14, 2, 0),       # 15 and 16 acknowledged after 20 days
    "notification.notifier_feedback": (3, 13, 0),     # feedback only in 1-3
    "notification.reassessment": (2, 0, 14),          # 4 and 5 had a running measure
    "involvement.child_conversation": (9, 3, 4),      # 10-12 after the decision; 13-16 no decision
    "involvement.child_and_parents": (12, 4, 0),      # no parent at the meeting in 11-14
    "involvement.private_network": (10, 6, 0),        # no network person in 1, 3, 5, 7, 9, 11
    "investigation.in_time": (14, 2, 0),              # 13 and 14 took 130 days
    "investigation.six_areas": (14, 2, 0),            # health missing in 6 and 7
    "investigation.holistic": (0, 0, 16),             # Barnets Lov only
    "measures.follows_investigation": (10, 2, 4),     # no conclusion in 8 and 12; 13-16 no decision
    "measures.started_promptly": (12, 2, 2),          # 3 and 13 started after 45 days
    "measures.plan": (10, 2, 4),                      # late in 11, none in 12
    "followup.on_time": (8, 4, 4),                    # late in 9-12
    "followup.progression": (10, 2, 4),               # no note in 2 and 4
}
BANDS = {
    "notification.acute_assessment": "strength", "notification.acute_action": "too_few",
    "notification.acknowledgement": "attention", "notification.notifier_feedback": "development",
    "notification.reassessment": "too_few", "involvement.child_conversation": "attention",
    "involvement.child_and_parents": "attention", "involvement.private_network": "development",
    "investigation.in_time": "attention", "investigation.six_areas": "attention", "investigation.holistic": "none",
    "measures.follows_investigation": "attention", "measures.started_promptly": "attention",
    "measures.plan": "attention", "followup.on_time": "development", "followup.progression": "attention",
}
CRITERIA = Criteria(Period(date.fromisoformat(PERIOD[0]), date.fromisoformat(PERIOD[1])))


def review(records=None, **kw):
    return run_review(list(records if records is not None else known_set()),
                      as_of=datetime.fromisoformat(at(AS_OF)), criteria=kw.pop("criteria", CRITERIA), **kw)


@pytest.fixture(scope="module")
def result():
    return review()


def counts(findings):
    out = {p.id: [0, 0, 0] for p in DEFAULT_RULESET.points}
    for f in findings:
        out[f.point_id][("met", "not_met", "not_applicable").index(f.outcome)] += 1
    return {k: tuple(v) for k, v in out.items()}


def test_every_case_is_in_the_population(result):
    assert result.population_size == 16
    assert [c.summary.key for c in result.cases] == [f"k{i:02d}" for i in range(1, 17)]
    assert all(c.summary.team == "team-a" and c.summary.caseworker == "cw-a" for c in result.cases)


def test_counts_match_exactly(result):
    assert counts(result.findings) == EXPECTED


def test_report_bands_and_seed_004_sentences(result):
    report = build_report(result.findings, DEFAULT_RULESET, case_count=16)
    rows = {p.point_id: p for t in report.themes for p in t.points}
    assert {k: r.band for k, r in rows.items()} == BANDS
    notifications = report.themes[0]
    assert notifications.title == "Håndtering af underretninger"
    assert ("I 13 af 16 sager fremgår det ikke af sagens akter, at faglig underretter har fået besked om, at der "
            "er iværksat undersøgelse eller foranstaltning.") in notifications.development
    assert "I 15 af 16 sager er underretningen akutvurderet inden for 24 timer." in notifications.strengths
    involvement = report.themes[1]
    assert ("I 6 af 16 sager er det ikke afklaret, om ressourcer i barnets private netværk ud over forældrene kan "
            "inddrages.") in involvement.development
    assert involvement.recommendations[0].startswith("barnets private netværk kortlægges")
    assert notifications.summary == ("Temaet er vurderet på 5 vurderingspunkter i 16 sager: 1 styrke, "
                                     "1 opmærksomhedspunkt og 1 udviklingspunkt.")
    english = build_report(result.findings, DEFAULT_RULESET, case_count=16, language="en")
    assert ("In 6 of 16 cases it was not clarified whether resources in the child's private network beyond the "
            "parents could be involved.") in english.themes[1].development


def test_overrides_change_the_counts_but_not_the_findings(result):
    overrides = {("k01", "involvement.private_network"): "met", ("k02", "notification.acute_action"): "met"}
    report = build_report(result.findings, DEFAULT_RULESET, case_count=16, overrides=overrides)
    rows = {p.point_id: p for t in report.themes for p in t.points}
    assert (rows["involvement.private_network"].met, rows["involvement.private_network"].not_met) == (11, 5)
    assert rows["involvement.private_network"].overridden == 1 and report.overridden == 2
    assert counts(result.findings) == EXPECTED


def test_record_order_does_not_matter(result):
    records = list(known_set())
    random.Random(4).shuffle(records)
    assert counts(review(records).findings) == EXPECTED


def test_the_result_is_json_and_repeatable(result):
    data = json.loads(json.dumps(result.to_dict()))
    assert data["case_count"] == 16 and data["ruleset"] == {"id": "forebyg-review", "version": 1}
    finding = next(f for f in data["cases"][0]["findings"] if f["point_id"] == "notification.notifier_feedback")
    assert finding["outcome"] == "met" and finding["items"][0]["evidence"][0]["record_type"] == "notification"
    assert review().to_dict() == result.to_dict()


def test_a_sample_is_repeatable_with_its_seed():
    a = review(sample=SampleSpec(6, 2024))
    b = review(sample=SampleSpec(6, 2024))
    c = review(sample=SampleSpec(10, 2024))
    keys = [x.summary.key for x in a.cases]
    assert keys == [x.summary.key for x in b.cases] and len(keys) == 6
    assert set(keys) <= {x.summary.key for x in c.cases}  # a smaller sample is part of a larger one
    assert a.population_size == 16


def test_stratified_sample_covers_every_stratum():
    s = review(sample=SampleSpec(4, 7, ("measure_kind",)))
    kinds = {x.summary.latest_kind for x in s.cases}
    assert kinds == {"sel_family_treatment", "sel_early", None} and len(s.cases) == 4
