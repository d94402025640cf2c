# SPDX-License-Identifier: MPL-2.0
"""The Forebyg interchange format, version 1: one JSON object per line.

This module is the single source of the format: the JSON Schema in
`docs/interchange.schema.json` is generated from it (`forebyg schema`), and a
test fails when the two differ. Every record has a `type`, a stable `id` and,
for everything that holds personal or organisational data, the official code
of the `municipality` it belongs to. Timestamps carry a UTC offset.
"""

from __future__ import annotations

from typing import Any, Literal, get_args

from ..progression import RESPONDENTS as PROGRESSION_RESPONDENTS

FORMAT_NAME = "forebyg-interchange"
FORMAT_VERSION = 1

ID = {"type": "string", "pattern": r"^[A-Za-z0-9_.:\-]{1,64}$"}
OPT_ID = {"anyOf": [ID, {"type": "null"}]}
DATETIME = {
    "type": "string",
    "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+\-]\d{2}:\d{2})$",
    "format": "date-time",
}
OPT_DATETIME = {"anyOf": [DATETIME, {"type": "null"}]}
DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "format": "date"}
OPT_DATE = {"anyOf": [DATE, {"type": "null"}]}
TEXT = {"type": "string", "maxLength": 20000}
OPT_TEXT = {"anyOf": [TEXT, {"type": "null"}]}
NAME = {"type": "string", "minLength": 1, "maxLength": 200}
MUNICIPALITY = {"type": "integer", "minimum": 100, "maximum": 999}
LAW = {"enum": ["SEL", "BL"]}

ROLES = [
    "receiving_unit",
    "caseworker",
    "team_leader",
    "manager",
    "analyst",
    "network_secretariat",
    "administrator",
]
INSTITUTION_KINDS = ["school", "daycare", "health_visitor", "ppr", "other"]
Channel = Literal["phone", "email", "letter", "digital_form", "in_person"]
CHANNELS: list[str] = list(get_args(Channel))
NotifierKind = Literal[
    "school",
    "daycare",
    "health_visitor",
    "ppr",
    "police",
    "hospital",
    "family",
    "anonymous",
    "other",
]
NOTIFIER_KINDS: list[str] = list(get_args(NotifierKind))
# Notifiers who are professionals by default: people in public service or working for the public
# sector have the skærpede underretningspligt (BL § 133, formerly SEL § 153), and the receipt and
# feedback duties follow from it (BL § 138, formerly SEL § 155 b). A family member or an anonymous
# caller is not; "other" is decided case by case.
PROFESSIONAL_NOTIFIER_KINDS = ["school", "daycare", "health_visitor", "ppr", "police", "hospital"]
# Notifier kinds never owed feedback, whatever the professional flag says: there is nobody to answer.
NO_FEEDBACK_NOTIFIER_KINDS = ["anonymous"]


def feedback_owed(*, notifier_kind: str | None, professional: bool | None) -> bool:
    """Whether a notifier is owed feedback (BL § 138, formerly SEL § 155 b): a professional notifier
    who is not anonymous. The one decision (issue #15) that the notification page, the feedback
    service, the deadline engine (and so the inbox's clocks) and the key figures all use."""
    return bool(professional) and notifier_kind not in NO_FEEDBACK_NOTIFIER_KINDS


# What the feedback to a notifier says after each decision outcome (a `FEEDBACK_CONTENT` value; the
# caseworker can change it): the notification page's prompt and the feedback letter start from it.
FEEDBACK_AFTER: dict[str, str] = {"investigation": "investigation_started", "early_support": "measure_started",
                                  "existing_measure": "measure_started", "no_action": "nothing_started"}


def feedback_after(outcome: str) -> str:
    """The feedback's content after a decision with this outcome ("nothing_started" for an unknown one)."""
    return FEEDBACK_AFTER.get(outcome, "nothing_started")

