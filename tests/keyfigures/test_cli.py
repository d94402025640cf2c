# SPDX-License-Identifier: MPL-2.0
"""`forebyg keyfigures`: from a file without a database (Django not imported), from the database,
refresh, and the signed-file chores."""

import json
import subprocess
import sys
from pathlib import Path

from forebyg.cli import main

DATA = Path(__file__).resolve().parent / "data" / "small.jsonl"
ROOT = Path(__file__).resolve().parents[2]


def test_from_a_file_without_django(tmp_path):
    pop = tmp_path / "pop.csv"
    pop.write_text("municipality,year,children\n657,2023,1000\n657,2024,1000\n", encoding="utf-8")
    code = (
        "import sys, json, io, contextlib\n"
        "from forebyg.cli import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        f"    rc = main(['keyfigures', '--file', {str(DATA)!r}, '--population', {str(pop)!r}, '--format', 'json',\n"
        "               '--as-of', '2024-12-31T23:59:59+01:00', '--unit', 'municipality', '--unit', 'team'])\n"
        "assert rc == 0\n"
        "assert not [m for m in sys.modules if m == 'django' or m.startswith('django.')], 'Django was imported'\n"
        "print(out.getvalue())\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    rows = json.loads(done.stdout)["rows"]
    acute = {(r["unit"], r["period"]): r["value"] for r in rows if r["indicator"] == "notifications.acute_24h"}
    assert acute[("657", "2024")] == 50.0 and acute[("kf-T1", "2024")] == 100.0
    per_1000 = {r["period"]: r["value"] for r in rows if r["indicator"] == "notifications.per_1000"}
    assert per_1000 == {"2023": 2.0, "2024": 5.0}


def test_table_fast_read_and_errors(capsys):
    assert main(["keyfigures", "--file", str(DATA), "--fast", "--as-of", "2024-12-31T23:59:59+01:00"]) == 0
    out = capsys.readouterr().out
    assert "notifications.acute_24h" in out and "No population data" in out
    assert main(["keyfigures", "--file", str(DATA), "--indicator", "made.up"]) == 2
    assert "unknown indicator" in capsys.readouterr().err


def test_an_invalid_file_is_reported(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"type": "child", "id": "x"}\n', encoding="utf-8")
    assert main(["keyfigures", "--file", str(bad)]) == 2
    assert "not valid" in capsys.readouterr().err


def test_from_the_database_refresh_and_signed_files(small, tmp_path, capsys):
    assert main(["keyfigures", "--municipality", "657", "--format", "csv", "--as-of", "2024-12-31T23:59:59+01:00",
                 "--indicator", "notifications.acute_24h"]) == 0
    assert "notifications.acute_24h,municipality,657,657,2024,2.0,4.0,50.0,4" in capsys.readouterr().out
    assert main(["keyfigures", "refresh", "--municipality", "657", "--as-of", "2024-12-31T23:59:59+01:00"]) == 0
    assert "month:" in capsys.readouterr().out
    assert main(["keyfigures", "keygen", "--municipality", "657"]) == 0
    public = capsys.readouterr().out.split("Public key (send it to the network secretariat): ")[1].split()[0]
    out = tmp_path / "agg.json"
    assert main(["keyfigures", "export-aggregates", "--municipality", "657", "-o", str(out)]) == 0
    assert main(["keyfigures", "verify", str(out), "--public-key", public]) == 0
    assert "Valid: Herning (657)" in capsys.readouterr().out
    doc = json.loads(out.read_text())
    doc["municipality_name"] = "Someone else"
    out.write_text(json.dumps(doc))
    assert main(["keyfigures", "verify", str(out), "--public-key", public]) == 1
    assert "signature_invalid" in capsys.readouterr().err
