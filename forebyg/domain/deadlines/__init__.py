# SPDX-License-Identifier: MPL-2.0
"""Statutory deadlines by law period, and local practice standards, as data.

Public API:

* `compute_obligations(records, *, as_of, calendar=None, config=None)` and
  `compute_by_municipality(...)`: obligations from interchange records.
* `Rule`, `RuleSet`, `RuleConfig`, `Duration`, `Parameter`, `EventSpec`:
  rules as versioned, JSON-serialisable data; `SEL_RULES`, `BL_RULES`,
  `DEFAULT_LOCAL_STANDARDS`; `rule_by_id`.
* `Obligation`, `Status`, `by_urgency`, `worklist`, `count_by`.

See docs/rules.md for every rule, its source and its conventions.
"""

from .bl import BL_RULES
from .engine import (
    ALL_RULES,
    EVALUATORS,
    LOCAL_EVALUATORS,
    RULESETS,
    compute_by_municipality,
    compute_obligations,
    compute_with_horizon,
    describe_config,
    input_types,
    resolve_rules,
    rule_by_id,
)
from .local import (
    DEFAULT_LOCAL_STANDARDS,
    EXAMPLE_LOCAL_STANDARDS,
    check_local_standards,
    validate_local_standard,
)
from .model import (
    Duration,
    EventSpec,
    Obligation,
    Parameter,
    Rule,
    RuleConfig,
    RuleSet,
    Status,
    by_urgency,
    count_by,
    urgency_key,
    worklist,
)
from .sel import SEL_RULES

__all__ = [
    "ALL_RULES",
    "BL_RULES",
    "DEFAULT_LOCAL_STANDARDS",
    "EVALUATORS",
    "EXAMPLE_LOCAL_STANDARDS",
    "LOCAL_EVALUATORS",
    "RULESETS",
    "SEL_RULES",
    "Duration",
    "EventSpec",
    "Obligation",
    "Parameter",
    "Rule",
    "RuleConfig",
    "RuleSet",
    "Status",
    "by_urgency",
    "check_local_standards",
    "compute_by_municipality",
    "compute_obligations",
    "compute_with_horizon",
    "count_by",
    "describe_config",
    "input_types",
    "resolve_rules",
    "rule_by_id",
    "urgency_key",
    "validate_local_standard",
    "worklist",
]
