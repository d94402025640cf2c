# SPDX-License-Identifier: MPL-2.0
"""Forms for the municipality's configuration: teams, school districts, institutions, offers."""

from django import forms
from django.utils.translation import gettext_lazy as _

from forebyg.core.models import District, Institution
from forebyg.domain.staircase import MEASURE_KINDS


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)


class DistrictForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)


class InstitutionForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Institution.Kind.choices)
    district = forms.ModelChoiceField(label=_("School district"), queryset=District.objects.none(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = District.objects.all()


class OfferForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    provider = forms.CharField(label=_("Provider"), max_length=200)
    measure_kind = forms.ChoiceField(label=_("Measure kind"), choices=[
        (_("Serviceloven (before 2024)"), [(k.code, f"{k.legal_basis} – {k.name_da}") for k in MEASURE_KINDS if k.law == "SEL"]),
        (_("Barnets Lov (from 2024)"), [(k.code, f"{k.legal_basis} – {k.name_da}") for k in MEASURE_KINDS if k.law == "BL"]),
    ])
    price_per_month = forms.DecimalField(label=_("Price per month (DKK)"), min_value=0, max_value=10_000_000,
                                         decimal_places=2)
