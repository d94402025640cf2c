# SPDX-License-Identifier: MPL-2.0
"""A child's case, from early counselling to follow-up. Field names follow the
interchange format (docs/interchange.md) one to one, so import and export are a
mapping, not a translation."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from forebyg.core import extension
from forebyg.core.models import District, Institution, Record, Team
from forebyg.domain import interchange as ix
from forebyg.domain.interchange import schema as sx
from forebyg.security.crypto import CprHashField, EncryptedCprField

USER = settings.AUTH_USER_MODEL


def _choices(values, labels):
    return [(v, labels.get(v, v)) for v in values]


def staff_fk(related_name="+", verbose_name=None):
    return models.ForeignKey(
        USER, to_field="ext_id", null=True, blank=True, on_delete=models.PROTECT,
        related_name=related_name, verbose_name=verbose_name or _("by"),
    )


NOTIFIER_LABELS = {
    "school": _("School"), "daycare": _("Daycare"), "health_visitor": _("Health visitor"),
    "ppr": _("PPR"), "police": _("Police"), "hospital": _("Hospital"), "family": _("Family"),
    "anonymous": _("Anonymous"), "other": _("Other"),
}
CHANNEL_LABELS = {
    "phone": _("Phone"), "email": _("E-mail"), "letter": _("Letter"),
    "digital_form": _("Digital form"), "in_person": _("In person"),
}
OUTCOME_LABELS = {
    "no_action": _("No further action"), "early_support": _("Early preventive support"),
    "investigation": _("Child-professional investigation"),
    "existing_measure": _("Reassessment within the existing measure"),
}
FEEDBACK_LABELS = {
    "investigation_started": _("Investigation started"), "measure_started": _("Measure started"),
    "nothing_started": _("Nothing started"),
}
MEETING_LABELS = {"inclusive": _("Inclusive network meeting"), "follow_up": _("Follow-up meeting")}
PLAN_LABELS = {"handleplan": _("Action plan (SEL § 140)"), "barnets_plan": _("Child's plan (BL § 91)"),
               "ungeplan": _("Youth plan (BL § 108)")}
LIFE_AREA_LABELS = {
    "development_behaviour": _("Development and behaviour"), "family": _("Family"),
    "school": _("School and daycare"), "health": _("Health"),
    "leisure_friendships": _("Leisure and friendships"), "other": _("Other"),
}
PLAN_DECISION_LABELS = {"plan": _("A child's plan is made"), "no_plan": _("No child's plan")}
JOURNAL_KIND_LABELS = {"phone": _("Phone call"), "email": _("E-mail"), "meeting": _("Meeting"),
                       "home_visit": _("Home visit"), "other": _("Other")}
LAW_LABELS = {"SEL": _("Serviceloven (before 2024)"), "BL": _("Barnets Lov (from 2024)")}


class Child(Record):
    name = models.CharField(max_length=200, verbose_name=_("name"))
    # Unknown when a notification names the child only ("Emma i 3.b"): added later (issue #15).
    birth_date = models.DateField(null=True, blank=True, verbose_name=_("birth date"))
    # Encrypted at rest; searched only through the keyed hash (forebyg.security.crypto, issue #4).
    cpr = EncryptedCprField(null=True, blank=True, verbose_name=_("CPR number"))
    cpr_hash = CprHashField(source="cpr", db_index=True)
    district = models.ForeignKey(District, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("school district"))
    institution = models.ForeignKey(Institution, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("school or daycare"))
    custody_holders = models.JSONField(default=list, blank=True, verbose_name=_("custody holders"))
    # From the CPR register at registration (issue #19). A protected address (navne- og adressebeskyttelse)
    # is shown only to those forebyg.people.policy allows; the custody holders carry their own flag.
    address = models.CharField(max_length=300, blank=True, default="", verbose_name=_("address"))
    address_protected = models.BooleanField(default=False, verbose_name=_("name and address protection"))
    # The custody holders' addresses from the register, by holder name: [{"name", "address", "protected"}].
    # Kept apart from `custody_holders` (whose shape the interchange format fixes); not exported.
    holder_addresses = models.JSONField(default=list, blank=True, verbose_name=_("custody holders' addresses"))
    registered_at = models.DateTimeField(verbose_name=_("registered"))

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class Case(Record):
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="cases")
    opened_at = models.DateTimeField(verbose_name=_("opened"))
    closed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("closed"))
    caseworker = staff_fk("cases", _("caseworker"))
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT, related_name="cases", verbose_name=_("team"))

    class Meta:
        ordering = ["-opened_at"]


class Counselling(Record):
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="counsellings")
    started_at = models.DateTimeField(verbose_name=_("started"))
    consent_at = models.DateTimeField(verbose_name=_("consent given"))
    consent_by = models.CharField(max_length=200, verbose_name=_("consent given by"))
    referred_by = models.CharField(max_length=20, choices=_choices(sx.REFERRERS, NOTIFIER_LABELS), verbose_name=_("invited by"))
    caseworker = staff_fk("counsellings", _("caseworker"))
    ended_at = models.DateTimeField(null=True, blank=True, verbose_name=_("ended"))
    note = models.TextField(null=True, blank=True, verbose_name=_("note"))


class Notification(Record):
    received_at = models.DateTimeField(verbose_name=_("received"))
    channel = models.CharField(max_length=20, choices=_choices(sx.CHANNELS, CHANNEL_LABELS), verbose_name=_("channel"))
    notifier_kind = models.CharField(max_length=20, choices=_choices(sx.NOTIFIER_KINDS, NOTIFIER_LABELS), verbose_name=_("notifier"))
    notifier_professional = models.BooleanField(verbose_name=_("professional notifier"))
    notifier_name = models.TextField(null=True, blank=True, verbose_name=_("notifier's name"))
    concern = models.TextField(verbose_name=_("concern"))
    children = models.ManyToManyField(Child, related_name="notifications", verbose_name=_("children"))
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT, related_name="notifications", verbose_name=_("team"))
    assigned_to = staff_fk("assigned_notifications", _("caseworker"))
    # BL § 137 stk. 3 / SEL § 155 a: a conversation with the child is mandatory (None: not recorded)
    concerns_abuse = models.BooleanField(null=True, blank=True, verbose_name=_("the notification concerns abuse"))

    class Meta:
        ordering = ["-received_at"]


class AcuteAssessment(Record):
    notification = models.ForeignKey(Notification, on_delete=models.PROTECT, related_name="acute_assessments")
    assessed_at = models.DateTimeField(verbose_name=_("assessed"))
    acute = models.BooleanField(verbose_name=_("acute need"))
    action = models.TextField(verbose_name=_("what was done"))
    by = staff_fk()
    # The child's other open notifications this assessment also answers (ids; issue #16).
    covers = models.JSONField(null=True, blank=True, verbose_name=_("also covers notifications"))


class Acknowledgement(Record):
    notification = models.ForeignKey(Notification, on_delete=models.PROTECT, related_name="acknowledgements")
    sent_at = models.DateTimeField(verbose_name=_("sent"))
    by = staff_fk()


class Decision(Record):
    notification = models.ForeignKey(Notification, on_delete=models.PROTECT, related_name="decisions")
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="decisions")
    decided_at = models.DateTimeField(verbose_name=_("decided"))
    outcome = models.CharField(max_length=20, choices=_choices(sx.DECISION_OUTCOMES, OUTCOME_LABELS), verbose_name=_("decision"))
    by = staff_fk()
    note = models.TextField(null=True, blank=True, verbose_name=_("note"))

    class Meta:
        # "Which notifications are open" asks, per link between a notification and a child,
        # whether that child has a decision on it: answered from this index alone (issue #20).
        indexes = [models.Index(fields=["notification", "child"], name="cases_decision_notif_child")]


class NotifierFeedback(Record):
    notification = models.ForeignKey(Notification, on_delete=models.PROTECT, related_name="feedback")
    given_at = models.DateTimeField(verbose_name=_("given"))
    content = models.CharField(max_length=30, choices=_choices(sx.FEEDBACK_CONTENT, FEEDBACK_LABELS), verbose_name=_("what the notifier was told"))
    by = staff_fk()


class Investigation(Record):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="investigations")
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="investigations")
    aware_at = models.DateTimeField(verbose_name=_("municipality became aware"))
    started_at = models.DateTimeField(verbose_name=_("started"))
    consent = models.BooleanField(default=True, verbose_name=_("with consent"))
    sections = models.JSONField(default=dict, blank=True)
    conclusion = models.TextField(null=True, blank=True, verbose_name=_("conclusion"))
    completed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("completed"))
    provisional_assessment_at = models.DateTimeField(null=True, blank=True, verbose_name=_("provisional assessment"))


class ChildConversation(Record):
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="conversations")
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    held_at = models.DateTimeField(verbose_name=_("held"))
    purpose = models.TextField(verbose_name=_("purpose"))
    by = staff_fk()
    note = models.TextField(null=True, blank=True, verbose_name=_("note"))


class NetworkMeeting(Record):
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="network_meetings")
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    held_at = models.DateTimeField(verbose_name=_("held"))
    kind = models.CharField(max_length=20, choices=_choices(sx.MEETING_KINDS, MEETING_LABELS), verbose_name=_("kind"))
    participants = models.JSONField(default=list, blank=True, verbose_name=_("participants"))
    agreements = models.TextField(null=True, blank=True, verbose_name=_("agreements"))
    followup_date = models.DateField(null=True, blank=True, verbose_name=_("follow-up meeting date"))


class NetworkPerson(Record):
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="network_persons")
    name = models.CharField(max_length=200, verbose_name=_("name"))
    relation = models.CharField(max_length=200, verbose_name=_("relation"))
    resource = models.BooleanField(default=False, verbose_name=_("can be a resource"))
    note = models.TextField(null=True, blank=True, verbose_name=_("note"))


class Offer(Record):
    """An offer in the municipality's range of offers (tilbudsvifte)."""

    name = models.CharField(max_length=200, verbose_name=_("name"))
    provider = models.CharField(max_length=200, verbose_name=_("provider"))
    law = models.CharField(max_length=3, choices=_choices(["SEL", "BL"], LAW_LABELS))
    measure_kind = models.CharField(max_length=64, verbose_name=_("measure kind"))
    price_per_month = models.DecimalField(max_digits=12, decimal_places=2, verbose_name=_("price per month (DKK)"))

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} – {self.provider}"