REFERRERS = ["school", "daycare", "health_visitor", "ppr", "family", "other"]
DecisionOutcome = Literal["no_action", "early_support", "investigation", "existing_measure"]
DECISION_OUTCOMES: list[str] = list(get_args(DecisionOutcome))
FeedbackContent = Literal["investigation_started", "measure_started", "nothing_started"]
FEEDBACK_CONTENT: list[str] = list(get_args(FeedbackContent))
MEETING_KINDS = ["inclusive", "follow_up"]
PlanKind = Literal["handleplan", "barnets_plan", "ungeplan"]
PLAN_KINDS: list[str] = list(get_args(PlanKind))
PlanDecision = Literal["plan", "no_plan"]
PLAN_DECISIONS: list[str] = list(get_args(PlanDecision))  # BL § 91 stk. 1 (format revision 1.2, issue #16)
OPT_BOOL = {"anyOf": [{"type": "boolean"}, {"type": "null"}]}
# Journal notes (format revision 1.3, issue #15): what kind of contact a note records.
JournalKind = Literal["phone", "email", "meeting", "home_visit", "other"]
JOURNAL_KINDS: list[str] = list(get_args(JournalKind))
# Documents of a child's case (issue #18, format revision 1.4): where a document came from, and the
# file types allowed (told by content; forebyg.documents.filetypes).
DOCUMENT_SOURCES = ["uploaded", "generated"]
DOCUMENT_MEDIA_TYPES = [
    "application/pdf",
    "image/png",
    "image/jpeg",
    "image/gif",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/msword",
    "message/rfc822",
    "application/vnd.ms-outlook",
]
SHA256 = {"type": "string", "pattern": r"^[0-9a-f]{64}$"}
LifeArea = Literal[
    "development_behaviour",
    "family",
    "school",
    "health",
    "leisure_friendships",
    "other",
]
LIFE_AREAS: list[str] = list(get_args(LifeArea))


def _obj(required: dict[str, Any], optional: dict[str, Any] | None = None) -> dict[str, Any]:
    props = {**required, **(optional or {})}
    return {
        "type": "object",
        "properties": props,
        "required": sorted(required),
        "additionalProperties": False,
    }


PERSON = _obj({"name": NAME, "relation": NAME})
PARTICIPANT = _obj({"name": NAME, "role": NAME})

# Progression (issue #5): who scales, scores 0-10, GAS levels -2..+2, instrument scores.
RESPONDENTS = list(PROGRESSION_RESPONDENTS)
SCORE = {"type": "integer", "minimum": 0, "maximum": 10}
GAS_LEVEL = {"type": "integer", "minimum": -2, "maximum": 2}
SCALING_ENTRY = _obj(
    {"respondent": {"enum": RESPONDENTS}, "score": SCORE},
    {"name": {"type": "string", "minLength": 1, "maxLength": 200}, "next_step": TEXT},
)
GAS_LEVEL_TEXTS = _obj({key: TEXT for key in ("-2", "-1", "0", "1", "2")})
INSTRUMENT_SCORES = {
    "type": "object",
    "propertyNames": {"pattern": r"^[A-Za-z0-9_.\-]{1,40}$"},
    "additionalProperties": _obj(
        {"value": {"type": ["number", "null"]}, "band": {"type": ["string", "null"], "maxLength": 40}},
        {"answered": {"type": "integer", "minimum": 0}, "items": {"type": "integer", "minimum": 0}},
    ),
}

