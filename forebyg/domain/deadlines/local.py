# SPDX-License-Identifier: MPL-2.0
"""Local practice standards: deadlines a municipality sets for itself, as data.

A local standard is a `Rule` of kind "event_pair": a *trigger* record starts
the clock and the first later *met-by* record with the same key stops it.
Municipalities add and edit these as JSON (`Rule.from_dict`) without code;
`RuleConfig.local_standards` holds a municipality's list. They are never
statutory, and apply in every law period (`law` None) unless one is given.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..interchange.schema import PERSONAL_FIELDS, RECORDS, REFERENCES
from .model import Duration, EventSpec, Parameter, Rule

EVENT_PAIR = "event_pair"

NETWORK_MEETING_FOLLOWUP = Rule(
    id="local.network_meeting_followup",
    version=1,
    kind=EVENT_PAIR,
    law=None,
    title_da="Opfølgende netværksmøde 6-8 uger efter inddragende netværksmøde",
    title_en="Follow-up network meeting 6-8 weeks after an inclusive network meeting",
    legal_reference="Local practice standard (not law)",
    legal_reference_da="Lokal praksisstandard (ikke lov)",
    source="Socialstyrelsen's analysis of Herning Municipality (seed 004): follow-up inclusive "
    "network meetings after 6-8 weeks on the goals and agreements made",
    statutory=False,
    subject_type="network_meeting",
    starts="An inclusive network meeting is held (network_meeting.held_at, kind inclusive).",
    stops="A follow-up network meeting for the same child is held (network_meeting.held_at, "
    "kind follow_up).",
    duration=Duration(56, "calendar_days"),
    due_soon=Duration(5, "working_days"),
    parameters=(
        Parameter(
            "window_opens_days",
            42,
            "The follow-up meeting is expected from this many days after the meeting (6 weeks). "
            "Informational: an earlier follow-up also meets the standard.",
        ),
    ),
    trigger=EventSpec("network_meeting", "held_at", "child", (("kind", "inclusive"),)),
    met_by=EventSpec("network_meeting", "held_at", "child", (("kind", "follow_up"),)),
)

# An example of a municipality's own quality standard for handling notifications.
# Not active by default: add it to RuleConfig.local_standards to use it.
NOTIFICATION_DECISION_EXAMPLE = Rule(
    id="local.notification_decision",
    version=1,
    kind=EVENT_PAIR,
    law=None,
    title_da="Beslutning om underretning inden 5 hverdage",
    title_en="Decision on a notification within 5 working days",
    legal_reference="Local quality standard (not law; example)",
    legal_reference_da="Lokal kvalitetsstandard (ikke lov)",
    source="Example of a municipal service standard; set by the municipality",
    statutory=False,
    subject_type="notification",
    starts="A notification is received (notification.received_at).",
    stops="A decision on the notification is recorded (decision.decided_at).",
    duration=Duration(5, "working_days"),
    due_soon=Duration(1, "working_days"),
    trigger=EventSpec("notification", "received_at", "id"),
    met_by=EventSpec("decision", "decided_at", "notification"),
)

DEFAULT_LOCAL_STANDARDS: tuple[Rule, ...] = (NETWORK_MEETING_FOLLOWUP,)
EXAMPLE_LOCAL_STANDARDS: tuple[Rule, ...] = (NOTIFICATION_DECISION_EXAMPLE,)


def _about_a_child(record_type: str) -> bool:
    refs = REFERENCES.get(record_type, {})
    return (record_type == "child" or "child" in refs.values()
            or refs.get("notification") == "notification")


# The record types a local standard may use: the records about a child (a `child` field, the
# children a notification names, or the notification an assessment answers). Deadlines are
# computed per child, so the pages read exactly these for a child; organisation records (teams,
# staff, offers, staircase steps) cannot start or stop a child's clock. The pages read each type
# the rules in force use (`input_types`), and the revisions of children watch all of them.
CHILD_RECORD_TYPES: tuple[str, ...] = tuple(t for t in RECORDS if _about_a_child(t))


def validate_local_standard(rule: Rule) -> list[str]:
    """Problems that make a local standard unusable (empty when it is fine)."""
    problems: list[str] = []
    if rule.kind != EVENT_PAIR:
        problems.append(f"kind must be {EVENT_PAIR!r}")
    if rule.statutory:
        problems.append("a local standard cannot be statutory")
    if rule.duration is None:
        problems.append("a local standard needs a duration")
    if not rule.id.startswith("local."):
        problems.append("the id must start with 'local.'")
    for role, spec in (("trigger", rule.trigger), ("met_by", rule.met_by)):
        if spec is None:
            problems.append(f"{role} is missing")
            continue
        if spec.record_type not in RECORDS:
            problems.append(f"{role}: unknown record type {spec.record_type!r}")
            continue
        if spec.record_type not in CHILD_RECORD_TYPES:
            problems.append(f"{role}: {spec.record_type!r} records are not about a child "
                            "(deadlines are computed per child)")
            continue
        fields = {"id", *RECORDS[spec.record_type][0], *RECORDS[spec.record_type][1]}
        for name in (spec.at, spec.key, *(k for k, _ in spec.where)):
            if name not in fields:
                problems.append(f"{role}: {spec.record_type} has no field {name!r}")
            elif name in PERSONAL_FIELDS:
                problems.append(f"{role}: {name!r} is personal data (names, CPR numbers, free text), "
                                "which deadlines do not use")
    return problems


def check_local_standards(rules: Iterable[Rule]) -> None:
    seen: set[str] = set()
    for rule in rules:
        problems = validate_local_standard(rule)
        if rule.id in seen:
            problems.append("duplicate id")
        seen.add(rule.id)
        if problems:
            raise ValueError(f"local standard {rule.id}: " + "; ".join(problems))
