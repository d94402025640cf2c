# SPDX-License-Identifier: MPL-2.0
"""Related records read with SQL compiled once (cases/selectors/related.py, issue #20): the same
records as Django's prefetch, never another scope's, and nothing kept but SQL and municipality codes."""

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import Prefetch, prefetch_related_objects
from django.test.utils import CaptureQueriesContext
from django_scopes import scope

from forebyg.cases import models as m
from forebyg.cases.selectors import related
from forebyg.cases.selectors.child import read_child
from forebyg.cases.services import practice
from forebyg.cases.services.interchange import interchange_import
from forebyg.documents.services import document_add
from forebyg.progression import models as pm

from ..conftest import make_user

CPH = ZoneInfo("Europe/Copenhagen")
DATA = Path(__file__).resolve().parents[1] / "keyfigures" / "data" / "small.jsonl"


def _django() -> list:
    """What read_child reads, as Django's prefetch reads it (the child page before issue #20's round 3)."""
    return [
        Prefetch("notifications", queryset=m.Notification.objects.prefetch_related(
            "acute_assessments", "acknowledgements", "feedback", Prefetch("children", queryset=m.Child.objects.only("id")))),
        Prefetch("decisions", queryset=m.Decision.objects.select_related("notification")),
        Prefetch("cases", queryset=m.Case.objects.select_related("caseworker")),
        Prefetch("measures", queryset=m.Measure.objects.select_related("offer")),
        Prefetch("plans", queryset=m.Plan.objects.prefetch_related("goals")),
        "counsellings", "investigations", "conversations", "network_meetings", "followups", "network_persons",
        Prefetch("journal_notes", queryset=m.JournalNote.objects.select_related("author")),
        Prefetch("goals", queryset=m.Goal.objects.select_related("plan")),
        Prefetch("scaling_rounds", queryset=pm.ScalingRound.objects.select_related("goal")), "goal_scales",
        "instrument_answers", "documents__versions__by",
    ]


NESTED = {"notifications": ("acute_assessments", "acknowledgements", "feedback", "children"), "plans": ("goals",),
          "documents": ("versions",)}
JOINED = {"decisions": "notification", "cases": "caseworker", "measures": "offer", "journal_notes": "author",
          "goals": "plan", "scaling_rounds": "goal", "versions": "by"}


def _state(obj) -> dict:
    return {k: v for k, v in vars(obj).items() if not k.startswith("_")}


def _same(mine, django, relation: str) -> int:
    """The records of `relation` read both ways are equal, in order, with what each refers to."""
    a, b = list(getattr(mine, relation).all()), list(getattr(django, relation).all())
    assert [_state(x) for x in a] == [_state(x) for x in b], relation
    join, n = JOINED.get(relation), len(a)
    for x, y in zip(a, b, strict=True):
        if join:
            assert join in x._state.fields_cache, (relation, join)  # read with the record, no query later
            rx, ry = getattr(x, join), getattr(y, join)
            assert (rx and _state(rx)) == (ry and _state(ry)), (relation, join)
        for sub in NESTED.get(relation, ()):
            n += _same(x, y, sub)
    return n


def test_the_child_pages_records_are_djangos(municipality, users, scoped):
    with open(DATA, encoding="utf-8") as fh:
        interchange_import(lines=fh)
    first = m.Child.objects.order_by("id").first()
    document_add(child=first, actor=users["caseworker"], filename="a.pdf", content=b"%PDF-1.4 syntetisk", title="A")
    practice.network_meeting_record(actor=users["caseworker"], child=first, held_at=datetime(2024, 6, 3, 10, tzinfo=CPH),
                                    kind="inclusive", participants=[], agreements="Aftale", followup_date=None)
    counted = 0
    for child_id in m.Child.objects.order_by("id").values_list("id", flat=True):
        mine = read_child(m.Child.objects.get(pk=child_id))
        django = m.Child.objects.get(pk=child_id)
        prefetch_related_objects([django], *_django())
        with CaptureQueriesContext(connection) as later:
            for relation in ("notifications", "decisions", "cases", "measures", "plans", "counsellings",
                             "investigations", "conversations", "network_meetings", "followups", "network_persons",
                             "journal_notes", "goals", "scaling_rounds", "goal_scales", "instrument_answers",
                             "documents"):
                counted += _same(mine, django, relation)
            assert all(x.child is mine for x in mine.measures.all())  # the records know their child
        assert len(later) == 0, "everything was read by read_child"
    assert counted > 70


