# SPDX-License-Identifier: MPL-2.0
"""Retention: the daily job lists what is past retention and changes nothing; after approval it
anonymises (or deletes) it - also in every earlier version - and logs what it did."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection
from django_scopes import scope, scopes_disabled

from forebyg.audit.models import LogEntry
from forebyg.cases import models as m
from forebyg.cases.services import practice
from forebyg.security import retention as ret
from forebyg.security.models import RetentionRun

pytestmark = pytest.mark.django_db
CPH = ZoneInfo("Europe/Copenhagen")
LONG_AGO = datetime(2012, 1, 10, 10, 0, tzinfo=CPH)
AS_OF = date(2026, 3, 3)


@pytest.fixture
def old(users, municipality, team, now):
    """In 2012: siblings notified about (no further action), and early counselling without a case.
    Today: a child with an open case."""
    u = users
    with scope(municipality=[municipality.code]):
        now.set(LONG_AGO)
        a = practice.child_register(actor=u["receiving_unit"], name="Gammel Søskende", birth_date=date(2008, 3, 4),
                                    cpr="640308-4019", custody_holders=[{"name": "Forælder Gammel", "relation": "mor"}])
        b = practice.child_register(actor=u["receiving_unit"], name="Gammel Bror", birth_date=date(2009, 5, 6))
        n = practice.notification_register(actor=u["receiving_unit"], received_at=LONG_AGO, channel="phone",
                                           notifier_kind="school", notifier_professional=True,
                                           concern="Gammel bekymring om familien", children=[a, b],
                                           notifier_name="Lærer Gammel", team=team)
        for c in (a, b):
            practice.decision_record(actor=u["caseworker"], notification=n, child=c, decided_at=LONG_AGO,
                                     outcome="no_action", note="Intet at gøre")
        c = practice.child_register(actor=u["receiving_unit"], name="Gammel Rådgivning", birth_date=date(2010, 1, 1))
        couns = practice.counselling_start(actor=u["caseworker"], child=c, started_at=LONG_AGO, consent_at=LONG_AGO,
                                           consent_by="Mor Gammel", referred_by="school", note="Samtaler om søvn")
        practice.counselling_end(actor=u["caseworker"], counselling=couns, ended_at=LONG_AGO)
        practice.network_person_record(actor=u["caseworker"], child=c, name="Moster Gammel", relation="moster",
                                       resource=True, note=None)
        now.set(datetime(2026, 3, 1, 10, 0, tzinfo=CPH))
        d = practice.child_register(actor=u["receiving_unit"], name="Aktiv Sag", birth_date=date(2016, 1, 1))
        nd = practice.notification_register(actor=u["receiving_unit"], received_at=now.value, channel="phone",
                                            notifier_kind="school", notifier_professional=True, concern="Ny",
                                            children=[d], team=team)
        practice.notification_assign(actor=u["team_leader"], notification=nd, caseworker=u["caseworker"])
        practice.decision_record(actor=u["caseworker"], notification=nd, child=d, decided_at=now.value,
                                 outcome="investigation")
    return {"a": a, "b": b, "c": c, "d": d, "n": n, "counselling": couns}


def _names(table):
    with connection.cursor() as cur:
        cur.execute(f"SELECT name FROM {table}")
        return {r[0] for r in cur.fetchall()}


def test_listing_changes_nothing_and_approval_anonymises_everything(old, users, municipality, login):
    [run] = ret.retention_run(as_of=AS_OF, municipality=municipality.code)
    kinds = {(i["kind"], i["id"]) for i in run.items}
    assert ("notification_no_action", old["n"].pk) in kinds
    assert ("counselling_without_case", old["counselling"].pk) in kinds
    assert {("child_inactive", old[k].pk) for k in "abc"} <= kinds
    assert not any(i["id"] == old["d"].pk for i in run.items), "a child with an open case is kept"
    assert "Gammel Søskende" in _names("cases_child"), "listing changes nothing"
    # Approval on the page (manager).
    c = login(users["manager"])
    page = c.get("/sikkerhed/sletning/").content.decode()
    assert "Approve" in page or "Godkend" in page
    assert c.post(f"/sikkerhed/sletning/{run.pk}/godkend/").status_code == 302
    run.refresh_from_db()
    assert run.approved_by == users["manager"] and run.result["applied"] == len(run.items)
    with scopes_disabled():
        a = m.Child.objects.get(pk=old["a"].pk)
        assert a.name == ret.ANONYMISED_NAME and a.cpr is None and a.cpr_hash is None and a.custody_holders == []
        assert a.birth_date == date(2008, 7, 1)
        n = m.Notification.objects.get(pk=old["n"].pk)
        assert n.concern == "" and n.notifier_name is None
        assert set(m.Decision.objects.filter(notification=n).values_list("note", flat=True)) == {None}
        couns = m.Counselling.objects.get(pk=old["counselling"].pk)
        assert couns.consent_by == "" and couns.note is None
        assert m.NetworkPerson.objects.get(child_id=old["c"].pk).name == ""
        assert m.Child.objects.get(pk=old["d"].pk).name == "Aktiv Sag"
    # No trace of the names in any earlier version either.
    history = _names("cases_historicalchild") | _names("cases_historicalnetworkperson")
    assert not {"Gammel Søskende", "Gammel Bror", "Gammel Rådgivning", "Moster Gammel"} & history
    with connection.cursor() as cur:
        cur.execute("SELECT concern, notifier_name FROM cases_historicalnotification WHERE id = %s", [old["n"].pk])
        assert set(cur.fetchall()) == {("", None)}
    applied = LogEntry.objects.filter(action_type="security.retention.applied")
    assert applied.count() == len(run.items) and all("Gammel" not in str(e.payload) for e in applied)
    # What remains still counts: the notification and decisions are there.
    with scopes_disabled():
        assert m.Decision.objects.filter(notification_id=old["n"].pk).count() == 2


def test_an_item_that_no_longer_qualifies_is_skipped(old, users, municipality, now):
    [run] = ret.retention_run(as_of=AS_OF, municipality=municipality.code)
    with scope(municipality=[municipality.code]):  # a new notification about the child before approval
        practice.notification_register(actor=users["receiving_unit"], received_at=now.value, channel="phone",
                                       notifier_kind="police", notifier_professional=True, concern="Igen",
                                       children=[old["c"]])
    run = ret.retention_apply(run=run, actor=users["manager"])
    assert run.result["skipped"] >= 1
    with scopes_disabled():
        assert m.Child.objects.get(pk=old["c"].pk).name == "Gammel Rådgivning"
    with pytest.raises(ValueError):
        ret.retention_apply(run=run, actor=users["manager"])


def test_delete_rule_removes_the_child_with_all_records_and_versions(old, users, municipality, team, login):
    from forebyg.security import retention_rules as rr
    from tests.conftest import make_user

    second = make_user(municipality, "administrator", "admin2", team)
    c = login(users["administrator"])
    r = c.post("/sikkerhed/sletning/", {"kind": "child_inactive", "child_inactive-years": "10",
                                        "child_inactive-action": "delete", "child_inactive-enabled": "on"})
    assert r.status_code == 302
    for kind in ("notification_no_action", "counselling_without_case"):
        rr.rule_propose(actor=users["administrator"], municipality_id=municipality.code, kind=kind, years=5,
                        action="anonymise", enabled=False)
    for change in rr.pending(municipality.code).values():  # four eyes: the second administrator confirms
        rr.rule_confirm(actor=second, change=change)
    [run] = ret.retention_run(as_of=AS_OF, municipality=municipality.code)
    run = ret.retention_apply(run=run, actor=users["manager"], approved_via="command line")
    assert run.result["applied"] == 3
    with scopes_disabled():
        assert not m.Child.objects.filter(pk__in=[old[k].pk for k in "abc"]).exists()
        assert not m.Notification.objects.filter(pk=old["n"].pk).exists(), "its children are all gone"
        assert not m.Counselling.objects.filter(child_id=old["c"].pk).exists()
        assert m.Child.objects.filter(pk=old["d"].pk).exists()
    assert not {"Gammel Søskende", "Gammel Bror", "Gammel Rådgivning"} & _names("cases_historicalchild")
    assert not _names("cases_historicalnetworkperson") & {"Moster Gammel"}


def test_sibling_keeps_the_shared_notification(old, users, municipality):
    with scope(municipality=[municipality.code]):
        assert ret.anonymise("child", old["a"].pk) > 0
        n = m.Notification.objects.get(pk=old["n"].pk)
        assert n.concern == "Gammel bekymring om familien", "the brother's data is not past retention yet"
        counts = ret.delete("child", old["a"].pk)
        assert counts["Child"] == 1 and m.Notification.objects.filter(pk=old["n"].pk).exists()
        assert list(n.children.all()) == [old["b"]]


def test_command_lists_and_applies(old, municipality, users, capsys):
    call_command("retention", "--as-of", AS_OF.isoformat(), "--municipality", str(municipality.code))
    out = capsys.readouterr().out
    assert "awaiting approval" in out and "child_inactive 3" in out
    with scopes_disabled():
        run = RetentionRun.objects.get()
    call_command("retention", "--apply", str(run.pk), "--approved-by", users["manager"].username)
    assert "applied" in capsys.readouterr().out
    with scopes_disabled():
        assert m.Child.objects.get(pk=old["a"].pk).name == ret.ANONYMISED_NAME


def test_a_recent_journal_note_keeps_the_child_off_the_list(old, users, municipality, now):
    """A journal note is activity about the child like any other record (issue #15)."""
    from forebyg.cases.services.journal import journal_note_record

    def listed(run):
        return {(i["model"], i["id"]) for i in run.items}

    [run] = ret.retention_run(as_of=AS_OF, municipality=municipality.code)
    assert ("child", old["c"].pk) in listed(run)
    with scope(municipality=[municipality.code]):
        journal_note_record(actor=users["caseworker"], child=old["c"], written_at=now.value, kind="phone",
                            text="Mor ringede igen (syntetisk)")
    [run] = ret.retention_run(as_of=AS_OF, municipality=municipality.code)
    assert ("child", old["c"].pk) not in listed(run)
