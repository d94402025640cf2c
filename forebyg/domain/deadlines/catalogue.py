# SPDX-License-Identifier: MPL-2.0
"""The rule catalogue: every rule by law period and id, and its documentation.

`RULESETS` and `ALL_RULES` list the built-in rules. `rules_markdown()` renders every rule (both law periods, default and example
local standards). docs/rules.md holds it between two markers; a test fails
when the two differ. Regenerate with:

    python -m forebyg.domain.deadlines.catalogue docs/rules.md
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .bl import BL_RULES
from .local import DEFAULT_LOCAL_STANDARDS, EXAMPLE_LOCAL_STANDARDS
from .model import Rule, RuleSet
from .sel import SEL_RULES

RULESETS: dict[str, RuleSet] = {"SEL": SEL_RULES, "BL": BL_RULES}
ALL_RULES: dict[str, Rule] = {
    r.id: r for rs in RULESETS.values() for r in rs.rules
} | {r.id: r for r in DEFAULT_LOCAL_STANDARDS}

BEGIN = "<!-- BEGIN GENERATED RULES: python -m forebyg.domain.deadlines.catalogue docs/rules.md -->"
END = "<!-- END GENERATED RULES -->"


def _rule_md(rule: Rule) -> list[str]:
    law = {"SEL": "Serviceloven (events before 2024-01-01)",
           "BL": "Barnets Lov (events from 2024-01-01)"}.get(rule.law or "", "every law period")
    kind = "statutory" if rule.statutory else "local practice standard (not law)"
    lines = [
        f"#### `{rule.id}` (version {rule.version}): {rule.title_en}",
        "",
        f"*{rule.title_da}*",
        "",
        f"- Legal reference: {rule.legal_reference}",
        f"- Hjemmel on Danish pages: {rule.hjemmel('da')}",
        f"- Source: {rule.source}",
        f"- Law period: {law}; {kind}",
        f"- Subject: {rule.subject_type}; evaluator `{rule.kind}`",
        f"- Starts: {rule.starts}",
        f"- Stops: {rule.stops}",
        f"- Deadline: {rule.duration if rule.duration else 'none of its own (see notes)'}",
        f"- Due soon: {rule.due_soon if rule.due_soon else 'never (see notes)'}",
    ]
    if rule.reference_unconfirmed:
        lines.append(f"- **UNCONFIRMED legal reference** (pages show \"ikke bekræftet\"): "
                     f"{rule.reference_unconfirmed}")
    if rule.duration_unconfirmed:
        lines.append(f"- **UNCONFIRMED deadline, configurable** (`duration`): "
                     f"{rule.duration_unconfirmed}")
    for p in rule.parameters:
        flag = f" **UNCONFIRMED, configurable**: {p.unconfirmed}" if p.unconfirmed else ""
        value = json.dumps(p.value, ensure_ascii=False)
        lines.append(f"- Parameter `{p.name}` = `{value}`: {p.description}{flag}")
    if rule.trigger and rule.met_by:
        trigger = json.dumps(rule.trigger.to_dict(), ensure_ascii=False)
        met_by = json.dumps(rule.met_by.to_dict(), ensure_ascii=False)
        lines.append(f"- Trigger: `{trigger}`; met by: `{met_by}`")
    if rule.notes:
        lines.append(f"- Notes: {rule.notes}")
    lines.append("")
    return lines


def rules_markdown() -> str:
    out = [BEGIN, ""]
    sections = (
        ("Serviceloven (SEL)", SEL_RULES.rules),
        ("Barnets Lov (BL)", BL_RULES.rules),
        ("Local practice standards (active by default)", DEFAULT_LOCAL_STANDARDS),
        ("Local practice standards (examples, not active)", EXAMPLE_LOCAL_STANDARDS),
    )
    for title, rules in sections:
        out += [f"### {title}", ""]
        for rule in rules:
            out += _rule_md(rule)
    out.append(END)
    return "\n".join(out) + "\n"


def replace_block(text: str) -> str:
    start, end = text.index(BEGIN), text.index(END) + len(END) + 1
    return text[:start] + rules_markdown() + text[end:]


def current_block(text: str) -> str:
    start, end = text.index(BEGIN), text.index(END) + len(END) + 1
    return text[start:end]


if __name__ == "__main__":  # pragma: no cover
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/rules.md")
    path.write_text(replace_block(path.read_text(encoding="utf-8")), encoding="utf-8")
