# SPDX-License-Identifier: MPL-2.0
"""The column-wise fast path of `parse_lines` (columns.py, issue #20) against the line-by-line path:
on a valid file and on files spoilt in a few lines, both give the same records, or the same errors
(messages, lines, fields, counts), whatever the chunk size."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forebyg.domain.interchange import InterchangeError, io, parse_lines
from forebyg.domain.interchange.compiled import column_pattern

SMALL = Path(__file__).resolve().parents[1] / "keyfigures" / "data" / "small.jsonl"
LINES = SMALL.read_text(encoding="utf-8").splitlines()
RECORDS = [json.loads(line) for line in LINES]
TODAY = date(2026, 1, 1)

# (field, replacement): near misses of each check the column path makes, and harmless changes
REPLACEMENTS = [
    ("id", "x\n"), ("id", "a\nb"), ("by", "a\nb"), ("id", "x" * 65), ("id", "a b"), ("id", ""), ("id", "dup"), ("municipality", 998),
    ("municipality", 2**40), ("child", "unknown-child"), ("child", None), ("notification", "n\u00e6"),
    ("registered_at", "1899-12-31T10:00:00+01:00"), ("registered_at", "2201-01-01T10:00:00+01:00"),
    ("registered_at", "2024-02-30T10:00:00+01:00"), ("registered_at", "2024-01-01T10:00:00+0100"),
    ("registered_at", "2024-01-01T10:00+01:00"), ("registered_at", "\u0662024-01-01T10:00:00+01:00"),
    ("opened_at", "2024-01-01 10:00:00+01:00"), ("birth_date", "2027-01-01"), ("birth_date", "1899-01-01"),
    ("birth_date", "2024-13-01"), ("birth_date", None), ("cpr", "0101001234"), ("cpr", "010100-1234"),
    ("cpr", "3202001234"), ("cpr", "01010012345"), ("name", "Te\x00am"), ("name", ""), ("unknown", 1),
    ("decided_at", "2024-01-01T10:00:00.1234567+01:00"), ("by", "x" * 64), ("team", 7),
]


def _outcome(lines: list[Any], chunk: int, monkeypatch: pytest.MonkeyPatch, **kwargs: Any) -> Any:
    monkeypatch.setattr(io, "CHUNK_LINES", chunk)
    try:
        return ("ok", parse_lines(lines, today=TODAY, **kwargs))
    except InterchangeError as exc:
        return ("errors", exc.errors, exc.more, exc.exists, str(exc))


def _lines_for(field: str) -> list[int]:
    """The lines whose record has `field` (a child's, for the child's optional fields; any for others)."""
    lines = [i for i, r in enumerate(RECORDS) if i and (field in r or field in ("cpr", "birth_date")
                                                         and r["type"] == "child")]
    return lines or list(range(1, len(RECORDS)))


def _spoil(index: int, field: str, value: Any) -> str:
    record = dict(RECORDS[index])
    if field == "id" and value == "dup":
        value = RECORDS[max(index - 1, 1)]["id"]
    record[field] = value
    return json.dumps(record, ensure_ascii="\x00" not in str(value))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(REPLACEMENTS).flatmap(lambda r: st.tuples(st.sampled_from(_lines_for(r[0])), st.just(r))),
               max_size=3),
       st.integers(1, 40), st.booleans(), st.booleans())
def test_the_column_path_gives_what_the_line_path_gives(monkeypatch, spoils, chunk, as_bytes, blank):
    lines = list(LINES)
    for index, (field, value) in spoils:
        lines[index] = _spoil(index, field, value)
    if blank:
        lines.insert(len(lines) // 2, "")
    if as_bytes:
        lines = [(line + "\n").encode() for line in lines]
    line_by_line = _outcome(lines, 0, monkeypatch)
    assert _outcome(lines, chunk, monkeypatch) == line_by_line
    if not spoils and not blank:
        assert line_by_line[0] == "ok"


def test_a_valid_file_takes_the_column_path(monkeypatch):
    """The fast path is taken (and agrees): with it switched off the same file gives the same records."""
    calls = []
    checker = io._COLUMNS
    original = checker.chunk

    def counting(*args: Any, **kwargs: Any) -> Any:
        result = original(*args, **kwargs)
        calls.append(result is not None)
        return result

    monkeypatch.setattr(checker, "chunk", counting)
    fast = _outcome(LINES, 30, monkeypatch)
    assert calls[0] is False and all(calls[1:])  # the header alone goes line by line
    assert fast == _outcome(LINES, 0, monkeypatch)


def test_references_outside_the_file_are_checked_record_by_record(monkeypatch):
    """A reference the file does not hold resolves in the database (`known_id`): the column check
    says "not sure", the record-by-record check accepts it within the municipality, refuses across."""
    case = {**next(r for r in RECORDS if r["type"] == "case"), "id": "case-x", "child": "db-child"}
    own = case["municipality"]
    lines = [LINES[0], json.dumps(case)]
    assert _outcome(lines, 10, monkeypatch, known_id=lambda t, i: own)[0] == "ok"

    def elsewhere(rtype: str, ref: str) -> int:
        return 999 if ref == "db-child" else own

    refused = _outcome(lines, 10, monkeypatch, known_id=elsewhere)
    assert refused[0] == "errors" and "db-child" in refused[4]
    assert refused == _outcome(lines, 0, monkeypatch, known_id=elsewhere)


@pytest.mark.parametrize(("pattern", "column"), [
    (r"^[A-Za-z0-9_.:\-]{1,64}$", True), (r"^\d{4}-\d{2}-\d{2}$", True), (r"^(a|b)c$", True),
    (r"^a.c$", False), (r"^[^a]$", False), (r"^a\sb$", False), (r"^a$|^b$", False), (r"a$", False),
    (r"^a", False), (r"^[\n]$", False), (r"^\D$", False), (r"^(a)\1$", False),
])
def test_only_patterns_that_cannot_match_a_newline_are_checked_by_column(pattern, column):
    assert (column_pattern(pattern) is not None) is column
