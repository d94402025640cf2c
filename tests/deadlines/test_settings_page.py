# SPDX-License-Identifier: MPL-2.0
"""The deadline settings page (issue #16): the Saturday setting and closing days give the same
dates on the pages (database mode) and in the file mode with the exported settings file; local
standards are edited field by field in Danish, and bad input changes nothing."""

import argparse
import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django_scopes import scopes_disabled

from forebyg.cases.services import practice
from forebyg.cases.services.interchange import interchange_export
from forebyg.deadlines import cli as dl_cli
from forebyg.deadlines import selectors as sel
from forebyg.deadlines.models import DeadlineSettings

CPH = ZoneInfo("Europe/Copenhagen")
RECEIVED = datetime(2024, 12, 23, 10, 0, tzinfo=CPH)  # Monday before Christmas
AS_OF = RECEIVED + timedelta(hours=2)

NETWORK = {  # the default standard as the form shows it
    "title": "Opfølgende netværksmøde 6-8 uger efter inddragende netværksmøde",
    "code": "network_meeting_followup", "starts": "network_meeting:held_at",
    "starts_if": "network_meeting:kind=inclusive", "stops": "network_meeting:held_at",
    "stops_if": "network_meeting:kind=follow_up", "link": "child", "amount": "56", "unit": "calendar_days",
    "soon_amount": "5", "soon_unit": "working_days", "law": "", "basis": "Lokal praksisstandard (ikke lov)",
}


def post(client, *, closing_days="", saturdays=False, standards=(), initial=0):
    data = {"closing_days": closing_days, "closing_dates": "", "standard-TOTAL_FORMS": str(len(standards)),
            "standard-INITIAL_FORMS": str(initial)}
    if saturdays:
        data["saturday_is_working_day"] = "on"
    for i, standard in enumerate(standards):
        data.update({f"standard-{i}-{k}": v for k, v in standard.items()})
    return client.post("/frister/indstillinger/", data)


@pytest.fixture
def notified(users, child, team):
    return practice.notification_register(
        actor=users["receiving_unit"], received_at=RECEIVED, channel="email", notifier_kind="school",
        notifier_professional=True, concern="Bekymring (syntetisk)", children=[child], team=team)


@pytest.fixture
def manager(users):
    c = Client()
    c.force_login(users["manager"])
    return c


def acknowledgement_due(child):
    obs = sel.obligations_for_children(municipality_id=657, child_ids=[child.pk], as_of=AS_OF)
    return next(o for o in obs if o.rule_id == "bl.acknowledgement").due_date.isoformat()


def file_mode_due(tmp_path, settings_file=None):
    data = tmp_path / "export.jsonl"
    interchange_export(path=data, municipalities=[657])
    calendars, configs = dl_cli._file_settings(settings_file)
    per = dl_cli._from_file(str(data), AS_OF, calendars, configs)
    return next(o for o in per[657] if o.rule_id == "bl.acknowledgement").due_date.isoformat()


def test_saturdays_and_closing_days_give_the_same_dates_on_the_pages_and_in_the_file_mode(
        manager, child, notified, tmp_path):
    """Received Mon 23 Dec 2024 (6 working days for the acknowledgement):
    national calendar: Tue 24, Fri 27, Mon 30, Tue 31 Dec, Thu 2, Fri 3 Jan -> 3 January 2025;
    closing days 24 and 31 December and Saturdays counted: Fri 27 (1), Sat 28 (2), Mon 30 (3),
    Thu 2 (4), Fri 3 (5), Sat 4 January (6) -> 4 January 2025 (before the fix, the rule's own
    count_saturdays switched Saturdays off again: 7 January)."""
    assert acknowledgement_due(child) == "2025-01-03" == file_mode_due(tmp_path)
    r = post(manager, closing_days="12-24\n12-31", saturdays=True)
    assert r.status_code == 302
    assert acknowledgement_due(child) == "2025-01-04"
    settings_file = tmp_path / "settings.json"
    args = argparse.Namespace(dl_action="settings-export", export_municipality=None, output=str(settings_file))
    assert dl_cli.settings_export(args) == 0
    stored = json.loads(settings_file.read_text(encoding="utf-8"))
    assert stored["municipalities"]["657"]["calendar"]["saturday_is_working_day"] is True
    assert file_mode_due(tmp_path, str(settings_file)) == "2025-01-04"
    assert file_mode_due(tmp_path) == "2025-01-03", "without the settings file: the national calendar"


def test_the_page_explains_each_field_in_danish_without_json_or_file_paths(manager):
    body = manager.get("/frister/indstillinger/").content.decode()
    for text in ("Tæl lørdage som hverdage", "ikke bekræftet", "Fristen begynder, når", "Fristen er overholdt, når",
                 "De to hører sammen ved", "Netværksmøde: afholdt", "Opfølgende netværksmøde 6-8 uger"):
        assert text in body, text
    for text in ("JSON", "docs/", ".md", "UNCONFIRMED", "event_pair"):
        assert text not in body, text


def test_a_local_standard_is_added_through_the_form_and_reaches_the_engine(manager):
    new = dict(NETWORK, title="Samtale inden 10 dage efter rådgivning", code="samtale_raadgivning",
               starts="counselling:started_at", starts_if="", stops="child_conversation:held_at", stops_if="",
               amount="10", unit="calendar_days", soon_amount="", soon_unit="")
    r = post(manager, standards=[NETWORK, new], initial=1)
    assert r.status_code == 302, r.content.decode()[:3000]
    rules = {r.id: r for r in sel.settings_for(657).config.local_standards}
    assert set(rules) == {"local.network_meeting_followup", "local.samtale_raadgivning"}
    added = rules["local.samtale_raadgivning"]
    assert (added.trigger.record_type, added.trigger.key, added.met_by.record_type, added.met_by.key) == (
        "counselling", "child", "child_conversation", "child")
    assert rules["local.network_meeting_followup"].version == 1, "unchanged: same version"


@pytest.mark.parametrize("change, message", [
    ({"code": "Ugyldig kode!"}, "Brug kun 2-40 små bogstaver"),
    ({"stops": "notification:received_at", "link": "case"}, "Underretning hører ikke til samme sag"),
    ({"starts_if": "decision:outcome=no_action"}, "Betingelsen skal handle om samme slags registrering"),
    ({"amount": "0"}, "større end eller lig 1"),
])
def test_bad_input_gives_a_danish_message_and_changes_nothing(manager, change, message):
    assert post(manager, closing_days="12-24", standards=[NETWORK]).status_code == 302
    with scopes_disabled():
        before = DeadlineSettings.objects.get().rules
    r = post(manager, closing_days="12-31", standards=[dict(NETWORK, **change)], initial=1)
    assert r.status_code == 200 and message in r.content.decode()
    with scopes_disabled():
        row = DeadlineSettings.objects.get()
    assert row.rules == before and row.calendar["closing_days"] == ["12-24"]


def test_every_record_type_a_standard_may_use_has_a_danish_name():
    """A record type added to the format later must get its name here, or the form does not offer it."""
    from forebyg.deadlines.local_forms import TYPE_LABELS
    from forebyg.domain.deadlines.local import CHILD_RECORD_TYPES

    assert set(CHILD_RECORD_TYPES) <= set(TYPE_LABELS)
