# SPDX-License-Identifier: MPL-2.0
"""Reusing the deadline engine's records per child (forebyg.deadlines.records): every change to a
child's records gives the child a new revision, so reused records are never stale; obligations
from reused records equal those computed from a fresh read and from the file itself."""

import uuid
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scopes_disabled

from forebyg.cases import models as m
from forebyg.cases.revisions import WATCHED_TYPES, revisions
from forebyg.cases.services import practice
from forebyg.cases.services.interchange import interchange_import
from forebyg.deadlines import records as reuse
from forebyg.deadlines import selectors as sel
from forebyg.domain.deadlines import compute_obligations
from forebyg.domain.interchange import parse_lines

CPH = ZoneInfo("Europe/Copenhagen")
DATA = Path(__file__).resolve().parents[1] / "keyfigures" / "data" / "small.jsonl"
AS_OF = datetime(2025, 1, 31, 12, 0, tzinfo=CPH)


@pytest.fixture
def imported(municipality, users):
    with open(DATA, encoding="utf-8") as fh:
        interchange_import(lines=fh)
    with scopes_disabled():
        return sorted(m.Child.objects.filter(municipality=municipality).values_list("id", flat=True))


def _sorted(obligations):
    return sorted(obligations, key=repr)


def _obligations(ids, as_of=AS_OF):
    return _sorted(sel.obligations_for_children(municipality_id=657, child_ids=ids, as_of=as_of))


def test_an_import_gives_every_child_it_touches_a_revision(imported):
    assert set(revisions(imported)) == set(imported)


def test_every_watched_record_type_changes_its_childrens_revision_when_saved(imported, scoped):
    with scopes_disabled():
        for rtype in WATCHED_TYPES:
            if rtype == "network_meeting":
                continue  # not in the file; recorded through the service below
            obj = m.TYPE_MODELS[rtype].objects.order_by("id").first()
            if obj is None:  # a type only a local standard would read (network persons, ...): not in the file
                assert rtype not in reuse.ENGINE_TYPES, rtype
                continue
            if rtype == "child":
                affected = {obj.pk}
            elif rtype == "notification":
                affected = set(obj.children.values_list("id", flat=True))
            elif hasattr(obj, "child_id"):
                affected = {obj.child_id}
            else:
                affected = set(obj.notification.children.values_list("id", flat=True))
            before = revisions(affected)
            obj.save()
            after = revisions(affected)
            assert all(after[c] != before[c] for c in affected), rtype


def test_recording_changes_the_childs_revision_and_what_its_page_shows(users, child):
    first = revisions([child.pk])[child.pk]
    n = practice.notification_register(
        actor=users["receiving_unit"], received_at=AS_OF - timedelta(days=2), channel="email",
        notifier_kind="school", notifier_professional=True, concern="Bekymring (syntetisk)", children=[child])
    second = revisions([child.pk])[child.pk]
    assert second != first
    before = {o.rule_id: o.status for o in _obligations([child.pk])}
    assert before["bl.acute_assessment"] == "overdue"
    practice.acute_assessment_record(actor=users["receiving_unit"], notification=n,
                                     assessed_at=AS_OF - timedelta(hours=20), acute=False, action="Vurderet")
    assert revisions([child.pk])[child.pk] != second
    assert {o.rule_id: o.status for o in _obligations([child.pk])}["bl.acute_assessment"] == "met_late"
    practice.network_meeting_record(actor=users["caseworker"], child=child, held_at=AS_OF - timedelta(hours=3),
                                    kind="inclusive", participants=[], agreements=None, followup_date=None)
    assert revisions([child.pk])[child.pk] != second


def test_adding_a_sibling_to_a_notification_changes_both(users, child, scoped):
    sibling = practice.child_register(actor=users["receiving_unit"], name="Søskende Syntetisk",
                                      birth_date=date(2017, 5, 6))
    n = practice.notification_register(
        actor=users["receiving_unit"], received_at=AS_OF - timedelta(days=2), channel="email",
        notifier_kind="school", notifier_professional=True, concern="Bekymring (syntetisk)", children=[child])
    before = revisions([child.pk, sibling.pk])
    n.children.add(sibling)
    after = revisions([child.pk, sibling.pk])
    assert before[sibling.pk] != after[sibling.pk]
    # One notification about two children: its acute assessment is one obligation, not two.
    rules = [o.rule_id for o in _obligations([child.pk, sibling.pk])]
    assert rules.count("bl.acute_assessment") == 1


def test_reused_records_give_the_same_obligations_as_a_fresh_read_and_as_the_file(imported, settings):
    reuse.clear()
    cold = _obligations(imported)
    with CaptureQueriesContext(connection) as reads:
        warm = _obligations(imported)
    assert warm == cold
    assert len(reads) <= 3, [q["sql"][:80] for q in reads]  # settings + revisions, no records read
    settings.FOREBYG_DEADLINE_CACHE_RECORDS = 0
    assert _obligations(imported) == cold
    with open(DATA, encoding="utf-8") as fh:
        records = [r for r in parse_lines(fh) if r["type"] in reuse.ENGINE_TYPES]
    assert _sorted(compute_obligations(records, as_of=AS_OF)) == cold
    # Some of the children, after all of them were read: the same as reading just those.
    some = imported[1:5]
    fresh = _obligations(some)
    settings.FOREBYG_DEADLINE_CACHE_RECORDS = 200_000
    _obligations(imported)
    assert _obligations(some) == fresh and fresh


