# SPDX-License-Identifier: MPL-2.0
"""Forms for progression: a scaling round, a goal's target and GAS levels, instrument
answers and definitions, the staircase and the flag thresholds. Forms only collect and
convert input; the services check it (with the domain core) and write."""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from forebyg.cases import models as cm
from forebyg.core import clock
from forebyg.domain import gas, instruments
from forebyg.domain import progression as dp
from forebyg.domain.staircase import MEASURE_KINDS
from forebyg.web.forms import form_field

from .models import RESPONDENT_CHOICES

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
ROWS = 8
SCORE_CHOICES = [("", "–")] + [(str(n), str(n)) for n in range(dp.SCORE_MIN, dp.SCORE_MAX + 1)]
GAS_LABELS = {
    -2: _("-2: much less than expected"), -1: _("-1: somewhat less than expected"), 0: _("0: the expected outcome"),
    1: _("+1: somewhat more than expected"), 2: _("+2: much more than expected"),
}
_MOTHER = ("mor", "mother", "mom", "mum")
_FATHER = ("far", "father", "dad")


def _respondent_of(relation: str) -> str:
    rel = relation.strip().casefold()
    if rel in _MOTHER:
        return "mother"
    if rel in _FATHER:
        return "father"
    return "parent"


def default_respondents(child: cm.Child, today: date) -> list[tuple[str, str]]:
    """Rows a scaling form starts with: the child (from 4 years), the custody holders, the
    caseworker, school or daycare, and the provider of a running measure."""
    rows: list[tuple[str, str]] = []
    # The birth date may be unknown (a child named by name only, issue #15): the child's row is offered.
    age = (today - child.birth_date).days // 365 if child.birth_date else None
    if age is None or age >= 4:
        rows.append(("child", ""))
    for holder in child.custody_holders or []:
        rows.append((_respondent_of(holder.get("relation", "")), holder.get("name", "")))
    rows.append(("caseworker", ""))
    rows.append(("daycare" if age is not None and age < 6 else "school", ""))  # unknown age: as for the child
    if child.measures.filter(ended_at__isnull=True, started_at__isnull=False).exists():
        rows.append(("provider", ""))
    return rows[:ROWS]


def context_choices(child: cm.Child) -> list[tuple[str, StrOrPromise]]:
    """The follow-ups and network meetings a scaling round can belong to."""
    choices: list[tuple[str, StrOrPromise]] = [("", _("None"))]
    for fu in cm.FollowUp.objects.filter(child=child).order_by("-held_at")[:20]:
        choices.append((f"followup:{fu.pk}", _("Follow-up %(date)s") % {"date": f"{clock.local_date(fu.held_at):%d.%m.%Y}"}))
    for nm in cm.NetworkMeeting.objects.filter(child=child).order_by("-held_at")[:20]:
        choices.append((f"meeting:{nm.pk}", f"{nm.get_kind_display()} {clock.local_date(nm.held_at):%d.%m.%Y}"))
    return choices


def context_records(context: str, child: cm.Child) -> tuple:
    """(follow-up, network meeting) of a chosen occasion, only the child's own."""
    if context.startswith("followup:"):
        return cm.FollowUp.objects.filter(pk=context.split(":", 1)[1], child=child).first(), None
    if context.startswith("meeting:"):
        return None, cm.NetworkMeeting.objects.filter(pk=context.split(":", 1)[1], child=child).first()
    return None, None


class GoalChoiceField(forms.ModelChoiceField):
    """A goal shown by its life area, text and the date of its plan."""

    def label_from_instance(self, obj: cm.Goal) -> str:
        return f"{obj.get_life_area_display()}: {obj.text[:120]} ({clock.local_date(obj.plan.made_at):%d.%m.%Y})"


