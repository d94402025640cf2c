# SPDX-License-Identifier: MPL-2.0
"""Docs that tests enforce: every assessment point and check of the case review is documented
in docs/review.md, and the generated part is up to date."""

import re
from pathlib import Path

from forebyg.domain.review import CHECKS, DEFAULT_RULESET
from forebyg.domain.review.catalogue import current_block, review_markdown

DOC = Path(__file__).resolve().parents[2] / "docs" / "review.md"


def test_every_point_is_documented():
    text = DOC.read_text(encoding="utf-8")
    documented = set(re.findall(r"^#### `([a-z_.]+)` \(version (\d+)\)", text, re.M))
    missing = {(p.id, str(p.version)) for p in DEFAULT_RULESET.points} - documented
    assert not missing, f"document these points in docs/review.md: {sorted(missing)}"


def test_every_check_is_documented():
    text = DOC.read_text(encoding="utf-8")
    documented = set(re.findall(r"^#### Check `([a-z_]+)`", text, re.M))
    assert set(CHECKS) - documented == set(), "document these checks in docs/review.md"


def test_the_generated_part_is_current():
    text = DOC.read_text(encoding="utf-8")
    assert current_block(text) == review_markdown(), (
        "docs/review.md is out of date: run python -m forebyg.domain.review.catalogue docs/review.md")


def test_every_point_explains_how_it_is_decided():
    for p in DEFAULT_RULESET.points:
        assert p.notes and p.legal_reference and p.source, p.id
        assert p.met_da and p.not_met_da and p.met_en and p.not_met_en and p.recommendation_da, p.id


def test_limits_are_given_in_both_languages():
    for p in DEFAULT_RULESET.points:
        assert bool(p.limits) == bool(p.limits_da), p.id
