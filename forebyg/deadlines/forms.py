# SPDX-License-Identifier: MPL-2.0
"""Forms for the deadline pages. Local standards are edited as the domain core's JSON."""

from __future__ import annotations

import json
from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from forebyg.domain.calendar import CalendarSpec
from forebyg.domain.deadlines import Rule, RuleConfig, validate_local_standard
from forebyg.domain.deadlines.local import DEFAULT_LOCAL_STANDARDS


class AsOfForm(forms.Form):
    as_of = forms.DateTimeField(label=_("As of"), required=False,
                                widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
                                input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"])


class DeadlineSettingsForm(forms.Form):
    closing_days = forms.CharField(
        label=_("Yearly closing days"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line as MM-DD, e.g. 12-24 for Christmas Eve. They are not working days."))
    closing_dates = forms.CharField(
        label=_("Single closing dates"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line as YYYY-MM-DD."))
    saturday_is_working_day = forms.BooleanField(
        label=_("Count Saturdays as working days (UNCONFIRMED in the law; see docs/rules.md)"), required=False)
    local_standards = forms.CharField(
        label=_("Local practice standards (JSON)"), required=False, widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("A list of rules in the format of docs/rules.md. Empty: the default standards."))

    def __init__(self, *args, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        if current is not None and not self.is_bound:
            spec = current.calendar.spec
            self.initial.update(
                closing_days="\n".join(f"{m:02d}-{d:02d}" for m, d in spec.closing_days),
                closing_dates="\n".join(d.isoformat() for d in spec.closing_dates),
                saturday_is_working_day=spec.saturday_is_working_day,
                local_standards=json.dumps(
                    [r.to_dict() for r in (current.config.local_standards
                                           if current.config.local_standards is not None
                                           else DEFAULT_LOCAL_STANDARDS)],
                    ensure_ascii=False, indent=2),
            )
        self.current = current

    def clean_closing_days(self):
        days = []
        for line in self.cleaned_data["closing_days"].split():
            try:
                month, day = (int(p) for p in line.split("-"))
                date(2000, month, day)
            except ValueError:
                raise forms.ValidationError(_("'%(value)s' is not a day as MM-DD.") % {"value": line}) from None
            days.append((month, day))
        return days

    def clean_closing_dates(self):
        out = []
        for line in self.cleaned_data["closing_dates"].split():
            try:
                out.append(date.fromisoformat(line))
            except ValueError:
                raise forms.ValidationError(_("'%(value)s' is not a date as YYYY-MM-DD.") % {"value": line}) from None
        return out

    def clean_local_standards(self):
        text = self.cleaned_data["local_standards"].strip()
        if not text:
            return None
        try:
            data = json.loads(text)
            if not isinstance(data, list):
                raise ValueError("not a list")
            rules = [Rule.from_dict(item) for item in data]
        except (ValueError, KeyError, TypeError) as exc:
            raise forms.ValidationError(_("The local standards are not valid JSON rules: %(error)s") % {"error": exc}) from None
        problems = [f"{r.id}: {p}" for r in rules for p in validate_local_standard(r)]
        if problems:
            raise forms.ValidationError("; ".join(problems))
        return tuple(rules)

    def settings(self) -> dict:
        spec = CalendarSpec(closing_days=tuple(self.cleaned_data["closing_days"]),
                            closing_dates=tuple(self.cleaned_data["closing_dates"]),
                            saturday_is_working_day=self.cleaned_data["saturday_is_working_day"])
        base = self.current.config if self.current else RuleConfig()
        config = RuleConfig(overrides=base.overrides, disabled=base.disabled,
                            local_standards=self.cleaned_data["local_standards"])
        return {"calendar": spec.to_dict(), "rules": config.to_dict()}
