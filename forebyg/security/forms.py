# SPDX-License-Identifier: MPL-2.0
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import GlassReason, RetentionAction, SecurityPolicy


class ReasonForm(forms.Form):
    reason_kind = forms.ChoiceField(label=_("Reason"), choices=[("", "—")] + list(GlassReason.choices))
    reason_text = forms.CharField(
        label=_("Explain briefly"), min_length=10, max_length=300, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Written to the access log and reviewed by your team leader. Do not write the child's name, "
                    "CPR number or details of the case here."))


class DsarForm(forms.Form):
    reference = forms.CharField(label=_("Reference of the request (e.g. journal number)"), max_length=100)
    include_staff_names = forms.BooleanField(label=_("Include employees' names in the access log"), required=False)
    fmt = forms.ChoiceField(label=_("Format"), choices=[("html", _("Page to print")), ("pdf", "PDF"),
                                                       ("json", _("JSON (machine-readable)"))])


class PolicyForm(forms.ModelForm):
    class Meta:
        model = SecurityPolicy
        fields = ["caseworker_sees_team", "manager_sees_all", "glass_hours", "bulk_reads", "bulk_minutes",
                  "odd_hours_from", "odd_hours_to", "flag_weekends"]

    def clean(self):
        data = super().clean()
        for name in ("odd_hours_from", "odd_hours_to"):
            if data.get(name) is not None and data[name] > 23:
                self.add_error(name, _("An hour of the day: 0 to 23."))
        if data.get("glass_hours") is not None and not 1 <= data["glass_hours"] <= 24:
            self.add_error("glass_hours", _("Between 1 and 24 hours."))
        return data


class RetentionRuleForm(forms.Form):
    years = forms.IntegerField(label=_("Years"), min_value=1, max_value=100)
    action = forms.ChoiceField(label=_("Then"), choices=RetentionAction.choices)
    enabled = forms.BooleanField(label=_("In use"), required=False)
