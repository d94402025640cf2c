# SPDX-License-Identifier: MPL-2.0
"""docs/keyfigures.md: the catalogue part is generated from `catalogue.py`.

The generated block sits between two markers; a test fails when it differs
from what this module renders (or when an indicator lacks a text). Regenerate:

    python -m forebyg.domain.keyfigures.docs docs/keyfigures.md
"""

from __future__ import annotations

import sys
from pathlib import Path

from .catalogue import CATALOGUE_VERSION, INDICATORS, RELATIONS
from .model import CATEGORIES, KINDS, PENDING_DATA, Indicator

BEGIN = "<!-- BEGIN GENERATED CATALOGUE: python -m forebyg.domain.keyfigures.docs docs/keyfigures.md -->"
END = "<!-- END GENERATED CATALOGUE -->"
REQUIRED_TEXTS = ("name_da", "name_en", "what", "why", "numerator", "denominator", "unit", "period", "better",
                  "legal")
BETTER = {"higher": "higher is better", "lower": "lower is better",
          "neutral": "neither: read it with the other figures"}


def missing_texts(ind: Indicator) -> list[str]:
    return [name for name in REQUIRED_TEXTS if not str(getattr(ind, name) or "").strip()]


def _indicator_md(ind: Indicator) -> list[str]:
    lines = [
        f"#### `{ind.id}` (version {ind.version}): {ind.name_en}",
        "",
        f"*{ind.name_da}*",
        "",
        f"- What: {ind.what}",
        f"- Why: {ind.why}",
        f"- Numerator: {ind.numerator}",
        f"- Denominator: {ind.denominator}",
        f"- Value: {KINDS[ind.kind]['doc']} (kind `{ind.kind}`); unit: {ind.unit}",
        f"- Period: {ind.period}",
        f"- Better: {BETTER[ind.better]}",
        f"- Legal or policy link: {ind.legal}",
        f"- Drill-down lists: {ind.drill}",
        f"- Protected counts (suppressed when 1-4): {', '.join(ind.protected)}"
        + (f"; adds up over time: {', '.join(ind.additive)}" if ind.additive else ""),
    ]
    if ind.notes:
        lines.append(f"- Notes: {ind.notes}")
    if ind.status == PENDING_DATA:
        lines.append("- **Pending data**: not computed until the records it needs exist.")
    lines.append("")
    return lines


def catalogue_markdown() -> str:
    out = [BEGIN, "", f"Catalogue version {CATALOGUE_VERSION}: {len(INDICATORS)} indicators.", ""]
    out += ["| id | name | unit | better |", "|---|---|---|---|"]
    out += [f"| `{i.id}` | {i.name_en} | {i.unit} | {i.better} |" for i in INDICATORS]
    out.append("")
    for key, (da, en) in CATEGORIES.items():
        members = [i for i in INDICATORS if i.category == key]
        if not members:
            continue
        out += [f"### {en} ({da})", ""]
        for ind in members:
            out += _indicator_md(ind)
    out += ["### Exact relations between indicators (used by secondary suppression)", ""]
    for rel in RELATIONS:
        parts = " + ".join(f"`{i}`.{q}" for i, q in rel.parts)
        out.append(f"- `{rel.total[0]}`.{rel.total[1]} = {parts}")
    out += ["", END]
    return "\n".join(out) + "\n"


def replace_block(text: str) -> str:
    start, end = text.index(BEGIN), text.index(END) + len(END) + 1
    return text[:start] + catalogue_markdown() + text[end:]


def current_block(text: str) -> str:
    start, end = text.index(BEGIN), text.index(END) + len(END) + 1
    return text[start:end]


if __name__ == "__main__":  # pragma: no cover
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/keyfigures.md")
    path.write_text(replace_block(path.read_text(encoding="utf-8")), encoding="utf-8")
