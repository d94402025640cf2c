# SPDX-License-Identifier: MPL-2.0
"""Documentation of every assessment point and check, generated from the rules themselves.

docs/review.md holds `review_markdown()` between two markers; a test fails when
the two differ or when a point or check lacks its entry. Regenerate with:

    python -m forebyg.domain.review.catalogue docs/review.md
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .checks import CHECKS
from .points import DEFAULT_RULESET, THEMES, Point, RuleSet
from .report import TEMPLATES

BEGIN = "<!-- BEGIN GENERATED REVIEW POINTS: python -m forebyg.domain.review.catalogue docs/review.md -->"
END = "<!-- END GENERATED REVIEW POINTS -->"
LAWS = {"SEL": "Serviceloven only (legally relevant date before 2024-01-01)",
        "BL": "Barnets Lov only (legally relevant date from 2024-01-01)",
        None: "both law periods (the deadline rule of each subject's own period)"}


def _point_md(p: Point) -> list[str]:
    rule = json.dumps(p.rule.to_dict(), ensure_ascii=False)
    lines = [
        f"#### `{p.id}` (version {p.version}): {p.title_en}",
        "",
        f"*{p.title_da}*",
        "",
        f"- Legal reference: {p.legal_reference}",
        f"- Hjemmel on Danish pages: {p.hjemmel('da')}",
        f"- Source: {p.source}",
        f"- Law period: {LAWS[p.law]}; {'statutory' if p.statutory else 'practice standard (not a statutory duty)'}",
        f"- Rule: `{rule}`",
        f"- How it is decided: {p.notes or 'see the checks below.'}",
    ]
    for check in p.rule.checks():
        params = json.dumps({k: list(v) if isinstance(v, tuple) else v for k, v in check.resolved_params().items()},
                            ensure_ascii=False)
        lines.append(f"- Parameters in effect for `{check.name}`: `{params}`")
    if p.limits:
        lines.append(f"- Limits of the automatic check: {p.limits}")
    lines += [
        f"- Report, met (da): \"I {{met}} af {{n}} sager {p.met_da}.\"",
        f"- Report, not met (da): \"I {{not_met}} af {{n}} sager {p.not_met_da}.\"",
        f"- Report, met (en): \"In {{met}} of {{n}} cases {p.met_en}.\"",
        f"- Report, not met (en): \"In {{not_met}} of {{n}} cases {p.not_met_en}.\"",
        f"- Recommendation (da): \"… at {p.recommendation_da}.\"",
        "",
    ]
    return lines


def review_markdown(ruleset: RuleSet = DEFAULT_RULESET) -> str:
    out = [BEGIN, "", f"### Rule set `{ruleset.id}` version {ruleset.version}", ""]
    for theme_id, title_da, title_en in THEMES:
        points = [p for p in ruleset.points if p.theme == theme_id]
        if points:
            out += [f"### Theme `{theme_id}`: {title_en} ({title_da})", ""]
            for p in points:
                out += _point_md(p)
    out += ["### Checks (the building blocks of the rules)", ""]
    for name in sorted(CHECKS):
        spec = CHECKS[name]
        out += [f"#### Check `{name}`", "", spec.description, ""]
        for param in spec.params:
            value = json.dumps(param.default, ensure_ascii=False)
            note = f" *{param.note}*" if param.note else ""
            out.append(f"- `{param.name}` = `{value}`: {param.description}{note}")
        out.append("")
    out += ["### Report sentence templates", ""]
    for key, (da, en) in TEMPLATES.items():
        out.append(f"- `{key}`: \"{da}\" / \"{en}\"")
    out += ["", END]
    return "\n".join(out) + "\n"


def replace_block(text: str) -> str:
    start, end = text.index(BEGIN), text.index(END) + len(END) + 1
    return text[:start] + review_markdown() + text[end:]


def current_block(text: str) -> str:
    start, end = text.index(BEGIN), text.index(END) + len(END) + 1
    return text[start:end]


if __name__ == "__main__":  # pragma: no cover
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/review.md")
    path.write_text(replace_block(path.read_text(encoding="utf-8")), encoding="utf-8")