def test_retention_gives_the_children_it_changes_a_new_revision(users, child, scoped):
    from forebyg.security import retention

    sibling = practice.child_register(actor=users["receiving_unit"], name="Søskende Syntetisk",
                                      birth_date=date(2017, 5, 6))
    practice.notification_register(
        actor=users["receiving_unit"], received_at=AS_OF - timedelta(days=2), channel="email",
        notifier_kind="school", notifier_professional=True, concern="Bekymring (syntetisk)",
        children=[child, sibling])

    def reused():
        return reuse.engine_records(municipality_id=657, child_ids=[sibling.pk])

    assert [r["children"] for r in reused() if r["type"] == "notification"] == [sorted([child.pk, sibling.pk])]
    before = revisions([child.pk, sibling.pk])
    retention.anonymise("child", child.pk)
    middle = revisions([child.pk, sibling.pk])
    assert middle[child.pk] != before[child.pk] and middle[sibling.pk] != before[sibling.pk]
    reused()
    retention.delete("child", child.pk)
    assert revisions([sibling.pk])[sibling.pk] != middle[sibling.pk]
    # What the sibling's pages reuse no longer names the deleted child.
    assert [r["children"] for r in reused() if r["type"] == "notification"] == [[sibling.pk]]


def test_processes_share_what_they_read_through_signed_rows(imported, settings):
    from forebyg.deadlines.models import ChildRecords

    settings.FOREBYG_DEADLINE_CACHE_SHARED = True
    reuse.clear()
    cold = _obligations(imported)
    assert set(ChildRecords.objects.values_list("child_id", flat=True)) == set(imported)
    reuse.clear()  # another process: nothing in its memory
    with CaptureQueriesContext(connection) as reads:
        assert _obligations(imported) == cold
    assert len(reads) <= 4, [q["sql"][:80] for q in reads]  # settings, revisions, the shared rows
    # An altered row is not trusted (it would be unpickled): that child is read from the tables.
    row = ChildRecords.objects.get(child_id=imported[0])
    blob = bytearray(row.payload)
    blob[-5] ^= 0xFF
    ChildRecords.objects.filter(pk=row.pk).update(payload=bytes(blob))
    assert reuse.shared_get({imported[0]: row.revision}) == {}
    reuse.clear()
    assert _obligations(imported) == cold
    # A row of an earlier revision is not used either.
    assert reuse.shared_get({imported[1]: uuid.uuid4()}) == {}
    reuse.forget(imported)
    assert not ChildRecords.objects.exists()


def test_what_is_kept_between_requests_holds_no_names_cpr_numbers_or_free_text(users, child, scoped, settings):
    from forebyg.deadlines.models import ChildRecords
    from forebyg.domain.interchange.schema import PERSONAL_FIELDS

    settings.FOREBYG_DEADLINE_CACHE_SHARED = True
    practice.notification_register(
        actor=users["receiving_unit"], received_at=AS_OF - timedelta(days=2), channel="email",
        notifier_kind="school", notifier_professional=True, concern="Bekymring om Testbarn (syntetisk)",
        children=[child], notifier_name="Lærer Syntetisk")
    reuse.clear()
    kept = reuse.engine_records(municipality_id=657, child_ids=[child.pk])
    assert {r["type"] for r in kept} >= {"child", "notification"}
    assert not any(set(r) & PERSONAL_FIELDS for r in kept)
    stored = bytes(ChildRecords.objects.get(child_id=child.pk).payload)
    for secret in ("640315-4179", "6403154179", "Testbarn", "Bekymring", "Lærer"):
        assert secret.encode() not in stored, secret


def test_retention_removes_the_stored_records(users, child, scoped, settings):
    from forebyg.deadlines.models import ChildRecords
    from forebyg.security import retention

    settings.FOREBYG_DEADLINE_CACHE_SHARED = True
    practice.notification_register(
        actor=users["receiving_unit"], received_at=AS_OF - timedelta(days=2), channel="email",
        notifier_kind="school", notifier_professional=True, concern="Bekymring (syntetisk)", children=[child])
    reuse.clear()
    _obligations([child.pk])
    assert ChildRecords.objects.filter(child_id=child.pk).exists()
    retention.anonymise("child", child.pk)
    assert not ChildRecords.objects.filter(child_id=child.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_shared_rows_are_written_without_waiting_for_the_disk_and_nothing_else_is(municipality):
    from django.db import transaction

    from forebyg.deadlines.models import ChildRecords

    if connection.vendor != "postgresql":
        pytest.skip("synchronous_commit is PostgreSQL's (DATABASE_URL=postgres://...)")

    def setting():
        with connection.cursor() as cursor:
            cursor.execute("SHOW synchronous_commit")
            return cursor.fetchone()[0]

    token = uuid.uuid4()
    records = ({"type": "child", "id": "c-1"},)
    reuse.shared_put({"c-1": (token, records)})  # a transaction of its own: asynchronous commit
    assert setting() == "on", "only for that transaction"
    assert reuse.shared_get({"c-1": token}) == {"c-1": records}
    with transaction.atomic():  # inside someone else's transaction: that one stays synchronous
        reuse.shared_put({"c-2": (token, records)})
        assert setting() == "on"
    assert ChildRecords.objects.count() == 2
