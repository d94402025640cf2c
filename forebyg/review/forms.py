# SPDX-License-Identifier: MPL-2.0
"""Forms for the case review: running a review, overriding a finding, tasks."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from forebyg.accounts.models import User
from forebyg.core.models import Team
from forebyg.domain.review import Criteria, Outcome, Period, Thresholds
from forebyg.domain.staircase import DEFAULT_STEPS, MEASURE_KINDS
from forebyg.web.forms import form_field

from .models import OUTCOME_CHOICES
from .services import ASSIGNABLE_ROLES

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
STRATA_CHOICES = [("team", _("Team")), ("step", _("Staircase step")), ("measure_kind", _("Measure kind")),
                  ("law", _("Law period"))]


class ReviewForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    period_start = forms.DateField(label=_("Period from"), widget=DATE)
    period_end = forms.DateField(label=_("Period to"), widget=DATE)
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none(), required=False,
                                  empty_label=_("All teams"))
    measure_kind = forms.ChoiceField(label=_("Measure kind"), required=False)
    step = forms.ChoiceField(label=_("Staircase step"), required=False)
    include_ongoing = forms.BooleanField(
        label=_("Include cases with a measure running in the period"), required=False, initial=True,
        help_text=_("Otherwise only cases with a notification, investigation or decision in the period."))
    sample_size = forms.IntegerField(label=_("Sample size"), required=False, min_value=1, max_value=100000,
                                     help_text=_("Empty: every case that meets the criteria."))
    seed = forms.IntegerField(label=_("Seed"), required=False, min_value=0, max_value=2**62,
                              help_text=_("Empty: a random seed is chosen and recorded. "
                                          "The same seed gives the same sample."))
    stratify_by = forms.MultipleChoiceField(label=_("Stratify by"), required=False, choices=STRATA_CHOICES,
                                            widget=forms.CheckboxSelectMultiple)
    as_of = forms.DateTimeField(label=_("Assess the cases as of"), required=False,
                                widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
                                input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
                                help_text=_("Empty: now. Records made later are not seen."))
    strength_at = forms.IntegerField(label=_("Strength from (% met)"), min_value=0, max_value=100, initial=90)
    development_below = forms.IntegerField(label=_("Development point below (% met)"), min_value=0, max_value=100,
                                           initial=75)
    min_cases = forms.IntegerField(label=_("Fewest cases for an assessment"), min_value=1, max_value=1000,
                                   initial=3)

    def __init__(self, *args, municipality_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        form_field(self, "team", forms.ModelChoiceField).queryset = Team.objects.filter(municipality_id=municipality_id)
        form_field(self, "measure_kind", forms.ChoiceField).choices = [("", _("All measure kinds"))] + [
            (k.code, f"{k.name_da} ({k.law}, {k.legal_basis})") for k in MEASURE_KINDS]
        form_field(self, "step", forms.ChoiceField).choices = [("", _("All steps"))] + [
            (str(s.number), f"{s.number}: {s.name_da}") for s in DEFAULT_STEPS]

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period ends before it starts."))
        s, d = data.get("strength_at"), data.get("development_below")
        if s is not None and d is not None and d > s:
            self.add_error("development_below", _("Must not be above the strength threshold."))
        if data.get("seed") is not None and not data.get("sample_size"):
            self.add_error("seed", _("A seed is only used with a sample size."))
        return data

    def criteria(self) -> Criteria:
        d = self.cleaned_data
        return Criteria(
            period=Period(d["period_start"], d["period_end"]),
            teams=(d["team"].pk,) if d.get("team") else (),
            measure_kinds=(d["measure_kind"],) if d.get("measure_kind") else (),
            steps=(int(d["step"]),) if d.get("step") else (),
            include_ongoing=bool(d.get("include_ongoing")),
        )

    def thresholds(self) -> Thresholds:
        d = self.cleaned_data
        return Thresholds(d["strength_at"] / 100, d["development_below"] / 100, d["min_cases"])


class OverrideForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Reviewer's finding"), choices=OUTCOME_CHOICES)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("Required. The machine finding is kept beside yours."))


class TaskForm(forms.Form):
    assignee = forms.ModelChoiceField(label=_("Caseworker"), queryset=User.objects.none(), to_field_name="ext_id")
    description = forms.CharField(label=_("What to do"), widget=forms.Textarea(attrs={"rows": 2}))
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DATE)

    def __init__(self, *args, municipality_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        form_field(self, "assignee", forms.ModelChoiceField).queryset = User.objects.filter(
            municipality_id=municipality_id, role__in=ASSIGNABLE_ROLES, is_active=True,
        ).order_by("full_name", "username")


class TaskDoneForm(forms.Form):
    note = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}))


OUTCOMES = Outcome.ALL
