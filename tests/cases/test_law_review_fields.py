# SPDX-License-Identifier: MPL-2.0
"""The fields the second law review added (issue #16) on a real database: the abuse marker on a
notification, the plan decision and the urgent action plan on a measure — written through the
services and the API, refused where they do not belong, exported, and read by the deadline engine."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from forebyg.cases import models as m
from forebyg.cases.forms import MeasureForm, NotificationForm
from forebyg.cases.selectors.records import interchange_records
from forebyg.cases.services import practice
from forebyg.deadlines.selectors import obligations_for_children

CPH = ZoneInfo("Europe/Copenhagen")
AS_OF = datetime(2026, 1, 1, 12, 0, tzinfo=CPH)


def _obligations(user, child, rule_id):
    return [o for o in obligations_for_children(municipality_id=user.municipality_id, child_ids=[child.pk],
                                                as_of=AS_OF) if o.rule_id == rule_id]


def test_abuse_marker_reaches_the_engine_and_the_export(users, child, scoped):
    """Received Mon 3 March 2025 09:00 about abuse: a conversation with the child is due 5 working
    days later, Mon 10 March 2025 (local default). Without the marker there is no such obligation."""
    n = practice.notification_register(
        actor=users["receiving_unit"], received_at=datetime(2025, 3, 3, 9, 0, tzinfo=CPH), channel="email",
        notifier_kind="school", notifier_professional=True, concern="Syntetisk", children=[child],
        concerns_abuse=True)
    (ob,) = _obligations(users["caseworker"], child, "bl.abuse_conversation")
    assert (ob.subject_id, ob.due_date, ob.status) == (n.pk, date(2025, 3, 10), "overdue")
    (rec,) = [r for r in interchange_records(types=["notification"]) if r["id"] == n.pk]
    assert rec["concerns_abuse"] is True
    practice.notification_register(
        actor=users["receiving_unit"], received_at=datetime(2025, 4, 1, 9, 0, tzinfo=CPH), channel="email",
        notifier_kind="school", notifier_professional=True, concern="Syntetisk", children=[child])
    assert len(_obligations(users["caseworker"], child, "bl.abuse_conversation")) == 1


def test_plan_decision_on_support_gives_the_plan_obligation(users, child, scoped):
    """Support decided Thu 1 May 2025 with the decision to make a plan: the plan is due 3 months
    later, Fri 1 August 2025; the position on the plan was taken at the decision (met)."""
    x = practice.measure_decide(actor=users["caseworker"], child=child, kind="bl_family_treatment",
                                decided_at=datetime(2025, 5, 1, 10, 0, tzinfo=CPH), plan_decision="plan")
    (decision,) = _obligations(users["caseworker"], child, "bl.plan_decision")
    assert (decision.status, decision.met_by) == ("met_on_time", x.pk)
    (plan,) = _obligations(users["caseworker"], child, "bl.plan")
    assert plan.due_date == date(2025, 8, 1)
    (rec,) = [r for r in interchange_records(types=["measure"]) if r["id"] == x.pk]
    assert (rec["plan_decision"], rec["urgent_plan"]) == ("plan", None)


def test_plan_fields_are_refused_in_the_wrong_law_period(users, child, scoped):
    with pytest.raises(ValidationError) as exc:
        practice.measure_decide(actor=users["caseworker"], child=child, kind="sel_family_treatment",
                                decided_at=datetime(2023, 5, 1, 10, 0, tzinfo=CPH), plan_decision="plan")
    assert "plan_decision" in exc.value.error_dict
    with pytest.raises(ValidationError) as exc:
        practice.measure_decide(actor=users["caseworker"], child=child, kind="bl_family_treatment",
                                decided_at=datetime(2025, 5, 1, 10, 0, tzinfo=CPH), urgent_plan=True)
    assert "urgent_plan" in exc.value.error_dict
    assert not m.Measure.objects.exists()
    urgent = practice.measure_decide(actor=users["caseworker"], child=child, kind="sel_family_treatment",
                                     decided_at=datetime(2023, 5, 1, 10, 0, tzinfo=CPH), urgent_plan=True)
    (ob,) = _obligations(users["caseworker"], child, "sel.plan")
    assert (urgent.urgent_plan, ob.due_date) == (True, date(2023, 9, 1))  # 4 months after 1 May 2023


def test_the_forms_carry_the_new_fields(scoped):
    assert "concerns_abuse" in NotificationForm().fields
    form = MeasureForm(data={"decided_at": "2025-05-01T10:00", "kind": "bl_family_treatment", "plan_decision": ""})
    form.is_valid()
    assert form.cleaned_data.get("plan_decision") is None and form.cleaned_data.get("urgent_plan") is False
