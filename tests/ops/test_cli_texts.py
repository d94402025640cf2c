# SPDX-License-Identifier: MPL-2.0
"""What an operator reads from the `forebyg` command (issue #17): every command in --help, a
deadline summary that reads as a sentence, a Danish review text without English labels or an empty
period, units in the key-figure table. Run on a small synthetic file, without a database."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    from forebyg.synth import generate, write_jsonl

    path = tmp_path_factory.mktemp("cli") / "small.jsonl"
    end = datetime(2025, 12, 1, tzinfo=ZoneInfo("Europe/Copenhagen"))
    write_jsonl(path, generate(municipality=657, name="Syntetisk 657", children=150, start_year=2022, end_year=2025,
                               end=end, seed=3), exported_at="2026-01-01T00:00:00+01:00", municipalities=[657])
    return path


def forebyg(*args: str) -> str:
    r = subprocess.run([sys.executable, "-m", "forebyg.cli", *args], cwd=ROOT, capture_output=True, text=True,
                       timeout=600)
    assert r.returncode == 0, r.stderr
    return r.stdout


def test_help_lists_every_command():
    from forebyg.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    text = forebyg("--help")
    description = text.split("positional arguments")[0]
    assert "demo, import, export, schema, deadlines, serve" not in description  # the old list of six
    for name in sub.choices:
        assert re.search(rf"^\s+{re.escape(name)}\s+\S", text, re.M), f"{name} has no help line"


def test_deadline_summary_reads_as_a_sentence(small):
    first = forebyg("deadlines", "--file", str(small), "--as-of", "2026-01-01T00:00+01:00", "--status", "overdue",
                    "--limit", "1").splitlines()[0]
    m = re.fullmatch(r"As of 2026-01-01T00:00:00\+01:00: (\d+) obligations: (\d+) overdue", first)
    assert m and m.group(1) == m.group(2), first
    everything = forebyg("deadlines", "--file", str(small), "--as-of", "2026-01-01T00:00+01:00",
                         "--limit", "1").splitlines()[0]
    assert re.search(r": \d+ obligations: \d+ overdue, .*\d+ met on time", everything), everything
    assert "met_on_time" not in everything


def test_danish_review_text_has_no_empty_period_and_no_english_labels(small):
    text = forebyg("review", "--file", str(small), "--format", "text", "--as-of", "2026-01-01T00:00+01:00")
    assert "…–…" not in text and "i perioden" not in text.splitlines()[1]
    assert re.match(r"Gennemgangen omfatter \d+ sager ud af \d+\.$", text.splitlines()[1])
    assert text.startswith("Kommune 657")
    for english in (" strength ", " attention ", " development ", "Municipality"):
        assert english not in text
    assert " styrke " in text
    dated = forebyg("review", "--file", str(small), "--format", "text", "--period-start", "2024-01-01",
                    "--period-end", "2024-12-31", "--as-of", "2026-01-01T00:00+01:00")
    assert "i perioden 01.01.2024–31.12.2024." in dated.splitlines()[1]


def test_key_figure_table_shows_units(small):
    text = forebyg("keyfigures", "--file", str(small), "--granularity", "year", "--from-year", "2025",
                   "--synthetic-population")
    assert re.search(r"^indicator\s+unit\s+2025", text, re.M)
    assert re.search(r"^notifications\.per_1000\s+per 1,000 children 0-17\s+\d", text, re.M)
    assert re.search(r"^investigations\.median_days\s+days\s+\d", text, re.M)
    assert re.search(r"^notifications\.acute_24h\s+%\s+\d", text, re.M)
