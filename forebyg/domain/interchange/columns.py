# SPDX-License-Identifier: MPL-2.0
"""Validation of many lines at once, column by column (issue #20): the fast path of `parse_lines`.

A chunk of lines is decoded by the compiled types (compiled.py) with the patterns of top-level
fields left out; each such field is then checked over the whole chunk in one regex call
(`compiled.column_pattern`), and so are the dates, ids, municipalities and references. Python's
cost per call, not per character, is most of a validator's time; checking a column costs one call.

This path only answers "every line of the chunk is valid" (and returns the records) or "not
sure" (None). On "not sure" `parse_lines` checks the chunk line by line, as before, which finds
and names every problem: so the messages for bad lines are the line-by-line path's, unchanged.
Accepting here must imply that the line-by-line path accepts the chunk with the same records
(tests/domain/test_interchange_columns.py compares the two on good and spoilt files).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import msgspec

from .. import cpr as cprlib
from .compiled import RecordDecoder
from .guards import MAX_LINE_BYTES

Record = dict[str, Any]
_decode_any = msgspec.json.Decoder().decode


class ColumnChecker:
    def __init__(self, schemas: dict[str, dict[str, Any]], *, datetime_fields: dict[str, tuple[str, ...]],
                 date_fields: dict[str, tuple[str, ...]], years: tuple[int, int], int_max: int,
                 reference_fields: dict[str, tuple[tuple[str, bool, str], ...]]):
        self.decoder = RecordDecoder(schemas, columns=True, int_max=int_max)
        self.tag = {tp: name for name, tp in self.decoder.types.items()}
        self.unique = {name: tuple(_attr(tp, f) for f in fields)
                       for name, fields in self.decoder.unique.items() if fields
                       for tp in (self.decoder.types[name],)}
        self.patterns = {name: tuple(checks.items()) for name, checks in self.decoder.column_checks.items()}
        self.datetime_fields = datetime_fields
        self.date_fields = date_fields
        self.years = years
        self.reference_fields = reference_fields

    def chunk(self, chunk: list[Any], *, seen: dict[str, dict[str, int]], municipalities: set[int] | None,
              exists: Callable[[str, Record], str | None] | None,
              today: date | None) -> tuple[list[Record], list[tuple[str, list[Record]]]] | None:
        """The chunk's records (in line order) and the same grouped by type, if every line is
        certainly valid and new (its id not in `seen`, nor twice in the chunk); else None. Changes
        nothing outside the records it returns (CPR numbers normalised, as the line path does)."""
        if not _plain_lines(chunk):
            return None
        decode, decode_any = self.decoder.decode, _decode_any
        try:
            structs = [decode(raw) for raw in chunk]
            records = [decode_any(raw) for raw in chunk]
        except (msgspec.ValidationError, msgspec.DecodeError):
            return None
        kinds = list(map(type, structs))
        first = kinds[0]
        if kinds.count(first) == len(kinds):
            groups = [(self.tag[first], records, structs)]
        else:
            by: dict[Any, tuple[list[Record], list[Any]]] = {}
            for kind, record, struct in zip(kinds, records, structs, strict=True):
                pair = by.setdefault(kind, ([], []))
                pair[0].append(record)
                pair[1].append(struct)
            groups = [(self.tag[kind], recs, objs) for kind, (recs, objs) in by.items()]
        for rtype, recs, objs in groups:
            if not self._group(rtype, recs, objs, seen[rtype], municipalities, exists, today):
                return None
        return records, [(rtype, recs) for rtype, recs, _ in groups]

    def _group(self, rtype: str, recs: list[Record], objs: list[Any], seen: dict[str, int],  # noqa: PLR0911
               municipalities: set[int] | None, exists: Callable[[str, Record], str | None] | None,
               today: date | None) -> bool:
        for attr in self.unique.get(rtype, ()):
            for obj in objs:
                items = getattr(obj, attr)
                if isinstance(items, list) and len(set(items)) != len(items):
                    return False
        for field, pattern in self.patterns[rtype]:
            values = [v for r in recs if (v := r.get(field)) is not None]
            if values:
                text = "\n".join(values) + "\n"  # all text: the typed decode checked the type
                if text.count("\n") != len(values) or pattern.fullmatch(text) is None:
                    return False
        earliest, latest = self.years
        for fields, parse in ((self.datetime_fields[rtype], datetime.fromisoformat),
                              (self.date_fields[rtype], date.fromisoformat)):
            for field in fields:
                values = [v for r in recs if (v := r.get(field)) is not None]
                if not values:
                    continue
                try:
                    moments = list(map(parse, values))
                except (ValueError, TypeError):
                    return False
                years = [m.year for m in moments]
                if min(years) < earliest or max(years) > latest:
                    return False
                if field == "birth_date" and today is not None and max(moments) > today:
                    return False
        if rtype == "child":
            try:
                for r in recs:
                    if r.get("cpr"):
                        r["cpr"] = cprlib.normalise(r["cpr"])
            except cprlib.CprError:
                return False
        ids = [r["id"] for r in recs]
        if len(set(ids)) != len(ids) or not seen.keys().isdisjoint(ids):
            return False
        if municipalities is not None and not municipalities.issuperset([r["municipality"] for r in recs]):
            return False
        return exists is None or not any(exists(rtype, r) for r in recs)

    def references_resolve(self, by_type: dict[str, list[Record]], seen: dict[str, dict[str, int]],
                           covered: set[int] | None) -> bool:
        """Whether every record lies in the header's municipalities (if it names them) and every
        reference resolves to a record of the file in the referring record's own municipality. When
        not (e.g. a reference to a record in the database), the caller checks record by record."""
        for rtype, recs in by_type.items():
            owns = [r["municipality"] for r in recs]
            if covered is not None and not covered.issuperset(owns):
                return False
            for name, many, target in self.reference_fields.get(rtype, ()):
                if many:
                    refs = [ref for r in recs for ref in (r.get(name) or ())]
                    wanted = [r["municipality"] for r in recs for _ in (r.get(name) or ())]
                else:
                    refs = [r.get(name) for r in recs]
                    wanted = [own if ref is not None else None for own, ref in zip(owns, refs, strict=True)]
                if list(map(seen[target].get, refs)) != wanted:
                    return False
        return True


def _plain_lines(chunk: list[Any]) -> bool:
    """Lines the fast path can take: all bytes (or all text), none too long, and no `\\u` escape
    (only an escape can put a NUL or a lone surrogate into text; the line path names those)."""
    if isinstance(chunk[0], bytes):
        try:
            return b"\\u" not in b"".join(chunk)  # a TooLong or a str among them: TypeError
        except TypeError:
            return False
    if isinstance(chunk[0], str):
        try:
            return "\\u" not in "".join(chunk) and max(map(len, chunk)) <= MAX_LINE_BYTES
        except TypeError:
            return False
    return False


def _attr(tp: Any, field: str) -> str:
    """The attribute of struct type `tp` that holds JSON field `field`."""
    for attr, name in zip(tp.__struct_fields__, tp.__struct_encode_fields__, strict=True):
        if name == field:
            return str(attr)
    raise KeyError(field)
