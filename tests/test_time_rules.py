# SPDX-License-Identifier: MPL-2.0
"""One clock and one time zone: a scan of forebyg/ that refuses the ways a date or a zone goes
wrong quietly.

* `.date()` on a datetime gives the date in the zone the value carries: UTC for what the
  database and most API clients hand over, so 00:30 Danish time on 1 January is still
  31 December. Take dates through `forebyg.domain.calendar.local_date` (or `clock.today()`).
* `date.today()` and `datetime.now()` give the server's date and time, not Denmark's.
* The Copenhagen zone is built once, as `forebyg.domain.calendar.CPH`.
* A stored instant (`decided_at`, `starts_at`, ...) formatted with `%d.%m.%Y` or `strftime` shows
  its UTC date and time: format `to_local(moment)` instead.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "forebyg"
CALENDAR = "domain/calendar.py"  # the helpers themselves
# The zone's name may appear where it is data for another library, never as a second zone.
ZONE_NAME = "Europe/Copenhagen"


def _modules() -> list[tuple[str, ast.Module]]:
    out = []
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if "/migrations/" in f"/{rel}":
            continue
        out.append((rel, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))))
    return out


MODULES = _modules()


def _name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_name(node.value)}.{node.attr}"
    return "?"


def offences(tree: ast.Module, rel: str) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func, where = node.func, f"{rel}:{node.lineno}"
        if isinstance(func, ast.Attribute) and func.attr == "date" and not node.args and not node.keywords:
            # polars/pandas column expressions (`expr.dt.date()`) are not datetimes
            if not (isinstance(func.value, ast.Attribute) and func.value.attr == "dt") and rel != CALENDAR:
                found.append(f"{where}: .date() on a datetime (use local_date / clock.today())")
        name = _name(func)
        if name in ("date.today", "datetime.date.today"):
            found.append(f"{where}: date.today() is the server's date (use clock.today())")
        if name in ("datetime.now", "datetime.datetime.now", "datetime.utcnow", "datetime.datetime.utcnow") \
                and not node.args and not node.keywords:
            found.append(f"{where}: {name}() without a zone (use clock.now())")
        if name in ("ZoneInfo", "zoneinfo.ZoneInfo") and rel != CALENDAR:
            found.append(f"{where}: a second ZoneInfo (import CPH from forebyg.domain.calendar)")
        if isinstance(func, ast.Attribute) and func.attr == "strftime" and _instant(func.value):
            found.append(f"{where}: strftime on a stored instant shows it in UTC (use to_local)")
    for node in ast.walk(tree):  # f"{x.decided_at:%d.%m.%Y}"
        if isinstance(node, ast.FormattedValue) and node.format_spec is not None and _instant(node.value):
            spec = "".join(v.value for v in node.format_spec.values if isinstance(v, ast.Constant))
            if "%" in spec:
                found.append(f"{rel}:{node.lineno}: a stored instant formatted in UTC (use to_local / local_date)")
    return found


def _instant(node: ast.AST) -> bool:
    """A stored instant: an attribute named like the models' datetimes (`received_at`, `decided_at`)."""
    return isinstance(node, ast.Attribute) and node.attr.endswith("_at")


def test_no_module_takes_a_date_or_a_zone_past_the_danish_calendar():
    found = [o for rel, tree in MODULES for o in offences(tree, rel)]
    assert found == []


@pytest.mark.parametrize("source, expected", [
    ("d = decided_at.date()", 1),
    ("d = moment.astimezone(CPH).date()", 1),
    ("d = local_date(decided_at)", 0),
    ("d = frame.dt.date()", 0),
    ("d = date.today()", 1),
    ("d = datetime.now()", 1),
    ("d = datetime.now(UTC)", 0),
    ("z = ZoneInfo('Europe/Copenhagen')", 1),
    ("d = day.replace(day=1)", 0),
    ("t = f'{m.decided_at:%d.%m.%Y}'", 1),
    ("t = f'{to_local(m.decided_at):%d.%m.%Y}'", 0),
    ("t = m.starts_at.strftime('%d.%m.%Y')", 1),
    ("t = f'{m.decided_at}'", 0),
])
def test_the_scan_sees_what_it_should(source, expected):
    assert len(offences(ast.parse(source), "example.py")) == expected
