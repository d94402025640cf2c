# SPDX-License-Identifier: MPL-2.0
"""An import killed half-way (SIGKILL, while it is writing) leaves the database exactly as it was
before: the same row count in every table and the same export, on SQLite and on PostgreSQL."""

from __future__ import annotations

import signal
import subprocess
import time

import pytest

from .instances import ROOT, Instance, synthetic_file, vendors

# Types are written in this order; the kill comes once these are written and later ones are not.
KILL_AFTER = "  notification:"


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("import-files")
    small, large = tmp / "small.jsonl", tmp / "large.jsonl"
    synthetic_file(small, municipality=101, children=300)
    n = synthetic_file(large, municipality=657, children=20000)
    assert n > 100_000
    return small, large


@pytest.mark.database
@pytest.mark.parametrize("vendor", vendors())
def test_sigkill_during_import_leaves_the_database_as_before(vendor, files, tmp_path):
    small, large = files
    instance = Instance(vendor, tmp_path, migrated=True)
    try:
        instance.run("import", str(small))
        before_export, before_counts = instance.export("before"), instance.counts()
        assert before_counts["cases_child"] > 0

        process = subprocess.Popen(instance.command("import", str(large)), env=instance.env(), cwd=ROOT,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        seen = []
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            line = process.stderr.readline()
            if not line:
                break
            seen.append(line)
            if line.startswith(KILL_AFTER):
                process.send_signal(signal.SIGKILL)
                break
        process.wait(60)
        assert process.returncode == -signal.SIGKILL, f"not killed while writing: {''.join(seen)}"
        assert any("writing them in one transaction" in s for s in seen)

        assert instance.counts() == before_counts
        assert instance.export("after") == before_export
        # and the database takes the same import afterwards (no lock or half-written state left behind)
        assert "Imported" in instance.run("import", str(large)).stdout
        assert instance.counts()["cases_child"] > before_counts["cases_child"]
    finally:
        instance.drop()
