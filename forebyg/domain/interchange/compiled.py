# SPDX-License-Identifier: MPL-2.0
"""A compiled validator for the interchange records, generated from the one schema (issue #20).

`schema.py` stays the single source of the format. At import time each record type's JSON Schema
(`record_schema`) is translated into `msgspec` types: an object with fixed properties becomes a
`Struct` that forbids unknown fields, `anyOf [X, null]` an optional type, `enum`/`const` a
`Literal`, string/number/array limits `msgspec.Meta` constraints. Converting a parsed record to its
struct then checks the whole schema in C, several times faster than `fastjsonschema`.

The fast path only answers "valid" or "not valid". It is strict on purpose: anything it does not
accept (including a few values JSON Schema does accept, such as `1.0` for an integer) goes to the
detailed `jsonschema` validator, which decides and names every wrong field. So acceptance here
must imply validity under the schema (tests/domain/test_interchange_compiled.py checks both ways
with Hypothesis); a rejection only costs the slow path.

A schema keyword this translator does not know raises `Unsupported` at import time, so a change to
the schema cannot silently weaken validation.
"""

from __future__ import annotations

import re
from re import _constants as sre_c  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Annotated, Any, Literal, Union

import msgspec

from .schema import RECORDS, record_schema


class Unsupported(ValueError):
    """A schema construct the translator does not handle (fix the translator, not the schema)."""


_SCALAR_TYPES = {"string": str, "integer": int, "number": float, "boolean": bool, "null": type(None)}
_STRING_LIMITS = {"pattern": "pattern", "minLength": "min_length", "maxLength": "max_length"}
_NUMBER_LIMITS = {"minimum": "ge", "maximum": "le", "exclusiveMinimum": "gt", "exclusiveMaximum": "lt"}
_ARRAY_LIMITS = {"minItems": "min_length", "maxItems": "max_length"}
_APPLIES = {"string": set(_STRING_LIMITS), "integer": set(_NUMBER_LIMITS), "number": set(_NUMBER_LIMITS)}
_IGNORED = {"format"}  # not asserted by the reference validator either (no format checker)


# Opcodes of a pattern that can only match text without a newline (see `column_pattern`).
_SAFE_OPS = {sre_c.LITERAL, sre_c.IN, sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, sre_c.SUBPATTERN, sre_c.BRANCH}
_SAFE_CATEGORIES = {sre_c.CATEGORY_DIGIT, sre_c.CATEGORY_WORD}


def _no_newline(items: Any) -> bool:
    """Whether the parsed pattern `items` can match no text that holds a newline: only literals,
    positive classes (ranges, digits, word characters), repeats, groups and alternatives."""
    for op, arg in items:
        if op not in _SAFE_OPS:
            return False
        if op == sre_c.LITERAL and arg == ord("\n"):
            return False
        if op == sre_c.IN:
            for iop, iarg in arg:
                if iop == sre_c.LITERAL and iarg != ord("\n"):
                    continue
                if iop == sre_c.RANGE and not iarg[0] <= ord("\n") <= iarg[1]:
                    continue
                if iop == sre_c.CATEGORY and iarg in _SAFE_CATEGORIES:
                    continue
                return False
        elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT):
            if not _no_newline(arg[2]):
                return False
        elif op == sre_c.SUBPATTERN:
            if not _no_newline(arg[3]):
                return False
        elif op == sre_c.BRANCH and not all(_no_newline(branch) for branch in arg[1]):
            return False
    return True


def column_pattern(pattern: str) -> re.Pattern[str] | None:
    """A pattern that checks a whole column of values in one call, or None if `pattern` does not allow it.

    `pattern` must be `^X$` with X matching no newline. Then, for values that hold no newline
    (the caller checks: one newline per value in the joined text), `(?:X\n)*` fully matching
    "v1\nv2\n...vn\n" is the same as every value matching `^X$` (by `re.search`, as JSON Schema
    and msgspec apply it): each value is one piece between newlines, and `^`/`$` can match only at
    its ends. One regex call per column instead of one per value: several times cheaper."""
    parsed = list(sre_parse.parse(pattern))
    if len(parsed) < 2 or parsed[0] != (sre_c.AT, sre_c.AT_BEGINNING) or parsed[-1] != (sre_c.AT, sre_c.AT_END):
        return None
    if not pattern.startswith("^") or not pattern.endswith("$") or not _no_newline(parsed[1:-1]):
        return None
    return re.compile(f"(?:{pattern[1:-1]}\n)*")


