# SPDX-License-Identifier: MPL-2.0
"""Rules as data: complete for both law periods, JSON-serialisable, versioned, documented."""

import ast
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from forebyg.domain.deadlines import (
    ALL_RULES,
    BL_RULES,
    DEFAULT_LOCAL_STANDARDS,
    EVALUATORS,
    EXAMPLE_LOCAL_STANDARDS,
    LOCAL_EVALUATORS,
    SEL_RULES,
    Rule,
    RuleConfig,
    RuleSet,
    compute_obligations,
    describe_config,
    rule_by_id,
)
from forebyg.domain.deadlines.catalogue import current_block, rules_markdown
from forebyg.domain.deadlines.index import parse_ts

ROOT = Path(__file__).resolve().parents[2]
EVERY_RULE = [*SEL_RULES.rules, *BL_RULES.rules, *DEFAULT_LOCAL_STANDARDS, *EXAMPLE_LOCAL_STANDARDS]
BOTH_PERIODS = {"acute_assessment", "acknowledgement", "notifier_feedback", "reassessment",
                "investigation", "child_conversation", "plan", "followup"}


def test_both_law_periods_have_the_rules_the_brief_lists():
    assert BOTH_PERIODS <= {r.kind for r in SEL_RULES.rules}
    assert BOTH_PERIODS <= {r.kind for r in BL_RULES.rules}
    assert SEL_RULES.by_kind("investigation_without_consent") is not None
    assert BL_RULES.by_kind("investigation_without_consent") is None
    assert BL_RULES.by_kind("provisional_assessment") is not None
    assert SEL_RULES.by_kind("provisional_assessment").reference_unconfirmed  # SEL § 50 stk. 7
    assert BL_RULES.by_kind("plan_decision") is not None  # BL § 91 stk. 1 only
    assert SEL_RULES.by_kind("plan_decision") is None
    assert {"abuse_conversation"} <= {r.kind for r in SEL_RULES.rules} & {r.kind for r in BL_RULES.rules}


@pytest.mark.parametrize("rule", EVERY_RULE, ids=lambda r: r.id)
def test_rule_is_json_data_and_round_trips(rule):
    data = json.loads(json.dumps(rule.to_dict(), ensure_ascii=False))
    assert Rule.from_dict(data) == rule
    assert rule.id.startswith(f"{(rule.law or 'local').lower()}.")
    assert rule.version >= 1 and rule.title_da and rule.title_en and rule.source
    assert rule.legal_reference and rule.starts and rule.stops
    assert rule.kind in EVALUATORS or rule.kind in LOCAL_EVALUATORS


def test_rule_sets_round_trip_and_ids_are_unique():
    for rs in (SEL_RULES, BL_RULES):
        assert RuleSet.from_dict(json.loads(json.dumps(rs.to_dict()))) == rs
    ids = [r.id for r in EVERY_RULE]
    assert len(ids) == len(set(ids))
    assert set(ALL_RULES) == {r.id for r in [*SEL_RULES.rules, *BL_RULES.rules,
                                            *DEFAULT_LOCAL_STANDARDS]}


def test_unconfirmed_items_from_the_brief_are_configurable():
    ack = BL_RULES.by_kind("acknowledgement")
    assert {p.name for p in ack.parameters if p.unconfirmed} == {"count_saturdays", "notifiers"}
    assert ack.legal_reference.startswith("BL § 138 stk. 1") and ack.reference_unconfirmed
    for law in (SEL_RULES, BL_RULES):
        assert law.by_kind("notifier_feedback").duration_unconfirmed
        assert law.by_kind("reassessment").duration_unconfirmed
    assert BL_RULES.by_kind("followup").parameters[0].unconfirmed  # 6 months: local default
    assert not SEL_RULES.by_kind("acute_assessment").unconfirmed


