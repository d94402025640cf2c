# SPDX-License-Identifier: MPL-2.0
"""The case review (sagsgennemgang): assessment points as composable, versioned data.

Public API:

* `run_review(records, as_of=..., criteria=..., sample=...)`: select, sample and
  evaluate in one go; `select_cases` and `evaluate_cases` for the two steps.
* `Criteria`, `Period`, `SampleSpec`: which cases, and how they are drawn.
* `Point`, `RuleSet`, `DEFAULT_RULESET`, `Check`, `AllOf`, `AnyOf`, `Not`,
  `expr_from_dict`, `CHECKS`: the rules as data.
* `Finding`, `Item`, `Evidence`, `Outcome`: the answers.
* `build_report`, `Thresholds`, `about_sentences`: the report in the shape of
  Socialstyrelsen's analysis reports.

See docs/review.md for every point, check and convention.
"""

from .casefile import STRATA, CaseFile, CaseSummary, Criteria, Period, build_case_files
from .checks import CHECKS
from .engine import SELECTION_TYPES, CaseResult, ReviewResult, Selection, evaluate_cases, run_review, select_cases
from .expr import AllOf, AnyOf, Check, Not, expr_from_dict
from .model import Evidence, Finding, Item, Outcome, Result
from .points import DEFAULT_RULESET, POINTS, THEMES, Point, RuleSet
from .reasons import REASONS, reason_text
from .report import Report, Thresholds, about_sentences, build_report
from .sample import SampleSpec, allocate, draw_number, draw_sample

__all__ = [
    "CHECKS",
    "DEFAULT_RULESET",
    "POINTS",
    "REASONS",
    "SELECTION_TYPES",
    "STRATA",
    "THEMES",
    "AllOf",
    "AnyOf",
    "CaseFile",
    "CaseResult",
    "CaseSummary",
    "Check",
    "Criteria",
    "Evidence",
    "Finding",
    "Item",
    "Not",
    "Outcome",
    "Period",
    "Point",
    "Report",
    "Result",
    "ReviewResult",
    "RuleSet",
    "SampleSpec",
    "Selection",
    "Thresholds",
    "about_sentences",
    "allocate",
    "build_case_files",
    "build_report",
    "draw_number",
    "draw_sample",
    "evaluate_cases",
    "expr_from_dict",
    "reason_text",
    "run_review",
    "select_cases",
]
