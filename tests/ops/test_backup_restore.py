# SPDX-License-Identifier: MPL-2.0
"""Backups hold everything (issue #17): the database, the uploaded files and the signing keys, with a
checksum manifest that restore checks; and a database holding anything at all - one user - is not
replaced without --yes. Driven through the real `forebyg` command on a fresh instance, as an
operator would (tests/faults/instances.py), on the database of this test run."""

from __future__ import annotations

import subprocess
import tarfile

import pytest

from tests.faults.instances import ROOT, Instance, vendors

pytestmark = pytest.mark.django_db  # vendors() reads the test run's database settings


def make_user(instance: Instance, username: str) -> subprocess.CompletedProcess:
    return subprocess.run(instance.command("user", "create", username, "--name", "Syntetisk Administrator",
                                           "--role", "administrator", "--municipality", "657", "--password-stdin"),
                          input="en-lang-syntetisk-kode\n", env=instance.env(), cwd=ROOT,
                          capture_output=True, text=True, timeout=600, check=True)


@pytest.mark.parametrize("vendor", vendors())
def test_backup_with_a_file_restores_into_an_empty_directory(vendor, tmp_path):
    original = Instance(vendor, (tmp_path / "original").resolve(), migrated=True)
    empty = Instance(vendor, (tmp_path / "empty").resolve())
    one_user = Instance(vendor, (tmp_path / "one-user").resolve(), migrated=True)
    for d in ("original", "empty", "one-user"):
        (tmp_path / d).mkdir(exist_ok=True)
    try:
        make_user(original, "anna")
        upload = original.tmp / "media" / "network" / "materials" / "dagsorden.txt"
        upload.parent.mkdir(parents=True)
        upload.write_bytes("Dagsorden for netværksmødet (syntetisk)\n".encode())
        key = original.tmp / "keys" / "keyfigures-657.pem"
        key.parent.mkdir()
        key.write_bytes(b"synthetic key material")
        document = original.tmp / "documents" / "ab" / "cd" / ("abcd" + "0" * 60)  # a case document (issue #18)
        document.parent.mkdir(parents=True)
        document.write_bytes(b"%PDF-1.4 syntetisk afgoerelse")
        backup = tmp_path / "forebyg.backup"
        out = original.run("backup", str(backup)).stdout
        assert "3 uploaded files and keys" in out
        names = tarfile.open(backup).getnames()
        assert {"media/network/materials/dagsorden.txt", "keys/keyfigures-657.pem", "MANIFEST.json",
                f"documents/ab/cd/{document.name}"} <= set(names)

        # into an empty directory: database, file and key come back
        restored = empty.run("restore", str(backup))
        assert "Restored" in restored.stdout, restored.stderr
        assert (empty.tmp / "media" / "network" / "materials" / "dagsorden.txt").read_bytes() == upload.read_bytes()
        assert (empty.tmp / "keys" / "keyfigures-657.pem").read_bytes() == b"synthetic key material"
        assert (empty.tmp / "documents" / "ab" / "cd" / document.name).read_bytes() == document.read_bytes()
        assert "anna" in empty.run("user", "list").stdout

        # a database holding only one user is not replaced without --yes, and nothing changes
        make_user(one_user, "bo")
        refused = one_user.run("restore", str(backup), check=False)
        assert refused.returncode == 2 and "--yes" in refused.stderr and "accounts_user" in refused.stderr
        listed = one_user.run("user", "list").stdout
        assert "bo" in listed and "anna" not in listed
        assert not (one_user.tmp / "media").exists()

        # a backup changed after it was written is refused as a whole
        damaged = tmp_path / "damaged.backup"
        data = bytearray(backup.read_bytes())
        at = data.index(b"Dagsorden")
        data[at] = ord("d")
        damaged.write_bytes(bytes(data))
        result = one_user.run("restore", str(damaged), "--yes", check=False)
        assert result.returncode == 2 and "checksum" in result.stderr
        assert "anna" not in one_user.run("user", "list").stdout
    finally:
        original.drop()
        empty.drop()
        one_user.drop()


@pytest.mark.parametrize("vendor", vendors())
def test_first_administrator_on_a_fresh_database(vendor, tmp_path):
    fresh = Instance(vendor, tmp_path.resolve())
    try:
        env = {**fresh.env(), "FOREBYG_SITE_URL": "https://forebyg.kommune.example"}
        r = subprocess.run(fresh.command("user", "create", "anna", "--name", "Anna Syntetisk", "--role", "administrator",
                                         "--municipality", "657", "--email", "anna@example.org"),
                           env=env, capture_output=True, text=True, timeout=600)
        assert r.returncode == 0, r.stderr
        assert "https://forebyg.kommune.example/konto/adgangskode/ny/" in r.stdout
        bad = fresh.run("user", "create", "bo", "--name", "Bo", "--role", "boss", "--municipality", "657",
                        check=False)
        assert bad.returncode == 2 and "Unknown role boss" in bad.stderr
        deactivate = fresh.run("user", "deactivate", "anna", check=False)
        assert deactivate.returncode == 2 and "last active administrator" in deactivate.stderr
        listed = fresh.run("user", "list").stdout
        assert "anna" in listed and "administrator" in listed and "bo " not in listed
    finally:
        fresh.drop()
