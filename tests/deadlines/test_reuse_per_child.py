# SPDX-License-Identifier: MPL-2.0
"""Obligations reused per group of children (forebyg.deadlines.reuse, issue #20): a team's or a
municipality's obligations are assembled from each group's (children that share a notification
together), so one changed child recomputes only its group — and the assembled obligations are those
of the whole set computed at once, at every moment, with the whole set's horizon."""

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django_scopes import scopes_disabled

from forebyg.cases import models as m
from forebyg.cases.services import practice
from forebyg.cases.services.interchange import interchange_import
from forebyg.deadlines import records, reuse
from forebyg.deadlines.selectors import settings_for
from forebyg.domain.deadlines import by_urgency, compute_with_horizon, input_types

CPH = ZoneInfo("Europe/Copenhagen")
DATA = Path(__file__).resolve().parents[1] / "keyfigures" / "data" / "small.jsonl"
AS_OF = datetime(2025, 1, 31, 12, 0, tzinfo=CPH)


@pytest.fixture
def imported(municipality, users):
    reuse.clear()
    records.clear()
    with open(DATA, encoding="utf-8") as fh:
        interchange_import(lines=fh)
    with scopes_disabled():
        return sorted(m.Child.objects.filter(municipality=municipality).values_list("id", flat=True))


@pytest.fixture
def engine_calls(monkeypatch):
    """Each engine run from reuse: the children whose records it was given (delegates to the engine)."""
    calls: list[list[str]] = []
    real = reuse.compute_with_horizon

    def counting(recs, **kwargs):
        recs = list(recs)
        calls.append(sorted(r["id"] for r in recs if r["type"] == "child"))
        return real(recs, **kwargs)

    monkeypatch.setattr(reuse, "compute_with_horizon", counting)
    return calls


def at_once(ids, as_of):
    """The whole set computed in one engine run, without any reuse."""
    s = settings_for(657)
    recs = records.engine_records(municipality_id=657, child_ids=ids, types=input_types(s.config))
    return compute_with_horizon(recs, as_of=as_of, calendar=s.calendar, config=s.config)


def assembled(ids, as_of):
    return reuse.computed_for_children(municipality_id=657, child_ids=ids, as_of=as_of)


def test_siblings_on_one_notification_are_one_group(imported):
    groups = reuse.groups(imported, municipality_id=657)
    assert ["kf-c2", "kf-c3"] in groups  # notification kf-n2 names both
    assert sorted(c for g in groups for c in g) == imported
    assert all(len(g) == 1 for g in groups if g != ["kf-c2", "kf-c3"])


def test_an_assessment_covering_another_childs_notification_joins_their_groups(imported, users, scoped):
    """kf-c1 is not asked for: only the assessment links the notifications of kf-c4 and kf-c5."""
    with scopes_disabled():
        n4, n5 = m.Notification.objects.get(pk="kf-n4"), m.Notification.objects.get(pk="kf-n5")
        m.AcuteAssessment.objects.create(id="kf-a-cover", municipality_id=657, notification=n4, assessed_at=n5.received_at,
                                         acute=False, action="Vurderet", covers=["kf-n5"])
    assert ["kf-c4", "kf-c5"] in reuse.groups(["kf-c4", "kf-c5", "kf-c6"], municipality_id=657)


@pytest.mark.parametrize("offset", [timedelta(0), timedelta(days=-400), timedelta(days=200)])
def test_assembled_obligations_are_those_of_the_whole_set_at_once(imported, offset):
    as_of = AS_OF + offset
    whole, horizon = at_once(imported, as_of)
    cold = assembled(imported, as_of)
    assert by_urgency(cold.obligations) == by_urgency(whole)  # the order every caller shows
    assert sorted(cold.obligations) == sorted(whole)
    assert cold.until == horizon, "the assembled horizon is the whole set's (the earliest of the groups')"
    # Some of the children, from the groups computed for all of them: the same as those at once.
    reuse.memo._items.pop(reuse._key(*_whole_key_parts(imported[1:6])), None)
    some = assembled(imported[1:6], as_of)
    assert sorted(some.obligations) == sorted(at_once(imported[1:6], as_of)[0])


