# SPDX-License-Identifier: MPL-2.0
"""Signed aggregate files: build, sign, parse and verify; every refusal has its own code."""

import json
from datetime import UTC, datetime

import pytest

from forebyg.domain.keyfigures import aggregates as agg
from forebyg.domain.keyfigures.model import Row

NOW = datetime(2025, 1, 1, tzinfo=UTC)


def _doc(rows=None):
    rows = rows or [Row("notifications.per_1000", "municipality", "657", 657, "2024", 210.0, 2000.0, 105.0, 210),
                    Row("notifications.per_1000", "team", "t-1", 657, "2024", 3.0, None, None, 3),
                    Row("notifications.acute_24h", "municipality", "657", 657, "2024", 3.0, 200.0, 1.5, 200)]
    return agg.build_document(rows, municipality=657, municipality_name="Herning", as_of=NOW, created_at=NOW,
                              periods=["2024"])


@pytest.fixture
def key():
    return agg.load_private_key(agg.new_private_key_pem())


def test_only_the_municipalitys_own_figures_leave_and_small_ones_are_hidden(key):
    doc = _doc()
    assert [r["indicator"] for r in doc["rows"]] == ["notifications.acute_24h", "notifications.per_1000"]
    acute = doc["rows"][0]
    assert acute["suppressed"] and acute["value"] is None and acute["numerator"] is None
    assert doc["rows"][1] == {"indicator": "notifications.per_1000", "indicator_version": 1, "period": "2024",
                              "value": 105, "numerator": 210, "denominator": 2000, "count": 210, "suppressed": False}


def test_a_signed_file_verifies_with_the_registered_key(key):
    signed = agg.sign_document(_doc(), key)
    text = agg.dumps(signed)
    doc = agg.parse(text.encode())
    agg.verify_document(doc, public_key=agg.public_key_text(key))


def test_a_changed_file_is_refused(key):
    signed = agg.sign_document(_doc(), key)
    signed["rows"][1]["value"] = 90
    with pytest.raises(agg.AggregateError) as err:
        agg.verify_document(agg.parse(agg.dumps(signed)), public_key=agg.public_key_text(key))
    assert err.value.code == "signature_invalid"


def test_a_file_signed_with_another_key_is_refused(key):
    other = agg.load_private_key(agg.new_private_key_pem())
    signed = agg.sign_document(_doc(), other)
    with pytest.raises(agg.AggregateError) as err:
        agg.verify_document(signed, public_key=agg.public_key_text(key))
    assert err.value.code == "signature_key"
    del signed["signature"]["key_fingerprint"]  # without the hint, the signature check itself refuses it
    with pytest.raises(agg.AggregateError) as err:
        agg.verify_document(signed, public_key=agg.public_key_text(key))
    assert err.value.code == "signature_invalid"


@pytest.mark.parametrize("change, code", [
    (lambda d: d.update(catalogue_version=99), "catalogue_version"),
    (lambda d: d.update(format="something-else"), "format"),
    (lambda d: d.update(format_version=7), "format_version"),
    (lambda d: d["rows"][0].update(indicator="invented.indicator"), "unknown_indicator"),
    (lambda d: d["rows"][0].update(indicator_version=5), "unknown_indicator"),
])
def test_unknown_versions_and_formats_are_refused(key, change, code):
    doc = agg.sign_document(_doc(), key)
    change(doc)
    with pytest.raises(agg.AggregateError) as err:
        agg.parse(json.dumps(doc))
    assert err.value.code == code


def test_unsigned_and_unreadable_files_are_refused(key):
    with pytest.raises(agg.AggregateError) as err:
        agg.verify_document(agg.parse(json.dumps(_doc())), public_key=agg.public_key_text(key))
    assert err.value.code == "signature_missing"
    with pytest.raises(agg.AggregateError) as err:
        agg.parse(b"\x89PNG not json")
    assert err.value.code == "format"


def test_public_keys_round_trip_and_have_a_fingerprint(key):
    text = agg.public_key_text(key)
    assert agg.load_public_key(text) is not None and len(agg.fingerprint(text)) == 16
    with pytest.raises(ValueError):
        agg.load_public_key("not a key")