# type -> (required fields, optional fields). `type` and `id` are added to all.
RECORDS: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "team": ({"municipality": MUNICIPALITY, "name": NAME}, {}),
    "district": ({"municipality": MUNICIPALITY, "name": NAME}, {}),
    "institution": (
        {"municipality": MUNICIPALITY, "name": NAME, "kind": {"enum": INSTITUTION_KINDS}},
        {"district": OPT_ID},
    ),
    "staff": (
        {
            "municipality": MUNICIPALITY,
            "username": {"type": "string", "pattern": r"^[a-z0-9_.\-]{2,64}$"},
            "name": NAME,
            "role": {"enum": ROLES},
        },
        {"team": OPT_ID},
    ),
    "offer": (
        {
            "municipality": MUNICIPALITY,
            "name": NAME,
            "provider": NAME,
            "law": LAW,
            "measure_kind": ID,
            "price_per_month": {"type": "number", "minimum": 0, "maximum": 10_000_000},
        },
        {},
    ),
    "child": (
        {
            "municipality": MUNICIPALITY,
            "name": NAME,
            "registered_at": DATETIME,
        },
        {
            # Optional: a notification may name a child by name only ("Emma i 3.b"); the birth
            # date (and CPR number) is added when known (issue #15).
            "birth_date": OPT_DATE,
            "cpr": {"anyOf": [{"type": "string", "pattern": r"^\d{6}-?\d{4}$"}, {"type": "null"}]},
            "district": OPT_ID,
            "institution": OPT_ID,
            "custody_holders": {"type": "array", "items": PERSON, "maxItems": 10},
        },
    ),
    "case": (
        {"municipality": MUNICIPALITY, "child": ID, "opened_at": DATETIME},
        {"closed_at": OPT_DATETIME, "caseworker": OPT_ID, "team": OPT_ID},
    ),
    "counselling": (
        {
            "municipality": MUNICIPALITY,
            "child": ID,
            "started_at": DATETIME,
            "consent_at": DATETIME,
            "consent_by": NAME,
            "referred_by": {"enum": REFERRERS},
        },
        {"caseworker": OPT_ID, "ended_at": OPT_DATETIME, "note": OPT_TEXT},
    ),
    "notification": (
        {
            "municipality": MUNICIPALITY,
            "received_at": DATETIME,
            "channel": {"enum": CHANNELS},
            "notifier_kind": {"enum": NOTIFIER_KINDS},
            "notifier_professional": {"type": "boolean"},
            "concern": TEXT,
            "children": {"type": "array", "items": ID, "minItems": 1, "maxItems": 20},
        },
        {"team": OPT_ID, "assigned_to": OPT_ID, "notifier_name": OPT_TEXT,
         "concerns_abuse": OPT_BOOL},
    ),
    "acute_assessment": (
        {
            "municipality": MUNICIPALITY,
            "notification": ID,
            "assessed_at": DATETIME,
            "acute": {"type": "boolean"},
            "action": TEXT,
        },
        # "covers": the child's other open notifications the same assessment answers (several
        # notifications about one child within 24 hours; format revision 1.2, additive, issue #16).
        {"by": OPT_ID, "covers": {"anyOf": [{"type": "array", "items": ID, "uniqueItems": True, "maxItems": 20},
                                            {"type": "null"}]}},
    ),
    "acknowledgement": (
        {"municipality": MUNICIPALITY, "notification": ID, "sent_at": DATETIME},
        {"by": OPT_ID},
    ),
    "decision": (
        {
            "municipality": MUNICIPALITY,
            "notification": ID,
            "child": ID,
            "decided_at": DATETIME,
            "outcome": {"enum": DECISION_OUTCOMES},
        },
        {"by": OPT_ID, "note": OPT_TEXT},
    ),
    "notifier_feedback": (
        {
            "municipality": MUNICIPALITY,
            "notification": ID,
            "given_at": DATETIME,
            "content": {"enum": FEEDBACK_CONTENT},
        },
        {"by": OPT_ID},
    ),
    "investigation": (
        {
            "municipality": MUNICIPALITY,
            "case": ID,
            "child": ID,
            "aware_at": DATETIME,
            "started_at": DATETIME,
            "consent": {"type": "boolean"},
        },
        {
            "sections": {"type": "object", "additionalProperties": TEXT},
            "conclusion": OPT_TEXT,
            "completed_at": OPT_DATETIME,
            "provisional_assessment_at": OPT_DATETIME,
        },
    ),
    "child_conversation": (
        {"municipality": MUNICIPALITY, "child": ID, "held_at": DATETIME, "purpose": TEXT},
        {"case": OPT_ID, "by": OPT_ID, "note": OPT_TEXT},
    ),
    "network_meeting": (
        {
            "municipality": MUNICIPALITY,
            "child": ID,
            "held_at": DATETIME,
            "kind": {"enum": MEETING_KINDS},
        },
        {
            "case": OPT_ID,
            "participants": {"type": "array", "items": PARTICIPANT, "maxItems": 50},
            "agreements": OPT_TEXT,
            "followup_date": OPT_DATE,
        },
    ),
    "network_person": (
        {
            "municipality": MUNICIPALITY,
            "child": ID,
            "name": NAME,
            "relation": NAME,
            "resource": {"type": "boolean"},
        },
        {"note": OPT_TEXT},
    ),
    "measure": (
        {
            "municipality": MUNICIPALITY,
            "case": ID,
            "child": ID,
            "law": LAW,
            "kind": ID,
            "legal_basis": NAME,
            "step": {"type": "integer", "minimum": 1, "maximum": 12},
            "decided_at": DATETIME,
        },
        {
            "offer": OPT_ID,
            "started_at": OPT_DATETIME,
            "ended_at": OPT_DATETIME,
            "end_reason": OPT_TEXT,
            "purpose": OPT_TEXT,
            "expected_duration_months": {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "null"}]},
            "by": OPT_ID,
            "plan_decision": {"anyOf": [{"enum": PLAN_DECISIONS}, {"type": "null"}]},
            "urgent_plan": OPT_BOOL,
        },
    ),
    "plan": (
        {
            "municipality": MUNICIPALITY,
            "case": ID,
            "child": ID,
            "kind": {"enum": PLAN_KINDS},
            "made_at": DATETIME,
        },
        {"summary": OPT_TEXT, "by": OPT_ID},
    ),
    "goal": (
        {
            "municipality": MUNICIPALITY,
            "plan": ID,
            "child": ID,
            "life_area": {"enum": LIFE_AREAS},
            "text": TEXT,
        },
        {"target_date": OPT_DATE},
    ),
    "followup": (
        {"municipality": MUNICIPALITY, "case": ID, "child": ID, "held_at": DATETIME},
        {"measure": OPT_ID, "note": OPT_TEXT, "next_due": OPT_DATE, "by": OPT_ID},
    ),
    # -- progression (issue #5, format revision 1.1; see docs/progression.md) --
    "staircase_step": (
        {
            "municipality": MUNICIPALITY,
            "number": {"type": "integer", "minimum": 1, "maximum": 12},
            "name": NAME,
            "placement": {"type": "boolean"},
        },
        {
            "name_en": {"anyOf": [NAME, {"type": "null"}]},
            "measure_kinds": {"type": "array", "items": ID, "uniqueItems": True, "maxItems": 100},
        },
    ),
    "goal_scale": (
        {"municipality": MUNICIPALITY, "goal": ID, "child": ID, "set_at": DATETIME},
        {
            "target_score": {"anyOf": [SCORE, {"type": "null"}]},
            "gas_weight": {"type": "number", "exclusiveMinimum": 0, "maximum": 100},
            "gas_levels": {"anyOf": [GAS_LEVEL_TEXTS, {"type": "null"}]},
            "by": OPT_ID,
        },
    ),
    "scaling_round": (
        {
            "municipality": MUNICIPALITY,
            "child": ID,
            "goal": ID,
            "held_at": DATETIME,
            "entries": {"type": "array", "items": SCALING_ENTRY, "minItems": 1, "maxItems": 30},
        },
        {
            "followup": OPT_ID,
            "network_meeting": OPT_ID,
            "gas_level": {"anyOf": [GAS_LEVEL, {"type": "null"}]},
            "note": OPT_TEXT,
            "by": OPT_ID,
        },
    ),
    "instrument_answer": (
        {
            "municipality": MUNICIPALITY,
            "child": ID,
            "instrument": {"type": "string", "pattern": r"^[a-z0-9][a-z0-9_.\-]{1,63}$"},
            "instrument_version": {"type": "string", "pattern": r"^[A-Za-z0-9_.\-]{1,20}$"},
            "answered_at": DATETIME,
            "respondent": {"enum": RESPONDENTS},
            "answers": {
                "type": "object",
                "propertyNames": {"pattern": r"^[A-Za-z0-9_.\-]{1,40}$"},
                "additionalProperties": {"type": ["number", "null"]},
            },
        },
        {"respondent_name": {"anyOf": [NAME, {"type": "null"}]}, "scores": INSTRUMENT_SCORES, "by": OPT_ID},
    ),
    # -- journal notes (issue #15, format revision 1.3) --
    "journal_note": (
        {
            "municipality": MUNICIPALITY,
            "child": ID,
            "written_at": DATETIME,
            "author": ID,
            "kind": {"enum": JOURNAL_KINDS},
            "text": {"type": "string", "minLength": 1, "maxLength": 20000},
        },
        {"case": OPT_ID},
    ),
    # -- documents of the case (issue #18, format revision 1.4); the files travel beside the file --
    "document": (
        {
            "municipality": MUNICIPALITY,
            "child": ID,
            "kind": {"type": "string", "pattern": r"^[a-z][a-z0-9_]{0,39}$"},
            "title": NAME,
            "source": {"enum": DOCUMENT_SOURCES},
            "added_at": DATETIME,
        },
        {"case": OPT_ID, "by": OPT_ID},
    ),
    "document_version": (
        {
            "municipality": MUNICIPALITY,
            "document": ID,
            "child": ID,
            "number": {"type": "integer", "minimum": 1, "maximum": 100000},
            "filename": {"type": "string", "minLength": 1, "maxLength": 255},
            "media_type": {"enum": DOCUMENT_MEDIA_TYPES},
            "size": {"type": "integer", "minimum": 1, "maximum": 2**40},
            "sha256": SHA256,
            "added_at": DATETIME,
        },
        {"by": OPT_ID},
    ),
}

