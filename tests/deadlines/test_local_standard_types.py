# SPDX-License-Identifier: MPL-2.0
"""A local standard on any record type the validator accepts gives its deadlines on the pages as in
the file mode (issues #14 and #16): the pages read the record types the rules in force use, and a
change to such a record changes the child's revision so reused records are never stale."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django_scopes import scopes_disabled

from forebyg.cases.revisions import WATCHED_TYPES
from forebyg.cases.selectors.records import interchange_records
from forebyg.cases.services import practice
from forebyg.deadlines import records as reuse
from forebyg.deadlines import selectors as sel
from forebyg.deadlines.services import deadline_settings_save
from forebyg.domain.deadlines import (
    Duration,
    EventSpec,
    Rule,
    RuleConfig,
    compute_obligations,
    input_types,
    validate_local_standard,
)
from forebyg.domain.deadlines.local import CHILD_RECORD_TYPES, EVENT_PAIR

CPH = ZoneInfo("Europe/Copenhagen")
STARTED = datetime(2025, 3, 3, 10, 0, tzinfo=CPH)  # Monday

COUNSELLING_CONVERSATION = Rule(
    id="local.counselling_conversation", version=1, kind=EVENT_PAIR, law=None,
    title_da="Samtale med barnet inden 10 dage efter start på rådgivning",
    title_en="Conversation with the child within 10 days of early counselling starting",
    legal_reference="Local practice standard (not law)", source="test", statutory=False,
    subject_type="counselling", starts="counselling.started_at", stops="child_conversation.held_at",
    duration=Duration(10, "calendar_days"), due_soon=Duration(2, "calendar_days"),
    trigger=EventSpec("counselling", "started_at", "child"),
    met_by=EventSpec("child_conversation", "held_at", "child"))


def test_every_type_a_local_standard_may_use_is_watched_and_the_rest_is_refused():
    assert set(CHILD_RECORD_TYPES) == set(WATCHED_TYPES)
    staff = Rule.from_dict(dict(COUNSELLING_CONVERSATION.to_dict(),
                                trigger={"record_type": "offer", "at": "price_per_month", "key": "id"}))
    assert any("not about a child" in p for p in validate_local_standard(staff))
    assert input_types(RuleConfig(local_standards=(COUNSELLING_CONVERSATION,)))[:3] == (
        "child", "case", "counselling")


@pytest.fixture
def counselling_standard(users):
    deadline_settings_save(actor=users["manager"], calendar={},
                           rules=RuleConfig(local_standards=(COUNSELLING_CONVERSATION,)).to_dict())


def test_a_standard_on_counselling_gives_deadlines_on_the_pages_as_in_the_file_mode(
        users, child, counselling_standard):
    """Counselling started Mon 3 March 2025 10:00: 10 calendar days, due end of Thu 13 March. As of
    Fri 14 March 12:00 it is overdue; a conversation on Fri 7 March meets it on time."""
    c = practice.counselling_start(actor=users["caseworker"], child=child, started_at=STARTED,
                                   consent_at=STARTED - timedelta(hours=1), consent_by="Mor (syntetisk)",
                                   referred_by="school")
    practice.case_open(actor=users["caseworker"], child=child, caseworker=users["caseworker"])
    as_of = datetime(2025, 3, 14, 12, 0, tzinfo=CPH)
    rule = COUNSELLING_CONVERSATION.id

    def page():
        return {o.subject_id: o for o in sel.obligations_for_children(
            municipality_id=657, child_ids=[child.pk], as_of=as_of) if o.rule_id == rule}

    ob = page()[c.pk]
    assert (ob.due_date.isoformat(), ob.status) == ("2025-03-13", "overdue")
    with scopes_disabled():
        records = list(interchange_records(municipalities=[657]))
    config = sel.settings_for(657).config
    (from_file,) = [o for o in compute_obligations(records, as_of=as_of, config=config) if o.rule_id == rule]
    assert from_file == ob

    client = Client()
    client.force_login(users["caseworker"])
    body = client.get(f"/boern/{child.pk}/", {"as_of": "2025-03-14T12:00"}).content.decode()
    assert COUNSELLING_CONVERSATION.title_da in body

    practice.child_conversation_record(actor=users["caseworker"], child=child,
                                       held_at=datetime(2025, 3, 7, 9, 0, tzinfo=CPH), purpose="Samtale")
    assert page()[c.pk].status == "met_on_time", "the revision changed: the reused records were read again"


def test_records_of_other_types_are_kept_apart_from_the_default_ones(users, child, counselling_standard):
    practice.counselling_start(actor=users["caseworker"], child=child, started_at=STARTED,
                               consent_at=STARTED, consent_by="Far (syntetisk)", referred_by="school")
    plain = reuse.engine_records(municipality_id=657, child_ids=[child.pk])
    more = reuse.engine_records(municipality_id=657, child_ids=[child.pk],
                                types=input_types(sel.settings_for(657).config))
    assert "counselling" not in {r["type"] for r in plain}
    assert "counselling" in {r["type"] for r in more}
    with pytest.raises(ValueError):
        reuse.engine_records(municipality_id=657, child_ids=[child.pk], types=["team"])
