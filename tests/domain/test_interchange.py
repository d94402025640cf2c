# SPDX-License-Identifier: MPL-2.0
"""The interchange format without a database: validation messages and the published schema."""

import json
from pathlib import Path

import pytest

from forebyg.domain.interchange import InterchangeError, json_schema, parse_lines

ROOT = Path(__file__).resolve().parents[2]
CHILD = {"type": "child", "id": "c1", "municipality": 657, "name": "A", "birth_date": "2015-01-01",
         "registered_at": "2020-01-01T10:00:00+01:00"}


def lines(*records):
    return [json.dumps(r) for r in records]


def test_valid_child_passes():
    assert parse_lines(lines(CHILD)) == [CHILD]


def test_a_child_known_by_name_only_passes():
    """A notification can name a child by name only ("Emma i 3.b"): the birth date is optional (#15)."""
    name_only = {k: v for k, v in CHILD.items() if k != "birth_date"}
    assert parse_lines(lines(name_only)) == [name_only]
    assert parse_lines(lines({**CHILD, "birth_date": None})) == [{**CHILD, "birth_date": None}]


@pytest.mark.parametrize("change, field, words", [
    ({"birth_date": "2015-02-30"}, "birth_date", "not a valid date"),
    ({"registered_at": "2020-01-01T10:00:00"}, "registered_at", "wrong form"),
    ({"municipality": "657"}, "municipality", "must be a whole number"),
    ({"colour": "blue"}, "(record)", "unknown field(s): 'colour'"),
])
def test_errors_name_line_and_field(change, field, words):
    with pytest.raises(InterchangeError) as exc:
        parse_lines(lines({"type": "header", "format": "forebyg-interchange", "version": 1,
                           "exported_at": "2026-01-01T00:00:00+01:00"}, {**CHILD, **change}))
    (error,) = exc.value.errors
    assert (error.line, error.field) == (2, field) and words in error.message


def test_unknown_reference_and_duplicate_id():
    case = {"type": "case", "id": "k1", "municipality": 657, "child": "nobody",
            "opened_at": "2020-01-01T10:00:00+01:00"}
    with pytest.raises(InterchangeError) as exc:
        parse_lines(lines(CHILD, CHILD, case))
    found = {(e.line, e.field) for e in exc.value.errors}
    assert found == {(2, "id"), (3, "child")}


def test_published_schema_is_current():
    published = json.loads((ROOT / "docs" / "interchange.schema.json").read_text(encoding="utf-8"))
    assert published == json_schema(), "run: forebyg schema -o docs/interchange.schema.json"


def test_cpr_is_checked_for_a_real_date_and_stored_without_dash():
    (record,) = parse_lines(lines({**CHILD, "cpr": "640315-4179"}))
    assert record["cpr"] == "6403154179"
    with pytest.raises(InterchangeError) as exc:
        parse_lines(lines({**CHILD, "cpr": "991315-4179"}))
    assert (exc.value.errors[0].line, exc.value.errors[0].field) == (1, "cpr")


def test_limits_keep_line_numbers_and_ignore_brackets_inside_text():
    import io

    from forebyg.domain.interchange.guards import MAX_LINE_BYTES, too_deep

    assert not too_deep(json.dumps({**CHILD, "name": "[" * 150}))
    assert too_deep("[" * 11 + "]" * 11) and not too_deep("[" * 10 + "]" * 10)
    long = json.dumps({**CHILD, "id": "c2", "name": "x" * MAX_LINE_BYTES})
    data = "\n".join([json.dumps({**CHILD, "name": "[" * 150}), long, json.dumps({**CHILD, "birth_date": "1899-12-31"})])
    with pytest.raises(InterchangeError) as exc:
        parse_lines(io.BufferedReader(io.BytesIO(data.encode())))
    assert [(e.line, e.field) for e in exc.value.errors] == [(2, ""), (3, "birth_date")]
    assert "a line may be at most 4,194,304" in exc.value.errors[0].message
