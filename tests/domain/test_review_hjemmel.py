# SPDX-License-Identifier: MPL-2.0
"""Review points carry their hjemmel in Danish for the Danish pages and the report (issue #16)."""

import pytest

from forebyg.domain.review import DEFAULT_RULESET
from forebyg.domain.review.points import Point

ENGLISH = ("UNCONFIRMED", "section", "probable", "see docs", "Local practice", "not law", "review point",
           "for network", "the follow-up assesses")


@pytest.mark.parametrize("point", DEFAULT_RULESET.points, ids=lambda p: p.id)
def test_every_point_has_a_danish_hjemmel(point):
    text = point.hjemmel("da")
    assert text and text == point.legal_reference_da
    assert [w for w in ENGLISH if w in text] == [], text
    assert point.hjemmel("en") == point.legal_reference
    assert Point.from_dict(point.to_dict()) == point


def test_receipt_and_feedback_cite_section_138():
    by_id = {p.id: p for p in DEFAULT_RULESET.points}
    assert by_id["notification.acknowledgement"].hjemmel("da") == "SEL § 155 b, stk. 1 / BL § 138, stk. 1"
    assert by_id["notification.notifier_feedback"].hjemmel("da") == "SEL § 155 b, stk. 2 / BL § 138, stk. 2"