# For every reference field: the record type it must point at. Fields holding a
# list of references are marked with a trailing "[]".
REFERENCES: dict[str, dict[str, str]] = {
    "institution": {"district": "district"},
    "staff": {"team": "team"},
    "child": {"district": "district", "institution": "institution"},
    "case": {"child": "child", "caseworker": "staff", "team": "team"},
    "counselling": {"child": "child", "caseworker": "staff"},
    "notification": {"children[]": "child", "team": "team", "assigned_to": "staff"},
    "acute_assessment": {"notification": "notification", "by": "staff", "covers[]": "notification"},
    "acknowledgement": {"notification": "notification", "by": "staff"},
    "decision": {"notification": "notification", "child": "child", "by": "staff"},
    "notifier_feedback": {"notification": "notification", "by": "staff"},
    "investigation": {"case": "case", "child": "child"},
    "child_conversation": {"child": "child", "case": "case", "by": "staff"},
    "network_meeting": {"child": "child", "case": "case"},
    "network_person": {"child": "child"},
    "measure": {"case": "case", "child": "child", "offer": "offer", "by": "staff"},
    "plan": {"case": "case", "child": "child", "by": "staff"},
    "goal": {"plan": "plan", "child": "child"},
    "followup": {"case": "case", "child": "child", "measure": "measure", "by": "staff"},
    "goal_scale": {"goal": "goal", "child": "child", "by": "staff"},
    "scaling_round": {"child": "child", "goal": "goal", "followup": "followup",
                      "network_meeting": "network_meeting", "by": "staff"},
    "instrument_answer": {"child": "child", "by": "staff"},
    "journal_note": {"child": "child", "case": "case", "author": "staff"},
    "document": {"child": "child", "case": "case", "by": "staff"},
    "document_version": {"document": "document", "child": "child", "by": "staff"},
}