def test_config_overrides_are_validated_and_round_trip():
    config = RuleConfig(overrides={"sel.acknowledgement": {"count_saturdays": True}},
                        disabled=frozenset({"local.network_meeting_followup"}),
                        local_standards=EXAMPLE_LOCAL_STANDARDS)
    assert RuleConfig.from_dict(json.loads(json.dumps(config.to_dict()))) == config
    assert rule_by_id("sel.acknowledgement", config).param("count_saturdays") is True
    assert rule_by_id("sel.acknowledgement").param("count_saturdays") is False
    described = describe_config(config)
    assert [r["id"] for r in described["local_standards"]] == ["local.notification_decision"]
    with pytest.raises(ValueError, match="no parameter"):
        describe_config(RuleConfig(overrides={"sel.acknowledgement": {"saturday": True}}))


def test_every_rule_is_documented_and_the_catalogue_is_current():
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current_block(text) == rules_markdown(), (
        "run: python -m forebyg.domain.deadlines.catalogue docs/rules.md")
    for rule in EVERY_RULE:
        assert f"`{rule.id}`" in text
        assert rule.legal_reference in text and rule.source in text
    for kind in [*EVALUATORS, *LOCAL_EVALUATORS]:
        assert f"| `{kind}`" in text, f"docs/rules.md: evaluator {kind} is not described"


ENGLISH_IN_HJEMMEL = ("UNCONFIRMED", "section", "successor", "probable", "Local", "practice",
                      "not law", "example", "retrieved", "sentence", "young", " or ", "content")


@pytest.mark.parametrize("rule", EVERY_RULE, ids=lambda r: r.id)
def test_every_rule_has_a_danish_hjemmel_for_the_pages(rule):
    """Danish pages show `hjemmel("da")`: Danish only, never the English reference or a marker."""
    text = rule.hjemmel("da")
    assert text and rule.legal_reference_da == text
    assert not [w for w in ENGLISH_IN_HJEMMEL if w.lower() in text.lower()], text
    assert rule.hjemmel("en") == rule.legal_reference
    if rule.statutory:
        assert text.startswith(("SEL §", "BL §")), text
    else:
        assert "(ikke lov)" in text


def test_a_local_standard_without_danish_hjemmel_shows_the_danish_default():
    data = {**EXAMPLE_LOCAL_STANDARDS[0].to_dict(), "legal_reference_da": None}
    assert Rule.from_dict(data).hjemmel("da") == "Lokal praksisstandard (ikke lov)"


def test_domain_deadlines_import_no_django():
    for path in [ROOT / "forebyg/domain/calendar.py",
                 *(ROOT / "forebyg/domain/deadlines").glob("*.py")]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            assert not any(n.split(".")[0] in {"django", "ninja", "rules"} for n in names), path


@pytest.mark.parametrize("text", [
    "2024-03-28T22:30:00+01:00", "2024-03-28T21:30:00Z", "2024-03-28T21:30:00+00:00",
    "2024-03-29T03:00:00+05:30", "2024-03-28T16:30:00-05:00", "2024-03-28T22:30+01:00",
    "2024-03-28T22:30:00.000000+01:00",
])
def test_timestamps_in_every_offset_form_parse_to_the_same_utc_instant(text):
    moment = parse_ts(text)
    assert moment.tzinfo is UTC
    assert moment == datetime(2024, 3, 28, 21, 30, tzinfo=UTC)
    assert parse_ts(datetime.fromisoformat(text)) == moment


@pytest.mark.parametrize("bad", ["2024-03-28T22:30:00", "2024-03-28", datetime(2024, 3, 28, 22)])
def test_timestamps_without_offset_are_refused(bad):
    with pytest.raises(ValueError):
        parse_ts(bad)
    record = {"type": "notification", "id": "n1", "municipality": 657, "received_at": bad,
              "channel": "email", "notifier_kind": "school", "notifier_professional": True,
              "concern": "-", "children": ["c1"]}
    with pytest.raises(ValueError):
        compute_obligations([record], as_of=datetime(2025, 1, 1, tzinfo=UTC))
