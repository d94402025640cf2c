# SPDX-License-Identifier: MPL-2.0
"""Forms for the deadline pages: the as-of moment and the municipality's calendar (its local
practice standards: `local_forms`)."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from forebyg.domain.calendar import CalendarSpec
from forebyg.domain.deadlines import Rule, RuleConfig
from forebyg.domain.deadlines.local import DEFAULT_LOCAL_STANDARDS


class AsOfForm(forms.Form):
    as_of = forms.DateTimeField(label=_("As of"), required=False,
                                widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
                                input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"])


class DeadlineSettingsForm(forms.Form):
    """The municipality's working-day calendar. Its local practice standards are edited with
    `local_forms.LocalStandardFormSet` on the same page."""

    closing_days = forms.CharField(
        label=_("Yearly closing days"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line as MM-DD, e.g. 12-24 for Christmas Eve. They are not working days."))
    closing_dates = forms.CharField(
        label=_("Single closing dates"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line as YYYY-MM-DD."))
    saturday_is_working_day = forms.BooleanField(
        label=_("Count Saturdays as working days"), required=False,
        help_text=_("Applies to every deadline counted in working days, unless the municipality has set "
                    "Saturdays for a rule of its own. Whether the law counts Saturdays is not confirmed; "
                    "by default they are not counted."))

    def __init__(self, *args, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        if current is not None and not self.is_bound:
            spec = current.calendar.spec
            self.initial.update(
                closing_days="\n".join(f"{m:02d}-{d:02d}" for m, d in spec.closing_days),
                closing_dates="\n".join(d.isoformat() for d in spec.closing_dates),
                saturday_is_working_day=spec.saturday_is_working_day,
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

    def settings(self, local_standards: tuple[Rule, ...]) -> dict:
        spec = CalendarSpec(closing_days=tuple(self.cleaned_data["closing_days"]),
                            closing_dates=tuple(self.cleaned_data["closing_dates"]),
                            saturday_is_working_day=self.cleaned_data["saturday_is_working_day"])
        base = self.current.config if self.current else RuleConfig()
        config = RuleConfig(overrides=base.overrides, disabled=base.disabled, local_standards=local_standards)
        return {"calendar": spec.to_dict(), "rules": config.to_dict()}


def local_standards_in_force(current) -> tuple[Rule, ...]:
    """The standards the municipality uses now (the default ones until it saves its own list)."""
    config = current.config if current is not None else RuleConfig()
    return DEFAULT_LOCAL_STANDARDS if config.local_standards is None else config.local_standards
