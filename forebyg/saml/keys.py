# SPDX-License-Identifier: MPL-2.0
"""TEST-ONLY key pairs for the demo and the tests, generated at runtime into the var directory.

Production uses the municipality's own OCES/FOCES certificate (FOREBYG_SAML_KEY_FILE and
FOREBYG_SAML_CERT_FILE); a system check refuses these generated keys there."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

TEST_KEY_MARK = "test-only"


def test_keypair(directory: Path, name: str) -> tuple[str, str]:
    """(key file, certificate file) of a self-signed TEST-ONLY pair, made on first use."""
    directory.mkdir(parents=True, exist_ok=True)
    key_file, cert_file = directory / f"{TEST_KEY_MARK}-{name}.key", directory / f"{TEST_KEY_MARK}-{name}.crt"
    if key_file.exists() and cert_file.exists():
        return str(key_file), str(cert_file)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"Forebyg TEST-ONLY {name}")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=3650)).sign(key, hashes.SHA256()))
    tmp = key_file.with_name(key_file.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                   serialization.NoEncryption()))
    cert_tmp = cert_file.with_name(cert_file.name + ".tmp")
    cert_tmp.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    os.replace(tmp, key_file)
    os.replace(cert_tmp, cert_file)
    return str(key_file), str(cert_file)
