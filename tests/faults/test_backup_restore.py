# SPDX-License-Identifier: MPL-2.0
"""`forebyg backup` and `forebyg restore`: a restored instance equals the original (every table's
row count and the export), on SQLite and PostgreSQL; a wrong or damaged file changes nothing."""

from __future__ import annotations

import pytest

from .instances import Instance, synthetic_file, vendors


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("backup-files")
    first, second = tmp / "first.jsonl", tmp / "second.jsonl"
    synthetic_file(first, municipality=101, children=400)
    synthetic_file(second, municipality=147, children=200, seed=12)
    return first, second


@pytest.mark.database
@pytest.mark.parametrize("vendor", vendors())
def test_restore_gives_back_the_instance_as_backed_up(vendor, data, tmp_path):
    first, second = data
    original = Instance(vendor, tmp_path, migrated=True)
    fresh = Instance(vendor, tmp_path)
    try:
        original.run("import", str(first))
        original.run("api-token", "create", "--user", original_username(first), "--name", "Backup test")
        exported, counts = original.export("original"), original.counts()
        backup = tmp_path / "forebyg.backup"
        assert "Backed up" in original.run("backup", str(backup)).stdout
        assert original.run("backup", str(backup), check=False).returncode == 2  # never overwrites

        # the instance changes after the backup; restoring needs --yes, then brings it back exactly
        original.run("import", str(second))
        assert original.counts() != counts
        refused = original.run("restore", str(backup), check=False)
        assert refused.returncode == 2 and "--yes" in refused.stderr
        assert "Restored" in original.run("restore", str(backup), "--yes").stdout
        assert original.counts() == counts
        assert original.export("restored") == exported

        # a new, empty instance restored from the backup equals the original too
        fresh.run("restore", str(backup))
        assert fresh.counts() == counts
        assert fresh.export("fresh") == exported

        # a file that is not a backup of this kind of database is refused and nothing changes
        junk = tmp_path / "junk.backup"
        junk.write_bytes(b"not a backup")
        result = original.run("restore", str(junk), "--yes", check=False)
        assert result.returncode == 2 and "not a Forebyg backup" in result.stderr
        assert original.export("after-junk") == exported
    finally:
        original.drop()
        fresh.drop()


def original_username(path) -> str:
    import json

    with open(path, encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            if record.get("type") == "staff":
                return record["username"]
    raise AssertionError("no staff in the file")