def test_more_parents_than_one_and_a_query_built_on_the_result(municipality, users, scoped):
    with open(DATA, encoding="utf-8") as fh:
        interchange_import(lines=fh)
    children = list(m.Child.objects.order_by("id")[:5])  # 5: the IN list is filled up to 8
    django = list(m.Child.objects.order_by("id")[:5])
    records = related.read_related(children, "cases", shape="+caseworker",
                                   build=lambda qs: qs.select_related("caseworker"))
    prefetch_related_objects(django, Prefetch("cases", queryset=m.Case.objects.select_related("caseworker")))
    assert len(records) == sum(len(c.cases.all()) for c in django) > 0
    for mine, theirs in zip(children, django, strict=True):
        _same(mine, theirs, "cases")
        # Building on what was read asks the database, for this child's records only.
        assert list(mine.cases.filter(closed_at__isnull=True)) == list(theirs.cases.filter(closed_at__isnull=True))
        assert mine.cases.count() == m.Case.objects.filter(child=mine).count()


def test_a_compiled_read_is_never_another_scopes(municipality, other_municipality, users):
    """The scope's filter is part of the SQL, so the scope is part of the key: with the scope left
    out, the second read below would run the first municipality's SQL and find no case."""
    other = make_user(other_municipality, "caseworker", "raadgiver167")
    with scope(municipality=[other_municipality.code]):
        theirs = practice.child_register(actor=other, name="Andet Barn Syntetisk")
        practice.case_open(actor=other, child=theirs, caseworker=other)
    with scope(municipality=[municipality.code]):
        ours = practice.child_register(actor=users["receiving_unit"], name="Vores Barn Syntetisk")
        practice.case_open(actor=users["caseworker"], child=ours, caseworker=users["caseworker"])
        assert [c.child_id for c in related.read_related([ours], "cases")] == [ours.pk]
        # Outside the scope: not found, as through the scoped manager.
        assert related.read_related([m.Child(pk=theirs.pk, municipality_id=other_municipality.code)], "cases") == []
    with scope(municipality=[other_municipality.code]):
        assert [c.child_id for c in related.read_related([theirs], "cases")] == [theirs.pk]
    with scope(municipality=[municipality.code, other_municipality.code]):
        both = related.read_related([ours, theirs], "cases")
        assert sorted(c.child_id for c in both) == sorted([ours.pk, theirs.pk])


def test_only_sql_and_municipality_codes_are_kept(municipality, users, scoped):
    child = practice.child_register(actor=users["receiving_unit"], name="Hemmelig Navnesen", cpr="640315-4179")
    practice.case_open(actor=users["caseworker"], child=child, caseworker=users["caseworker"])
    read_child(child)
    kept = connections[DEFAULT_DB_ALIAS].__dict__[related._CACHE_ATTR]
    assert kept
    for key, compiled in kept.items():
        text = repr(key) + compiled.sql + repr(compiled.params)
        assert child.pk not in text and "Navnesen" not in text and "640315" not in text
        # municipality codes (of this test's scope or an earlier test's on the same connection) and placeholders
        assert all(isinstance(p, int) or (isinstance(p, str) and p.startswith("~forebyg-read-"))
                   for p in compiled.params), compiled.params
        assert compiled.base._result_cache is None  # the queryset kept is never evaluated
    assert any(municipality.code in c.params for c in kept.values())
