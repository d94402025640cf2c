# SPDX-License-Identifier: MPL-2.0
"""Signed aggregate files: how a municipality shares key figures with a network, without
personal data.

The file is one JSON document (format `forebyg-keyfigures-aggregates`,
version 1): catalogue version, municipality, the moment the figures are as
of, the periods covered, and one row per (indicator, period) with value,
numerator, denominator and count, small numbers suppressed (`suppression`).
It is signed with the municipality's Ed25519 key over its canonical JSON
form (keys sorted, no whitespace, UTF-8) without the `signature` member.
The hub verifies it with the public key it registered for that municipality
(`verify_document`). Errors carry a stable `code` so that the user interface
can explain them in the user's language.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from .catalogue import BY_ID, CATALOGUE_VERSION, KNOWN_VERSIONS
from .model import Row
from .suppression import MIN_COUNT, suppress

FORMAT = "forebyg-keyfigures-aggregates"
FORMAT_VERSION = 1
ALGORITHM = "Ed25519"


class AggregateError(ValueError):
    """A file the hub refuses. `code`: format, format_version, catalogue_version, unknown_indicator,
    municipality, signature_missing, signature_key, signature_invalid, outside_network, no_key."""

    def __init__(self, code: str, message: str, **params: Any):
        super().__init__(message)
        self.code = code
        self.params = params


# -- keys ------------------------------------------------------------------------------


def new_private_key_pem() -> bytes:
    key = Ed25519PrivateKey.generate()
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def load_private_key(pem: bytes) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("not an Ed25519 private key")
    return key


def public_key_text(private: Ed25519PrivateKey) -> str:
    """The public key as base64 of its 32 raw bytes (what the hub registers)."""
    raw = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def load_public_key(text: str) -> Ed25519PublicKey:
    try:
        raw = base64.b64decode(text.strip(), validate=True)
        return Ed25519PublicKey.from_public_bytes(raw)
    except (ValueError, TypeError) as exc:
        raise ValueError("not an Ed25519 public key (base64 of 32 bytes)") from exc


def fingerprint(public_text: str) -> str:
    """A short, stable name for a public key: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(base64.b64decode(public_text.strip())).hexdigest()[:16]


# -- documents ------------------------------------------------------------------------


def _number(value: float | None, digits: int = 6) -> float | int | None:
    if value is None:
        return None
    if float(value).is_integer():
        return int(value)
    return round(float(value), digits)


def build_document(rows: Iterable[Row], *, municipality: int, municipality_name: str, as_of: datetime,
                   created_at: datetime, periods: Sequence[str], min_count: int = MIN_COUNT) -> dict[str, Any]:
    """The unsigned document for one municipality's own figures (unit: the municipality)."""
    mine = [r for r in rows if r.unit_kind == "municipality" and r.municipality == municipality]
    hidden = suppress(mine, min_count=min_count, periods=periods)
    out_rows = []
    for r in sorted(mine, key=lambda r: (r.indicator, r.period)):
        is_hidden = (r.indicator, r.period) in hidden
        out_rows.append({
            "indicator": r.indicator, "indicator_version": BY_ID[r.indicator].version, "period": r.period,
            "value": None if is_hidden else _number(r.value),
            "numerator": None if is_hidden else _number(r.numerator, 2),
            "denominator": None if is_hidden else _number(r.denominator, 2),
            "count": None if is_hidden else r.count,
            "suppressed": is_hidden,
        })
    return {
        "format": FORMAT, "format_version": FORMAT_VERSION, "catalogue_version": CATALOGUE_VERSION,
        "municipality": municipality, "municipality_name": municipality_name,
        "as_of": as_of.isoformat(), "created_at": created_at.isoformat(), "periods": list(periods),
        "suppression": {"min_count": min_count, "rule": "counts 1 to min_count-1 are hidden; secondary "
                        "suppression across periods and related indicators"},
        "rows": out_rows,
    }


def canonical_bytes(doc: dict[str, Any]) -> bytes:
    body = {k: v for k, v in doc.items() if k != "signature"}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def sign_document(doc: dict[str, Any], private: Ed25519PrivateKey) -> dict[str, Any]:
    signature = private.sign(canonical_bytes(doc))
    public = public_key_text(private)
    return {**doc, "signature": {"algorithm": ALGORITHM, "key_fingerprint": fingerprint(public),
                                 "value": base64.b64encode(signature).decode("ascii")}}


def dumps(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def parse(data: bytes | str) -> dict[str, Any]:
    """The document from the file's bytes, checked for form, versions and indicators (not the signature)."""
    try:
        doc = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise AggregateError("format", f"the file is not JSON ({exc})") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise AggregateError("format", "the file is not a Forebyg key-figure aggregate file")
    if doc.get("format_version") != FORMAT_VERSION:
        raise AggregateError("format_version", f"unknown file format version {doc.get('format_version')!r}",
                             version=doc.get("format_version"))
    if doc.get("catalogue_version") not in KNOWN_VERSIONS:
        raise AggregateError("catalogue_version",
                             f"unknown key-figure catalogue version {doc.get('catalogue_version')!r}",
                             version=doc.get("catalogue_version"), known=sorted(KNOWN_VERSIONS))
    if not isinstance(doc.get("municipality"), int) or not isinstance(doc.get("rows"), list):
        raise AggregateError("format", "the file has no municipality or no rows")
    for row in doc["rows"]:
        ind = BY_ID.get(str(row.get("indicator"))) if isinstance(row, dict) else None
        if ind is None or row.get("indicator_version") != ind.version:
            name = row.get("indicator") if isinstance(row, dict) else row
            raise AggregateError("unknown_indicator", f"unknown indicator or indicator version: {name!r}",
                                 indicator=name)
    return doc


def verify_document(doc: dict[str, Any], *, public_key: str) -> None:
    """Raise AggregateError unless `doc` carries a valid signature by `public_key`."""
    sig = doc.get("signature")
    if not isinstance(sig, dict) or sig.get("algorithm") != ALGORITHM or not sig.get("value"):
        raise AggregateError("signature_missing", "the file is not signed")
    if sig.get("key_fingerprint") and sig["key_fingerprint"] != fingerprint(public_key):
        raise AggregateError("signature_key", "the file was signed with another key than the one registered",
                             fingerprint=sig.get("key_fingerprint"))
    try:
        load_public_key(public_key).verify(base64.b64decode(sig["value"]), canonical_bytes(doc))
    except (InvalidSignature, ValueError):
        raise AggregateError("signature_invalid", "the signature does not match the file's contents") from None
