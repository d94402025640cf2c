# SPDX-License-Identifier: MPL-2.0
"""`forebyg review`: from an interchange file without Django, and from the database."""

import json
import subprocess
import sys

import pytest

from forebyg.cli import build_parser
from tests.domain.test_review_known_set import EXPECTED

from .conftest import known_lines

ARGS = ["--period-start", "2023-01-01", "--period-end", "2023-12-31", "--as-of", "2024-06-01T12:00+02:00"]
NO_DJANGO = ("import sys, json; from forebyg.cli import main; rc = main(sys.argv[1:]); "
             "assert 'django' not in sys.modules, 'Django was imported'; sys.exit(rc)")


def cli(*args):
    return subprocess.run([sys.executable, "-c", NO_DJANGO, "review", *args], capture_output=True, text=True,
                          timeout=120)


def counts(review):
    out = {}
    for t in review["report"]["themes"]:
        for p in t["points"]:
            out[p["point_id"]] = (p["met"], p["not_met"], p["not_applicable"])
    return out


@pytest.fixture
def known_file(tmp_path):
    path = tmp_path / "known.jsonl"
    path.write_text("".join(known_lines()), encoding="utf-8")
    return path


def test_file_review_without_django(known_file):
    r = cli("--file", str(known_file), *ARGS)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    (review,) = data["reviews"]
    assert review["municipality"] == 657 and counts(review) == EXPECTED
    assert review["review"]["population_size"] == 16 and len(review["review"]["cases"]) == 16
    assert review["about"][0].startswith("Gennemgangen omfatter 16 sager ud af 16")


def test_file_sample_with_seed_is_repeatable(known_file):
    outs = [json.loads(cli("--file", str(known_file), *ARGS, "--sample", "5", "--seed", "11",
                           "--stratify-by", "step", "--no-cases").stdout) for _ in range(2)]
    assert outs[0] == outs[1]
    review = outs[0]["reviews"][0]["review"]
    assert review["sample"] == {"size": 5, "seed": 11, "stratify_by": ["step"]} and review["case_count"] == 5
    fresh = json.loads(cli("--file", str(known_file), *ARGS, "--sample", "5").stdout)
    assert isinstance(fresh["reviews"][0]["review"]["sample"]["seed"], int)  # a new seed, printed


def test_text_report_and_rules(known_file, tmp_path):
    r = cli("--file", str(known_file), *ARGS, "--format", "text", "--language", "da")
    assert r.returncode == 0 and "Håndtering af underretninger" in r.stdout
    assert "- I 13 af 16 sager fremgår det ikke af sagens akter" in r.stdout
    rules = cli("--print-rules")
    assert rules.returncode == 0
    data = json.loads(rules.stdout)
    data["points"] = [p for p in data["points"] if p["theme"] == "notifications"]
    custom = tmp_path / "rules.json"
    custom.write_text(json.dumps(data), encoding="utf-8")
    r = cli("--file", str(known_file), *ARGS, "--rules", str(custom), "--no-cases")
    themes = json.loads(r.stdout)["reviews"][0]["report"]["themes"]
    assert [t["id"] for t in themes] == ["notifications"]


def test_bad_input_exits_2(tmp_path, known_file):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"type": "child"}\n', encoding="utf-8")
    r = cli("--file", str(bad), *ARGS)
    assert r.returncode == 2 and "not valid" in r.stderr
    assert cli("--file", str(known_file), "--period-start", "1. januar").returncode != 0
    r = cli("--file", str(known_file), *ARGS, "--sample", "0", "--seed", "1")
    assert r.returncode == 2


def test_database_review(known_db, capsys):
    args = build_parser().parse_args(["review", *ARGS, "--municipality", "657", "--no-cases"])
    assert args.func(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert counts(data["reviews"][0]) == EXPECTED
