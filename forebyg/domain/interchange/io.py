# SPDX-License-Identifier: MPL-2.0
"""Read, validate and write interchange files.

Validation is all-or-nothing: `parse_lines` checks every line (JSON syntax,
schema, duplicate ids, references) and raises one `InterchangeError` listing
every problem with its line number and field, or returns all records.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import fastjsonschema
from jsonschema import Draft202012Validator

from .. import cpr as cprlib
from .schema import (
    DATE,
    DATETIME,
    FORMAT_NAME,
    FORMAT_VERSION,
    HEADER,
    OPT_DATE,
    OPT_DATETIME,
    RECORDS,
    REFERENCES,
    TYPE_ORDER,
    record_schema,
)

Record = dict[str, Any]

# Fast path: compiled validators answer "valid or not"; only an invalid line is
# validated again by jsonschema, whose errors name every field that is wrong.
_FAST = {
    name: fastjsonschema.compile(record_schema(name), use_formats=False)
    for name in RECORDS
}
_VALIDATORS = {name: Draft202012Validator(record_schema(name)) for name in RECORDS}
_HEADER_VALIDATOR = Draft202012Validator(HEADER)
_TYPE_RANK = {name: i for i, name in enumerate(TYPE_ORDER)}
MAX_ERRORS = 200


@dataclass(frozen=True)
class LineError:
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line else "file"
        return f"{where}, field '{self.field}': {self.message}" if self.field else f"{where}: {self.message}"


class InterchangeError(ValueError):
    def __init__(self, errors: list[LineError]):
        self.errors = errors
        more = "" if len(errors) < MAX_ERRORS else f" (stopped after {MAX_ERRORS})"
        super().__init__(f"{len(errors)} error(s){more}:\n" + "\n".join(str(e) for e in errors[:20]))


def _field_of(error: Any) -> str:
    path = ".".join(str(p) for p in error.absolute_path)
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else ""
        return f"{path}.{missing}".strip(".")
    if error.validator == "additionalProperties":
        return path or "(record)"
    return path or "(record)"


def _message_of(error: Any) -> str:
    if error.validator == "required":
        return "is required"
    if error.validator == "enum":
        return f"must be one of {', '.join(map(str, error.validator_value))}"
    if error.validator == "pattern":
        return f"has the wrong form: {error.instance!r}"
    return error.message


def _fields_of_kind(record_type: str, *kinds: dict[str, Any]) -> tuple[str, ...]:
    required, optional = RECORDS[record_type]
    return tuple(f for f, spec in {**required, **optional}.items() if any(spec is k for k in kinds))


_DATETIME_FIELDS = {t: _fields_of_kind(t, DATETIME, OPT_DATETIME) for t in RECORDS}
_DATE_FIELDS = {t: _fields_of_kind(t, DATE, OPT_DATE) for t in RECORDS}


def _check_datetimes(record: Record, lineno: int, errors: list[LineError]) -> None:
    """The schema checks the form; this checks that the date exists (no 30 February)."""
    rtype = record["type"]
    for key in _DATETIME_FIELDS[rtype]:
        value = record.get(key)
        if value is not None:
            try:
                datetime.fromisoformat(value)
            except ValueError:
                errors.append(LineError(lineno, key, f"is not a valid timestamp: {value!r}"))
    for key in _DATE_FIELDS[rtype]:
        value = record.get(key)
        if value is not None:
            try:
                date.fromisoformat(value)
            except ValueError:
                errors.append(LineError(lineno, key, f"is not a valid date: {value!r}"))


def parse_lines(
    lines: Iterable[str],
    *,
    known_id: Callable[[str, str], bool] | None = None,
    exists: Callable[[str, Record], str | None] | None = None,
    municipalities: set[int] | None = None,
) -> list[Record]:
    """Validate every line and return the records (header excluded).

    `known_id(type, id)` may say that a referenced id exists outside the file
    (e.g. already in the database); `exists(type, record)` may name a field whose
    value clashes with what is already there; `municipalities` limits the codes.
    """
    errors: list[LineError] = []
    records: list[tuple[int, Record]] = []
    seen: dict[str, set[str]] = {name: set() for name in RECORDS}
    for lineno, raw in enumerate(lines, start=1):
        if len(errors) >= MAX_ERRORS:
            break
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as exc:
            errors.append(LineError(lineno, "", f"is not valid JSON ({exc.msg})"))
            continue
        if not isinstance(record, dict):
            errors.append(LineError(lineno, "", "must be a JSON object"))
            continue
        rtype = record.get("type")
        if rtype == "header":
            for err in _HEADER_VALIDATOR.iter_errors(record):
                errors.append(LineError(lineno, _field_of(err), _message_of(err)))
            continue
        if rtype not in _VALIDATORS:
            errors.append(LineError(lineno, "type", f"unknown record type {rtype!r}"))
            continue
        try:
            _FAST[rtype](record)
            line_errors = []
        except fastjsonschema.JsonSchemaException:
            line_errors = [
                LineError(lineno, _field_of(err), _message_of(err))
                for err in _VALIDATORS[rtype].iter_errors(record)
            ]
        if not line_errors:
            _check_datetimes(record, lineno, line_errors)
        if not line_errors and rtype == "child" and record.get("cpr"):
            try:
                record["cpr"] = cprlib.normalise(record["cpr"])  # stored and exported without the dash
            except cprlib.CprError as exc:
                line_errors.append(LineError(lineno, "cpr", str(exc)))
        errors.extend(line_errors)
        if line_errors:
            continue
        if record["id"] in seen[rtype]:
            errors.append(LineError(lineno, "id", f"duplicate {rtype} id {record['id']!r}"))
            continue
        if municipalities is not None and record.get("municipality") not in municipalities:
            errors.append(LineError(lineno, "municipality", f"unknown municipality code {record.get('municipality')!r}"))
            continue
        clash = exists(rtype, record) if exists is not None else None
        if clash:
            errors.append(LineError(lineno, clash, f"{rtype} {record[clash]!r} already exists"))
            continue
        seen[rtype].add(record["id"])
        records.append((lineno, record))

    for lineno, record in records:
        if len(errors) >= MAX_ERRORS:
            break
        for field, target in REFERENCES.get(record["type"], {}).items():
            many = field.endswith("[]")
            name = field[:-2] if many else field
            value = record.get(name)
            refs = value if many else [value]
            for ref in refs or []:
                if ref is None or ref in seen[target]:
                    continue
                if known_id is not None and known_id(target, ref):
                    continue
                errors.append(LineError(lineno, name, f"refers to unknown {target} {ref!r}"))
    if errors:
        raise InterchangeError(errors[:MAX_ERRORS])
    return [record for _, record in records]


def read_file(path: str | Path, **kwargs: Any) -> list[Record]:
    with open(path, encoding="utf-8") as fh:
        return parse_lines(fh, **kwargs)


def sort_key(record: Record) -> tuple[int, str]:
    return (_TYPE_RANK[record["type"]], record["id"])


def dump_lines(records: Iterable[Record], *, exported_at: str, municipalities: list[int]) -> Iterator[str]:
    """Canonical form: header first, then records by type order and id, keys sorted."""
    header = {
        "type": "header",
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": exported_at,
        "municipalities": sorted(municipalities),
    }
    yield json.dumps(header, ensure_ascii=False, sort_keys=True) + "\n"
    for record in sorted(records, key=sort_key):
        yield json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n"


def write_file(path: str | Path, records: Iterable[Record], **kwargs: Any) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.writelines(dump_lines(records, **kwargs))