# The order records are written in; a record only refers to earlier types.
TYPE_ORDER: list[str] = list(RECORDS)

# The fields that hold personal data beyond ids, codes, numbers and times: names, CPR numbers and
# free text. The audit log redacts them; the deadline engine never reads them, and copies of records
# kept between requests leave them out (forebyg.deadlines.records); local standards cannot use them.
PERSONAL_FIELDS: frozenset[str] = frozenset({
    "cpr", "name", "custody_holders", "concern", "notifier_name", "action", "note", "conclusion", "purpose",
    "agreements", "summary", "text", "end_reason", "sections", "participants", "consent_by", "relation",
    "title", "filename",  # a document's title and file name may name people (issue #18)
})

HEADER = _obj(
    {
        "type": {"const": "header"},
        "format": {"const": FORMAT_NAME},
        "version": {"const": FORMAT_VERSION},
        "exported_at": DATETIME,
    },
    {"municipalities": {"type": "array", "items": MUNICIPALITY}},
)


def record_schema(record_type: str) -> dict[str, Any]:
    required, optional = RECORDS[record_type]
    base = {"type": {"const": record_type}, "id": ID}
    return _obj({**base, **required}, optional)


def json_schema() -> dict[str, Any]:
    """The whole format as one JSON Schema (draft 2020-12) for a single line."""
    defs = {name: record_schema(name) for name in RECORDS}
    defs["header"] = HEADER
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://forebyg.example/schema/interchange/v{FORMAT_VERSION}.json",
        "title": f"Forebyg interchange format v{FORMAT_VERSION} (one line)",
        "description": "Each line of a Forebyg JSON Lines file is one of these records; "
        "see docs/interchange.md.",
        "$defs": defs,
        "oneOf": [{"$ref": f"#/$defs/{name}"} for name in ["header", *RECORDS]],
    }
