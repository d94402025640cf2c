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
from itertools import islice
from operator import itemgetter
from pathlib import Path
from typing import Any

import msgspec
from jsonschema import Draft202012Validator

from .. import cpr as cprlib
from .columns import ColumnChecker
from .compiled import DECODER
from .guards import CLIP, MAX_DEPTH, MAX_LINE_BYTES, TooLong, bad_text, clip, clip_text, decode, source_lines, too_deep
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

# Fast path: msgspec types generated from the schema (compiled.py) decode a line and answer
# "certainly valid"; any other line is parsed by `json.loads` and validated by jsonschema, whose
# errors name every field that is wrong (and which decides the few valid lines the fast path is
# too strict for).
_VALIDATORS = {name: Draft202012Validator(record_schema(name)) for name in RECORDS}
_HEADER_VALIDATOR = Draft202012Validator(HEADER)
_TYPE_RANK = {name: i for i, name in enumerate(TYPE_ORDER)}
MAX_ERRORS = 200
MAX_LINE_ERRORS = 20  # schema errors described per line (a list of a million wrong items gives 20)


@dataclass(frozen=True)
class LineError:
    line: int
    field: str
    message: str
    code: str = ""  # EXISTS: the record is already in the database

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line else "file"
        return f"{where}, field '{self.field}': {self.message}" if self.field else f"{where}: {self.message}"


EXISTS = "exists"
SHOWN = 20  # errors in the exception's text (the CLI prints it); all are in `.errors`


class InterchangeError(ValueError):
    """Every problem found, each with its line and field. `errors` lists the first MAX_ERRORS;
    `more` counts those found after them; `exists` counts the lines whose record is already in
    the database (import only adds records)."""

    def __init__(self, errors: list[LineError], *, more: int = 0, exists: int | None = None):
        self.errors = errors
        self.more = more
        self.exists = sum(e.code == EXISTS for e in errors) if exists is None else exists
        super().__init__(self._text())

    @property
    def total(self) -> int:
        return len(self.errors) + self.more

    def _text(self) -> str:
        lines = [f"{self.total} error(s):", *(str(e) for e in self.errors[:SHOWN])]
        if self.total > SHOWN:
            lines.append(f"... and {self.total - SHOWN} more error(s)")
        if self.exists:
            lines.append(
                f"{self.exists} line(s) hold a record whose id (or username) is already in the database. "
                "Import only adds new records: it never changes or replaces a record that exists, so importing "
                "the same file twice fails on every line. Import only the new records.")
        return "\n".join(lines)


_TYPE_NAMES = {"string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
               "array": "a list", "object": "an object", "null": "null"}


def _field_of(error: Any) -> str:
    path = ".".join(str(p) for p in error.absolute_path)
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else ""
        path = f"{path}.{missing}".strip(".")
    return clip_text(path or "(record)")


def _message_of(error: Any) -> str:
    """A short message naming what is wrong; a value is quoted cut to about 80 characters."""
    validator, expected, value = error.validator, error.validator_value, error.instance
    if validator == "required":
        return "is required"
    if validator == "enum":
        return clip_text(f"must be one of {', '.join(map(str, expected))}", 400)
    if validator == "const":
        return f"must be {expected!r}"
    if validator == "pattern":
        return f"has the wrong form: {clip(value)}"
    if validator == "type":
        kinds = expected if isinstance(expected, list) else [expected]
        return f"must be {' or '.join(str(_TYPE_NAMES.get(k, k)) for k in kinds)}, not {clip(value)}"
    if validator == "maxLength":
        return f"is longer than {expected} characters ({len(value):,})"
    if validator == "minLength":
        return "must not be empty" if expected == 1 else f"is shorter than {expected} characters"
    if validator in ("minimum", "maximum"):
        return f"must be at {'least' if validator == 'minimum' else 'most'} {expected}, not {clip(value)}"
    if validator == "maxItems":
        return f"has more than {expected} items ({len(value):,})"
    if validator == "additionalProperties":
        extra = [key for key in value if key not in error.schema.get("properties", {})]
        return f"unknown field(s): {clip_text(', '.join(map(repr, extra)))}"
    if validator == "anyOf":  # an optional field: say what is wrong with the non-null alternative
        for sub in error.context or ():
            if not (sub.validator == "type" and sub.validator_value == "null"):
                return _message_of(sub)
    return clip_text(error.message, 2 * CLIP)


