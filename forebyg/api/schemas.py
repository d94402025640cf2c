# SPDX-License-Identifier: MPL-2.0
"""Request and response bodies of the API. Field names follow the interchange format
(docs/interchange.md); people on the staff are referred to by their interchange (staff) id."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal, get_args

from ninja import Schema
from pydantic import AfterValidator, AwareDatetime, Field, StringConstraints

from forebyg.domain.interchange import schema as sx

ID_PATTERN = r"^[A-Za-z0-9_.:\-]{1,64}$"
EARLIEST, LATEST = 1900, 2200


def _text(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError("must be valid Unicode text") from exc
    return value


def _moment(value: datetime) -> datetime:
    if not EARLIEST <= value.year <= LATEST:
        raise ValueError(f"must be between {EARLIEST} and {LATEST}")
    return value


def _day(value: date) -> date:
    if not EARLIEST <= value.year <= LATEST:
        raise ValueError(f"must be between {EARLIEST} and {LATEST}")
    return value


Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=200), AfterValidator(_text)]
Text = Annotated[str, StringConstraints(max_length=20000), AfterValidator(_text)]
RequiredText = Annotated[str, StringConstraints(min_length=1, max_length=20000), AfterValidator(_text)]
Moment = Annotated[AwareDatetime, AfterValidator(_moment)]
Day = Annotated[date, AfterValidator(_day)]
Version = Annotated[int, Field(ge=0, le=2_000_000_000, description="The version you read (optimistic locking).")]


# --- Errors --------------------------------------------------------------------------------------

class Message(Schema):
    detail: str


class ErrorItem(Schema):
    loc: list[str | int]
    msg: str
    type: str


class Errors(Schema):
    detail: list[ErrorItem]


ERRORS = {400: Errors, 401: Message, 403: Message, 404: Message, 409: Errors, 422: Errors}
READ_ERRORS = {401: Message, 403: Message, 404: Message, 422: Errors}


def responses(ok: int, schema, *, write: bool = False) -> dict[int, Any]:
    return {ok: schema, **(ERRORS if write else READ_ERRORS)}


# --- Shared --------------------------------------------------------------------------------------

class RecordOut(Schema):
    id: str
    version: int = Field(description="Number of saved versions; send it back with a change.")
    created_at: datetime
    updated_at: datetime | None = Field(None, description="When the latest version was saved.")


class Person(Schema):
    name: Name
    relation: Name


class Me(Schema):
    username: str
    staff_id: str = Field(description="Your id in the interchange format (staff records).")
    name: str
    role: str
    municipality: int
    team: str | None
    token_expires_at: datetime


class Staff(Schema):
    id: str
    name: str
    role: str
    team: str | None


class Team(Schema):
    id: str
    name: str


class Offer(Schema):
    id: str
    name: str
    provider: str
    law: str
    measure_kind: str
    price_per_month: float


# --- Children ------------------------------------------------------------------------------------

class ChildOut(RecordOut):
    name: str
    birth_date: date | None = Field(description="null: unknown (a child named by name only); added later.")
    cpr_masked: str = Field(description="DDMMYY-****; the full number is shown in the application only.")
    district: str | None
    institution: str | None
    custody_holders: list[dict[str, str]] | None = Field(
        description="null (with district and institution) when your basis is intake: the intake view holds no "
                    "custody details.")
    registered_at: datetime
    access_basis: str = Field(description="On what basis you read this child: own, team, intake, municipality or glass.")


class ChildSearchIn(Schema):
    cpr: Annotated[str, StringConstraints(pattern=r"^\d{6}-?\d{4}$")] = Field(
        description="The CPR number, DDMMYY-XXXX or ten digits. Sent in the body so that it is never part of an "
                    "address (and so of a server log).")


class ChildFound(Schema):
    id: str
    name: str
    birth_date: date | None
    cpr_masked: str
    access_basis: str | None = Field(description="Your basis for reading the child; null: state a reason first.")


class ChildFoundPage(Schema):
    count: int
    items: list[ChildFound]


class IntakeCase(Schema):
    opened_at: datetime
    team: str | None
    caseworker: str | None = Field(description="The caseworker's staff id.")


class IntakeNotification(Schema):
    id: str
    received_at: datetime
    channel: str
    notifier_kind: str
    notifier_professional: bool
    notifier_name: str | None
    team: str | None
    open: bool


class IntakeOut(Schema):
    """The intake view of a child: what intake needs to route a notification, nothing of the file."""
    child: str
    name: str
    birth_date: date | None
    cpr_masked: str
    known: bool = Field(description="The child has (or had) a notification, case or early counselling.")
    open_cases: list[IntakeCase]
    notifications: list[IntakeNotification] = Field(description="Every notification naming the child, newest first: "
                                                                "dates and who notified, not the concern.")
    access_basis: str


class ChildIn(Schema):
    name: Name
    birth_date: Day | None = Field(None, description="Optional: a notification may name a child by name only. "
                                                     "Given by the CPR number when that is sent.")
    cpr: Annotated[str, StringConstraints(pattern=r"^\d{6}-?\d{4}$")] | None = None
    district: Id | None = None
    institution: Id | None = None
    custody_holders: Annotated[list[Person], Field(max_length=10)] = []


class GlassIn(Schema):
    reason_kind: Literal["duty", "cover", "new_enquiry", "transfer", "legal", "other"]
    reason_text: Annotated[str, StringConstraints(min_length=10, max_length=300), AfterValidator(_text)]


class GlassOut(Schema):
    child: str
    basis: str
    expires_at: datetime


# --- Notifications -------------------------------------------------------------------------------

class AcuteAssessmentOut(RecordOut):
    assessed_at: datetime
    acute: bool
    action: str
    by: str | None


class AcknowledgementOut(RecordOut):
    sent_at: datetime
    by: str | None


class DecisionOut(RecordOut):
    child: str
    decided_at: datetime
    outcome: str
    note: str | None
    by: str | None


class FeedbackOut(RecordOut):
    given_at: datetime
    content: str
    by: str | None


class NotificationOut(RecordOut):
    received_at: datetime
    channel: str
    notifier_kind: str
    notifier_professional: bool
    notifier_name: str | None
    concern: str
    children: list[str]
    team: str | None
    assigned_to: str | None
    concerns_abuse: bool | None = Field(None, description="The notification concerns abuse: a conversation with "
                                        "the child is mandatory (BL § 137 stk. 3). null: not recorded.")
    open: bool = Field(description="Not every child named has a decision yet.")


class NotificationDetail(NotificationOut):
    acute_assessments: list[AcuteAssessmentOut]
    acknowledgements: list[AcknowledgementOut]
    decisions: list[DecisionOut]
    feedback: list[FeedbackOut]


class NotificationIn(Schema):
    received_at: Moment
    channel: sx.Channel
    notifier_kind: sx.NotifierKind
    notifier_professional: bool
    notifier_name: Annotated[str, StringConstraints(max_length=500), AfterValidator(_text)] | None = None
    concern: RequiredText
    children: Annotated[list[Id], Field(min_length=1, max_length=20)]
    team: Id | None = None
    concerns_abuse: bool | None = Field(None, description="The notification concerns abuse (BL § 137 stk. 3).")


class AcuteAssessmentIn(Schema):
    assessed_at: Moment
    acute: bool
    action: RequiredText


class AcknowledgementIn(Schema):
    sent_at: Moment


class DecisionIn(Schema):
    child: Id
    decided_at: Moment
    outcome: sx.DecisionOutcome
    note: Text | None = None


class FeedbackIn(Schema):
    given_at: Moment
    content: sx.FeedbackContent


class RouteIn(Schema):
    team: Id
    version: Version


class AssignIn(Schema):
    caseworker: Id = Field(description="The caseworker's staff id.")
    version: Version


# --- Cases, investigations, measures, plans, goals, follow-ups -----------------------------------

class CaseOut(RecordOut):
    child: str
    opened_at: datetime
    closed_at: datetime | None
    caseworker: str | None
    team: str | None


class InvestigationOut(RecordOut):
    case: str
    child: str
    aware_at: datetime
    started_at: datetime
    consent: bool
    sections: dict[str, str]
    conclusion: str | None
    completed_at: datetime | None
    provisional_assessment_at: datetime | None


SectionKey = Literal[sx.LifeArea, "holistic"]
SECTION_KEYS: list[str] = list(get_args(SectionKey))


class InvestigationUpdateIn(Schema):
    """PUT: the whole changeable representation. Every field must be sent (null where empty): a
    field left out is refused with 422, never taken as "empty"."""

    sections: dict[SectionKey, Text] = Field(
        description="All sections: a section not sent is removed. Send {} for none.")
    conclusion: Text | None = Field(description="null: no conclusion.")
    completed_at: Moment | None = Field(description="null: not completed.")
    provisional_assessment_at: Moment | None = Field(description="null: none.")
    version: Version


class InvestigationPatchIn(Schema):
    """PATCH: only the fields sent change (JSON merge patch, RFC 7396). In `sections`, a section
    sent with text is set, a section sent as null is removed, and the others stay as they are."""

    sections: dict[SectionKey, Text | None] | None = None
    conclusion: Text | None = None
    completed_at: Moment | None = None
    provisional_assessment_at: Moment | None = None
    version: Version


class MeasureOut(RecordOut):
    case: str
    child: str
    law: str
    kind: str
    legal_basis: str
    step: int
    offer: str | None
    decided_at: datetime
    started_at: datetime | None
    ended_at: datetime | None
    end_reason: str | None
    purpose: str | None
    expected_duration_months: int | None
    by: str | None
    plan_decision: str | None = Field(None, description="BL § 91 stk. 1: plan | no_plan (null: not recorded).")
    urgent_plan: bool | None = Field(None, description="SEL § 140 stk. 1: the plan followed within 4 months.")


class MeasureIn(Schema):
    child: Id
    kind: Id = Field(description="A measure kind code, e.g. bl_family_treatment (docs/interchange.md).")
    decided_at: Moment
    offer: Id | None = None
    purpose: Text | None = None
    expected_duration_months: Annotated[int, Field(ge=1, le=240)] | None = None
    started_at: Moment | None = None
    plan_decision: sx.PlanDecision | None = Field(
        None, description="Barnets Lov § 32 support: whether a child's plan is made (BL § 91 stk. 1).")
    urgent_plan: bool | None = Field(
        None, description="Serviceloven: the matter could not wait; the action plan is due within 4 months "
                          "(SEL § 140 stk. 1). Otherwise it is due at the decision.")


class MeasureStartIn(Schema):
    started_at: Moment
    version: Version


class MeasureEndIn(Schema):
    ended_at: Moment
    end_reason: RequiredText
    version: Version


class GoalOut(RecordOut):
    plan: str
    child: str
    life_area: str
    text: str
    target_date: date | None


class PlanOut(RecordOut):
    case: str
    child: str
    kind: str
    made_at: datetime
    summary: str | None
    by: str | None
    goals: list[GoalOut]


class GoalIn(Schema):
    life_area: sx.LifeArea
    text: Annotated[str, StringConstraints(min_length=1, max_length=2000), AfterValidator(_text)]
    target_date: Day | None = None


class PlanIn(Schema):
    child: Id
    kind: sx.PlanKind
    made_at: Moment
    summary: Text | None = None
    goals: Annotated[list[GoalIn], Field(max_length=20)] = []


class FollowUpOut(RecordOut):
    case: str
    child: str
    measure: str | None
    held_at: datetime
    note: str | None
    next_due: date | None
    by: str | None


class FollowUpIn(Schema):
    child: Id
    held_at: Moment
    note: Text | None = None
    next_due: Day | None = None
    measure: Id | None = None


# --- Deadlines -----------------------------------------------------------------------------------

class ObligationOut(Schema):
    rule_id: str
    rule_version: int
    title: str
    law: str
    legal_reference: str
    statutory: bool
    subject_type: str
    subject_id: str
    child: str | None
    child_name: str | None
    case: str | None
    start: datetime
    due: datetime | None
    due_all_day: bool
    met_at: datetime | None
    status: str
    seq: int
    closed: bool
    ended: str | None = None  # "age_18": ended when the child turned 18 (docs/rules.md)


def page_of(item_schema, name: str):
    """A page of items: `count` of all matches, and the `items` from `offset`."""
    return type(name, (Schema,), {"__annotations__": {"count": int, "limit": int, "offset": int,
                                                      "items": list[item_schema]}})


ChildPage = page_of(ChildOut, "ChildPage")
NotificationPage = page_of(NotificationOut, "NotificationPage")
CasePage = page_of(CaseOut, "CasePage")
InvestigationPage = page_of(InvestigationOut, "InvestigationPage")
MeasurePage = page_of(MeasureOut, "MeasurePage")
PlanPage = page_of(PlanOut, "PlanPage")
GoalPage = page_of(GoalOut, "GoalPage")
FollowUpPage = page_of(FollowUpOut, "FollowUpPage")


# --- Journal notes (issue #15) -------------------------------------------------------------------

class JournalNoteOut(RecordOut):
    child: str
    case: str | None
    written_at: datetime
    author: str = Field(description="The staff id of who wrote it.")
    kind: str
    text: str


class JournalNoteIn(Schema):
    child: Id
    written_at: Moment
    kind: sx.JournalKind
    text: RequiredText


JournalNotePage = page_of(JournalNoteOut, "JournalNotePage")
ObligationPage = page_of(ObligationOut, "ObligationPage")