class Measure(Record):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="measures")
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="measures")
    law = models.CharField(max_length=3, choices=_choices(["SEL", "BL"], LAW_LABELS), verbose_name=_("law"))
    kind = models.CharField(max_length=64, verbose_name=_("measure kind"))
    legal_basis = models.CharField(max_length=200, verbose_name=_("legal basis"))
    step = models.PositiveSmallIntegerField(verbose_name=_("staircase step"))
    offer = models.ForeignKey(Offer, null=True, blank=True, on_delete=models.PROTECT, related_name="measures", verbose_name=_("offer"))
    decided_at = models.DateTimeField(verbose_name=_("decided"))
    started_at = models.DateTimeField(null=True, blank=True, verbose_name=_("started"))
    ended_at = models.DateTimeField(null=True, blank=True, verbose_name=_("ended"))
    end_reason = models.TextField(null=True, blank=True, verbose_name=_("reason for ending"))
    purpose = models.TextField(null=True, blank=True, verbose_name=_("purpose"))
    expected_duration_months = models.PositiveIntegerField(null=True, blank=True, verbose_name=_("expected duration (months)"))
    by = staff_fk()
    # BL § 91 stk. 1: the position on a child's plan taken at a § 32 decision (issue #16)
    plan_decision = models.CharField(max_length=8, null=True, blank=True,
                                     choices=_choices(sx.PLAN_DECISIONS, PLAN_DECISION_LABELS),
                                     verbose_name=_("decision on a child's plan"))
    # SEL § 140 stk. 1: the matter could not wait, so the handleplan followed within 4 months
    urgent_plan = models.BooleanField(null=True, blank=True, verbose_name=_("urgent: plan within 4 months"))