def _fields_of_kind(record_type: str, *kinds: dict[str, Any]) -> tuple[str, ...]:
    required, optional = RECORDS[record_type]
    return tuple(f for f, spec in {**required, **optional}.items() if any(spec is k for k in kinds))


_DATETIME_FIELDS = {t: _fields_of_kind(t, DATETIME, OPT_DATETIME) for t in RECORDS}
_DATE_FIELDS = {t: _fields_of_kind(t, DATE, OPT_DATE) for t in RECORDS}
EARLIEST_YEAR, LATEST_YEAR = 1900, 2200  # the API's range (forebyg/api/schemas.py)


def _check_moment(key: str, value: str, lineno: int, errors: list[LineError]) -> None:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        errors.append(LineError(lineno, key, f"is not a valid timestamp: {clip(value)}"))
        return
    if not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        errors.append(LineError(lineno, key, f"must be between {EARLIEST_YEAR} and {LATEST_YEAR}: {value!r}"))


def _check_datetimes(record: Record, lineno: int, errors: list[LineError], today: date | None) -> None:
    """The schema checks the form; this checks that the date exists (no 30 February), lies in
    1900-2200, and (given `today`) that nobody is born after today."""
    rtype = record["type"]
    for key in _DATETIME_FIELDS[rtype]:
        value = record.get(key)
        if value is not None:
            _check_moment(key, value, lineno, errors)
    for key in _DATE_FIELDS[rtype]:
        value = record.get(key)
        if value is None:
            continue
        try:
            day = date.fromisoformat(value)
        except ValueError:
            errors.append(LineError(lineno, key, f"is not a valid date: {clip(value)}"))
            continue
        if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
            errors.append(LineError(lineno, key, f"must be between {EARLIEST_YEAR} and {LATEST_YEAR}: {value!r}"))
        elif key == "birth_date" and today is not None and day > today:
            errors.append(LineError(lineno, key, f"lies in the future: {value!r}"))


class _NotJson(ValueError):
    pass


def _no_constant(name: str) -> None:
    """Python's reader accepts NaN and Infinity; JSON (and the databases) do not."""
    raise _NotJson(f"{name} is not a JSON number")


def _unbounded_integers(record_type: str) -> tuple[str, ...]:
    """Fields holding an integer the schema gives no maximum (the database column has one)."""
    required, optional = RECORDS[record_type]
    out = []
    for name, spec in {**required, **optional}.items():
        for alt in spec.get("anyOf", [spec]):
            if alt.get("type") == "integer" and "maximum" not in alt:
                out.append(name)
    return tuple(out)


_INT_FIELDS = {t: _unbounded_integers(t) for t in RECORDS}
# type -> (field, holds a list of ids, type referred to), from REFERENCES ("children[]": a list)
_REFERENCE_FIELDS = {t: tuple((f.removesuffix("[]"), f.endswith("[]"), target) for f, target in refs.items())
                     for t, refs in REFERENCES.items()}
MAX_INT = 2**31 - 1  # the smallest integer column of the databases


def _parse(raw: Any, lineno: int) -> tuple[Any, LineError | None]:
    """One raw line (bytes, text or TooLong) to a JSON value, or the line's error."""
    if isinstance(raw, TooLong):
        return None, LineError(lineno, "", f"is {raw.size:,} bytes long; a line may be at most {MAX_LINE_BYTES:,}")
    if isinstance(raw, bytes):
        text, why = decode(raw)
        if text is None:
            return None, LineError(lineno, "", why)
    else:
        text = raw
        if len(text) > MAX_LINE_BYTES:
            return None, LineError(lineno, "", f"is {len(text):,} characters long; a line may be at most "
                                               f"{MAX_LINE_BYTES:,} bytes")
    if not text.strip():
        return None, None
    if too_deep(text):
        return None, LineError(lineno, "", f"nests arrays or objects more than {MAX_DEPTH} deep")
    try:
        value = json.loads(text, parse_constant=_no_constant)
    except _NotJson as exc:
        return None, LineError(lineno, "", f"is not valid JSON ({exc})")
    except json.JSONDecodeError as exc:
        where = exc.msg.removesuffix(" at")  # "Invalid control character at" + where
        return None, LineError(lineno, "", f"is not valid JSON ({where} at column {exc.colno})")
    except ValueError:  # Python refuses integers of more than 4300 digits
        return None, LineError(lineno, "", "is not valid JSON here (a number with too many digits)")
    except RecursionError:  # not reached: too_deep() comes first
        return None, LineError(lineno, "", f"nests arrays or objects more than {MAX_DEPTH} deep")
    if not isinstance(value, dict):
        return None, LineError(lineno, "", "must be a JSON object")
    if "\\u" in text:  # only an escape can put a NUL or a lone surrogate into text
        found = bad_text(value)
        if found:
            return None, LineError(lineno, *found)
    return value, None


