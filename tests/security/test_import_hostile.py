# SPDX-License-Identifier: MPL-2.0
"""Issue #13, finding 9: each hostile import file the probe used, through the real command
(`forebyg.cli:main`): exit non-zero, a short line-numbered message, no traceback, nothing written.
Also issue #17: a re-import says once that import only adds records; a JSON error keeps its column."""

from __future__ import annotations

import json
import tracemalloc

import pytest
from django_scopes import scopes_disabled

from forebyg.cli import main

HEADER = json.dumps({"type": "header", "format": "forebyg-interchange", "version": 1,
                     "exported_at": "2026-01-01T00:00:00+01:00", "municipalities": [657]})


def child(**change) -> str:
    record = {"type": "child", "id": "657-c-h1", "municipality": 657, "name": "Syntetisk Testbarn",
              "birth_date": "2015-01-01", "registered_at": "2020-01-01T10:00:00+01:00", **change}
    return json.dumps(record, ensure_ascii=False)


MEASURE = {"case": "657-k-1", "child": "657-c-1", "decided_at": "2022-06-20T09:55:00+02:00", "id": "657-m-1",
           "kind": "sel_early", "law": "SEL", "legal_basis": "SEL § 11 stk. 3", "municipality": 657, "purpose": "P",
           "step": 1, "type": "measure"}


def counts() -> dict[str, int]:
    from forebyg.accounts.models import User
    from forebyg.cases import models as m

    with scopes_disabled():
        return {"children": m.Child.objects.count(), "cases": m.Case.objects.count(), "users": User.objects.count()}


def run_import(tmp_path, capsys, body: bytes, *, measure: list[int] | None = None) -> tuple[int, str]:
    path = tmp_path / "file.jsonl"
    path.write_bytes(HEADER.encode() + b"\n" + body + b"\n")
    del body
    before = counts()
    if measure is not None:
        tracemalloc.start()
    try:
        code = main(["import", str(path)])
        if measure is not None:
            measure.append(tracemalloc.get_traced_memory()[1])
    finally:
        tracemalloc.stop()
    err = capsys.readouterr().err
    assert counts() == before, "nothing is written"
    assert "Traceback" not in err
    return code, err


HOSTILE = {
    "malformed UTF-8": (child().encode().replace(b"Testbarn", b"Test\xffbarn"),
                        "line 2: is not valid UTF-8 (byte 0xff at column"),
    "200,000-deep array": (b"[" * 200_000 + b"]" * 200_000, "line 2: nests arrays or objects more than 10 deep"),
    "birth date in 9999": (child(birth_date="9999-01-01").encode(),
                           "line 2, field 'birth_date': must be between 1900 and 2200"),
    "birth date in the future": (child(birth_date="2199-01-01").encode(), "line 2, field 'birth_date': lies in the future"),
    "timestamp in 9999": (child(registered_at="9999-12-31T23:59:00-01:00").encode(),
                          "line 2, field 'registered_at': must be between 1900 and 2200"),
    "timestamp in year 1": (child(registered_at="0001-01-01T00:00:00+01:00").encode(),
                            "line 2, field 'registered_at': must be between 1900 and 2200"),
    "lone surrogate": (child().replace("Testbarn", "Test\\ud800barn").encode(),
                       "line 2, field 'name': must not contain a lone surrogate"),
    "lone surrogate in a field name": (child().replace('"name"', '"\\udc00x": 1, "name"').encode(),
                                       "line 2, field '\\udc00x': must not contain a lone surrogate"),
    "NUL in a name": (child().replace("Testbarn", "Test\\u0000barn").encode(),
                      "line 2, field 'name': must not contain a NUL character"),
    "NUL in a nested text": (child(custody_holders=[{"name": "Mor\u0000", "relation": "Mor"}]).encode(),
                             "line 2, field 'custody_holders.0.name': must not contain a NUL character"),
    "a 5,000-digit number": (child().replace('"municipality": 657', '"municipality": ' + "7" * 5000).encode(),
                             "line 2: is not valid JSON here (a number with too many digits)"),
    "NaN as a price": (b'{"id": "657-o-1", "law": "SEL", "measure_kind": "sel_early", "municipality": 657, "name": "T", '
                       b'"price_per_month": NaN, "provider": "K", "type": "offer"}',
                       "line 2: is not valid JSON (NaN is not a JSON number)"),
    "a duration past any integer column": (json.dumps(MEASURE | {"expected_duration_months": 10 ** 40}).encode(),
                                           "line 2, field 'expected_duration_months': must be at most 2147483647"),
    "broken JSON": (child()[:60].encode(), "line 2: is not valid JSON (Invalid control character at column 61)"),
    "JSON syntax": (child().replace(", ", " ", 1).encode(), "line 2: is not valid JSON (Expecting ',' delimiter at column"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("body, expected", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_file_gives_a_line_numbered_message(tmp_path, capsys, body, expected):
    code, err = run_import(tmp_path, capsys, body)
    assert code != 0
    assert err.startswith("Nothing was imported. 1 error(s):\n"), err[:300]
    assert expected in err, err[:300]
    assert len(err) < 400, "a short message"


@pytest.mark.django_db
def test_a_50_mb_value_is_neither_held_nor_echoed(tmp_path, capsys):
    peak: list[int] = []
    code, err = run_import(tmp_path, capsys, child(name="A" * 50_000_000).encode(), measure=peak)
    assert code != 0 and "line 2: is 50,000,1" in err and "a line may be at most 4,194,304" in err
    assert len(err) < 300
    assert peak[0] < 20_000_000, f"{peak[0]:,} bytes at the peak"


@pytest.mark.django_db
def test_a_long_value_within_the_line_limit_is_cut_in_the_message(tmp_path, capsys):
    code, err = run_import(tmp_path, capsys, child(name="B" * 1_000_000).encode())
    assert code != 0 and "line 2, field 'name': is longer than 200 characters (1,000,000)" in err
    code, err = run_import(tmp_path, capsys, child(birth_date="X" * 100_000).encode())
    assert "line 2, field 'birth_date': has the wrong form: 'XXXX" in err and "(100,000 characters)" in err
    assert len(err) < 300


@pytest.mark.django_db
def test_every_bad_line_is_reported_with_its_own_number(tmp_path, capsys):
    body = b"\n".join([child(id="657-c-1", birth_date="9999-01-01").encode(), b"\xfe{",
                       child(id="657-c-2", name="x\\u0000").encode().replace(b"\\\\", b"\\"), b"[" * 50 + b"]" * 50,
                       child(id="657-c-3").encode()])
    code, err = run_import(tmp_path, capsys, body)
    assert code != 0 and err.startswith("Nothing was imported. 4 error(s):")
    assert [line.split(",")[0].split(":")[0] for line in err.splitlines()[1:]] == ["line 2", "line 3", "line 4", "line 5"]


@pytest.mark.django_db
def test_a_re_import_says_once_that_import_only_adds_records(tmp_path, capsys):
    path = tmp_path / "good.jsonl"
    path.write_text("\n".join([HEADER, *(child(id=f"657-c-{i}") for i in range(250))]) + "\n", encoding="utf-8")
    assert main(["import", str(path)]) == 0
    capsys.readouterr()
    assert main(["import", str(path)]) == 2
    err = capsys.readouterr().err
    assert "250 error(s):" in err and "... and 230 more error(s)" in err
    assert err.count("Import only adds new records") == 1
    assert "250 line(s) hold a record whose id (or username) is already in the database" in err
    assert len(err.splitlines()) < 30
