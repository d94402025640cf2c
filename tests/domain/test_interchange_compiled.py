# SPDX-License-Identifier: MPL-2.0
"""The compiled validator (msgspec types generated from the schema, issue #20) against the
reference: jsonschema on what `json.loads` reads. The fast path may reject a valid line (the slow
path then decides), but whatever it accepts must be valid and read to the same value."""

from __future__ import annotations

import json
from typing import Any

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from forebyg.domain.interchange import compiled, parse_lines
from forebyg.domain.interchange.io import _decode_any
from forebyg.domain.interchange.schema import RECORDS, record_schema

SCHEMAS = {name: record_schema(name) for name in RECORDS}
REFERENCE = {name: Draft202012Validator(schema) for name, schema in SCHEMAS.items()}
JUNK = st.one_of(st.none(), st.booleans(), st.integers(-3, 2**40), st.floats(allow_nan=False, allow_infinity=False),
                 st.just(1.0), st.just(0.0), st.text(max_size=70), st.just(""), st.just("x\n"), st.just("x" * 65),
                 st.just("2024-02-30T10:00+01:00"), st.just([]), st.just({}), st.lists(st.text(max_size=3), max_size=3),
                 st.just(["a", "a"]))


def values(spec: dict[str, Any], junk: bool) -> st.SearchStrategy[Any]:
    """Values for `spec`: valid ones, and with `junk` also near misses and wrong types at any depth."""
    out = _valid(spec, junk)
    return st.one_of(out, out, out, JUNK) if junk else out


def _valid(spec: dict[str, Any], junk: bool) -> st.SearchStrategy[Any]:  # noqa: PLR0911
    if "anyOf" in spec:
        return st.one_of(*(values(alt, junk) for alt in spec["anyOf"]))
    if "enum" in spec:
        return st.sampled_from(spec["enum"])
    if "const" in spec:
        return st.just(spec["const"])
    kind = spec.get("type")
    if isinstance(kind, list):
        return st.one_of(*(values({**spec, "type": k}, junk) for k in kind))
    if kind == "string":
        if "pattern" in spec:
            return st.from_regex(spec["pattern"], fullmatch=True)
        lo, hi = spec.get("minLength", 0), spec.get("maxLength", 30)
        return st.text(min_size=lo, max_size=min(hi, lo + 30)) | (st.text(min_size=hi + 1, max_size=hi + 2)
                                                                   if junk and hi < 100 else st.nothing())
    if kind == "integer":
        lo, hi = spec.get("minimum"), spec.get("maximum")
        inner = st.integers(lo, hi)
        if junk:  # just outside the bounds
            inner |= st.sampled_from([x for x in ((lo or 0) - 1, (hi or 0) + 1) if x is not None])
        return inner
    if kind == "number":
        lo, hi = spec.get("minimum", spec.get("exclusiveMinimum")), spec.get("maximum")
        return (st.floats(lo, hi, allow_nan=False, allow_infinity=False,
                          exclude_min="exclusiveMinimum" in spec) | st.integers(int(lo or 0) + 1, int(hi or 99)))
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    if kind == "array":
        lo, hi = spec.get("minItems", 0), spec.get("maxItems", 4)
        items = values(spec["items"], junk)
        if spec.get("uniqueItems") and not junk:
            return st.lists(items, min_size=lo, max_size=min(hi, 4), unique=True)
        return st.lists(items, min_size=lo, max_size=min(hi, 4))
    if kind == "object":
        if "properties" in spec:
            props = spec["properties"]
            required = {k: values(v, junk) for k, v in props.items() if k in spec.get("required", ())}
            optional = {k: values(v, junk) for k, v in props.items() if k not in required}
            out = st.fixed_dictionaries(required, optional=optional)
            if junk:  # an unknown field, or a required one missing
                out |= out.map(lambda d: {**d, "unknown": 1}) | out.map(lambda d: dict(list(d.items())[1:]))
            return out
        keys = st.from_regex(spec["propertyNames"]["pattern"], fullmatch=True) if "propertyNames" in spec \
            else st.text(max_size=5)
        return st.dictionaries(keys, values(spec["additionalProperties"], junk), max_size=3)
    raise AssertionError(spec)


def _lines(junk: bool) -> st.SearchStrategy[tuple[str, str]]:
    return st.sampled_from(sorted(SCHEMAS)).flatmap(
        lambda name: st.tuples(st.just(name), values(SCHEMAS[name], junk), st.booleans()).map(
            lambda t: (t[0], json.dumps(t[1], ensure_ascii=t[2]))))


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
          deadline=None)
@given(_lines(junk=False))
def test_valid_records_pass_both(line):
    name, text = line
    assert REFERENCE[name].is_valid(json.loads(text))
    assert compiled.DECODER.check(text.encode()) == name