class ScalingRoundForm(forms.Form):
    """One goal scaled by several respondents. Used through the child page's generic action
    view (forebyg.cases.views.child.child_action), which passes the child and the query."""

    needs_child = True
    page_template = "progression/scaling_form.html"

    goal = GoalChoiceField(queryset=cm.Goal.objects.none(), label=_("Goal"), empty_label=None)
    held_at = forms.DateTimeField(label=_("Held"), widget=DATETIME_WIDGET, input_formats=DATETIME_FORMATS)
    context = forms.ChoiceField(label=_("Occasion"), required=False,
                                help_text=_("The follow-up or network meeting the goal was scaled at, if any."))
    gas_level = forms.TypedChoiceField(
        label=_("GAS level reached"), required=False, coerce=int, empty_value=None,
        choices=[("", _("Not rated"))] + [(str(k), v) for k, v in sorted(GAS_LABELS.items(), reverse=True)],
        help_text=_("Only for a goal whose five GAS levels were described in advance."))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, child: cm.Child, query=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.child = child
        goals = cm.Goal.objects.filter(child=child).select_related("plan").order_by("-plan__made_at", "id")
        form_field(self, "goal", GoalChoiceField).queryset = goals
        wanted = (query or {}).get("goal")
        if wanted and not self.is_bound and goals.filter(pk=wanted).exists():
            self.initial["goal"] = wanted
        form_field(self, "context", forms.ChoiceField).choices = context_choices(child)
        defaults = default_respondents(child, clock.today()) if not self.is_bound else []
        for i in range(ROWS):
            n = i + 1
            self.fields[f"r{i}_respondent"] = forms.ChoiceField(
                label=_("Respondent %(n)d") % {"n": n}, required=False,
                choices=[("", "–")] + [(k, v) for k, v in RESPONDENT_CHOICES])
            self.fields[f"r{i}_name"] = forms.CharField(label=_("Name of respondent %(n)d") % {"n": n},
                                                        required=False, max_length=200)
            self.fields[f"r{i}_score"] = forms.ChoiceField(label=_("Score of respondent %(n)d (0-10)") % {"n": n},
                                                           required=False, choices=SCORE_CHOICES)
            self.fields[f"r{i}_next"] = forms.CharField(
                label=_("Respondent %(n)d: what would one step higher look like?") % {"n": n}, required=False,
                max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
            if i < len(defaults):
                self.initial[f"r{i}_respondent"], self.initial[f"r{i}_name"] = defaults[i]

    @property
    def has_goals(self) -> bool:
        goals = form_field(self, "goal", forms.ModelChoiceField).queryset
        return goals is not None and goals.exists()

    def main_fields(self):
        return [self[name] for name in ("goal", "held_at", "context", "gas_level", "note")]

    def rows(self):
        return [(i + 1, self[f"r{i}_respondent"], self[f"r{i}_name"], self[f"r{i}_score"], self[f"r{i}_next"])
                for i in range(ROWS)]

    def clean(self):
        data = super().clean()
        entries = []
        for i in range(ROWS):
            kind, name = data.get(f"r{i}_respondent"), (data.get(f"r{i}_name") or "").strip()
            score, next_step = data.get(f"r{i}_score"), (data.get(f"r{i}_next") or "").strip()
            if score in (None, ""):
                if next_step:
                    self.add_error(f"r{i}_score", _("Give a score, or leave the row's text empty."))
                continue
            if not kind:
                self.add_error(f"r{i}_respondent", _("Choose who gave the score."))
                continue
            entries.append(dp.Entry(kind, int(score), name, next_step))
        if not entries and not self.errors:
            raise forms.ValidationError(_("Give at least one score."))
        data["entries"] = entries
        data["followup"], data["network_meeting"] = context_records(data.get("context") or "", self.child)
        return data

    @staticmethod
    def service_args(data: dict) -> dict:
        return {k: data.get(k) for k in ("goal", "held_at", "entries", "followup", "network_meeting", "gas_level",
                                         "note")}


class GoalScaleForm(forms.Form):
    target_score = forms.TypedChoiceField(
        label=_("Target score (0-10)"), required=False, coerce=int, empty_value=None,
        choices=[("", _("The municipality's default"))] + [(str(n), str(n)) for n in range(0, 11)],
        help_text=_("The scaling level at which the goal counts as reached."))
    gas_weight = forms.DecimalField(label=_("GAS weight"), min_value=0.01, max_value=100, decimal_places=2,
                                    initial=1, help_text=_("1 unless this goal matters more than the others."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key in reversed(gas.LEVEL_KEYS):
            self.fields[f"gas_{key}"] = forms.CharField(
                label=GAS_LABELS[int(key)], required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def levels(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(f"gas_{key}") or "" for key in gas.LEVEL_KEYS}


class InstrumentUploadForm(forms.Form):
    file = forms.FileField(label=_("Definition file (JSON)"), required=False)
    definition = forms.CharField(label=_("…or paste the definition"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 8}))

    def text(self) -> str:
        upload = self.cleaned_data.get("file")
        if upload:
            raw = upload.read(2_000_000)
            try:
                return raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise forms.ValidationError(_("The file is not UTF-8 text.")) from None
        return self.cleaned_data.get("definition") or ""

    def clean(self):
        data = super().clean()
        if not data.get("file") and not (data.get("definition") or "").strip():
            raise forms.ValidationError(_("Choose a file or paste a definition."))
        return data


class InstrumentAnswerForm(forms.Form):
    answered_at = forms.DateTimeField(label=_("Answered"), widget=DATETIME_WIDGET, input_formats=DATETIME_FORMATS)
    respondent = forms.ChoiceField(label=_("Who answered"), choices=RESPONDENT_CHOICES)
    respondent_name = forms.CharField(label=_("Name (optional)"), required=False, max_length=200)

    def __init__(self, *args, instrument: instruments.Instrument, language: str = "da", **kwargs):
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        if instrument.respondents:
            form_field(self, "respondent", forms.ChoiceField).choices = [(k, v) for k, v in RESPONDENT_CHOICES if k in instrument.respondents]
        for n, item in enumerate(instrument.items, start=1):
            self.fields[f"item_{item.id}"] = forms.TypedChoiceField(
                label=f"{n}. {instruments.text_in(item.text, language)}", required=False, widget=forms.RadioSelect,
                coerce=float, empty_value=None,
                choices=[(_value(o.value), instruments.text_in(o.label, language)) for o in item.options])

    def meta_fields(self):
        return [self[name] for name in ("answered_at", "respondent", "respondent_name")]

    def item_fields(self):
        return [self[f"item_{i.id}"] for i in self.instrument.items]

    def answers(self) -> dict[str, float | int]:
        out = {}
        for item in self.instrument.items:
            value = self.cleaned_data.get(f"item_{item.id}")
            if value is not None:
                out[item.id] = int(value) if float(value).is_integer() else value
        return out


def _value(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else str(v)


class StaircaseForm(forms.Form):
    """The municipality's steps (name, English name, placement) and where each measure kind goes."""

    steps = forms.TypedChoiceField(label=_("Number of steps"), coerce=int, choices=[(str(n), str(n)) for n in range(2, 13)])

    def __init__(self, *args, config, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("steps", len(config.steps))
        for n in range(1, 13):
            step = config.step(n)
            self.fields[f"name_{n}"] = forms.CharField(label=_("Step %(n)d: name") % {"n": n}, required=False,
                                                       max_length=200, initial=step.name_da if step else "")
            self.fields[f"name_en_{n}"] = forms.CharField(label=_("Step %(n)d: English name") % {"n": n},
                                                          required=False, max_length=200,
                                                          initial=step.name_en if step else "")
            self.fields[f"placement_{n}"] = forms.BooleanField(label=_("Step %(n)d: placement outside the home")
                                                               % {"n": n}, required=False,
                                                               initial=bool(step and step.placement))
        for kind in MEASURE_KINDS:
            self.fields[f"kind_{kind.code}"] = forms.TypedChoiceField(
                label=f"{kind.legal_basis} – {kind.name_da}", coerce=int,
                choices=[(str(n), str(n)) for n in range(1, 13)], initial=config.step_of(kind.code))

    def step_rows(self):
        return [(n, self[f"name_{n}"], self[f"name_en_{n}"], self[f"placement_{n}"]) for n in range(1, 13)]

    def kind_fields(self):
        return [self[f"kind_{k.code}"] for k in MEASURE_KINDS]

    def config_args(self) -> dict:
        from forebyg.domain.staircase import Step

        n_steps = self.cleaned_data["steps"]
        steps = [Step(n, (self.cleaned_data.get(f"name_{n}") or "").strip(),
                      (self.cleaned_data.get(f"name_en_{n}") or "").strip(),
                      bool(self.cleaned_data.get(f"placement_{n}"))) for n in range(1, n_steps + 1)]
        kinds = {k.code: self.cleaned_data[f"kind_{k.code}"] for k in MEASURE_KINDS}
        return {"steps": steps, "kind_steps": {k: v for k, v in kinds.items()
                                               if v != next(m.default_step for m in MEASURE_KINDS if m.code == k)}}


class FlagRulesForm(forms.Form):
    reached_rounds = forms.IntegerField(label=_("Rounds that must be at or above the target"), min_value=1, max_value=10)
    default_target = forms.IntegerField(label=_("Default target score (0-10)"), min_value=0, max_value=10)
    reached_aggregate = forms.ChoiceField(label=_("A round is at the target when"), choices=[
        ("mean", _("the respondents' mean score is at or above it")),
        ("min", _("every respondent's score is at or above it"))])
    use_gas = forms.BooleanField(label=_("A goal also counts as reached by its GAS ratings"), required=False)
    gas_reached_level = forms.TypedChoiceField(label=_("GAS level that counts as reached"), coerce=int,
                                               choices=[(str(k), v) for k, v in sorted(GAS_LABELS.items())])
    stalled_followups = forms.IntegerField(label=_("Follow-ups without progression before a child is flagged"),
                                           min_value=1, max_value=10)
    min_increase = forms.DecimalField(label=_("Smallest rise in a respondent's mean that counts as progression"),
                                      min_value=0, max_value=9, decimal_places=2,
                                      help_text=_("0: any rise counts."))
    gas_rho = forms.DecimalField(label=_("GAS: assumed correlation between goals (rho)"), min_value=0,
                                 max_value=0.99, decimal_places=2, help_text=_("0.3 by Kiresuk and Sherman's convention."))

    def rules(self) -> dp.FlagRules:
        d = self.cleaned_data
        return dp.FlagRules(reached_rounds=d["reached_rounds"], default_target=d["default_target"],
                            reached_aggregate=d["reached_aggregate"], use_gas=d["use_gas"],
                            gas_reached_level=d["gas_reached_level"], stalled_followups=d["stalled_followups"],
                            min_increase=float(d["min_increase"]))


def definition_pretty(definition: dict) -> str:
    return json.dumps(definition, ensure_ascii=False, indent=2)