class _Builder:
    def __init__(self, prefix: str, *, columns: bool = False, int_max: int | None = None):
        self.prefix = prefix
        self.count = 0
        # top-level fields whose list must hold unique items (msgspec has no such constraint)
        self.unique: list[str] = []
        # columns=True: a top-level string field's pattern is left to a check of the whole column
        # (`column_pattern`) where it allows that; field -> pattern for the column check
        self.columns = columns
        self.column_checks: dict[str, re.Pattern[str]] = {}
        self.int_max = int_max  # an upper bound for integers the schema leaves unbounded

    def _meta(self, spec: dict[str, Any], limits: dict[str, str]) -> msgspec.Meta | None:
        kwargs = {limits[k]: v for k, v in spec.items() if k in limits}
        return msgspec.Meta(**kwargs) if kwargs else None

    def _annotate(self, tp: Any, spec: dict[str, Any], limits: dict[str, str]) -> Any:
        meta = self._meta(spec, limits)
        return Annotated[tp, meta] if meta is not None else tp

    def _known(self, spec: dict[str, Any], keys: set[str]) -> None:
        unknown = set(spec) - keys - _IGNORED
        if unknown:
            raise Unsupported(f"schema keyword(s) {sorted(unknown)} in {spec!r}")

    def type_of(self, spec: dict[str, Any], path: str) -> Any:
        if "anyOf" in spec:
            self._known(spec, {"anyOf"})
            return Union[tuple(self.type_of(alt, path) for alt in spec["anyOf"])]  # noqa: UP007
        if "enum" in spec:
            self._known(spec, {"enum"})
            return Literal[tuple(spec["enum"])]
        if "const" in spec:
            self._known(spec, {"const"})
            return Literal[spec["const"]]
        kind = spec.get("type")
        if isinstance(kind, list):  # each type with the keywords that apply to it
            return Union[tuple(self.type_of({key: v for key, v in spec.items()  # noqa: UP007
                                             if key in _APPLIES.get(k, set())} | {"type": k}, path)
                               for k in kind)]
        if kind == "string":
            self._known(spec, {"type", *_STRING_LIMITS})
            if self.columns and "pattern" in spec and path and not any(c in path for c in ".[*"):
                column = column_pattern(spec["pattern"])
                if column is not None and self.column_checks.get(path, column) == column:
                    self.column_checks[path] = column
                    return self._annotate(str, {k: v for k, v in spec.items() if k != "pattern"}, _STRING_LIMITS)
            return self._annotate(str, spec, _STRING_LIMITS)
        if kind in ("integer", "number"):
            self._known(spec, {"type", *_NUMBER_LIMITS})
            if kind == "integer" and self.int_max is not None and "maximum" not in spec:
                spec = {**spec, "maximum": self.int_max}
            return self._annotate(_SCALAR_TYPES[kind], spec, _NUMBER_LIMITS)
        if kind in ("boolean", "null"):
            self._known(spec, {"type"})
            return _SCALAR_TYPES[kind]
        if kind == "array":
            self._known(spec, {"type", "items", "uniqueItems", *_ARRAY_LIMITS})
            if spec.get("uniqueItems"):
                if "." in path or path in self.unique:
                    raise Unsupported(f"uniqueItems below the top level ({path})")
                self.unique.append(path)
            return self._annotate(list[self.type_of(spec["items"], path + "[]")], spec,  # type: ignore[misc]
                                  _ARRAY_LIMITS)
        if kind == "object":
            return self._object(spec, path)
        raise Unsupported(f"no type in {spec!r} at {path or '(record)'}")

    def _object(self, spec: dict[str, Any], path: str) -> Any:
        if "properties" in spec:
            self._known(spec, {"type", "properties", "required", "additionalProperties"})
            if spec.get("additionalProperties") is not False:
                raise Unsupported(f"an object with properties must forbid others ({path})")
            return self._struct(spec["properties"], set(spec.get("required", ())), path)
        self._known(spec, {"type", "additionalProperties", "propertyNames"})
        key: Any = str
        if "propertyNames" in spec:
            names = spec["propertyNames"]
            self._known(names, {"pattern"})
            key = self._annotate(str, {"type": "string", **names}, _STRING_LIMITS)
        value = spec.get("additionalProperties", True)
        if value is True:
            raise Unsupported(f"an object of anything ({path})")
        return dict[key, self.type_of(value, path + ".*")]  # type: ignore[misc]  # a type built at run time

    def _struct(self, properties: dict[str, Any], required: set[str], path: str,
                tag: str | None = None) -> Any:
        fields: list[tuple[Any, ...]] = []
        rename: dict[str, str] = {}
        for i, (name, sub) in enumerate(properties.items()):
            if tag is not None and name == "type":
                continue  # the record's tag, checked by the tagged union
            attr = f"f{i}"  # JSON names such as "-2" are no Python identifiers
            rename[attr] = name
            tp = self.type_of(sub, f"{path}.{name}" if path else name)
            if name in required:
                fields.append((attr, tp))
            else:
                fields.append((attr, Union[tp, msgspec.UnsetType], msgspec.UNSET))  # noqa: UP007
        missing = required - set(properties)
        if missing:
            raise Unsupported(f"required but not described: {sorted(missing)} ({path})")
        fields.sort(key=len)  # msgspec: fields without a default come first
        self.count += 1
        name = f"{self.prefix}_{self.count}"
        if tag is not None:
            return msgspec.defstruct(name, fields, rename=rename, forbid_unknown_fields=True,
                                     tag=tag, tag_field="type")
        return msgspec.defstruct(name, fields, rename=rename, forbid_unknown_fields=True)

    def record(self, name: str, schema: dict[str, Any]) -> Any:
        """A top-level record: a struct tagged by its `type` (a constant in the schema)."""
        if schema.get("properties", {}).get("type") != {"const": name}:
            raise Unsupported(f"record {name} must have the constant type {name!r}")
        self._known(schema, {"type", "properties", "required", "additionalProperties"})
        if schema.get("additionalProperties") is not False:
            raise Unsupported(f"record {name} must forbid unknown fields")
        return self._struct(schema["properties"], set(schema.get("required", ())), "", tag=name)