class Plan(Record):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="plans")
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="plans")
    kind = models.CharField(max_length=20, choices=_choices(sx.PLAN_KINDS, PLAN_LABELS), verbose_name=_("kind"))
    made_at = models.DateTimeField(verbose_name=_("made"))
    summary = models.TextField(null=True, blank=True, verbose_name=_("summary"))
    by = staff_fk()


class Goal(Record):
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="goals")
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="goals")
    life_area = models.CharField(max_length=30, choices=_choices(sx.LIFE_AREAS, LIFE_AREA_LABELS), verbose_name=_("life area"))
    text = models.TextField(verbose_name=_("goal"))
    target_date = models.DateField(null=True, blank=True, verbose_name=_("target date"))


class FollowUp(Record):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="followups")
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="followups")
    measure = models.ForeignKey(Measure, null=True, blank=True, on_delete=models.PROTECT, related_name="followups", verbose_name=_("measure"))
    held_at = models.DateTimeField(verbose_name=_("held"))
    note = models.TextField(null=True, blank=True, verbose_name=_("note"))
    next_due = models.DateField(null=True, blank=True, verbose_name=_("next follow-up due"))
    by = staff_fk()


class JournalNote(Record):
    """A journal note (journalnotat): a phone call, an e-mail, a meeting or a home visit, written down
    (issue #15). A correction is a new version; the earlier ones stay in the history."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="journal_notes")
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(verbose_name=_("written"))
    author = models.ForeignKey(USER, to_field="ext_id", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("author"))
    kind = models.CharField(max_length=20, choices=_choices(sx.JOURNAL_KINDS, JOURNAL_KIND_LABELS),
                            verbose_name=_("kind"))
    text = models.TextField(verbose_name=_("text"))

    class Meta:
        ordering = ["-written_at", "id"]


class ChildRevision(models.Model):
    """A token that changes whenever any record about the child changes (see `forebyg.cases.revisions`):
    pages that reuse what they read about a child check it instead of reading everything again.
    Not a record of its own: no municipality scope, no history, not exported."""

    child_id = models.CharField(primary_key=True, max_length=64)
    revision = models.UUIDField()


_AUDIT = {
    "team": "core.team.created", "district": "core.district.created", "institution": "core.institution.created",
    "offer": "core.offer.created", "child": "cases.child.registered", "case": "cases.case.opened",
    "counselling": "cases.counselling.started", "notification": "cases.notification.registered",
    "acute_assessment": "cases.acute_assessment.recorded", "acknowledgement": "cases.acknowledgement.recorded",
    "decision": "cases.decision.recorded", "notifier_feedback": "cases.notifier_feedback.recorded",
    "investigation": "cases.investigation.started", "child_conversation": "cases.child_conversation.recorded",
    "network_meeting": "cases.network_meeting.recorded", "network_person": "cases.network_person.recorded",
    "measure": "cases.measure.decided", "plan": "cases.plan.made", "goal": "cases.goal.added",
    "followup": "cases.followup.recorded", "journal_note": "cases.journal_note.recorded",
}
_NOTE = "notifications/{notification_id}/"
_API = {
    "team": "teams", "offer": "offers", "child": "children", "case": "cases", "notification": "notifications",
    "acute_assessment": _NOTE + "acute-assessments", "acknowledgement": _NOTE + "acknowledgements",
    "decision": _NOTE + "decisions", "notifier_feedback": _NOTE + "feedback", "investigation": "investigations",
    "measure": "measures", "plan": "plans", "goal": "goals", "followup": "followups", "journal_note": "journal-notes",
}
# Interchange record type -> model. "staff" is the user model (see interchange service).
# Other apps register the models of their record types with
# `forebyg.core.extension.register_record_type` in their AppConfig.ready(); a system check
# (cases.E001) fails when a type has no model.
_MODELS: dict[str, type[Record]] = {
    "team": Team, "district": District, "institution": Institution, "offer": Offer,
    "child": Child, "case": Case, "counselling": Counselling, "notification": Notification,
    "acute_assessment": AcuteAssessment, "acknowledgement": Acknowledgement, "decision": Decision,
    "notifier_feedback": NotifierFeedback, "investigation": Investigation,
    "child_conversation": ChildConversation, "network_meeting": NetworkMeeting,
    "network_person": NetworkPerson, "measure": Measure, "plan": Plan, "goal": Goal,
    "followup": FollowUp, "journal_note": JournalNote,
}
for _name, _model in _MODELS.items():
    extension.register_record_type(extension.RecordType(
        _name, _model, audit=(_AUDIT[_name],), api=_API.get(_name) and f"/api/v1/{_API[_name]}"))
TYPE_MODELS = extension.record_models()  # a live view of the registry
# Types without a child (organisation and configuration): left out when exporting some children only.
ORGANISATION_TYPES = extension.organisation_types()


def missing_type_models() -> set[str]:
    return set(ix.TYPE_ORDER) - set(TYPE_MODELS) - {"staff"}