_decode_any = msgspec.json.Decoder().decode


def _fast(raw: Any) -> tuple[str, Record] | None:
    """(type, record) for a line the compiled validator accepts, else None (take the slow path).
    A line the typed decoder accepts is JSON that `json.loads` reads to the same value (the
    decoders agree: tests/domain/test_interchange_compiled.py), nested no deeper than the schema."""
    if isinstance(raw, bytes):
        escaped = b"\\u" in raw
    elif isinstance(raw, str) and len(raw) <= MAX_LINE_BYTES:
        escaped = "\\u" in raw
    else:
        return None
    rtype = DECODER.check(raw)
    if rtype is None:
        return None
    record = _decode_any(raw)
    if escaped and bad_text(record):  # a NUL or lone surrogate: the slow path names it
        return None
    return rtype, record


# The fast path for most lines: many lines checked at once, column by column (columns.py); a chunk
# it is not sure of is checked line by line (`_fast`, then `_parse` and jsonschema). 0: line by line only.
CHUNK_LINES = 1000
_COLUMNS = ColumnChecker({name: record_schema(name) for name in RECORDS}, datetime_fields=_DATETIME_FIELDS,
                         date_fields=_DATE_FIELDS, years=(EARLIEST_YEAR, LATEST_YEAR), int_max=MAX_INT,
                         reference_fields=_REFERENCE_FIELDS)


def _schema_errors(validator: Any, record: Record, lineno: int, detail: bool) -> list[LineError]:
    if not detail:  # past MAX_ERRORS: counted, not described
        return [] if validator.is_valid(record) else [LineError(lineno, "", "does not match the schema")]
    return [LineError(lineno, _field_of(err), _message_of(err))
            for err in islice(validator.iter_errors(record), MAX_LINE_ERRORS)]


