# SPDX-License-Identifier: MPL-2.0
"""Forms for case practice. They only parse input; the services decide what is valid."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils.formats import date_format, number_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from forebyg.core import extension
from forebyg.core.clock import now as clock_now
from forebyg.core.models import District, Institution, Team
from forebyg.domain.calendar import local_date
from forebyg.domain.interchange import schema as sx
from forebyg.domain.staircase import DEFAULT_STEPS, KINDS_BY_CODE, MEASURE_KINDS, law_for
from forebyg.security.crypto import cpr_hash

from . import models as m

if TYPE_CHECKING:
    from forebyg.accounts.models import User

DT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
D = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def dt_field(label, required=True):
    return forms.DateTimeField(label=label, required=required, widget=DT,
                               input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])


def choice(values, labels, label, required=True):
    return forms.ChoiceField(label=label, choices=[(v, labels.get(v, v)) for v in values], required=required)


class ChildForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    birth_date = forms.DateField(label=_("Birth date"), widget=D, required=False,
                                 help_text=_("Leave empty when unknown; it can be added later."))
    cpr = forms.CharField(label=_("CPR number"), max_length=11, required=False,
                          help_text=_("DDMMYY-XXXX. Optional; shown masked."))
    district = forms.ModelChoiceField(label=_("School district"), queryset=District.objects.none(), required=False)
    institution = forms.ModelChoiceField(label=_("School or daycare"), queryset=Institution.objects.none(), required=False)
    custody_holders = forms.CharField(label=_("Custody holders"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                                      help_text=_("One per line: name, relation (e.g. 'Anna Jensen, mor')."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = District.objects.all()
        self.fields["institution"].queryset = Institution.objects.all()

    def clean_custody_holders(self):
        people = []
        for line in self.cleaned_data["custody_holders"].splitlines():
            if not line.strip():
                continue
            name, _sep, relation = line.partition(",")
            if not name.strip() or not relation.strip():
                raise forms.ValidationError(_("Write each custody holder as 'name, relation'."))
            people.append({"name": name.strip(), "relation": relation.strip()})
        return people


class NotificationForm(forms.Form):
    received_at = dt_field(_("Received"))
    channel = choice(sx.CHANNELS, m.CHANNEL_LABELS, _("Channel"))
    notifier_kind = choice(sx.NOTIFIER_KINDS, m.NOTIFIER_LABELS, _("Notifier"))
    notifier_professional = forms.TypedChoiceField(
        label=_("Professional notifier (duty to notify)"), required=False, empty_value=None,
        coerce=lambda v: v == "yes",
        choices=[("", _("By the kind of notifier")), ("yes", _("Yes, a professional")), ("no", _("No, not a professional"))],
        help_text=_("School, daycare, health visitor, PPR, police and hospital are professionals unless you choose otherwise."))
    concerns_abuse = forms.BooleanField(
        label=_("The notification concerns abuse"), required=False,
        help_text=_("A conversation with the child is then mandatory (BL § 137, stk. 3)."))
    notifier_name = forms.CharField(label=_("Notifier's name and contact"), required=False, max_length=500)
    concern = forms.CharField(label=_("Concern"), widget=forms.Textarea(attrs={"rows": 5}))
    children = forms.CharField(label=_("Children (CPR numbers)"), widget=forms.Textarea(attrs={"rows": 2}),
                               required=False,
                               help_text=_("One CPR number per line. Siblings can be named in the same notification."))
    # A child not yet registered (issue #15): registered together with the notification as a child
    # record; the name is enough ("Emma i 3.b"): birth date and CPR number are added when known.
    new_child_name = forms.CharField(label=_("Child not registered: name"), required=False, max_length=200,
                                     help_text=_("Registers the child with the notification. Leave empty when "
                                                 "every child is named by CPR number above."))
    new_child_birth_date = forms.DateField(label=_("Child not registered: birth date"), required=False, widget=D)
    new_child_cpr = forms.CharField(label=_("Child not registered: CPR number (if known)"), required=False,
                                    max_length=11)
    team = forms.ModelChoiceField(label=_("Route to team"), queryset=Team.objects.none(), required=False)
    # Set when the new child was looked up in the CPR register (issue #19): saving then takes the address
    # and custody holders from the register (forebyg.cases.views.register).
    from_register = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.all()

    def clean(self):
        data = professional_by_kind(super().clean())
        name = (data.get("new_child_name") or "").strip()
        data["new_child_name"] = name
        if not name and (data.get("new_child_birth_date") or (data.get("new_child_cpr") or "").strip()):
            self.add_error("new_child_name", _("Give the child's name to register the child."))
        if not data.get("children") and not name and "children" not in self.errors:
            self.add_error("children", _("Name at least one child: a CPR number, or a child not yet registered below."))
        return data

    def clean_children(self):
        return children_from_lines(self.cleaned_data["children"])

    def new_child(self) -> dict | None:
        """The child to register with the notification, if one was given."""
        d = self.cleaned_data
        if not d.get("new_child_name"):
            return None
        return {"name": d["new_child_name"], "birth_date": d["new_child_birth_date"],
                "cpr": (d.get("new_child_cpr") or "").strip() or None}

    def notification_args(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if not k.startswith("new_child_") and k != "from_register"}


def professional_by_kind(data: dict) -> dict:
    """A notifier is a professional by the kind of notifier unless the user chose otherwise."""
    if data.get("notifier_professional") is None and data.get("notifier_kind"):
        data["notifier_professional"] = data["notifier_kind"] in sx.PROFESSIONAL_NOTIFIER_KINDS
    return data


def children_from_lines(text: str) -> list[m.Child]:
    """Registered children named one per line by CPR number (or id); an unknown number is refused."""
    found: list[m.Child] = []
    missing: list[str] = []
    for line in text.split():
        digits = line.replace("-", "")
        child = (m.Child.objects.filter(cpr_hash=cpr_hash(digits)).first() if digits.isdigit() else None) \
            or m.Child.objects.filter(pk=line).first()
        if child:
            found.append(child)
        else:
            missing.append(line)
    if missing:
        raise forms.ValidationError(
            _("No registered child has this CPR number: %(numbers)s. Register the child first.")
            % {"numbers": ", ".join(missing)})
    return found


class AcuteAssessmentForm(forms.Form):
    assessed_at = dt_field(_("Assessed"))
    acute = forms.BooleanField(label=_("Acute need found"), required=False)
    action = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}))
    covers: forms.ModelMultipleChoiceField[m.Notification] = forms.ModelMultipleChoiceField(
        label=_("The assessment also covers"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Other notifications about the same child that are not yet assessed. Tick those this "
                    "assessment also answers; each then counts as assessed at the same time."))

    def __init__(self, *args, notification=None, **kwargs):
        super().__init__(*args, **kwargs)
        from .selectors.covers import unassessed_siblings

        field = self.fields["covers"]
        field.queryset = unassessed_siblings(notification) if notification is not None else m.Notification.objects.none()
        field.label_from_instance = lambda n: _("Received %(when)s from %(who)s") % {
            "when": date_format(localtime(n.received_at), "d.m.Y H:i"), "who": n.get_notifier_kind_display()}
        if not field.queryset.exists():
            del self.fields["covers"]


class AcknowledgementForm(forms.Form):
    sent_at = dt_field(_("Acknowledgement sent"))


class RouteForm(forms.Form):
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.all()


class _FetchedChoices(forms.models.ModelChoiceIterator):
    """Choices from a list fetched once: the team page shows the same caseworkers in every row."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.field.fetched:
            yield self.choice(obj)

    def __len__(self):
        return len(self.field.fetched) + (self.field.empty_label is not None)