def _paths(value: Any, path: tuple = ()) -> list[tuple]:
    """Every place inside a record: the keys of its objects and the items of its lists."""
    out = [path] if path else []
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        out += _paths(item, (*path, key))
    return out


def _mutated(data: st.DataObject, record: dict[str, Any]) -> dict[str, Any]:
    """The record with one change somewhere: a value replaced by a near miss or another type, a
    field removed, or an unknown field added."""
    record = json.loads(json.dumps(record))
    path = data.draw(st.sampled_from(_paths(record)))
    *parent_path, last = path
    parent = record
    for key in parent_path:
        parent = parent[key]
    how = data.draw(st.sampled_from(["replace", "replace", "remove", "add"]))
    if how == "remove" and isinstance(parent, dict) and last != "type":
        del parent[last]
    elif how == "add" and isinstance(parent, dict):
        parent[data.draw(st.sampled_from(["unknown", "Id", "-3"]))] = 1
    else:
        parent[last] = data.draw(JUNK)
    return record


@settings(max_examples=1500, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
          deadline=None)
@given(st.sampled_from(sorted(SCHEMAS)).flatmap(lambda n: st.tuples(st.just(n), values(SCHEMAS[n], False))),
       st.data())
def test_a_record_with_one_change_is_accepted_only_when_valid(named, data):
    name, record = named
    text = json.dumps(_mutated(data, record))
    if compiled.DECODER.check(text.encode()) is not None:
        assert REFERENCE[name].is_valid(json.loads(text)), text


@settings(max_examples=600, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
          deadline=None)
@given(_lines(junk=True))
def test_whatever_the_fast_path_accepts_is_valid_and_reads_the_same(line):
    name, text = line
    if compiled.DECODER.check(text.encode()) is None:  # the slow path decides
        return
    record = json.loads(text)
    assert REFERENCE[name].is_valid(record), text
    assert _decode_any(text.encode()) == record
    assert json.dumps(_decode_any(text.encode())) == json.dumps(record)  # the same floats and key order


def test_a_near_miss_in_every_record_type_is_rejected():
    """One concrete wrong value per record type: each of them gets to the detailed validator."""
    rejected = []
    for name in RECORDS:
        for bad in ({"type": name, "id": "x" * 65}, {"type": name, "id": "ok", "unknown": 1},
                    {"type": name, "id": "ok", "municipality": 99}):
            if compiled.DECODER.check(json.dumps(bad)) is None:
                rejected.append((name, bad["id"][:3]))
    assert len(rejected) == 3 * len(RECORDS)


def test_a_duplicate_in_a_unique_list_goes_to_the_detailed_validator():
    line = {"type": "staircase_step", "id": "s1", "municipality": 101, "number": 1, "name": "Trin",
            "placement": False, "measure_kinds": ["a", "a"]}
    assert not REFERENCE["staircase_step"].is_valid(line)
    assert compiled.DECODER.check(json.dumps(line)) is None
    assert compiled.DECODER.check(json.dumps({**line, "measure_kinds": ["a", "b"]})) == "staircase_step"


def test_an_unknown_schema_keyword_stops_the_translation():
    with pytest.raises(compiled.Unsupported):
        compiled.RecordDecoder({"x": {"type": "object", "additionalProperties": False, "required": ["type"],
                                      "properties": {"type": {"const": "x"},
                                                     "n": {"type": "integer", "multipleOf": 2}}}})


def test_valid_lines_the_fast_path_is_too_strict_for_are_still_valid():
    """`1.0` is an integer to JSON Schema, not to msgspec: the slow path accepts the line."""
    line = json.dumps({"type": "team", "id": "t1", "municipality": 101.0, "name": "Team"})
    assert compiled.DECODER.check(line) is None
    assert parse_lines([line]) == [json.loads(line)]


def test_a_nul_through_an_escape_is_still_named():
    line = json.dumps({"type": "team", "id": "t1", "municipality": 101, "name": "Te\x00am"})
    assert compiled.DECODER.check(line) == "team"  # valid to the schema; the guard finds the NUL
    with pytest.raises(ValueError, match="NUL"):
        parse_lines([line.encode()])


def test_decoders_agree_on_odd_json():
    for text in ['{"a": 1e400}', '{"a": NaN}', '{"a": "\\ud800"}', '{"a": 1, "a": 2}', '{"a": -0.0}',
                 '{"a": 123456789012345678901234567890}']:
        try:
            ours = _decode_any(text.encode())
        except msgspec.DecodeError:
            continue  # refused: the slow path reads the line
        assert json.dumps(ours) == json.dumps(json.loads(text))