class RecordDecoder:
    """Decodes one line (bytes or str) of the given record types and tells whether it certainly
    matches the schema: `decode(line)` returns the record type, or None ("ask the detailed
    validator": not JSON, not an object, another type, or anything the schema might reject)."""

    def __init__(self, schemas: dict[str, dict[str, Any]], *, columns: bool = False, int_max: int | None = None):
        """`columns`: leave the patterns of top-level string fields that allow it to the caller, who
        checks each such field over many records at once (`column_checks`: type -> field -> the
        pattern for `column_pattern`'s joined text). `int_max`: refuse integers above it where the
        schema sets no maximum (the caller's own limit, so such lines take the detailed path)."""
        self.types: dict[str, Any] = {}
        self.unique: dict[str, tuple[str, ...]] = {}  # per type: top-level lists of unique items
        self.column_checks: dict[str, dict[str, re.Pattern[str]]] = {}
        for name, schema in schemas.items():
            builder = _Builder(name, columns=columns, int_max=int_max)
            self.types[name] = builder.record(name, schema)
            self.unique[name] = tuple(builder.unique)
            self.column_checks[name] = builder.column_checks
        self._decoder = msgspec.json.Decoder(Union[tuple(self.types.values())])  # noqa: UP007
        self.decode = self._decoder.decode

    def check(self, line: bytes | str) -> str | None:
        try:
            obj = self._decoder.decode(line)
        except (msgspec.ValidationError, msgspec.DecodeError):
            return None
        rtype: str = obj.__struct_config__.tag  # every record type carries its tag
        for field in self.unique[rtype]:
            attr = _attr_of(obj, field)
            if isinstance(attr, list) and len(set(attr)) != len(attr):
                return None
        return rtype


def _attr_of(obj: Any, field: str) -> Any:
    for attr, name in zip(obj.__struct_fields__, obj.__struct_encode_fields__, strict=True):
        if name == field:
            return getattr(obj, attr)
    return None


DECODER = RecordDecoder({name: record_schema(name) for name in RECORDS})
