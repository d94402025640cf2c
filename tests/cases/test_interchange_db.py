# SPDX-License-Identifier: MPL-2.0
"""Import and export through the database: all or nothing, and export -> import -> export is identical."""

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django_scopes import scopes_disabled
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forebyg.cases import models as m
from forebyg.cases.services.interchange import export_records, interchange_import
from forebyg.domain.interchange import InterchangeError, dump_lines
from forebyg.synth import generate

END = datetime(2026, 6, 30, 12, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))
STAMP = "2026-06-30T12:00:00+02:00"


def synth_lines(seed: int, children: int = 60, *, name_only_every: int = 0) -> list[str]:
    records = list(generate(municipality=657, name="Test", children=children, start_year=2022, end_year=2026,
                            end=END, seed=seed))
    if name_only_every:  # children known by name only: no birth date, no CPR number (#15)
        kids = [r for r in records if r["type"] == "child"]
        for r in kids[::name_only_every]:
            r.pop("birth_date", None)
            r.pop("cpr", None)
    return [json.dumps(r, ensure_ascii=False) for r in records]


def export_text() -> list[str]:
    return list(dump_lines(list(export_records()), exported_at=STAMP, municipalities=[657]))


def wipe():
    from django.apps import apps
    from django.db import connection

    with connection.cursor() as cur:  # test database only: clear every table the import wrote
        for model in reversed(apps.get_models(include_auto_created=True)):
            if model._meta.app_label in ("cases", "audit", "progression") or model.__name__ in ("Team", "District", "Institution",
                                                                                  "HistoricalTeam", "HistoricalDistrict",
                                                                                  "HistoricalInstitution"):
                cur.execute(f"DELETE FROM {model._meta.db_table}")
        cur.execute("DELETE FROM accounts_user")


@pytest.mark.django_db
@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(min_value=0, max_value=10_000))
def test_export_import_export_is_identical(seed):
    wipe()
    interchange_import(lines=synth_lines(seed, name_only_every=7))
    first = export_text()
    wipe()
    interchange_import(lines=first)
    second = export_text()
    assert first == second
    assert len(first) > 100
    assert any('"type": "journal_note"' in line for line in first)  # the new type round-trips too (#15)
    assert any('"type": "child"' in line and '"birth_date": null' in line for line in first)  # name only (#15)


@pytest.mark.django_db
def test_bad_line_names_line_and_field_and_writes_nothing():
    lines = synth_lines(1, children=20)
    idx = next(i for i, line in enumerate(lines) if json.loads(line)["type"] == "notification")
    bad = json.loads(lines[idx])
    bad["notifier_kind"] = "neighbour"
    lines[idx] = json.dumps(bad)
    lines.append('{"type": "child", "id": "x-1", "municipality": 999, "name": "A", '
                 '"birth_date": "2015-01-01", "registered_at": "2020-01-01T10:00:00+01:00"}')
    with pytest.raises(InterchangeError) as exc:
        interchange_import(lines=lines)
    text = str(exc.value)
    assert f"line {idx + 1}, field 'notifier_kind'" in text
    assert f"line {len(lines)}, field 'municipality'" in text
    with scopes_disabled():
        assert m.Child.objects.count() == 0 and m.Notification.objects.count() == 0


@pytest.mark.django_db
def test_import_twice_is_refused():
    lines = synth_lines(2, children=20)
    interchange_import(lines=lines)
    with pytest.raises(InterchangeError, match="already exists"):
        interchange_import(lines=lines)
