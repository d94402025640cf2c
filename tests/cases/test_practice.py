# SPDX-License-Identifier: MPL-2.0
"""Case-practice services on a real database: what they write, what they refuse, what they log."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django_scopes import ScopeError, scope, scopes_disabled

from forebyg.audit.models import AppendOnlyError, LogEntry
from forebyg.cases import models as m
from forebyg.cases.services import practice

CPH = ZoneInfo("Europe/Copenhagen")
T0 = datetime(2025, 3, 3, 9, 0, tzinfo=CPH)


def notify(users, children, at=T0, professional=True):
    return practice.notification_register(
        actor=users["receiving_unit"], received_at=at, channel="email", notifier_kind="school",
        notifier_professional=professional, concern="Skolen er bekymret (syntetisk)", children=children)


def test_child_register_validates_cpr(users, scoped):
    with pytest.raises(ValidationError) as exc:
        practice.child_register(actor=users["receiving_unit"], name="X", birth_date=date(2015, 3, 4), cpr="123")
    assert "cpr" in exc.value.error_dict
    with pytest.raises(ValidationError):  # a valid form, but not the child's birth date
        practice.child_register(actor=users["receiving_unit"], name="X", birth_date=date(2016, 3, 4),
                                cpr="640315-4179")
    assert m.Child.objects.count() == 0


def test_notification_about_siblings_and_continuity(users, child, scoped):
    sibling = practice.child_register(actor=users["receiving_unit"], name="Søskende", birth_date=date(2018, 1, 1))
    first = notify(users, [child, sibling])
    assert set(first.children.all()) == {child, sibling}
    assert first.assigned_to is None
    practice.notification_assign(actor=users["team_leader"], notification=first, caseworker=users["caseworker"])
    practice.decision_record(actor=users["caseworker"], notification=first, child=child,
                             decided_at=T0 + timedelta(days=2), outcome="investigation")
    case = practice.case_for(child)
    assert case.caseworker == users["caseworker"]
    # A new notification about a child who has a caseworker goes to that caseworker.
    second = notify(users, [child], at=T0 + timedelta(days=30))
    second.refresh_from_db()
    assert second.assigned_to == users["caseworker"]


def test_decision_refused_for_child_not_in_notification(users, child, scoped):
    other = practice.child_register(actor=users["receiving_unit"], name="Anden", birth_date=date(2012, 1, 1))
    n = notify(users, [child])
    with pytest.raises(ValidationError):
        practice.decision_record(actor=users["caseworker"], notification=n, child=other,
                                 decided_at=T0 + timedelta(days=1), outcome="no_action")
    assert not m.Decision.objects.exists()


def test_measure_law_period_follows_decision_date(users, child, scoped):
    sel = practice.measure_decide(actor=users["caseworker"], child=child, kind="sel_family_treatment",
                                  decided_at=datetime(2023, 12, 31, 23, 0, tzinfo=CPH))
    assert (sel.law, sel.step, sel.legal_basis) == ("SEL", 3, "SEL § 52 stk. 3 nr. 3")
    with pytest.raises(ValidationError):  # an SEL kind decided under Barnets Lov
        practice.measure_decide(actor=users["caseworker"], child=child, kind="sel_family_treatment",
                                decided_at=datetime(2024, 1, 1, 0, 30, tzinfo=CPH))
    bl = practice.measure_decide(actor=users["caseworker"], child=child, kind="bl_placement_network",
                                 decided_at=datetime(2024, 1, 1, 0, 30, tzinfo=CPH))
    assert (bl.law, bl.step) == ("BL", 4)


def test_correction_keeps_earlier_version(users, child, scoped):
    measure = practice.measure_decide(actor=users["caseworker"], child=child, kind="bl_consult", decided_at=T0)
    practice.measure_start(actor=users["caseworker"], measure=measure, started_at=T0 + timedelta(days=3))
    practice.measure_end(actor=users["caseworker"], measure=measure, ended_at=T0 + timedelta(days=90),
                         end_reason="Mål nået")
    versions = list(measure.history.order_by("history_date"))
    assert [v.started_at is not None for v in versions] == [False, True, True]
    assert versions[0].ended_at is None and versions[-1].end_reason == "Mål nået"
    actions = list(LogEntry.objects.filter(object_id=measure.pk).values_list("action_type", flat=True))
    assert set(actions) == {"cases.measure.decided", "cases.measure.started", "cases.measure.ended"}
    with pytest.raises(ValidationError):
        practice.measure_end(actor=users["caseworker"], measure=measure, ended_at=T0 + timedelta(days=91),
                             end_reason="igen")


def test_audit_log_is_append_only_and_redacted(users, child, scoped):
    entry = LogEntry.objects.filter(action_type="cases.child.registered").get()
    assert entry.payload["cpr"] == "[redacted]" and entry.payload["name"] == "[redacted]"
    assert "6403154179" not in str(entry.payload)
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()


def test_unscoped_query_fails_loudly(users):
    with scope(municipality=[users["caseworker"].municipality_id]):
        child = practice.child_register(actor=users["receiving_unit"], name="Y", birth_date=date(2014, 1, 1))
    with pytest.raises(ScopeError):
        list(m.Child.objects.all())
    with scope(municipality=[167]):
        assert not m.Child.objects.filter(pk=child.pk).exists()
    with scopes_disabled():
        assert m.Child.objects.filter(pk=child.pk).exists()


def test_followup_needs_open_case(users, child, scoped):
    with pytest.raises(ValidationError):
        practice.followup_record(actor=users["caseworker"], child=child, held_at=T0, note=None, next_due=None)
    practice.investigation_start(actor=users["caseworker"], child=child, aware_at=T0, started_at=T0, consent=True)
    f = practice.followup_record(actor=users["caseworker"], child=child, held_at=T0 + timedelta(days=80),
                                 note="Fremgang", next_due=date(2025, 11, 1))
    assert f.case == practice.case_for(child)
