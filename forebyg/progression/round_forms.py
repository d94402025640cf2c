# SPDX-License-Identifier: MPL-2.0
""""Skaler alle mål": one scaling round for every goal of the child's plan (issue #15). The
respondents are named once; each goal gets a score (and what one step higher would look like) from
each of them. The form only collects and converts input; services.scaling_rounds_record checks and
writes one record per goal in one transaction."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from forebyg.cases import models as cm
from forebyg.core import clock
from forebyg.domain import progression as dp

from .forms import (
    DATETIME_FORMATS,
    DATETIME_WIDGET,
    GAS_LABELS,
    SCORE_CHOICES,
    context_choices,
    context_records,
    default_respondents,
)
from .models import RESPONDENT_CHOICES, GoalScale

ROWS = 6


def plan_goals(child: cm.Child) -> tuple[cm.Plan | None, list[cm.Goal]]:
    """The goals of the child's newest plan that has goals."""
    for plan in cm.Plan.objects.filter(child=child).order_by("-made_at", "-created_at"):
        goals = list(cm.Goal.objects.filter(plan=plan).order_by("created_at", "id"))
        if goals:
            return plan, goals
    return None, []


class ScaleAllForm(forms.Form):
    held_at = forms.DateTimeField(label=_("Held"), widget=DATETIME_WIDGET, input_formats=DATETIME_FORMATS)
    context = forms.ChoiceField(label=_("Occasion"), required=False,
                                help_text=_("The follow-up or network meeting the goals were scaled at, if any."))

    def __init__(self, *args, child: cm.Child, **kwargs):
        super().__init__(*args, **kwargs)
        self.child = child
        self.plan, self.goals = plan_goals(child)
        cast(forms.ChoiceField, self.fields["context"]).choices = context_choices(child)
        self.goal_errors: dict[int, list[str]] = {}
        gas_goals = set(GoalScale.objects.filter(goal__in=self.goals).exclude(gas_levels=None)
                        .values_list("goal_id", flat=True))
        defaults = default_respondents(child, clock.today()) if not self.is_bound else []
        for i in range(ROWS):
            n = i + 1
            self.fields[f"r{i}_respondent"] = forms.ChoiceField(
                label=_("Respondent %(n)d") % {"n": n}, required=False,
                choices=[("", "–")] + [(k, v) for k, v in RESPONDENT_CHOICES])
            self.fields[f"r{i}_name"] = forms.CharField(label=_("Name of respondent %(n)d") % {"n": n},
                                                        required=False, max_length=200)
            if i < len(defaults):
                self.initial[f"r{i}_respondent"], self.initial[f"r{i}_name"] = defaults[i]
        for j, goal in enumerate(self.goals):
            for i in range(ROWS):
                who = {"goal": j + 1, "n": i + 1}
                self.fields[f"g{j}_r{i}_score"] = forms.ChoiceField(
                    label=_("Goal %(goal)d, respondent %(n)d: score (0-10)") % who, required=False,
                    choices=SCORE_CHOICES)
                self.fields[f"g{j}_r{i}_next"] = forms.CharField(
                    label=_("Goal %(goal)d, respondent %(n)d: what would one step higher look like?") % who,
                    required=False, max_length=2000)
            if goal.pk in gas_goals:
                self.fields[f"g{j}_gas"] = forms.TypedChoiceField(
                    label=_("Goal %(goal)d: GAS level reached") % {"goal": j + 1}, required=False, coerce=int,
                    empty_value=None,
                    choices=[("", _("Not rated"))] + [(str(k), v) for k, v in sorted(GAS_LABELS.items(), reverse=True)])

    def respondent_rows(self):
        return [(i + 1, self[f"r{i}_respondent"], self[f"r{i}_name"]) for i in range(ROWS)]

    def _respondent_label(self, i: int) -> str:
        source = self.data if self.is_bound else self.initial
        kind = source.get(f"r{i}_respondent") or ""
        name = (source.get(f"r{i}_name") or "").strip()
        label = str(dict(RESPONDENT_CHOICES).get(kind, ""))
        return f"{label} ({name})" if label and name else label

    def goal_sections(self):
        """Per goal: number, goal, error messages, GAS field (or None), rows of (respondent, score, next)."""
        out = []
        for j, goal in enumerate(self.goals):
            rows = [(self._respondent_label(i) or _("Respondent %(n)d") % {"n": i + 1},
                     self[f"g{j}_r{i}_score"], self[f"g{j}_r{i}_next"]) for i in range(ROWS)]
            out.append({"number": j + 1, "goal": goal, "errors": self.goal_errors.get(j, []), "rows": rows,
                        "gas": self[f"g{j}_gas"] if f"g{j}_gas" in self.fields else None})
        return out

    def mark_goal(self, j: int, message) -> None:
        self.goal_errors.setdefault(j, []).append(str(message))

    def clean(self):
        data = super().clean()
        respondents = [(data.get(f"r{i}_respondent") or "", (data.get(f"r{i}_name") or "").strip())
                       for i in range(ROWS)]
        rounds = []
        for j, goal in enumerate(self.goals):
            entries = []
            for i, (kind, name) in enumerate(respondents):
                score, next_step = data.get(f"g{j}_r{i}_score"), (data.get(f"g{j}_r{i}_next") or "").strip()
                if score in (None, ""):
                    if next_step:
                        self.add_error(f"g{j}_r{i}_score", _("Give a score, or leave the row's text empty."))
                        self.mark_goal(j, _("A text without a score (row %(n)d).") % {"n": i + 1})
                    continue
                if not kind:
                    self.add_error(f"g{j}_r{i}_score", _("Choose who gave the score."))
                    self.mark_goal(j, _("Row %(n)d has a score but no respondent: choose who gave it at the top.")
                                   % {"n": i + 1})
                    continue
                entries.append(dp.Entry(kind, int(score), name, next_step))
            gas_level = data.get(f"g{j}_gas")
            if entries or gas_level is not None:
                rounds.append({"goal": goal, "entries": entries, "gas_level": gas_level, "index": j})
        if not rounds and not self.errors:
            raise forms.ValidationError(_("Give at least one score."))
        data["rounds"] = rounds
        data["followup"], data["network_meeting"] = context_records(data.get("context") or "", self.child)
        return data
