# SPDX-License-Identifier: MPL-2.0
"""Who is owed feedback (BL § 138 / SEL § 155 b) is decided in one place (#15): a professional
notifier who is not anonymous. The pages, the services, the deadline engine and the key figures all
ask `feedback_owed`; an anonymous caller wrongly marked professional is owed nothing by any of them."""

from datetime import datetime

from forebyg.domain.deadlines import compute_obligations
from forebyg.domain.interchange import schema as sx
from forebyg.domain.interchange.schema import NOTIFIER_KINDS, PROFESSIONAL_NOTIFIER_KINDS, feedback_owed


def test_professional_notifiers_are_owed_feedback_anonymous_and_private_ones_are_not():
    for kind in PROFESSIONAL_NOTIFIER_KINDS:
        assert feedback_owed(notifier_kind=kind, professional=True)
    assert feedback_owed(notifier_kind="other", professional=True)  # "other": decided case by case
    assert not feedback_owed(notifier_kind="anonymous", professional=True)
    for kind in NOTIFIER_KINDS:
        assert not feedback_owed(notifier_kind=kind, professional=False)


def _records(kind, professional):
    return [
        {"type": "child", "id": "c1", "municipality": 657, "name": "X", "birth_date": "2015-01-01",
         "registered_at": "2020-01-01T10:00:00+01:00"},
        {"type": "notification", "id": "n1", "municipality": 657, "received_at": "2025-03-03T10:00:00+01:00",
         "channel": "phone", "notifier_kind": kind, "notifier_professional": professional, "concern": "x",
         "children": ["c1"]},
        {"type": "case", "id": "k1", "municipality": 657, "child": "c1", "opened_at": "2025-03-04T10:00:00+01:00"},
        {"type": "investigation", "id": "i1", "municipality": 657, "case": "k1", "child": "c1",
         "aware_at": "2025-03-04T10:00:00+01:00", "started_at": "2025-03-04T10:00:00+01:00", "consent": True},
    ]


def test_the_deadline_engine_asks_the_same_question():
    as_of = datetime.fromisoformat("2025-06-01T12:00:00+02:00")
    for kind, professional in (("school", True), ("anonymous", True), ("family", False), ("other", True)):
        obs = compute_obligations(_records(kind, professional), as_of=as_of)
        has_feedback = any(o.rule_id.endswith(".notifier_feedback") for o in obs)
        assert has_feedback == feedback_owed(notifier_kind=kind, professional=professional), kind


def test_every_decision_outcome_has_its_feedback_content():
    """The feedback after a decision (the notification page's prompt, the feedback letter) is one of
    the feedback contents the format knows, for every outcome a decision can have."""
    assert set(sx.FEEDBACK_AFTER) == set(sx.DECISION_OUTCOMES)
    assert {sx.feedback_after(o) for o in sx.DECISION_OUTCOMES} <= set(sx.FEEDBACK_CONTENT)
    assert sx.feedback_after("investigation") == "investigation_started"
    assert sx.feedback_after("unknown") == "nothing_started"