def parse_lines(
    lines: Iterable[Any],
    *,
    known_id: Callable[[str, str], int | None] | None = None,
    exists: Callable[[str, Record], str | None] | None = None,
    municipalities: set[int] | None = None,
    today: date | None = None,
) -> list[Record]:
    """Validate every line and return the records (header excluded).

    `lines` are strings or bytes, or a file (read as bytes, a line at most MAX_LINE_BYTES).
    `known_id(type, id)` gives the municipality code of a record outside the file (e.g. in the
    database) or None if there is none: a reference must resolve inside the referring record's
    own municipality, in the file or there. `exists(type, record)` may name a field whose value
    clashes with what is already there; `municipalities` limits the codes; `today`, when given,
    is the latest birth date (import passes the Danish date; the file modes of the command line
    compute on files that may be dated ahead).
    """
    errors: list[LineError] = []
    counted = {"more": 0, "exists": 0}

    def add(error: LineError) -> None:
        counted["exists"] += error.code == EXISTS
        if len(errors) < MAX_ERRORS:
            errors.append(error)
        else:
            counted["more"] += 1

    records: list[tuple[int, Record]] = []
    seen: dict[str, dict[str, int]] = {name: {} for name in RECORDS}  # type -> id -> municipality
    by_type: dict[str, list[Record]] = {name: [] for name in RECORDS}  # the valid records by type
    header: tuple[int, set[int]] | None = None

    def one(lineno: int, raw: Any) -> None:
        """Check one line and keep its record, or add its errors (the line-by-line path)."""
        nonlocal header
        fast = _fast(raw)
        if fast is not None:
            rtype, record = fast
            line_errors = []
        else:
            record, error = _parse(raw, lineno)
            if error is not None:
                add(error)
                return
            if record is None:  # a blank line
                return
            detail = len(errors) < MAX_ERRORS
            rtype = record.get("type")
            if rtype == "header":
                line_errors = _schema_errors(_HEADER_VALIDATOR, record, lineno, detail)
                if not line_errors:
                    _check_moment("exported_at", record["exported_at"], lineno, line_errors)
                if header is not None:
                    line_errors.append(LineError(lineno, "type", f"a second header (the first is on line {header[0]})"))
                for err in line_errors:
                    add(err)
                if not line_errors and header is None:
                    header = (lineno, set(record.get("municipalities") or ()))
                return
            if not isinstance(rtype, str) or rtype not in _VALIDATORS:
                add(LineError(lineno, "type", f"unknown record type {clip(rtype)}"))
                return
            line_errors = _schema_errors(_VALIDATORS[rtype], record, lineno, detail)
        if not line_errors:
            _check_datetimes(record, lineno, line_errors, today)
            for key in _INT_FIELDS[rtype]:
                if isinstance(record.get(key), int) and record[key] > MAX_INT:
                    line_errors.append(LineError(lineno, key, f"must be at most {MAX_INT}, not {clip(record[key])}"))
        if not line_errors and rtype == "child" and record.get("cpr"):
            try:
                record["cpr"] = cprlib.normalise(record["cpr"])  # stored and exported without the dash
            except cprlib.CprError as exc:
                line_errors.append(LineError(lineno, "cpr", str(exc)))
        if line_errors:
            for err in line_errors:
                add(err)
            return
        if record["id"] in seen[rtype]:
            add(LineError(lineno, "id", f"duplicate {rtype} id {record['id']!r}"))
            return
        if municipalities is not None and record["municipality"] not in municipalities:
            add(LineError(lineno, "municipality", f"unknown municipality code {record['municipality']!r}"))
            return
        clash = exists(rtype, record) if exists is not None else None
        if clash:
            add(LineError(lineno, clash, f"{rtype} {record[clash]!r} already exists", EXISTS))
            return
        seen[rtype][record["id"]] = record["municipality"]
        records.append((lineno, record))
        by_type[rtype].append(record)

    def chunk(first: int, raws: list[Any]) -> None:
        """Lines `first`... at once (columns.py) when they are certainly all valid, else one by one."""
        fast = _COLUMNS.chunk(raws, seen=seen, municipalities=municipalities, exists=exists, today=today) \
            if CHUNK_LINES else None
        if fast is None:
            for lineno, raw in enumerate(raws, start=first):
                one(lineno, raw)
            return
        in_order, groups = fast
        records.extend(zip(range(first, first + len(in_order)), in_order, strict=True))
        for rtype, recs in groups:
            seen[rtype].update(zip(map(itemgetter("id"), recs), map(itemgetter("municipality"), recs), strict=True))
            by_type[rtype].extend(recs)

    source = iter(source_lines(lines))
    first = 1
    size = 1  # the header alone (it takes the line path), then CHUNK_LINES at a time
    while pending := list(islice(source, size)):
        chunk(first, pending)
        first += len(pending)
        size = max(CHUNK_LINES, 1)

    covered = header[1] if header is not None and header[1] else None
    if errors or not (CHUNK_LINES and _COLUMNS.references_resolve(by_type, seen, covered)):
        _check_references(records, seen, covered, known_id, add)
    if errors:
        raise InterchangeError(errors, more=counted["more"], exists=counted["exists"])
    return [record for _, record in records]


def _check_references(records: list[tuple[int, Record]], seen: dict[str, dict[str, int]],
                      covered: set[int] | None, known_id: Callable[[str, str], int | None] | None,
                      add: Callable[[LineError], None]) -> None:
    """Record by record: each lies in the header's municipalities and each reference resolves in its
    own municipality, in the file or (`known_id`) in the database; else an error per reference."""
    for lineno, record in records:
        own = record["municipality"]
        if covered is not None and own not in covered:
            add(LineError(lineno, "municipality", f"{own} is not among the header's municipalities "
                                                  f"({', '.join(map(str, sorted(covered)))})"))
            continue
        for name, many, target in _REFERENCE_FIELDS.get(record["type"], ()):
            value = record.get(name)
            if value is None:
                continue
            in_file = seen[target]
            for ref in (value if many else (value,)):
                if ref is None:
                    continue
                where = in_file.get(ref)
                if where == own:
                    continue
                if where is None and known_id is not None:
                    where = known_id(target, ref)
                if where == own:
                    continue
                if where is not None and ref in seen[target]:
                    add(LineError(lineno, name, f"refers to {target} {ref!r} of municipality {where}; a record may "
                                                f"only refer to records of its own municipality ({own})"))
                else:  # not in the file, and not in the database within this municipality
                    add(LineError(lineno, name, f"refers to unknown {target} {ref!r} in municipality {own}"))


def read_file(path: str | Path, **kwargs: Any) -> list[Record]:
    with open(path, "rb") as fh:
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
