# SPDX-License-Identifier: MPL-2.0
"""Docs that tests enforce: every CLI command and every environment setting has a docs entry."""

import re
from pathlib import Path

from forebyg.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]


def test_every_cli_command_is_documented():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    documented = set(re.findall(r"^## `forebyg ([a-z-]+)", (ROOT / "docs" / "cli.md").read_text(), re.M))
    assert set(sub.choices) - documented == set(), "document these in docs/cli.md"


def test_every_environment_setting_is_documented():
    text = "".join(p.read_text() for p in (ROOT / "config" / "settings").glob("*.py"))
    used = set(re.findall(r"os\.environ(?:\.get)?[\[(]\"([A-Z_]+)\"", text))
    documented = (ROOT / "docs" / "settings.md").read_text()
    assert {v for v in used if f"`{v}`" not in documented} == set(), "document these in docs/settings.md"


def test_every_python_file_carries_the_licence_header():
    import subprocess

    files = subprocess.run(["git", "ls-files", "*.py"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    missing = [f for f in files.split() if (ROOT / f).exists() and (ROOT / f).stat().st_size
               and "SPDX-License-Identifier: MPL-2.0" not in (ROOT / f).read_text(encoding="utf-8")[:300]]
    assert missing == [], "add '# SPDX-License-Identifier: MPL-2.0' at the top"
