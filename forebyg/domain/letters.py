# SPDX-License-Identifier: MPL-2.0
"""Letters (issue #18): the kinds of letter, the merge fields each may use, the safe template language
and the rule for protected addresses. Pure Python: no Django.

The template language is deliberately tiny. A template is plain text with merge fields written
``{{ field }}``; a field must be one of the fields declared for the letter's kind. Nothing else is
interpreted: no tags (``{% ... %}``), no comments, no filters, no attribute lookups, no code. A
template that uses anything else is refused when it is saved, so a template cannot run code or read
data it was not given."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Fields every kind may use.
COMMON_FIELDS: tuple[str, ...] = (
    "today", "municipality", "sender", "caseworker", "child_name", "recipient_name",
)

# What each field means, for the administrator's help text (English msgids; Danish in the catalogue).
FIELD_HELP: dict[str, str] = {
    "today": "Today's date",
    "municipality": "The municipality's name",
    "sender": "The sending unit (from the letterhead)",
    "caseworker": "The caseworker's name",
    "child_name": "The child's name",
    "recipient_name": "The recipient's name",
    "notifier_name": "The notifier's name",
    "received_date": "The date the notification was received",
    "feedback": "What was started (an investigation, a measure or nothing)",
    "measure_name": "The measure (may be left empty)",
    "started_date": "The date the investigation started",
    "meeting_date": "The date of the meeting or conversation",
    "meeting_time": "The time of the meeting or conversation",
    "meeting_place": "Where the meeting or conversation is held",
    "decided_date": "The date of the decision",
    "legal_basis": "The legal basis of the measure",
    "reasons": "The reasons for the decision",
    "matter": "What the hearing is about",
    "answer_by": "The date to answer by",
}


@dataclass(frozen=True)
class LetterKind:
    code: str
    label: str  # English msgid
    fields: tuple[str, ...]  # besides COMMON_FIELDS
    # Fields the caseworker types on the draft (the case does not know them).
    inputs: tuple[str, ...] = ()
    # The legal source of the letter, if a statute requires it; "confirmed" False shows "ikke bekræftet".
    source: str = ""
    confirmed: bool = True
    to_professional: bool = False  # sent to a professional (not to a parent or child)
    # The obligation a sent letter of this kind meets (the deadline rule's kind), if any.
    meets: str | None = None

    @property
    def allowed(self) -> frozenset[str]:
        return frozenset(COMMON_FIELDS + self.fields)


KINDS: dict[str, LetterKind] = {k.code: k for k in (
    LetterKind("receipt", "Receipt to a professional notifier", ("notifier_name", "received_date"),
               source="SEL § 155 b, stk. 1 / BL § 138, stk. 1", confirmed=False, to_professional=True,
               meets="acknowledgement"),
    LetterKind("feedback", "Feedback to a professional notifier",
               ("notifier_name", "received_date", "feedback", "measure_name"), inputs=("measure_name",),
               source="SEL § 155 b, stk. 2-3 / BL § 138, stk. 2", confirmed=False, to_professional=True,
               meets="notifier_feedback"),
    LetterKind("investigation_started", "Letter to the parents: an investigation has started",
               ("started_date",), inputs=("started_date",)),
    LetterKind("child_conversation", "Invitation to a conversation with the child",
               ("meeting_date", "meeting_time", "meeting_place"), inputs=("meeting_date", "meeting_time",
                                                                         "meeting_place")),
    LetterKind("network_meeting", "Invitation to a network meeting",
               ("meeting_date", "meeting_time", "meeting_place"), inputs=("meeting_date", "meeting_time",
                                                                         "meeting_place")),
    LetterKind("decision", "Decision on a measure, with reasons and how to complain",
               ("measure_name", "decided_date", "legal_basis", "reasons"), inputs=("reasons",),
               source="Forvaltningsloven §§ 22-25; retssikkerhedsloven §§ 60, 66-67", confirmed=False),
    LetterKind("hearing", "Hearing letter (partshøring)", ("matter", "answer_by"), inputs=("matter", "answer_by"),
               source="Forvaltningsloven § 19"),
)}


# --- the template language ---------------------------------------------------------------------

_FIELD = re.compile(r"\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}")
_OPENERS = ("{{", "{%", "{#", "}}", "%}", "#}")


@dataclass(frozen=True)
class TemplateProblem:
    code: str  # "tag", "comment", "expression", "unknown_field", "unclosed"
    text: str  # the offending piece, as written


@dataclass
class TemplateError(Exception):
    problems: list[TemplateProblem] = field(default_factory=list)

    def __str__(self) -> str:
        return "; ".join(f"{p.code}: {p.text}" for p in self.problems)


def check_template(text: str, allowed: frozenset[str] | set[str]) -> list[TemplateProblem]:
    """Everything in `text` that is not plain text or an allowed ``{{ field }}``; empty when safe."""
    problems: list[TemplateProblem] = []
    rest = []
    pos = 0
    for m in _FIELD.finditer(text):
        rest.append(text[pos:m.start()])
        pos = m.end()
        if m.group(1) not in allowed:
            problems.append(TemplateProblem("unknown_field", m.group(1)))
    rest.append(text[pos:])
    leftover = "\x00".join(rest)  # the text outside well-formed fields
    for piece in re.findall(r"\{%.*?%\}|\{%.*", leftover, flags=re.S):
        problems.append(TemplateProblem("tag", piece[:60]))
    for piece in re.findall(r"\{#.*?#\}|\{#.*", leftover, flags=re.S):
        problems.append(TemplateProblem("comment", piece[:60]))
    for piece in re.findall(r"\{\{.*?\}\}", leftover, flags=re.S):
        problems.append(TemplateProblem("expression", piece[:60]))
    stripped = re.sub(r"\{%.*?%\}|\{#.*?#\}|\{\{.*?\}\}", "", leftover, flags=re.S)
    if not problems and any(o in stripped for o in _OPENERS):
        problems.append(TemplateProblem("unclosed", next(o for o in _OPENERS if o in stripped)))
    return problems


def render(text: str, values: dict[str, str], allowed: frozenset[str] | set[str]) -> str:
    """The template with each ``{{ field }}`` replaced by its value (as text; empty when missing).
    Raises TemplateError for a template `check_template` refuses: nothing else is ever interpreted."""
    problems = check_template(text, allowed)
    if problems:
        raise TemplateError(problems)
    return _FIELD.sub(lambda m: str(values.get(m.group(1)) or ""), text)


def fields_used(text: str) -> set[str]:
    return {m.group(1) for m in _FIELD.finditer(text)}