class AssignForm(forms.Form):
    caseworker: forms.ModelChoiceField[User] = forms.ModelChoiceField(label=_("Caseworker"), queryset=None)

    def __init__(self, *args, caseworkers=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["caseworker"]
        if isinstance(caseworkers, list):  # already fetched: render from the list, no query per form
            field.fetched = caseworkers
            field.iterator = _FetchedChoices
            caseworkers = type(caseworkers[0]).objects.filter(pk__in=[u.pk for u in caseworkers]) if caseworkers \
                else None
        field.queryset = caseworkers


class MoveForm(forms.Form):
    """Move a case or a notification to another team (cases.services.teams): a stated reason, logged."""
    team = forms.ModelChoiceField(label=_("To team"), queryset=Team.objects.none())
    reason = forms.CharField(label=_("Reason for the move"), max_length=300, widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("The reason is logged. Do not write details of the case."))

    def __init__(self, *args, exclude_team=None, **kwargs):
        super().__init__(*args, **kwargs)
        teams = Team.objects.order_by("name")
        self.fields["team"].queryset = teams.exclude(pk=exclude_team) if exclude_team else teams


class DecisionForm(forms.Form):
    child: forms.ModelChoiceField[m.Child] = forms.ModelChoiceField(label=_("Child"), queryset=None)
    decided_at = dt_field(_("Decided"))
    outcome = choice(sx.DECISION_OUTCOMES, m.OUTCOME_LABELS, _("Decision"))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, notification=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = notification.children.all()


class FeedbackForm(forms.Form):
    given_at = dt_field(_("Given"))
    content = choice(sx.FEEDBACK_CONTENT, m.FEEDBACK_LABELS, _("What the notifier was told"))


class CounsellingForm(forms.Form):
    started_at = dt_field(_("Started"))
    consent_at = dt_field(_("Consent given"))
    consent_by = forms.CharField(label=_("Consent given by"), max_length=200)
    referred_by = choice(sx.REFERRERS, m.NOTIFIER_LABELS, _("Invited by"))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class InvestigationStartForm(forms.Form):
    aware_at = dt_field(_("The municipality became aware"))
    started_at = dt_field(_("Started"))
    consent = forms.BooleanField(label=_("With consent of the custody holders"), required=False, initial=True)


SEL_AREAS = [(a, m.LIFE_AREA_LABELS[a]) for a in sx.LIFE_AREAS]


class VersionedForm(forms.Form):
    """An edit form that carries the version of the record the user opened: saving over a newer
    version is refused (optimistic locking, forebyg.cases.services.records.expect_version)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class InvestigationForm(VersionedForm):
    holistic = forms.CharField(label=_("Holistic assessment of challenges and resources (BL § 22)"), required=False,
                               widget=forms.Textarea(attrs={"rows": 4}))
    conclusion = forms.CharField(label=_("Conclusion"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    completed_at = dt_field(_("Completed"), required=False)
    provisional_assessment_at = dt_field(_("Provisional assessment (BL, if late)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for area, label in SEL_AREAS:
            self.fields[f"area_{area}"] = forms.CharField(label=label, required=False,
                                                          widget=forms.Textarea(attrs={"rows": 2}))

    def sections(self):
        out = {area: self.cleaned_data.get(f"area_{area}", "") for area, _l in SEL_AREAS}
        out["holistic"] = self.cleaned_data.get("holistic", "")
        return out


class ConversationForm(forms.Form):
    held_at = dt_field(_("Held"))
    purpose = forms.CharField(label=_("Purpose"), max_length=2000)
    note = forms.CharField(label=_("What the child said"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class MeetingForm(forms.Form):
    held_at = dt_field(_("Held"))
    kind = choice(sx.MEETING_KINDS, m.MEETING_LABELS, _("Kind"))
    participants = forms.CharField(label=_("Participants"), widget=forms.Textarea(attrs={"rows": 3}),
                                   help_text=_("One per line: name, role (e.g. 'Ole Hansen, morfar')."))
    agreements = forms.CharField(label=_("Agreements"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    followup_date = forms.DateField(label=_("Follow-up meeting (6–8 weeks later)"), required=False, widget=D)

    def clean_participants(self):
        out = []
        for line in self.cleaned_data["participants"].splitlines():
            if not line.strip():
                continue
            name, _sep, role = line.partition(",")
            if not name.strip() or not role.strip():
                raise forms.ValidationError(_("Write each participant as 'name, role'."))
            out.append({"name": name.strip(), "role": role.strip()})
        return out


class NetworkPersonForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    relation = forms.CharField(label=_("Relation to the child"), max_length=200)
    resource = forms.BooleanField(label=_("Can be a resource for the child"), required=False)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


def staircase_config_for(municipality_id):
    """The municipality's staircase (kind -> step, step names), from the measure-step resolver the
    progression app registers (forebyg.core.extension). Without it the six default steps of
    forebyg.domain.staircase are used (None)."""
    resolver = extension.measure_steps()
    return resolver.staircase(municipality_id) if resolver is not None and municipality_id else None


class _OfferSelect(forms.Select):
    """Each offer option carries its measure kind (data-kind), so the static script can hide the others."""

    kinds: dict = {}

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        kind = self.kinds.get(str(getattr(value, "value", value)))
        if kind:
            option["attrs"]["data-kind"] = kind
        return option


def _step_label(kind, municipality_id) -> str:
    """'BL § 32 stk. 1 nr. 3 – Familiebehandling (trin 3: Hjemmebaserede indsatser)'."""
    from django.utils.translation import get_language, gettext

    language = get_language() or "da"
    config = staircase_config_for(municipality_id)
    number = dict(config.kind_steps).get(kind.code, kind.default_step) if config else kind.default_step
    if config:
        name = config.name(number, language)
    else:
        step = next((s for s in DEFAULT_STEPS if s.number == number), None)
        name = (step.name_en if language.startswith("en") else step.name_da) if step else ""
    kind_name = kind.name_en if language.startswith("en") else kind.name_da
    return gettext("%(basis)s – %(name)s (step %(number)s: %(step)s)") % {
        "basis": kind.legal_basis, "name": kind_name, "number": number, "step": name}


class MeasureForm(forms.Form):
    """Barnets Lov kinds first (decisions from 1 January 2024); Serviceloven kinds only for older
    decisions — the decision's Danish date decides (clean refuses the other period). The offers are
    grouped by the measure they provide, and only the chosen kind's offers are listed once it is known."""

    needs_child = True
    page_template = "cases/measure_form.html"
    decided_at = dt_field(_("Decided"))
    kind = forms.ChoiceField(label=_("Measure"), help_text=_(
        "Barnets Lov applies to decisions from 1 January 2024. Choose a Serviceloven measure only when "
        "you register a decision made before then."))
    offer = forms.ModelChoiceField(label=_("Offer from the range of offers"), queryset=m.Offer.objects.none(),
                                   required=False, widget=_OfferSelect,
                                   help_text=_("Only offers that provide the chosen measure can be chosen."))
    purpose = forms.CharField(label=_("Purpose"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    expected_duration_months = forms.IntegerField(label=_("Expected duration (months)"), required=False, min_value=1, max_value=240)
    started_at = dt_field(_("Started"), required=False)
    plan_decision = forms.ChoiceField(
        label=_("Child's plan (Barnets Lov § 32 support)"), required=False,
        choices=[("", _("Not decided")), *[(k, m.PLAN_DECISION_LABELS[k]) for k in sx.PLAN_DECISIONS]],
        help_text=_("At the decision on support, take a position on whether a child's plan is made "
                    "(BL § 91, stk. 1). If it is, the plan is due within 3 months."))
    urgent_plan = forms.BooleanField(
        label=_("Serviceloven: the matter could not wait for the action plan"), required=False,
        help_text=_("Only when a brief statement of purpose was given before the decision: the action plan "
                    "is then due within 4 months (SEL § 140, stk. 1). Otherwise it is due at the decision."))

    def __init__(self, *args, child=None, query=None, **kwargs):
        super().__init__(*args, **kwargs)
        municipality_id = getattr(child, "municipality_id", None)
        self.fields["kind"].choices = [
            ("", _("Choose a measure")),
            (_("Barnets Lov (decisions from 1 January 2024)"),
             [(k.code, _step_label(k, municipality_id)) for k in MEASURE_KINDS if k.law == "BL"]),
            (_("Serviceloven (only decisions before 1 January 2024)"),
             [(k.code, _step_label(k, municipality_id)) for k in MEASURE_KINDS if k.law == "SEL"]),
        ]
        offers = list(m.Offer.objects.all())
        self.fields["offer"].queryset = m.Offer.objects.all()
        chosen = (self.data.get("kind") if self.is_bound else (query or {}).get("kind")) or ""
        if chosen in KINDS_BY_CODE:
            self.initial.setdefault("kind", chosen)
            offers = [o for o in offers if o.measure_kind == chosen]
        widget = self.fields["offer"].widget
        widget.kinds = {str(o.pk): o.measure_kind for o in offers}
        groups: dict[str, list] = {}
        for o in offers:
            kind = KINDS_BY_CODE.get(o.measure_kind)
            groups.setdefault(f"{kind.legal_basis} – {kind.name_da}" if kind else o.measure_kind, []).append(
                (o.pk, f"{o.name} – {o.provider} ({number_format(o.price_per_month, 0, force_grouping=True)} "
                       f"{_('DKK/month')})"))
        self.fields["offer"].choices = [("", _("No offer chosen")), *groups.items()]

    def clean_plan_decision(self):
        return self.cleaned_data["plan_decision"] or None

    def clean(self):
        data = super().clean()
        kind, decided_at, offer = KINDS_BY_CODE.get(data.get("kind") or ""), data.get("decided_at"), data.get("offer")
        if kind and decided_at and kind.law != law_for(local_date(decided_at)):
            self.add_error("kind", _("Barnets Lov applies to decisions from 1 January 2024: choose a Barnets Lov "
                                     "measure.") if kind.law == "SEL" else
                           _("The decision is from before 1 January 2024: choose a Serviceloven measure."))
        if kind and offer is not None and offer.measure_kind != kind.code:
            provided = KINDS_BY_CODE.get(offer.measure_kind)
            self.add_error("offer", _("The offer %(offer)s provides %(provided)s, not %(kind)s. Choose one of the "
                                      "offers listed for the measure.") % {
                "offer": offer.name, "provided": provided.legal_basis if provided else offer.measure_kind,
                "kind": kind.legal_basis})
        return data

    def future_start(self):
        """The start date when it lies after today (Danish date): saved, with a warning (issue #15)."""
        started = self.cleaned_data.get("started_at")
        return started if started and local_date(started) > local_date(clock_now()) else None


class MeasureStartForm(VersionedForm):
    started_at = dt_field(_("Started"))


class MeasureEndForm(VersionedForm):
    ended_at = dt_field(_("Ended"))
    end_reason = forms.CharField(label=_("Reason"), max_length=2000)


class PlanForm(forms.Form):
    kind = choice(sx.PLAN_KINDS, m.PLAN_LABELS, _("Kind"))
    made_at = dt_field(_("Made"))
    summary = forms.CharField(label=_("Purpose and summary"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(1, 4):
            self.fields[f"goal_{i}_area"] = choice([""] + sx.LIFE_AREAS, {"": "—", **m.LIFE_AREA_LABELS},
                                                   _("Goal %(n)s: life area") % {"n": i}, required=False)
            self.fields[f"goal_{i}_text"] = forms.CharField(label=_("Goal %(n)s, in the child's words") % {"n": i},
                                                            required=False, max_length=2000)
            self.fields[f"goal_{i}_target"] = forms.DateField(label=_("Goal %(n)s: target date") % {"n": i},
                                                              required=False, widget=D)

    def clean(self):
        data = super().clean()
        for i in range(1, 4):
            if bool(data.get(f"goal_{i}_area")) != bool(data.get(f"goal_{i}_text")):
                self.add_error(f"goal_{i}_text", _("A goal needs both a life area and a text."))
        return data

    def goals(self):
        return [{"life_area": self.cleaned_data[f"goal_{i}_area"], "text": self.cleaned_data[f"goal_{i}_text"],
                 "target_date": self.cleaned_data.get(f"goal_{i}_target")}
                for i in range(1, 4) if self.cleaned_data.get(f"goal_{i}_text")]


class FollowUpForm(forms.Form):
    held_at = dt_field(_("Held"))
    measure = forms.ModelChoiceField(label=_("Measure followed up"), queryset=m.Measure.objects.none(), required=False)
    note = forms.CharField(label=_("The child's progression and the next steps"), required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))
    next_due = forms.DateField(label=_("Next follow-up due"), required=False, widget=D)

    def __init__(self, *args, child=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = child.measures.filter(ended_at__isnull=True)
        self.fields["measure"].label_from_instance = lambda x: f"{x.legal_basis} ({local_date(x.decided_at):%d.%m.%Y})"