def _whole_key_parts(ids):
    from forebyg.cases.revisions import revision_tokens

    s = settings_for(657)
    current = revision_tokens(ids)
    return (f"657|{','.join(input_types(s.config))}|{s.token}|", [(c, current[c]) for c in sorted(ids)])


def test_around_each_horizon_the_reused_groups_give_what_the_whole_set_gives(imported):
    """Just before a group's horizon its obligations are reused; at and after it they are computed
    afresh; either way the same as the whole set at once."""
    moment = AS_OF
    for _ in range(4):
        first = assembled(imported, moment)
        assert first.until is not None
        for as_of in (first.until - timedelta(microseconds=1), first.until, first.until + timedelta(hours=1)):
            got = assembled(imported, as_of)
            whole, horizon = at_once(imported, as_of)
            assert sorted(got.obligations) == sorted(whole), as_of
            assert got.until == horizon, as_of
        moment = first.until + timedelta(hours=1)


def test_one_changed_child_recomputes_only_its_group_and_shows_the_change(imported, users, engine_calls, scoped):
    as_of = AS_OF + timedelta(days=10)
    assembled(imported, as_of)
    assert len(engine_calls) == len(reuse.groups(imported, municipality_id=657)), "cold: every group once"
    engine_calls.clear()
    assert sorted(assembled(imported, as_of).obligations) == sorted(at_once(imported, as_of)[0])
    assert engine_calls == [], "unchanged: reused"
    with scopes_disabled():
        child = m.Child.objects.get(pk="kf-c3")  # kf-c3 shares notification kf-n2 with kf-c2
    def followups(computed):
        return sorted(o for o in computed.obligations if o.child_id == "kf-c3" and "followup" in o.rule_id)

    before = followups(assembled(imported, as_of))
    practice.followup_record(actor=users["caseworker"], child=child, held_at=AS_OF + timedelta(days=1),
                             note=None, next_due=date(2025, 6, 1))
    hits, misses, kept = reuse.memo.hits, reuse.memo.misses, len(reuse.memo._items)
    after = assembled(imported, as_of)
    assert len(reuse.memo._items) == kept + 1, "the new group's entry; the set's stale entry replaced, not kept"
    assert sorted(after.obligations) == sorted(at_once(imported, as_of)[0]), "the follow-up shows"
    assert followups(after) != before
    assert engine_calls == [["kf-c2", "kf-c3"]], "only the changed child's group"
    assert reuse.memo.misses - misses == 2, "the whole set's key, then the changed group's"
    assert reuse.memo.hits - hits == len(reuse.groups(imported, municipality_id=657)) - 1, "every other group reused"


@pytest.mark.parametrize("seed", [3, 11])
def test_generated_municipality_assembled_equals_at_once(municipality, users, seed):
    """The synthetic generator's municipality (siblings on one notification among them): the
    groups' obligations, assembled, are the whole set's at once — cold, and after the groups were
    computed for another moment (reused where they hold)."""
    import json

    from forebyg.synth import generate

    end = datetime(2026, 6, 30, 12, 0, tzinfo=CPH)
    lines = [json.dumps(r, ensure_ascii=False) for r in generate(
        municipality=657, name="Test", children=80, start_year=2022, end_year=2026, end=end, seed=seed)]
    reuse.clear()
    interchange_import(lines=lines)
    with scopes_disabled():
        ids = sorted(m.Child.objects.filter(municipality=municipality).values_list("id", flat=True))
    assert any(len(g) > 1 for g in reuse.groups(ids, municipality_id=657)), "siblings in the data"
    for as_of in (end - timedelta(days=30), end - timedelta(days=29, hours=12), end):
        whole, horizon = at_once(ids, as_of)
        got = assembled(ids, as_of)
        assert by_urgency(got.obligations) == by_urgency(whole), as_of
        assert got.until == horizon, as_of
